/**
 * The reference-string field tagger: splits one reference ("Smith, J. (1999).
 * A title. Journal 3, 1–9.") into labelled fields (author, date, title,
 * journal, volume, pages, …).
 *
 * A linear-chain sequence model over white-space tokens (src/cite/tokens.ts):
 * each token's score for a label is the sum of the weights of its features
 * (below) for that label, plus a weight for each pair of adjacent labels;
 * Viterbi decoding finds the best label sequence, and runs of one label are the
 * fields. Transitions are weighted per kind of gap between the two tokens
 * (`gapClasses`). The weights are learnt by eval/train-tagger.ts (a CRF) from
 * AnyStyle's labelled references and stored in data/cite-tagger.json (see
 * data/NOTICE.md for their licence).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATA_DIR } from '../core/data.js';
import { tokenize, type Token } from './tokens.js';

export interface Field {
  label: string;
  /** Offsets into the tagged string: `text === input.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
}

// ---------------------------------------------------------------------------
// Features

/** Lexicons, written for this tagger: lower-cased word cores (punctuation stripped). */
const LEXICON: Record<string, string[]> = {
  month: [
    'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
    'januar', 'februar', 'märz', 'juni', 'juli', 'oktober', 'dezember',
    'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
    'spring', 'summer', 'autumn', 'fall', 'winter',
  ],
  editor: ['ed', 'eds', 'editor', 'editors', 'edited', 'hrsg', 'hg', 'hgg', 'herausgegeben', 'éd', 'éds', 'dir', 'coord', 'a cura di', 'comp', 'comps'],
  translator: ['trans', 'transl', 'translated', 'translator', 'tr', 'übers', 'übersetzt', 'trad', 'traduit', 'traducción'],
  volume: ['vol', 'vols', 'volume', 'volumes', 'bd', 'band', 'tome', 't', 'jg', 'jahrgang'],
  number: ['no', 'nos', 'nr', 'number', 'issue', 'heft', 'n', 'num', 'n°', 'no°'],
  pages: ['pp', 'p', 'pages', 'page', 'pg', 'pgs', 's', 'ss', 'seiten'],
  in: ['in', 'dans', 'en', 'im'],
  and: ['and', '&', 'und', 'et', 'y', 'e'],
  etal: ['et al', 'al', 'others', 'u. a', 'ua'],
  edition: ['edition', 'edn', 'ed', 'aufl', 'auflage', 'éd', 'édition', 'rev', 'revised', '2nd', '3rd', '4th', '5th', '1st', 'nd', 'rd', 'th'],
  publisher: [
    'press', 'university', 'univ', 'verlag', 'publishers', 'publishing', 'publications', 'books', 'éditions', 'editions', 'editorial', 'presses',
    'universitaires', 'co', 'inc', 'ltd', 'gmbh', 'sons', 'wiley', 'springer', 'elsevier', 'routledge', 'blackwell', 'macmillan', 'gallimard',
    'seuil', 'suhrkamp', 'beck', 'mohr', 'siebeck', 'brill', 'penguin', 'harper', 'norton', 'academic', 'verlagsanstalt', 'buchgesellschaft',
  ],
  journal: [
    'journal', 'j', 'review', 'rev', 'proceedings', 'proc', 'transactions', 'trans', 'acta', 'bulletin', 'bull', 'annals', 'ann', 'quarterly',
    'zeitschrift', 'revue', 'rivista', 'letters', 'lett', 'studies', 'magazine', 'archiv', 'archives', 'jahrbuch', 'annales', 'historische',
  ],
  conference: ['conference', 'conf', 'symposium', 'workshop', 'congress', 'meeting', 'colloque', 'tagung', 'proceedings'],
  genre: ['thesis', 'dissertation', 'diss', 'phd', 'ph.d', 'master', "master's", 'report', 'paper', 'working', 'preprint', 'manuscript', 'unpublished', 'thèse', 'mémoire', 'doctoral'],
  place: [
    'london', 'new york', 'york', 'paris', 'berlin', 'oxford', 'cambridge', 'chicago', 'boston', 'princeton', 'new', 'münchen', 'munich',
    'frankfurt', 'leipzig', 'wien', 'vienna', 'stuttgart', 'göttingen', 'tübingen', 'hamburg', 'amsterdam', 'leiden', 'washington',
    'philadelphia', 'baltimore', 'berkeley', 'los', 'angeles', 'san', 'francisco', 'toronto', 'montreal', 'madrid', 'barcelona', 'roma',
    'rome', 'milano', 'milan', 'firenze', 'bologna', 'torino', 'lyon', 'bruxelles', 'brussels', 'basel', 'zürich', 'bern', 'heidelberg',
    'köln', 'bonn', 'dresden', 'edinburgh', 'dublin', 'sydney', 'melbourne', 'tokyo', 'beijing', 'moscow', 'warszawa', 'praha', 'ny', 'ma',
    'ca', 'uk', 'usa', 'nj', 'ct', 'il', 'mass', 'conn', 'calif',
  ],
  retrieved: ['retrieved', 'accessed', 'available', 'online', 'abgerufen', 'consulté', 'url', 'doi', 'isbn', 'issn', 'from', 'at', 'see', 'cited'],
};

const LEX = new Map<string, string[]>();
for (const [name, words] of Object.entries(LEXICON)) {
  for (const w of words) {
    const k = w.toLowerCase();
    const cur = LEX.get(k);
    if (cur) {
      if (!cur.includes(name)) cur.push(name);
    } else LEX.set(k, [name]);
  }
}

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const YEAR = /^(1[4-9]\d\d|20[0-4]\d)[a-z]?$/;
const HAS_YEAR = /(^|\D)(1[5-9]\d\d|20[0-4]\d)(\D|$)/;
const RANGE = /^\d+[a-z]?\s*[-–—‐‑]+\s*\d+[a-z]?$/i;
const ROMAN = /^[ivxlcdm]+$/i;
const OPEN_QUOTE = /^[“"«„‘'‹]/;
const CLOSE_QUOTE = /[”"»“’'›][^\p{L}\p{N}]*$/u;
/** Long words are cut: their ends are what matter, and it bounds the work on hostile input. */
const MAX_WORD = 40;

/** Word shape: X for an upper-case letter, x lower, d digit, other characters kept; repeats collapsed. */
export function shape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
    if (out.length >= 12) break;
  }
  return out;
}

interface TokenInfo {
  lower: string;
  /** `lower` without its leading and trailing punctuation. */
  core: string;
  /** The same, case kept. */
  bare: string;
  shape: string;
  lex: string[];
  /** Last character when it is punctuation, else ''. */
  trail: string;
  lead: string;
  year: boolean;
  num: boolean;
}

function info(t: Token): TokenInfo {
  const raw = t.text.length > MAX_WORD ? t.text.slice(0, MAX_WORD / 2) + t.text.slice(-MAX_WORD / 2) : t.text;
  const lower = raw.toLowerCase();
  const bare = raw.replace(EDGE, '');
  const core = bare.toLowerCase();
  const last = raw[raw.length - 1] ?? '';
  const first = raw[0] ?? '';
  const isWord = (c: string) => /[\p{L}\p{N}]/u.test(c);
  return {
    lower,
    core,
    bare,
    shape: shape(raw),
    lex: LEX.get(core) ?? [],
    trail: last && !isWord(last) ? last : '',
    lead: first && !isWord(first) ? first : '',
    year: YEAR.test(core),
    num: /^\d+$/.test(core),
  };
}

/**
 * The features of each token of one reference: strings, each a name and value.
 * Besides the token itself they look at its neighbours (±1, ±2), its place in
 * the reference, and a little state read left to right (inside quotes or
 * brackets, how many sentence-ending periods and years came before), which
 * says much about which field of a citation style one is in.
 */
export function tokenFeatures(tokens: readonly Token[]): string[][] {
  const n = tokens.length;
  const infos = tokens.map(info);
  const out: string[][] = [];
  let inQuote = false;
  let depth = 0;
  let periods = 0;
  let years = 0;
  let colons = 0;
  const at = (i: number): TokenInfo | undefined => infos[i];
  for (let i = 0; i < n; i++) {
    const t = infos[i]!;
    const text = tokens[i]!.text;
    const f: string[] = ['b', `w=${t.lower}`, `c=${t.core}`, `s=${t.shape}`];
    const l = t.lower;
    f.push(`p1=${l.slice(0, 1)}`, `p2=${l.slice(0, 2)}`, `p3=${l.slice(0, 3)}`, `x1=${l.slice(-1)}`, `x2=${l.slice(-2)}`, `x3=${l.slice(-3)}`, `cx3=${t.core.slice(-3)}`);
    f.push(`tp=${t.trail}`, `lp=${t.lead}`, `len=${Math.min(t.core.length, 8)}`);
    if (t.year) f.push('year');
    else if (HAS_YEAR.test(t.core)) f.push('hasyear');
    if (t.num) f.push(`num${Math.min(t.core.length, 5)}`);
    else if (/\d/.test(t.core)) f.push('digit');
    if (RANGE.test(t.core)) f.push('range');
    if (ROMAN.test(t.core) && t.core.length > 0) f.push('roman');
    if (/^\p{Lu}$/u.test(t.bare) || /^\p{Lu}\.(-?\p{Lu}\.)*,?$/u.test(text)) f.push('initial');
    else if (/^\p{Lu}/u.test(t.bare)) f.push(/\p{Ll}/u.test(t.bare) ? 'cap' : 'allcap');
    else if (/^\p{Ll}/u.test(t.bare)) f.push('lowercase');
    if (/^(https?:|www\.|ftp:)|:\/\//i.test(text)) f.push('url');
    if (/\b10\.\d{4,}\//.test(text)) f.push('doi');
    if (/^(97[89])?\d{9}[\dx]$/i.test(t.core.replace(/[-‐]/g, ''))) f.push('isbn');
    if (OPEN_QUOTE.test(text)) f.push('oq');
    if (CLOSE_QUOTE.test(text) && text.length > 1) f.push('cq');
    if (/^[([]/.test(text)) f.push('op');
    if (/[)\]][^\p{L}\p{N}]*$/u.test(text)) f.push('cp');
    for (const x of t.lex) f.push(`L=${x}`);
    // Place in the reference.
    f.push(`pos=${Math.floor((10 * i) / Math.max(n, 1))}`, `i=${Math.min(i, 5)}`);
    if (i === n - 1) f.push('last');
    // State read left to right.
    if (inQuote) f.push('inq');
    if (depth > 0) f.push('inp');
    f.push(`dots=${Math.min(periods, 6)}`, `years=${Math.min(years, 2)}`, `colons=${Math.min(colons, 2)}`);
    // Neighbours.
    for (const d of [-2, -1, 1, 2]) {
      const o = at(i + d);
      if (!o) {
        f.push(`c${d}=${d < 0 ? '<s>' : '</s>'}`);
        continue;
      }
      f.push(`c${d}=${o.core}`, `s${d}=${o.shape}`);
      if (d === -1 || d === 1) {
        f.push(`tp${d}=${o.trail}`, `lp${d}=${o.lead}`);
        for (const x of o.lex) f.push(`L${d}=${x}`);
        if (o.year) f.push(`year${d}`);
        if (o.num) f.push(`num${d}`);
      }
    }
    const prev = at(i - 1);
    const next = at(i + 1);
    f.push(`tp-1|s=${prev ? prev.trail : '<s>'}|${t.shape}`, `tp|tp+1=${t.trail}|${next ? next.trail : '</s>'}`);
    out.push(f);

    // Update the state after this token.
    if (OPEN_QUOTE.test(text)) inQuote = true;
    if (CLOSE_QUOTE.test(text) && (text.length > 1 || inQuote)) inQuote = false;
    for (const ch of text) {
      if (ch === '(' || ch === '[') depth++;
      else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    }
    if (t.trail === '.' && t.core.length > 1 && !t.lex.length) periods++;
    if (t.trail === ':') colons++;
    if (t.year || HAS_YEAR.test(t.core)) years++;
  }
  return out;
}

/** How many kinds of gap between two tokens `gapClasses` tells apart. */
export const GAPS = 16;

/**
 * The kind of gap before each token: what ends the previous token (nothing,
 * comma, period, colon, semicolon, closing bracket or quote, other) and
 * whether this one opens a bracket or quote. The label transitions are
 * weighted per kind of gap, as fields nearly always change at punctuation:
 * "In The Best Short Stories" should not be cut after "The".
 */
export function gapClasses(tokens: readonly Token[]): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!.text;
    const last = prev[prev.length - 1] ?? '';
    const end = /[\p{L}\p{N}]/u.test(last) ? 0 : last === ',' ? 1 : last === '.' ? (/^\p{Lu}\.$|\.\p{Lu}\.$/u.test(prev) ? 2 : 3) : last === ':' ? 4 : last === ';' ? 5 : /[)\]}”"’'»]/.test(last) ? 6 : 7;
    out[i] = end * 2 + (/^[(\[{“"‘'«]/.test(tokens[i]!.text) ? 1 : 0);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Model

/** data/cite-tagger.json. */
export interface ModelJson {
  version: 1;
  /** How it was trained, for the record. */
  meta: Record<string, unknown>;
  labels: string[];
  /** Tokens with their punctuation split off (`tokenize(text, true)`). */
  splitPunct: boolean;
  /** (labels + 1) × labels: row 0 is the start of the sequence, row p + 1 follows label p. */
  transitions: number[];
  /** GAPS × (labels + 1) × labels: added to `transitions` by the kind of gap before the token (`gapClasses`). */
  gapTransitions: number[];
  /** Feature → [label index, weight, label index, weight, …]. */
  weights: Record<string, number[]>;
}

export class CiteTagger {
  readonly labels: readonly string[];
  readonly splitPunct: boolean;
  private readonly trans: Float64Array;
  private readonly weights: Map<string, Float64Array>;

  constructor(model: ModelJson) {
    if (model.version !== 1) throw new Error(`cite tagger model: version ${String(model.version)}, expected 1`);
    this.labels = model.labels;
    this.splitPunct = model.splitPunct;
    const L = model.labels.length;
    const T = (L + 1) * L;
    if (model.transitions.length !== T || model.gapTransitions.length !== GAPS * T) throw new Error(`cite tagger model: wrong number of transition weights for ${L} labels`);
    // One table per kind of gap, base transitions included, so decoding adds one number per pair.
    this.trans = new Float64Array(GAPS * T);
    for (let k = 0; k < GAPS * T; k++) this.trans[k] = model.transitions[k % T]! + model.gapTransitions[k]!;
    this.weights = new Map();
    // Dense rows: a lookup then L additions beats walking sparse pairs at tagging time.
    for (const [k, pairs] of Object.entries(model.weights)) {
      const row = new Float64Array(L);
      for (let j = 0; j + 1 < pairs.length; j += 2) row[pairs[j]!] = pairs[j + 1]!;
      this.weights.set(k, row);
    }
  }

  /** The best label index for each token (Viterbi), given its features and `gapClasses`. */
  decode(features: readonly (readonly string[])[], gaps: Int32Array): number[] {
    const n = features.length;
    const L = this.labels.length;
    if (n === 0) return [];
    const emit = new Float64Array(n * L);
    for (let i = 0; i < n; i++) {
      for (const k of features[i]!) {
        const row = this.weights.get(k);
        if (!row) continue;
        for (let y = 0; y < L; y++) emit[i * L + y] = emit[i * L + y]! + row[y]!;
      }
    }
    return viterbi(emit, this.trans, gaps, n, L);
  }

  /** The fields of `text`: runs of tokens given one label. */
  tag(text: string): Field[] {
    const tokens = tokenize(text, this.splitPunct);
    const ys = this.decode(tokenFeatures(tokens), gapClasses(tokens));
    const out: Field[] = [];
    for (let i = 0; i < tokens.length; ) {
      let j = i;
      while (j + 1 < tokens.length && ys[j + 1] === ys[i]) j++;
      const start = tokens[i]!.start;
      const end = tokens[j]!.end;
      out.push({ label: this.labels[ys[i]!]!, start, end, text: text.slice(start, end) });
      i = j + 1;
    }
    return out;
  }
}

/**
 * Viterbi over `emit` (n × L token scores) and `trans` (a (L + 1) × L table per
 * kind of gap, row 0 the start; token i uses table `gaps[i]`). Ties go to the
 * lower label index, so the result is deterministic.
 */
export function viterbi(emit: Float64Array, trans: Float64Array, gaps: Int32Array, n: number, L: number): number[] {
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  const T = (L + 1) * L;
  for (let y = 0; y < L; y++) score[y] = trans[gaps[0]! * T + y]! + emit[y]!;
  for (let i = 1; i < n; i++) {
    const t = gaps[i]! * T;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const s = score[(i - 1) * L + p]! + trans[t + (p + 1) * L + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + y] = best + emit[i * L + y]!;
      back[i * L + y] = arg;
    }
  }
  let y = 0;
  for (let k = 1; k < L; k++) if (score[(n - 1) * L + k]! > score[(n - 1) * L + y]!) y = k;
  const ys = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    ys[i] = y;
    y = back[i * L + y]!;
  }
  return ys;
}

// ---------------------------------------------------------------------------
// The shipped model

/** data/cite-tagger.json, beside the other curated data. */
export const MODEL_PATH = resolve(DATA_DIR, 'cite-tagger.json');

let shipped: CiteTagger | undefined;

/** The tagger with the shipped model, read on first use. */
export function defaultTagger(): CiteTagger {
  shipped ??= new CiteTagger(JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as ModelJson);
  return shipped;
}

/** The labelled fields of one reference string, with offsets into it. */
export function tagReference(text: string): Field[] {
  return repairFields(text, defaultTagger().tag(text));
}

const field = (text: string, label: string, start: number, end: number): Field => ({ label, start, end, text: text.slice(start, end) });
const ROLE_ONLY = /^(?:(?:and|&)\s+)?(?:trans(?:l)?|ed|eds|comp|comps)\.?(?:\s+(?:and|&)\s+(?:trans(?:l)?|ed|eds|comp|comps)\.?)*$/iu;

/**
 * Three mistakes of the model that its features cannot see, mended on the
 * fields: a title that opens with a year ("1937: Year of Terror", read as the
 * date), a title swallowed by a given name ending in an initial ("Cole, David
 * M. Josef Stalin; Man of Steel"), and the role words of names printed before
 * them ("Lucas and Ukas. Trans. and Ed. Secret Documents": translators and
 * editors, and the title after the roles).
 */
export function repairFields(text: string, fields: readonly Field[]): Field[] {
  const out = [...fields];
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i]!;
    const b = out[i + 1]!;
    // A year and a colon straight before the title, with another date later: the title's first words.
    if (a.label === 'date' && b.label === 'title' && /^\d{4}:$/u.test(a.text) && out.slice(i + 2).some((f) => f.label === 'date' && /\d{4}/u.test(f.text))) {
      out.splice(i, 2, field(text, 'title', a.start, b.end));
      continue;
    }
    if (a.label === 'author' && b.label === 'title') {
      // "Family, Given M." ends at the initial when two or more capitalised words follow it.
      const m = /^([\p{Lu}][\p{L}'’-]+,\s+(?:[\p{Lu}][\p{L}'’-]+\s+)*\p{Lu}\.)\s+(\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+.*)$/su.exec(a.text);
      if (m) out.splice(i, 2, field(text, 'author', a.start, a.start + m[1]!.length), field(text, 'title', a.start + a.text.length - m[2]!.length, b.end));
      continue;
    }
    // "Names. Trans. and Ed. Title.": the names are the translators and editors; what follows the roles is the title.
    if (a.label === 'author' && (b.label === 'translator' || b.label === 'editor') && !out.some((f) => f.label === 'title')) {
      let j = i + 1;
      let roles = '';
      let rest: Field | null = null;
      for (; j < out.length && (out[j]!.label === 'translator' || out[j]!.label === 'editor'); j++) {
        const f = out[j]!;
        const words = /^((?:(?:and|&)\s+)?(?:trans(?:l)?|ed|eds|comp|comps)\.?)(?:\s+|$)/iu;
        let at = 0;
        let m: RegExpExecArray | null;
        while ((m = words.exec(f.text.slice(at))) && m[0].length) at += m[0].length;
        roles += ` ${f.text.slice(0, at)}`;
        if (at < f.text.length) {
          rest = field(text, 'title', f.start + at, f.end);
          j++;
          break;
        }
      }
      if (!rest || !ROLE_ONLY.test(roles.trim())) continue;
      out.splice(i, j - i, field(text, 'editor', a.start, a.end), rest);
    }
  }
  return out;
}

/**
 * CSL fields read off a reference by the tagger: the fallback for references
 * the note grammar does not understand (bibliography-style strings of other
 * disciplines). Names are kept as printed where their order is unclear.
 */
export function taggedWork(text: string): import('./reference.js').WorkFields | null {
  const f: import('./reference.js').WorkFields = { type: 'book' };
  const clean = (s: string) => s.replace(/^[\s([“"‘']+|[\s.,:;)\]”"’']+$/gu, '').replace(/\s+/g, ' ');
  const people = (s: string) =>
    clean(s)
      .replace(/^(?:ed(?:ited)?\.?\s*by|eds?\.|in)\s+/iu, '')
      .split(/\s*(?:;|\band\b|&)\s*/u)
      .filter(Boolean)
      .map((n) => {
        // "Conquest, R." is inverted; "Robert Conquest" is not.
        const inv = /^([\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+)?),\s*(.+)$/u.exec(n);
        if (inv) return { family: inv[1]!, given: inv[2]! };
        const words = n.split(/\s+/);
        return words.length > 1 ? { family: words[words.length - 1]!, given: words.slice(0, -1).join(' ') } : { family: n };
      });
  for (const field of tagReference(text)) {
    const v = clean(field.text);
    if (!v) continue;
    switch (field.label) {
      case 'author': f.author ??= people(field.text); break;
      case 'editor': f.editor ??= people(field.text); break;
      case 'translator': f.translator ??= people(field.text); break;
      case 'title': f.title ??= v; break;
      case 'journal': f['container-title'] ??= v; f.type = 'article-journal'; break;
      case 'container-title': f['container-title'] ??= v.replace(/^in\s+/iu, ''); if (f.type === 'book') f.type = 'chapter'; break;
      case 'date': { const y = /\b(1[5-9]\d\d|20[0-4]\d)\b/.exec(v); if (y) f.issued ??= y[1]!; break; }
      case 'volume': f.volume ??= v.replace(/^vol\.?\s*/iu, ''); break;
      case 'pages': f.page ??= v.replace(/^pp?\.\s*/iu, ''); break;
      case 'location': f['publisher-place'] ??= v; break;
      case 'publisher': f.publisher ??= v; break;
      case 'edition': f.edition ??= v; break;
      case 'genre': f.genre ??= v; if (/thesis|dissertation/iu.test(v)) f.type = 'thesis'; break;
    }
  }
  return f.title || f['container-title'] ? f : null;
}

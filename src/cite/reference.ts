/**
 * One reference, parsed into CSL-JSON fields: the grammar of humanities notes
 * (MHRA and Oxford as in the reference texts, Chicago as in the labelled set)
 * read right to left — the cited place first, then the publication block
 * (`(London: Macdonald, 1963)`, `, London, 1968`, a journal's `19. 1-3 (1992),
 * 71-90`, a newspaper's date), then authors, title and container. Every
 * pattern is anchored or bounded, so parsing is linear in the reference.
 */
import type { CslName } from '../core/types.js';
import { FAMILY_LIST, NAME_LIST, plausibleNames, splitFamilies, splitNames } from './names.js';

export type CitationKind = 'full' | 'ibid' | 'short' | 'unparsed';

export interface Locator {
  label: 'page' | 'list' | 'volume' | 'column' | 'folio' | 'section' | 'document' | 'note';
  value: string;
}

/** The CSL-JSON fields a reference states about its work. */
export interface WorkFields {
  type: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  title?: string;
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  /** As printed: a year ("1992"), a range's first year, or a newspaper's ISO date. */
  issued?: string;
  publisher?: string;
  'publisher-place'?: string;
  'number-of-volumes'?: string;
  genre?: string;
  edition?: string;
}

export interface ParsedReference {
  kind: CitationKind;
  fields: WorkFields;
  locator: Locator | null;
  /** The volume cited of a multi-volume work ("II, p. 601"). */
  volumeCited?: string;
}

/** What a document already tells about its works, used to split titles that lost their quotation marks. */
export interface Known {
  containers: ReadonlySet<string>;
  /** A bibliography writes "Title, Container, 19. 1 (1992)": the container follows the last comma. */
  lastComma?: boolean;
}
export const NO_KNOWLEDGE: Known = { containers: new Set() };

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MONTH_NUM: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};
const YEAR = String.raw`(?:1[5-9]\d\d|20[0-4]\d)`;
const PAGE_VAL = String.raw`(?:[\divxlcIVXLC]+[a-z]?(?:\s*[-–—]+\s*[\divxlc]+)?(?:\s*ff?\.?)?(?:,\s*(?:and\s+)?\d+(?:\s*[-–—]+\s*\d+)?(?:\s*ff?\.?)?)*(?:\s*passim)?)`;

// The patterns of the right-to-left reading, compiled once.
const LOCATOR_RE = new RegExp(String.raw`(?:,|\s)\s*\(?\s*(?:(pp?\.?|pages?)|(cols?\.)|(fols?\.|ff?\.)|(nos?\.|doc\.))\s*(${PAGE_VAL})\s*\)?\s*$`, 'u');
const BARE_LOCATOR_RE = new RegExp(String.raw`(^|[)*”’"'\p{L}.]\s*,|\)|^)\s*(\d{1,4}[a-z]?(?:\s*[-–—]+\s*\d{1,4})?(?:,\s*(?:and\s+)?\d{1,4}(?:\s*[-–—]+\s*\d{1,4})?)*(?:\s*n\.?\s*\d+)?)\s*$`, 'u');
const YEAR_ONLY = new RegExp(`^${YEAR}$`);
const AFTER_VOLUME = new RegExp(String.raw`(?:${YEAR}|vols?\.?|no\.|[A-Z][a-z]+ [A-Z][a-z]+)\s*,?\s*$`);
const AFTER_YEAR_OR_ETAL = new RegExp(String.raw`(?:${YEAR}(?:\s*[-–]\s*\d{2,4})?|et al\.?)$`);
const ENDS_WITH_YEAR = new RegExp(String.raw`(?:^|\D)${YEAR}\s*$`);
const PUBLICATION_RE = new RegExp(String.raw`\(([^()]*?)(?:,\s*|\s+)(${YEAR})(?:\s*[-–]\s*\d{2,4})?\s*\)\s*(.*)$`, 'u');
const SEASONS = `${MONTHS}|Spring|Summer|Autumn|Fall|Winter`;
const SEASON_ONLY = new RegExp(String.raw`^(?:${SEASONS})\.?$`, 'iu');
const SEASON = String.raw`(?:(?:${SEASONS})\.?,?\s*)?`;
const JOURNAL_ISSUE_RE = new RegExp(String.raw`,?\s+(\d{1,4})(?:\.\s*|,?\s+no\.\s*)(\d+(?:\s*[-–/]\s*\d+)?)\s*\(${SEASON}(${YEAR})\)\s*([,:])?\s*(\d+\s*[-–]+\s*\d+|\d+)?\s*$`, 'u');
const JOURNAL_VOLUME_RE = new RegExp(String.raw`,?\s+(\d{1,4})\s*\(${SEASON}(${YEAR})\)\s*[,:]?\s*(\d+\s*[-–]+\s*\d+|\d+)?\s*$`, 'u');
const JOURNAL_OXFORD_RE = new RegExp(String.raw`\*,\s*(\d{1,4}),\s*(${YEAR})(?:,\s*(\d+(?:\s*[-–/]\s*\d+)?))?\s*$`, 'u');
const OXFORD_RE = new RegExp(String.raw`,\s*((?:\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*(?:,\s*(?:[A-Z]{2}|[A-Z][a-z]+\.))?)(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'’-]*)?),\s*(${YEAR})(?:\s*[-–]\s*\d{2,4})?\s*$`, 'u');
const YEAR_TAIL_RE = new RegExp(String.raw`,\s*(${YEAR})(?:\s*[-–]\s*\d{2,4})?\s*$`, 'u');
const DAY_MONTH_YEAR_RE = new RegExp(String.raw`[,(]?\s*(\d{1,2})\s+(${MONTHS})\.?,?\s+(${YEAR})\)?\s*$`, 'u');
const MONTH_DAY_YEAR_RE = new RegExp(String.raw`[,(]?\s*(${MONTHS})\.?\s+(\d{1,2}),\s+(${YEAR})\)?\s*$`, 'u');

export function stripMarks(s: string): string {
  return s
    .replace(/\*/g, '')
    .replace(/^[\s"“”‘’'«»„,.:;]+|[\s"“”‘’'«»„,:;]+$/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const IBID = /^\*?(?:ibid(?:em)?|idem|id)\.?\*?(?=[\s,.;:]|$)[,.]?\s*/iu;
export function isIbid(s: string): boolean {
  return IBID.test(s.trim());
}

/** The cited place at the end of a reference: `, p. 72`, ` (p. 72)`, `, pp. 201-235`, `, col. 5`. */
function cutLocator(s: string): { head: string; locator: Locator | null; volumeCited?: string; page?: string } {
  let m = LOCATOR_RE.exec(s);
  let head = s;
  let locator: Locator | null = null;
  // Chicago writes the cited page bare: "(New York: Norton, 2011), 11", "Frank, *Dostoevsky*, 160", "Ibid., 46".
  if (!m) {
    const bare = BARE_LOCATOR_RE.exec(s);
    const value = bare?.[2];
    const yearLike = value !== undefined && YEAR_ONLY.test(value) && !/\)\s*,?\s*$/.test(s.slice(0, bare!.index + bare![1]!.length));
    // A lone number after a journal's name is its volume, not a page; after a year it may be an issue.
    const before = bare ? s.slice(0, bare.index + (bare[1]?.length ?? 0)) : '';
    const afterBracket = /\)\s*,?\s*$/.test(before);
    const afterVolume = AFTER_VOLUME.test(before.replace(/[)*”’"',\s]+$/u, ''));
    if (bare && value && !yearLike && (afterBracket || !afterVolume)) {
      m = bare;
      locator = { label: 'page', value: value.replace(/\s+/g, ' ').replace(/–—|—/g, '–').trim() };
      head = s.slice(0, bare.index + (bare[1] === ')' ? 1 : bare[1]!.replace(/,\s*$/, '').length)).trimEnd();
    }
  }
  if (m && !locator) {
    const label: Locator['label'] = m[1] ? 'page' : m[2] ? 'column' : m[3] ? 'folio' : 'document';
    locator = { label, value: m[5]!.replace(/\s+/g, ' ').trim() };
    head = s.slice(0, m.index).trimEnd().replace(/(?:^|[\s,])(?:esp\.|especially|see|and)$/u, '');
  }
  // "71-90 (p. 72)", "pp. 113–38 (pp. 115–16)": the range before a bracketed cited page is the work's own.
  let page: string | undefined;
  if (m && /\(\s*(?:pp?\.|cols?\.|fols?\.)/u.test(m[0])) {
    const r = /,?\s*(?:pp\.\s*)?(\d+\s*[-–]+\s*\d+)\s*$/u.exec(head);
    if (r) {
      page = r[1]!.replace(/\s+/g, '');
      head = head.slice(0, r.index).trimEnd();
    }
  }
  // The cited volume of a multi-volume work: "..., II, p. 601", "..., vol. 5, book 1, p. 258".
  let volumeCited: string | undefined;
  if (locator) {
    const v = /,\s*(?:vol\.\s*|tom\s*|t\.\s*)?([IVX]{1,5}|\d{1,2})(?:,\s*(?:book|kn\.|part|pt\.|chast['’]?)\s*(\d+))?\s*$/u.exec(head);
    const explicit = /,\s*(?:vol\.|tom|t\.)\s*\d/u.test(head.slice(v?.index ?? head.length)) || (v !== null && AFTER_YEAR_OR_ETAL.test(head.slice(0, v.index)));
    if (v && (explicit || /^[IVX]+$/.test(v[1]!)) && !ENDS_WITH_YEAR.test(head)) {
      volumeCited = v[1]!;
      head = head.slice(0, v.index).trimEnd();
    }
  }
  const out: { head: string; locator: Locator | null; volumeCited?: string; page?: string } = { head, locator };
  if (volumeCited !== undefined) out.volumeCited = volumeCited;
  if (page !== undefined) out.page = page;
  return out;
}

interface Tail {
  head: string;
  fields: Partial<WorkFields>;
  /** Chicago's "(2007): 250" cites a page of the article rather than giving its range. */
  locator?: Locator;
}

/** Chicago: after the colon a single page or a pair of facing pages is the cited place; a longer range is the article's. */
function chicagoPages(p: string): { page?: string; locator?: Locator } {
  const v = p.replace(/\s+/g, '').replace(/--/g, '–');
  const r = /^(\d+)[-–]+(\d+)$/.exec(v);
  if (!r) return { locator: { label: 'page', value: v } };
  const a = Number(r[1]);
  let b = Number(r[2]);
  if (r[2]!.length < r[1]!.length) b = Number(r[1]!.slice(0, r[1]!.length - r[2]!.length) + r[2]);
  return b - a <= 1 ? { locator: { label: 'page', value: v } } : { page: v };
}

/** `(Place: Publisher, Year)` and its kin; a thesis says so inside the brackets. */
function cutPublication(s: string): Tail | null {
  const m = PUBLICATION_RE.exec(s);
  if (!m) return null;
  const inner = m[1]!.trim();
  const after = m[3]!.trim().replace(/^,\s*/, '');
  const fields: Partial<WorkFields> = { issued: m[2]! };
  const head = s.slice(0, m.index).trimEnd();
  if (/\b(?:thesis|dissertation|diss\.)/iu.test(inner)) {
    fields.type = 'thesis';
    const g = /^(.*?(?:thesis|dissertation|diss\.))[\s,:]*(.*)$/iu.exec(inner)!;
    fields.genre = stripMarks(g[1]!);
    if (g[2]) fields.publisher = stripMarks(g[2]);
  } else if (inner.includes(':')) {
    const k = inner.indexOf(':');
    const place = stripMarks(inner.slice(0, k));
    const pub = stripMarks(inner.slice(k + 1));
    if (place) fields['publisher-place'] = place;
    if (pub) fields.publisher = pub;
  } else if (inner && !SEASON_ONLY.test(inner)) {
    // "(Moscow, 2008)" or "(London, 1957)": a place alone.
    fields['publisher-place'] = stripMarks(inner);
  } else if (!inner) {
    fields.type = 'article-journal';
  }
  if (inner && SEASON_ONLY.test(inner)) fields.type = 'article-journal';
  if (after) {
    const vol = /^([IVX]{1,5}|\d{1,2})(?:,\s*book\s*(\d+))?$/u.exec(after);
    if (vol) fields.volume = vol[1]!;
    else if (/^\d+\s*[-–]\s*\d+$/u.test(after)) fields.page = after.replace(/\s+/g, '');
  }
  return { head, fields };
}

/** A journal's volume, issue, year and pages: MHRA `19. 1-3 (1992), 71-90`, Oxford `39, 1998, 1–2, pp. 119–48`, Chicago `5, no. 2 (2007): 250–51`. */
function cutJournal(s: string): Tail | null {
  let m = JOURNAL_ISSUE_RE.exec(s);
  if (m) {
    const t: Tail = { head: s.slice(0, m.index), fields: { type: 'article-journal', volume: m[1]!, issue: m[2]!.replace(/\s+/g, ''), issued: m[3]! } };
    if (m[5] && m[4] === ':') {
      const c = chicagoPages(m[5]);
      if (c.page) t.fields.page = c.page;
      if (c.locator) t.locator = c.locator;
    } else if (m[5]) t.fields.page = m[5].replace(/\s+/g, '').replace(/--/g, '–');
    return t;
  }
  m = JOURNAL_VOLUME_RE.exec(s);
  if (m && /\S\s*,?\s*$/.test(s.slice(0, m.index))) {
    return { head: s.slice(0, m.index), fields: { type: 'article-journal', volume: m[1]!, issued: m[2]!, ...(m[3] ? { page: m[3].replace(/\s+/g, '') } : {}) } };
  }
  // Oxford: "*Journal*, 39, 1998, 1–2, pp. 119–48" — the page range was cut as the locator.
  m = JOURNAL_OXFORD_RE.exec(s);
  if (m) {
    const fields: Partial<WorkFields> = { type: 'article-journal', volume: m[1]!, issued: m[2]! };
    if (m[3]) fields.issue = m[3].replace(/\s+/g, '');
    return { head: s.slice(0, m.index + 1), fields };
  }
  return null;
}

/** Oxford style's bare publication tail: `*Title*, London, 1968` / `, 2 vols, Moscow, 1999–2004`. */
function cutOxford(s: string): Tail | null {
  const m = OXFORD_RE.exec(s);
  if (!m) {
    const y = YEAR_TAIL_RE.exec(s);
    if (y && /\*\s*$/.test(s.slice(0, y.index))) return { head: s.slice(0, y.index), fields: { issued: y[1]! } };
    return null;
  }
  return { head: s.slice(0, m.index), fields: { 'publisher-place': m[1]!, issued: m[2]! } };
}

/** A newspaper: `..., The New York Times, 26 June 1937, p. 1`, `*Pravda*, 12 June 1937`, `(April 6, 1912)`. */
function cutNewspaper(s: string): Tail | null {
  const dmy = DAY_MONTH_YEAR_RE.exec(s);
  const mdy = MONTH_DAY_YEAR_RE.exec(s);
  const m = dmy ?? mdy;
  if (!m) return null;
  const [day, month, year] = dmy ? [m[1]!, m[2]!, m[3]!] : [m[2]!, m[1]!, m[3]!];
  const mm = MONTH_NUM[month.slice(0, 3).toLowerCase()]!;
  return { head: s.slice(0, m.index), fields: { type: 'article-newspaper', issued: `${year}-${mm}-${day.padStart(2, '0')}` } };
}

// Published collections of documents: what their titles say they are, or the series historians know.
const COLLECTION = /(?:\bdokument|\bmaterial[yi]\b|\bsbornik|\bstenogramm|\bprotokol|\bperepisk|\bpis['’]?ma\b|\bdocuments\b|\bpapers\b|\bcorrespondence\b|^lubianka\b|^reabilitatsiia\b|^tragediia sovetskoi derevni|^stalinskoe politbiuro|^sovetskoe rukovodstvo|^politbiuro|^voennyi sovet|^stalinizm v sovetskoi|^tainy diplomatii|^partiino-politicheskaia rabota)/iu;
const NEWSPAPER_WORD = /\b(?:Times|Guardian|Post|Herald|Tribune|Pravda|Izvestiia|zvezda|Gazette|News|Telegraph|Observer|Monde|Trud|Daily|Chronicle)\b/u;
const JOURNAL_WORD = /\b(?:Review|Journal|Studies|Quarterly|Survey|History|Historical|Affairs|Bulletin|Slavonic|Slavic|Cahiers|Kritika|Voprosy|Problems|Annals|Jahrbücher|Istoriia|istorii|zhurnal|Rodina|Forum|Papers|Politics|Historian|Osteuropa|Past and Present|Europe-Asia|mysl['’]?)\b/iu;

/** Splits "Title Container" that lost its quotation marks, by a known container or the shape of journal names. */
function splitLostQuotes(s: string, known: Known): [string, string | undefined] {
  const t = s.trim();
  let best: string | undefined;
  for (const c of known.containers) {
    if (c.length > 3 && t.length > c.length + 3 && t.toLowerCase().endsWith(c.toLowerCase()) && /[\s,:]$/.test(t.slice(0, t.length - c.length))) {
      if (!best || c.length > best.length) best = c;
    }
  }
  if (best) return [t.slice(0, t.length - best.length).replace(/[\s,:]+$/, ''), t.slice(t.length - best.length)];
  const comma = t.lastIndexOf(', ');
  if (comma > 0 && (known.lastComma || JOURNAL_WORD.test(t.slice(comma + 2)) || NEWSPAPER_WORD.test(t.slice(comma + 2)))) return [t.slice(0, comma), t.slice(comma + 2)];
  // The container is the longest run of capitalised words at the end that names a journal.
  const words = t.split(' ');
  for (let i = 1; i < words.length; i++) {
    const cand = words.slice(i).join(' ');
    if (/^(?:The\s+)?\p{Lu}/u.test(cand) && JOURNAL_WORD.test(cand) && words.slice(i).every((w) => /^(?:\p{Lu}|and\b|of\b|the\b|for\b|in\b|i\b|&)/u.test(w))) {
      return [words.slice(0, i).join(' '), cand];
    }
  }
  return [t, undefined];
}

/** Quoted or starred stretches at the start of a string: `'Title', *Book*`. */
function quotedParts(s: string): { title?: string; italic?: string; rest: string } {
  // Outer quotation marks first, so "'Excesses Are Not Permitted': Mass Terror" keeps its inner quote.
  const q =
    /^\s*\*?“(.+?)”\*?(?=[,.:;\s]|$)[,.:]?\s*/u.exec(s) ??
    /^\s*\*?"(.+?)"\*?(?=[,.:;\s]|$)[,.:]?\s*/u.exec(s) ??
    /^\s*\*?‘(.+?)’\*?(?=[,.:;\s]|$)[,.:]?\s*/u.exec(s) ??
    /^\s*\*?'(.+?)'\*?(?=[,.:;\s]|$)[,.:]?\s*/u.exec(s) ??
    // A closing quotation mark lost before the container: "‘M. N. Tukhachevskii i "zagovor", *Journal*".
    /^\s*[‘'“]([^’'”*]+?(?:["”][^’'”*,]*)?)["”]?,\s*(?=\*)/u.exec(s);
  if (q) {
    const rest = s.slice(q[0].length);
    const it = /^\*(.+)\*(?=,|$)/u.exec(rest) ?? /^\*([^*]+)\*/u.exec(rest);
    return it ? { title: q[1]!, italic: it[1]!, rest: rest.slice(it[0].length) } : { title: q[1]!, rest };
  }
  // Greedy to the last star before a comma: "*Stalinskii pitomets* – *Nikolai Ezhov*" is one title.
  const it = /^\s*\*(.+)\*(?=,|$)[,.:]?\s*/u.exec(s) ?? /^\s*\*([^*]+)\*[,.:]?\s*/u.exec(s);
  if (it) return { italic: it[1]!, rest: s.slice(it[0].length) };
  return { rest: s };
}

/** A short form: family names, then perhaps a title ("Getty and Naumov, The Road to Terror"). */
export const SHORT_RE = new RegExp(`^(${FAMILY_LIST})(?:,\\s+(.+))?$`, 'u');
const AUTHORS_RE = new RegExp(`^(${NAME_LIST})(?:\\s*\\((eds?)\\.?\\))?(?:,\\s*(eds?)\\.)?,\\s+`, 'u');
const FAMILY_AUTHORS_RE = new RegExp(`^(${FAMILY_LIST})(?:\\s*\\((eds?)\\.?\\))?(?:,\\s*(eds?)\\.)?,\\s+(?=\\p{Lu}|\\d|[*‘“"'])`, 'u');
const EDITORS_RE = /(?:^|,\s*|\s+)(?:ed(?:ited)?\.?\s*by\.?|eds?\.|ed\.|compiled by|comp\.|sost\.|trans(?:lated)?\.?(?:\s*by)?)\s+(.+?)\s*$/u;
const EDITORS_FIRST_RE = new RegExp(`^(${NAME_LIST}|${FAMILY_LIST})\\s*\\((eds?)\\.?\\),?\\s+`, 'u');

function names(s: string): CslName[] {
  return splitNames(s.replace(/\*/g, ''));
}

/**
 * Parses one reference (signal already removed). `known` carries containers
 * the document names elsewhere, to split titles run into their journal.
 */
export function parseReference(raw: string, known: Known = NO_KNOWLEDGE): ParsedReference {
  const s = raw.replace(/\s+/g, ' ').trim().replace(/[.;,]+$/u, '').trim();
  const ib = IBID.exec(s);
  if (ib) {
    const rest = s.slice(ib[0].length);
    const { locator, volumeCited } = cutLocator(' ' + rest);
    const out: ParsedReference = { kind: 'ibid', fields: { type: 'book' }, locator };
    if (volumeCited) out.volumeCited = volumeCited;
    return out;
  }
  const cut = cutLocator(s);
  const { head: h0, volumeCited } = cut;
  let locator = cut.locator;
  const base = (kind: CitationKind, fields: WorkFields): ParsedReference => {
    const out: ParsedReference = { kind, fields, locator };
    if (volumeCited) out.volumeCited = volumeCited;
    return out;
  };
  let head = h0;
  let fields: Partial<WorkFields> = {};
  // A journal's "(April, 1969)" before a book's "(London: Macmillan, 1968)".
  let tail = cutJournal(head);
  if (!tail) tail = cutPublication(head);
  if (!tail) tail = cutNewspaper(head);
  if (!tail) tail = cutOxford(head);
  if (tail) {
    head = tail.head.trim().replace(/[,.:]+$/, '');
    fields = { ...tail.fields };
    if (tail.locator && !locator) locator = tail.locator;
  }
  // A multi-volume set: ", 3 vols" just before the publication block.
  const vols = /,\s*(\d+)\s+vols?\.?\s*$/u.exec(head);
  if (vols) {
    fields['number-of-volumes'] = vols[1]!;
    head = head.slice(0, vols.index);
  }
  const volIn = /,\s*(?:vol\.|tom|t\.)\s*(\d+|[IVX]+)(?:,\s*(?:book|kn\.)\s*(\d+))?\s*$/u.exec(head);
  if (volIn) {
    fields.volume = volIn[1]!;
    head = head.slice(0, volIn.index);
  }
  // Authors at the head: natural-order names followed by a comma, "(ed.)" making them editors.
  let authors: CslName[] | undefined;
  let editorsFirst = false;
  // A family name alone leads a full citation too ("Reese, The Red Army ... (Cambridge: ..., 1993)").
  const a = AUTHORS_RE.exec(head) ?? (tail ? FAMILY_AUTHORS_RE.exec(head) : null);
  if (a && plausibleNames(a[1]!) && !/^\*/.test(head)) {
    authors = names(a[1]!);
    editorsFirst = Boolean(a[2] || a[3]);
    head = head.slice(a[0].length);
  }
  const chapterLike = (() => {
    const q = quotedParts(head);
    if (q.title && /^(?:,\s*)?in\s+/u.test(q.rest)) return true;
    // "Guide to Document Series in A Researchers Guide ..., ed. by Fitzpatrick and Viola": lost quotes.
    const ed = EDITORS_RE.exec(head);
    return Boolean(ed && findIn(head, ed.index) > 0);
  })();
  if (!tail && !chapterLike) {
    // Nothing of a publication: a short form ("Conquest, p. 193", "Getty, 'Excesses...', p. 126").
    const sf = SHORT_RE.exec(s.slice(0, s.length - (s.length - h0.length)).trim());
    if (sf && plausibleNames(sf[1]!)) {
      const f: WorkFields = { type: 'book', author: splitFamilies(sf[1]!) };
      if (sf[2]) f.title = stripMarks(sf[2]);
      return base('short', f);
    }
    if (authors && head) {
      return base('short', { type: 'book', author: authors.map((n) => ({ family: n.family ?? '' })), title: stripMarks(head) });
    }
    const q = quotedParts(h0);
    // "'Title', *Journal*, pp. 153–65": a short form naming an article and where it appeared.
    if (q.title && q.italic && !q.rest.trim()) return base('short', { type: 'book', title: stripMarks(q.title), 'container-title': stripMarks(q.italic) });
    if ((q.italic || q.title) && !q.rest.trim()) return base('short', { type: 'book', title: stripMarks(q.italic ?? q.title!) });
    // "*Reabilitatsiia*, ed. Artizov et al., 2, p. 602": a collection's short form names its editors.
    const edShort = EDITORS_RE.exec(q.rest);
    if ((q.italic || q.title) && edShort && edShort.index === 0) {
      return base('short', { type: 'book', title: stripMarks(q.italic ?? q.title!), editor: names(edShort[1]!.replace(/,?\s*\d+$/, '')) });
    }
    // A title alone with a cited place and nothing of a publication: "Voennye arkhivy Rossii, p. 255".
    if (!authors && h0.length < 120 && !/[()]/.test(h0) && !EDITORS_RE.test(h0)) return base('short', { type: 'book', title: stripMarks(h0) });
  }
  const out: WorkFields = { type: (fields.type as string) ?? 'book', ...fields } as WorkFields;
  if (authors) (editorsFirst ? (out.editor = authors) : (out.author = authors));
  // Editors and translators named after the title: ", ed. by X", ", ed. X", "trans. X".
  const parts = quotedParts(head);
  let body = parts.rest;
  const inM = /^(?:,\s*)?in\s+(.*)$/su.exec(body);
  if (parts.title && (parts.italic || inM || out.type === 'article-journal' || out.type === 'article-newspaper')) {
    out.title = stripMarks(parts.title);
    if (inM) {
      out.type = 'chapter';
      readContainer(inM[1]!, out);
    } else if (parts.italic) {
      out['container-title'] = stripMarks(parts.italic);
      if (out.type === 'book') out.type = fields.issued && /-/.test(fields.issued) ? 'article-newspaper' : 'article-journal';
      body = body.trim();
    }
  } else if (parts.title || parts.italic) {
    out.title = stripMarks(parts.title ?? parts.italic!);
    const ed = EDITORS_RE.exec(body);
    if (ed) setEditors(out, ed[0], ed[1]!);
    if (/^(?:,\s*)?in\s+/u.test(body)) {
      out.type = 'chapter';
      readContainer(body.replace(/^(?:,\s*)?in\s+/u, ''), out);
    }
  } else {
    // No marks: the title runs to an " in " (chapter), an editor clause, or the end.
    let t = body.trim();
    const ed = EDITORS_RE.exec(t);
    const inAt = findIn(t, ed ? ed.index : t.length);
    if (inAt >= 0) {
      out.type = 'chapter';
      out.title = stripMarks(t.slice(0, inAt));
      readContainer(t.slice(inAt + 4), out);
    } else {
      if (ed) {
        setEditors(out, ed[0], ed[1]!);
        t = t.slice(0, ed.index);
      }
      if (out.type === 'article-journal' || out.type === 'article-newspaper') {
        const [title, container] = splitLostQuotes(t, known);
        if (container) {
          out.title = stripMarks(title);
          out['container-title'] = stripMarks(container);
        } else {
          // A newspaper cited by its name alone: "Pravda, 12 June 1937".
          if (out.type === 'article-newspaper' && !out.author) out['container-title'] = stripMarks(t);
          else out.title = stripMarks(t);
        }
      } else if (t) {
        out.title = stripMarks(t);
      }
    }
  }
  if (out.type === 'article-newspaper' && out.title && !out['container-title']) {
    const [title, container] = splitLostQuotes(out.title, known);
    if (container) {
      out.title = title;
      out['container-title'] = container;
    }
  }
  if (!out.author && out.type === 'book' && COLLECTION.test(out.title ?? '')) out.type = 'collection';
  if (cut.page && !out.page) out.page = cut.page;
  // A lone range in a full citation of an article or chapter is the piece's own pages.
  if ((out.type === 'article-journal' || out.type === 'chapter') && !out.page && !tail?.locator && locator?.label === 'page' && /^\d+\s*[-–]+\s*\d+$/u.test(locator.value)) {
    out.page = locator.value;
    locator = null;
  }
  if (!out.title && !out['container-title']) return base('unparsed', out);
  return base('full', out);
}

function setEditors(out: WorkFields, clause: string, who: string): void {
  const list = names(who.replace(/\s*\(.*$/, ''));
  if (/trans/iu.test(clause)) out.translator = list;
  else out.editor = list;
}

/** The position of the " in " that starts a chapter's container, before `limit`; -1 if none. */
function findIn(t: string, limit: number): number {
  // The last " in " before the editor clause whose container starts with a capital.
  let at = -1;
  const re = /,?\s+in\s+(?=[\p{Lu}*‘“'"])/gu;
  for (let m = re.exec(t); m && m.index < limit; m = re.exec(t)) at = m.index;
  if (at < 0) return -1;
  // Only a chapter if the container is a book (an editor follows) — else "in" is part of the title.
  if (limit === t.length && !/\(eds?\.?\)/u.test(t.slice(at))) return -1;
  const m = /,?\s+in\s+/u.exec(t.slice(at))!;
  return at + m[0].length - 4;
}

/** Reads "Julian Cooper (ed.), *Soviet History*" or "Stalinist Terror: New Perspectives, ed. by J. Arch Getty". */
function readContainer(s: string, out: WorkFields): void {
  let t = s.trim();
  const edFirst = EDITORS_FIRST_RE.exec(t);
  if (edFirst) {
    out.editor = names(edFirst[1]!);
    t = t.slice(edFirst[0].length);
  }
  const ed = EDITORS_RE.exec(t);
  if (ed) {
    setEditors(out, ed[0], ed[1]!);
    t = t.slice(0, ed.index);
  }
  out['container-title'] = stripMarks(t);
}

/** Family names of the first author or editor, folded, for matching short forms. */
export function familyKey(names: readonly CslName[] | undefined): string {
  return (names ?? []).map((n) => fold(n.family ?? n.literal ?? '')).join('|');
}

/** Case, accents, punctuation and apostrophes folded away: keys for matching. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

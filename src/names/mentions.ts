/**
 * Mentions: every naming of a person, organization or place of the authority
 * file in the body and the notes, linked to its entity. A family name shared
 * by several people is narrowed by the given name or initials beside it, then
 * by the document's earlier full mentions, then by the role words around it;
 * what stays ambiguous is listed with its candidates, never guessed. Names
 * that look personal but are in no authority record are collected for the
 * curator (`names --unknown`).
 *
 * Matching runs over views (a body paragraph rejoined across footnote zones,
 * a note joined across pages), so a name split by a page or a line-end hyphen
 * is still one name; every record carries ORIGINAL offsets.
 */
import type { LineIndex } from '../core/positions.js';
import type { TextView } from '../core/view.js';
import type { Entity, EntityRef } from './authority.js';
import { isPatronymic, type IndexEntry, type NameIndex } from './index.js';
import { variantKey, wordKey } from './key.js';
import { plain } from './translit.js';

export interface Mention {
  entity: string;
  surface: string;
  start: number;
  end: number;
  line: number;
  /** 0..1: how sure the link is (a full name 0.99; a family name resolved from context less). */
  confidence: number;
  /** How the entity was chosen: name, initials, given, unique, earlier, role, typo. */
  how: string;
  in: 'body' | 'note';
  /** The note's id for mentions in notes. */
  note?: string;
}

/** A name that fits several entities and that nothing in the text decides. */
export interface AmbiguousMention {
  surface: string;
  start: number;
  end: number;
  line: number;
  candidates: string[];
  in: 'body' | 'note';
}

/** A personal name found in the text that no authority record holds. */
export interface UnknownName {
  surface: string;
  /** The family word of the name, as written. */
  family: string;
  /** Clustering key: spellings of one name across schemes share it. */
  key: string;
  start: number;
  end: number;
  line: number;
  /** Why it was taken for a personal name. */
  evidence: 'initials' | 'rank' | 'given' | 'surname-ending' | 'unmatched-initials' | 'curator';
  in: 'body' | 'note';
}

/** A passage to search: a view of the original and where in it to begin. */
export interface Passage {
  view: TextView;
  from: number;
  in: 'body' | 'note';
  note?: string;
}

interface Token {
  /** View offsets. */
  s: number;
  e: number;
  text: string;
  key: string;
  cap: boolean;
  caps: boolean;
  /** Followed by a possessive 's. */
  possessive: boolean;
  /** An initial: one or two letters with a full stop after (M., Ia., Zh.). */
  initial: boolean;
}

/** Abbreviations with a full stop that are not initials: St. Anna, Dr. Mr. */
const NOT_INITIALS = new Set(['St', 'Dr', 'Mr', 'Ms', 'Mt', 'Ft', 'No', 'Nr', 'Vo', 'Co', 'Jr', 'Sr', 'Lt', 'Gr', 'Pr', 'Ul', 'Im']);

const WORD = /[\p{L}\p{M}]+(?:['’ʼ`][\p{L}\p{M}]+)*/gu;

function tokenize(view: TextView, from: number): Token[] {
  const t = view.text;
  const out: Token[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(t); m; m = WORD.exec(t)) {
    let text = m[0];
    let e = m.index + text.length;
    let possessive = false;
    const pm = /^(.{2,})['’ʼ`]s$/u.exec(text);
    if (pm) {
      text = pm[1]!;
      e = m.index + text.length;
      possessive = true;
    } else if (/^['’ʼ`]s\b/u.test(t.slice(e, e + 3))) possessive = true;
    const prev = out[out.length - 1];
    // "World War I.", "Nicholas I.": a regnal or ordinal numeral, not an initial.
    const numeral = /^[IVX]$/.test(text) && !!prev && prev.cap && !prev.initial && t.slice(prev.e, m.index) === ' ';
    // A word broken at a line end with a hyphen ("Tukha-" / "chevskii") is one word.
    const g = prev ? t.slice(prev.e, m.index) : '';
    if (prev && /^-(?:\r?\n|\r)?$/.test(g) && /^\p{Ll}/u.test(text) && (g.length > 1 || brokenAtLineEnd(view, prev.e))) {
      prev.e = e;
      prev.text = t.slice(prev.s, e).replace(/-(?:\r?\n|\r)?/, '');
      prev.key = wordKey(prev.text);
      prev.possessive = possessive;
      continue;
    }
    const first = text[0]!;
    const upper = first !== first.toLowerCase();
    const letters = text.replace(/[^\p{L}]/gu, '');
    out.push({
      s: m.index,
      e,
      text,
      key: wordKey(text),
      cap: upper,
      caps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      possessive,
      initial: !numeral && upper && letters.length <= 2 && t[e] === '.' && (letters.length === 1 || letters[1] === letters[1]!.toLowerCase()) && !NOT_INITIALS.has(letters),
    });
  }
  return out;
}

function brokenAtLineEnd(view: TextView, hyphenEnd: number): boolean {
  const a = view.toOriginal(hyphenEnd - 1);
  const b = view.toOriginal(hyphenEnd);
  return /[\r\n]/.test(view.original.slice(a, b + 1));
}

/** Words before a name that give a rank or title: not part of the name, but evidence that a person is meant, and of what kind. */
const RANKS: Record<string, string> = {
  marshal: 'military', komkor: 'military', komdiv: 'military', komandarm: 'military', kombrig: 'military', kombrigs: 'military',
  komkors: 'military', komdivs: 'military', flagman: 'military', admiral: 'military', general: 'military', colonel: 'military',
  major: 'military', captain: 'military', lieutenant: 'military', commander: 'military', komissar: 'military', commissar: 'military',
  corpscommander: 'military', divisional: 'military', brigade: 'military', army: 'military', polkovnik: 'military',
  kapitan: 'military', leitenant: 'military', ensign: 'military', sergeant: 'military', field: 'military',
  comrade: '', comrades: '', tovarishch: '', citizen: '', mr: '', mrs: '', dr: '', professor: 'historian', prof: 'historian',
  academician: '', herr: '', president: 'foreign', premier: '', chairman: '', commissars: '', secretary: '',
};

/** Words after a family name that make it the name of a thing (an academy, a street, a prize), not of the person. */
const NAMED_AFTER_NEXT = new Set([
  'academy', 'street', 'square', 'avenue', 'prospekt', 'prospect', 'prize', 'canal', 'works', 'factory', 'plant', 'school',
  'institute', 'museum', 'line', 'constitution', 'kolkhoz', 'collective', 'military', 'university', 'library', 'oblast',
  'region', 'raion', 'district', 'province', 'guards', 'class', 'tank', 'tanks', 'ulitsa', 'bridge', 'prizes', 'boulevard',
  'river', 'lake', 'sea', 'mountains', 'peninsula', 'island', 'cemetery', 'stadium', 'park', 'metro', 'station', 'hotel', 'mausoleum',
]);
/** Words before a family name that make it a street or institution "named after" (ul. Uborevicha, imeni Frunze). */
const NAMED_AFTER_PREV = new Set(['ul', 'ulitsa', 'prospekt', 'pl', 'ploshchad', 'imeni', 'im', 'pr', 'per', 'pereulok', 'bulvar', 'naberezhnaia']);
/** First words of names that are also ordinary words: in lower case the phrase is generic ("the general staff of a corps"). */
const GENERIC_START = new Set([
  'central', 'general', 'military', 'political', 'special', 'supreme', 'people', 'peoples', 'state', 'revolutionary', 'main',
  'higher', 'soviet', 'communist', 'party', 'foreign', 'secret', 'first', 'second', 'third', 'left', 'right', 'united', 'white',
  'national', 'federal', 'high', 'naval', 'air', 'border', 'internal', 'criminal', 'academy', 'council', 'army', 'navy',
]);
/** Prepositions of place: "in Kirov" is the city, "Kirov said" the man. */
const LOCATIVE = new Set(['in', 'at', 'to', 'from', 'near', 'outside', 'towards', 'via', 'into']);

/** Role words by category of person: around a bare family name they say which of two namesakes is meant. */
const ROLE_WORDS: Record<string, RegExp> = {
  military: /\b(?:command(?:er|ed|s)?|komkor|komdiv|komandarm|kombrig|marshal|army|district|corps|division|brigade|officers?|military|troops|staff|regiment|cavalry|front|civil war|arrested|testimony|tribunal)\b/giu,
  party: /\b(?:politburo|central committee|party|opposition|zinoviev|trotsky|bolshevik|trial|plenum|congress|secretary|commissar of)\b/giu,
  historian: /\b(?:argues?|argued|writes|wrote|historians?|according to|suggests?|suggested|claims?|book|study|studies|account|memoirs?|scholars?|interpretation|thesis|view|notes that|cited|published)\b/giu,
  police: /\b(?:nkvd|ogpu|cheka|interrogat\w*|investigat\w*|chekist|security)\b/giu,
};

export interface MentionResult {
  mentions: Mention[];
  ambiguous: AmbiguousMention[];
  unknownNames: UnknownName[];
  /** The entities mentioned, as the contract prints them. */
  entities: EntityRef[];
}

interface Raw {
  p: Passage;
  s: number;
  e: number;
  candidates: string[];
  type: Entity['type'];
  how: string;
  confidence: number;
  /** The family key, for people. */
  family?: string;
  /** Rank words before the name, and what category of person they point to. */
  rankCategory?: string;
  /** Narrowed by given name or initials beside the family name. */
  full: boolean;
  orig: number;
}

/**
 * Finds and links the mentions of one document's passages. `authorSpans` are
 * the original spans of citation authors: a name there is the author, and a
 * namesake who writes history is preferred.
 */
export function findMentions(
  passages: readonly Passage[],
  index: NameIndex,
  lines: LineIndex,
  authorSpans: readonly { start: number; end: number }[] = [],
  /** Where references print titles, publishers and places of publication: no mentions there. */
  fieldSpans: readonly { start: number; end: number }[] = [],
  /** The whole of each reference: a historian named only there is cited, not discussed. */
  citationSpans: readonly { start: number; end: number }[] = [],
): MentionResult {
  const raws: Raw[] = [];
  const unknown: UnknownName[] = [];
  // Words the document writes in lower case ("service", "politics"): capitalised, they are more often that word than a namesake's name.
  const lower = new Set<string>();
  for (const p of passages) for (const m of p.view.text.slice(p.from).matchAll(/(?<![\p{L}'’])\p{Ll}[\p{Ll}'’]+/gu)) lower.add(wordKey(m[0]));
  for (const p of passages) scanPassage(p, index, raws, unknown, lines, lower);
  raws.sort((a, b) => a.orig - b.orig);
  const authorAt = within(authorSpans);
  // Inside a reference a name in a title, a place of publication or a publisher names no one of the story.
  const inReference = within(fieldSpans);

  const mentions: Mention[] = [];
  const ambiguous: AmbiguousMention[] = [];
  // Full mentions (a family name narrowed to one person by a given name or initials), by family key, in text order.
  const fullBy = new Map<string, { pos: number; entity: string }[]>();
  for (const r of raws) {
    if (r.family && r.full && r.candidates.length === 1) {
      const list = fullBy.get(r.family) ?? [];
      list.push({ pos: r.orig, entity: r.candidates[0]! });
      fullBy.set(r.family, list);
    }
  }
  for (const r of raws) {
    if (inReference(r.orig)) continue;
    const view = r.p.view;
    const start = view.toOriginal(r.s);
    const end = view.toOriginal(r.e, 'end');
    const surface = view.text.slice(r.s, r.e);
    const base = { surface, start, end, line: lines.lineOf(start), in: r.p.in, ...(r.p.note ? { note: r.p.note } : {}) };
    let cands = r.candidates;
    let how = r.how;
    let confidence = r.confidence;
    if (cands.length > 1 && r.type === 'person') {
      const byRank = r.rankCategory ? cands.filter((c) => index.people.get(c)?.category === r.rankCategory) : [];
      if (byRank.length === 1) {
        cands = byRank;
        how = 'rank';
        confidence = 0.9;
      }
    }
    if (cands.length > 1 && r.type === 'person' && authorAt(start)) {
      const writers = cands.filter((c) => ['historian', 'writer'].includes(index.people.get(c)?.category ?? ''));
      if (writers.length === 1) {
        cands = writers;
        how = 'author';
        confidence = 0.85;
      }
    }
    if (cands.length > 1 && r.family) {
      const full = (fullBy.get(r.family) ?? []).filter((f) => cands.includes(f.entity));
      const before = full.filter((f) => f.pos < r.orig);
      if (before.length) {
        cands = [before[before.length - 1]!.entity];
        how = 'earlier';
        confidence = 0.85;
      } else if (new Set(full.map((f) => f.entity)).size === 1) {
        cands = [full[0]!.entity];
        how = 'later';
        confidence = 0.75;
      }
    }
    if (cands.length > 1 && r.type === 'person') {
      const w = view.text.slice(Math.max(0, r.s - 200), Math.min(view.text.length, r.e + 200));
      const scores = cands.map((c) => roleScore(w, index.people.get(c)?.category ?? ''));
      const best = Math.max(...scores);
      if (best > 0 && scores.filter((x) => x === best).length === 1) {
        cands = [cands[scores.indexOf(best)]!];
        how = 'role';
        confidence = 0.7;
      }
    }
    if (cands.length === 1) mentions.push({ entity: cands[0]!, ...base, confidence, how });
    else ambiguous.push({ ...base, candidates: cands });
  }
  // A historian or writer the document only cites (never names in its prose) is a source, not one of its people.
  const inCitation = within(citationSpans);
  const discussed = new Set(mentions.filter((m) => !inCitation(m.start)).map((m) => m.entity));
  const writer = (id: string) => ['historian', 'writer'].includes(index.people.get(id)?.category ?? '');
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k]!;
    if (writer(m.entity) && !discussed.has(m.entity)) mentions.splice(k, 1);
  }
  const seen = new Set(mentions.map((m) => m.entity));
  const entities: EntityRef[] = [...seen].sort().map((id) => {
    const e = index.authority.byId.get(id)!;
    return { id, type: e.type, label: e.label, variants: [...(index.forms.get(id) ?? [])].filter((v) => v !== e.label).sort() };
  });
  const unknownNames = unknown.filter((u) => !inReference(u.start)).sort((a, b) => a.start - b.start);
  return { mentions, ambiguous, unknownNames, entities };
}

/** A test of whether an offset falls inside any of the spans: spans merged and sorted once, then binary search. */
function within(spans: readonly { start: number; end: number }[]): (pos: number) => boolean {
  const sorted = [...spans].filter((x) => x.end > x.start).sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const x of sorted) {
    const last = merged[merged.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else merged.push({ ...x });
  }
  return (pos) => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = merged[mid]!;
      if (pos < m.start) hi = mid - 1;
      else if (pos >= m.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

function roleScore(window: string, category: string): number {
  const re = ROLE_WORDS[category];
  if (!re) return 0;
  re.lastIndex = 0;
  return window.match(re)?.length ?? 0;
}

function scanPassage(p: Passage, index: NameIndex, raws: Raw[], unknown: UnknownName[], lines: LineIndex, lower: ReadonlySet<string>): void {
  const t = p.view.text;
  const toks = tokenize(p.view, p.from);
  const keys = toks.map((k) => k.key);
  const gapOk = (i: number) => /^[\s\-–‑]*$/u.test(t.slice(toks[i - 1]!.e, toks[i]!.s)) && !toks[i - 1]!.possessive;
  const used = new Uint8Array(toks.length);
  const orig = (v: number) => p.view.toOriginal(v);
  let i = 0;
  while (i < toks.length) {
    const tok = toks[i]!;
    const hit = index.longest(keys, i, gapOk);
    if (!tok.cap) {
      // A name of several words the text writes in lower case ("the red army"), unless its first word is generic ("central committee").
      const lowerName = hit && hit.length > 1 && !GENERIC_START.has(tok.key) && hit.entries.some((x) => x.type !== 'person' && !x.exact);
      if (!lowerName) {
        i++;
        continue;
      }
    }
    let entries = hit?.entries.filter((x) => !x.exact || exactMatch(x, toks, i, hit.length));
    let length = hit?.length ?? 0;
    // A name of several words begun with a capital keeps its capitals ("Soviet Government", not "Soviet
    // government"); if it does not, the first word alone may still be a name ("the Leningrad party boss").
    if (tok.cap && length > 1 && entries?.some((x) => x.type !== 'person') && !capitalsKept(toks, i, length)) {
      entries = index.lookup([tok.key])?.filter((x) => !x.exact || exactMatch(x, toks, i, 1));
      length = entries?.length ? 1 : 0;
    }
    let how = 'name';
    let confidence = 0.97;
    let end = length ? toks[i + length - 1]!.e : tok.e;
    if (!entries?.length) {
      // A lost apostrophe ("Stalins", "Tukhachevskiis"): the family name with an s glued on
      // (but "Arthur Adams" is Adams, not Adam's).
      const p0 = toks[i - 1];
      const stemEntries = tok.key.endsWith('s') ? index.familyKeys.get(tok.key.slice(0, -1)) : undefined;
      const afterName =
        !!p0 && p0.cap && !p0.initial && /^\s+$/.test(t.slice(p0.e, tok.s)) && !isCommonWord(p0.key) && !sentenceStart(t, p0.s) &&
        !stemEntries?.some((x) => index.people.get(x.entity)?.given.has(p0.key));
      const stem = afterName ? undefined : stemEntries;
      const near = stem ? [] : index.nearFamily(tok.key);
      if (stem && tok.key.length > 4) {
        entries = stem;
        length = 1;
        end = tok.e - 1;
        how = 'possessive';
        confidence = 0.9;
      } else if (near.length === 1 && tok.key.length >= 8 && !isCommonWord(tok.key) && !lower.has(tok.key)) {
        entries = index.familyKeys.get(near[0]!)!;
        length = 1;
        end = tok.e;
        how = 'typo';
        confidence = 0.7;
      }
    }
    if (!entries?.length) {
      i++;
      continue;
    }
    const prev = toks[i - 1];
    const prevWord = prev ? prev.key : '';
    // "anti-Stalin", "pro-Party", "anti-Comintern": an adjective, not a naming.
    if (/(?:^|[^\p{L}])(?:anti|pro|non|ex)-$/iu.test(t.slice(Math.max(0, tok.s - 5), tok.s))) {
      i += length;
      continue;
    }
    // "Marshal of the Soviet Union" is a rank; "Order of Lenin" an award.
    if (/\b(?:Marshals? of the|Orders? of(?: the)?)\s+$/u.test(t.slice(Math.max(0, tok.s - 20), tok.s))) {
      i += length;
      continue;
    }
    const next = toks[i + length];
    const nextGap = next ? t.slice(end, next.s) : '';
    const people = entries.filter((x) => x.type === 'person');
    const others = entries.filter((x) => x.type !== 'person');
    // Named after a person: a street, an academy, a prize.
    const namedAfter =
      people.length > 0 &&
      ((prev && NAMED_AFTER_PREV.has(prevWord) && /^\.?\s*$/.test(t.slice(prev.e, tok.s))) ||
        (next && /^\s+$/.test(nextGap) && next.cap && NAMED_AFTER_NEXT.has(next.key)));
    if (namedAfter) {
      i += length;
      continue;
    }
    // "a Bonaparte", "a new Stalin": a type, not the man.
    if (people.length && !others.length && (prevWord === 'a' || prevWord === 'an') && prev && /^\s+$/.test(t.slice(prev.e, tok.s))) {
      i += length;
      continue;
    }
    let chosen: IndexEntry[];
    if (people.length && others.length) {
      // Kirov the city or Kirov the man: a preposition of place decides.
      chosen = prev && LOCATIVE.has(prevWord) && /^\s+$/.test(t.slice(prev.e, tok.s)) ? others : people;
    } else chosen = entries;
    const type = chosen[0]!.type;
    let s = tok.s;
    let full = chosen.some((x) => x.kind === 'full');
    let rankCategory: string | undefined;
    let candidates = [...new Set(chosen.map((x) => x.entity))];
    if (type === 'person' && length === 1 && givenOfNext(toks, t, i, index)) {
      // "Adam Ulam": Adam is Ulam's given name here, not the family name of a namesake.
      i++;
      continue;
    }
    if (type === 'person') {
      const ext = extendPerson(toks, t, i, length, candidates, index);
      const bare = ext.from === i && ext.to === i + length - 1;
      const r0 = toks[i - 1];
      const ranked = !!r0 && RANKS[r0.key] !== undefined;
      if (bare && length === 1 && lower.has(tok.key) && !ranked) {
        // "Service", "Politics": a word of the text, not a bare family name.
        i++;
        continue;
      }
      if (ext.mismatch) {
        // Initials or a given name that fit no namesake: another person of that name.
        unknown.push(unknownRecord(p, toks, ext.from, i + length - 1, 'unmatched-initials', lines, end));
        for (let k = ext.from; k < i + length; k++) used[k] = 1;
        i += length;
        continue;
      }
      full ||= ext.narrowed;
      candidates = ext.candidates;
      s = toks[ext.from]!.s;
      if (ext.to > i + length - 1) end = toks[ext.to]!.e + (toks[ext.to]!.initial ? 1 : 0);
      if (ext.narrowed) {
        how = ext.how;
        confidence = 0.99;
      } else if (candidates.length === 1 && how === 'name') {
        how = 'unique';
        confidence = 0.95;
      }
      const r = toks[ext.from - 1];
      if (r && RANKS[r.key] !== undefined && /^\s+$/.test(t.slice(r.e, toks[ext.from]!.s))) {
        rankCategory = RANKS[r.key] || undefined;
        confidence = Math.max(confidence, 0.95);
      }
      for (let k = ext.from; k <= Math.max(ext.to, i + length - 1); k++) used[k] = 1;
      raws.push({ p, s, e: end, candidates, type, how, confidence, family: keys.slice(i, i + length).join(' '), full, orig: orig(s), ...(rankCategory ? { rankCategory } : {}) });
      i = Math.max(ext.to, i + length - 1) + 1;
      continue;
    }
    for (let k = i; k < i + length; k++) used[k] = 1;
    raws.push({ p, s, e: end, candidates, type, how, confidence, full: true, orig: orig(s) });
    i += length;
  }
  findUnknown(p, toks, used, index, unknown, lines, lower);
}

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'to', 'de', 'la', 'von', 'zu', 'der', 'i', 'po', 'na']);

/** Whether every word of a name after the first is capitalised (function words aside), or the name ends "military district(s)". */
function capitalsKept(toks: readonly Token[], i: number, length: number): boolean {
  const ws = toks.slice(i, i + length);
  if (/^military district/.test(ws.slice(-2).map((w) => w.key).join(' '))) return true;
  return ws.every((w, k) => k === 0 || w.cap || SMALL_WORDS.has(w.key));
}

/** Whether the word at `i` is a given name of the person whose family name follows it. */
function givenOfNext(toks: readonly Token[], t: string, i: number, index: NameIndex): boolean {
  const next = toks[i + 1];
  if (!next || !next.cap || !/^\s+$/.test(t.slice(toks[i]!.e, next.s))) return false;
  const entries = index.familyKeys.get(next.key);
  return !!entries && entries.some((x) => index.people.get(x.entity)?.given.has(toks[i]!.key));
}

function exactMatch(x: IndexEntry, toks: readonly Token[], i: number, length: number): boolean {
  const written = toks.slice(i, i + length).map((k) => plain(k.text)).join(' ');
  return x.exact!.has(written) || x.exact!.has(written.replace(/\s+/g, ''));
}

interface Extension {
  from: number;
  to: number;
  candidates: string[];
  narrowed: boolean;
  mismatch: boolean;
  how: string;
}

/**
 * Widens a family name to the given name, patronymic or initials written
 * before it ("M. N. Tukhachevskii", "Sergei Kamenev") or after it in
 * citations and lists ("Voroshilov, K. E."), narrowing its candidates to the
 * people they fit.
 */
function extendPerson(toks: readonly Token[], t: string, i: number, length: number, cands: readonly string[], index: NameIndex): Extension {
  const last = i + length - 1;
  // Before: up to three name words (given, patronymic, initials) joined by space or ". ".
  const before: number[] = [];
  for (let k = i - 1; k >= 0 && before.length < 3; k--) {
    const a = toks[k]!;
    const gap = t.slice(a.e, toks[k + 1]!.s);
    if (!(a.initial ? /^\.\s*$/.test(gap) : /^\s+$/.test(gap))) break;
    if (a.initial || isGivenOrPatronymic(a.key, cands, index)) before.unshift(k);
    else break;
  }
  let after: number[] = [];
  if (!before.length) {
    // After: ", K. E." or " M. N." (initials only), or ", Kliment" in an inverted citation.
    let k = last + 1;
    let gap = toks[k] ? t.slice(toks[last]!.e, toks[k]!.s) : '';
    if (toks[k] && /^,?\s+$/.test(gap)) {
      while (toks[k] && after.length < 3) {
        const a = toks[k]!;
        const g = t.slice(toks[k - 1]!.e, a.s);
        const okGap = k === last + 1 ? /^,?\s+$/.test(g) : /^\.\s*$/.test(g) || /^\s+$/.test(g);
        if (!okGap) break;
        if (a.initial || (k === last + 1 && /,/.test(gap) && isGivenOrPatronymic(a.key, cands, index))) after.push(k);
        else break;
        k++;
      }
    }
    // Initials after a name are only the person's when they all are initials or a comma set them off,
    // and when no name follows them ("Sediakin, A. I. Sedyakin": the initials lead the second name).
    if (after.length && !/,/.test(gap) && !after.every((k) => toks[k]!.initial)) after = [];
    if (after.length && leadsName(toks, t, after[after.length - 1]!, index)) after = [];
  }
  const parts = before.length ? before : after;
  if (!parts.length) return { from: i, to: last, candidates: [...cands], narrowed: false, mismatch: false, how: 'name' };
  const fit = cands.filter((c) => fits(parts.map((k) => toks[k]!), index.people.get(c)));
  if (!fit.length) {
    // Words that fit nobody: if they are all initials, another person of that family name is meant.
    const allInitials = parts.every((k) => toks[k]!.initial);
    if (allInitials) return { from: before.length ? before[0]! : i, to: last, candidates: [], narrowed: false, mismatch: true, how: '' };
    return { from: i, to: last, candidates: [...cands], narrowed: false, mismatch: false, how: 'name' };
  }
  const how = parts.every((k) => toks[k]!.initial) ? 'initials' : 'given';
  return {
    from: before.length ? before[0]! : i,
    to: after.length ? after[after.length - 1]! : last,
    candidates: fit,
    narrowed: true,
    mismatch: false,
    how,
  };
}

/** Whether the initial at `k` runs straight into a surname (a known family name or a Russian surname shape): then it is that surname's initial. */
function leadsName(toks: readonly Token[], t: string, k: number, index: NameIndex): boolean {
  const a = toks[k]!;
  const b = toks[k + 1];
  return a.initial && !!b && b.cap && !b.initial && /^\.\s*$/.test(t.slice(a.e, b.s)) && (SURNAME_ENDING.test(b.text) || index.familyKeys.has(b.key));
}

function isGivenOrPatronymic(key: string, cands: readonly string[], index: NameIndex): boolean {
  return cands.some((c) => {
    const p = index.people.get(c);
    return !!p && (p.given.has(key) || p.patronymic.has(key));
  });
}

/** Whether name words (given, patronymic, initials, in order) fit a person. */
function fits(parts: readonly Token[], p: { given: ReadonlySet<string>; patronymic: ReadonlySet<string> } | undefined): boolean {
  if (!p) return false;
  const [first, second] = parts;
  if (!first) return true;
  const matches = (tok: Token, set: ReadonlySet<string>) =>
    tok.initial ? set.size === 0 || [...set].some((g) => startsLike(g, tok.key)) : set.has(tok.key);
  if (!matches(first, p.given)) {
    // "Nikolaevich" alone, or a patronymic first in an inverted name.
    return parts.length === 1 && !first.initial && p.patronymic.has(first.key);
  }
  // The second word is the patronymic, or more of a given name of two words ("J. Arch Getty", "Anna Louise Strong").
  return !second || matches(second, p.patronymic) || (!second.initial && p.given.has(second.key));
}

/** An initial fits a name in any romanization: Ia. = Iakov = Yakov = Jakov; E. = Efim = Yefim. */
function startsLike(name: string, initial: string): boolean {
  if (name.startsWith(initial)) return true;
  const alt: Record<string, string[]> = { ia: ['ya', 'ja'], iu: ['yu', 'ju'], ie: ['ye', 'je', 'e'], e: ['ye', 'ie'], i: ['y', 'j'], y: ['i', 'j'], j: ['i', 'y'], zh: ['j'], kh: ['h', 'ch'], h: ['kh'] };
  return (alt[initial] ?? []).some((a) => name.startsWith(a));
}

/** Russian surname shapes; -in and -ko only on longer words (Kashirin, not Martin or Kevin). */
const SURNAME_ENDING = /^(?:\p{Lu}\p{Ll}+(?:ov|ova|ev|eva|ёв|skii|skiy|sky|ski|skaia|vich|enko|shvili|dze|yan)|\p{Lu}\p{Ll}{4,}(?:in|ina|ko))$/u;

/** Personal names with no authority record: initials + a word, a rank + a word, a known given name + a word, or a Russian surname shape. */
function findUnknown(p: Passage, toks: readonly Token[], used: Uint8Array, index: NameIndex, out: UnknownName[], lines: LineIndex, lower: ReadonlySet<string>): void {
  const t = p.view.text;
  const gap = (a: number, b: number) => t.slice(toks[a]!.e, toks[b]!.s);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    // Words the document also writes in lower case (captain, mountain, category) and patronymics alone are not names.
    if (used[i] || !tok.cap || tok.initial || tok.caps || tok.key.length < 3 || isCommonWord(tok.key) || lower.has(tok.key) || isPatronymic(tok.key)) continue;
    // Initials before it.
    let k = i;
    while (k > 0 && toks[k - 1]!.initial && !used[k - 1] && /^\.\s*$/.test(gap(k - 1, k)) && i - k < 3) k--;
    if (k < i) {
      // "Voroshilov, K. E. Rech'": initials after a comma trail the name before them
      // (unless they run straight into a surname: "Sediakin, A. I. Sedyakin").
      if (k > 0 && /^,\s+$/.test(gap(k - 1, k)) && toks[k - 1]!.cap && !leadsName(toks, t, i - 1, index)) continue;
      out.push(unknownRecord(p, toks, k, i, 'initials', lines));
      continue;
    }
    // Initials after it, set off by a comma: an inverted name in a citation or list.
    let j = i;
    while (toks[j + 1]?.initial && j - i < 3 && (j === i ? /^,\s+$/.test(gap(j, j + 1)) : /^\.\s*$/.test(gap(j, j + 1)))) j++;
    if (j > i && !leadsName(toks, t, j, index)) {
      out.push(unknownRecord(p, toks, i, i, 'initials', lines, toks[j]!.e + 1));
      i = j;
      continue;
    }
    const prev = toks[i - 1];
    const sp = prev ? /^\s+$/.test(t.slice(prev.e, tok.s)) : false;
    if (GIVEN.has(tok.key) && toks[i + 1]?.cap && /^\s+$/.test(gap(i, i + 1))) continue;
    if (prev && sp && !used[i - 1] && RANKS[prev.key] !== undefined && prev.key !== 'general' && prev.key !== 'army') {
      out.push(unknownRecord(p, toks, i, i, 'rank', lines));
      continue;
    }
    if (prev && sp && !used[i - 1] && prev.cap && GIVEN.has(prev.key)) {
      out.push(unknownRecord(p, toks, i - 1, i, 'given', lines));
      continue;
    }
    const nx = toks[i + 1];
    const namesThing = !!nx && nx.cap && NAMED_AFTER_NEXT.has(nx.key) && /^\s+$/.test(gap(i, i + 1));
    if (SURNAME_ENDING.test(tok.text) && !GIVEN.has(tok.key) && !namesThing) out.push(unknownRecord(p, toks, i, i, 'surname-ending', lines));
  }
}

/** Whether a word at `s` begins a sentence, a line or a note. */
function sentenceStart(t: string, s: number): boolean {
  return /(?:^|[.!?:;]\s+|\n\s*|^\s*\d+\s+)$/u.test(t.slice(Math.max(0, s - 12), s));
}

function unknownRecord(p: Passage, toks: readonly Token[], from: number, to: number, evidence: UnknownName['evidence'], lines: LineIndex, end?: number): UnknownName {
  const v = p.view;
  const s = toks[from]!.s;
  const e = end ?? toks[to]!.e;
  const start = v.toOriginal(s);
  const family = toks[to]!.initial ? toks[from]!.text : toks[to]!.text;
  return {
    surface: v.text.slice(s, e).replace(/\s+/g, ' '),
    family,
    key: variantKey(family),
    start,
    end: v.toOriginal(e, 'end'),
    line: lines.lineOf(start),
    evidence,
    in: p.in,
  };
}

/** Common Russian given names in LC and usual English forms, for spotting "Given Family" names nobody has recorded. */
const GIVEN = new Set(
  (
    'aleksandr alexander aleksei alexei anatolii andrei anton arkadii avgust boris dmitrii efim evgenii fedor feodor filipp gavriil genrikh ' +
    'georgii grigorii ian ieronim ilia iona iosif ivan iurii iakov kliment konstantin lavrentii lev leonid matvei maksim mikhail ' +
    'nikita nikolai oleg pavel petr roman semen sergei stepan vasilii viacheslav viktor vitalii vitovt vladimir vsevolod iulii ' +
    'eduard emmanuil innokentii kasian naum ruvim solomon tikhon valentin valerian zinovii ' +
    // Women's names, which share the endings of family names.
    'anna ekaterina yekaterina elena yelena evgeniia galina irina iuliia liudmila mariia maria nadezhda natalia nina olga ' +
    'polina sofia tatiana valentina vera zinaida larisa kristina marina ksenia'
  ).split(' '),
);

const COMMON = new Set(
  (
    'the this that these those there then than when where which while who whom whose what with within without after before between ' +
    'during however although because since until upon among about above below under over into onto from for and but not nor yet ' +
    'also even only more most much many such same other another each every both either neither some any all few several ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday ' +
    'friday saturday sunday chapter section part volume table figure introduction conclusion appendix bibliography ibid ' +
    'soviet russian russia red white army party central committee military district people commissariat council state ' +
    'union republic government revolution revolutionary war civil great terror purge trial trials moscow march ' +
    'communist bolshevik bolsheviks marxist leninist stalinist trotskyist trotskyists fascist german germans polish japanese ' +
    'english french british american western eastern european east west north south northern southern first second third ' +
    'category mountain captain certain curtain britain kremlin berlin latin bulletin austin franklin dublin'
  ).split(' '),
);

export function isCommonWord(key: string): boolean {
  return COMMON.has(key);
}


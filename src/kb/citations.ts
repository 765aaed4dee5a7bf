/**
 * Queries over the stored citation layers, across documents: the works of
 * the knowledge base merged by work id (the id is the same for the same work
 * in every document), the archival files cited with where and how often, and
 * the citations resting on one work with the body passage each note's marker
 * points into. Read through `Store` only; offsets are ORIGINAL offsets.
 */
import { existsSync } from 'node:fs';
import { archives, archiveLocation, type Archival } from '../cite/archival.js';
import type { Citation } from '../cite/stage.js';
import { workId, workKey, type Work } from '../cite/works.js';
import { KartotekaError } from '../core/errors.js';
import type { LinedSpan } from '../core/positions.js';
import type { DocumentMeta, Marker, Note, Sentence } from '../core/types.js';
import { collapseLines } from '../text/body.js';
import { openStore, type Store } from './store.js';

/**
 * Opens a knowledge base that must already exist (for commands that only
 * read): a missing file is E_DB naming the path, not a new empty database.
 */
export function openExistingStore(path: string): Store {
  if (path !== ':memory:' && path !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !existsSync(path)) {
    throw new KartotekaError('E_DB', path, 'no knowledge base here: build one with `kartoteka ingest PATH... --db` first');
  }
  return openStore(path);
}

/** Folds for matching names and titles: lower case, no diacritics or apostrophes, punctuation as spaces. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The documents to read: one (by reference, E_NO_DOCUMENT when unknown) or all, ordered by id. */
export function selectDocuments(store: Store, ref?: string): DocumentMeta[] {
  if (ref === undefined) return store.documents();
  const d = store.document(ref);
  if (!d) throw new KartotekaError('E_NO_DOCUMENT', undefined, `no document "${ref}" in the knowledge base`);
  return [d];
}

/** A work of the knowledge base and the documents whose notes or bibliography hold it. */
export interface WorkEntry {
  work: Work;
  documents: string[];
}

/**
 * The works of the documents (all by default), one per work id, in the order
 * they first appear (documents by id, works in each document's order). The
 * same work described by several documents keeps the first description and
 * takes from the others the fields it lacks.
 */
export function mergedWorks(store: Store, opts: { document?: string } = {}): WorkEntry[] {
  const byId = new Map<string, WorkEntry>();
  for (const d of selectDocuments(store, opts.document)) {
    for (const w of store.layer(d.id, 'works')) {
      const have = byId.get(w.id);
      if (!have) {
        byId.set(w.id, { work: clone(w), documents: [d.id] });
        continue;
      }
      if (!have.documents.includes(d.id)) have.documents.push(d.id);
      for (const [k, v] of Object.entries(w)) if (have.work[k] === undefined && v !== undefined && v !== null) have.work[k] = clone(v);
    }
  }
  return [...byId.values()];
}

// ---------------------------------------------------------------------------
// Archival files

/** Where a citation stands: its document, its id, its note and its place in the original text. */
export interface CitationPlace {
  document: string;
  citation: string;
  /** The note's label as printed ("12"), or null for a citation outside notes. */
  note: string | null;
  line: number;
  start: number;
  end: number;
}

/** One place an archival file is cited. */
export interface ArchivalCitation extends CitationPlace {
  /** The list (folio) cited, as printed ("12-15", "50 ob."), or null. */
  list: string | null;
}

export interface ArchivalFile {
  fond: string | null;
  opis: string | null;
  delo: string | null;
  /** TNA-style series ("KV 2"), when the archive numbers files so. */
  series?: string;
  /** Other parts of the reference ("1806 g.", "ch. 2"). */
  extra?: string[];
  /** As CSL's archive_location writes it: "f. 4, op. 14, d. 70". */
  location: string;
  /** The work (a CSL manuscript) the file is. */
  work: string;
  citations: number;
  documents: number;
  cited: ArchivalCitation[];
}

export interface ArchiveGroup {
  /** The archive's abbreviation ("RGVA"), or null when the notes did not say. */
  archive: string | null;
  /** Its English name from data/archives.json, or null. */
  name: string | null;
  files: ArchivalFile[];
}

/**
 * The archive a user means: an abbreviation, a former name or alias, the full
 * Russian (romanized or Cyrillic) or English name, case and diacritics
 * ignored. Returns the abbreviation, or null.
 */
export function resolveArchive(name: string): string | null {
  const q = foldText(name);
  if (!q) return null;
  for (const a of archives()) {
    const all = [a.abbr, a.cyrillic, a.ru, a.en, ...a.former, ...a.aliases].filter((s): s is string => Boolean(s));
    if (all.some((s) => foldText(s) === q || foldText(s).replace(/ /g, '') === q.replace(/ /g, ''))) return a.abbr;
  }
  return null;
}

const byNumber = (a: string | null | undefined, b: string | null | undefined): number => {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
};

/** The note labels of a document by note id. */
function noteLabels(notes: readonly Note[]): Map<string, string> {
  return new Map(notes.map((n) => [n.id, n.label]));
}

/**
 * The archival files cited in the knowledge base, grouped by archive and
 * sorted by archive, then fond, opis and delo numerically; each with every
 * citation of it (documents by id, then in text order). `archive` keeps one
 * archive (any of its names); an archive nobody knows is E_USAGE.
 */
export function archivalFiles(store: Store, opts: { archive?: string; document?: string } = {}): ArchiveGroup[] {
  let only: string | null = null;
  const docs = selectDocuments(store, opts.document);
  const found = new Map<string, { archival: Archival; file: ArchivalFile; docs: Set<string> }>();
  for (const d of docs) {
    const citations = store.layer(d.id, 'citations');
    if (!citations.length) continue;
    const labels = noteLabels(store.layer(d.id, 'notes'));
    for (const c of citations) {
      const a = c.archival;
      if (!a || (a.delo === undefined && a.fond === undefined && a.series === undefined)) continue;
      const key = workKey({ type: 'manuscript' }, a);
      let entry = found.get(key);
      if (!entry) {
        const file: ArchivalFile = {
          fond: a.fond ?? null,
          opis: a.opis ?? null,
          delo: a.delo ?? null,
          location: archiveLocation(a),
          work: workId(key),
          citations: 0,
          documents: 0,
          cited: [],
        };
        if (a.series) file.series = a.series;
        if (a.extra?.length) file.extra = [...a.extra];
        entry = { archival: a, file, docs: new Set() };
        found.set(key, entry);
      }
      entry.file.cited.push({
        document: d.id,
        citation: c.id,
        note: c.note ? (labels.get(c.note) ?? null) : null,
        line: c.line,
        start: c.start,
        end: c.end,
        list: a.list ?? (c.locator?.label === 'list' ? c.locator.value : null),
      });
      entry.docs.add(d.id);
    }
  }
  if (opts.archive !== undefined) {
    only = resolveArchive(opts.archive);
    if (!only) {
      // An archive missing from data/archives.json but named so in the notes.
      const q = foldText(opts.archive);
      only = [...found.values()].map((e) => e.archival.archive).find((a) => a && foldText(a) === q) ?? null;
    }
    if (!only) {
      const known = archives().map((a) => a.abbr).join(', ');
      throw new KartotekaError('E_USAGE', undefined, `unknown archive "${opts.archive}": give its abbreviation (${known}) or its full name`);
    }
  }
  const groups = new Map<string | null, ArchiveGroup>();
  for (const { archival, file, docs } of found.values()) {
    const abbr = archival.archive ?? null;
    if (only !== null && abbr !== only) continue;
    file.citations = file.cited.length;
    file.documents = docs.size;
    let g = groups.get(abbr);
    if (!g) {
      g = { archive: abbr, name: abbr ? (archives().find((x) => x.abbr === abbr)?.en ?? null) : null, files: [] };
      groups.set(abbr, g);
    }
    g.files.push(file);
  }
  const out = [...groups.values()].sort((a, b) => byNumber(a.archive, b.archive));
  for (const g of out) {
    g.files.sort(
      (x, y) =>
        byNumber(x.series, y.series) || byNumber(x.fond, y.fond) || byNumber(x.opis, y.opis) || byNumber(x.delo, y.delo) ||
        x.location.localeCompare(y.location),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------
// One work and what rests on it

export type WorkMatch =
  | { kind: 'one'; entry: WorkEntry }
  | { kind: 'none' }
  | { kind: 'many'; candidates: WorkEntry[] };

function haystack(w: Work): { tokens: string[]; title: string } {
  const people = ['author', 'editor', 'translator']
    .flatMap((k) => (Array.isArray(w[k]) ? (w[k] as { family?: string; given?: string; literal?: string }[]) : []))
    .map((n) => [n.family, n.given, n.literal].filter(Boolean).join(' '));
  const title = typeof w.title === 'string' ? w.title : '';
  const extra = [w['container-title'], w.archive, w.archive_location].filter((x): x is string => typeof x === 'string');
  return { tokens: foldText([...people, title, ...extra].join(' ')).split(' ').filter(Boolean), title: foldText(title) };
}

/**
 * The work `query` names: its id (exactly, or case-insensitively), else the
 * works whose authors, editors and title hold every word of the query
 * (folded; a word may be the start of one). Several matches are narrowed to
 * the one whose title is the query, when there is exactly one.
 */
export function findWork(store: Store, query: string): WorkMatch {
  const all = mergedWorks(store);
  const q = query.trim();
  const byId = all.find((e) => e.work.id === q) ?? all.find((e) => e.work.id.toLowerCase() === q.toLowerCase());
  if (byId) return { kind: 'one', entry: byId };
  const words = foldText(q).split(' ').filter(Boolean);
  if (!words.length) return { kind: 'none' };
  const hits = all.filter((e) => {
    const h = haystack(e.work).tokens;
    return words.every((w) => h.some((t) => t === w || t.startsWith(w)));
  });
  if (hits.length === 1) return { kind: 'one', entry: hits[0]! };
  if (hits.length === 0) return { kind: 'none' };
  const noArticle = (s: string) => s.replace(/^(?:the|a|an) /, '');
  const folded = noArticle(words.join(' '));
  // The whole title named, else the main title (before a subtitle) named in full.
  const exact = hits.filter((e) => noArticle(haystack(e.work).title) === folded);
  if (exact.length === 1) return { kind: 'one', entry: exact[0]! };
  const main = hits.filter((e) => {
    const raw = typeof e.work.title === 'string' ? e.work.title : '';
    return noArticle(foldText(raw.split(/[:.?!]\s/)[0] ?? '')) === folded;
  });
  if (main.length === 1) return { kind: 'one', entry: main[0]! };
  return { kind: 'many', candidates: hits };
}

/** The body sentence a note's marker points into. */
export interface Passage {
  start: number;
  end: number;
  line: number;
  /** The sentence's text, lines joined, markers shown as [n]. */
  text: string;
}

/** One citation resting on a work. */
export interface WorkCitation extends CitationPlace {
  resolution: Citation['resolution'];
  kind: Citation['kind'];
  signal: string | null;
  raw: string;
  locator: Citation['locator'];
  volume?: string;
  list?: string;
  passage: Passage | null;
}

function contains(spans: readonly LinedSpan[], pos: number): boolean {
  return spans.some((s) => s.start <= pos && pos < s.end);
}

/** The sentence holding `pos`, else the last one ending before it in the same paragraph stretch. */
function sentenceAt(sentences: readonly Sentence[], pos: number): Sentence | null {
  const inside = sentences.find((s) => contains(s.spans, pos));
  if (inside) return inside;
  let best: Sentence | null = null;
  for (const s of sentences) {
    const last = s.spans[s.spans.length - 1];
    if (last && last.end <= pos && pos - last.end <= 3) best = s;
  }
  return best;
}

function passageText(text: string, spans: readonly LinedSpan[], markers: readonly Marker[]): string {
  const parts: string[] = [];
  for (const s of spans) {
    let pos = s.start;
    for (const m of markers) {
      if (m.start < s.start || m.end > s.end || m.start < pos) continue;
      parts.push(text.slice(pos, m.start), `[${m.label}]`);
      pos = m.end;
    }
    parts.push(text.slice(pos, s.end), ' ');
  }
  return collapseLines(parts.join(''));
}

/**
 * Every citation resting on work `id` (full, Ibid., short), documents by id
 * and then in text order, each with its note's label and the body sentence
 * the note's (first) marker stands in — the claim that rests on the work.
 */
export function citationsOfWork(store: Store, id: string): WorkCitation[] {
  const out: WorkCitation[] = [];
  for (const d of store.documents()) {
    if (!(d.counts.citations ?? 0)) continue;
    const citations = store.layer(d.id, 'citations').filter((c) => c.work === id);
    if (!citations.length) continue;
    const notes = new Map(store.layer(d.id, 'notes').map((n) => [n.id, n]));
    const sentences = store.layer(d.id, 'sentences');
    const markers = store.layer(d.id, 'markers');
    const text = store.text(d.id);
    for (const c of citations) {
      const note = c.note ? notes.get(c.note) : undefined;
      const marker = note?.markers[0];
      let passage: Passage | null = null;
      if (marker) {
        const s = sentenceAt(sentences, marker.start);
        const spans = s?.spans ?? [];
        if (spans.length) {
          passage = { start: spans[0]!.start, end: spans[spans.length - 1]!.end, line: spans[0]!.line, text: passageText(text, spans, markers) };
        }
      }
      const row: WorkCitation = {
        document: d.id,
        citation: c.id,
        note: note?.label ?? null,
        line: c.line,
        start: c.start,
        end: c.end,
        resolution: c.resolution,
        kind: c.kind,
        signal: c.signal,
        raw: c.raw,
        locator: c.locator,
        passage,
      };
      if (c.volume) row.volume = c.volume;
      if (c.archival?.list) row.list = c.archival.list;
      out.push(row);
    }
  }
  return out;
}

/**
 * What every backend of `Store` shares: checking and preparing a document's
 * rows before they are written, resolving a document reference, cutting hits
 * from matched passages. All of it is TypeScript over rows; a backend
 * (sqlite.ts, postgres.ts) only stores rows and finds passages. Keeping the
 * logic here is what makes the two backends answer alike.
 */
import { resolve } from 'node:path';
import { documentSourceKind } from '../cite/kinds.js';
import { KartotekaError } from '../core/errors.js';
import { LineIndex, type LinedSpan, type Span } from '../core/positions.js';
import type { DocumentMeta, Extraction } from '../core/types.js';
import { TextView, type Piece } from '../core/view.js';
import { foldText, tokenize } from './fold.js';
import { locate, makeSnippet, parseQuery, RANK_WINDOW, scorer, type ParsedQuery } from './query.js';
import type {
  Decision,
  DocumentSummary,
  LayerName,
  LayerRecords,
  PassageMatch,
  PutResult,
  Quote,
  SearchHit,
  SearchOptions,
  Store,
  StoreStats,
} from './store.js';

const DEFAULT_LIMIT = 20;
const TEXT_CACHE = 8;

/** A searchable passage ready to be written: one per paragraph, one per note. */
export interface PassageRowInput {
  kind: 'body' | 'note';
  seq: number;
  noteLabel: string | null;
  start: number;
  end: number;
  line: number;
  /** The original pieces as JSON. */
  spans: string;
  /** The original text from the passage's start to its end. */
  text: string;
  /** The folded passage text with apostrophes removed, and with apostrophes as spaces. */
  joined: string;
  split: string;
}

/** One record of a layer, ready to be written. */
export interface RecordRowInput {
  layer: string;
  seq: number;
  start: number | null;
  end: number | null;
  line: number | null;
  data: string;
}

/** Everything one document writes, in one transaction. */
export interface DocumentWrite {
  id: string;
  path: string;
  title: string;
  meta: string;
  sha256: string;
  chars: number;
  ingestedAt: string;
  /** Records per layer as JSON. */
  layers: string;
  text: string;
  records: RecordRowInput[];
  passages: PassageRowInput[];
  /** Every distinct word the passages index (folded tokens): the vocabulary a prefix query expands into. */
  words: string[];
}

export interface DocumentRow {
  id: string;
  path: string;
  meta: string;
  chars: number;
  ingested_at: string;
  layers: string;
}

export interface PassageRow {
  id: number;
  doc_id: string;
  kind: 'body' | 'note';
  note_label: string | null;
  start: number;
  end: number;
  line: number;
  spans: string;
  /** The first HEAD_CHARS of the passage's original text (what ranking reads); null in rows stored before it was kept. */
  head: string | null;
}

export interface DecisionRow {
  id: number;
  action: string;
  target: string;
  subject: string;
  relink: string | null;
  doc_id: string | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  who: string;
  at: string;
  why: string;
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The pieces of a passage: its spans with a space between them. */
export function passagePieces(spans: readonly Span[]): Piece[] {
  const pieces: Piece[] = [];
  spans.forEach((s, i) => {
    if (i > 0) pieces.push({ insert: ' ' });
    pieces.push({ start: s.start, end: s.end });
  });
  return pieces;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** start/end/line of a record: its own, else its first span's, else null. */
function position(r: unknown): { start: number | null; end: number | null; line: number | null } {
  if (r !== null && typeof r === 'object') {
    const o = r as Record<string, unknown>;
    if (num(o.start) !== null) return { start: num(o.start), end: num(o.end), line: num(o.line) };
    const first: unknown = Array.isArray(o.spans) ? o.spans[0] : undefined;
    if (first !== null && typeof first === 'object') {
      const s = first as Record<string, unknown>;
      return { start: num(s.start), end: num(s.end), line: num(s.line) };
    }
  }
  return { start: null, end: null, line: null };
}

function fileName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

export function noDocument(id: string): KartotekaError {
  return new KartotekaError('E_NO_DOCUMENT', undefined, `no document with id "${id}" in the knowledge base`);
}

/** The layers an extraction carries: every array property but `document`. */
function layersOf(x: Extraction): [string, unknown[]][] {
  const layers: [string, unknown[]][] = [];
  for (const [name, value] of Object.entries(x)) {
    if (name !== 'document' && Array.isArray(value)) layers.push([name, value]);
  }
  return layers;
}

/**
 * The rows of one document, checked: throws RangeError when the text's length
 * is not the metadata's or a span lies outside the text, TypeError when a
 * record cannot be serialised — before anything is written.
 */
export function documentWrite(x: Extraction, text: string): DocumentWrite {
  const meta = x.document;
  if (text.length !== meta.chars) {
    throw new RangeError(`document ${meta.id}: the text has ${text.length} characters, its metadata says ${meta.chars}`);
  }
  const layers = layersOf(x);
  const lines = new LineIndex(text);
  const passages = buildPassages(x, text, lines);
  const records: RecordRowInput[] = [];
  for (const [name, rs] of layers) {
    rs.forEach((r, seq) => {
      const p = position(r);
      if (p.line === null && p.start !== null && p.start >= 0 && p.start <= text.length) p.line = lines.lineOf(p.start);
      records.push({ layer: name, seq, ...p, data: JSON.stringify(r) });
    });
  }
  return {
    id: meta.id,
    path: meta.path,
    title: meta.title,
    meta: JSON.stringify(meta),
    sha256: meta.sha256,
    chars: text.length,
    ingestedAt: new Date().toISOString(),
    layers: JSON.stringify(Object.fromEntries(layers.map(([name, rs]) => [name, rs.length]))),
    text,
    records,
    passages,
    words: wordsOf(passages),
  };
}

function wordsOf(passages: readonly PassageRowInput[]): string[] {
  const words = new Set<string>();
  for (const p of passages) for (const folded of [p.joined, p.split]) for (const t of tokenize(folded)) words.add(t.text);
  return [...words];
}

/** The passages of an extraction: one per paragraph, one per note, with their folded text. */
function buildPassages(x: Extraction, text: string, lines: LineIndex): PassageRowInput[] {
  const out: PassageRowInput[] = [];
  const add = (kind: 'body' | 'note', seq: number, noteLabel: string | null, spans: LinedSpan[]): void => {
    if (!spans || spans.length === 0) return;
    const view = new TextView(text, passagePieces(spans));
    const first = spans[0]!;
    out.push({
      kind,
      seq,
      noteLabel,
      start: first.start,
      end: spans[spans.length - 1]!.end,
      line: first.line ?? lines.lineOf(first.start),
      spans: JSON.stringify(spans.map((s) => ({ start: s.start, end: s.end, line: s.line }))),
      text: text.slice(first.start, spans[spans.length - 1]!.end),
      joined: foldText(view.text, 'remove'),
      split: foldText(view.text, 'space'),
    });
  };
  (x.paragraphs ?? []).forEach((p, i) => add('body', p.index ?? i, null, p.spans));
  (x.notes ?? []).forEach((n, i) => add('note', i, n.label, n.spans));
  return out;
}

/** A stored document's metadata; one stored before kinds of source existed gets its kind from its manifest kind. */
export function readMeta(json: string): DocumentMeta {
  const m = JSON.parse(json) as DocumentMeta;
  return m.sourceKind ? m : { ...m, sourceKind: documentSourceKind(m.kind, m.csl) };
}

/**
 * A `Store` over rows: the backend supplies the primitives below, each a
 * single query (or, for `write` and `remove`, a single transaction).
 */
export abstract class RowStore implements Store {
  private readonly cache = new Map<string, { text: string; lines: LineIndex }>();
  /** The original text of each matched passage, and its first line: what `hits` cuts snippets from without reading the whole document. */
  private readonly passageTexts = new WeakMap<PassageMatch, { text: string; line: number }>();

  /** sha256 and layer counts (JSON) of a stored document, or null. */
  protected abstract stored(id: string): { sha256: string; layers: string } | null;
  /** Writes a document in one transaction, replacing the stored version if `replace`. */
  protected abstract write(doc: DocumentWrite, replace: boolean): void;
  protected abstract metaRow(id: string): string | null;
  protected abstract idsByPath(path: string): string[];
  /** Ids and paths of every document, ordered by id. */
  protected abstract paths(): { id: string; path: string }[];
  protected abstract documentRows(): DocumentRow[];
  protected abstract textRow(id: string): string | null;
  /** The records of one layer as JSON, in order. */
  protected abstract layerRows(id: string, name: string): string[];
  /** The first `window` passages that match, in the order the store holds them (unranked). */
  protected abstract candidateRows(q: ParsedQuery, docId: string | null, window: number): PassageRow[];
  /** The original text of passages by id (null where it was not kept). */
  protected abstract passageTextRows(ids: number[]): { id: number; text: string | null }[];
  protected abstract insertDecision(d: Omit<Decision, 'id'>): number;
  protected abstract decisionRows(): DecisionRow[];
  protected abstract counts(): { documents: number; chars: number; layers: string[] };
  /** Removes a document in one transaction; the number removed. */
  protected abstract remove(id: string): number;
  abstract close(): void;

  putExtraction(x: Extraction, text: string): PutResult {
    return this.putDocument(documentWrite(x, text));
  }

  putDocument(d: DocumentWrite): PutResult {
    const old = this.stored(d.id);
    // The same text is unchanged only if it was read by a pipeline with the same layers: a newer Kartoteka's new layer (quotes, say) replaces it.
    const names = Object.keys(JSON.parse(d.layers) as Record<string, number>);
    const sameLayers = (stored: string) => {
      const have = Object.keys(JSON.parse(stored) as Record<string, number>);
      return have.length === names.length && names.every((name) => have.includes(name));
    };
    if (old && old.sha256 === d.sha256 && sameLayers(old.layers)) return 'unchanged';
    this.write(d, old !== null);
    this.cache.delete(d.id);
    return old ? 'replaced' : 'added';
  }

  document(ref: string): DocumentMeta | null {
    const byId = this.metaRow(ref);
    if (byId) return readMeta(byId);
    const one = (ids: string[]): DocumentMeta | null => {
      if (ids.length === 0) return null;
      if (ids.length > 1) {
        const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '');
        throw new KartotekaError('E_NO_DOCUMENT', undefined, `"${ref}" matches ${ids.length} documents (${shown}): say which`);
      }
      return readMeta(this.metaRow(ids[0]!)!);
    };
    const byPath = this.idsByPath(ref);
    if (byPath.length > 0) return one(byPath);
    const rows = this.paths();
    const abs = resolve(ref);
    const resolved = rows.filter((r) => resolve(r.path) === abs).map((r) => r.id);
    if (resolved.length > 0) return one(resolved);
    const lower = ref.toLowerCase();
    if (!lower) return null;
    const exactName = rows.filter((r) => fileName(r.path).toLowerCase() === lower).map((r) => r.id);
    if (exactName.length > 0) return one(exactName);
    return one(
      rows
        .filter((r) => r.id.toLowerCase().startsWith(lower) || fileName(r.path).toLowerCase().startsWith(lower))
        .map((r) => r.id),
    );
  }

  documents(): DocumentSummary[] {
    return this.documentRows().map((r) => ({
      ...readMeta(r.meta),
      counts: JSON.parse(r.layers) as Record<string, number>,
      ingestedAt: r.ingested_at,
    }));
  }

  text(docId: string): string {
    return this.cached(docId).text;
  }

  layer<K extends LayerName>(docId: string, name: K): LayerRecords<K> {
    if (!this.stored(docId)) throw noDocument(docId);
    return this.layerRows(docId, name).map((data) => JSON.parse(data) as unknown) as LayerRecords<K>;
  }

  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    return this.hits(query, this.matches(query, opts));
  }

  matches(query: string, opts: SearchOptions = {}): PassageMatch[] {
    const parsed = parseQuery(query);
    const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_LIMIT));
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    let docId: string | null = null;
    if (opts.document !== undefined) {
      const d = this.document(opts.document);
      if (!d) throw new KartotekaError('E_NO_DOCUMENT', undefined, `no document "${opts.document}" in the knowledge base`);
      docId = d.id;
    }
    if (limit === 0) return [];
    const score = scorer(parsed);
    const ranked = this.candidateRows(parsed, docId, Math.max(RANK_WINDOW, offset + limit))
      .map((row) => ({ row, score: score(row.head ?? this.cached(row.doc_id).text.slice(row.start, row.end), row.end - row.start) }))
      .sort((a, b) => b.score - a.score || (a.row.doc_id < b.row.doc_id ? -1 : a.row.doc_id > b.row.doc_id ? 1 : a.row.start - b.row.start))
      .slice(offset, offset + limit);
    // Whole texts only for the passages returned: ranking read their heads.
    const texts = new Map(this.passageTextRows(ranked.filter((r) => r.row.head !== null).map((r) => r.row.id)).map((r) => [Number(r.id), r.text]));
    return ranked.map(({ row, score }) => {
      const m: PassageMatch = { document: row.doc_id, in: row.kind, passage: { start: row.start, end: row.end }, pieces: JSON.parse(row.spans) as Span[], score };
      if (row.kind === 'note' && row.note_label !== null) m.note = row.note_label;
      const text = texts.get(Number(row.id));
      if (text != null) this.passageTexts.set(m, { text, line: row.line });
      return m;
    });
  }

  /**
   * A text holding the passage at its original offsets, and the line of an
   * offset in it: the passage's own text shifted by its start when `matches`
   * read it, else the whole document.
   */
  private source(m: PassageMatch): { view: TextView; base: number; lineOf: (pos: number) => number } {
    const own = this.passageTexts.get(m);
    if (!own) {
      const { text, lines } = this.cached(m.document);
      return { view: new TextView(text, passagePieces(m.pieces)), base: 0, lineOf: (pos) => lines.lineOf(pos) };
    }
    const base = m.passage.start;
    const lines = new LineIndex(own.text);
    const pieces = m.pieces.map((p) => ({ start: p.start - base, end: p.end - base }));
    return { view: new TextView(own.text, passagePieces(pieces)), base, lineOf: (pos) => own.line + lines.lineOf(pos - base) - 1 };
  }

  hits(query: string, matches: readonly PassageMatch[]): SearchHit[] {
    const parsed = parseQuery(query);
    return matches.map((m) => {
      const { view, base, lineOf } = this.source(m);
      const found = locate(parsed, view.text);
      // The index and `locate` tokenize alike; should they ever disagree, the
      // hit still points at its passage.
      const first = found[0] ?? { start: 0, end: 0 };
      const start = base + view.toOriginal(first.start, 'start');
      const end = Math.max(start, base + view.toOriginal(first.end, 'end'));
      const snip = makeSnippet(view.text, first);
      const highlights: Span[] = [];
      const snippetHighlights: Span[] = [];
      for (const f of found) {
        const a = Math.max(f.start, snip.window.start);
        const b = Math.min(f.end, snip.window.end);
        if (b <= a) continue;
        for (const h of view.toOriginalSpans(a, b)) highlights.push({ start: base + h.start, end: base + h.end });
        snippetHighlights.push({ start: snip.at(a), end: snip.at(b) });
      }
      const hit: SearchHit = {
        document: m.document,
        start,
        end,
        line: lineOf(start),
        snippet: snip.text,
        score: m.score,
        in: m.in,
        passage: m.passage,
        highlights,
        snippetHighlights,
      };
      if (m.note !== undefined) hit.note = m.note;
      return hit;
    });
  }

  addDecision(d: Omit<Decision, 'id'>): Decision {
    return { id: this.insertDecision(d), ...d };
  }

  decisions(): Decision[] {
    return this.decisionRows().map((r) => ({
      id: Number(r.id),
      action: r.action as Decision['action'],
      target: r.target,
      subject: r.subject,
      relink: r.relink,
      document: r.doc_id,
      start: r.start,
      end: r.end,
      quote: r.quote ? (JSON.parse(r.quote) as Quote) : null,
      who: r.who,
      at: r.at,
      why: r.why,
    }));
  }

  stats(): StoreStats {
    const s = this.counts();
    const layers: Record<string, number> = {};
    for (const json of s.layers) {
      for (const [name, n] of Object.entries(JSON.parse(json) as Record<string, number>)) {
        layers[name] = (layers[name] ?? 0) + n;
      }
    }
    return { documents: s.documents, chars: s.chars, layers };
  }

  deleteDocument(id: string): boolean {
    const n = this.remove(id);
    this.cache.delete(id);
    return n > 0;
  }

  protected clearCache(): void {
    this.cache.clear();
  }

  private cached(docId: string): { text: string; lines: LineIndex } {
    let c = this.cache.get(docId);
    if (c) {
      this.cache.delete(docId);
      this.cache.set(docId, c);
      return c;
    }
    const text = this.textRow(docId);
    if (text === null) throw noDocument(docId);
    c = { text, lines: new LineIndex(text) };
    this.cache.set(docId, c);
    if (this.cache.size > TEXT_CACHE) this.cache.delete(this.cache.keys().next().value!);
    return c;
  }
}

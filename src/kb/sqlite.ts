/**
 * The SQLite implementation of `Store` (better-sqlite3, FTS5). All offsets
 * are computed in TypeScript; SQL only stores and finds rows.
 */
import { documentSourceKind } from '../cite/kinds.js';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ERRORS, KartotekaError } from '../core/errors.js';
import { LineIndex, type LinedSpan, type Span } from '../core/positions.js';
import type { DocumentMeta, Extraction } from '../core/types.js';
import { TextView, type Piece } from '../core/view.js';
import { fold } from './fold.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { locate, makeSnippet, parseQuery, toFtsQuery } from './query.js';
import type {
  Decision,
  DocumentSummary,
  LayerName,
  LayerRecords,
  PutResult,
  Quote,
  SearchHit,
  PassageMatch,
  SearchOptions,
  Store,
  StoreStats,
} from './store.js';

export function openSqliteStore(path: string): Store {
  return new SqliteStore(path);
}

const DEFAULT_LIMIT = 20;
const TEXT_CACHE = 8;

interface PassageRow {
  id: number;
  doc_id: string;
  kind: 'body' | 'note';
  note_label: string | null;
  start: number;
  end: number;
  line: number;
  spans: string;
  rank: number;
}

interface DocumentRow {
  id: string;
  path: string;
  meta: string;
  chars: number;
  ingested_at: string;
  layers: string;
}

/** A passage ready to be written. */
interface PassageInput {
  kind: 'body' | 'note';
  seq: number;
  noteLabel: string | null;
  spans: LinedSpan[];
  joined: string;
  split: string;
}

function message(e: unknown): string {
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

interface DecisionRow {
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

class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, { text: string; lines: LineIndex }>();
  private readonly q: ReturnType<typeof prepare>;

  constructor(path: string) {
    const memory = path === ':memory:' || path === '';
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (e) {
      throw new KartotekaError('E_DB', path, `cannot open the database: ${message(e)}`);
    }
    try {
      db.pragma('foreign_keys = ON');
      checkKartoteka(db, path);
      if (!memory) db.pragma('journal_mode = WAL');
      migrate(db);
    } catch (e) {
      db.close();
      if (e instanceof KartotekaError) throw e;
      throw new KartotekaError('E_DB', path, `${ERRORS.E_DB}: ${message(e)}`);
    }
    this.db = db;
    this.q = prepare(db);
  }

  putExtraction(x: Extraction, text: string): PutResult {
    const meta = x.document;
    if (text.length !== meta.chars) {
      throw new RangeError(`document ${meta.id}: the text has ${text.length} characters, its metadata says ${meta.chars}`);
    }
    const layers: [string, unknown[]][] = [];
    for (const [name, value] of Object.entries(x)) {
      if (name !== 'document' && Array.isArray(value)) layers.push([name, value]);
    }
    const old = this.q.sha.get(meta.id);
    // The same text is unchanged only if it was read by a pipeline with the same layers: a newer Kartoteka's new layer (quotes, say) replaces it.
    const sameLayers = (stored: string) => {
      const have = Object.keys(JSON.parse(stored) as Record<string, number>);
      return have.length === layers.length && layers.every(([name]) => have.includes(name));
    };
    if (old && old.sha256 === meta.sha256 && sameLayers(old.layers)) return 'unchanged';

    const passages = buildPassages(x, text);
    const lines = new LineIndex(text);
    const counts = Object.fromEntries(layers.map(([name, records]) => [name, records.length]));

    this.db.transaction(() => {
      if (old) this.q.deleteDoc.run(meta.id);
      this.q.insertDoc.run(
        meta.id,
        meta.path,
        meta.title,
        JSON.stringify(meta),
        meta.sha256,
        text.length,
        new Date().toISOString(),
        JSON.stringify(counts),
      );
      this.q.insertText.run(meta.id, text);
      for (const [name, records] of layers) {
        records.forEach((r, seq) => {
          const p = position(r);
          if (p.line === null && p.start !== null && p.start >= 0 && p.start <= text.length) p.line = lines.lineOf(p.start);
          this.q.insertRecord.run(meta.id, name, seq, p.start, p.end, p.line, JSON.stringify(r));
        });
      }
      for (const p of passages) {
        const first = p.spans[0]!;
        const last = p.spans[p.spans.length - 1]!;
        const info = this.q.insertPassage.run(
          meta.id,
          p.kind,
          p.seq,
          p.noteLabel,
          first.start,
          last.end,
          first.line ?? lines.lineOf(first.start),
          JSON.stringify(p.spans),
        );
        this.q.insertFts.run(info.lastInsertRowid, p.joined, p.split);
      }
    })();
    this.cache.delete(meta.id);
    return old ? 'replaced' : 'added';
  }

  document(ref: string): DocumentMeta | null {
    const byId = this.q.metaById.get(ref);
    if (byId) return readMeta(byId.meta);
    const one = (ids: string[]): DocumentMeta | null => {
      if (ids.length === 0) return null;
      if (ids.length > 1) {
        const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '');
        throw new KartotekaError('E_NO_DOCUMENT', undefined, `"${ref}" matches ${ids.length} documents (${shown}): say which`);
      }
      return readMeta(this.q.metaById.get(ids[0]!)!.meta);
    };
    const byPath = this.q.idsByPath.all(ref).map((r) => r.id);
    if (byPath.length > 0) return one(byPath);
    const rows = this.q.allPaths.all();
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
    return this.q.all.all().map((r) => ({
      ...readMeta(r.meta),
      counts: JSON.parse(r.layers) as Record<string, number>,
      ingestedAt: r.ingested_at,
    }));
  }

  text(docId: string): string {
    return this.cached(docId).text;
  }

  layer<K extends LayerName>(docId: string, name: K): LayerRecords<K> {
    if (!this.q.sha.get(docId)) throw noDocument(docId);
    return this.q.layer.all(docId, name).map((r) => JSON.parse(r.data) as unknown) as LayerRecords<K>;
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
    return this.q.search.all(toFtsQuery(parsed), docId, docId, limit, offset).map((row) => {
      const m: PassageMatch = { document: row.doc_id, in: row.kind, passage: { start: row.start, end: row.end }, pieces: JSON.parse(row.spans) as Span[], score: -row.rank };
      if (row.kind === 'note' && row.note_label !== null) m.note = row.note_label;
      return m;
    });
  }

  hits(query: string, matches: readonly PassageMatch[]): SearchHit[] {
    const parsed = parseQuery(query);
    return matches.map((m) => {
      const { text, lines } = this.cached(m.document);
      const view = new TextView(text, passagePieces(m.pieces));
      const found = locate(parsed, view.text);
      // FTS5 and `locate` tokenize alike; should they ever disagree, the hit
      // still points at its passage.
      const first = found[0] ?? { start: 0, end: 0 };
      const start = view.toOriginal(first.start, 'start');
      const end = Math.max(start, view.toOriginal(first.end, 'end'));
      const snip = makeSnippet(view.text, first);
      const highlights: Span[] = [];
      const snippetHighlights: Span[] = [];
      for (const f of found) {
        const a = Math.max(f.start, snip.window.start);
        const b = Math.min(f.end, snip.window.end);
        if (b <= a) continue;
        highlights.push(...view.toOriginalSpans(a, b));
        snippetHighlights.push({ start: snip.at(a), end: snip.at(b) });
      }
      const hit: SearchHit = {
        document: m.document,
        start,
        end,
        line: lines.lineOf(start),
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
    const r = this.q.insertDecision.run(
      d.action, d.target, d.subject, d.relink, d.document, d.start, d.end, d.quote ? JSON.stringify(d.quote) : null, d.who, d.at, d.why,
    );
    return { id: Number(r.lastInsertRowid), ...d };
  }

  decisions(): Decision[] {
    return this.q.decisions.all().map((r) => ({
      id: r.id,
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
    const s = this.q.stats.get()!;
    const layers: Record<string, number> = {};
    for (const r of this.q.layerCounts.all()) {
      for (const [name, n] of Object.entries(JSON.parse(r.layers) as Record<string, number>)) {
        layers[name] = (layers[name] ?? 0) + n;
      }
    }
    return { documents: s.documents, chars: s.chars ?? 0, layers };
  }

  deleteDocument(id: string): boolean {
    const n = this.db.transaction(() => this.q.deleteDoc.run(id).changes)();
    this.cache.delete(id);
    return n > 0;
  }

  close(): void {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }

  private cached(docId: string): { text: string; lines: LineIndex } {
    let c = this.cache.get(docId);
    if (c) {
      this.cache.delete(docId);
      this.cache.set(docId, c);
      return c;
    }
    const row = this.q.text.get(docId);
    if (!row) throw noDocument(docId);
    c = { text: row.text, lines: new LineIndex(row.text) };
    this.cache.set(docId, c);
    if (this.cache.size > TEXT_CACHE) this.cache.delete(this.cache.keys().next().value!);
    return c;
  }
}

function prepare(db: Database.Database) {
  return {
    sha: db.prepare<[string], { sha256: string; layers: string }>('SELECT sha256, layers FROM document WHERE id = ?'),
    deleteDoc: db.prepare<[string]>('DELETE FROM document WHERE id = ?'),
    insertDoc: db.prepare(
      'INSERT INTO document (id, path, title, meta, sha256, chars, ingested_at, layers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertText: db.prepare('INSERT INTO document_text (doc_id, text) VALUES (?, ?)'),
    insertRecord: db.prepare(
      'INSERT INTO record (doc_id, layer, seq, start, "end", line, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertPassage: db.prepare(
      'INSERT INTO passage (doc_id, kind, seq, note_label, start, "end", line, spans) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertFts: db.prepare('INSERT INTO passage_fts (rowid, joined, split) VALUES (?, ?, ?)'),
    metaById: db.prepare<[string], { meta: string }>('SELECT meta FROM document WHERE id = ?'),
    idsByPath: db.prepare<[string], { id: string }>('SELECT id FROM document WHERE path = ? ORDER BY id'),
    allPaths: db.prepare<[], { id: string; path: string }>('SELECT id, path FROM document ORDER BY id'),
    all: db.prepare<[], DocumentRow>('SELECT id, path, meta, chars, ingested_at, layers FROM document ORDER BY id'),
    text: db.prepare<[string], { text: string }>('SELECT text FROM document_text WHERE doc_id = ?'),
    layer: db.prepare<[string, string], { data: string }>('SELECT data FROM record WHERE doc_id = ? AND layer = ? ORDER BY seq'),
    search: db.prepare<[string, string | null, string | null, number, number], PassageRow>(`
      WITH m AS (SELECT rowid AS id, bm25(passage_fts) AS rank FROM passage_fts WHERE passage_fts MATCH ?)
      SELECT p.id, p.doc_id, p.kind, p.note_label, p.start, p."end" AS "end", p.line, p.spans, m.rank
        FROM m JOIN passage p ON p.id = m.id
       WHERE (? IS NULL OR p.doc_id = ?)
       ORDER BY m.rank, p.doc_id, p.start
       LIMIT ? OFFSET ?`),
    stats: db.prepare<[], { documents: number; chars: number | null }>(
      'SELECT count(*) AS documents, sum(chars) AS chars FROM document',
    ),
    insertDecision: db.prepare(
      'INSERT INTO decision (action, target, subject, relink, doc_id, start, "end", quote, who, at, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    decisions: db.prepare<[], DecisionRow>('SELECT id, action, target, subject, relink, doc_id, start, "end" AS "end", quote, who, at, why FROM decision ORDER BY id'),
    layerCounts: db.prepare<[], { layers: string }>('SELECT layers FROM document'),
  };
}

function noDocument(id: string): KartotekaError {
  return new KartotekaError('E_NO_DOCUMENT', undefined, `no document with id "${id}" in the knowledge base`);
}

/**
 * Refuses files that are not SQLite (reading the schema fails), SQLite
 * databases of other programs (tables but no Kartoteka marker), and
 * Kartoteka databases newer than this code.
 */
function checkKartoteka(db: Database.Database, path: string): void {
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'")
    .pluck()
    .all();
  const version = db.pragma('user_version', { simple: true }) as number;
  if (tables.length === 0 && version === 0) return;
  let marker: unknown;
  if (tables.includes('kartoteka')) {
    marker = db.prepare("SELECT value FROM kartoteka WHERE key = 'schema'").pluck().get();
  }
  if (marker !== 'kartoteka') {
    throw new KartotekaError('E_DB', path, 'the file is an SQLite database, but not a Kartoteka one: give another path');
  }
  if (version > SCHEMA_VERSION) {
    throw new KartotekaError(
      'E_DB',
      path,
      `the database has schema version ${version}, newer than this Kartoteka knows (${SCHEMA_VERSION}): upgrade Kartoteka`,
    );
  }
}

/** The passages of an extraction: one per paragraph, one per note, with their folded text. */
function buildPassages(x: Extraction, text: string): PassageInput[] {
  const out: PassageInput[] = [];
  const add = (kind: 'body' | 'note', seq: number, noteLabel: string | null, spans: LinedSpan[]): void => {
    if (!spans || spans.length === 0) return;
    const view = new TextView(text, passagePieces(spans));
    out.push({
      kind,
      seq,
      noteLabel,
      spans: spans.map((s) => ({ start: s.start, end: s.end, line: s.line })),
      joined: fold(view.text, 'remove').text,
      split: fold(view.text, 'space').text,
    });
  };
  (x.paragraphs ?? []).forEach((p, i) => add('body', p.index ?? i, null, p.spans));
  (x.notes ?? []).forEach((n, i) => add('note', i, n.label, n.spans));
  return out;
}

/** A stored document's metadata; one stored before kinds of source existed gets its kind from its manifest kind. */
function readMeta(json: string): DocumentMeta {
  const m = JSON.parse(json) as DocumentMeta;
  return m.sourceKind ? m : { ...m, sourceKind: documentSourceKind(m.kind, m.csl) };
}

/**
 * The SQLite implementation of `Store` (better-sqlite3, FTS5): the row
 * primitives of `RowStore`. All offsets are computed in TypeScript; SQL only
 * stores and finds rows.
 */
import Database from 'better-sqlite3';
import { ERRORS, KartotekaError } from '../core/errors.js';
import { message, RowStore, type DecisionRow, type DocumentRow, type DocumentWrite, type PassageRow } from './base.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { HEAD_CHARS, toFtsQuery, type ParsedQuery } from './query.js';
import type { Decision, Store } from './store.js';

export function openSqliteStore(path: string): Store {
  return new SqliteStore(path);
}

/** The most words a prefix query is expanded into; "a*" stays FTS5's prefix search. */
const MAX_EXPANSION = 64;

class SqliteStore extends RowStore {
  private readonly db: Database.Database;
  private readonly q: ReturnType<typeof prepare>;
  /** Words this connection has written (a writer meets the same words in every document). */
  private readonly knownWords = new Set<string>();

  constructor(path: string) {
    super();
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

  protected stored(id: string) {
    return this.q.sha.get(id) ?? null;
  }

  protected write(d: DocumentWrite, replace: boolean): void {
    this.db.transaction(() => {
      if (replace) this.q.deleteDoc.run(d.id);
      this.q.insertDoc.run(d.id, d.path, d.title, d.meta, d.sha256, d.chars, d.ingestedAt, d.layers);
      this.q.insertText.run(d.id, d.text);
      for (const r of d.records) this.q.insertRecord.run(d.id, r.layer, r.seq, r.start, r.end, r.line, r.data);
      for (const p of d.passages) {
        const info = this.q.insertPassage.run(d.id, p.kind, p.seq, p.noteLabel, p.start, p.end, p.line, p.spans, p.text);
        this.q.insertFts.run(info.lastInsertRowid, p.joined, p.split);
      }
      for (const w of d.words) {
        if (this.knownWords.has(w)) continue;
        this.q.insertWord.run(w);
        this.knownWords.add(w);
      }
    })();
  }

  protected metaRow(id: string): string | null {
    return this.q.metaById.get(id)?.meta ?? null;
  }

  protected idsByPath(path: string): string[] {
    return this.q.idsByPath.all(path).map((r) => r.id);
  }

  protected paths() {
    return this.q.allPaths.all();
  }

  protected documentRows(): DocumentRow[] {
    return this.q.all.all();
  }

  protected textRow(id: string): string | null {
    return this.q.text.get(id)?.text ?? null;
  }

  protected layerRows(id: string, name: string): string[] {
    return this.q.layer.all(id, name).map((r) => r.data);
  }

  protected candidateRows(q: ParsedQuery, docId: string | null, window: number): PassageRow[] {
    const fts = toFtsQuery(q, (prefix) => this.wordsStarting(prefix));
    return docId === null ? this.q.search.all(fts, window) : this.q.searchIn.all(docId, fts, window, docId);
  }

  /** The indexed words a prefix stands for; null when there are too many to list (FTS5's own prefix search then). */
  private wordsStarting(prefix: string): string[] | null {
    const last = prefix.charCodeAt(prefix.length - 1);
    const words = this.q.wordsFrom.all(prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1), MAX_EXPANSION + 1);
    return words.length > MAX_EXPANSION ? null : words;
  }

  protected passageTextRows(ids: number[]): { id: number; text: string | null }[] {
    return ids.length ? this.q.passageTexts.all(JSON.stringify(ids)) : [];
  }

  protected insertDecision(d: Omit<Decision, 'id'>): number {
    const r = this.q.insertDecision.run(
      d.action, d.target, d.subject, d.relink, d.document, d.start, d.end, d.quote ? JSON.stringify(d.quote) : null, d.who, d.at, d.why,
    );
    return Number(r.lastInsertRowid);
  }

  protected decisionRows(): DecisionRow[] {
    return this.q.decisions.all();
  }

  protected counts() {
    const s = this.q.stats.get()!;
    return { documents: s.documents, chars: s.chars ?? 0, layers: this.q.layerCounts.all().map((r) => r.layers) };
  }

  protected remove(id: string): number {
    return this.db.transaction(() => this.q.deleteDoc.run(id).changes)();
  }

  close(): void {
    this.clearCache();
    if (this.db.open) this.db.close();
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
      'INSERT INTO passage (doc_id, kind, seq, note_label, start, "end", line, spans, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertFts: db.prepare('INSERT INTO passage_fts (rowid, joined, split) VALUES (?, ?, ?)'),
    insertWord: db.prepare('INSERT OR IGNORE INTO word (word) VALUES (?)'),
    wordsFrom: db.prepare<[string, string, number], string>('SELECT word FROM word WHERE word >= ? AND word < ? ORDER BY word LIMIT ?').pluck(),
    metaById: db.prepare<[string], { meta: string }>('SELECT meta FROM document WHERE id = ?'),
    idsByPath: db.prepare<[string], { id: string }>('SELECT id FROM document WHERE path = ? ORDER BY id'),
    allPaths: db.prepare<[], { id: string; path: string }>('SELECT id, path FROM document ORDER BY id'),
    all: db.prepare<[], DocumentRow>('SELECT id, path, meta, chars, ingested_at, layers FROM document ORDER BY id'),
    text: db.prepare<[string], { text: string }>('SELECT text FROM document_text WHERE doc_id = ?'),
    layer: db.prepare<[string, string], { data: string }>('SELECT data FROM record WHERE doc_id = ? AND layer = ? ORDER BY seq'),
    // The first matches in rowid order: FTS5 stops reading its lists there,
    // so a common word costs no more than a rare one (ranking is in base.ts).
    search: db.prepare<[string, number], PassageRow>(`
      WITH m AS (SELECT rowid AS id FROM passage_fts WHERE passage_fts MATCH ? LIMIT ?)
      SELECT p.id, p.doc_id, p.kind, p.note_label, p.start, p."end" AS "end", p.line, p.spans, substr(p.text, 1, ${HEAD_CHARS}) AS head
        FROM m JOIN passage p ON p.id = m.id`),
    // A document's passages are written together, so their ids are one range: FTS5 seeks into it.
    searchIn: db.prepare<[string, string, number, string], PassageRow>(`
      WITH r AS (SELECT min(id) AS lo, max(id) AS hi FROM passage WHERE doc_id = ?),
           m AS (SELECT rowid AS id FROM passage_fts WHERE passage_fts MATCH ? AND rowid BETWEEN (SELECT lo FROM r) AND (SELECT hi FROM r) LIMIT ?)
      SELECT p.id, p.doc_id, p.kind, p.note_label, p.start, p."end" AS "end", p.line, p.spans, substr(p.text, 1, ${HEAD_CHARS}) AS head
        FROM m JOIN passage p ON p.id = m.id
       WHERE p.doc_id = ?`),
    passageTexts: db.prepare<[string], { id: number; text: string | null }>('SELECT id, text FROM passage WHERE id IN (SELECT value FROM json_each(?))'),
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

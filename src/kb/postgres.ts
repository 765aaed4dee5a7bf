/**
 * The PostgreSQL implementation of `Store`: the row primitives of `RowStore`
 * over a synchronous connection (pg-bridge.ts). Same schema as SQLite but for
 * the index: each passage carries a `tsvector` built in TypeScript from the
 * same folding and tokenizing that feed FTS5 (fold.ts), so that case,
 * diacritics and apostrophes decide a match the same way in both backends.
 * PostgreSQL's own parser and `unaccent` are not used: they split and fold
 * otherwise (`1937-38`, `o'clock`, ligatures), and the backends would answer
 * differently.
 *
 * `postgres://…?schema=NAME` keeps the knowledge base in its own schema
 * (created if missing), so one database can hold several.
 */
import { ERRORS, KartotekaError } from '../core/errors.js';
import { message, RowStore, type DecisionRow, type DocumentRow, type DocumentWrite, type PassageRow } from './base.js';
import { tokenize } from './fold.js';
import { PgError, SyncPg, type Statement } from './pg-bridge.js';
import { HEAD_CHARS, type ParsedQuery, type QueryTerm } from './query.js';
import type { Decision, Store } from './store.js';

/** True for a `postgres://` or `postgresql://` address. */
export function isPostgresUrl(path: string): boolean {
  return /^postgres(ql)?:\/\//i.test(path);
}

export function openPostgresStore(url: string): Store {
  return new PgStore(url);
}

/**
 * The PostgreSQL schema as an ordered list of migrations. PG_MIGRATIONS[i]
 * takes a database from version i (the `version` row of `kartoteka`) to
 * i + 1, in a transaction with the version bump. Never edit a released step.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE kartoteka (key text PRIMARY KEY, value text NOT NULL);
  INSERT INTO kartoteka (key, value) VALUES ('schema', 'kartoteka'), ('version', '0');

  CREATE TABLE document (
    id text PRIMARY KEY,
    path text NOT NULL,
    title text NOT NULL,
    meta text NOT NULL,
    sha256 text NOT NULL,
    chars integer NOT NULL,
    ingested_at text NOT NULL,
    layers text NOT NULL DEFAULT '{}'
  );
  CREATE INDEX document_path ON document (path);

  CREATE TABLE document_text (
    doc_id text PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
    text text NOT NULL
  );

  CREATE TABLE record (
    doc_id text NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    layer text NOT NULL,
    seq integer NOT NULL,
    start integer,
    "end" integer,
    line integer,
    data text NOT NULL,
    PRIMARY KEY (doc_id, layer, seq)
  );

  CREATE TABLE passage (
    id bigserial PRIMARY KEY,
    doc_id text NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('body', 'note')),
    seq integer NOT NULL,
    note_label text,
    start integer NOT NULL,
    "end" integer NOT NULL,
    line integer NOT NULL,
    spans text NOT NULL,
    text text,
    words tsvector NOT NULL
  );
  CREATE INDEX passage_doc ON passage (doc_id, kind, seq);
  CREATE INDEX passage_words ON passage USING gin (words);

  CREATE TABLE decision (
    id serial PRIMARY KEY,
    action text NOT NULL CHECK (action IN ('merge', 'split')),
    target text NOT NULL,
    subject text NOT NULL,
    relink text,
    doc_id text,
    start integer,
    "end" integer,
    quote text,
    who text NOT NULL,
    at text NOT NULL,
    why text NOT NULL
  );
  `,
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

/** tsvector positions stop at 16383 and keep at most 256 per lexeme; a lexeme is at most 2047 bytes. */
const MAX_POSITION = 16383;
const MAX_POSITIONS = 256;
const MAX_LEXEME = 500;

/**
 * The tsvector of a passage, as a literal: the tokens of its two folded
 * forms (apostrophes removed; apostrophes as spaces), the second after a gap
 * of one position so that no phrase runs from one into the other — as FTS5
 * matches a phrase inside one column, a word in either.
 */
export function passageVector(joined: string, split: string): string {
  const positions = new Map<string, number[]>();
  let pos = 0;
  for (const text of [joined, split]) {
    for (const t of tokenize(text)) {
      pos = Math.min(pos + 1, MAX_POSITION);
      if (t.text.length > MAX_LEXEME) continue;
      let list = positions.get(t.text);
      if (!list) positions.set(t.text, (list = []));
      if (list.length < MAX_POSITIONS && list[list.length - 1] !== pos) list.push(pos);
    }
    pos = Math.min(pos + 1, MAX_POSITION);
  }
  // Tokens are letters and digits only: nothing in them needs quoting.
  return [...positions].map(([lexeme, ps]) => `'${lexeme}':${ps.join(',')}`).join(' ');
}

function termQuery(t: QueryTerm): string {
  const parts = t.tokens.map((tok, i) => `'${tok}'${t.prefix && i === t.tokens.length - 1 ? ':*' : ''}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

/** The tsquery for a parsed query, as a literal: the same AND / OR / NOT / phrase / prefix logic as `toFtsQuery`. */
export function toTsQuery(q: ParsedQuery): string {
  const and = q.groups.map((g) => (g.length === 1 ? termQuery(g[0]!) : `(${g.map(termQuery).join(' | ')})`)).join(' & ');
  if (q.exclude.length === 0) return and;
  return `(${and}) & !(${q.exclude.map(termQuery).join(' | ')})`;
}

/** The address without our own `schema` parameter, and the schema. */
function splitUrl(url: string): { url: string; schema: string | null } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new KartotekaError('E_DB', redact(url), 'not a valid postgres:// address');
  }
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new KartotekaError('E_DB', redact(url), `schema "${schema}" must be lower-case letters, digits and _`);
  }
  return { url: u.toString(), schema };
}

/** The address as it may be shown: without its password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

class PgStore extends RowStore {
  private readonly pg: SyncPg;
  private readonly where: string;

  constructor(address: string) {
    super();
    this.where = redact(address);
    const { url, schema } = splitUrl(address);
    this.pg = new SyncPg(url, schema);
    try {
      if (schema) this.pg.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      this.migrate();
    } catch (e) {
      this.pg.close();
      if (e instanceof KartotekaError) throw e;
      throw this.error(e);
    }
  }

  private error(e: unknown): KartotekaError {
    const code = e instanceof PgError ? e.code : null;
    const what = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'CONNECT_TIMEOUT' ? 'cannot connect to PostgreSQL' : ERRORS.E_DB;
    return new KartotekaError('E_DB', this.where, `${what}: ${message(e)}`);
  }

  /** Refuses another program's tables and a newer Kartoteka's schema; applies the migrations this one lacks. */
  private migrate(): void {
    const tables = this.pg
      .query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()')
      .map((r) => r.name);
    let version = 0;
    if (tables.length > 0) {
      const marker = tables.includes('kartoteka')
        ? this.pg.query<{ key: string; value: string }>("SELECT key, value FROM kartoteka WHERE key IN ('schema', 'version')")
        : [];
      const get = (k: string) => marker.find((r) => r.key === k)?.value;
      if (get('schema') !== 'kartoteka') {
        throw new KartotekaError('E_DB', this.where, 'the schema holds tables, but not a Kartoteka knowledge base: give another database or ?schema=');
      }
      version = Number(get('version'));
      if (version > PG_SCHEMA_VERSION) {
        throw new KartotekaError(
          'E_DB',
          this.where,
          `the database has schema version ${version}, newer than this Kartoteka knows (${PG_SCHEMA_VERSION}): upgrade Kartoteka`,
        );
      }
    }
    for (; version < PG_SCHEMA_VERSION; version++) {
      this.pg.run(
        [
          // Two processes opening a new database at once: one migrates, the other waits.
          { sql: 'SELECT pg_advisory_xact_lock(7373)', params: [] },
          { sql: PG_MIGRATIONS[version]!, params: [] },
          { sql: "UPDATE kartoteka SET value = $1 WHERE key = 'version'", params: [String(version + 1)] },
        ],
        true,
      );
    }
  }

  private q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): T[] {
    try {
      return this.pg.query<T>(sql, params);
    } catch (e) {
      throw this.error(e);
    }
  }

  protected stored(id: string) {
    return this.q<{ sha256: string; layers: string }>('SELECT sha256, layers FROM document WHERE id = $1', [id])[0] ?? null;
  }

  protected write(d: DocumentWrite, replace: boolean): void {
    const statements: Statement[] = [];
    if (replace) statements.push({ sql: 'DELETE FROM document WHERE id = $1', params: [d.id] });
    statements.push(
      {
        sql: 'INSERT INTO document (id, path, title, meta, sha256, chars, ingested_at, layers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        params: [d.id, d.path, d.title, d.meta, d.sha256, d.chars, d.ingestedAt, d.layers],
      },
      { sql: 'INSERT INTO document_text (doc_id, text) VALUES ($1, $2)', params: [d.id, d.text] },
    );
    if (d.records.length > 0) {
      const r = d.records;
      statements.push({
        sql: `INSERT INTO record (doc_id, layer, seq, start, "end", line, data)
              SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::text[])`,
        params: [d.id, r.map((x) => x.layer), r.map((x) => x.seq), r.map((x) => x.start), r.map((x) => x.end), r.map((x) => x.line), r.map((x) => x.data)],
      });
    }
    if (d.passages.length > 0) {
      const p = d.passages;
      statements.push({
        sql: `INSERT INTO passage (doc_id, kind, seq, note_label, start, "end", line, spans, text, words)
              SELECT $1, k, s, n, a, b, l, sp, t, w::tsvector
                FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[]) AS u(k, s, n, a, b, l, sp, t, w)`,
        params: [
          d.id,
          p.map((x) => x.kind),
          p.map((x) => x.seq),
          p.map((x) => x.noteLabel),
          p.map((x) => x.start),
          p.map((x) => x.end),
          p.map((x) => x.line),
          p.map((x) => x.spans),
          p.map((x) => x.text),
          p.map((x) => passageVector(x.joined, x.split)),
        ],
      });
    }
    try {
      this.pg.run(statements, true);
    } catch (e) {
      throw this.error(e);
    }
  }

  protected metaRow(id: string): string | null {
    return this.q<{ meta: string }>('SELECT meta FROM document WHERE id = $1', [id])[0]?.meta ?? null;
  }

  protected idsByPath(path: string): string[] {
    return this.q<{ id: string }>('SELECT id FROM document WHERE path = $1 ORDER BY id COLLATE "C"', [path]).map((r) => r.id);
  }

  protected paths() {
    return this.q<{ id: string; path: string }>('SELECT id, path FROM document ORDER BY id COLLATE "C"');
  }

  protected documentRows(): DocumentRow[] {
    return this.q<DocumentRow>('SELECT id, path, meta, chars, ingested_at, layers FROM document ORDER BY id COLLATE "C"');
  }

  protected textRow(id: string): string | null {
    return this.q<{ text: string }>('SELECT text FROM document_text WHERE doc_id = $1', [id])[0]?.text ?? null;
  }

  protected layerRows(id: string, name: string): string[] {
    return this.q<{ data: string }>('SELECT data FROM record WHERE doc_id = $1 AND layer = $2 ORDER BY seq', [id, name]).map((r) => r.data);
  }

  protected candidateRows(query: ParsedQuery, docId: string | null, window: number): PassageRow[] {
    // No ORDER BY: the scan stops at the window instead of reading every
    // match to sort it (ranking is in base.ts, the same as SQLite's).
    return this.q<PassageRow>(
      `SELECT id::float8 AS id, doc_id, kind, note_label, start, "end", line, spans, substr(text, 1, ${HEAD_CHARS}) AS head
         FROM passage
        WHERE words @@ CAST($1 AS tsquery) AND ($2::text IS NULL OR doc_id = $2)
        LIMIT $3`,
      [toTsQuery(query), docId, window],
    );
  }

  protected passageTextRows(ids: number[]): { id: number; text: string | null }[] {
    return ids.length ? this.q<{ id: number; text: string | null }>('SELECT id::float8 AS id, text FROM passage WHERE id = ANY($1::bigint[])', [ids]) : [];
  }

  protected insertDecision(d: Omit<Decision, 'id'>): number {
    return this.q<{ id: number }>(
      'INSERT INTO decision (action, target, subject, relink, doc_id, start, "end", quote, who, at, why) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id',
      [d.action, d.target, d.subject, d.relink, d.document, d.start, d.end, d.quote ? JSON.stringify(d.quote) : null, d.who, d.at, d.why],
    )[0]!.id;
  }

  protected decisionRows(): DecisionRow[] {
    return this.q<DecisionRow>('SELECT id, action, target, subject, relink, doc_id, start, "end", quote, who, at, why FROM decision ORDER BY id');
  }

  protected counts() {
    const s = this.q<{ documents: number; chars: number }>('SELECT count(*)::int AS documents, coalesce(sum(chars), 0)::float8 AS chars FROM document')[0]!;
    return { ...s, layers: this.q<{ layers: string }>('SELECT layers FROM document').map((r) => r.layers) };
  }

  protected remove(id: string): number {
    return this.q<{ id: string }>('DELETE FROM document WHERE id = $1 RETURNING id', [id]).length;
  }

  close(): void {
    this.clearCache();
    this.pg.close();
  }
}

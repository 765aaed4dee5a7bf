/**
 * The SQLite schema as an ordered list of migrations, from the first schema
 * on. MIGRATIONS[i] takes a database from `PRAGMA user_version` i to i + 1;
 * each is applied in its own transaction together with the version bump.
 * Never edit a released step: append a new one.
 *
 * Offsets (start, end) are ORIGINAL offsets computed in TypeScript (UTF-16
 * units); SQL never computes them (SQLite counts code points).
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: the first schema.
  `
  CREATE TABLE kartoteka (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  INSERT INTO kartoteka (key, value) VALUES ('schema', 'kartoteka');

  CREATE TABLE document (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    meta TEXT NOT NULL,          -- DocumentMeta as JSON
    sha256 TEXT NOT NULL,
    chars INTEGER NOT NULL,      -- UTF-16 units
    ingested_at TEXT NOT NULL    -- ISO 8601
  );
  CREATE INDEX document_path ON document (path);

  CREATE TABLE document_text (
    doc_id TEXT PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,
    text TEXT NOT NULL
  );

  -- One row per record of every layer; start/end/line come from the record
  -- itself or its first span, NULL if it has neither.
  CREATE TABLE record (
    doc_id TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    layer TEXT NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER,
    "end" INTEGER,
    line INTEGER,
    data TEXT NOT NULL           -- the record as JSON
  );
  CREATE UNIQUE INDEX record_key ON record (doc_id, layer, seq);

  -- Searchable passages: one per paragraph, one per note.
  CREATE TABLE passage (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('body', 'note')),
    seq INTEGER NOT NULL,        -- index of the paragraph or note
    note_label TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    line INTEGER NOT NULL,
    spans TEXT NOT NULL          -- the original pieces as JSON
  );
  CREATE INDEX passage_doc ON passage (doc_id, kind, seq);

  -- The folded passage text twice: apostrophes removed, and apostrophes as
  -- spaces. Contentless: matches are located in TypeScript from the original.
  CREATE VIRTUAL TABLE passage_fts USING fts5 (
    joined, split,
    tokenize = 'unicode61 remove_diacritics 2',
    content = '', contentless_delete = 1
  );
  CREATE TRIGGER passage_fts_delete AFTER DELETE ON passage BEGIN
    DELETE FROM passage_fts WHERE rowid = old.id;
  END;
  `,
  // 2: per-layer record counts on the document row (zero counts included).
  `
  ALTER TABLE document ADD COLUMN layers TEXT NOT NULL DEFAULT '{}';
  UPDATE document SET layers = coalesce(
    (SELECT json_group_object(layer, n)
       FROM (SELECT layer, count(*) AS n FROM record WHERE record.doc_id = document.id GROUP BY layer)),
    '{}');
  `,
  // 3: curator decisions (merge, split). Not tied to a stored version of a
  // document: they outlive re-ingest and are re-anchored by their quote.
  `
  CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    target TEXT NOT NULL,        -- the entity decided about (A)
    subject TEXT NOT NULL,       -- an entity id or a spelling (B)
    relink TEXT,                 -- split: the entity the mentions go to instead
    doc_id TEXT,                 -- for a decision about one mention
    start INTEGER,
    "end" INTEGER,
    quote TEXT,                  -- {exact, prefix, suffix} as JSON
    who TEXT NOT NULL,
    at TEXT NOT NULL,            -- ISO 8601
    why TEXT NOT NULL
  );
  `,
  // 4: each passage's own original text, so that cutting a hit's snippet
  // reads the passage, not its whole document (NULL in rows written before:
  // those hits read the document).
  `
  ALTER TABLE passage ADD COLUMN text TEXT;
  `,
  // 5: the indexed words, so that a prefix query expands into the words it
  // stands for (FTS5 would merge every such word's list before returning a
  // first match); filled from the index for passages written before.
  `
  CREATE TABLE word (word TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE VIRTUAL TABLE temp.passage_vocab USING fts5vocab(main, passage_fts, 'row');
  INSERT INTO word SELECT term FROM temp.passage_vocab;
  DROP TABLE temp.passage_vocab;
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies the migrations the database lacks, up to `target`, each in a transaction. */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  let version = db.pragma('user_version', { simple: true }) as number;
  while (version < target) {
    const step = MIGRATIONS[version]!;
    const next = version + 1;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${next}`);
    })();
    version = next;
  }
}

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { KartotekaError } from '../../src/core/errors.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../src/kb/migrations.js';
import { openStore } from '../../src/kb/store.js';
import { extraction, tempDir } from './helpers.js';
import { EXAMPLES } from '../cli/helpers.js';
import { ingest } from '../../src/ingest.js';

const isDbError = (e: unknown): boolean => e instanceof KartotekaError && e.code === 'E_DB';

function userVersion(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

test('opening a new (version 0) file creates the latest schema in WAL mode', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'kb.db');
    writeFileSync(path, ''); // an empty file is an empty SQLite database
    const store = openStore(path);
    store.putExtraction(extraction({ id: 'd', text: 'Beneš' }), 'Beneš');
    assert.equal(store.search('benes').length, 1);
    store.close();
    assert.equal(userVersion(path), SCHEMA_VERSION);
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  } finally {
    cleanup();
  }
});

test('opening a version-1 database migrates it and keeps its documents', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'old.db');
    // A database as the first schema left it, with one document.
    const x = extraction({ id: 'old', text: 'Starý Beneš.' });
    const db = new Database(path);
    migrate(db, 1);
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    db.prepare('INSERT INTO document (id, path, title, meta, sha256, chars, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      'old',
      x.document.path,
      x.document.title,
      JSON.stringify(x.document),
      x.document.sha256,
      x.document.chars,
      '2024-01-01T00:00:00.000Z',
    );
    db.prepare('INSERT INTO document_text (doc_id, text) VALUES (?, ?)').run('old', 'Starý Beneš.');
    db.prepare('INSERT INTO record (doc_id, layer, seq, start, "end", line, data) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      'old',
      'paragraphs',
      0,
      0,
      12,
      1,
      JSON.stringify(x.paragraphs[0]),
    );
    db.close();

    const store = openStore(path);
    assert.equal(userVersion(path), MIGRATIONS.length);
    const [doc] = store.documents();
    assert.equal(doc!.id, 'old');
    assert.deepEqual(doc!.counts, { paragraphs: 1 });
    assert.equal(doc!.ingestedAt, '2024-01-01T00:00:00.000Z');
    assert.equal(store.text('old'), 'Starý Beneš.');
    // Its text is the same, but an old Kartoteka read fewer layers: the document is read again.
    assert.equal(store.putExtraction(x, 'Starý Beneš.'), 'replaced');
    store.close();
  } finally {
    cleanup();
  }
});

test('each migration is applied in a transaction: a step failing half-way leaves version and schema as they were', () => {
  const db = new Database(':memory:');
  migrate(db, 1);
  const x = extraction({ id: 'd', text: 'a' });
  db.prepare('INSERT INTO document (id, path, title, meta, sha256, chars, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'd', x.document.path, x.document.title, JSON.stringify(x.document), x.document.sha256, 1, '2024-01-01T00:00:00.000Z',
  );
  // Step 2 adds a column, then updates every document: make the update fail.
  db.exec("CREATE TRIGGER sabotage BEFORE UPDATE ON document BEGIN SELECT RAISE(ABORT, 'sabotage'); END");
  assert.throws(() => migrate(db), /sabotage/u);
  assert.equal(db.pragma('user_version', { simple: true }), 1);
  const columns = (db.pragma('table_info(document)') as { name: string }[]).map((c) => c.name);
  assert.ok(!columns.includes('layers'), columns.join(', '));
  db.close();
});

test('a file that is not SQLite gives E_DB', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'These are my research notes, not a database.\n'.repeat(100));
    assert.throws(() => openStore(path), isDbError);
  } finally {
    cleanup();
  }
});

test("another program's SQLite database gives E_DB and is left untouched", () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    assert.throws(() => openStore(path), isDbError);
    assert.equal(userVersion(path), 0);
    const again = new Database(path, { readonly: true });
    assert.equal(again.pragma('journal_mode', { simple: true }), 'delete');
    again.close();
  } finally {
    cleanup();
  }
});

test('a database from a newer Kartoteka gives E_DB', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'new.db');
    openStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => openStore(path), (e: unknown) => isDbError(e) && /newer/u.test((e as Error).message));
  } finally {
    cleanup();
  }
});

test('a path in a missing directory gives E_DB', () => {
  assert.throws(() => openStore('/nonexistent-kartoteka-dir/x/kb.db'), isDbError);
});

test('a version-4 database gets its word list from the index, so prefix search finds what was written before', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'v4.db');
    const text = 'Beneš a Benešovo memorandum.';
    // Written by this code, then taken back to version 4: the word table did not exist.
    const store = openStore(path);
    store.putExtraction(extraction({ id: 'd', text }), text);
    store.close();
    const db = new Database(path);
    db.exec('DROP TABLE word');
    db.pragma('user_version = 4');
    db.close();
    const again = openStore(path);
    assert.equal(userVersion(path), SCHEMA_VERSION);
    assert.equal(again.search('benesov*').length, 1);
    again.close();
    const check = new Database(path, { readonly: true });
    assert.deepEqual(check.prepare('SELECT word FROM word ORDER BY word').pluck().all(), ['a', 'benes', 'benesovo', 'memorandum']);
    check.close();
  } finally {
    cleanup();
  }
});

test('the word list holds exactly the words FTS5 indexed from the sample corpus: prefix expansion never misses one', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'kb.db');
    await ingest([EXAMPLES], path, { progress: false });
    const db = new Database(path, { readonly: true });
    db.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, passage_fts, 'row')");
    const indexed = db.prepare('SELECT term FROM temp.v ORDER BY term').pluck().all();
    const listed = db.prepare('SELECT word FROM word ORDER BY word').pluck().all();
    db.close();
    assert.ok(indexed.length > 1000, `${indexed.length}`);
    assert.deepEqual(listed, indexed);
  } finally {
    cleanup();
  }
});

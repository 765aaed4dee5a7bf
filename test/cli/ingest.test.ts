/**
 * `kartoteka ingest`: a corpus folder with its corpus.json, re-ingesting
 * (unchanged, replaced), and bad input: each bad file fails alone with one
 * error line naming it, nothing of it is stored, and the other files of the
 * same run are ingested.
 */
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support.js';
import { assertOneErrorLine, copyExamples, documentIds, errorLines, json, kartoteka, oneJson } from './helpers.js';

interface IngestOut {
  documents: { id: string | null; path: string; status: string; error?: string }[];
}

const SAMPLE_IDS = ['kartoteka-sample-army-purge', 'kartoteka-sample-mass-operations', 'kartoteka-sample-quotations', 'kartoteka-sample-spravka'];

test('ingest of a corpus folder takes the document ids from corpus.json and reports each file as added', (t) => {
  const dir = tempDir(t);
  const corpus = copyExamples(dir);
  const out = json<IngestOut>(dir, ['ingest', corpus, '--db', join(dir, 'k.db')]);
  assert.deepEqual(Object.keys(out), ['documents']);
  assert.deepEqual(
    out.documents.map((d) => [d.id, d.path, d.status]),
    [
      ['kartoteka-sample-army-purge', join(corpus, 'army-purge-article.txt'), 'added'],
      ['kartoteka-sample-mass-operations', join(corpus, 'mass-operations-article.txt'), 'added'],
      ['kartoteka-sample-quotations', join(corpus, 'quotations.txt'), 'added'],
      ['kartoteka-sample-spravka', join(corpus, 'spravka-1251.txt'), 'added'],
    ],
  );
  for (const d of out.documents) assert.deepEqual(Object.keys(d).sort(), ['id', 'path', 'status']);
  assert.deepEqual(documentIds(dir, join(dir, 'k.db')), SAMPLE_IDS);
});

test('ingest of the same corpus again reports every file as unchanged', (t) => {
  const dir = tempDir(t);
  const corpus = copyExamples(dir);
  const db = join(dir, 'k.db');
  json(dir, ['ingest', corpus, '--db', db]);
  const again = json<IngestOut>(dir, ['ingest', corpus, '--db', db]);
  assert.deepEqual(again.documents.map((d) => [d.id, d.status]), SAMPLE_IDS.map((id) => [id, 'unchanged']));
});

test('ingest after one file changed reports that file as replaced and only that one, and stores its new text', (t) => {
  const dir = tempDir(t);
  const corpus = copyExamples(dir);
  const db = join(dir, 'k.db');
  json(dir, ['ingest', corpus, '--db', db]);
  appendFileSync(join(corpus, 'quotations.txt'), '\nA closing remark added by the test about Zlatoustovskii.\n');
  const again = json<IngestOut>(dir, ['ingest', corpus, '--db', db]);
  assert.deepEqual(
    again.documents.map((d) => [d.id, d.status]),
    SAMPLE_IDS.map((id) => [id, id === 'kartoteka-sample-quotations' ? 'replaced' : 'unchanged']),
  );
  const hits = json<{ hits: { document: string }[] }>(dir, ['search', 'Zlatoustovskii', '--db', db]).hits;
  assert.deepEqual(hits.map((h) => h.document), ['kartoteka-sample-quotations']);
  assert.deepEqual(documentIds(dir, db), SAMPLE_IDS);
});

test('ingest without --json prints no JSON on stdout and a summary on stderr', (t) => {
  const dir = tempDir(t);
  const corpus = copyExamples(dir);
  const r = kartoteka(dir, ['ingest', corpus, '--db', join(dir, 'k.db')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /4 of 4 files ingested/);
  assert.deepEqual(errorLines(r.stderr), []);
});

// ---------------------------------------------------------------------------
// Bad input

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0', 'latin1')]);

interface BadCase {
  what: string;
  name: string;
  /** The file's bytes; undefined: the file is not created. */
  bytes?: Buffer;
  code: string;
  args?: string[];
  /** A word the error line must hold besides the file and the code. */
  says?: RegExp;
}

const BAD: BadCase[] = [
  { what: 'an empty file', name: 'empty.txt', bytes: Buffer.alloc(0), code: 'E_EMPTY', says: /empty/ },
  { what: 'a file holding only a UTF-8 byte-order mark', name: 'bom.txt', bytes: Buffer.from([0xef, 0xbb, 0xbf]), code: 'E_EMPTY', says: /byte-order mark/ },
  { what: 'a binary file with NUL bytes', name: 'data.txt', bytes: Buffer.from('some words\0\0\0\x01\x02 and more words\0', 'latin1'), code: 'E_BINARY', says: /binary/ },
  { what: 'a PNG image', name: 'picture.png', bytes: PNG, code: 'E_BINARY', says: /PNG/ },
  {
    what: 'bytes that are no known encoding',
    name: 'garbled.txt',
    bytes: Buffer.from([...Buffer.from('Header line '), 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x81, 0x98, 0x0a, ...Buffer.from('more '), 0x8d, 0x81, 0x0a]),
    code: 'E_ENCODING',
    says: /UTF-8/,
  },
  { what: 'a file over --max-size 100', name: 'long.txt', bytes: Buffer.from('A sentence of plain text. '.repeat(8)), code: 'E_TOO_LARGE', args: ['--max-size', '100'], says: /208 bytes/ },
  { what: 'a path that does not exist', name: 'missing.txt', code: 'E_NOT_FOUND' },
];

/** Two good files (under 100 bytes, for the --max-size case) beside the bad one. */
function goodFiles(dir: string): string[] {
  mkdirSync(join(dir, 'in'), { recursive: true });
  const a = join(dir, 'in', 'alpha.txt');
  const b = join(dir, 'in', 'omega.txt');
  writeFileSync(a, 'Alpha: a short note about Iakir.\n');
  writeFileSync(b, 'Omega: a short note about Uborevich.\n');
  return [a, b];
}

for (const c of BAD) {
  test(`ingest of ${c.what} fails that file alone with one error line [${c.code}], storing nothing of it`, (t) => {
    const dir = tempDir(t);
    const [a, b] = goodFiles(dir);
    const bad = join(dir, 'in', c.name);
    if (c.bytes) writeFileSync(bad, c.bytes);
    const db = join(dir, 'k.db');
    const r = kartoteka(dir, ['ingest', a!, bad, b!, '--db', db, '--json', ...(c.args ?? [])]);
    assert.equal(r.status, 1, r.stderr);
    const line = assertOneErrorLine(r.stderr, bad, c.code);
    if (c.says) assert.match(line, c.says);
    const out = oneJson<IngestOut>(r);
    assert.deepEqual(
      out.documents.map((d) => [d.path, d.status]),
      [[a, 'added'], [bad, 'failed'], [b, 'added']],
    );
    const failed = out.documents[1]!;
    assert.equal(failed.id, null);
    assert.ok(failed.error?.includes(bad) && failed.error.endsWith(`[${c.code}]`), failed.error);
    assert.deepEqual(documentIds(dir, db), ['alpha', 'omega']);
  });
}

for (const c of BAD) {
  test(`extract of ${c.what} exits 1 with one error line [${c.code}] and nothing on stdout`, (t) => {
    const dir = tempDir(t);
    const bad = join(dir, c.name);
    if (c.bytes) writeFileSync(bad, c.bytes);
    const r = kartoteka(dir, ['extract', bad, '--json', ...(c.args ?? [])]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assertOneErrorLine(r.stderr, bad, c.code);
  });
}

/** A folder of three text files, the middle one unreadable (mode 000). */
function folderWithUnreadable(dir: string): { folder: string; secret: string } {
  const folder = join(dir, 'in');
  mkdirSync(folder);
  writeFileSync(join(folder, 'alpha.txt'), 'Alpha: a short note about Iakir.\n');
  const secret = join(folder, 'middle.txt');
  writeFileSync(secret, 'Middle: a note nobody may read.\n');
  writeFileSync(join(folder, 'omega.txt'), 'Omega: a short note about Uborevich.\n');
  chmodSync(secret, 0o000);
  return { folder, secret };
}

function assertUnreadableRun(dir: string, r: ReturnType<typeof kartoteka>, secret: string, db: string): void {
  assert.equal(r.status, 1, r.stderr);
  const line = assertOneErrorLine(r.stderr, secret, 'E_UNREADABLE');
  assert.match(line, /permission denied/);
  const out = oneJson<IngestOut>(r);
  assert.deepEqual(out.documents.map((d) => [d.id, d.status]), [['alpha', 'added'], [null, 'failed'], ['omega', 'added']]);
  assert.deepEqual(documentIds(dir, db), ['alpha', 'omega']);
}

test('ingest of a folder with one unreadable file (chmod 000) fails that file with [E_UNREADABLE] and ingests the others', (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root, which reads any file whatever its mode: skipped (see the next test, which drops to user nobody)');
    return;
  }
  const dir = tempDir(t);
  const { folder, secret } = folderWithUnreadable(dir);
  const db = join(dir, 'k.db');
  assertUnreadableRun(dir, kartoteka(dir, ['ingest', folder, '--db', db, '--json']), secret, db);
});

test('ingest of a folder with one unreadable file, run as user nobody when the tests run as root, fails that file with [E_UNREADABLE] and ingests the others', (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('not running as root: the previous test covers this');
    return;
  }
  const dir = tempDir(t);
  chmodSync(dir, 0o777); // nobody writes the database here
  const { folder, secret } = folderWithUnreadable(dir);
  const db = join(dir, 'k.db');
  const NOBODY = 65534;
  let r: ReturnType<typeof kartoteka>;
  try {
    r = kartoteka(dir, ['ingest', folder, '--db', db, '--json'], { uid: NOBODY, gid: NOBODY });
  } catch (e) {
    t.skip(`cannot run as user nobody (${(e as Error).message}): skipped`);
    return;
  }
  if (r.status !== 1 && /EACCES|permission denied/i.test(r.stderr) && !r.stderr.includes(secret)) {
    t.skip(`user nobody cannot run the CLI here: ${r.stderr.split('\n')[0]}`);
    return;
  }
  assertUnreadableRun(dir, r, secret, db);
});

test('ingest of a folder whose corpus.json is not valid JSON fails once with [E_MANIFEST] naming corpus.json and the line, leaves its texts out, and ingests the other paths', (t) => {
  const dir = tempDir(t);
  const bad = join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'corpus.json'), '[\n  { "file": "one.txt", "id": "one" },\n  { "file": "two.txt" "id": "two" }\n]\n');
  writeFileSync(join(bad, 'one.txt'), 'One: a short note about Kork.\n');
  const other = join(dir, 'other.txt');
  writeFileSync(other, 'Other: a short note about Eideman.\n');
  const db = join(dir, 'k.db');
  const r = kartoteka(dir, ['ingest', bad, other, '--db', db, '--json']);
  assert.equal(r.status, 1, r.stderr);
  const line = assertOneErrorLine(r.stderr, `${join(bad, 'corpus.json')}:3:`, 'E_MANIFEST');
  assert.match(line, /line 3/);
  const out = oneJson<IngestOut>(r);
  assert.deepEqual(out.documents.map((d) => [d.path, d.status]), [[join(bad, 'corpus.json'), 'failed'], [other, 'added']]);
  assert.deepEqual(documentIds(dir, db), ['other']);
});

test('ingest of a folder holding only an invalid corpus.json still reports the manifest error', (t) => {
  const dir = tempDir(t);
  const bad = join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'corpus.json'), '{ not json');
  const r = kartoteka(dir, ['ingest', bad, '--db', join(dir, 'k.db'), '--json']);
  assert.notEqual(r.status, 0);
  assertOneErrorLine(r.stderr, join(bad, 'corpus.json'), 'E_MANIFEST');
});

import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingest } from '../src/ingest.js';
import { openStore } from '../src/kb/store.js';
import { tempDir } from './support.js';
import { EXAMPLES } from './cli/helpers.js';

function snapshot(db: string): unknown {
  const s = openStore(db);
  try {
    return s.documents().map(({ ingestedAt: _t, ...d }) => ({ ...d, events: s.layer(d.id, 'events'), mentions: s.layer(d.id, 'mentions'), claims: s.layer(d.id, 'claims') }));
  } finally {
    s.close();
  }
}

test('parallel ingest (two extraction workers, one writer) stores exactly what ingest in one thread stores, and reports files in their order', async (t) => {
  const dir = tempDir(t);
  const files = ['army-purge-article.txt', 'quotations.txt', 'mass-operations-article.txt', 'spravka-1251.txt'].map((f) => join(EXAMPLES, f));
  // A file that fails in the middle: reported in its place, the others written.
  const bad = join(dir, 'binary.txt');
  writeFileSync(bad, Buffer.from([0x41, 0, 0x42, 0]));
  const paths = [files[0]!, files[1]!, bad, join(dir, 'missing.txt'), files[2]!, files[3]!];
  const one = await ingest(paths, join(dir, 'one.db'), { workers: 1 });
  const two = await ingest(paths, join(dir, 'two.db'), { workers: 2 });
  assert.deepEqual(two, one);
  assert.deepEqual(two.map((r) => r.status), ['added', 'added', 'failed', 'failed', 'added', 'added']);
  assert.match(two[2]!.error!, /binary\.txt.*\[E_BINARY\]/u);
  assert.match(two[3]!.error!, /missing\.txt.*\[E_NOT_FOUND\]/u);
  assert.deepEqual(snapshot(join(dir, 'two.db')), snapshot(join(dir, 'one.db')));
  // Again: nothing changed, in every worker's report.
  assert.deepEqual((await ingest(paths, join(dir, 'two.db'), { workers: 2 })).map((r) => r.status), ['unchanged', 'unchanged', 'failed', 'failed', 'unchanged', 'unchanged']);
});

test('parallel ingest of many files keeps at most a few documents between extraction and writing, and writes them all', async (t) => {
  const dir = tempDir(t);
  for (let i = 0; i < 24; i++) copyFileSync(join(EXAMPLES, 'spravka-1251.txt'), join(dir, `copy-${String(i).padStart(2, '0')}.txt`));
  const rows = await ingest([dir], join(dir, 'kb.db'), { workers: 2 });
  assert.equal(rows.length, 24);
  assert.ok(rows.every((r) => r.status === 'added'), JSON.stringify(rows.filter((r) => r.status !== 'added')));
  assert.deepEqual(rows.map((r) => r.path), [...rows.map((r) => r.path)].sort());
  const s = openStore(join(dir, 'kb.db'));
  assert.equal(s.stats().documents, 24);
  s.close();
});

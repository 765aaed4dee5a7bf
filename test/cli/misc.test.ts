/**
 * `stats`, `--help`, usage errors, a database that is not one, a reader that
 * stops reading, and `demo` (the main job, `npm start`).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support.js';
import { BIN, EXAMPLES, assertOneErrorLine, copyExamples, json, kartoteka } from './helpers.js';

interface Stats {
  chars: number;
  layers: Record<string, number>;
  documents: { id: string; chars: number; kind: string; counts: Record<string, number> }[];
}

test('stats --json counts the documents, their characters and the records of each layer', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'k.db');
  json(dir, ['ingest', copyExamples(dir), '--db', db]);
  const s = json<Stats>(dir, ['stats', '--db', db]);
  assert.deepEqual(
    s.documents.map((d) => [d.id, d.kind]),
    [
      ['kartoteka-sample-army-purge', 'thesis'],
      ['kartoteka-sample-mass-operations', 'article'],
      ['kartoteka-sample-quotations', 'compilation'],
      ['kartoteka-sample-spravka', 'other'],
    ],
  );
  const utf8 = (f: string) => readFileSync(join(EXAMPLES, f), 'utf8').length;
  const chars = [utf8('army-purge-article.txt'), utf8('mass-operations-article.txt'), utf8('quotations.txt'), readFileSync(join(EXAMPLES, 'spravka-1251.txt')).length];
  assert.deepEqual(s.documents.map((d) => d.chars), chars);
  assert.equal(s.chars, chars.reduce((a, b) => a + b));
  const notes = Object.fromEntries(s.documents.map((d) => [d.id, [d.counts.notes, d.counts.markers]]));
  assert.deepEqual(notes['kartoteka-sample-army-purge'], [24, 24]);
  assert.deepEqual(notes['kartoteka-sample-mass-operations'], [12, 12]);
  // The totals are the sums over the documents.
  for (const [layer, n] of Object.entries(s.layers)) {
    assert.equal(n, s.documents.reduce((a, d) => a + (d.counts[layer] ?? 0), 0), layer);
  }
  assert.equal(s.layers.notes, 36);
});

test('stats --json of a new, empty knowledge base has no documents and zero characters', (t) => {
  const dir = tempDir(t);
  const s = json<Stats>(dir, ['stats', '--db', join(dir, 'k.db')]);
  assert.deepEqual(s.documents, []);
  assert.equal(s.chars, 0);
});

test('kartoteka --help lists the commands extract, ingest, search, show and stats', (t) => {
  const r = kartoteka(tempDir(t), ['--help']);
  assert.equal(r.status, 0, r.stderr);
  for (const cmd of ['extract', 'ingest', 'search', 'show', 'stats']) {
    assert.match(r.stdout, new RegExp(`^\\s+${cmd}\\b`, 'm'), `--help does not list ${cmd}`);
  }
});

test('an unknown command exits non-zero, names the command on stderr and prints nothing on stdout', (t) => {
  const r = kartoteka(tempDir(t), ['frobnicate', '--json']);
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /unknown command 'frobnicate'/);
});

test('a usage error is one line on stderr with [E_USAGE] and exit code 2, as the error catalogue has it', (t) => {
  const dir = tempDir(t);
  for (const args of [['frobnicate'], ['show', 'x', '--line', '0', '--db', join(dir, 'k.db')]]) {
    const r = kartoteka(dir, args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /\[E_USAGE\]\n$/);
  }
});

for (const cmd of [['stats', '--json'], ['search', 'Tukhachevskii', '--json'], ['ingest', EXAMPLES, '--json'], ['show', 'x']]) {
  test(`${cmd[0]} on a k.db that is not SQLite exits 1 with one [E_DB] line naming it, leaving the file as it was`, (t) => {
    const dir = tempDir(t);
    const db = join(dir, 'k.db');
    const junk = 'This is a text file, not a database.\n';
    writeFileSync(db, junk);
    const r = kartoteka(dir, [...cmd, '--db', db]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assertOneErrorLine(r.stderr, db, 'E_DB');
    assert.equal(readFileSync(db, 'utf8'), junk);
  });
}

test('a reader that has gone away (as in `kartoteka extract FILE --json | true`) ends the command without a Node stack trace', async (t) => {
  const dir = tempDir(t);
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
    const c = spawn(process.execPath, [BIN, 'extract', join(EXAMPLES, 'quotations.txt'), '--json'], { cwd: dir });
    // Close our end of the pipe before the child writes: its first write meets EPIPE, deterministically.
    c.stdout.destroy();
    let stderr = '';
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (code) => done({ code, stderr }));
  });
  assert.doesNotMatch(stderr, /Unhandled 'error' event|\n\s+at /, stderr);
  assert.ok(code !== null, 'killed by a signal');
});

test('demo --db builds the sample knowledge base, exits 0 and prints the summary and an example search with hits', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'demo.db');
  const r = kartoteka(dir, ['demo', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  for (const id of ['kartoteka-sample-army-purge', 'kartoteka-sample-mass-operations', 'kartoteka-sample-quotations', 'kartoteka-sample-spravka']) {
    assert.match(out, new RegExp(`^added\\s+${id}\\b`, 'm'));
  }
  assert.match(out, new RegExp(`^4 documents in ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*\\b36 notes\\b`, 'm'));
  const [, afterSearch] = out.split(/^kartoteka search .*$/m);
  assert.ok(afterSearch, out);
  const hits = afterSearch.split('\n\n')[0]!.trim().split('\n').filter((l) => /^kartoteka-sample-[a-z-]+:\d+ /.test(l.trim()));
  assert.ok(hits.length >= 1, `no hit lines after the example search:\n${out}`);
  assert.match(out, /^kartoteka show kartoteka-sample-army-purge --line \d+/m);
  assert.match(out, /^Notes$/m);
  // The database is there afterwards and holds the corpus.
  assert.equal(json<Stats>(dir, ['stats', '--db', db]).documents.length, 4);
});

test('demo run twice reports the documents unchanged and still exits 0', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'demo.db');
  assert.equal(kartoteka(dir, ['demo', '--db', db]).status, 0);
  const r = kartoteka(dir, ['demo', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal([...r.stdout.matchAll(/^unchanged\s+kartoteka-sample-/gm)].length, 4);
});

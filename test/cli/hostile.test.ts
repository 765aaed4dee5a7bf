/**
 * Text from sources is data. Markup and entities are stored and printed as
 * the characters they are; control characters never reach the terminal raw
 * (`show` and `search` print them as visible escapes); --json keeps the
 * original characters, escaped as JSON escapes them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { tempDir } from '../support.js';
import { assertOneErrorLine, json, kartoteka } from './helpers.js';

const BODY =
  'A page with <script>alert(1)</script> and <img src=x onerror=alert(1)> and &amp; ' +
  'and a bell \x07 and \x1b[31mred\x1b[0m words.';
const TEXT = `Hostile text\n\n${BODY}\n`;
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

/** A temp folder with hostile.txt ingested into k.db. */
function ingested(t: TestContext): { dir: string; db: string } {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'hostile.txt'), TEXT);
  const db = join(dir, 'k.db');
  const out = json<{ documents: { id: string; status: string }[] }>(dir, ['ingest', 'hostile.txt', '--db', db]);
  assert.deepEqual(out.documents.map((d) => [d.id, d.status]), [['hostile', 'added']]);
  return { dir, db };
}

test('a text file holding markup, an entity, a bell and an ESC sequence ingests as text (added)', (t) => {
  const { dir, db } = ingested(t);
  const stats = json<{ documents: { id: string; chars: number; encoding: string }[] }>(dir, ['stats', '--db', db]);
  assert.deepEqual(stats.documents.map((d) => [d.id, d.chars, d.encoding]), [['hostile', TEXT.length, 'utf-8']]);
});

test('search script --json finds the hostile text, the hit pointing at "script" in the original', (t) => {
  const { dir, db } = ingested(t);
  const hits = json<{ hits: { document: string; start: number; end: number; line: number; snippet: string }[] }>(dir, ['search', 'script', '--db', db]).hits;
  assert.equal(hits.length, 1);
  const h = hits[0]!;
  assert.equal(h.document, 'hostile');
  assert.equal(TEXT.slice(h.start, h.end), 'script');
  assert.equal(h.line, 3);
  // The snippet keeps the characters themselves: no HTML escaping, no entity decoding, controls kept.
  assert.ok(h.snippet.includes('<script>alert(1)</script>'), h.snippet);
  assert.ok(h.snippet.includes('&amp;'), h.snippet);
  assert.ok(h.snippet.includes('\x1b[31mred'), h.snippet);
});

test('search --json escapes control characters as JSON does: no raw ESC or BEL byte on stdout', (t) => {
  const { dir, db } = ingested(t);
  const r = kartoteka(dir, ['search', 'script', '--db', db, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  assert.ok(r.stdout.includes('\\u001b[31m'));
  assert.ok(r.stdout.includes('\\u0007'));
});

test('search without --json prints the ESC sequence and the bell as visible escapes, never the raw bytes', (t) => {
  const { dir, db } = ingested(t);
  const r = kartoteka(dir, ['search', 'script', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  assert.ok(r.stdout.includes('\\x1b[31mred\\x1b[0m'), r.stdout);
  assert.ok(r.stdout.includes('\\x07'), r.stdout);
  assert.ok(r.stdout.includes('<script>alert(1)</script>'), r.stdout);
});

test('show prints the ESC as a visible \\x1b and markup as it stands, never the raw control bytes', (t) => {
  const { dir, db } = ingested(t);
  const r = kartoteka(dir, ['show', 'hostile', '--line', '3', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  assert.ok(r.stdout.includes('\\x1b[31mred\\x1b[0m'), r.stdout);
  assert.ok(r.stdout.includes('\\x07'), r.stdout);
  assert.ok(r.stdout.includes('<script>alert(1)</script>'), r.stdout);
  assert.ok(r.stdout.includes('<img src=x onerror=alert(1)>'), r.stdout);
  assert.ok(r.stdout.includes('&amp;'), r.stdout);
});

test('show --json keeps the original characters in the paragraph text, escaped per JSON', (t) => {
  const { dir, db } = ingested(t);
  const r = kartoteka(dir, ['show', 'hostile', '--line', '3', '--db', db, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  const p = JSON.parse(r.stdout) as { paragraphs: { text: string }[]; display: string };
  const all = p.paragraphs.map((x) => x.text).join(' ');
  assert.ok(all.includes(BODY), all);
  // The display field is what `show` prints: already made visible.
  assert.doesNotMatch(p.display, RAW_CONTROL);
  assert.ok(p.display.includes('\\x1b[31m'));
});

test('show prints a right-to-left override (U+202E) as a visible escape', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'bidi.txt'), 'An innocent line with \u202etxt.exe\u202c inside it.\n');
  const db = join(dir, 'k.db');
  json(dir, ['ingest', 'bidi.txt', '--db', db]);
  const r = kartoteka(dir, ['show', 'bidi', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /[\u202a-\u202e\u2066-\u2069]/);
  assert.ok(r.stdout.includes('\\u202etxt.exe\\u202c'), r.stdout);
});

test('an error about a file whose name holds an ESC sequence prints the name with a visible \\x1b', (t) => {
  const dir = tempDir(t);
  const name = 'evil\x1b[2J.txt';
  writeFileSync(join(dir, name), '');
  const r = kartoteka(dir, ['ingest', name, '--db', join(dir, 'k.db')]);
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stderr, RAW_CONTROL);
  assertOneErrorLine(r.stderr, 'evil\\x1b[2J.txt', 'E_EMPTY');
});

test('a document id holding an ESC sequence (from corpus.json) is never printed raw by ingest, search, show or stats', (t) => {
  const dir = tempDir(t);
  const corpus = join(dir, 'c');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'corpus.json'), JSON.stringify([{ file: 'a.txt', id: 'doc\x1b[2Jx', title: 'A title' }]));
  writeFileSync(join(corpus, 'a.txt'), 'Some body text about Kork.\n');
  const db = join(dir, 'k.db');
  const runs = {
    ingest: kartoteka(dir, ['ingest', corpus, '--db', db]),
    search: kartoteka(dir, ['search', 'Kork', '--db', db]),
    show: kartoteka(dir, ['show', 'doc', '--db', db]),
    stats: kartoteka(dir, ['stats', '--db', db]),
  };
  for (const [cmd, r] of Object.entries(runs)) {
    assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
    assert.doesNotMatch(r.stdout + r.stderr, RAW_CONTROL, `${cmd} printed a raw control character`);
  }
});

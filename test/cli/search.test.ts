/**
 * `kartoteka search` over the ingested sample corpus: case, accents and
 * apostrophes ignored, "phrases", prefix*, and every hit pointing at the
 * matched text in the original file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { SearchHit } from '../../src/kb/store.js';
import { tempDir } from '../support.js';
import { assertOneErrorLine, copyExamples, errorLines, fold, json, kartoteka, lineOf, oneJson } from './helpers.js';

type Hit = Pick<SearchHit, 'document' | 'start' | 'end' | 'line' | 'snippet' | 'score'>;

const FILES: Record<string, string> = {
  'kartoteka-sample-army-purge': 'army-purge-article.txt',
  'kartoteka-sample-mass-operations': 'mass-operations-article.txt',
  'kartoteka-sample-quotations': 'quotations.txt',
  'kartoteka-sample-spravka': 'spravka-1251.txt',
};

interface Kb {
  dir: string;
  db: string;
  /** The original text of a document, read from the file as Kartoteka decodes it. */
  text: (id: string) => string;
}

function kb(t: TestContext): Kb {
  const dir = tempDir(t);
  const corpus = copyExamples(dir);
  const db = join(dir, 'k.db');
  json(dir, ['ingest', corpus, '--db', db]);
  const text = (id: string): string => {
    const file = FILES[id];
    assert.ok(file, `unknown document ${id}`);
    const bytes = readFileSync(join(corpus, file));
    return new TextDecoder(file === 'spravka-1251.txt' ? 'windows-1251' : 'utf-8').decode(bytes);
  };
  return { dir, db, text };
}

function search(k: Kb, ...query: string[]): Hit[] {
  const out = json<{ hits: Hit[] }>(k.dir, ['search', ...query, '--db', k.db]);
  assert.deepEqual(Object.keys(out), ['hits']);
  return out.hits;
}

/** Checks the fields of every hit and returns the original text at [start, end) of each. */
function matched(k: Kb, hits: Hit[]): string[] {
  return hits.map((h) => {
    assert.equal(typeof h.document, 'string');
    assert.equal(typeof h.snippet, 'string');
    assert.equal(typeof h.score, 'number');
    assert.ok(Number.isFinite(h.score));
    const text = k.text(h.document);
    assert.ok(Number.isInteger(h.start) && Number.isInteger(h.end) && 0 <= h.start && h.start < h.end && h.end <= text.length, `${h.document} [${h.start}, ${h.end})`);
    assert.equal(h.line, lineOf(text, h.start), `${h.document} at ${h.start}: line`);
    return text.slice(h.start, h.end);
  });
}

test('search hits carry document, start, end, line, snippet and score, sorted best first', (t) => {
  const k = kb(t);
  const hits = search(k, 'Tukhachevskii');
  assert.ok(hits.length >= 3);
  for (const h of hits) for (const f of ['document', 'start', 'end', 'line', 'snippet', 'score']) assert.ok(f in h, `hit lacks ${f}`);
  matched(k, hits);
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score, 'hits are not sorted by score');
});

test('search ignores case: "tukhachevskii" and "TUKHACHEVSKII" find the same hits as "Tukhachevskii"', (t) => {
  const k = kb(t);
  const base = search(k, 'Tukhachevskii');
  assert.deepEqual(search(k, 'tukhachevskii'), base);
  assert.deepEqual(search(k, 'TUKHACHEVSKII'), base);
  for (const s of matched(k, base)) assert.equal(fold(s), 'tukhachevskii');
});

test('search ignores accents: "Benes" finds "Beneš" in the mass-operations article (and "Benes" in the army article)', (t) => {
  const k = kb(t);
  const hits = search(k, 'Benes');
  const found = hits.map((h, i) => [h.document, matched(k, hits)[i]]);
  assert.deepEqual(
    found.sort(),
    [
      ['kartoteka-sample-army-purge', 'Benes'],
      ['kartoteka-sample-mass-operations', 'Beneš'],
    ],
  );
  assert.deepEqual(search(k, 'BENEŠ'), hits);
});

test('search ignores accents: "ilic" finds "Ilič" in the text and in note 3', (t) => {
  const k = kb(t);
  const hits = search(k, 'ilic');
  assert.ok(hits.length >= 2, JSON.stringify(hits));
  for (const [i, s] of matched(k, hits).entries()) {
    assert.equal(hits[i]!.document, 'kartoteka-sample-mass-operations');
    assert.equal(s, 'Ilič');
  }
  assert.deepEqual(hits.map((h) => h.line).sort((a, b) => a - b), [9, 15]);
});

test('search ignores apostrophes: Conquest’s (curly) is found as "Conquests", "Conquest\'s" and "Conquest’s"', (t) => {
  const k = kb(t);
  const curly = (hits: Hit[]) => hits.filter((h) => h.document === 'kartoteka-sample-mass-operations');
  for (const q of ['Conquests', "Conquest's", 'Conquest’s']) {
    const hits = curly(search(k, q));
    assert.equal(hits.length, 1, `${q}: ${JSON.stringify(hits)}`);
    assert.equal(hits[0]!.line, 9, q);
    assert.equal(matched(k, hits)[0], 'Conquest’s', q);
  }
});

test('search ignores apostrophes: Getty’s in note 6 is found with and without the apostrophe', (t) => {
  const k = kb(t);
  const a = search(k, 'Gettys');
  const b = search(k, "Getty's");
  assert.deepEqual(a, b);
  assert.ok(a.some((h, i) => matched(k, a)[i] === 'Getty’s' && h.line === 25), JSON.stringify(a));
});

test('search "mass operations" as a phrase matches the two words in order, and "operations mass" matches nothing', (t) => {
  const k = kb(t);
  const hits = search(k, '"mass operations"');
  assert.ok(hits.length >= 5, JSON.stringify(hits.length));
  for (const s of matched(k, hits)) assert.equal(fold(s).replace(/\s+/g, ' '), 'mass operations');
  assert.deepEqual(search(k, '"operations mass"'), []);
});

test('search Tukhachev* matches words starting with the prefix', (t) => {
  const k = kb(t);
  const hits = search(k, 'Tukhachev*');
  assert.ok(hits.length >= 5);
  for (const s of matched(k, hits)) assert.ok(fold(s).startsWith('tukhachev'), s);
  assert.deepEqual(search(k, 'Tukhachev'), [], 'without * the prefix alone is no word of the corpus');
});

test('search finds Cyrillic words in the Windows-1251 spravka, case-insensitively', (t) => {
  const k = kb(t);
  const hits = search(k, 'тухачевский');
  assert.ok(hits.length >= 1);
  for (const [i, s] of matched(k, hits).entries()) {
    assert.equal(hits[i]!.document, 'kartoteka-sample-spravka');
    assert.equal(s.toLowerCase(), 'тухачевский');
  }
});

test('search with no hits exits 0 with {"hits": []}', (t) => {
  const k = kb(t);
  assert.deepEqual(search(k, 'zzzqqqxyzzy'), []);
});

test('search of a query with no searchable words exits 1 with one [E_QUERY] line and nothing on stdout', (t) => {
  const k = kb(t);
  const r = kartoteka(k.dir, ['search', '***', '--db', k.db, '--json']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assertOneErrorLine(r.stderr, '', 'E_QUERY');
});

test('search --document restricts hits to one document', (t) => {
  const k = kb(t);
  const hits = search(k, 'Tukhachevskii', '--document', 'kartoteka-sample-quotations');
  assert.ok(hits.length >= 1);
  assert.ok(hits.every((h) => h.document === 'kartoteka-sample-quotations'));
});

test('search without --json prints one line per hit as document:line and the snippet', (t) => {
  const k = kb(t);
  const hits = search(k, 'Benes');
  const r = kartoteka(k.dir, ['search', 'Benes', '--db', k.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(errorLines(r.stderr), []);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => l.split('  ')[0]), hits.map((h) => `${h.document}:${h.line}`));
  assert.throws(() => oneJson(r));
});

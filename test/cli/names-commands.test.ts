/**
 * `kartoteka person`, `names`, `merge`, `split` and `decisions` end to end:
 * a person found by any spelling, unknown names listed for the curator, and
 * curator decisions that survive re-ingest of a changed text (re-anchored by
 * quote: exact, fuzzy, orphan).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertOneErrorLine, EXAMPLES, json, kartoteka } from './helpers.js';

let dir = '';
let db = '';
const TEXT = [
  'The arrests of May 1937',
  '',
  'Sergei Kamenev had commanded the Red Army in the Civil War. In May 1937 Marshal M. N. Tukhachevskii was arrested;',
  'Kamenev was by then dead. The NKVD also named Tukhchvsky in a garbled list, and Komkor Sediakin.',
  '',
].join('\n');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kartoteka-names-'));
  db = join(dir, 'kb.db');
  writeFileSync(join(dir, 'arrests.txt'), TEXT);
  const r = kartoteka(dir, ['ingest', EXAMPLES, join(dir, 'arrests.txt'), '--db', db, '--json']);
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('person finds one card by any spelling, Latin or Cyrillic, with mentions in every document', () => {
  const cards = ['Tukhachevskii', 'Tukhachevsky', 'Toukhatchevski', 'Тухачевский', 'M. N. Tukhachevskii', 'tukhachevskii-mikhail'].map((n) => json(dir, ['person', n, '--db', db]));
  for (const c of cards) assert.deepEqual(c, cards[0]);
  const card = cards[0];
  assert.equal(card.entity.id, 'tukhachevskii-mikhail');
  assert.equal(card.entity.cyrillic.family, 'Тухачевский');
  assert.ok(card.entity.variants.includes('Tuchatschewski'));
  assert.ok(card.mentions >= 10, `${card.mentions} mentions`);
  assert.ok(card.documents.length >= 3);
  for (const d of card.documents) assert.ok(d.first.line >= 1 && d.first.end > d.first.start);
  // The card carries the person's timeline: "In May 1937 Marshal M. N. Tukhachevskii was arrested".
  const arrest = card.events.find((e: { type: string }) => e.type === 'arrest');
  assert.ok(arrest, JSON.stringify(card.events));
  assert.equal(arrest.date.edtf, '1937-05');
  assert.ok(arrest.participants.some((p: { entity: string; role: string }) => p.entity === 'tukhachevskii-mikhail' && p.role === 'subject'));
  for (const e of card.events) assert.ok(e.participants.some((p: { entity: string }) => p.entity === 'tukhachevskii-mikhail'));
  assert.deepEqual(card.quotes, []);
});

test('a family name shared by two people is refused with both named; a fuller name finds one', () => {
  const r = kartoteka(dir, ['person', 'Kamenev', '--db', db, '--json']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /kamenev-sergei.*kamenev-lev|kamenev-lev.*kamenev-sergei/);
  assert.equal(r.stdout, '');
  assert.equal(json(dir, ['person', 'Sergei Kamenev', '--db', db]).entity.id, 'kamenev-sergei');
  assert.equal(json(dir, ['person', 'L. B. Kamenev', '--db', db]).entity.id, 'kamenev-lev');
  assertOneErrorLine(kartoteka(dir, ['person', 'Nobodyatallski', '--db', db]).stderr, 'Nobodyatallski', 'E_NO_ENTITY');
});

test('names --unknown lists the names no record holds, clustered, with where they are', () => {
  const u = json(dir, ['names', '--unknown', '--db', db]).unknown as { name: string; key: string; examples: { document: string; line: number }[] }[];
  const garbled = u.find((c) => c.name === 'Tukhchvsky');
  assert.ok(garbled, JSON.stringify(u.map((c) => c.name)));
  assert.equal(garbled.examples[0]!.line, 4);
  assert.ok(u.some((c) => c.name === 'Sediakin'));
  const named = json(dir, ['names', '--type', 'person', '--db', db]).entities as { id: string; mentions: number }[];
  assert.ok(named.some((e) => e.id === 'tukhachevskii-mikhail'));
  assert.ok(named.every((e, i) => i === 0 || named[i - 1]!.mentions >= e.mentions));
});

test('merge and split are recorded with who, when and why, and survive re-ingest of a changed text', () => {
  const doc = 'arrests';
  const before = json(dir, ['person', 'tukhachevskii-mikhail', '--db', db]).mentions as number;
  const m = json(dir, ['merge', 'tukhachevskii-mikhail', 'Tukhchvsky', '--why', 'OCR garble of the name in the list', '--who', 'curator-a', '--db', db]).decision;
  assert.equal(m.who, 'curator-a');
  assert.match(m.at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(json(dir, ['person', 'tukhachevskii-mikhail', '--db', db]).mentions, before + 1);
  assert.ok(!(json(dir, ['names', '--unknown', '--db', db]).unknown as { name: string }[]).some((c) => c.name === 'Tukhchvsky'));

  // The second "Kamenev" is linked to Sergei by his earlier full mention; a curator moves it to Lev.
  const at = TEXT.indexOf('Kamenev was');
  const s = json(dir, ['split', 'kamenev-sergei', '--at', `${doc}:${at}`, '--to', 'kamenev-lev', '--why', 'the politician, shot in 1936', '--db', db]).decision;
  assert.equal(s.quote.exact, 'Kamenev');
  const lev = json(dir, ['person', 'kamenev-lev', '--db', db]);
  assert.equal(lev.mentions, 1);

  // Re-ingest with text added before: both decisions still hold (the split re-anchored, fuzzy).
  writeFileSync(join(dir, 'arrests.txt'), 'A preface that shifts every offset.\n\n' + TEXT);
  assert.equal(kartoteka(dir, ['ingest', join(dir, 'arrests.txt'), '--db', db, '--json']).status, 0);
  assert.equal(json(dir, ['person', 'kamenev-lev', '--db', db]).mentions, 1);
  assert.equal(json(dir, ['person', 'tukhachevskii-mikhail', '--db', db]).mentions, before + 1);
  let ds = json(dir, ['decisions', '--db', db]).decisions as { id: number; anchor: string | null; why: string; who: string }[];
  assert.deepEqual(ds.map((d) => d.anchor), [null, 'fuzzy']);
  assert.equal(ds[1]!.why, 'the politician, shot in 1936');

  // The passage gone: the decision is an orphan, shown and not applied, never deleted.
  writeFileSync(join(dir, 'arrests.txt'), TEXT.replace('Kamenev was by then dead.', 'He was by then dead.'));
  assert.equal(kartoteka(dir, ['ingest', join(dir, 'arrests.txt'), '--db', db, '--json']).status, 0);
  ds = json(dir, ['decisions', '--db', db]).decisions;
  assert.deepEqual(ds.map((d) => d.anchor), [null, 'orphan']);
  const text = kartoteka(dir, ['decisions', '--db', db]);
  assert.match(text.stderr, /1 decision\(s\) no longer find their passage/);
});

test('decisions need a reason and a real entity; nothing is recorded otherwise', () => {
  const n = (json(dir, ['decisions', '--db', db]).decisions as unknown[]).length;
  assert.equal(kartoteka(dir, ['merge', 'tukhachevskii-mikhail', 'X', '--why', '  ', '--db', db]).status, 2);
  assertOneErrorLine(kartoteka(dir, ['merge', 'Nobodyatallski', 'X', '--why', 'w', '--db', db]).stderr, 'Nobodyatallski', 'E_NO_ENTITY');
  assert.equal(kartoteka(dir, ['split', 'kamenev-lev', '--at', 'arrests:999999', '--why', 'w', '--db', db]).status, 2);
  assert.equal((json(dir, ['decisions', '--db', db]).decisions as unknown[]).length, n);
});

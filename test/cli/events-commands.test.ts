/**
 * `kartoteka timeline` and `kartoteka conflicts` end to end, on two made-up
 * texts that disagree about one arrest and round one count.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EXAMPLES, json, kartoteka } from './helpers.js';

let dir = '';
let db = '';
const A = [
  'The purge of May 1937',
  '',
  'On 14 May Avgust Kork was arrested. On 22 May Iona Iakir was arrested.',
  'In all 34,301 officers were discharged in 1937-38.',
  '',
].join('\n');
const B = [
  'A compiler on 1937',
  '',
  'Kork was arrested on 13 May 1937. Iona Iakir was arrested in May 1937.',
  'Some 34,000 officers were discharged in 1937-38, and 33,460 officers were discharged in 1937-38 by another count.',
  '',
].join('\n');

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kartoteka-events-'));
  db = join(dir, 'kb.db');
  writeFileSync(join(dir, 'a.txt'), A);
  writeFileSync(join(dir, 'b.txt'), B);
  const r = kartoteka(dir, ['ingest', join(dir, 'a.txt'), join(dir, 'b.txt'), '--db', db, '--json']);
  assert.equal(r.status, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('timeline: every event in date order with its document, filtered by dates and by person', () => {
  const all = json(dir, ['timeline', '--db', db]).events as { date: { min: string }; document: string; type: string }[];
  assert.ok(all.length >= 4);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.date.min <= all[i]!.date.min);
  assert.ok(all.every((e) => e.document === 'a' || e.document === 'b'));
  const kork = json(dir, ['timeline', '--person', 'Kork', '--db', db]).events as { date: { edtf: string }; participants: { entity: string }[] }[];
  assert.deepEqual(kork.map((e) => e.date.edtf).sort(), ['1937-05-13', '1937-05-14']);
  const late = json(dir, ['timeline', '--from', '1937-05-20', '--to', '1937-05', '--db', db]).events as { date: { edtf: string } }[];
  assert.ok(late.length >= 1 && late.every((e) => e.date.edtf >= '1937-05-2' || e.date.edtf === '1937-05'), JSON.stringify(late));
});

test('conflicts: the two dates of one arrest and the two counts, each side with its passage; a vaguer date and a round number are no sides', () => {
  const list = json(dir, ['conflicts', '--db', db]).conflicts as { kind: string; subject: string; sides: { value: string; sources: { document: string; text: string; kind: string; line: number }[] }[] }[];
  const kork = list.find((c) => c.kind === 'date' && c.subject === 'arrest of Avgust Kork')!;
  assert.ok(kork, JSON.stringify(list));
  assert.deepEqual(kork.sides.map((s) => s.value).sort(), ['1937-05-13', '1937-05-14']);
  const by = Object.fromEntries(kork.sides.map((s) => [s.value, s.sources[0]!]));
  assert.equal(by['1937-05-14']!.document, 'a');
  assert.match(by['1937-05-14']!.text, /On 14 May Avgust Kork was arrested\./);
  assert.equal(by['1937-05-13']!.document, 'b');
  assert.equal(by['1937-05-13']!.line, 3);
  // Iakir: 22 May against "May 1937" is no conflict.
  assert.ok(!list.some((c) => c.subject === 'arrest of Iona Iakir'));
  const count = list.find((c) => c.kind === 'figure')!;
  assert.ok(count, JSON.stringify(list));
  assert.deepEqual(count.sides.map((s) => s.value).sort(), ['33460', '34301']);
});

test('a malformed --from is a usage error on one line', () => {
  const r = kartoteka(dir, ['timeline', '--from', '1937-13', '--db', db]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--from "1937-13" is not a date.*\[E_USAGE\]/);
});

test('quotes --json gives the sample compilation\'s quotations with speaker and source; --speaker narrows by any spelling', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'kartoteka-quotes-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const kb = join(d, 'q.db');
  assert.equal(kartoteka(d, ['ingest', EXAMPLES, '--db', kb]).status, 0);
  const all = json(d, ['quotes', '--db', kb]) as { quotes: { speaker: string | null; source: { title: string; locator: { value: string } } | null; document: string }[] };
  assert.ok(all.quotes.length >= 5);
  assert.ok(all.quotes.every((q) => q.document === 'kartoteka-sample-quotations'));
  const molotov = json(d, ['quotes', '--speaker', 'Молотов', '--db', kb]) as typeof all;
  assert.equal(molotov.quotes.length, 1);
  assert.equal(molotov.quotes[0]!.speaker, 'molotov-viacheslav');
  assert.match(molotov.quotes[0]!.source!.title, /^Molotov Remembers/);
  assert.equal(molotov.quotes[0]!.source!.locator.value, '280');
  const r = kartoteka(d, ['quotes', '--db', kb]);
  assert.match(r.stdout, /^Khrushchev: "Very grievous consequences/m);
  assert.match(r.stdout, /\(Khrushchev, The Crimes of the Stalin Era.*p\. 38\)/);
});

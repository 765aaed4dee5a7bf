/**
 * The interpretations of data/interpretations.json (the historiographical
 * debate, curated by hand) and the gold that uses them: well-formed records,
 * oppositions that point both ways, and gold claims and source kinds whose
 * ids resolve.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authority } from '../../src/names/authority.js';

interface Interpretation {
  id: string;
  label: string;
  statement: string;
  topic: string;
  opposes: string[];
  keywords: string[];
}

const ROOT = process.cwd();
const LIST = JSON.parse(readFileSync(join(ROOT, 'data', 'interpretations.json'), 'utf8')) as Interpretation[];
const BY = new Map(LIST.map((i) => [i.id, i]));

test('every interpretation has a unique kebab-case id, a label, a one-sentence statement, a topic and cue phrases', () => {
  assert.equal(BY.size, LIST.length, 'ids are unique');
  assert.ok(LIST.length >= 7, 'the five answers on the army purge and the two on the mass operations at least');
  for (const i of LIST) {
    assert.match(i.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, i.id);
    assert.ok(i.label.length > 3 && i.label.length < 80, i.id);
    assert.ok(i.statement.length > 20 && i.statement.length < 400 && /[.]$/.test(i.statement), `${i.id}: one sentence`);
    assert.ok(['military-purge', 'mass-operations'].includes(i.topic), i.id);
    assert.ok(Array.isArray(i.keywords) && i.keywords.length > 0 && i.keywords.every((k) => typeof k === 'string' && k.trim() === k && k.length > 2), i.id);
  }
});

test('oppositions name existing interpretations of the same topic, and point both ways', () => {
  for (const i of LIST) {
    for (const o of i.opposes) {
      const other = BY.get(o);
      assert.ok(other, `${i.id} opposes unknown ${o}`);
      assert.notEqual(o, i.id);
      assert.ok(other.opposes.includes(i.id), `${o} does not oppose ${i.id} back`);
    }
  }
  assert.ok(BY.get('election-panic')?.opposes.length, 'Getty\'s election panic is opposed');
});

test('the gold claims use known interpretations, stances, and holders of the authority file', () => {
  const dir = join(ROOT, 'eval', 'gold', 'claims');
  const files = readdirSync(dir).filter((f) => /^\d{3}\.json$/.test(f));
  assert.equal(files.length, 5);
  let n = 0;
  for (const f of files) {
    const g = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { claims: { holder: string | null; holderName: string; interpretation: string; stance: string; start: number; end: number }[] };
    for (const c of g.claims) {
      n++;
      assert.ok(BY.has(c.interpretation), `${f}: ${c.interpretation}`);
      assert.ok(['supports', 'rejects', 'reports'].includes(c.stance), `${f}: ${c.stance}`);
      assert.ok(c.holder === null || authority().byId.has(c.holder), `${f}: holder ${c.holder}`);
      assert.ok(c.end > c.start, f);
    }
  }
  assert.ok(n >= 300, `${n} gold claims`);
});

test('the gold source kinds use the vocabulary of issue 6', () => {
  const g = JSON.parse(readFileSync(join(ROOT, 'eval', 'gold', 'source-kinds', 'gold.json'), 'utf8')) as { works: { kind: string }[] };
  const kinds = new Set(['monograph', 'article', 'thesis', 'memoir', 'press', 'document-collection', 'archival-file', 'speech', 'partisan-compilation', 'encyclopedia', 'other']);
  assert.ok(g.works.length >= 200);
  for (const w of g.works) assert.ok(kinds.has(w.kind), w.kind);
});

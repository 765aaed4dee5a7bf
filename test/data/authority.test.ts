/**
 * The authority file under data/authority/ (curated by hand; its README is
 * the format): well-formed records, references that resolve, Cyrillic that is
 * Cyrillic, labels in the corpus's romanization, and every spelling the
 * issue names resolving to one entity while namesakes stay apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authority, isPerson, type Entity } from '../../src/names/authority.js';
import { lc, spellings } from '../../src/names/translit.js';
import { nameIndex } from '../../src/names/stage.js';
import { findMentions } from '../../src/names/mentions.js';
import { TextView } from '../../src/core/view.js';
import { LineIndex } from '../../src/core/positions.js';
import { sharedDir } from '../support.js';

const A = authority();
const EDTF = /^-?\d{4}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const CATEGORIES: Record<Entity['type'], string[]> = {
  person: ['military', 'party', 'state', 'police', 'historian', 'writer', 'foreign', 'other'],
  organization: ['police', 'party', 'state', 'military', 'military-district', 'court', 'academy', 'foreign', 'other'],
  place: ['city', 'region', 'republic', 'country', 'other'],
};

test('every record has a stable id, a type, a label and a descriptor of its own; ids are unique across the files', () => {
  assert.ok(A.entities.length > 600, `${A.entities.length} entities`);
  assert.ok(A.entities.filter(isPerson).length > 300);
  for (const e of A.entities) {
    assert.match(e.id, /^[a-z0-9][a-z0-9-]*$/, e.id);
    assert.ok(e.label.trim() && e.descriptor.trim(), e.id);
    assert.ok(e.descriptor.length < 400, `${e.id}: one line`);
    const cat = e.type === 'place' ? e.kind : e.category;
    assert.ok(CATEGORIES[e.type].includes(cat), `${e.id}: ${cat}`);
  }
});

test('dates are EDTF; posts, parents and headquarters point at records that exist', () => {
  for (const e of A.entities) {
    if (isPerson(e)) {
      for (const d of [e.born, e.died]) if (d) assert.match(d, EDTF, `${e.id}: ${d}`);
      for (const p of e.posts ?? []) {
        for (const d of [p.from, p.to]) if (d) assert.match(d, EDTF, `${e.id}: ${d}`);
        if (p.org) assert.equal(A.byId.get(p.org)?.type, 'organization', `${e.id}: post in ${p.org}`);
      }
    } else if (e.type === 'organization') {
      if (e.parent) assert.equal(A.byId.get(e.parent)?.type, 'organization', `${e.id}: parent ${e.parent}`);
      if (e.headquarters) assert.equal(A.byId.get(e.headquarters)?.type, 'place', `${e.id}: headquarters ${e.headquarters}`);
      for (const n of e.names ?? []) for (const d of [n.from, n.to]) if (d) assert.match(d, EDTF, `${e.id}: ${d}`);
    } else {
      assert.ok(Math.abs(e.lat) <= 90 && Math.abs(e.lon) <= 180, e.id);
    }
  }
  // Every military district has a headquarters city with coordinates.
  const districts = A.entities.filter((e) => e.type === 'organization' && e.category === 'military-district');
  assert.ok(districts.length >= 12);
  for (const d of districts) assert.ok(d.type === 'organization' && d.headquarters && A.byId.get(d.headquarters), d.id);
});

test('Cyrillic names are Cyrillic (no Latin look-alikes), and labels are LC without diacritics', () => {
  for (const e of A.entities) {
    if (!isPerson(e) || !e.cyrillic) continue;
    for (const v of Object.values(e.cyrillic)) assert.ok(!/[A-Za-z]/.test(v), `${e.id}: ${v}`);
    const forms = new Set([lc(e.cyrillic.family), ...spellings(e.cyrillic.family), ...(e.variants ?? [])]);
    assert.ok(forms.has(e.family), `${e.id}: ${e.family} is neither generated from ${e.cyrillic.family} nor a variant`);
    assert.ok(!/[\u0300-\u036f]/.test(e.label.normalize('NFD')) || !e.cyrillic, `${e.id}: diacritics in the label`);
  }
});

function linked(text: string): [string, string][] {
  const view = new TextView(text, [{ start: 0, end: text.length }]);
  return findMentions([{ view, from: 0, in: 'body' }], nameIndex(), new LineIndex(text)).mentions.map((m) => [m.surface, m.entity]);
}

test('every spelling the issue names resolves to one entity in the shipped authority file', () => {
  for (const f of ['Tukhachevskii', 'Tukhachevsky', 'Tukhachesky', 'Toukhatchevski', 'Tuchatschewski', 'Тухачевский', 'M. N. Tukhachevskii', 'Marshal Tukhachevskii', 'Tukhachevskogo']) {
    assert.deepEqual(linked(`Then ${f} spoke.`).map((x) => x[1]), ['tukhachevskii-mikhail'], f);
  }
  assert.deepEqual(linked('Then Tukhachevskiis plan.'), [['Tukhachevskii', 'tukhachevskii-mikhail']]);
  assert.deepEqual(linked('Then Stalins order.'), [['Stalin', 'stalin-iosif']]);
  assert.deepEqual(linked('Михаил Hиколаевич Тухачевский'), [['Михаил Hиколаевич Тухачевский', 'tukhachevskii-mikhail']]);
  for (const f of ['Cheka', 'VChK', 'GPU', 'OGPU', 'NKVD', 'НКВД']) assert.deepEqual(linked(`The ${f} acted.`).map((x) => x[1]), ['nkvd'], f);
  for (const [f, id] of [['RVSR', 'rvs'], ['RVS', 'rvs'], ['NKO', 'nko'], ['PUR', 'pur'], ['KVO', 'kvo'], ['Iakir', 'iakir-iona'], ['Ezhov', 'ezhov-nikolai'], ['Yezhov', 'ezhov-nikolai'], ['Trotsky', 'trotskii-lev']] as const) {
    assert.deepEqual(linked(`The ${f} acted.`).map((x) => x[1]), [id], f);
  }
});

test('namesakes stay apart: Sergei and Lev Kamenev, Roy Medvedev and M. Ie. Medvedev', () => {
  assert.deepEqual(linked('Sergei Kamenev commanded. Lev Kamenev was tried.').map((x) => x[1]), ['kamenev-sergei', 'kamenev-lev']);
  assert.deepEqual(linked('S. S. Kamenev and L. B. Kamenev').map((x) => x[1]), ['kamenev-sergei', 'kamenev-lev']);
  assert.deepEqual(linked('Roy Medvedev argues. M. Ie. Medvedev testified.').map((x) => x[1]), ['medvedev-roi', 'medvedev-m']);
  assert.notEqual((A.byId.get('kamenev-sergei') as { category: string }).category, (A.byId.get('kamenev-lev') as { category: string }).category);
});

test('descriptors are our own words: none is a sentence of the reference texts (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const corpus = ['000_535945941eb00f87.txt', '001_c4ac7dda3f8e1784.txt', '002_8949d27990051962.txt', '003_19461cbe2e24768b.txt', '004_e7b1f6a7784b39a5.txt']
    .map((f) => readFileSync(join(shared, 'corpus', f), 'utf8').replace(/\s+/g, ' '))
    .join('\n');
  for (const e of A.entities) {
    // Any run of ten words of a descriptor found verbatim in the texts would be copying (official
    // titles, "Chairman of the Military Collegium of the Supreme Court", run to nine).
    const w = e.descriptor.split(/\s+/);
    for (let i = 0; i + 10 <= w.length; i++) assert.ok(!corpus.includes(w.slice(i, i + 10).join(' ')), `${e.id}: "${w.slice(i, i + 10).join(' ')}"`);
  }
});

/**
 * The exports read back by another program: citation-js (a devDependency)
 * takes our CSL-JSON as input and gives it back unchanged, and parses our
 * BibTeX into CSL with the titles, authors, years and archival places intact.
 * On the works of the shipped examples/corpus, and on the real 001 thesis
 * from ../shared.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { sharedDir, tempDir } from '../support.js';
import { EXAMPLES, json, kartoteka } from '../cli/helpers.js';

// citation-js ships no types; it is CommonJS, loaded through require.
const require = createRequire(import.meta.url);
const { Cite } = require('@citation-js/core') as { Cite: any };
require('@citation-js/plugin-bibtex');

interface Name {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
}
interface Item {
  id: string;
  type: string;
  title?: string;
  author?: Name[];
  editor?: Name[];
  issued?: { 'date-parts'?: number[][] };
  publisher?: string;
  'container-title'?: string;
  archive?: string;
  archive_location?: string;
  note?: string;
  [k: string]: unknown;
}

/** A knowledge base of `paths` in a temp folder, and its exports. */
function exports(t: TestContext, paths: string[]): { csl: Item[]; bib: string; ris: string } {
  const dir = tempDir(t);
  const db = join(dir, 'k.db');
  json(dir, ['ingest', ...paths, '--db', db]);
  const run = (format: string) => {
    const r = kartoteka(dir, ['export', format, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    return r.stdout;
  };
  return { csl: JSON.parse(run('csl-json')) as Item[], bib: run('bibtex'), ris: run('ris') };
}

const flat = (s: unknown) => String(s ?? '').replace(/\s+/g, ' ').trim();
const families = (names: Name[] | undefined) =>
  (names ?? []).map((n) => n.literal ?? [n['dropping-particle'], n['non-dropping-particle'], n.family].filter(Boolean).join(' ')).join(' | ');
const year = (i: Item) => i.issued?.['date-parts']?.[0]?.[0];

/** citation-js reads our CSL-JSON as its own input and gives every item back as it was. */
function checkCsl(csl: Item[]): void {
  const back = JSON.parse(new Cite(csl).format('data')) as Item[];
  assert.equal(back.length, csl.length);
  csl.forEach((item, i) => {
    const b = back[i]!;
    for (const [k, v] of Object.entries(item)) assert.deepEqual(b[k], v, `${item.id}: ${k} changed in citation-js`);
  });
}

/** citation-js parses our BibTeX into the same works: titles, names, years, places, archival files. */
function checkBibtex(csl: Item[], bib: string): void {
  const back = new Cite(bib).format('data', { format: 'object' }) as Item[];
  assert.equal(back.length, csl.length, 'citation-js read as many entries as were written');
  const keys = new Set(back.map((b) => b.id));
  assert.equal(keys.size, back.length, 'the citation keys are unique');
  csl.forEach((a, i) => {
    const b = back[i]!;
    assert.equal(flat(b.title), flat(a.title), `${a.id}: title`);
    assert.equal(families(b.author), families(a.author), `${a.id}: authors`);
    assert.equal(families(b.editor), families(a.editor), `${a.id}: editors`);
    assert.equal(year(b), year(a), `${a.id}: year`);
    if (a.publisher) assert.equal(flat(b.publisher), flat(a.publisher), `${a.id}: publisher`);
    if (a['container-title'] && ['chapter', 'article-journal', 'article-newspaper', 'article-magazine'].includes(a.type)) {
      assert.equal(flat(b['container-title']), flat(a['container-title']), `${a.id}: container`);
    }
    if (a.type === 'manuscript') {
      assert.equal(b.type, 'manuscript', `${a.id}: an archival file is read back as a manuscript`);
      assert.ok(flat(b.note).includes(a.archive_location!), `${a.id}: archive_location ${a.archive_location} not in note "${b.note}"`);
      assert.ok(flat(b.note).startsWith(`${a.archive}, `), `${a.id}: archive ${a.archive} not in note "${b.note}"`);
      assert.ok(flat(b.publisher).includes(`(${a.archive})`), `${a.id}: archive not in howpublished "${b.publisher}"`);
    }
  });
}

test('export csl-json of examples/corpus round-trips through citation-js unchanged', (t) => {
  const { csl } = exports(t, [EXAMPLES]);
  assert.ok(csl.length >= 20, `only ${csl.length} works`);
  assert.ok(csl.some((w) => w.type === 'manuscript' && w.archive === 'RGVA' && w.archive_location === 'f. 4, op. 18, d. 53'));
  // One work per id, though both sample articles cite Conquest's book.
  assert.equal(new Set(csl.map((w) => w.id)).size, csl.length);
  assert.equal(csl.filter((w) => /^The Great Terror/.test(w.title ?? '')).length, 1);
  for (const w of csl) assert.ok(!('archival' in w), `${w.id} keeps Kartoteka's archival key`);
  checkCsl(csl);
});

test('export bibtex of examples/corpus is read back by citation-js with titles, authors, years and archive fields intact', (t) => {
  const { csl, bib } = exports(t, [EXAMPLES]);
  checkBibtex(csl, bib);
});

test('export ris of examples/corpus has one record per work, the archival ones with AV', (t) => {
  const { csl, ris } = exports(t, [EXAMPLES]);
  assert.equal((ris.match(/^TY {2}- /gm) ?? []).length, csl.length);
  assert.equal((ris.match(/^ER {2}- \r$/gm) ?? []).length, csl.length);
  const files = csl.filter((w) => w.type === 'manuscript');
  assert.equal((ris.match(/^AV {2}- /gm) ?? []).length, files.length);
  for (const f of files) assert.ok(ris.includes(`AV  - ${f.archive}, ${f.archive_location}\r\n`), f.archive_location);
});

test('exports of the real 001 thesis round-trip through citation-js (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const file = join(shared, 'corpus', '001_c4ac7dda3f8e1784.txt');
  const extracted = json<{ works: { id: string }[] }>(tempDir(t), ['extract', file]);
  const { csl, bib, ris } = exports(t, [file]);
  // Every work the extraction found is exported, once.
  assert.deepEqual(csl.map((w) => w.id).sort(), extracted.works.map((w) => w.id).sort());
  assert.ok(csl.length > 300, `only ${csl.length} works`);
  const files = csl.filter((w) => w.type === 'manuscript');
  assert.ok(files.length > 80, `only ${files.length} archival files`);
  assert.ok(files.some((w) => w.archive === 'TNA' && w.archive_location === 'KV 2/404'));
  assert.ok(csl.some((w) => w.title === 'The Impact of the Great Purge on the Red Army: Wrestling with Hard Numbers' && year(w) === 1992));
  assert.match(bib, /@article\{reese1992impact,/);
  checkCsl(csl);
  checkBibtex(csl, bib);
  assert.equal((ris.match(/^TY {2}- /gm) ?? []).length, csl.length);
});

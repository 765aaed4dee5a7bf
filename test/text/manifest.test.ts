import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KartotekaError, type ErrorCode } from '../../src/core/errors.js';
import { documentMeta, findManifestFor, loadManifest } from '../../src/text/manifest.js';
import { readSource } from '../../src/text/source.js';
import { sharedDir, throwsK } from '../support.js';

const tempDirs: string[] = [];
after(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kartoteka-manifest-'));
  tempDirs.push(d);
  return d;
}

/** A fresh folder holding corpus.json with `manifest` (a string is written as is) and the named files. */
function corpus(manifest: unknown, files: Record<string, string> = {}): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'corpus.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}


const ITEM = {
  file: 'thesis.txt',
  id: 'whitewood2012',
  type: 'thesis',
  title: 'The Red Army and the Terror',
  author: [{ family: 'Whitewood', given: 'Peter James' }],
  issued: { 'date-parts': [[2012, 7]] },
  publisher: 'University of Leeds',
};

test('a valid manifest maps absolute file paths to their items, other fields kept', () => {
  const dir = corpus([ITEM, { file: 'sub/ch.txt', id: 'ch1', type: 'chapter' }]);
  const m = loadManifest(dir);
  assert.ok(m);
  assert.deepEqual([...m.keys()], [join(dir, 'thesis.txt'), join(dir, 'sub', 'ch.txt')]);
  assert.deepEqual(m.get(join(dir, 'thesis.txt')), ITEM);
});

test('a folder without corpus.json has no manifest (null)', () => {
  const dir = tempDir();
  assert.equal(loadManifest(dir), null);
  assert.equal(findManifestFor(join(dir, 'a.txt')), null);
});

test('malformed JSON is E_MANIFEST naming the line and column of the error', () => {
  const dir = corpus('[\n  {\n    "file": "a.txt",\n    "id": "a",\n  }\n]\n');
  const e = throwsK(() => loadManifest(dir), 'E_MANIFEST', /not valid JSON: a trailing comma before "}" at line 5, column 3/);
  assert.equal(e.line, 5);
  assert.equal(e.file, join(dir, 'corpus.json'));
});

test('an unclosed string in the manifest is E_MANIFEST at the line where it opens', () => {
  const dir = corpus('[\n  { "file": "a.txt",\n    "id": "a\n  }\n]');
  const e = throwsK(() => loadManifest(dir), 'E_MANIFEST', /line break or control character inside a string \(strings must close on the same line\) at line 3, column 13/);
  assert.equal(e.line, 3);
});

test('a manifest that is not an array is E_MANIFEST', () => {
  const dir = corpus({ file: 'a.txt', id: 'a' });
  throwsK(() => loadManifest(dir), 'E_MANIFEST', /must be a JSON array of CSL-JSON items.*found an object/);
});

test('an item without "file" is E_MANIFEST naming the item and its line', () => {
  const dir = corpus('[\n  { "file": "a.txt", "id": "a" },\n\n  { "id": "orphan", "type": "manuscript" }\n]\n');
  const e = throwsK(() => loadManifest(dir), 'E_MANIFEST', /item 2 \(line 4\): has no "file"/);
  assert.equal(e.line, 4);
});

test('an item without "id" is E_MANIFEST', () => {
  const dir = corpus([{ file: 'a.txt', type: 'manuscript' }]);
  throwsK(() => loadManifest(dir), 'E_MANIFEST', /item 1 \(line 2\): \("a.txt"\) has no "id"/);
});

test('an item whose kind is not a document kind is E_MANIFEST listing the kinds', () => {
  const dir = corpus([{ file: 'a.txt', id: 'a', type: 'book', kind: 'novel' }]);
  throwsK(() => loadManifest(dir), 'E_MANIFEST', /"kind": "novel", which is not one of thesis, article, review/);
});

test('two items with the same id are E_MANIFEST', () => {
  const dir = corpus([ITEM, { ...ITEM, file: 'other.txt' }]);
  throwsK(() => loadManifest(dir), 'E_MANIFEST', /item 2 .*repeats the id "whitewood2012" of item 1/);
});

test('findManifestFor finds the item of a file in its own folder', () => {
  const dir = corpus([ITEM], { 'thesis.txt': 'text' });
  assert.deepEqual(findManifestFor(join(dir, 'thesis.txt')), ITEM);
  assert.equal(findManifestFor(join(dir, 'unlisted.txt')), null);
});

test('documentMeta from a manifest item: authors as "Given Family", year from issued, kind from type', () => {
  const dir = corpus(
    [
      ITEM,
      {
        file: 'ch.txt',
        id: 'ch1',
        type: 'chapter',
        title: 'A Chapter',
        author: [{ family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' }, { literal: 'Memorial Society' }],
        issued: { 'date-parts': [['1990']] },
      },
    ],
    { 'thesis.txt': 'Some text.\n', 'ch.txt': 'Chapter text.\n' },
  );
  const src = readSource(join(dir, 'thesis.txt'));
  const meta = documentMeta(src, src.text, findManifestFor(src.path));
  assert.equal(meta.id, 'whitewood2012');
  assert.equal(meta.title, 'The Red Army and the Terror');
  assert.deepEqual(meta.authors, ['Peter James Whitewood']);
  assert.equal(meta.year, 2012);
  assert.equal(meta.kind, 'thesis');
  assert.equal(meta.metadataSource, 'manifest');
  assert.equal(meta.chars, src.text.length);
  assert.equal(meta.sha256, src.sha256);
  assert.deepEqual(meta.csl, ITEM);

  const ch = readSource(join(dir, 'ch.txt'));
  const chMeta = documentMeta(ch, ch.text, findManifestFor(ch.path));
  assert.equal(chMeta.kind, 'book-excerpt');
  assert.deepEqual(chMeta.authors, ['Vincent van Gogh', 'Memorial Society']);
  assert.equal(chMeta.year, 1990);
});

test('a manifest "kind" wins over the kind its CSL type implies', () => {
  const dir = corpus([{ file: 'r.txt', id: 'r', type: 'manuscript', kind: 'review' }], { 'r.txt': 'A review.\n' });
  const src = readSource(join(dir, 'r.txt'));
  assert.equal(documentMeta(src, src.text, findManifestFor(src.path)).kind, 'review');
});

test('documentMeta without a manifest infers title, authors, year and kind from the first lines', () => {
  const text =
    'Microsoft Word - final version.doc\n\nStalin and His Generals\nJOHN SMITH\n\n' +
    'A thesis submitted for the degree of Doctor of Philosophy\nSubmitted March 2001\n\n' +
    'In 1937 the purge began. It spread through the army quickly and without mercy, and nobody knew where it would end.\n';
  const dir = corpus([], { 'Smith Thesis (final).txt': text });
  const src = readSource(join(dir, 'Smith Thesis (final).txt'));
  const meta = documentMeta(src, src.text, null);
  assert.equal(meta.id, 'smith-thesis-final');
  assert.equal(meta.title, 'Stalin and His Generals');
  assert.deepEqual(meta.authors, ['John Smith']);
  assert.equal(meta.year, 2001);
  assert.equal(meta.kind, 'thesis');
  assert.equal(meta.metadataSource, 'inferred');
  assert.deepEqual(meta.csl, {
    id: 'smith-thesis-final',
    type: 'thesis',
    kind: 'thesis',
    title: 'Stalin and His Generals',
    author: [{ given: 'John', family: 'Smith' }],
    issued: { 'date-parts': [[2001]] },
  });
});

test('a text without a title-like line takes its file name as title and has no year from its prose', () => {
  const text =
    'The military purge began in May 1937 with the arrest of Marshal M. N. Tukhachevsky and seven other Soviet generals, who were accused of a fascist plot.\n' +
    'In the 1920s White émigré circles fantasised about Tukhachevsky as a Red Napoleon, and in 1927 the police warned Stalin of a coup.\n';
  const dir = corpus([], { 'excerpt_04.txt': text });
  const src = readSource(join(dir, 'excerpt_04.txt'));
  const meta = documentMeta(src, src.text, null);
  assert.equal(meta.title, 'excerpt_04');
  assert.equal(meta.year, null);
  assert.deepEqual(meta.authors, []);
  assert.equal(meta.kind, 'other');
  assert.equal((meta.csl as { type: string }).type, 'manuscript');
});

test('inference reads the thesis 001 in ../shared: title, author, year, kind (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const src = readSource(join(shared, 'corpus', '001_c4ac7dda3f8e1784.txt'));
  const meta = documentMeta(src, src.text, null);
  assert.equal(meta.title, 'The Red Army and the Terror');
  assert.deepEqual(meta.authors, ['Peter James Whitewood']);
  assert.equal(meta.year, 2012);
  assert.equal(meta.kind, 'thesis');
  assert.equal(meta.id, '001-c4ac7dda3f8e1784');
});

test('inference reads the article 000 in ../shared past its repository cover page (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const src = readSource(join(shared, 'corpus', '000_535945941eb00f87.txt'));
  const meta = documentMeta(src, src.text, null);
  assert.equal(meta.title, 'The Purge of the Red Army and the Soviet Mass Operations, 1937–38');
  assert.deepEqual(meta.authors, ['Peter Whitewood']);
  assert.equal(meta.year, 2015);
});

test('the corpus.json of ../shared loads, one item per text (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const dir = join(shared, 'corpus');
  const m = loadManifest(dir);
  assert.ok(m);
  assert.equal(m.size, 5);
  const item = findManifestFor(join(dir, '001_c4ac7dda3f8e1784.txt'));
  assert.equal(item?.id, 'whitewood2012');
});

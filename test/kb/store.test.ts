import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { KartotekaError } from '../../src/core/errors.js';
import { openStore } from '../../src/kb/store.js';
import { extraction, spanOf, tempDir } from './helpers.js';

const TEXT = 'První odstavec o Benešovi.\n\nDruhý odstavec.\n';
const paras = [[spanOf(TEXT, 'První odstavec o Benešovi.')], [spanOf(TEXT, 'Druhý odstavec.')]];

test('putExtraction adds, then reports unchanged for the same sha256, then replaces', () => {
  const store = openStore(':memory:');
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: paras });
  assert.equal(store.putExtraction(x, TEXT), 'added');
  const first = store.documents()[0]!.ingestedAt;
  assert.equal(store.putExtraction(x, TEXT), 'unchanged');
  assert.equal(store.documents()[0]!.ingestedAt, first);

  const text2 = 'Nový text.';
  assert.equal(store.putExtraction(extraction({ id: 'doc', text: text2 }), text2), 'replaced');
  assert.equal(store.text('doc'), text2);
  assert.equal(store.layer('doc', 'paragraphs').length, 1);
  assert.equal(store.stats().documents, 1);
  store.close();
});

test('the same text read by a pipeline with another set of layers (a newer Kartoteka) is replaced, not kept', () => {
  const store = openStore(':memory:');
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: paras });
  const { quotes: _q, ...older } = x;
  assert.equal(store.putExtraction(older as typeof x, TEXT), 'added');
  assert.equal(store.putExtraction(x, TEXT), 'replaced');
  assert.equal(store.putExtraction(x, TEXT), 'unchanged');
  assert.deepEqual(store.layer('doc', 'quotes'), []);
  store.close();
});

test('a replaced document is no longer found by its old words', () => {
  const store = openStore(':memory:');
  store.putExtraction(extraction({ id: 'doc', text: TEXT, paragraphs: paras }), TEXT);
  assert.equal(store.search('odstavec').length, 2);
  const text2 = 'Nový text.';
  store.putExtraction(extraction({ id: 'doc', text: text2 }), text2);
  assert.deepEqual(store.search('odstavec'), []);
  assert.equal(store.search('novy').length, 1);
  store.close();
});

test('a put that fails half-way leaves the previous version intact', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'kb.db');
    const store = openStore(path);
    const x = extraction({ id: 'doc', text: TEXT, paragraphs: paras });
    store.putExtraction(x, TEXT);
    const before = { docs: store.documents(), layers: store.stats().layers };

    const text2 = 'Zcela jiný text.';
    const bad = extraction({ id: 'doc', text: text2 });
    // The last layer holds a record JSON cannot serialise: the failure comes
    // after the old version was deleted and the new rows were written.
    bad.diagnostics.push({ rule: 'test:bad', severity: 'info', message: 'x', start: 0, big: 1n } as never);
    assert.throws(() => store.putExtraction(bad, text2), TypeError);

    assert.deepEqual(store.documents(), before.docs);
    assert.deepEqual(store.stats().layers, before.layers);
    assert.equal(store.text('doc'), TEXT);
    assert.deepEqual(store.layer('doc', 'paragraphs'), x.paragraphs);
    assert.equal(store.search('odstavec').length, 2);
    assert.deepEqual(store.search('jiny'), []);
    store.close();

    // And it was really rolled back on disk.
    const again = openStore(path);
    assert.equal(again.text('doc'), TEXT);
    again.close();
  } finally {
    cleanup();
  }
});

test('a put with a span outside the text writes nothing', () => {
  const store = openStore(':memory:');
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: [[{ start: 0, end: TEXT.length + 5 }]] });
  assert.throws(() => store.putExtraction(x, TEXT), RangeError);
  assert.equal(store.stats().documents, 0);
  store.close();
});

test('layers round-trip in their original order, including layers added later', () => {
  const store = openStore(':memory:');
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: paras, notes: [{ label: '1', spans: [spanOf(TEXT, 'Druhý')] }] });
  x.sections.push({ start: 0, end: 26, line: 1, title: 'První', level: 1, heading: { start: 0, end: 5, line: 1 } });
  x.diagnostics.push({ rule: 'notes:marker-missing', severity: 'warning', message: 'no marker', start: 28 });
  x.diagnostics.push({ rule: 'doc:whole', severity: 'info', message: 'no position' });
  const citations = [{ raw: 'b', spans: [{ start: 28, end: 33, line: 3 }] }, { raw: 'a', start: 0, end: 5, line: 1 }];
  (x as unknown as Record<string, unknown>).citations = citations;
  store.putExtraction(x, TEXT);

  for (const name of ['sections', 'paragraphs', 'sentences', 'notes', 'markers', 'diagnostics'] as const) {
    assert.deepEqual(store.layer('doc', name), x[name], name);
  }
  assert.deepEqual(store.layer('doc', 'citations' as never), citations);
  assert.deepEqual(store.documents()[0]!.counts, {
    sections: 1,
    paragraphs: 2,
    sentences: 2,
    notes: 1,
    markers: 0,
    diagnostics: 2,
    citations: 2,
    commentary: 0,
    works: 0,
    bibliography: 0,
    entities: 0,
    mentions: 0,
    ambiguousMentions: 0,
    unknownNames: 0,
    dates: 0,
    events: 0,
    figures: 0,
    quotes: 0,
    claims: 0,
  });
  assert.deepEqual(store.stats(), {
    documents: 1,
    chars: TEXT.length,
    layers: { sections: 1, paragraphs: 2, sentences: 2, notes: 1, markers: 0, diagnostics: 2, citations: 2, commentary: 0, works: 0, bibliography: 0, entities: 0, mentions: 0, ambiguousMentions: 0, unknownNames: 0, dates: 0, events: 0, figures: 0, quotes: 0, claims: 0 },
  });
  store.close();
});

test('document(ref) finds by id, path, id prefix and file-name prefix', () => {
  const store = openStore(':memory:');
  store.putExtraction(extraction({ id: 'benes-1938', text: 'a', path: 'corpus/Benes_Pameti.txt' }), 'a');
  store.putExtraction(extraction({ id: 'benes-1945', text: 'b', path: 'corpus/Benes_Dekrety.txt' }), 'b');
  store.putExtraction(extraction({ id: 'masaryk', text: 'c', path: 'corpus/TGM.txt' }), 'c');

  assert.equal(store.document('masaryk')?.id, 'masaryk');
  assert.equal(store.document('corpus/TGM.txt')?.id, 'masaryk');
  assert.equal(store.document('./corpus/TGM.txt')?.id, 'masaryk');
  assert.equal(store.document('benes-193')?.id, 'benes-1938');
  assert.equal(store.document('benes_d')?.id, 'benes-1945');
  assert.equal(store.document('tgm.txt')?.id, 'masaryk');
  assert.equal(store.document('nothing'), null);
  assert.throws(
    () => store.document('benes'),
    (e: unknown) => e instanceof KartotekaError && e.code === 'E_NO_DOCUMENT' && /benes-1938, benes-1945/u.test(e.message),
  );
  store.close();
});

test('text, layer and search of an unknown document throw E_NO_DOCUMENT', () => {
  const store = openStore(':memory:');
  const isNoDoc = (e: unknown): boolean => e instanceof KartotekaError && e.code === 'E_NO_DOCUMENT';
  assert.throws(() => store.text('x'), isNoDoc);
  assert.throws(() => store.layer('x', 'notes'), isNoDoc);
  assert.throws(() => store.search('a', { document: 'x' }), isNoDoc);
  store.close();
});

test('deleteDocument removes the document, its layers and its passages', () => {
  const store = openStore(':memory:');
  store.putExtraction(extraction({ id: 'doc', text: TEXT, paragraphs: paras }), TEXT);
  store.putExtraction(extraction({ id: 'other', text: 'odstavec' }), 'odstavec');
  assert.equal(store.deleteDocument('doc'), true);
  assert.equal(store.deleteDocument('doc'), false);
  assert.equal(store.document('doc'), null);
  assert.deepEqual(store.search('odstavec').map((h) => h.document), ['other']);
  assert.deepEqual(store.stats().documents, 1);
  store.close();
});

test('a text whose length disagrees with document.chars is refused', () => {
  const store = openStore(':memory:');
  assert.throws(() => store.putExtraction(extraction({ id: 'doc', text: TEXT }), TEXT + 'x'), RangeError);
  store.close();
});

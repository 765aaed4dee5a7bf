import assert from 'node:assert/strict';
import { KartotekaError } from '../../src/core/errors.js';
import { openStore } from '../../src/kb/store.js';
import { storeTest } from './backends.js';
import { extraction, spanOf } from './helpers.js';

const TEXT = 'První odstavec o Benešovi.\n\nDruhý odstavec.\n';
const paras = [[spanOf(TEXT, 'První odstavec o Benešovi.')], [spanOf(TEXT, 'Druhý odstavec.')]];

storeTest('putExtraction adds, then reports unchanged for the same sha256, then replaces', (b) => {
  const store = b.open();
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

storeTest('the same text read by a pipeline with another set of layers (a newer Kartoteka) is replaced, not kept', (b) => {
  const store = b.open();
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: paras });
  const { quotes: _q, ...older } = x;
  assert.equal(store.putExtraction(older as typeof x, TEXT), 'added');
  assert.equal(store.putExtraction(x, TEXT), 'replaced');
  assert.equal(store.putExtraction(x, TEXT), 'unchanged');
  assert.deepEqual(store.layer('doc', 'quotes'), []);
  store.close();
});

storeTest('a replaced document is no longer found by its old words', (b) => {
  const store = b.open();
  store.putExtraction(extraction({ id: 'doc', text: TEXT, paragraphs: paras }), TEXT);
  assert.equal(store.search('odstavec').length, 2);
  const text2 = 'Nový text.';
  store.putExtraction(extraction({ id: 'doc', text: text2 }), text2);
  assert.deepEqual(store.search('odstavec'), []);
  assert.equal(store.search('novy').length, 1);
  store.close();
});

storeTest('a put that fails half-way leaves the previous version intact', async (b) => {
  const path = b.location();
  const store = openStore(path);
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: paras });
  store.putExtraction(x, TEXT);
  const before = { docs: store.documents(), layers: store.stats().layers };
  await b.refuseNote(path, 'boom');

  // The database refuses the last rows written (a note's passage): the
  // failure comes after the old version was deleted and the new rows were written.
  const text2 = 'Zcela jiný text.';
  const bad = extraction({ id: 'doc', text: text2, notes: [{ label: 'boom', spans: [spanOf(text2, 'text')] }] });
  assert.throws(() => store.putExtraction(bad, text2), /refused/u);

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
});

storeTest('a record that cannot be serialised is refused before anything is written', (b) => {
  const store = b.open();
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: paras });
  store.putExtraction(x, TEXT);
  const bad = extraction({ id: 'doc', text: 'Jiný.' });
  bad.diagnostics.push({ rule: 'test:bad', severity: 'info', message: 'x', start: 0, big: 1n } as never);
  assert.throws(() => store.putExtraction(bad, 'Jiný.'), TypeError);
  assert.equal(store.text('doc'), TEXT);
});

storeTest('a put with a span outside the text writes nothing', (b) => {
  const store = b.open();
  const x = extraction({ id: 'doc', text: TEXT, paragraphs: [[{ start: 0, end: TEXT.length + 5 }]] });
  assert.throws(() => store.putExtraction(x, TEXT), RangeError);
  assert.equal(store.stats().documents, 0);
  store.close();
});

storeTest('layers round-trip in their original order, including layers added later', (b) => {
  const store = b.open();
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

storeTest('document(ref) finds by id, path, id prefix and file-name prefix', (b) => {
  const store = b.open();
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

storeTest('text, layer and search of an unknown document throw E_NO_DOCUMENT', (b) => {
  const store = b.open();
  const isNoDoc = (e: unknown): boolean => e instanceof KartotekaError && e.code === 'E_NO_DOCUMENT';
  assert.throws(() => store.text('x'), isNoDoc);
  assert.throws(() => store.layer('x', 'notes'), isNoDoc);
  assert.throws(() => store.search('a', { document: 'x' }), isNoDoc);
  store.close();
});

storeTest('deleteDocument removes the document, its layers and its passages', (b) => {
  const store = b.open();
  store.putExtraction(extraction({ id: 'doc', text: TEXT, paragraphs: paras }), TEXT);
  store.putExtraction(extraction({ id: 'other', text: 'odstavec' }), 'odstavec');
  assert.equal(store.deleteDocument('doc'), true);
  assert.equal(store.deleteDocument('doc'), false);
  assert.equal(store.document('doc'), null);
  assert.deepEqual(store.search('odstavec').map((h) => h.document), ['other']);
  assert.deepEqual(store.stats().documents, 1);
  store.close();
});

storeTest('a text whose length disagrees with document.chars is refused', (b) => {
  const store = b.open();
  assert.throws(() => store.putExtraction(extraction({ id: 'doc', text: TEXT }), TEXT + 'x'), RangeError);
  store.close();
});

/** Kinds of source read off a citation's fields, the authority file and data/works.json. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSourceKind, sourceKind } from '../../src/cite/kinds.js';

const k = (w: Parameters<typeof sourceKind>[0]) => sourceKind(w).kind;

test('the CSL type decides when nothing else does', () => {
  assert.equal(k({ type: 'book', author: [{ family: 'Nobody', given: 'A.' }], title: 'A History of Something' }), 'monograph');
  assert.equal(k({ type: 'article-journal', author: [{ family: 'Nobody' }], title: 'On Something', 'container-title': 'Slavic Review' }), 'article');
  assert.equal(k({ type: 'thesis', title: 'The Red Army and the Terror' }), 'thesis');
  assert.equal(k({ type: 'article-newspaper', title: 'Delo', 'container-title': 'Pravda' }), 'press');
});

test('archival coordinates make an archival file', () => {
  assert.equal(k({ type: 'manuscript', archival: { archive: 'RGVA', fond: '4' } }), 'archival-file');
});

test('documents printed in a journal are a document collection, not an article', () => {
  assert.equal(k({ type: 'article-journal', title: "Materialy fevral'sko-martovskogo plenuma", 'container-title': 'Voprosy istorii' }), 'document-collection');
  assert.equal(k({ type: 'article-journal', title: 'O tak nazyvaemom dele', 'container-title': 'Izvestiia TsK KPSS' }), 'document-collection');
  assert.equal(k({ type: 'collection', editor: [{ family: 'Khaustov' }], title: 'Lubianka: Stalin i NKVD' }), 'document-collection');
});

test('a historian writing about documents or diaries writes scholarship', () => {
  assert.equal(k({ type: 'book', author: [{ family: 'Junge', given: 'Marc' }], title: "Kak terror stal bol'shim: sekretnyi prikaz 00447" }), 'monograph');
  assert.equal(k({ type: 'book', author: [{ family: 'Hellbeck', given: 'Jochen' }], title: 'Revolution on My Mind: Writing a Diary under Stalin' }), 'monograph');
});

test('a participant or memoirist writes testimony; a correspondent of the time writes reportage', () => {
  assert.equal(k({ type: 'book', author: [{ family: 'Sudoplatov', given: 'Pavel' }], title: 'Special Tasks' }), 'memoir');
  assert.equal(k({ type: 'book', author: [{ family: 'Tokaev' }], title: 'Comrade X' }), 'memoir');
  assert.equal(k({ type: 'book', author: [{ family: 'Voroshilov' }], title: 'Stati i rechi' }), 'speech');
  assert.equal(k({ type: 'book', author: [{ family: 'Duranty', given: 'Walter' }], title: 'The Kremlin and the People', issued: '1941' }), 'press');
  assert.equal(k({ type: 'book', author: [{ family: 'Tabouis' }], title: 'They Called Me Cassandra' }), 'memoir');
});

test('the curated works decide what no citation shows, and can be switched off to measure the rules', () => {
  const martens = { type: 'book', author: [{ family: 'Martens', given: 'Ludo' }], title: 'Another View of Stalin' };
  assert.deepEqual(sourceKind(martens), { kind: 'partisan-compilation', by: 'curated' });
  assert.equal(sourceKind(martens, { curated: false }).kind, 'monograph');
});

test("a document's kind of source comes from its manifest kind and description", () => {
  assert.equal(documentSourceKind('thesis', {}), 'thesis');
  assert.equal(documentSourceKind('review', {}), 'article');
  assert.equal(documentSourceKind('compilation', { note: 'A partisan compilation of quotations' }), 'partisan-compilation');
  assert.equal(documentSourceKind('compilation', { note: 'Documents of the plenum' }), 'document-collection');
  assert.equal(documentSourceKind('book-excerpt', {}), 'monograph');
});

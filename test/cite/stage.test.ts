import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { citeNoteTexts } from '../../src/cite/stage.js';
import { taggedWork } from '../../src/cite/tagger.js';
import { extractFile } from '../../src/extract.js';
import { ROOT } from '../support.js';

const notes = (...texts: string[]) => texts.map((text, i) => ({ label: String(i + 1), text }));

test('Ibid. and short forms resolve to the full citation, and share its work', () => {
  const r = citeNoteTexts('d', notes(
    'Erich Wollenberg, The Red Army (London: Secker & Warburg, 1938), p. 12.',
    'Ibid., p. 14.',
    'John Erickson, The Soviet High Command (London: Macmillan, 1962), p. 3.',
    'Wollenberg, p. 224; Erickson, The Soviet High Command, p. 465.',
  ));
  const [full, ibid, erickson, short1, short2] = r.citations;
  assert.deepEqual(r.citations.map((c) => c.resolution), ['full', 'ibid', 'full', 'short', 'short']);
  assert.equal(ibid!.target, full!.id);
  assert.equal(short1!.target, full!.id);
  assert.equal(short2!.target, erickson!.id);
  assert.equal(short1!.work, full!.work);
  assert.equal(ibid!.locator?.value, '14');
  assert.equal(r.works.length, 2);
});

test('a short form that names no earlier work, or two, stays unresolved with a positioned diagnostic', () => {
  const r = citeNoteTexts('d', notes(
    'Robert Conquest, The Great Terror (London: Macmillan, 1968); Robert Conquest, Stalin: Breaker of Nations (London: Weidenfeld, 1991).',
    'Conquest, p. 193.',
    'Ulam, p. 457.',
  ));
  const conquest = r.citations.find((c) => c.raw.startsWith('Conquest, p.'))!;
  const ulam = r.citations.find((c) => c.raw.startsWith('Ulam'))!;
  assert.equal(conquest.resolution, 'unresolved');
  assert.equal(conquest.target, null);
  assert.equal(ulam.resolution, 'unresolved');
  const d = r.diagnostics.filter((x) => x.rule === 'cite:unresolved');
  assert.equal(d.length, 2);
  assert.match(d[0]!.message, /could be 2 works/);
  assert.equal(r.text.slice(d[1]!.start!, d[1]!.end!), 'Ulam, p. 457.');
});

test('an archival chain and an archival Ibid. inherit what they leave out', () => {
  const r = citeNoteTexts('d', notes('RGVA, f. 4, op. 14, d. 70, l. 1; d. 74, l. 5.', 'Ibid., l. 50.', 'See d. 81, l. 2.'));
  assert.deepEqual(
    r.citations.map((c) => [c.archival?.archive, c.archival?.fond, c.archival?.opis, c.archival?.delo, c.archival?.list]),
    [
      ['RGVA', '4', '14', '70', '1'],
      ['RGVA', '4', '14', '74', '5'],
      ['RGVA', '4', '14', '74', '50'],
      ['RGVA', '4', '14', '81', '2'],
    ],
  );
  assert.equal(r.citations[2]!.resolution, 'ibid');
  // One work per archival file; the sheet is the locator.
  assert.equal(new Set(r.citations.map((c) => c.work)).size, 3);
  assert.equal(r.citations[0]!.locator?.label, 'list');
});

test('citations carry offsets into the original text', () => {
  const r = citeNoteTexts('d', notes('See RGVA, f. 4, op. 14, d. 70; 74.'));
  assert.deepEqual(r.citations.map((c) => r.text.slice(c.start, c.end)), ['RGVA, f. 4, op. 14, d. 70', '74']);
  assert.deepEqual(r.citations.map((c) => c.signal), ['see', 'see']);
});

test('the bibliography is parsed and reconciled: a year that disagrees is reported', () => {
  const r = citeNoteTexts(
    'd',
    notes('Robert Conquest, The Great Terror: Stalins Purge of the Thirties (London: Macmillan, 1968), p. 5.'),
    'Conquest, Robert, The Great Terror: Stalins Purge of the Thirties (London: Macmillan, 1973)\nWollenberg, Erich, The Red Army (London: Secker & Warburg, 1938)',
  );
  assert.equal(r.bibliography.length, 2);
  assert.ok(r.diagnostics.some((d) => d.rule === 'cite:bibliography-mismatch' && /1968.*1973/.test(d.message)), JSON.stringify(r.diagnostics));
  // A work listed only in the bibliography is still a work of the document.
  assert.ok(r.works.some((w) => w.title === 'The Red Army'));
});

test('TNA KV 2/404 in the notes against KV 2/2404 in the bibliography is reported', () => {
  const r = citeNoteTexts('d', notes('See TNA: PRO: KV 2/404: 52a.'), 'National Archives\nTNA: PRO: KV 2/2404: Witovt PUTNA');
  assert.ok(r.diagnostics.some((d) => d.rule === 'cite:bibliography-mismatch' && /KV 2\/404.*KV 2\/2404/.test(d.message)), JSON.stringify(r.diagnostics));
});

test('the same work cited by two documents is one work id', () => {
  const a = citeNoteTexts('a', notes('Robert Conquest, The Great Terror: Stalins Purge of the Thirties (London: Macmillan, 1968), p. 5.'));
  const b = citeNoteTexts('b', notes("Robert Conquest, *The Great Terror: Stalin's Purge of the Thirties*, London, 1968."));
  assert.equal(a.works[0]!.id, b.works[0]!.id);
  const c = citeNoteTexts('c', notes('RGVA, f. 4, op. 14, d. 70, l. 1.'));
  const d = citeNoteTexts('d', notes('RGVA, f. 4, op. 14, d. 70, ll. 5-6.'));
  assert.equal(c.works[0]!.id, d.works[0]!.id);
  assert.equal(c.works[0]!.archive_location, 'f. 4, op. 14, d. 70');
});

test('a reference that parses as nothing is kept, unparsed, with a diagnostic', () => {
  const r = citeNoteTexts('d', notes('See (London: , 1968), p. 4.'));
  assert.equal(r.citations.length, 1);
  assert.equal(r.citations[0]!.kind, 'unparsed');
  assert.ok(r.diagnostics.some((d) => d.rule === 'cite:unparsed' && d.start === r.citations[0]!.start));
});

test('the shipped examples: every note of the army-purge article cited, Ibid. l. 50 resolved to RGVA f. 4, op. 18, d. 53', () => {
  const { extraction: x } = extractFile(join(ROOT, 'examples', 'corpus', 'army-purge-article.txt'));
  const ibid = x.citations.find((c) => c.kind === 'ibid')!;
  assert.deepEqual(ibid.archival, { archive: 'RGVA', fond: '4', opis: '18', delo: '53', list: '50' });
  assert.equal(ibid.resolution, 'ibid');
  const unresolved = x.citations.filter((c) => c.resolution === 'unresolved').map((c) => c.raw);
  assert.deepEqual(unresolved.filter((r) => !/^Whitewood|^Erickson/.test(r)), []);
});

test('a reference in another discipline\'s style is read into CSL fields by the field tagger', () => {
  const f = taggedWork('Smith, J. A. and Jones, K. (2003). Counting the purged officers. Journal of Military Statistics 12, 44-59.');
  assert.deepEqual(f, {
    type: 'article-journal',
    author: [{ family: 'Smith', given: 'J. A.' }, { family: 'Jones', given: 'K' }],
    issued: '2003',
    title: 'Counting the purged officers',
    'container-title': 'Journal of Military Statistics',
    volume: '12',
    page: '44-59',
  });
  assert.equal(taggedWork('12, 13'), null, 'no title, no work');
});

test('volumes of one multi-volume set published in different years are not a disagreement', () => {
  const r = citeNoteTexts('d', notes(
    'Russkaia voennaia emigratsiia: dokumenty i materialy, ed. by V. A. Zolotarev, 5 vols (Moscow: Geia, 1998), I, p. 5.',
    'Russkaia voennaia emigratsiia: dokumenty i materialy, ed. by V. A. Zolotarev, 5 vols (Moscow: Triada-f, 2002), III, p. 7.',
  ));
  assert.deepEqual(r.diagnostics.filter((d) => d.rule === 'cite:year-mismatch'), []);
  assert.equal(new Set(r.citations.map((c) => c.work)).size, 1);
});

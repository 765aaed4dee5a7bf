/**
 * The export writers on hand-made works: valid CSL-JSON without Kartoteka's
 * own keys, BibTeX entry types, unique keys and escaping, RIS tags.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Work } from '../../src/cite/works.js';
import {
  baseKey,
  bibEscape,
  citationKeys,
  exportWorks,
  formatBibtex,
  formatCslJson,
  formatRis,
  isExportFormat,
  keyPart,
  pageRange,
  toCslItem,
  workLine,
} from '../../src/export/formats.js';

const REESE: Work = {
  id: 'wc4bd700fe0e4',
  type: 'article-journal',
  author: [{ family: 'Reese', given: 'Roger' }],
  title: 'The Impact of the Great Purge on the Red Army: Wrestling with Hard Numbers',
  'container-title': 'The Soviet and Post-Soviet Review',
  volume: '19',
  issue: '1-3',
  page: '71-90',
  issued: { 'date-parts': [[1992]] },
};
const FILE: Work = {
  id: 'w0000000000aa',
  type: 'manuscript',
  archive: 'RGVA',
  archive_location: 'f. 4, op. 14, d. 70',
  archival: { archive: 'RGVA', fond: '4', opis: '14', delo: '70' },
  title: 'RGVA, f. 4, op. 14, d. 70',
};
const TNA: Work = {
  id: 'w0000000000ab',
  type: 'manuscript',
  archive: 'TNA',
  archive_location: 'KV 2/404',
  archival: { archive: 'TNA', series: 'KV 2', delo: '404' },
  title: 'TNA, KV 2/404',
};
const CHAPTER: Work = {
  id: 'w0000000000ac',
  type: 'chapter',
  author: [{ family: 'Petrov', given: 'Nikita' }, { family: 'Roginskii', given: 'Arsenii' }],
  editor: [{ family: 'McLoughlin', given: 'Barry' }, { family: 'McDermott', given: 'Kevin' }],
  title: 'The “Polish Operation” of the NKVD, 1937–8',
  'container-title': 'Stalin’s Terror: High Politics and Mass Repression in the Soviet Union',
  page: '153–72',
  'publisher-place': 'Basingstoke',
  issued: { 'date-parts': [[2003]] },
};
const NEWS: Work = {
  id: 'w0000000000ad',
  type: 'article-newspaper',
  title: 'Many Doubts Rise in Russia on Guilt of Eight Generals',
  'container-title': 'The New York Times',
  issued: { 'date-parts': [[1937, 6, 26]] },
};
const THESIS: Work = {
  id: 'w0000000000ae',
  type: 'thesis',
  author: [{ family: 'Whitewood', given: 'Peter' }],
  title: 'The Purge of the Red Army',
  publisher: 'University of Glasgow',
  issued: { 'date-parts': [[2012]] },
};
const BOOK_ED: Work = {
  id: 'w0000000000af',
  type: 'book',
  editor: [{ family: 'Ilič', given: 'Melanie' }],
  title: 'Stalin’s Terror Revisited',
  publisher: 'Eyre and Spottiswoode',
  'publisher-place': 'Basingstoke',
  issued: { 'date-parts': [[2006]] },
};
const SPEECH: Work = { id: 'w0000000000b0', type: 'speech', title: 'Speech at the Military Council', issued: { 'date-parts': [[1937]] } };

test('isExportFormat knows csl-json, bibtex and ris and nothing else', () => {
  assert.ok(isExportFormat('csl-json') && isExportFormat('bibtex') && isExportFormat('ris'));
  assert.ok(!isExportFormat('BibTeX') && !isExportFormat('endnote') && !isExportFormat(''));
});

test('CSL-JSON: Kartoteka\'s archival key is left out, the file is in archive and archive_location', () => {
  const item = toCslItem(FILE);
  assert.deepEqual(item, { id: FILE.id, type: 'manuscript', archive: 'RGVA', archive_location: 'f. 4, op. 14, d. 70', title: 'RGVA, f. 4, op. 14, d. 70' });
  // Built from the archival coordinates when a work lacks the CSL fields.
  const bare = toCslItem({ id: 'x', type: 'manuscript', archival: { archive: 'RGASPI', fond: '17', opis: '162', delo: '21' } });
  assert.equal(bare.archive, 'RGASPI');
  assert.equal(bare.archive_location, 'f. 17, op. 162, d. 21');
  assert.ok(!('archival' in bare));
});

test('CSL-JSON: unknown keys and types are dropped or mapped, names and dates cleaned, the output is one JSON array', () => {
  const odd = { id: 'w1', type: 'nonsense', title: ' A title ', kartoteka: 1, author: [{ family: 'X' }, {}, 'junk'], issued: { 'date-parts': [['1990'], [1991]] } } as unknown as Work;
  const item = toCslItem(odd);
  assert.deepEqual(item, { id: 'w1', type: 'document', title: 'A title', author: [{ family: 'X' }], issued: { 'date-parts': [[1991]] } });
  const text = formatCslJson([REESE, FILE]);
  assert.ok(text.endsWith('\n'));
  const parsed = JSON.parse(text) as unknown[];
  assert.equal(parsed.length, 2);
  assert.equal(formatCslJson([]), '[]\n');
});

test('BibTeX entry types: @article, @unpublished, @incollection, @phdthesis, @book, @misc', () => {
  const bib = formatBibtex([REESE, FILE, CHAPTER, NEWS, THESIS, BOOK_ED, SPEECH]);
  const types = [...bib.matchAll(/^@(\w+)\{([^,]+),$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(types, [
    ['article', 'reese1992impact'],
    ['unpublished', 'rgva_f4_op14_d70'],
    ['incollection', 'petrov2003polish'],
    ['article', 'many1937doubts'],
    ['phdthesis', 'whitewood2012purge'],
    ['book', 'ilic2006stalin'],
    ['misc', 'speech1937military'],
  ]);
  assert.match(bib, /journal\s+= \{The Soviet and Post-Soviet Review\}/);
  assert.match(bib, /pages\s+= \{71--90\}/);
  assert.match(bib, /pages\s+= \{153--172\}/, 'an abbreviated last page is written in full');
  assert.match(bib, /booktitle\s+= \{Stalin’s Terror: High Politics/);
  assert.match(bib, /editor\s+= \{\{McLoughlin\}, Barry and \{McDermott\}, Kevin\}|editor\s+= \{McLoughlin, Barry and McDermott, Kevin\}/);
  assert.match(bib, /school\s+= \{University of Glasgow\}/);
  assert.match(bib, /month\s+= jun,/);
  assert.match(bib, /date\s+= \{1937-06-26\}/);
  // "and" inside a publisher is braced, so that biblatex reads one publisher.
  assert.match(bib, /publisher\s+= \{\{Eyre and Spottiswoode\}\}/);
  // Non-ASCII stays UTF-8.
  assert.match(bib, /editor\s+= \{Ilič, Melanie\}/);
  // Acronyms keep their capitals under a style's lower-casing.
  assert.match(bib, /title\s+= \{The “Polish Operation” of the \{NKVD\}, 1937–8\}/);
});

test('BibTeX: an archival file is @unpublished with the archive in howpublished and the whole place in note', () => {
  const bib = formatBibtex([FILE, TNA]);
  assert.match(bib, /@unpublished\{rgva_f4_op14_d70,\n/);
  assert.match(bib, /howpublished = \{Russian State Military Archive \(RGVA\)\}/);
  assert.match(bib, /note\s+= \{RGVA, f\. 4, op\. 14, d\. 70\}/);
  assert.match(bib, /@unpublished\{tna_kv2_d404,\n/);
  assert.match(bib, /note\s+= \{TNA, KV 2\/404\}/);
});

test('BibTeX escapes & % $ # _ { } ~ ^ \\ and leaves non-ASCII as UTF-8', () => {
  assert.equal(bibEscape('a & b % c $ d # e _ f { g } h ~ i ^ j \\ k'), 'a \\& b \\% c \\$ d \\# e \\_ f \\{ g \\} h \\textasciitilde{} i \\textasciicircum{} j \\textbackslash{} k');
  assert.equal(bibEscape('Тухачевский, Gábor, Ilič'), 'Тухачевский, Gábor, Ilič');
  // Control characters never reach the file; a field stays on one line.
  assert.equal(bibEscape('a\x1b[2Jb\nc\u202ed'), 'a [2Jb cd');
  const bib = formatBibtex([{ id: 'w', type: 'book', author: [{ family: 'O\'Brien & Sons', given: 'J_R' }, { family: 'Smith, Jr.', given: 'A' }], title: '100% {of} $5 #1' }]);
  assert.match(bib, /author = \{O'Brien \\& Sons, J\\_R and \{Smith, Jr\.\}, A\},/);
  assert.match(bib, /title {2}= \{100\\% \\\{of\\\} \\\$5 \\#1\},/);
  // Braces balance in every entry.
  let depth = 0;
  for (const c of bib.replace(/\\[{}]/g, '')) {
    if (c === '{') depth++;
    if (c === '}') depth--;
    assert.ok(depth >= 0);
  }
  assert.equal(depth, 0);
});

test('citation keys: family, year and first title word, ASCII only, unique with b, c, … appended', () => {
  assert.equal(baseKey(REESE), 'reese1992impact');
  assert.equal(keyPart('Ilič'), 'ilic');
  assert.equal(keyPart('Тухачевский'), 'tukhachevskii');
  assert.equal(baseKey({ id: 'x', type: 'book', title: 'Тайна гибели', issued: { 'date-parts': [[1990]] } }), 'taina1990gibeli');
  assert.equal(baseKey({ id: 'x', type: 'book' }), 'anon');
  const keys = citationKeys([REESE, { ...REESE, id: 'other' }, { ...REESE, id: 'third' }, FILE, { ...FILE, id: 'f2' }]);
  assert.deepEqual(keys, ['reese1992impact', 'reese1992impactb', 'reese1992impactc', 'rgva_f4_op14_d70', 'rgva_f4_op14_d70b']);
  assert.equal(new Set(citationKeys(Array.from({ length: 60 }, (_, i) => ({ ...REESE, id: `w${i}` })))).size, 60);
  for (const k of keys) assert.match(k, /^[a-z0-9_]+$/);
});

test('pageRange writes the last page in full', () => {
  assert.deepEqual(pageRange('1017–49'), ['1017', '1049']);
  assert.deepEqual(pageRange('71-90'), ['71', '90']);
  assert.deepEqual(pageRange('158--176'), ['158', '176']);
  assert.deepEqual(pageRange('12'), ['12', '']);
  assert.deepEqual(pageRange('12, 15'), ['12, 15', '']);
  assert.deepEqual(pageRange('98-9'), ['98', '99']);
});

test('RIS: TY/AU/TI/T2/PY/VL/IS/SP/EP/PB/CY/AV/ER, CRLF, one record per work', () => {
  const ris = formatRis([REESE, FILE, CHAPTER, BOOK_ED, NEWS]);
  assert.ok(!/[^\r]\n/.test(ris), 'every line ends in CRLF');
  const records = ris.split('ER  - \r\n').map((r) => r.replace(/^\r\n/, '')).filter((r) => r.trim());
  assert.equal(records.length, 5);
  const tags = (r: string) => r.split('\r\n').filter(Boolean).map((l) => l.slice(0, 6));
  for (const r of records) for (const l of r.split('\r\n').filter(Boolean)) assert.match(l, /^[A-Z][A-Z0-9] {2}- /);
  assert.deepEqual(tags(records[0]!), ['TY  - ', 'AU  - ', 'TI  - ', 'T2  - ', 'PY  - ', 'VL  - ', 'IS  - ', 'SP  - ', 'EP  - ', 'ID  - ']);
  assert.match(records[0]!, /^TY {2}- JOUR\r\nAU {2}- Reese, Roger\r\n/);
  assert.match(records[0]!, /SP {2}- 71\r\nEP {2}- 90\r\n/);
  assert.match(records[1]!, /^TY {2}- MANSCPT\r\n/);
  assert.match(records[1]!, /AV {2}- RGVA, f\. 4, op\. 14, d\. 70\r\n/);
  assert.match(records[2]!, /^TY {2}- CHAP\r\n/);
  assert.match(records[2]!, /A2 {2}- McLoughlin, Barry\r\n/);
  assert.match(records[2]!, /SP {2}- 153\r\nEP {2}- 172\r\n/);
  assert.match(records[3]!, /^TY {2}- EDBOOK\r\n/);
  assert.match(records[3]!, /PB {2}- Eyre and Spottiswoode\r\nCY {2}- Basingstoke\r\n/);
  assert.match(records[4]!, /^TY {2}- NEWS\r\n/);
  assert.match(records[4]!, /DA {2}- 1937\/06\/26\/\r\n/);
});

test('RIS keeps a hostile title on one line, without control characters', () => {
  const ris = formatRis([{ id: 'w', type: 'book', title: 'a\nTY  - JOUR\x1b[2J\u202e b' }]);
  assert.equal(ris, 'TY  - BOOK\r\nTI  - a TY - JOUR [2J b\r\nID  - w\r\nER  - \r\n');
});

test('exportWorks dispatches on the format; workLine reads as a reference', () => {
  assert.equal(exportWorks('csl-json', [REESE]), formatCslJson([REESE]));
  assert.equal(exportWorks('bibtex', [REESE]), formatBibtex([REESE]));
  assert.equal(exportWorks('ris', [REESE]), formatRis([REESE]));
  assert.equal(
    workLine(REESE),
    'Reese, Roger. The Impact of the Great Purge on the Red Army: Wrestling with Hard Numbers. In The Soviet and Post-Soviet Review. 19.1-3. 1992. pp. 71-90.',
  );
  assert.equal(workLine(FILE), 'RGVA, f. 4, op. 14, d. 70.');
  assert.equal(workLine(BOOK_ED), 'Ilič, Melanie (ed.). Stalin’s Terror Revisited. Basingstoke: Eyre and Spottiswoode, 2006.');
});

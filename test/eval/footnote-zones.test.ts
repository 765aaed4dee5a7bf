import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Extraction } from '../../src/core/types.js';
import {
  AUSSANT_ZONES,
  GERMAN_HISTORY_ZONES,
  alignLines,
  buildGold,
  evalFootnoteZones,
  noteStarts,
  rebuildRawText,
  scoreFootnoteZones,
  teiLines,
} from '../../eval/datasets/footnote-zones.js';
import { sharedDir } from '../support.js';

/** A made-up segmentation TEI: two pages, a running head joined to its page number in the raw text. */
const TEI = `<TEI><teiHeader><title>not text</title></teiHeader>
<text xml:lang="en">
  <body>The war began in <lb/>Europe.<!-- a comment --> 1 It spread &amp; grew. <lb/></body>
  <front>* Thanks to the &quot;archive&quot;. <lb/></front>
  <listBibl>1 See A. Author, Book (London, 1990). <lb/>continued here, p. 4. <lb/>2 Ibid., p. 5; see also the archive.</listBibl>
  <note place="headnote">Short Title</note>
  <page>12 <lb/></page>
  <body>More body text on page two. <lb/></body>
</text></TEI>`;

/** Its raw page text: blank lines, the head and page number on one line, a small OCR difference. */
const RAW = [
  'The war began in',
  'Europe. 1 It spread & grew.',
  '',
  '* Thanks to the "archive".',
  '1 See A. Author, Book (London, 1990).',
  '',
  'continued here, p. 4.',
  '2 lbid., p. 5; see also the archive.',
  'Short Title 12',
  'More body text on page two.',
];

test('teiLines splits the TEI <text> at <lb/> and element edges, decoding entities and naming zones', () => {
  const lines = teiLines(TEI);
  assert.deepEqual(
    lines.map((l) => [l.zone, l.text]),
    [
      ['body', 'The war began in'],
      ['body', 'Europe. 1 It spread & grew.'],
      ['front', '* Thanks to the "archive".'],
      ['listBibl', '1 See A. Author, Book (London, 1990).'],
      ['listBibl', 'continued here, p. 4.'],
      ['listBibl', '2 Ibid., p. 5; see also the archive.'],
      ['note[place=headnote]', 'Short Title'],
      ['page', '12'],
      ['body', 'More body text on page two.'],
    ],
  );
  assert.equal(lines[3]!.element, lines[5]!.element, 'lines of one element share its index');
  assert.notEqual(lines[0]!.element, lines[8]!.element);
});

test('alignLines maps TEI lines to raw lines across blank lines, joined lines and small differences', () => {
  const tei = teiLines(TEI);
  const map = alignLines(
    tei.map((t) => t.text),
    RAW,
  );
  // 0-based raw indices: blank lines 2 and 5 skipped; "2 Ibid." found fuzzily as "2 lbid."; head + page joined on 8.
  assert.deepEqual(map, [[0], [1], [3], [4], [6], [7], [8], [8], [9]]);
});

test('alignLines leaves a line it cannot find unmapped and finds a moved block anywhere', () => {
  const map = alignLines(['a line that is nowhere in the raw text', 'second block line here', 'first block line here'], ['first block line here', 'second block line here']);
  assert.deepEqual(map, [[], [1], [0]]);
});

/** The gold of the small TEI fixture, its lines aligned to RAW (1-based). */
function fixtureGold(): ReturnType<typeof buildGold> {
  const tei = teiLines(TEI);
  const map = alignLines(
    tei.map((t) => t.text),
    RAW,
  ).map((js) => js.map((j) => j + 1));
  return buildGold(tei, map, GERMAN_HISTORY_ZONES);
}

test('buildGold takes the footnote zones, leaves the "*" note out of the score and numbers the notes', () => {
  const gold = fixtureGold();
  assert.deepEqual([...gold.lines].sort((a, b) => a - b), [5, 7, 8]);
  assert.deepEqual([...gold.ignored], [4]);
  assert.deepEqual(gold.notes, [
    { label: '1', line: 5 },
    { label: '2', line: 8 },
  ]);
  assert.equal(gold.zoneLines, 3);
  assert.equal(gold.zoneLinesAligned, 3);
});

test('noteStarts keeps labels that continue the numbering, not continuation lines opening with a number', () => {
  const starts = noteStarts([
    { text: '1 See X.', line: 1 },
    { text: '1978); G. C. Browder', line: 2 },
    { text: '1940 was a year', line: 3 },
    { text: '2 Ibid.', line: 4 },
    { text: '4 Skipped three.', line: 5 },
  ]);
  assert.deepEqual(
    starts.map((s) => s.label),
    ['1', '2', '4'],
  );
});

test('scoreFootnoteZones scores note lines and notes of an extraction against the gold', () => {
  const gold = fixtureGold();
  const text = RAW.join('\n');
  const lineStart = (n: number) => RAW.slice(0, n - 1).reduce((s, l) => s + l.length + 1, 0);
  const span = (a: number, b: number) => ({ start: lineStart(a), end: lineStart(b) + RAW[b - 1]!.length, line: a });
  // Note 1 found on lines 5-7 (blank 6 not counted) plus the running head on 9; note 2 missed.
  const x = { notes: [{ id: 'd#n1', label: '1', section: null, text: '', spans: [span(5, 7), span(9, 9)], markers: [] }] } as unknown as Extraction;
  const s = scoreFootnoteZones(text, x, gold);
  assert.deepEqual(
    [s.scores['footnote lines']!.tp, s.scores['footnote lines']!.predicted, s.scores['footnote lines']!.gold],
    [2, 3, 3],
  );
  assert.equal(s.scores['notes (label)']!.tp, 1);
  assert.equal(s.scores['notes (label, first line)']!.recall, 0.5);
  assert.ok(s.errors.some((e) => e.startsWith('missed note 2 (line 8')));
  assert.ok(s.errors.some((e) => e === 'extra line 9: "Short Title 12"'));
  assert.ok(s.errors.some((e) => e.startsWith('missed line 8:')));
});

test('buildGold recovers a footnote zone left inside <body> before a page break, continuing the numbering', () => {
  const tei = teiLines(
    '<text><body>Body. 1 <lb/>More 2 text.</body><listBibl>1 See X. <lb/></listBibl><note place="headnote">Head</note>' +
      '<body>Body again. 2 And 3 <lb/>2 Y. <lb/>3 Z, continued <lb/>on. <lb/></body><page>9</page>' +
      '<body>Next page opens 4 <lb/>4 is not a zone here: no 5 follows.</body></text>',
  );
  const gold = buildGold(
    tei,
    tei.map((_, i) => [i + 1]),
    GERMAN_HISTORY_ZONES,
  );
  assert.deepEqual(
    [...gold.lines].sort((a, b) => a - b),
    [3, 6, 7, 8],
  );
  assert.deepEqual(
    gold.notes.map((n) => n.label),
    ['1', '2', '3'],
  );
  assert.deepEqual(gold.recovered, [{ fromLine: 6, toLine: 8, labels: ['2', '3'] }]);
});

test('rebuildRawText writes one line per TEI line, so the French gold is its own line numbers', () => {
  const tei = teiLines('<text><body>Body 1 <lb/>text.</body><div type="acknowledgement">1 Thanks.</div><note place="footnote">2 Voir X. <lb/></note></text>');
  assert.equal(rebuildRawText(tei), 'Body 1\ntext.\n1 Thanks.\n2 Voir X.\n');
  const gold = buildGold(
    tei,
    tei.map((_, i) => [i + 1]),
    AUSSANT_ZONES,
  );
  assert.deepEqual([...gold.lines], [4]);
  assert.deepEqual([...gold.ignored], [3]);
  assert.deepEqual(gold.notes, [{ label: '2', line: 4 }]);
});

test('footnote zones of the GROBID segmentation datasets are scored (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const results = evalFootnoteZones(shared);
  assert.deepEqual(
    results.map((r) => r.document.replace(/^.*\//, '')),
    [
      'GermanHistory_10.1093_gerhis_ghae045.training.segmentation',
      'GermanHistory_10.1093_gerhis_ghaf028.training.segmentation',
      'grobid_segmentation_AUSSANT2014INTER_footnotes.tei.xml',
    ],
  );
  for (const r of results) {
    for (const name of ['footnote lines', 'notes (label)', 'notes (label, first line)']) {
      const s = r.scores[name];
      assert.ok(s, `no score '${name}' for ${r.document}`);
      assert.ok(s.gold > 0, `${r.document} ${name}: empty gold`);
      for (const k of ['precision', 'recall', 'f1'] as const) {
        assert.ok(Number.isFinite(s[k]) && s[k] >= 0 && s[k] <= 1, `${r.document} ${name} ${k} = ${s[k]}`);
      }
    }
    for (const e of r.errors) assert.ok(e.length < 120, `error line too long: ${e}`);
  }
  // 50 <note place="footnote"> elements holding notes 2-52 (43 and 44 share one); note 1 is tagged acknowledgement.
  assert.equal(results[2]!.scores['notes (label)']!.gold, 51);
});

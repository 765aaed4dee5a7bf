import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/positions.js';
import { TextView } from '../../src/core/view.js';
import { joinPieces, splitSentences } from '../../src/text/body.js';
import { splitLines } from '../../src/text/lines.js';
import { extract } from '../core/doc.js';

const SENTENCES: { name: string; text: string; want: string[]; todo?: string }[] = [
  { name: 'full stops', text: 'He was shot. The next day his wife was arrested.', want: ['He was shot.', 'The next day his wife was arrested.'] },
  { name: 'page abbreviation pp.', text: 'See pp. 12-14 of the report. The rest is lost.', want: ['See pp. 12-14 of the report.', 'The rest is lost.'] },
  { name: 'page abbreviation p. before a number', text: 'See p. 45. Then compare.', want: ['See p. 45.', 'Then compare.'] },
  { name: 'editor abbreviation ed.', text: 'The volume, ed. Orlov, is useful. It lists the dead.', want: ['The volume, ed. Orlov, is useful.', 'It lists the dead.'] },
  { name: 'initials', text: 'Marshal M. N. Tukhachevskii was shot. Then came Iakir.', want: ['Marshal M. N. Tukhachevskii was shot.', 'Then came Iakir.'] },
  { name: 'title abbreviations', text: 'Gen. Bliukher died in 1938. St. Petersburg was far away.', want: ['Gen. Bliukher died in 1938.', 'St. Petersburg was far away.'] },
  { name: 'number abbreviation No.', text: 'Order No. 00447 followed. It was secret.', want: ['Order No. 00447 followed.', 'It was secret.'] },
  { name: 'a note marker after the full stop', text: 'They were executed.1 The next morning the press was told.', want: ['They were executed.1', 'The next morning the press was told.'] },
  { name: 'a two-digit marker', text: 'They were executed.12 The next morning came.', want: ['They were executed.12', 'The next morning came.'] },
  { name: 'a superscript marker', text: 'They were executed.² Later the files were closed.', want: ['They were executed.²', 'Later the files were closed.'] },
  { name: 'question and exclamation marks', text: 'Why? Nobody knew! Then came 1938.', want: ['Why?', 'Nobody knew!', 'Then came 1938.'] },
  { name: 'a quotation closed after the full stop', text: 'He wrote "they were traitors." Then he was silent.', want: ['He wrote "they were traitors."', 'Then he was silent.'] },
  { name: 'an exclamation inside a quotation going on in lower case', text: '"Traitors!" he wrote. Then he signed.', want: ['"Traitors!" he wrote.', 'Then he signed.'] },
  { name: 'a sentence opening with a number', text: 'It was 1937. 20 officers were shot.', want: ['It was 1937.', '20 officers were shot.'] },
  { name: 'a sentence opening with a quotation mark', text: 'He was silent. "Nothing," he said.', want: ['He was silent.', '"Nothing," he said.'] },
  { name: 'an ellipsis', text: 'He hesitated... Then he signed.', want: ['He hesitated...', 'Then he signed.'] },
  { name: 'a full stop before lower case (no new sentence)', text: 'The figure, c. 35,000 officers, is disputed.', want: ['The figure, c. 35,000 officers, is disputed.'] },
  { name: 'white space around the text', text: '  He died.   Then silence.  ', want: ['He died.', 'Then silence.'] },
  { name: 'no final full stop', text: 'He died. Then', want: ['He died.', 'Then'] },
  { name: 'empty text', text: '', want: [] },
  {
    name: 'a sentence ending in the word "no"',
    text: "Stalin's answer was no. The marshal was shot.",
    want: ["Stalin's answer was no.", 'The marshal was shot.'],
  },
];

for (const c of SENTENCES) {
  test(`splitSentences: ${c.name}`, c.todo ? { todo: c.todo } : {}, () => {
    const got = splitSentences(c.text).map((s) => c.text.slice(s.start, s.end));
    assert.deepEqual(got, c.want);
  });
}

const JOINS: { name: string; text: string; want: string }[] = [
  { name: 'lines join with a space', text: 'Tukhachevskii was\nshot in June.', want: 'Tukhachevskii was shot in June.' },
  { name: 'a line broken at a hyphen joins without a space, the hyphen kept', text: 'Voenno-\nistoricheskii zhurnal', want: 'Voenno-istoricheskii zhurnal' },
  { name: 'a hyphen after a Cyrillic letter', text: 'военно-\nисторический', want: 'военно-исторический' },
  { name: 'CRLF line ends and white space around lines', text: '  first line  \r\n  second line \r\nthird', want: 'first line second line third' },
  { name: 'a free-standing dash at a line end keeps the space', text: 'the purge -\nand after', want: 'the purge - and after' },
];

for (const c of JOINS) {
  test(`joinPieces: ${c.name}`, () => {
    const lines = splitLines(c.text);
    const view = new TextView(c.text, joinPieces(lines));
    assert.equal(view.text, c.want);
    // The joined lines are one piece of the original: the line breaks between them are white space.
    const spans = view.toOriginalSpans(0, view.text.length);
    assert.equal(spans.length, 1);
    assert.equal(c.text.slice(spans[0]!.start, spans[0]!.end), c.text.trim());
  });
}

test('joinPieces: trimFirst drops the start of the first line (a note label)', () => {
  const text = '12 For more see\nOrlov, p. 45.';
  const view = new TextView(text, joinPieces(splitLines(text), 3));
  assert.equal(view.text, 'For more see Orlov, p. 45.');
  assert.deepEqual(view.toOriginalSpans(0, view.text.length), [{ start: 3, end: text.length }]);
});

/** A small thesis page: a paragraph cut mid-sentence by the footnotes at the foot of its page. */
const PAGE = [
  'In the early summer of 1937 the high command of the Red Army was broken up within ',
  'a few weeks. Marshal Tukhachevskii was taken off a train at the end of May and was ',
  'brought back to Moscow under guard.1 On 11 June he and seven other commanders were ',
  'tried behind closed doors, and all of them were shot before the next morning. The ',
  'announcement in the press spoke of a plot and of espionage for Germany and Japan, ',
  'but it gave no evidence beyond the confessions of the accused.2 For a public that ',
  'had been taught to revere the heroes of the Civil War the news came as a shock, and ',
  'many officers at first refused to believe what they read in ',
  '1 The record of the first interrogation is printed in Arkhivnyi vestnik, no. 1 (1993), pp. 40-47. ',
  '2 Pravda, 12 June 1937. The verdict had been read out on the radio the evening before, in full. ',
  'the newspapers. Within a year most of the officers who had doubted were gone as ',
  'well, and the army that remained had learned to keep silent. ',
  'The removal of the marshals was only the beginning. In the months that followed the ',
  'commanders of districts, of corps and of divisions were dismissed one after another, ',
  'and most of those dismissed were arrested soon after, often within a few weeks. The ',
  'political administration of the army suffered as badly as the command, and by the ',
  'end of 1938 few of its senior officers were still at their posts. ',
  'Historians still argue over the number of victims and over what the army lost. ',
].join('\n');

test('buildBody joins a paragraph across the footnote zone that cuts it, with its spans in the original', () => {
  const x = extract(PAGE);
  assert.deepEqual(
    x.notes.map((n) => n.label),
    ['1', '2'],
    'the two footnotes are found',
  );
  const p = x.paragraphs[0]!;
  const texts = p.spans.map((s) => PAGE.slice(s.start, s.end));
  assert.equal(texts.length, 2, 'one span before the footnotes, one after');
  assert.ok(texts[0]!.startsWith('In the early summer of 1937'));
  assert.ok(texts[0]!.endsWith('refused to believe what they read in'));
  assert.ok(texts[1]!.startsWith('the newspapers.'));
  assert.ok(texts[1]!.endsWith('had learned to keep silent.'));
  const index = new LineIndex(PAGE);
  assert.deepEqual(
    p.spans.map((s) => [s.line, index.lineOf(s.end)]),
    [
      [1, 8],
      [11, 12],
    ],
  );
  // The view reads on across the cut as one text.
  const body = x.layers.body![0]!;
  assert.match(body.view.text, /refused to believe what they read in the newspapers\. Within a year/);
  assert.doesNotMatch(body.view.text, /Arkhivnyi|Pravda/);
});

test('buildBody: a sentence cut by a footnote zone is one sentence with a span on each side', () => {
  const x = extract(PAGE);
  const cut = x.sentences.filter((s) => s.spans.length > 1);
  assert.equal(cut.length, 1);
  assert.deepEqual(
    cut[0]!.spans.map((s) => PAGE.slice(s.start, s.end).replace(/\s+/g, ' ')),
    ['For a public that had been taught to revere the heroes of the Civil War the news came as a shock, and many officers at first refused to believe what they read in', 'the newspapers.'],
  );
  assert.deepEqual(
    cut[0]!.spans.map((s) => s.line),
    [6, 11],
  );
});

test('buildBody: a paragraph ends at a short line that closes a sentence, and goes on across a footnote zone', () => {
  const x = extract(PAGE);
  assert.deepEqual(
    x.paragraphs.map((p) => p.spans.map((s) => PAGE.slice(s.start, s.end).slice(0, 24))),
    [['In the early summer of 1', 'the newspapers. Within a'], ['The removal of the marsh'], ['Historians still argue o']],
  );
});

test('buildBody: every sentence span lies inside a span of its paragraph', () => {
  const x = extract(PAGE);
  for (const s of x.sentences) {
    const p = x.paragraphs[s.paragraph]!;
    for (const sp of s.spans) assert.ok(p.spans.some((ps) => ps.start <= sp.start && sp.end <= ps.end), `sentence span ${sp.start}..${sp.end}`);
  }
});

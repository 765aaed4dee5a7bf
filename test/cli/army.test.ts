/**
 * `kartoteka extract` on examples/corpus/army-purge-article.txt against the
 * ground truth of examples/README.md: the notes, where they start, their
 * markers, the note continued across a page break, and that every span cut
 * from the original file reads as the record says.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { tempDir } from '../support.js';
import { EXAMPLES, json, lineOf, originalUtf8 } from './helpers.js';

const FILE = join(EXAMPLES, 'army-purge-article.txt');
const TEXT = originalUtf8(FILE);

interface LinedSpan {
  start: number;
  end: number;
  line: number;
}
interface Output {
  document: { id: string; chars: number };
  sections: (LinedSpan & { title: string; heading?: LinedSpan })[];
  notes: { id: string; label: string; text: string; spans: LinedSpan[]; markers: LinedSpan[] }[];
  markers: (LinedSpan & { label: string; note: string | null })[];
}

/** The README's table: note → [marker line, first note line, last note line] (note 17 has two parts). */
const TRUTH: Record<string, [number, number, number]> = {
  1: [16, 37, 40], 2: [19, 41, 42], 3: [22, 43, 45], 4: [30, 46, 47], 5: [55, 82, 82], 6: [62, 83, 83],
  7: [67, 84, 86], 8: [74, 87, 88], 9: [80, 89, 89], 10: [96, 125, 125], 11: [105, 126, 126], 12: [111, 127, 130],
  13: [120, 131, 131], 14: [136, 163, 163], 15: [139, 164, 164], 16: [145, 165, 166], 17: [149, 167, 208],
  18: [172, 209, 209], 19: [178, 210, 210], 20: [202, 211, 212], 21: [216, 249, 249], 22: [228, 250, 251],
  23: [237, 252, 252], 24: [248, 253, 254],
};

let cached: Output | null = null;
function army(t: TestContext): Output {
  cached ??= json<Output>(tempDir(t), ['extract', FILE]);
  return cached;
}

/** Line of the last character of a span. */
const lastLine = (s: LinedSpan): number => lineOf(TEXT, Math.max(s.start, s.end - 1));

test('army article: 24 notes labelled 1-24, each starting on the line the ground truth gives', (t) => {
  const out = army(t);
  assert.deepEqual(out.notes.map((n) => n.label), Object.keys(TRUTH));
  assert.deepEqual(
    out.notes.map((n) => [n.label, n.spans[0]!.line]),
    Object.entries(TRUTH).map(([label, [, first]]) => [label, first]),
  );
});

test('army article: each note has one marker, on the line the ground truth gives, and the marker points back at the note', (t) => {
  const out = army(t);
  assert.deepEqual(
    out.notes.map((n) => [n.label, n.markers.map((m) => m.line)]),
    Object.entries(TRUTH).map(([label, [marker]]) => [label, [marker]]),
  );
  assert.equal(out.markers.length, 24);
  for (const n of out.notes) {
    const m = out.markers.find((x) => x.note === n.id);
    assert.ok(m, `no marker layer record for note ${n.label}`);
    assert.equal(m.label, n.label);
    assert.deepEqual({ start: m.start, end: m.end, line: m.line }, n.markers[0]);
  }
});

test('army article: note 17 is one note of two spans, lines 167-169 and 206-208, its text reading on across the page break', (t) => {
  const n17 = army(t).notes.find((n) => n.label === '17');
  assert.ok(n17);
  assert.deepEqual(n17.spans.map((s) => [s.line, lastLine(s)]), [[167, 169], [206, 208]]);
  assert.match(n17.text, /a speaker had been close to one of the accused/);
  assert.match(n17.text, /^The published volume/);
  assert.match(n17.text, /Master of the House, pp\. 166-70\.$/);
  // Nothing of the body of page 5 is inside the note.
  assert.doesNotMatch(n17.text, /with preparing/);
});

test('army article: every note covers exactly the lines the ground truth gives', (t) => {
  const out = army(t);
  assert.deepEqual(
    out.notes.map((n) => [n.label, n.spans[0]!.line, lastLine(n.spans[n.spans.length - 1]!)]),
    Object.entries(TRUTH).map(([label, [, first, last]]) => [label, first, last]),
  );
});

test('army article: note 24 ends with "pp. 270-81." and line 254 is not body text', (t) => {
  const out = json<Output & { paragraphs: { spans: LinedSpan[] }[] }>(tempDir(t), ['extract', FILE]);
  const n24 = out.notes.find((n) => n.label === '24');
  assert.ok(n24);
  assert.match(n24.text, /pp\. 270-81\.$/);
  const onLine254 = out.paragraphs.filter((p) => p.spans.some((s) => s.line === 254));
  assert.deepEqual(onLine254, []);
});

test('army article: the text cut from the file at each note span is the note (label at the start of the first span)', (t) => {
  for (const n of army(t).notes) {
    const pieces = n.spans.map((s) => TEXT.slice(s.start, s.end));
    assert.ok(pieces[0]!.startsWith(`${n.label} `), `note ${n.label}: first span starts ${JSON.stringify(pieces[0]!.slice(0, 12))}`);
    for (const p of pieces) assert.equal(p, p.trim(), `note ${n.label}: a span starts or ends in white space`);
    const joined = pieces.join(' ').slice(n.label.length).replace(/\s+/g, ' ').trim();
    assert.equal(joined, n.text, `note ${n.label}`);
  }
});

test('army article: the text cut from the file at each marker is its label', (t) => {
  const out = army(t);
  for (const m of out.markers) assert.equal(TEXT.slice(m.start, m.end), m.label, `marker on line ${m.line}`);
  for (const n of out.notes) for (const m of n.markers) assert.equal(TEXT.slice(m.start, m.end), n.label);
  // Glued markers: `court.3`, `1937.13`, `1941.24`.
  const m13 = out.markers.find((m) => m.label === '13')!;
  assert.equal(TEXT.slice(m13.start - 5, m13.end), '1937.13');
  const m24 = out.markers.find((m) => m.label === '24')!;
  assert.equal(TEXT.slice(m24.start - 5, m24.end), '1941.24');
});

test('army article: the text cut from the file at each section heading is its title', (t) => {
  for (const s of army(t).sections) {
    assert.ok(s.heading, `section ${s.title} has no heading span`);
    assert.equal(TEXT.slice(s.heading.start, s.heading.end), s.title);
    assert.equal(s.line, s.heading.line);
  }
});

test('army article: the sections are the seven headings of the ground truth', (t) => {
  assert.deepEqual(
    army(t).sections.map((s) => [s.line, s.title]),
    [
      [3, 'Introduction'],
      [49, 'Suspicion Before 1937'],
      [90, 'The Arrests of May 1937'],
      [123, 'The Military Council of 1-4 June 1937'],
      [156, 'The Trial of 11 June 1937'],
      [180, 'The Purge in the Ranks'],
      [238, 'Conclusion'],
    ],
  );
});

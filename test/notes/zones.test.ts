import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { fromSuperscript, gluedAt } from '../../src/notes/zones.js';
import { extract } from '../core/doc.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/notes');

const GLUED: { t: string; label: string; want: number | string; why: string; from?: number }[] = [
  { t: 'and most were soon arrested.3 The political', label: '3', want: 'arrested.|3', why: 'after a full stop' },
  { t: 'taken in the course of 1937.4 In many regiments', label: '4', want: '1937.|4', why: 'after a year and a full stop' },
  { t: 'the marshal Tukhachevskii5 was', label: '5', want: 'Tukhachevskii|5', why: 'straight after a word' },
  { t: 'they were "traitors"6 and', label: '6', want: 'traitors"|6', why: 'after a closing quotation mark' },
  { t: 'were shot,7 and buried', label: '7', want: 'shot,|7', why: 'after a comma' },
  { t: 'the rank (marshal)8 was', label: '8', want: 'marshal)|8', why: 'after a bracket' },
  { t: 'he fled.4 The next', label: '4', want: 'fled.|4', why: 'after a word ending in d (not the file abbreviation d.)' },
  { t: 'were executed.12 The next', label: '12', want: 'executed.|12', why: 'a two-digit marker' },
  { t: 'see pp.71 for the figures', label: '71', want: -1, why: 'a page number after pp.' },
  { t: 'see p.71 for the figures', label: '71', want: -1, why: 'a page number after p.' },
  { t: 'RGVA, f.4, op. 2, d. 87', label: '4', want: -1, why: 'a fond number after f.' },
  { t: 'RGVA, f. 4, op.2, d. 87', label: '2', want: -1, why: 'an opis number after op.' },
  { t: 'RGVA, f. 4, op. 2, d.87', label: '87', want: -1, why: 'a file number after d.' },
  { t: 'RGVA, f. 4, ll.3-9', label: '3', want: -1, why: 'a folio number after ll.' },
  { t: 'printed in vol.3 of the works', label: '3', want: -1, why: 'a volume number' },
  { t: 'Pravda, No.7 of that year', label: '7', want: -1, why: 'an issue number' },
  { t: 'were executed.12 The next', label: '1', want: -1, why: 'followed by a digit' },
  { t: 'the losses rose.5% in 1938', label: '5', want: -1, why: 'followed by a per cent sign' },
  { t: 'the unit 3a was', label: '3', want: -1, why: 'after a space' },
  { t: 'a unit.3a was', label: '3', want: -1, why: 'followed by a letter' },
  { t: 'in 1937 there were', label: '3', want: -1, why: 'inside a number' },
  { t: '3 officers were shot', label: '3', want: -1, why: 'at the start of a line' },
  { t: 'in f.4 and then arrested.4 The', label: '4', want: 'arrested.|4', why: 'the marker after a rejected fond number' },
  { t: 'arrested.3 and shot.3 later', label: '3', want: 'shot.|3', from: 11, why: 'searching from an offset' },
];

for (const c of GLUED) {
  test(`gluedAt(${JSON.stringify(c.t)}, "${c.label}"): ${c.want === -1 ? 'not a marker' : 'a marker'}, ${c.why}`, () => {
    const want = typeof c.want === 'number' ? c.want : c.want.indexOf('|') + c.t.indexOf(c.want.replace('|', ''));
    assert.equal(gluedAt(c.t, c.label, c.from ?? 0), want);
  });
}

test('fromSuperscript reads superscript digits', () => {
  assert.equal(fromSuperscript('¹²'), '12');
  assert.equal(fromSuperscript('⁰⁴⁹'), '049');
});

/** A review whose notes were lost, one paragraph per line. */
const REVIEW = [
  'This is a useful book, but a frustrating one. Its author has read widely in the published sources on the purge of the Red Army, and his account of how the fear of a hidden enemy turned into a general terror.1 is clear.',
  'The second part deals with the military districts. Here the author relies on the memoirs of survivors and treats them with less caution than they deserve.2 His figures (pp.71-80 of the appendix) come from a single table in f.4 of the archive.',
  'The chapters on the trial of June 1937 are better. The author shows that the verdict had been agreed before the hearing began.4 He is less convincing when he suggests that the marshals were really preparing a plot.5',
];

/** The markers of `text` as [label, the text they cover, style, note]. */
function markersOf(text: string): [string, string, string, string | null][] {
  return extract(text).markers.map((m) => [m.label, text.slice(m.start, m.end), m.style, m.note]);
}

test('orphan markers: a document without note texts keeps its markers counting up, one lost marker skipped', () => {
  const text = REVIEW.join('\n');
  const x = extract(text);
  assert.deepEqual(x.notes, []);
  assert.deepEqual(markersOf(text), [
    ['1', '1', 'glued', null],
    ['2', '2', 'glued', null],
    ['4', '4', 'glued', null],
    ['5', '5', 'glued', null],
  ]);
  assert.deepEqual(
    x.markers.map((m) => /\S+$/.exec(text.slice(0, m.end))![0]),
    ['terror.1', 'deserve.2', 'began.4', 'plot.5'],
  );
});

test('orphan markers: fewer than three numbers counting up are no chain', () => {
  assert.deepEqual(markersOf('They were shot.1 Their families were told nothing.2 Nobody asked why.'), []);
});

test('orphan markers: superscript markers make a chain too', () => {
  const text = 'Tukhachevskii was shot.¹ Iakir was shot.² Bliukher died in prison.³ Egorov was shot a year later.⁴';
  assert.deepEqual(
    markersOf(text).map(([label, t, style]) => [label, t, style]),
    [
      ['1', '¹', 'superscript'],
      ['2', '²', 'superscript'],
      ['3', '³', 'superscript'],
      ['4', '⁴', 'superscript'],
    ],
  );
});

test(
  'orphan markers: a figure with a thousands separator (35,000) is not a lost marker',
  () => {
    const text = ['The purge cost the army some 35,000 officers, by the figures of the late 1980s.', ...REVIEW].join('\n');
    assert.deepEqual(
      markersOf(text).map(([label]) => label),
      ['1', '2', '4', '5'],
    );
  },
);

test('a note with no marker in the body is kept and reported with a positioned diagnostic', () => {
  const fixture = readFileSync(join(FIXTURES, 'a body line that starts with a number is not a note.txt'), 'utf8');
  const text = fixture.replace('left to teach them.1 Students', 'left to teach them. Students');
  assert.notEqual(text, fixture);
  const x = extract(text);
  assert.deepEqual(
    x.notes.map((n) => [n.label, n.markers.length]),
    [
      ['1', 0],
      ['2', 1],
      ['3', 1],
      ['4', 1],
    ],
  );
  assert.deepEqual(x.diagnostics.filter((d) => !d.rule.startsWith('cite:')), [
    {
      rule: 'notes:marker-missing',
      severity: 'warning',
      message: 'no marker found in the body for note 1',
      start: x.notes[0]!.spans[0]!.start,
      end: text.indexOf('\n', x.notes[0]!.spans[0]!.start) - 1, // the note's first line, trimmed
      line: 11,
    },
  ]);
});

test('regression: a note line ending in "pp." leaves the note open, so its page numbers on the next line stay in it', () => {
  // Last note of the document, broken after "pp.": "160-70, ..." was taken for a body paragraph.
  const fixture = readFileSync(join(FIXTURES, 'a note continued on the next page after body text.txt'), 'utf8');
  const lines = fixture.split('\n');
  const text = [
    ...lines.slice(0, 37),
    '4 The promotions of 1938 are tabulated in Kadry armii v 1930-e gody (Moscow: Voenizdat, 1963), pp. ',
    '160-70, with the previous post of every new commander of a division. ',
    '',
  ].join('\n');
  const x = extract(text);
  const last = x.notes[x.notes.length - 1]!;
  assert.equal(last.label, '4');
  assert.match(last.text, /\(Moscow: Voenizdat, 1963\), pp\. 160-70, with the previous post of every new commander of a division\.$/);
  assert.ok(!x.paragraphs.some((p) => p.spans.some((s) => text.slice(s.start, s.end).startsWith('160-70'))), 'no paragraph holds the page numbers');
});

test('a body line that starts with the number of the next note, before that note, is not taken for it', () => {
  // "2 corps commanders ..." stands where note 2 is expected, but its marker is still to come.
  const fixture = readFileSync(join(FIXTURES, 'glued markers in a wrapped thesis and a sentence cut by a footnote block.txt'), 'utf8');
  const text = fixture.replace('Moscow under guard.1 On 11 June he and seven other senior commanders were tried \n', 'Moscow under guard.1 On 11 June he and seven other senior commanders, with \n2 corps commanders from the Kiev district who had served under him, were tried \n');
  assert.notEqual(text, fixture);
  const x = extract(text);
  assert.deepEqual(
    x.notes.map((n) => [n.label, n.spans[0]!.line]),
    [
      ['1', 14],
      ['2', 16],
      ['3', 30],
      ['4', 33],
      ['5', 43],
    ],
  );
});

/* ------------------------------------------------------------------ */
/* Robustness: adversarial inputs never throw and never blow up.       */
/* ------------------------------------------------------------------ */

/** Generous: the point is no quadratic blow-up, not speed. */
const DEADLINE_MS = 10_000;

const DOC_MODULE = new URL('../core/doc.js', import.meta.url).href;
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.module).then(({ extract }) => {
  const t0 = performance.now();
  const x = extract(workerData.text);
  parentPort.postMessage({ ms: performance.now() - t0, notes: x.notes.length, markers: x.markers.length, paragraphs: x.paragraphs.length });
});
`;

/**
 * Runs the whole pipeline on `text` in a worker, so that a blow-up can be cut
 * off at the deadline instead of hanging the suite. Rejects with the error the
 * pipeline threw, or when the deadline passes.
 */
function extractWithin(text: string, ms = DEADLINE_MS): Promise<{ ms: number; notes: number; markers: number; paragraphs: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { module: DOC_MODULE, text } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`the pipeline did not finish within ${ms} ms on ${text.length} characters`));
    }, ms);
    w.once('message', (m) => {
      clearTimeout(timer);
      void w.terminate();
      resolve(m);
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Words that make every line different (so that none is set aside as a running head). */
function varied(i: number): string {
  const W = ['officers', 'commanders', 'commissars', 'generals', 'colonels', 'majors', 'captains', 'cadets', 'teachers', 'clerks'];
  let s = '';
  for (let k = i, d = 0; d < 5; d++, k = Math.floor(k / 10)) s += `${W[k % 10]} `;
  return s;
}

const ADVERSARIAL: { name: string; make: () => string; todo?: string }[] = [
  {
    name: '10,000 lines each starting with the next number',
    make: () => Array.from({ length: 10_000 }, (_, i) => `${i + 1} ${varied(i)}were dismissed in the district and the commander was arrested`).join('\n'),
  },
  {
    name: '10,000 lines each starting with a number and holding glued markers',
    make: () => Array.from({ length: 10_000 }, (_, i) => `${(i % 300) + 1} ${varied(i)}were dismissed.${(i % 300) + 2} and arrested,${i % 7} in the district`).join('\n'),
  },
  {
    name: '10,000 lines each starting with the same number',
    make: () => Array.from({ length: 10_000 }, (_, i) => `1 ${varied(i)}were dismissed in the district and the commander was arrested`).join('\n'),
  },
  {
    name: '5,000 lines of superscripts',
    make: () => Array.from({ length: 5_000 }, (_, i) => `${'¹²³⁴⁵⁶⁷⁸⁹'[i % 9]}${'⁰¹²'[i % 3]} ${varied(i)}shot¹ and² buried³ ⁴⁵⁶⁷⁸⁹⁰`).join('\n'),
  },
  {
    name: '5,000 lines of nothing but superscript digits',
    make: () => Array.from({ length: 5_000 }, (_, i) => '¹²³⁴⁵⁶⁷⁸⁹⁰'.slice(i % 10) + '¹²³⁴⁵⁶⁷⁸⁹⁰'.slice(0, i % 10)).join('\n'),
  },
  {
    name: 'one 1 MB line of prose with glued markers',
    make: () => Array.from({ length: 42_000 }, (_, i) => `They were shot.${(i % 999) + 1} `).join(''),
  },
  {
    name: 'one 1 MB line of digits',
    make: () => '1'.repeat(1 << 20),
  },
  {
    name: 'one 1 MB line of archival citations (pp.71, f.4)',
    make: () => 'see pp.71 and f.4 '.repeat(60_000),
  },
];

describe('robustness: the pipeline never throws and finishes on adversarial input', { concurrency: true }, () => {
  for (const c of ADVERSARIAL) {
    test(`${c.name}: finishes within ${DEADLINE_MS / 1000} s`, c.todo ? { todo: c.todo } : {}, async () => {
      const r = await extractWithin(c.make());
      assert.ok(r.ms < DEADLINE_MS);
    });
  }
});

/** Fragments that make note-like, heading-like and marker-like text. */
const FRAGMENTS = fc.constantFrom(
  'a', 'The', ' ', '  ', '\n', '\r\n', '\r', '\n\n', '1', '2', '3', '12', '0', '.', ',', 'pp.', 'f.', '¹', '²', '³', '⁴',
  'Chapter One', 'Chapter 2:', 'Bibliography', 'Notes', '(Moscow, 1937)', 'Ibid., p. 4.', '-', '–', '😀', '"', 'arrested.', 'GPU - State',
);

test('property: the pipeline never throws on random text, and every span it returns slices the text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: FRAGMENTS, maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      const x = extract(text);
      const inText = (s: { start: number; end: number }) => 0 <= s.start && s.start <= s.end && s.end <= text.length;
      for (const n of x.notes) for (const s of n.spans) assert.ok(inText(s) && s.end > s.start, `note span ${s.start}..${s.end}`);
      for (const p of x.paragraphs) for (const s of p.spans) assert.ok(inText(s) && s.end > s.start, `paragraph span ${s.start}..${s.end}`);
      for (const s of x.sentences) for (const sp of s.spans) assert.ok(inText(sp), `sentence span ${sp.start}..${sp.end}`);
      for (const m of x.markers) {
        const t = text.slice(m.start, m.end);
        assert.equal(m.style === 'superscript' ? fromSuperscript(t) : t, m.label);
      }
    }),
    { numRuns: 500 },
  );
});

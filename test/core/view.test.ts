import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Span } from '../../src/core/positions.js';
import { MisalignedSpanError, TextView, type Piece } from '../../src/core/view.js';

/**
 * A random view: an original text and pieces that copy ordered,
 * non-overlapping spans of it (some empty, some touching), with inserted text
 * (some empty) before, between and after them. `map[v]` is the original
 * offset of view character v, or -1 for an inserted one, computed here
 * independently of TextView.
 */
interface Model {
  original: string;
  pieces: Piece[];
  map: number[];
  /** View ranges [start, end) of the non-empty inserts. */
  inserts: [number, number][];
}

function model(original: string, cuts: number[], inserts: (string | null)[]): Model {
  const sorted = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  const map: number[] = [];
  const ranges: [number, number][] = [];
  const insert = (s: string | null | undefined) => {
    if (s === null || s === undefined) return;
    pieces.push({ insert: s });
    if (s) ranges.push([map.length, map.length + s.length]);
    for (let i = 0; i < s.length; i++) map.push(-1);
  };
  for (let k = 0; k + 1 < sorted.length; k += 2) {
    insert(inserts[k / 2]);
    const span = { start: sorted[k]!, end: sorted[k + 1]! };
    pieces.push(span);
    for (let o = span.start; o < span.end; o++) map.push(o);
  }
  insert(inserts[inserts.length - 1]);
  return { original, pieces, map, inserts: ranges };
}

const arbModel = (originalUnit: fc.Arbitrary<string>) =>
  fc.string({ unit: originalUnit, maxLength: 30 }).chain((original) =>
    fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: original.length }), { maxLength: 12 }),
        fc.array(fc.option(fc.string({ unit: fc.constantFrom(' ', 'X', "'", '😀'), maxLength: 3 })), { minLength: 7, maxLength: 7 }),
      )
      .map(([cuts, inserts]) => model(original, cuts, inserts)),
  );

/** Letters, spaces, line breaks and an astral character (which slicing may cut: views work in UTF-16 units). */
const anyText = fc.constantFrom('a', 'b', ' ', '\n', '😀');
/** No white space: pieces are never merged across a gap, so the spans' text is exactly the copied text. */
const noSpace = fc.constantFrom('a', 'b', 'c', '😀');

const RUNS = { numRuns: 400 };

test('property: the view text is the copied and inserted pieces, in order', () => {
  fc.assert(
    fc.property(arbModel(anyText), (m) => {
      const view = new TextView(m.original, m.pieces);
      const want = m.pieces.map((p) => ('insert' in p ? p.insert : m.original.slice(p.start, p.end))).join('');
      assert.equal(view.text, want);
      assert.equal(view.text.length, m.map.length);
    }),
    RUNS,
  );
});

test('property: inside a copied piece, the original character at toOriginal(i) is the view character at i', () => {
  fc.assert(
    fc.property(arbModel(anyText), (m) => {
      const view = new TextView(m.original, m.pieces);
      m.map.forEach((o, i) => {
        if (o < 0) return;
        assert.equal(view.toOriginal(i), o, `view offset ${i}`);
        assert.equal(m.original[view.toOriginal(i)], view.text[i]);
        assert.equal(view.toOriginal(i + 1, 'end'), o + 1, `exclusive end after view offset ${i}`);
      });
    }),
    RUNS,
  );
});

test('property: toView(toOriginal(i)) is i inside copied pieces', () => {
  fc.assert(
    fc.property(arbModel(anyText), (m) => {
      const view = new TextView(m.original, m.pieces);
      m.map.forEach((o, i) => {
        if (o >= 0) assert.equal(view.toView(view.toOriginal(i)), i, `view offset ${i}`);
      });
    }),
    RUNS,
  );
});

test('property: an original character left out of the view has no view offset', () => {
  fc.assert(
    fc.property(arbModel(anyText), (m) => {
      const view = new TextView(m.original, m.pieces);
      const copied = new Set(m.map.filter((o) => o >= 0));
      for (let o = 0; o < m.original.length; o++) if (!copied.has(o)) assert.equal(view.toView(o), null, `original offset ${o}`);
    }),
    RUNS,
  );
});

test('property: toOriginal never goes backwards as the view offset grows', () => {
  fc.assert(
    fc.property(arbModel(anyText), fc.constantFrom<'start' | 'end'>('start', 'end'), (m, side) => {
      const view = new TextView(m.original, m.pieces);
      let last = -1;
      for (let i = 0; i <= view.text.length; i++) {
        const o = view.toOriginal(i, side);
        assert.ok(o >= last, `toOriginal(${i}, '${side}') = ${o} < ${last}`);
        assert.ok(o >= 0 && o <= m.original.length);
        last = o;
      }
    }),
    RUNS,
  );
});

/** All view ranges [a, b) of a model, with a <= b. */
const withRange = (arb: fc.Arbitrary<Model>) =>
  arb.chain((m) =>
    fc
      .tuple(fc.integer({ min: 0, max: m.map.length }), fc.integer({ min: 0, max: m.map.length }))
      .map(([x, y]) => ({ m, a: Math.min(x, y), b: Math.max(x, y) })),
  );

test('property: toOriginalSpans(a, b) cuts the original text of the view range, inserted text left out', () => {
  fc.assert(
    fc.property(withRange(arbModel(noSpace)), ({ m, a, b }) => {
      const view = new TextView(m.original, m.pieces);
      const spans = view.toOriginalSpans(a, b);
      let copied = '';
      for (let v = a; v < b; v++) if (m.map[v]! >= 0) copied += view.text[v];
      assert.equal(spans.map((s) => m.original.slice(s.start, s.end)).join(''), copied);
      for (const s of spans) assert.ok(s.start < s.end, 'no empty span');
    }),
    RUNS,
  );
});

test('property: toOriginalSpans joins pieces that touch or are apart only by white space in the original, and no others', () => {
  fc.assert(
    fc.property(withRange(arbModel(anyText)), ({ m, a, b }) => {
      const view = new TextView(m.original, m.pieces);
      // Reference: the copied characters of [a, b) as unit spans, merged while the original gap is blank.
      const want: Span[] = [];
      for (let v = a; v < b; v++) {
        const o = m.map[v]!;
        if (o < 0) continue;
        const last = want[want.length - 1];
        if (last && /^\s*$/.test(m.original.slice(last.end, o))) last.end = o + 1;
        else want.push({ start: o, end: o + 1 });
      }
      assert.deepEqual(view.toOriginalSpans(a, b), want);
    }),
    RUNS,
  );
});

test('property: strict mapping throws strictly inside inserted text and never at its edges', () => {
  fc.assert(
    fc.property(arbModel(anyText), (m) => {
      const view = new TextView(m.original, m.pieces);
      for (const [s, e] of m.inserts) {
        for (const side of ['start', 'end'] as const) {
          for (let i = s + 1; i < e; i++) {
            assert.throws(() => view.toOriginal(i, side, true), (err: unknown) => {
              assert.ok(err instanceof MisalignedSpanError);
              assert.equal(err.viewOffset, i);
              assert.equal(err.message, `view offset ${i} falls inside inserted text and has no original position`);
              return true;
            });
          }
          assert.doesNotThrow(() => view.toOriginal(s, side, true), `start edge ${s} of an insert (${side})`);
          assert.doesNotThrow(() => view.toOriginal(e, side, true), `end edge ${e} of an insert (${side})`);
        }
      }
      // Offsets in copied text never throw.
      m.map.forEach((o, i) => {
        if (o >= 0) view.toOriginal(i, 'start', true);
      });
    }),
    RUNS,
  );
});

test('property: the identity view maps every offset to itself', () => {
  fc.assert(
    fc.property(fc.string({ unit: anyText, maxLength: 40 }), (original) => {
      const view = TextView.identity(original);
      assert.equal(view.text, original);
      for (let i = 0; i <= original.length; i++) {
        assert.equal(view.toOriginal(i), i);
        assert.equal(view.toOriginal(i, 'end', true), i);
        if (i < original.length) assert.equal(view.toView(i), i);
      }
      assert.equal(view.toView(original.length), null);
      assert.deepEqual(view.toOriginalSpans(0, original.length), original.length ? [{ start: 0, end: original.length }] : []);
    }),
    RUNS,
  );
});

test('two lines joined by a space: the space maps to the line break, and the spans are one', () => {
  const original = 'ab\ncd';
  const view = new TextView(original, [{ start: 0, end: 2 }, { insert: ' ' }, { start: 3, end: 5 }]);
  assert.equal(view.text, 'ab cd');
  assert.equal(view.toOriginal(2, 'end'), 2, "an exclusive end at the space is the end of 'ab'");
  assert.equal(view.toOriginal(2, 'start'), 3, "a start at the space is the start of 'cd'");
  assert.equal(view.toOriginal(3, 'end'), 2, 'the end of the space snaps back to the copy before it');
  assert.deepEqual(view.toOriginalSpans(0, 5), [{ start: 0, end: 5 }]);
  assert.deepEqual(view.toOriginalSpans(1, 4), [{ start: 1, end: 4 }]);
  assert.deepEqual(view.toOriginalSpans(2, 3), [], 'the space alone covers nothing of the original');
});

test('a note joined across a page gives one span per page', () => {
  const original = 'note one\nBODY BODY\ncontinued';
  const view = new TextView(original, [{ start: 0, end: 8 }, { insert: ' ' }, { start: 19, end: 28 }]);
  assert.equal(view.text, 'note one continued');
  assert.deepEqual(view.toOriginalSpans(0, view.text.length), [
    { start: 0, end: 8 },
    { start: 19, end: 28 },
  ]);
});

test('a view made only of inserted text maps every offset to 0 and covers nothing', () => {
  const view = new TextView('abc', [{ insert: 'xyz' }]);
  assert.equal(view.toOriginal(1), 0);
  assert.deepEqual(view.toOriginalSpans(0, 3), []);
  assert.equal(new TextView('abc', []).toOriginal(0), 0);
});

test('TextView refuses a piece outside the original, naming it', () => {
  assert.throws(() => new TextView('abc', [{ start: 2, end: 4 }]), { name: 'RangeError', message: 'piece 2..4 outside the original (0..3)' });
  assert.throws(() => new TextView('abc', [{ start: 2, end: 1 }]), { name: 'RangeError', message: 'piece 2..1 outside the original (0..3)' });
  assert.throws(() => new TextView('abc', [{ start: -1, end: 1 }]), { name: 'RangeError' });
});

test('toOriginal refuses an offset outside the view; toOriginalSpans a reversed range', () => {
  const view = TextView.identity('abc');
  assert.throws(() => view.toOriginal(4), { name: 'RangeError', message: 'view offset 4 outside 0..3' });
  assert.throws(() => view.toOriginal(-1), { name: 'RangeError', message: 'view offset -1 outside 0..3' });
  assert.throws(() => view.toOriginalSpans(2, 1), { name: 'RangeError', message: 'view range 2..1 is reversed' });
});

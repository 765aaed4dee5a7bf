import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex, trimSpan } from '../../src/core/positions.js';

/** The lines of `text` as an editor shows them: split at LF, CRLF and lone CR. */
function referenceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const LINE_CASES: { name: string; text: string; lines: string[] }[] = [
  { name: 'LF', text: 'a\nbc\nd', lines: ['a', 'bc', 'd'] },
  { name: 'CRLF', text: 'a\r\nbc\r\nd', lines: ['a', 'bc', 'd'] },
  { name: 'lone CR (old Mac)', text: 'a\rbc\rd', lines: ['a', 'bc', 'd'] },
  { name: 'mixed LF, CRLF and CR', text: 'a\r\nb\rc\nd', lines: ['a', 'b', 'c', 'd'] },
  { name: 'LF then CR is two breaks, not one', text: 'a\n\rb', lines: ['a', '', 'b'] },
  { name: 'CR CR LF is a CR then a CRLF', text: 'a\r\r\nb', lines: ['a', '', 'b'] },
  { name: 'blank lines', text: '\n\na\n\n', lines: ['', '', 'a', ''] },
  { name: 'trailing LF', text: 'a\nb\n', lines: ['a', 'b'] },
  { name: 'trailing CRLF', text: 'a\r\nb\r\n', lines: ['a', 'b'] },
  { name: 'empty text', text: '', lines: [''] },
  { name: 'a single line break', text: '\n', lines: [''] },
  { name: 'astral characters count two units', text: '😀a\n😀', lines: ['😀a', '😀'] },
];

for (const c of LINE_CASES) {
  test(`LineIndex counts and slices lines right: ${c.name}`, () => {
    const index = new LineIndex(c.text);
    assert.equal(index.count, c.lines.length);
    const got = c.lines.map((_, i) => {
      const s = index.lineSpan(i + 1);
      return c.text.slice(s.start, s.end);
    });
    assert.deepEqual(got, c.lines);
  });
}

test('lineOf and columnOf in a CRLF text: the CR and LF belong to the line they end', () => {
  const text = 'ab\r\ncd';
  const index = new LineIndex(text);
  const rows = [...text, 'EOF'].map((_, o) => [o, index.lineOf(o), index.columnOf(o)]);
  assert.deepEqual(rows, [
    [0, 1, 1],
    [1, 1, 2],
    [2, 1, 3], // \r
    [3, 1, 4], // \n
    [4, 2, 1],
    [5, 2, 2],
    [6, 2, 3], // end of text
  ]);
});

test('lineOf and columnOf with a lone CR', () => {
  const index = new LineIndex('ab\rcd');
  assert.deepEqual([index.lineOf(2), index.lineOf(3), index.columnOf(3)], [1, 2, 1]);
});

test('columnOf counts UTF-16 units: an astral character is two columns wide', () => {
  const index = new LineIndex('x\n😀a');
  assert.equal(index.columnOf(2), 1);
  assert.equal(index.columnOf(4), 3, 'the "a" after 😀 is at column 3');
});

test('the end of the text has a line: after a trailing line break it is the empty line after it', () => {
  const index = new LineIndex('a\n');
  assert.equal(index.lineOf(2), 2);
  assert.deepEqual(index.lineSpan(2), { start: 2, end: 2 });
  assert.equal(new LineIndex('').lineOf(0), 1);
});

test('lineOf refuses an offset outside the text, naming the range', () => {
  const index = new LineIndex('abc');
  assert.throws(() => index.lineOf(-1), { name: 'RangeError', message: 'offset -1 outside 0..3' });
  assert.throws(() => index.lineOf(4), { name: 'RangeError', message: 'offset 4 outside 0..3' });
});

test('lineSpan refuses a line that does not exist', () => {
  const index = new LineIndex('a\nb');
  assert.throws(() => index.lineSpan(0), { name: 'RangeError', message: /line 0 outside/ });
  assert.throws(() => index.lineSpan(3), { name: 'RangeError', message: /line 3 outside/ });
});

test('lined adds the line of the start of a span', () => {
  const index = new LineIndex('a\r\nbb\rc');
  assert.deepEqual(index.lined({ start: 3, end: 5 }), { start: 3, end: 5, line: 2 });
  assert.deepEqual(index.lined({ start: 6, end: 7 }), { start: 6, end: 7, line: 3 });
});

const TRIM_CASES: { text: string; span: [number, number]; want: [number, number] }[] = [
  { text: '  ab  ', span: [0, 6], want: [2, 4] },
  { text: 'ab', span: [0, 2], want: [0, 2] },
  { text: '   ', span: [0, 3], want: [3, 3] },
  { text: 'x \r\n y', span: [1, 5], want: [5, 5] },
  { text: 'x \r\n y', span: [0, 6], want: [0, 6] },
];
for (const c of TRIM_CASES) {
  test(`trimSpan of ${JSON.stringify(c.text.slice(c.span[0], c.span[1]))} in ${JSON.stringify(c.text)}`, () => {
    assert.deepEqual(trimSpan(c.text, { start: c.span[0], end: c.span[1] }), { start: c.want[0], end: c.want[1] });
  });
}

/** Texts made of letters, line breaks of every kind and an astral character. */
const texts = fc.string({ unit: fc.constantFrom('a', '\n', '\r', '😀'), maxLength: 40 });

test('property: every offset lies in the span of its line, or in the line break that ends it', () => {
  fc.assert(
    fc.property(texts, (text) => {
      const index = new LineIndex(text);
      for (let o = 0; o <= text.length; o++) {
        const n = index.lineOf(o);
        const s = index.lineSpan(n);
        const nextStart = n < index.starts.length ? index.starts[n]! : text.length;
        if (o <= s.end) {
          assert.ok(s.start <= o, `offset ${o} before the start of its line ${n}`);
          assert.equal(index.columnOf(o), o - s.start + 1);
        } else {
          // o is inside the line break: between the end of the content and the next line.
          assert.ok(o < nextStart, `offset ${o} past line ${n}`);
          assert.match(text.slice(s.end, nextStart), /^(\r\n|\r|\n)$/);
        }
      }
    }),
    { numRuns: 500 },
  );
});

test('property: the line spans are the lines an editor shows, and the line breaks between them', () => {
  fc.assert(
    fc.property(texts, (text) => {
      const index = new LineIndex(text);
      const ref = referenceLines(text);
      if (ref.length > 1 && ref[ref.length - 1] === '') ref.pop(); // a trailing break opens no counted line
      assert.equal(index.count, ref.length);
      let rebuilt = '';
      for (let n = 1; n <= index.count; n++) {
        const s = index.lineSpan(n);
        assert.equal(text.slice(s.start, s.end), ref[n - 1], `line ${n}`);
        const next = n < index.starts.length ? index.starts[n]! : text.length;
        rebuilt += text.slice(s.start, next);
        assert.equal(index.lineOf(s.start), n);
      }
      assert.equal(rebuilt, text, 'the lines and their breaks put together give the text back');
    }),
    { numRuns: 500 },
  );
});

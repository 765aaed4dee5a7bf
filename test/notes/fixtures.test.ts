/**
 * Golden fixtures of the text stages (notes, markers, paragraphs): every
 * test/fixtures/notes/<case>.txt is run through `extractDoc` and compared with
 * <case>.expected.json, which holds each span with its exact text.
 *
 * UPDATE_FIXTURES=1 rewrites the expected files from what the code does now.
 * Do that only on purpose, and read the diff: the expected files say what is
 * RIGHT, not what the code happens to do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../../src/core/positions.js';
import { fromSuperscript } from '../../src/notes/zones.js';
import { extract } from '../core/doc.js';
import { golden, type Golden } from './golden.js';

const DIR = join(process.cwd(), 'test/fixtures/notes');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

/** Fixtures the code gets wrong today, with the bug: their comparison is a todo. */
const KNOWN_BUGS: Record<string, string> = {};

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -'.txt'.length))
  .sort();

test('the notes fixtures folder holds the expected cases', { skip: UPDATE && 'regenerating the expected files' }, () => {
  assert.ok(cases.length >= 8, `only ${cases.length} fixtures in ${DIR}`);
  for (const c of cases) assert.ok(readdirSync(DIR).includes(`${c}.expected.json`), `${c}.txt has no ${c}.expected.json`);
});

for (const c of cases) {
  const todo = KNOWN_BUGS[c];
  test(`fixture: ${c}`, todo ? { todo } : {}, () => {
    const text = readFileSync(join(DIR, `${c}.txt`), 'utf8');
    const actual = golden(text);
    const file = join(DIR, `${c}.expected.json`);
    if (UPDATE) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(file, 'utf8')) as Golden;
    assert.deepEqual(actual, expected);
  });

  // The same fixtures, checked against invariants that hold whatever the expected file says.
  test(`fixture invariants: ${c}: every non-blank line is body, note or heading, exactly once`, () => {
    const text = readFileSync(join(DIR, `${c}.txt`), 'utf8');
    const x = extract(text);
    const index = new LineIndex(text);
    const owner = new Map<number, string>();
    const claim = (line: number, who: string) => {
      assert.equal(owner.get(line), undefined, `line ${line} claimed by ${owner.get(line)} and by ${who}`);
      owner.set(line, who);
    };
    const linesOf = (s: { start: number; end: number }) => {
      const out: number[] = [];
      for (let l = index.lineOf(s.start); l <= index.lineOf(s.end); l++) {
        const ls = index.lineSpan(l);
        if (text.slice(Math.max(ls.start, s.start), Math.min(ls.end, s.end)).trim()) out.push(l);
      }
      return out;
    };
    x.sections.forEach((s) => claim(s.heading.line, `heading ${s.title}`));
    x.paragraphs.forEach((p) => p.spans.forEach((s) => linesOf(s).forEach((l) => claim(l, `paragraph ${p.index}`))));
    x.notes.forEach((n) => n.spans.forEach((s) => linesOf(s).forEach((l) => claim(l, `note ${n.label}`))));
    for (let l = 1; l <= index.count; l++) {
      const ls = index.lineSpan(l);
      if (text.slice(ls.start, ls.end).trim()) assert.ok(owner.has(l), `line ${l} is in no paragraph, note or heading`);
    }
  });

  test(`fixture invariants: ${c}: every marker's text is its label`, () => {
    const text = readFileSync(join(DIR, `${c}.txt`), 'utf8');
    const x = extract(text);
    for (const m of x.markers) {
      const t = text.slice(m.start, m.end);
      assert.equal(m.style === 'superscript' ? fromSuperscript(t) : t, m.label, `marker at line ${m.line}`);
    }
  });
}

test('a CRLF fixture gives the same notes and paragraphs as its LF twin, at offsets that slice right', () => {
  const lf = readFileSync(join(DIR, 'glued markers in a wrapped thesis and a sentence cut by a footnote block.txt'), 'utf8');
  const crlf = readFileSync(join(DIR, 'CRLF line ends in a wrapped thesis still slice right.txt'), 'utf8');
  assert.equal(crlf, lf.replace(/\n/g, '\r\n'), 'the CRLF fixture must be the LF one with CRLF line ends');
  const a = golden(lf);
  const b = golden(crlf);
  const texts = (g: Golden) => ({
    notes: g.notes.map((n) => ({ label: n.label, text: n.text, spans: n.spans.map((s) => [s.line, s.text.replace(/\r\n/g, '\n')]), markers: n.markers.map((m) => [m.line, m.text]) })),
    paragraphs: g.paragraphs,
  });
  assert.deepEqual(texts(b), texts(a));
  for (const n of b.notes) for (const s of n.spans) assert.ok(!s.text.startsWith('\n') && !s.text.endsWith('\r'), `note ${n.label} span cuts a CRLF`);
});

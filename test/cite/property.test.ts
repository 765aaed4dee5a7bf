/**
 * The citation parser on hostile input: it never throws, keeps every offset
 * inside the note, and stays linear (the test's timeout is the bound).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { citeNoteTexts } from '../../src/cite/stage.js';
import { parseReference } from '../../src/cite/reference.js';
import { parseArchival } from '../../src/cite/archival.js';
import { splitNote } from '../../src/cite/split.js';

function checkNote(text: string): void {
  const r = citeNoteTexts('p', [{ label: '1', text }]);
  for (const c of r.citations) {
    assert.ok(0 <= c.start && c.start <= c.end && c.end <= text.length, `citation ${c.start}..${c.end} outside 0..${text.length}`);
    for (const s of c.spans) assert.ok(s.start >= 0 && s.end <= text.length);
  }
  for (const p of splitNote(text)) assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length);
}

// Text made of the pieces references are made of, so the parser's paths are exercised.
const tokens = fc.constantFrom('RGVA', 'f.', 'op.', 'd.', 'l.', 'll.', 'Ibid.', 'p.', 'pp.', 'ed. by', 'in', 'See', 'and', '(', ')', '‘', '’', '“', '”', '*', ';', ',', '.', ':', '1937', '12-14', 'Conquest', 'The Great Terror', 'London', 'Macmillan', 'vols', 'II', 'no.', '\u0000', '<script>', '&amp;', '\n');
const referenceLike = fc.array(tokens, { maxLength: 60 }).map((a) => a.join(' '));

test('random strings and reference-like token soup never throw, offsets stay inside', { timeout: 60_000 }, () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => checkNote(s)), { numRuns: 300 });
  fc.assert(fc.property(referenceLike, (s) => checkNote(s)), { numRuns: 500 });
  fc.assert(fc.property(referenceLike, (s) => {
    parseReference(s);
    for (const h of parseArchival(s)) assert.ok(h.start >= 0 && h.end <= s.length && h.start <= h.end);
  }), { numRuns: 500 });
});

test('10,000 semicolons, 5,000 nested brackets and a 1 MB note come back (the timeout is the bound)', { timeout: 30_000 }, () => {
  checkNote(';'.repeat(10_000));
  checkNote('Conquest, p. 1; '.repeat(10_000 / 16 | 0) + ';'.repeat(10_000));
  checkNote('('.repeat(5_000) + 'London: Macmillan, 1968' + ')'.repeat(5_000));
  checkNote('['.repeat(5_000) + '(' .repeat(5_000));
  const mb = 'RGVA, f. 4, op. 14, d. 70, l. 1; d. 74; Conquest, The Great Terror (London: Macmillan, 1968), p. 5. ';
  checkNote(mb.repeat(Math.ceil(1_000_000 / mb.length)).slice(0, 1_000_000));
  checkNote('a'.repeat(1_000_000));
  checkNote('A, '.repeat(300_000));
  parseArchival('d. 1; '.repeat(20_000));
});

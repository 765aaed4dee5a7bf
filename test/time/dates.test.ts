import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findDates, newContext, parseEdtf } from '../../src/time/dates.js';

/** The dates of a text read with 1937 in force, as "text=edtf (precision)". */
function read(text: string, year: number | null = 1937): string[] {
  return findDates(text, newContext(year)).dates.map((d) => `${d.text}=${d.edtf} (${d.precision})`);
}

test('full dates, and a day and month that take the year in force', () => {
  assert.deepEqual(read('On 14 May Avgust Kork was arrested.'), ['14 May=1937-05-14 (day)']);
  assert.deepEqual(read('He was born on 22 May 1893.', null), ['22 May 1893=1893-05-22 (day)']);
  assert.deepEqual(read('on May 22, 1937'), ['May 22, 1937=1937-05-22 (day)']);
  assert.deepEqual(read('1937-05-22 and 22.05.1937'), ['1937-05-22=1937-05-22 (day)', '22.05.1937=1937-05-22 (day)']);
  assert.deepEqual(read('Расстрелян 12 июня 1937 г.'), ['12 июня 1937 г.=1937-06-12 (day)']);
});

test('the year in force: a day with its year sets it; a bare year in an aside governs only the words after it', () => {
  const ctx = newContext();
  findDates('The plenum met on 23 June 1937.', ctx);
  assert.equal(ctx.year, 1937);
  // "in 1930" is an aside: it dates "10 September" right after it, not the next paragraph's "22 May".
  const aside = findDates('He had been denounced in 1930, on 10 September, by two officers.', ctx).dates;
  assert.equal(aside[1]!.edtf, '1930-09-10');
  assert.equal(findDates('On 22 May he was arrested.', ctx).dates[0]!.edtf, '1937-05-22');
  // Moving forward by a part of a year sets it.
  findDates('By early 1938 the purge had slowed.', ctx);
  assert.equal(findDates('In March the arrests fell.', ctx).dates[0]!.edtf, '1938-03');
});

test('months, seasons and parts carry bounds; a bare month counts only in a date\u2019s company', () => {
  const one = (s: string) => findDates(s, newContext(1937)).dates[0]!;
  assert.deepEqual({ ...one('in early May') }, { ...one('in early May'), edtf: '1937-05', min: '1937-05-01', max: '1937-05-10', precision: 'month' });
  assert.equal(one('at the end of July').min, '1937-07-21');
  assert.deepEqual([one('in summer 1937').edtf, one('in summer 1937').min, one('in summer 1937').max], ['1937-22', '1937-06-01', '1937-08-31']);
  assert.deepEqual([one('in winter 1937-38').edtf, one('in winter 1937-38').max], ['1937-24', '1938-02-28']);
  assert.deepEqual([one('mid-1937').edtf, one('mid-1937').min, one('mid-1937').max], ['1937', '1937-05-01', '1937-08-31']);
  assert.equal(one('the 1930s').edtf, '193X');
  assert.deepEqual(read('he may go'), []);
  assert.deepEqual(read('in May'), ['May=1937-05 (month)']);
});

test('ranges of days, months and years', () => {
  assert.deepEqual(read('1-4 June 1937'), ['1-4 June 1937=1937-06-01/1937-06-04 (range)']);
  assert.deepEqual(read('Between 8 and 10 May'), ['Between 8 and 10 May=1937-05-08/1937-05-10 (range)']);
  assert.deepEqual(read('in 1937-38'), ['1937-38=1937/1938 (range)']);
  assert.deepEqual(read('between 1936 and 1938'), ['between 1936 and 1938=1936/1938 (range)']);
  assert.deepEqual(read('May-June 1937'), ['May-June 1937=1937-05/1937-06 (range)']);
  // "on 14 and 15 May" is two days, not a range.
  assert.deepEqual(read('arrested on 14 and 15 May'), ['14 and 15 May=1937-05-14 (day)', '14 and 15 May=1937-05-15 (day)']);
});

test('relative dates count from the last dated day; "the day before" from a day that follows it', () => {
  assert.deepEqual(read('On 14 May Kork was arrested. The following day, Feldman was arrested. Eleven days later Iakir was moved.'), [
    '14 May=1937-05-14 (day)',
    'The following day=1937-05-15 (day)',
    'Eleven days later=1937-05-26 (day)',
  ]);
  assert.equal(findDates('the day before he sent his 10 May report', newContext(1937)).dates[0]!.edtf, '1937-05-09');
  assert.deepEqual(read('a week later', null), [], 'nothing to count from');
});

test('Old Style beside New Style: the Gregorian date, marked Julian where the text gives only the Julian', () => {
  assert.deepEqual(read('born 3 July [O.S. 22 June] 1887', null), ['3 July [O.S. 22 June] 1887=1887-07-03 (day)']);
  const os = findDates('on 25 October (O.S.) 1917', newContext()).dates[0]!;
  assert.equal(os.edtf, '1917-11-07');
  assert.equal(os.calendar, 'julian');
});

test('impossible or malformed dates are problems, not dates', () => {
  for (const s of ['on 31 February 1937', 'on 30 February', '1937-13', '1937-05-32', '31.06.1937']) {
    const r = findDates(s, newContext(1937));
    assert.deepEqual(r.dates, [], s);
    assert.equal(r.problems.length, 1, s);
  }
  assert.equal(findDates('29 February 1936', newContext()).dates[0]!.edtf, '1936-02-29');
});

test('years inside skipped ranges (citations) are not dates', () => {
  const text = 'He was shot (Conquest, The Great Terror, London, 1968, p. 5) in June.';
  const at = text.indexOf('(');
  const r = findDates(text, newContext(1937), [{ start: at, end: text.indexOf(')') + 1 }]);
  assert.deepEqual(r.dates.map((d) => d.edtf), ['1937-06']);
});

test('parseEdtf gives the bounds of every form the parser writes', () => {
  assert.deepEqual(parseEdtf('1937-05'), { edtf: '1937-05', min: '1937-05-01', max: '1937-05-31', precision: 'month' });
  assert.equal(parseEdtf('1937-21')!.precision, 'season');
  assert.equal(parseEdtf('1937/1938')!.max, '1938-12-31');
  assert.equal(parseEdtf('193X')!.min, '1930-01-01');
  assert.equal(parseEdtf('1937-02-30'), null);
});

test('property: date reading is linear in the text and never throws, on adversarial strings', () => {
  const pieces = fc.constantFrom('1', '14', '31', '1937', '-', '–', '38', 'May', 'may', 'June', 'and', 'between', 'to', 'early', 'the', 'following', 'day', 'days', 'later', 'before', '[', ']', '(', ')', 'O.S.', 'N.S.', '.', ',', 'summer', 'of', 'mid', 's', '00447', 'февраля', 'г.', '\u0000', '<script>');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 400 }), fc.constantFrom(' ', '', '\n'), (a, sep) => {
      const text = a.join(sep);
      const r = findDates(text, newContext(1937));
      // Every token is visited a bounded number of times.
      assert.ok(r.steps <= 20 * (text.length + 1), `${r.steps} steps on ${text.length} characters`);
      for (const d of r.dates) assert.ok(d.min <= d.max && d.start < d.end && text.slice(d.start, d.end) === d.text);
    }),
    { numRuns: 300 },
  );
});

test('forms met in the Wikipedia articles: a year after a parenthesis or a note, New Style in brackets, named months, "a year later"', () => {
  assert.equal(findDates('Kork was arrested on 12 May (16 May according to Conquest) 1937.', newContext(1935)).dates[0]!.edtf, '1937-05-12');
  assert.equal(findDates('on 19 December[1] 1896', newContext()).dates[0]!.edtf, '1896-12-19');
  assert.equal(findDates('on 25 October 1917 (7 November New Style).', newContext()).dates[0]!.edtf, '1917-11-07');
  const os = findDates('Established on December 5 (Old Style) 1917 by the Sovnarkom', newContext()).dates[0]!;
  assert.deepEqual([os.edtf, os.calendar], ['1917-12-18', 'julian']);
  assert.deepEqual(read('the suppression of the August Uprising'), []);
  assert.equal(findDates('from 1929 to 1931 he taught. A year later he commanded a corps.', newContext()).dates[1]!.edtf, '1932');
  assert.equal(findDates('Between February and May 1919 he was chief of staff. In June, he became assistant.', newContext(1918)).dates[1]!.edtf, '1919-06');
});

test('a month the story looks ahead to ("by the time ... in November 1938") does not move the year in force', () => {
  const ctx = newContext();
  findDates('Mironov reported to Moscow on 17 June 1937.', ctx);
  findDates('By the time the purge was brought to a halt in November 1938, thousands had been discharged.', ctx);
  assert.equal(findDates('In response, on 28 June, Stalin ordered a troika.', ctx).dates[0]!.edtf, '1937-06-28');
  findDates('In March 1938 the third trial opened.', ctx);
  assert.equal(findDates('On 2 April the verdicts were read.', ctx).dates[0]!.edtf, '1938-04-02', 'a month told in the story still moves it');
});

test('a new section may open further back: its first month or season with a year sets the year in force, an aside elsewhere does not', () => {
  const ctx = newContext();
  findDates('On 11 June 1937 the court sat.', ctx);
  findDates('He recalled the quarrel in May 1936.', ctx);
  assert.equal(findDates('On 12 June the sentence was carried out.', ctx).dates[0]!.edtf, '1937-06-12', 'an aside in the middle of a section');
  ctx.fresh = true;
  findDates('The arrests in the summer and autumn of 1936 were different.', ctx);
  assert.equal(findDates('Budennyi wrote on 22 August.', ctx).dates[0]!.edtf, '1936-08-22', 'a section opening in 1936');
  ctx.fresh = true;
  findDates('In 1930 there had been quarrels; on 3 May the council met.', ctx);
  assert.equal(findDates('On 4 May it rose.', ctx).dates[0]!.edtf, '1936-05-04', 'a bare year at a section start is still only an aside');
});

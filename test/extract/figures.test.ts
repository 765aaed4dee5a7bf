import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../core/doc.js';

/** Figures of a made-up text as "qualifier value[-max] unit measure". */
function figures(text: string): string[] {
  return extract(text).figures.map((f) => `${f.qualifier ?? '='} ${f.value}${f.max !== null ? `-${f.max}` : ''} ${f.unit} ${f.measure}`);
}

test('counts with what they count and their approximation', () => {
  assert.deepEqual(figures('Over 30,000 army leaders were discharged from the Red Army in 1937-38.\n'), ['over 30000 people officers_discharged']);
  assert.deepEqual(figures('In all 34,301 officers were discharged.\n'), ['= 34301 people officers_discharged']);
  assert.deepEqual(figures('Nearly 1.15 million people were arrested in the kulak operation.\n'), ['nearly 1150000 people people_arrested']);
  assert.deepEqual(figures('At least eleven commanders were shot.\n'), ['at least 11 people officers_executed']);
  assert.deepEqual(figures('Some thirty thousand officers were reinstated.\n'), ['about 30000 people officers_reinstated']);
});

test('ranges, percentages and quotas', () => {
  assert.deepEqual(figures('Between 20,000 and 30,000 officers were arrested.\n'), ['= 20000-30000 people officers_arrested']);
  assert.deepEqual(figures('The region exceeded its target by 150 per cent.\n'), ['= 150 percent quota']);
  assert.deepEqual(figures('The limits set 75,950 people to be shot.\n'), ['= 75950 people quota']);
});

test('the scope: the period, the organization and the operation the sentence gives', () => {
  const f = extract('In 1937-38 the NKVD shot 386,798 people in the kulak operation.\n').figures[0]!;
  assert.deepEqual(f.scope, { period: '1937/1938', organization: 'nkvd', operation: 'kulak' });
  assert.equal(f.number.text, '386,798');
});

test('years, order numbers, pages and note markers are not figures', () => {
  assert.deepEqual(figures('Order No. 00447 of 1937 was signed, see p. 12.\n'), []);
  assert.deepEqual(figures('Many were arrested in 1937.26 Others were shot.\n'), []);
});

test('a number too large to count people is flagged', () => {
  const x = extract('Some 900,000,000 people were arrested.\n');
  assert.ok(x.diagnostics.some((d) => d.rule === 'figures:too-large'));
});

test('a note marker glued to a number is no decimal', () => {
  // The "184" is note 184's marker: the figure is 3387.
  const x = extract(
    [
      'The purge of the army was described in the reports of the political administration in 1937.1 ',
      'In another set of statistics the discharges during the second quarter of 1937 ',
      'totalled 3387.2 So large numbers of discharges had occurred between April and July, ',
      'and the reports of the districts said the same in their own words again and again.3 ',
      '1 RGVA, f. 9, op. 29, d. 318, l. 2. ',
      '2 RGVA, f. 4, op. 14, d. 70, l. 1. ',
      '3 Ibid., l. 5. ',
      '',
    ].join('\n'),
  );
  assert.ok(x.markers.some((m) => m.label === '2'), 'the marker is found');
  assert.deepEqual(x.figures.map((f) => f.value), [3387]);
});

test('the verb a number is subject of decides its measure, over an action word before it', () => {
  assert.deepEqual(figures('In all 34,301 officers were discharged, but 11,596 of these were eventually reinstated.\n'), [
    '= 34301 people officers_discharged',
    '= 11596 people officers_reinstated',
  ]);
  assert.deepEqual(figures('The court tried 408 commanders; 401 were sentenced to death and 7 to various terms in labour camps.\n'), [
    '= 408 people officers_repressed',
    '= 401 people officers_executed',
    '= 7 people officers_repressed',
  ]);
  assert.deepEqual(figures('By 1939 more officers were reinstated (867) than arrested (344).\n'), ['= 867 people officers_reinstated', '= 344 people officers_arrested']);
  assert.deepEqual(figures('Newly released statistics show that 9.7% of the officers were repressed.\n'), ['= 9.7 percent officers_repressed']);
});

test('a sentence counting on takes what the passage was counting', () => {
  assert.deepEqual(figures('By June 980 officers had been arrested. Ezhov said the number now stood at 1,100.\n'), [
    '= 980 people officers_arrested',
    '= 1100 people officers_arrested',
  ]);
  assert.deepEqual(figures('In all 34,301 officers were discharged. One set of statistics records 4474 arrests in 1937.\n'), [
    '= 34301 people officers_discharged',
    '= 4474 people officers_arrested',
  ]);
});

test('ranges of percentages; strengths, days, tables and page ranges are no figures', () => {
  assert.deepEqual(figures('It was estimated that between 25% and 50% of the officer corps were repressed.\n'), ['= 25-50 percent officers_repressed']);
  assert.deepEqual(figures('In 1937 the leadership numbered 144,300, of whom 11,034 were discharged.\n'), ['= 11034 people officers_discharged']);
  assert.deepEqual(figures('He was arrested on May 22 and shot, see Table 9.1 and pp. 189-190.\n'), []);
  assert.deepEqual(figures('Just before the Trial of the Sixteen the Politburo approved the proposal.\n'), []);
});

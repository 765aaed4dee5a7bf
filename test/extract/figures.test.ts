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

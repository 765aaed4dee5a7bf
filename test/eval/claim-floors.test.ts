/**
 * Floors under the claims on eval/gold/claims/*.json (313 claims, 186
 * distinct views over the five texts): raised as the stage improves, never
 * lowered without a note. Measured: views P 0.52 R 0.58; claims with their
 * passage P 0.40 R 0.38; holders P 0.76 R 0.72. The issue's target is views
 * P 0.9 R 0.8: not reached.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalClaims } from '../../eval/run.js';
import { sharedDir } from '../support.js';

test('claims hold their floors (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const all = evalClaims(shared).find((r) => r.document === 'all')!.scores;
  const v = all['views (holder, interpretation, stance)']!;
  const p = all['claims with their passage']!;
  assert.ok(v.gold >= 180, 'the gold has its 186 views');
  assert.ok(v.precision >= 0.5 && v.recall >= 0.55, `views P ${v.precision} R ${v.recall}`);
  assert.ok(p.precision >= 0.38 && p.recall >= 0.37, `passages P ${p.precision} R ${p.recall}`);
  assert.ok(all.holders!.precision >= 0.74 && all.holders!.recall >= 0.7, `holders P ${all.holders!.precision} R ${all.holders!.recall}`);
});

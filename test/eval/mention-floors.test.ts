/**
 * Floors under the mentions stage's scores on the hand-made gold
 * (eval/gold/mentions/): raised as the stage improves, never lowered
 * without a note. Measured: P 0.983, R 0.971, linking 0.983.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalMentions } from '../../eval/run.js';
import { sharedDir } from '../support.js';

test('mentions over the five texts hold their floors: precision, recall, linking accuracy (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const results = evalMentions(shared);
  const all = results.find((r) => r.document === 'all gold texts')!;
  const found = all.scores['mentions (overlap)']!;
  const linking = all.scores['linking accuracy (as P)']!;
  assert.ok(found.gold >= 2200, `${found.gold} gold mentions`);
  assert.ok(found.precision >= 0.975, `precision ${found.precision}`);
  assert.ok(found.recall >= 0.965, `recall ${found.recall}`);
  assert.ok(linking.precision >= 0.975, `linking ${linking.precision}`);
  for (const r of results.filter((x) => x.document !== 'all gold texts')) {
    const s = r.scores['mentions (overlap)']!;
    assert.ok(s.f1 >= 0.93, `${r.document}: F1 ${s.f1}`);
  }
});

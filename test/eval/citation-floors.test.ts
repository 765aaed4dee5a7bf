/**
 * Floors for the citation stage (needs ../shared): the scores `npm run eval`
 * prints may rise, never fall below these. Raise them as the parser improves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalCitationDatasets, evalCitations } from '../../eval/run.js';
import { sharedDir } from '../support.js';

const FLOORS: Record<string, Record<string, number>> = {
  '001_c4ac7dda3f8e1784.txt': { 'fields (CSL, field-level)': 0.96, 'archival fields': 0.99, 'Ibid./short resolution': 0.98, 'references found (split)': 0.97 },
  '000_535945941eb00f87.txt': { 'fields (CSL, field-level)': 0.96, 'archival fields': 0.99, 'Ibid./short resolution': 0.99, 'references found (split)': 0.98 },
  'rplrt-chicago-footnotes (labelled sample)': { 'fields (CSL, field-level)': 0.68, 'references found (split)': 0.9 },
};

test('citation scores on the gold of 001 and 000 and on the Chicago sample stay above their floors (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const results = [...evalCitations(shared), ...evalCitationDatasets(shared)];
  assert.equal(results.length, 3, 'all three gold sets scored');
  for (const r of results) {
    for (const [metric, floor] of Object.entries(FLOORS[r.document] ?? {})) {
      const s = r.scores[metric];
      assert.ok(s, `${r.document}: no score "${metric}"`);
      assert.ok(s.f1 >= floor, `${r.document} ${metric}: F1 ${s.f1.toFixed(3)} fell below ${floor}`);
    }
  }
});

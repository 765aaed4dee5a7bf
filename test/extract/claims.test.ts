/** Claims read from short passages written for the test: attribution, lists of names, stance, note lists, and names merely nearby. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDoc } from '../../src/pipeline.js';
import { documentMeta } from '../../src/text/manifest.js';

function claimsOf(text: string, csl: Record<string, unknown> | null = null) {
  const source = { path: 'test.txt', sha256: 'x', encoding: 'utf-8', text, bytes: Buffer.from(text) } as never;
  const meta = documentMeta(source, text, csl as never);
  return extractDoc(text, meta).claims.map((c) => `${c.holder ?? c.holderName}|${c.interpretation}|${c.stance}|${c.evidence}`);
}

test('a verb of saying after a name attributes the view, and the document author reports it', () => {
  const text = 'The Purge\n\nGetty argues that Stalin launched the mass operations because local party leaders feared the Supreme Soviet elections.\n';
  const got = claimsOf(text, { id: 't', type: 'article-journal', kind: 'article', title: 'The Purge', author: [{ family: 'Whitewood', given: 'Peter' }] });
  assert.deepEqual(got, ['getty-j-arch|election-panic|supports|attribution']);
});

test('a list of names shares one verb; "according to" attributes too', () => {
  const text = 'The Purge\n\nHistorians such as John Erickson, Robert Conquest and Adam Ulam saw the military purge as a consolidation of power by Stalin.\n\nAccording to Minakov, there was a genuine conspiracy in the high command to unseat Voroshilov.\n';
  const got = claimsOf(text);
  for (const want of ['erickson-john|power-consolidation|supports|attribution', 'conquest-robert|power-consolidation|supports|attribution', 'ulam-adam|power-consolidation|supports|attribution', 'minakov-sergei|genuine-conspiracy|supports|attribution', 'minakov-sergei|high-command-factionalism|supports|attribution']) {
    assert.ok(got.includes(want), `${want} in ${got.join(', ')}`);
  }
});

test('a rejecting verb or a denial near the cue rejects the view', () => {
  const text = 'The Purge\n\nCherushev has firmly rebutted those who still maintain that there was a genuine military plot in the Red Army.\n';
  assert.ok(claimsOf(text).includes('cherushev-nikolai|genuine-conspiracy|rejects|attribution'));
});

test('a name merely near a view is not its holder', () => {
  const text = 'The Purge\n\nIn 1937 Tukhachevskii was arrested while Getty was not yet born, and the officers were accused of a genuine conspiracy.\n';
  assert.deepEqual(claimsOf(text).filter((c) => c.startsWith('getty')), []);
});

test("the men the purge struck or ran are not holders of a view of it", () => {
  const text = 'The Purge\n\nStalin claimed that there was a genuine conspiracy in the Red Army.\n';
  assert.deepEqual(claimsOf(text).filter((c) => c.startsWith('stalin')), []);
});

/**
 * The accuracy floors: each stage's score on the gold must stay at or above
 * the floor below. Raise a floor when the score improves; never lower one
 * without a note saying why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalNoteDatasets, evalNotes } from '../../eval/run.js';
import { sharedDir } from '../support.js';

const FLOORS: Record<string, { precision: number; recall: number }> = {
  'notes (label, chapter, every line range)': { precision: 0.99, recall: 0.99 },
  'page-split continuations': { precision: 0.99, recall: 0.99 },
  'markers (line)': { precision: 0.99, recall: 0.99 },
  'note lines': { precision: 0.99, recall: 0.99 },
};

test('note detection on 001 and 000 stays above its floors against the gold (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  for (const r of evalNotes(shared)) {
    for (const [name, floor] of Object.entries(FLOORS)) {
      const s = r.scores[name];
      assert.ok(s, `no score '${name}' for ${r.document}`);
      assert.ok(s.precision >= floor.precision, `${r.document} ${name}: precision ${s.precision.toFixed(3)} < ${floor.precision}\n${r.errors.slice(0, 5).join('\n')}`);
      assert.ok(s.recall >= floor.recall, `${r.document} ${name}: recall ${s.recall.toFixed(3)} < ${floor.recall}\n${r.errors.slice(0, 5).join('\n')}`);
    }
  }
});

/** Footnote-zone line F1 and notes found on the labelled datasets (GROBID's own segmentation F1 there is 0.56). */
const DATASET_FLOORS: Record<string, { lines: number; notes: number }> = {
  ghae045: { lines: 0.98, notes: 0.99 },
  ghaf028: { lines: 0.87, notes: 0.99 },
  AUSSANT2014INTER: { lines: 0.87, notes: 0.99 },
};

test('note detection on the footnote zones labelled in ../shared/datasets stays above its floors (needs ../shared)', (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const results = evalNoteDatasets(shared);
  assert.equal(results.length, 3);
  for (const r of results) {
    const key = Object.keys(DATASET_FLOORS).find((k) => r.document.includes(k));
    assert.ok(key, `no floor for ${r.document}`);
    const floor = DATASET_FLOORS[key]!;
    assert.ok(r.scores['footnote lines']!.f1 >= floor.lines, `${r.document}: footnote-line F1 ${r.scores['footnote lines']!.f1.toFixed(3)} < ${floor.lines}`);
    assert.ok(r.scores['notes (label)']!.recall >= floor.notes, `${r.document}: notes recall ${r.scores['notes (label)']!.recall.toFixed(3)} < ${floor.notes}`);
  }
});

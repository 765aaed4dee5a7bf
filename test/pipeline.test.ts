import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../src/core/positions.js';
import { checkStages, runStages, STAGES, type Doc, type Layers, type Stage } from '../src/pipeline.js';
import { testMeta } from './core/doc.js';

function doc(text: string): Doc {
  return { text, index: new LineIndex(text), meta: testMeta(text) };
}

/** A stage that does nothing but declare. */
function stage(name: string, reads: (keyof Layers)[], adds: (keyof Layers)[], run: Stage['run'] = () => ({})): Stage {
  return { name, reads, adds, run };
}

test('checkStages accepts the pipeline as assembled', () => {
  assert.doesNotThrow(() => checkStages(STAGES));
});

test('STAGES have unique names', () => {
  const names = STAGES.map((s) => s.name);
  assert.deepEqual(names, [...new Set(names)]);
});

test('checkStages: a stage that reads a layer no earlier stage adds is refused, naming both', () => {
  assert.throws(() => checkStages([stage('lines', [], ['lines']), stage('notes', ['lines', 'layout'], ['notes'])]), {
    message: "pipeline: stage 'notes' reads 'layout', which no earlier stage adds",
  });
});

test('checkStages: a stage that reads a layer added only by a later stage is refused', () => {
  assert.throws(() => checkStages([stage('body', ['zones'], ['body']), stage('notes', [], ['zones'])]), {
    message: "pipeline: stage 'body' reads 'zones', which no earlier stage adds",
  });
});

test('checkStages: a stage that reads its own layer is refused', () => {
  assert.throws(() => checkStages([stage('loop', ['lines'], ['lines'])]), {
    message: "pipeline: stage 'loop' reads 'lines', which no earlier stage adds",
  });
});

test('checkStages: a layer added twice is refused, naming the second stage', () => {
  assert.throws(() => checkStages([stage('lines', [], ['lines', 'units']), stage('again', ['lines'], ['units'])]), {
    message: "pipeline: layer 'units' added twice (stage 'again')",
  });
});

test('checkStages: STAGES reordered so that body runs before notes is refused', () => {
  const reordered = [...STAGES];
  const notes = reordered.findIndex((s) => s.name === 'notes');
  const body = reordered.findIndex((s) => s.name === 'body');
  [reordered[notes], reordered[body]] = [reordered[body]!, reordered[notes]!];
  assert.throws(() => checkStages(reordered), { message: "pipeline: stage 'body' reads 'zones', which no earlier stage adds" });
});

test('runStages: a stage that returns a layer it does not declare is refused, naming both', () => {
  const sneaky = stage('lines', [], ['lines'], () => ({ lines: [], units: [] }));
  assert.throws(() => runStages(doc('a'), [sneaky]), { message: "pipeline: stage 'lines' returned 'units', which it does not declare" });
});

test('runStages: a stage that reads a layer absent at run time says which', () => {
  const layout = STAGES.find((s) => s.name === 'layout')!;
  assert.throws(() => runStages(doc('a'), [layout]), { message: /^pipeline: layer '(lines|units)' read before it was added$/ });
});

test('every stage runs on exactly the layers it declares it reads, and returns exactly the layers it declares it adds', () => {
  const text = readFileSync(join(process.cwd(), 'test/fixtures/notes/notes numbered anew after a chapter heading.txt'), 'utf8');
  const d = doc(text);
  const all: Partial<Layers> = {};
  for (const s of STAGES) {
    // Only the declared layers are visible: reading any other one throws.
    const visible: Partial<Layers> = {};
    for (const r of s.reads) Object.assign(visible, { [r]: all[r] });
    const out = s.run(d, visible);
    assert.deepEqual(Object.keys(out).sort(), [...s.adds].sort(), `stage '${s.name}'`);
    Object.assign(all, out);
  }
  assert.deepEqual(Object.keys(all).sort(), [...new Set(STAGES.flatMap((s) => s.adds))].sort());
});

/**
 * `kartoteka extract FILE --json`: the contract document, validated against
 * schema/extract.schema.json, and the invariants of its positions, on the
 * sample corpus and the shared corpus.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import AjvModule from 'ajv';
import { sharedDir, tempDir } from '../support.js';
import { EXAMPLES, ROOT, assertOneErrorLine, json, kartoteka, lineOf, originalUtf8 } from './helpers.js';

const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'extract.schema.json'), 'utf8'));
const validate = new (Ajv as any)({ allErrors: true, strict: false }).compile(schema);

interface LinedSpan {
  start: number;
  end: number;
  line: number;
}
interface Output {
  document: { id: string; chars: number; path: string };
  notes: { id: string; label: string; text: string; spans: LinedSpan[]; markers: LinedSpan[] }[];
  markers: (LinedSpan & { label: string; note: string | null })[];
  paragraphs: { spans: LinedSpan[] }[];
  sentences: { spans: LinedSpan[] }[];
  sections: (LinedSpan & { heading?: LinedSpan })[];
  diagnostics: { start?: number; end?: number; line?: number }[];
  [k: string]: unknown;
}

const sampleFiles = readdirSync(EXAMPLES).filter((n) => n.endsWith('.txt')).sort();

function extract(t: TestContext, file: string): Output {
  return json<Output>(tempDir(t), ['extract', file]);
}

function assertValid(out: unknown, file: string): void {
  const ok = validate(out);
  assert.ok(ok, `${file}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

/** Every positioned record of the output, with a name for messages. */
function allSpans(out: Output): [string, LinedSpan][] {
  const spans: [string, LinedSpan][] = [];
  out.sections.forEach((s, i) => {
    spans.push([`sections[${i}]`, s]);
    if (s.heading) spans.push([`sections[${i}].heading`, s.heading]);
  });
  out.notes.forEach((n) => {
    n.spans.forEach((s, j) => spans.push([`note ${n.label} span ${j}`, s]));
    n.markers.forEach((s, j) => spans.push([`note ${n.label} marker ${j}`, s]));
  });
  out.markers.forEach((m, i) => spans.push([`markers[${i}]`, m]));
  out.paragraphs.forEach((p, i) => p.spans.forEach((s, j) => spans.push([`paragraphs[${i}] span ${j}`, s])));
  out.sentences.forEach((p, i) => p.spans.forEach((s, j) => spans.push([`sentences[${i}] span ${j}`, s])));
  out.diagnostics.forEach((d, i) => {
    if (d.start !== undefined && d.end !== undefined && d.line !== undefined) spans.push([`diagnostics[${i}]`, d as LinedSpan]);
  });
  return spans;
}

/** The position invariants; `text` is the original text (null when the test cannot decode it itself). */
function assertInvariants(out: Output, text: string | null, file: string): void {
  const chars = out.document.chars;
  if (text !== null) assert.equal(chars, text.length, `${file}: document.chars`);
  for (const [name, s] of allSpans(out)) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${file}: ${name} has non-integer offsets`);
    assert.ok(0 <= s.start && s.start <= s.end && s.end <= chars, `${file}: ${name} [${s.start}, ${s.end}) outside 0..${chars}`);
    if (text !== null) assert.equal(s.line, lineOf(text, s.start), `${file}: ${name} at ${s.start} says line ${s.line}`);
  }
  // Note spans overlap neither each other nor any paragraph span.
  const noteSpans = out.notes.flatMap((n) => n.spans.map((s) => ({ ...s, what: `note ${n.label}` })));
  const paraSpans = out.paragraphs.flatMap((p, i) => p.spans.map((s) => ({ ...s, what: `paragraph ${i}` })));
  const sorted = [...noteSpans].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    assert.ok(a.end <= b.start, `${file}: ${a.what} [${a.start},${a.end}) overlaps ${b.what} [${b.start},${b.end})`);
  }
  const paras = [...paraSpans].sort((a, b) => a.start - b.start);
  for (const n of sorted) {
    // Paragraph spans are sorted by start: only those starting before n.end can overlap.
    for (const p of paras) {
      if (p.start >= n.end) break;
      assert.ok(p.end <= n.start, `${file}: ${n.what} [${n.start},${n.end}) overlaps ${p.what} [${p.start},${p.end})`);
    }
  }
  // A note's markers come before its text.
  for (const n of out.notes) {
    for (const m of n.markers) {
      assert.ok(m.end <= n.spans[0]!.start, `${file}: note ${n.label} has a marker at ${m.start} after its first span at ${n.spans[0]!.start}`);
    }
  }
}

test('the schema check itself rejects an extract whose note span has a negative offset', (t) => {
  const out = extract(t, join(EXAMPLES, 'army-purge-article.txt'));
  assert.ok(validate(out));
  out.notes[0]!.spans[0]!.start = -1;
  assert.equal(validate(out), false);
});

for (const name of sampleFiles) {
  test(`extract --json of examples/corpus/${name} validates against the schema and keeps the position invariants`, (t) => {
    const file = join(EXAMPLES, name);
    const out = extract(t, file);
    assertValid(out, name);
    // spravka-1251.txt is Windows-1251: decode it as Windows-1251 to check lines.
    const text = name === 'spravka-1251.txt' ? new TextDecoder('windows-1251').decode(readFileSync(file)) : originalUtf8(file);
    assertInvariants(out, text, name);
  });
}

function sharedCorpus(t: TestContext): string | null {
  const dir = sharedDir(t);
  return dir ? join(dir, 'corpus') : null;
}

test('extract --json of the five shared texts validates against the schema and keeps the position invariants (needs ../shared)', (t) => {
  const dir = sharedCorpus(t);
  if (!dir) return;
  const names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
  assert.equal(names.length, 5);
  for (const name of names) {
    const file = join(dir, name);
    const out = extract(t, file);
    assertValid(out, name);
    assertInvariants(out, originalUtf8(file), name);
  }
});

test('extract finds 933 notes in shared text 001 and 80 in 000, each with exactly one marker (needs ../shared)', (t) => {
  const dir = sharedCorpus(t);
  if (!dir) return;
  for (const [prefix, count] of [['000_', 80], ['001_', 933]] as const) {
    const name: string = readdirSync(dir).find((n) => n.startsWith(prefix))!;
    const out = extract(t, join(dir, name));
    assert.equal(out.notes.length, count, `${name}: notes`);
    const without = out.notes.filter((n) => n.markers.length !== 1).map((n) => `${n.label}:${n.markers.length}`);
    assert.deepEqual(without, [], `${name}: notes without exactly one marker`);
  }
});

test('extract of shared text 002 (markers survive, note texts do not) gives markers with note null and no notes (needs ../shared)', (t) => {
  const dir = sharedCorpus(t);
  if (!dir) return;
  const name = readdirSync(dir).find((n) => n.startsWith('002_'))!;
  const out = extract(t, join(dir, name));
  assert.equal(out.notes.length, 0);
  assert.ok(out.markers.length > 0, 'no markers found');
  assert.ok(out.markers.every((m) => m.note === null), 'a marker points at a note');
});

test('extract of a two-paragraph text separated by a blank line gives two paragraphs', (t) => {
  const dir = tempDir(t);
  const text = 'First paragraph, a sentence that ends here.\n\nSecond paragraph, another sentence.\n';
  writeFileSync(join(dir, 'two.txt'), text);
  const out = json<Output>(dir, ['extract', join(dir, 'two.txt')]);
  assert.deepEqual(
    out.paragraphs.map((p) => p.spans.map((s) => text.slice(s.start, s.end))),
    [['First paragraph, a sentence that ends here.'], ['Second paragraph, another sentence.']],
  );
});

test('extract of a directory exits 2 with one [E_USAGE] line naming it and nothing on stdout', (t) => {
  const dir = tempDir(t);
  const r = kartoteka(dir, ['extract', EXAMPLES, '--json']);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assertOneErrorLine(r.stderr, EXAMPLES, 'E_USAGE');
});

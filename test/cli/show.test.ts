/**
 * `kartoteka show DOC --line N`: the paragraph holding the line, its markers
 * as [n], and the notes they point to printed whole beneath (a note split
 * across a page break joined).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { tempDir } from '../support.js';
import { EXAMPLES, assertOneErrorLine, copyExamples, json, kartoteka, originalUtf8 } from './helpers.js';

const ARMY = 'kartoteka-sample-army-purge';
const ARMY_TEXT = originalUtf8(join(EXAMPLES, 'army-purge-article.txt'));

interface LinedSpan {
  start: number;
  end: number;
  line: number;
}
interface Passage {
  document: string;
  line: number;
  paragraphs: { spans: LinedSpan[]; text: string }[];
  notes: { id: string; label: string; text: string; spans: LinedSpan[] }[];
  display: string;
}

function kb(t: TestContext): { dir: string; db: string } {
  const dir = tempDir(t);
  const db = join(dir, 'k.db');
  json(dir, ['ingest', copyExamples(dir), '--db', db]);
  return { dir, db };
}

function show(t: TestContext, doc: string, line: number): { stdout: string; passage: Passage } {
  const { dir, db } = kb(t);
  const r = kartoteka(dir, ['show', doc, '--line', String(line), '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const passage = json<Passage>(dir, ['show', doc, '--line', String(line), '--db', db]);
  return { stdout: r.stdout, passage };
}

/** The display with its wrapping undone (lines joined, the note indent dropped). */
const unwrap = (s: string): string => s.replace(/\n {4}/g, ' ').replace(/\n(?!\n|\[|\(|Notes)/g, ' ');

const NOTE_17_END = 'For the wider political setting see also Getty, Origins of the Great Purges, pp. 163-72, and Khlevniuk, Master of the House, pp. 166-70.';

test('show --line 149 prints the paragraph of lines 140-149 with its markers as [16] and [17]', (t) => {
  const { stdout } = show(t, ARMY, 149);
  assert.ok(stdout.startsWith(`${ARMY} lines 140–149\n`), stdout.split('\n')[0]);
  const flat = unwrap(stdout);
  assert.match(flat, /came forward of their own accord\.\[16\] Over the following days/);
  assert.match(flat, /drowned out any question about the evidence\.\[17\]/);
  // The glued digits are gone from the text: "accord.16" became "accord.[16]".
  assert.doesNotMatch(flat, /accord\.16/);
});

test('show prints the notes beneath, the continued note 17 whole with both its parts and their lines', (t) => {
  const { stdout } = show(t, ARMY, 149);
  const [, notes] = stdout.split('\nNotes\n');
  assert.ok(notes, stdout);
  const flat = unwrap(notes);
  assert.match(flat, /^\[16\] Voennyi sovet pri narodnom komissare oborony SSSR/);
  assert.match(flat, /\[17\] The published volume reproduces the uncorrected stenogram/);
  assert.match(flat, /where a speaker had been close to one of the accused and later tried/);
  assert.ok(flat.includes(NOTE_17_END), flat);
  assert.match(notes, /\(lines 167–169, 206–208\)/);
  assert.match(notes, /\(lines 165–166\)/);
  // 16 comes before 17, and no other note is shown.
  assert.deepEqual([...notes.matchAll(/^\[(\d+)\]/gm)].map((m) => m[1]), ['16', '17']);
});

test('show --json gives the paragraph and the notes with their spans, note 17 with both parts', (t) => {
  const { passage } = show(t, ARMY, 149);
  assert.deepEqual(Object.keys(passage).sort(), ['display', 'document', 'line', 'notes', 'paragraphs']);
  assert.equal(passage.document, ARMY);
  assert.equal(passage.line, 149);
  assert.equal(passage.paragraphs.length, 1);
  assert.match(passage.paragraphs[0]!.text, /^Stalin spoke on 2 June\..*\[16\].*\[17\]$/s);
  assert.deepEqual(passage.notes.map((n) => n.label), ['16', '17']);
  const n17 = passage.notes[1]!;
  assert.deepEqual(n17.spans.map((s) => s.line), [167, 206]);
  assert.ok(n17.text.startsWith('The published volume') && n17.text.endsWith(NOTE_17_END), n17.text);
  // The spans point at the note in the original file.
  assert.ok(ARMY_TEXT.slice(n17.spans[0]!.start, n17.spans[0]!.end).startsWith('17 The published volume'));
  assert.ok(ARMY_TEXT.slice(n17.spans[1]!.start, n17.spans[1]!.end).startsWith('to one of the accused'));
});

test('show --line on a line of note 17\'s second part shows the paragraph of its marker', (t) => {
  const { passage } = show(t, ARMY, 207);
  assert.equal(passage.paragraphs[0]!.spans[0]!.line, 140);
  assert.ok(passage.notes.some((n) => n.label === '17'));
});

test('show joins a paragraph cut by a page break and leaves the note block out', (t) => {
  // Page 1 ends mid-sentence on line 36 ("…below reinforced"); the sentence resumes on line 48.
  const { passage } = show(t, ARMY, 36);
  const p = passage.paragraphs[0]!;
  assert.ok(p.spans.length >= 2);
  assert.equal(p.spans.at(-1)!.line, 48);
  assert.ok(p.spans.at(-2)!.line < 37);
  assert.match(p.text, /below reinforced each other, and that neither can be understood without the other\.$/);
  assert.doesNotMatch(p.text, /Robert Conquest|Getty|Macmillan/);
  // The same across the break of page 4 (line 162 to line 170).
  const q = show(t, ARMY, 162).passage.paragraphs[0]!;
  assert.equal(q.spans.at(-1)!.line, 170);
  assert.ok(q.spans.at(-2)!.line < 163);
  assert.match(q.text, /a foreign power and with preparing/);
  assert.doesNotMatch(q.text, /The published volume/);
});

test('show of the mass-operations article prints superscript markers as [5] and [6] and note 6 with its unlabelled second part', (t) => {
  const { stdout, passage } = show(t, 'kartoteka-sample-mass-operations', 19);
  assert.match(unwrap(stdout), /preventive cleansing of the rear\.\[5\]/);
  assert.doesNotMatch(stdout, /[⁵⁶]/);
  assert.deepEqual(passage.notes.map((n) => [n.label, n.spans.map((s) => s.line)]), [['5', [23]], ['6', [25, 33]]]);
  assert.match(passage.notes[1]!.text, /voiced during the electoral campaign; on the elections/);
  assert.match(stdout, /\(lines 25–25, 33–33\)/);
});

test('show keeps the hyphen of a compound split across lines ("military-political")', (t) => {
  const { passage } = show(t, ARMY, 140);
  assert.match(passage.paragraphs[0]!.text, /a military-political conspiracy/);
});

test('show of a document not in the knowledge base exits 1 with one [E_NO_DOCUMENT] line naming it', (t) => {
  const { dir, db } = kb(t);
  const r = kartoteka(dir, ['show', 'no-such-document', '--db', db, '--json']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assertOneErrorLine(r.stderr, 'no-such-document', 'E_NO_DOCUMENT');
});

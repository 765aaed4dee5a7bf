/**
 * Finding footnotes in PDF-extracted text: which lines are note text, which
 * note each belongs to (a note may continue on the next page after body text),
 * and the markers in the body that point to it.
 *
 * The notes of a page sit at its foot, so between the start of note k and the
 * start of note k+1 the lines read: [more of note k] [body of the next pages]
 * [note k continued on a later page]. Each of the three parts may be empty.
 * For every such gap the two cut points are chosen by scoring every choice
 * with features of the lines (width, citation-like content, markers, whether a
 * sentence is left open) — a small exact search, not a guess line by line.
 */
import type { Line } from '../text/lines.js';
import type { Heading, Layout } from '../text/layout.js';
import { BACK_MATTER } from '../text/layout.js';
import { lowerBound } from '../core/positions.js';

export const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUP_RE = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

export function fromSuperscript(s: string): string {
  return [...s].map((c) => String(SUPERSCRIPT_DIGITS.indexOf(c))).join('');
}

/** A note found in the units: its label and the units it occupies, in reading order. */
export interface FoundNote {
  label: string;
  /** Index of the unit where the note starts (its label). */
  first: number;
  /** Units occupied, ascending. */
  units: number[];
  /** Length of the label prefix (with following spaces) in the first unit's text. */
  labelLength: number;
  /** The unit range of the body where the note's marker must be: before `first`. */
  sectionHeading: number | null;
}

export interface FoundMarker {
  unit: number;
  /** Offset of the marker inside the unit's trimmed text. */
  at: number;
  length: number;
  label: string;
  style: 'superscript' | 'glued' | 'spaced';
  /** Index into the found notes, or -1. */
  note: number;
}

export interface NoteZones {
  notes: FoundNote[];
  markers: FoundMarker[];
  /** For each unit: the index of the note it belongs to, or -1 for body. */
  owner: Int32Array;
  style: 'superscript' | 'plain' | 'none';
  problems: { unit: number; rule: string; message: string }[];
}

const CITATION_PATTERNS: RegExp[] = [
  /\bpp?\.\s?\d/,
  /\bibid\b/i,
  /\b(ed\.|eds\b|edited by|ed\. by|trans\.|comp\.)/,
  /\b\d+\s+vols\b|\bvol\.\s?\d/i,
  /\((London|Moscow|New York|Oxford|Cambridge|Princeton|Paris|Berlin|St Petersburg|Leningrad|Basingstoke|New Haven|Chicago|Boston|Lawrence|Ithaca|Stanford|Bloomington|Pittsburgh|Washington|Toronto|Sydney|Melbourne)\b/,
  /\b(University Press|Press,|Izdatelstvo|Voenizdat|ROSSPEN|Politizdat|Nauka)\b/,
  /\b(RGVA|RGASPI|GARF|TsA FSB|AP RF|RGAE|TNA|RGANI|f\.\s?\d+,\s?op\.)/,
  /\b(f|op|d|ll?)\.\s?\d+[,.]/,
  /\(\d{4}\)|\b(1[89]|20)\d\d\),|,\s(1[89]|20)\d\d,\s(pp?\.|\d)/,
  /\b(See|Cf\.|Quoted in|cited in)\b/,
  /\*[^*]{3,}\*/,
];

function citationScore(t: string): number {
  let n = 0;
  for (const re of CITATION_PATTERNS) if (re.test(t)) n++;
  return Math.min(n, 3);
}

const GLUE_BEFORE = /[\p{L}.,;:!?)\]'"’”*]/u;
const LOWER_START = /^[\p{Ll}]/u;
const UPPER_START = /^[\p{Lu}'‘"“(]/u;

/** Whether the digits `label` at position `i` of `t` stand glued to what precedes them, as a marker. */
export function isGluedAt(t: string, i: number, label: string): boolean {
  const before = t[i - 1];
  const after = t[i + label.length];
  if (before === undefined || !GLUE_BEFORE.test(before) || label.startsWith('0')) return false;
  if (after !== undefined && /[\d\p{L}%]/u.test(after)) return false;
  // "p.71" and "f.4" inside citations are page and fond numbers, not markers.
  if (/(\bpp?|\b[fdl]|\bll|\bop|\bvol|\bno)\.$/i.test(t.slice(Math.max(0, i - 4), i))) return false;
  // "35,000" and "5.3" are numbers, not a number and a marker ("1937.11" is a year and a marker).
  if (before === ',' && label.length === 3 && /\d/.test(t[i - 2] ?? '')) return false;
  if (before === '.' && /(^|[\s(])\d{1,2}\.$/.test(t.slice(Math.max(0, i - 4), i))) return false;
  return true;
}

/** The first position from `from` in `t` where `label` stands glued as a marker, or -1. */
export function gluedAt(t: string, label: string, from = 0): number {
  for (let i = t.indexOf(label, from); i >= 0; i = t.indexOf(label, i + 1)) if (isGluedAt(t, i, label)) return i;
  return -1;
}

/**
 * A marker set apart by a space (`front. 86`, `Las Palmas. 19`, French
 * `nationale 3 ?`): after punctuation first, else after any word, and never
 * followed by a letter or digit.
 */
const spacedRes = new Map<string, RegExp[]>();
function spacedAt(t: string, label: string, from = 0): number {
  let res = spacedRes.get(label);
  if (!res) {
    res = [new RegExp(`[.,;:!?)'"’”] (${label})(?=\\s|$|[.,;:?!])`, 'g'), new RegExp(`\\S (${label})(?=\\s|$|[.,;:?!])`, 'g')];
    spacedRes.set(label, res);
  }
  for (const re of res) {
    re.lastIndex = from;
    const m = re.exec(t);
    if (m) return m.index + m[0].length - label.length;
  }
  return -1;
}

/**
 * Where each number stands as a possible marker, by label: units holding it
 * glued (or as superscript), and units holding it set apart by a space, in
 * order. Built once so that finding markers stays linear in the text.
 */
interface MarkerIndex {
  glued: Map<string, number[]>;
  spaced: Map<string, number[]>;
}

function buildMarkerIndex(units: readonly Line[], style: 'superscript' | 'plain'): MarkerIndex {
  const glued = new Map<string, number[]>();
  const spaced = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, label: string, j: number) => {
    const list = m.get(label);
    if (!list) m.set(label, [j]);
    else if (list[list.length - 1] !== j) list.push(j);
  };
  units.forEach((u, j) => {
    const t = u.text;
    if (style === 'superscript') {
      for (const m of t.matchAll(SUP_RE)) if (m.index! > 0) add(glued, fromSuperscript(m[0]), j);
      return;
    }
    for (const m of t.matchAll(/(?<!\d)\d{1,3}(?!\d)/g)) {
      const at = m.index!;
      if (isGluedAt(t, at, m[0])) add(glued, m[0], j);
      else if (at >= 2 && t[at - 1] === ' ' && /\S/.test(t[at - 2]!) && /^($|[\s.,;:?!])/.test(t.slice(at + m[0].length, at + m[0].length + 1))) add(spaced, m[0], j);
    }
  });
  return { glued, spaced };
}

/** Index of the first element >= `from` in a sorted list (its length if none). */
const firstFrom = (list: readonly number[], from: number): number => lowerBound(list.length, (i) => list[i]! < from);

/** The first unit in [from, to) of a sorted list, or -1. */
function firstIn(list: readonly number[] | undefined, from: number, to: number): number {
  if (!list) return -1;
  const k = firstFrom(list, from);
  return k < list.length && list[k]! < to ? list[k]! : -1;
}

/** Whether a note line closes its note: a full stop (or ?/!) at its end, not a colon or semicolon. */
function endsTerminal(t: string): boolean {
  // "pp." or "ed." at a line end leaves a citation open ("Great Terror, pp." / "270-81.").
  if (/(^|[\s(])(pp?|ed|eds|vols?|nos?|cf|trans|comp|op|ll?|ff?|d|ch|repr)\.$/i.test(t)) return false;
  return /[.!?]['"’”)\]*]*(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$/.test(t);
}

/** The label at the start of a unit, in either style, or null. */
function labelOf(t: string, style: 'superscript' | 'plain'): { label: string; length: number } | null {
  if (style === 'superscript') {
    const m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*/.exec(t);
    return m ? { label: fromSuperscript(m[1]!), length: m[0].length } : null;
  }
  const m = /^(\d{1,3})(?:\s+(?=\S)|(?=[A-Za-z(‘'"“*]))\s*/.exec(t);
  if (!m || m[1]!.startsWith('0')) return null;
  return { label: m[1]!, length: m[0].length };
}

/**
 * Page furniture: running heads and footers repeated page after page ("542
 * Marta García Cabrera", "Downloaded from https://..."), and bare page
 * numbers. They belong neither to the body nor to a note.
 */
export function findFurniture(units: readonly Line[]): Set<number> {
  // Same line but for its numbers (a running head with its page number) four times or
  // more, or the very same line three times; a citation repeated in a few notes is not furniture.
  const shape = (t: string) => t.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
  const byShape = new Map<string, number>();
  const byText = new Map<string, number>();
  for (const u of units) {
    byShape.set(shape(u.text), (byShape.get(shape(u.text)) ?? 0) + 1);
    byText.set(u.text, (byText.get(u.text) ?? 0) + 1);
  }
  const out = new Set<number>();
  units.forEach((u, j) => {
    const t = u.text;
    if (/^\d{1,4}$/.test(t)) out.add(j);
    else if (
      ((byShape.get(shape(t)) ?? 0) >= 4 || (byText.get(t) ?? 0) >= 3) &&
      t.length < 200 &&
      citationScore(t) === 0 &&
      (t.match(/\p{L}/gu)?.length ?? 0) >= 8
    ) out.add(j);
  });
  return out;
}

/** Finds notes and markers; page furniture is set aside first (owner -2). */
export function findNoteZones(units: readonly Line[], layout: Layout, headings: readonly Heading[]): NoteZones {
  const furniture = findFurniture(units);
  if (furniture.size === 0) return findZonesIn(units, layout, headings);
  const keep = units.map((_, j) => j).filter((j) => !furniture.has(j));
  const newIndex = new Map(keep.map((j, i) => [j, i]));
  const z = findZonesIn(
    keep.map((j) => units[j]!),
    layout,
    headings.filter((h) => newIndex.has(h.unit)).map((h) => ({ ...h, unit: newIndex.get(h.unit)! })),
  );
  const owner = new Int32Array(units.length).fill(-2);
  keep.forEach((j, i) => (owner[j] = z.owner[i]!));
  return {
    ...z,
    owner,
    notes: z.notes.map((n) => ({ ...n, first: keep[n.first]!, units: n.units.map((i) => keep[i]!), sectionHeading: n.sectionHeading === null ? null : keep[n.sectionHeading]! })),
    markers: z.markers.map((m) => ({ ...m, unit: keep[m.unit]! })),
    problems: z.problems.map((p) => ({ ...p, unit: keep[p.unit]! })),
  };
}

function findZonesIn(units: readonly Line[], layout: Layout, headings: readonly Heading[]): NoteZones {
  const owner = new Int32Array(units.length).fill(-1);
  const problems: NoteZones['problems'] = [];
  const headingAt = new Map(headings.map((h) => [h.unit, h]));
  const supStarts = units.filter((u) => /^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(u.text)).length;
  const style: 'superscript' | 'plain' = supStarts >= 3 ? 'superscript' : 'plain';
  const W = layout.width;
  const markerIndex = buildMarkerIndex(units, style);

  // 1. Note starts: labels that continue the numbering (which may restart at 1 after a chapter heading).
  const notes: FoundNote[] = [];
  let expected = 1;
  let chapterSince = true;
  let backMatter = false;
  let lastMarkerUnit = 0;
  let sectionHeading: number | null = null;
  for (let i = 0; i < units.length; i++) {
    const h = headingAt.get(i);
    if (h && h.level === 1) {
      chapterSince = true;
      sectionHeading = i;
      backMatter = BACK_MATTER.test(h.title);
    }
    if (backMatter) continue;
    const t = units[i]!.text;
    const lab = labelOf(t, style);
    if (!lab) continue;
    const n = Number(lab.label);
    const restart = n === 1 && chapterSince && expected > 1;
    if (n !== expected && !restart) continue;
    // The marker must stand somewhere in the text since the last note started.
    const mu = markerBetween(markerIndex, restart ? (sectionHeading ?? 0) : lastMarkerUnit, i, lab.label);
    if (mu < 0 && noteScoreBase(t, layout, W) < 1) continue;
    if (mu >= 0) lastMarkerUnit = mu;
    notes.push({ label: lab.label, first: i, units: [i], labelLength: lab.length, sectionHeading });
    owner[i] = notes.length - 1;
    expected = n + 1;
    chapterSince = false;
  }

  // 2. Where each note ends, and where a note continued on a later page resumes.
  const ends: number[] = notes.map((_, k) => {
    if (k + 1 < notes.length) {
      // A heading between two notes closes the earlier one's region.
      return notes[k + 1]!.first;
    }
    const first = notes[k]!.first;
    const after = headings.find((h) => h.unit > first && h.level === 1);
    return after ? after.unit : units.length;
  });
  let lastBody = -1;
  for (let k = 0; k < notes.length; k++) {
    const note = notes[k]!;
    const lo = note.first + 1;
    const E = ends[k]!;
    // The last body line before this note's block.
    for (let j = note.first - 1; j > lastBody; j--) {
      if (owner[j] === -1) {
        lastBody = j;
        break;
      }
    }
    const upcoming = notes.slice(k + 1, k + 7).map((n) => n.label);
    const nScore: number[] = [];
    for (let j = lo; j < E; j++) nScore.push(noteScore(units[j]!.text, layout, W, style, upcoming, headingAt.has(j)));
    const canContinue = k + 1 < notes.length && notes[k + 1]!.sectionHeading === note.sectionHeading;
    const isNote = bestCuts(units, lo, E, nScore, layout, W, lastBody, canContinue);
    for (let j = lo; j < E; j++) {
      if (isNote[j - lo]) {
        owner[j] = k;
        note.units.push(j);
      } else lastBody = j;
    }
  }

  // 3. Markers.
  const markers: FoundMarker[] = [];
  if (notes.length > 0) {
    let from = { unit: 0, at: 0 };
    for (let k = 0; k < notes.length; k++) {
      const note = notes[k]!;
      const m = findMarker(units, owner, markerIndex, from, note.first, note.label, style);
      if (m) {
        markers.push({ ...m, label: note.label, note: k });
        from = { unit: m.unit, at: m.at + m.length };
      } else {
        problems.push({ unit: note.first, rule: 'notes:marker-missing', message: `no marker found in the body for note ${note.label}` });
      }
    }
  } else {
    markers.push(...orphanMarkers(units));
  }
  return { notes, markers, owner, style: notes.length ? style : markers.length ? (markers[0]!.style === 'superscript' ? 'superscript' : 'plain') : 'none', problems };
}

/** The first unit in [from, to) holding a marker for `label` (glued, else spaced), or -1. */
function markerBetween(index: MarkerIndex, from: number, to: number, label: string): number {
  const g = firstIn(index.glued.get(label), Math.max(0, from), to);
  return g >= 0 ? g : firstIn(index.spaced.get(label), Math.max(0, from), to);
}

function noteScoreBase(t: string, layout: Layout, W: number): number {
  const c = citationScore(t);
  let s = c * 1.2;
  if (layout.kind === 'wrapped') {
    if (t.length > W + 8) s += 2.5;
    else if (t.length > W + 5) s += 0.5;
    else if (t.length >= W - 10) s -= 1;
  } else {
    // A paragraph of prose with no trace of a reference is body.
    if (c === 0) s -= t.length > 150 ? 2 : 0.5;
    if (t.length > 1000) s -= 2;
  }
  return s;
}

/** Log-odds-like score that a unit is note text rather than body. */
function noteScore(t: string, layout: Layout, W: number, style: 'superscript' | 'plain', upcoming: string[], heading: boolean): number {
  if (heading) return -50;
  let s = noteScoreBase(t, layout, W);
  if (style === 'superscript') {
    for (const m of t.matchAll(SUP_RE)) if (m.index! > 0) s -= 6;
  } else {
    for (const lab of upcoming) if (gluedAt(t, lab) >= 0) s -= 6;
  }
  return s;
}

/**
 * Labels the units [lo, E) after a note's first line as note (its
 * continuation) or body, by an exact best path over three states: note, and
 * body entered after the note was left open, closed on a full line, or closed
 * on a short last line. A note resumes after body only where it was left open
 * (continued on the next page); it ends on a short line that closes a sentence.
 */
function bestCuts(
  units: readonly Line[],
  lo: number,
  E: number,
  nScore: number[],
  layout: Layout,
  W: number,
  lastBody: number,
  canContinue: boolean,
): boolean[] {
  const n = E - lo;
  // States: 0 = note; body states are 1 + 4 * closure + (run length - 1), run lengths 1..4 (4 = four or more).
  // closure: 0 the note was left open, 1 closed on a full line, 2 closed on a short last line.
  const NOTE = 0;
  const S = 13;
  const bodyState = (c: number, r: number) => 1 + 4 * c + (Math.min(r, 4) - 1);
  const closureOf = (st: number) => Math.floor((st - 1) / 4);
  const runOf = (st: number) => ((st - 1) % 4) + 1;
  const resumeCost = [layout.kind === 'paragraphs' ? -4 : -6, -10, -14];
  // A page holds more than a line or two of body: a shorter run of body between notes is unlikely.
  const shortRun = (r: number) => (layout.kind === 'paragraphs' || r >= 4 ? 0 : -3 * (4 - r));
  const prevBodyText = lastBody >= 0 ? units[lastBody]!.text : '';
  const NEG = -1e9;
  let score = new Array<number>(S).fill(NEG);
  score[NOTE] = 0; // before lo we are in the note (its label line)
  const back: Int8Array[] = [];
  let firstSwitch = true;
  for (let j = lo; j < E; j++) {
    const t = units[j]!.text;
    const prevText = units[j - 1]!.text;
    const closed = endsTerminal(prevText);
    const shortPrev = layout.kind === 'paragraphs' || prevText.length < W + 8;
    // Leaving the note for the body at j.
    let ta = 0;
    let closure = 0;
    if (/\p{L}-$/u.test(prevText)) ta -= 3;
    else if (closed) {
      ta += shortPrev ? 2 : 1;
      closure = shortPrev ? 2 : 1;
    } else ta -= 0.5;
    // A line that starts in lower case after a closed note continues a cut body sentence.
    if (closed && LOWER_START.test(t)) ta += 1.5;
    else if (firstSwitch && prevBodyText) {
      if (!endsTerminal(prevBodyText)) ta += LOWER_START.test(t) ? 1.5 : 0;
      else ta += UPPER_START.test(t) ? 0.5 : LOWER_START.test(t) ? -1 : 0;
    }
    const e = nScore[j - lo]!;
    // Resuming the note at j is unlikely where j reads on from an open body line before it.
    const resumeFit = !closed && LOWER_START.test(t) ? -2 : 0;
    const next = new Array<number>(S).fill(NEG);
    const bp = new Int8Array(S).fill(-1);
    // into NOTE: stay, or resume after body (a note continued on a later page)
    next[NOTE] = score[NOTE]!;
    bp[NOTE] = NOTE;
    if (canContinue) {
      for (let st = 1; st < S; st++) {
        if (score[st]! <= NEG) continue;
        const v = score[st]! + resumeCost[closureOf(st)]! + shortRun(runOf(st)) + resumeFit;
        if (v > next[NOTE]!) {
          next[NOTE] = v;
          bp[NOTE] = st;
        }
      }
    }
    next[NOTE]! += e;
    // into body: extend a run, or leave the note
    for (let st = 1; st < S; st++) {
      if (score[st]! <= NEG) continue;
      const to = bodyState(closureOf(st), runOf(st) + 1);
      if (score[st]! > next[to]!) {
        next[to] = score[st]!;
        bp[to] = st;
      }
    }
    const sw = score[NOTE]! + ta;
    const to = bodyState(closure, 1);
    if (sw > next[to]!) {
      next[to] = sw;
      bp[to] = NOTE;
    }
    for (let st = 1; st < S; st++) if (next[st]! > NEG) next[st]! -= e;
    back.push(bp);
    score = next;
    if (score[NOTE]! < Math.max(...score.slice(1))) firstSwitch = false;
  }
  // A body run that ends where the next note starts is a page of body: not one line.
  if (canContinue) for (let st = 1; st < S; st++) if (score[st]! > NEG) score[st]! += shortRun(runOf(st));
  const isNote = new Array<boolean>(n).fill(true);
  let s = score.indexOf(Math.max(...score));
  for (let j = n - 1; j >= 0; j--) {
    isNote[j] = s === NOTE;
    s = back[j]![s]!;
  }
  return isNote;
}

function findMarker(
  units: readonly Line[],
  owner: Int32Array,
  index: MarkerIndex,
  from: { unit: number; at: number },
  before: number,
  label: string,
  style: 'superscript' | 'plain',
): Omit<FoundMarker, 'label' | 'note'> | null {
  const search = (list: number[] | undefined, how: 'sup' | 'glued' | 'spaced') => {
    if (!list) return null;
    for (let k = firstFrom(list, from.unit); k < list.length && list[k]! < before; k++) {
      const j = list[k]!;
      if (owner[j] !== -1) continue;
      const t = units[j]!.text;
      const start = j === from.unit ? from.at : 0;
      if (how === 'sup') {
        for (const m of t.matchAll(SUP_RE)) {
          if (m.index! >= Math.max(1, start) && fromSuperscript(m[0]) === label) return { unit: j, at: m.index!, length: m[0].length, style: 'superscript' as const };
        }
      } else if (how === 'glued') {
        const at = gluedAt(t, label, start);
        if (at >= 0) return { unit: j, at, length: label.length, style: 'glued' as const };
      } else {
        const at = spacedAt(t, label, start);
        if (at >= 0) return { unit: j, at, length: label.length, style: 'spaced' as const };
      }
    }
    return null;
  };
  if (firstIn(index.glued.get(label), from.unit, before) < 0 && firstIn(index.spaced.get(label), from.unit, before) < 0) return null;
  return style === 'superscript' ? search(index.glued.get(label), 'sup') : search(index.glued.get(label), 'glued') ?? search(index.spaced.get(label), 'spaced');
}

/**
 * Markers of a document whose note texts were lost: the longest run of glued
 * (or superscript) numbers counting up by one, in reading order.
 */
function orphanMarkers(units: readonly Line[]): FoundMarker[] {
  interface Cand { unit: number; at: number; length: number; value: number; style: 'superscript' | 'glued' }
  const cands: Cand[] = [];
  units.forEach((u, j) => {
    const t = u.text;
    for (const m of t.matchAll(SUP_RE)) if (m.index! > 0) cands.push({ unit: j, at: m.index!, length: m[0].length, value: Number(fromSuperscript(m[0])), style: 'superscript' });
    for (const m of t.matchAll(/(\d{1,3})(?![\d\p{L}%])/gu)) {
      const at = m.index!;
      const before = t[at - 1];
      if (before === undefined || !GLUE_BEFORE.test(before)) continue;
      if (!isGluedAt(t, at, m[1]!)) continue;
      cands.push({ unit: j, at, length: m[1]!.length, value: Number(m[1]), style: 'glued' });
    }
  });
  // Best chain of values counting up in text order, allowing a marker lost here and there
  // (dynamic programming over candidates: a step of one scores 1, a skip a little less).
  const chainLen = new Array<number>(cands.length).fill(1);
  const prevIdx = new Array<number>(cands.length).fill(-1);
  const lastByValue = new Map<number, number>();
  for (let i = 0; i < cands.length; i++) {
    const v = cands[i]!.value;
    for (let gap = 1; gap <= 3; gap++) {
      const p = lastByValue.get(v - gap);
      if (p === undefined) continue;
      const score = chainLen[p]! + 1 - 0.4 * (gap - 1);
      if (score > chainLen[i]!) {
        chainLen[i] = score;
        prevIdx[i] = p;
      }
    }
    const cur = lastByValue.get(v);
    if (cur === undefined || chainLen[cur]! <= chainLen[i]!) lastByValue.set(v, i);
  }
  let bestEnd = -1;
  for (let i = 0; i < cands.length; i++) if (bestEnd < 0 || chainLen[i]! > chainLen[bestEnd]!) bestEnd = i;
  if (bestEnd < 0 || chainLen[bestEnd]! < 3) return [];
  const chain: Cand[] = [];
  for (let i = bestEnd; i >= 0; i = prevIdx[i]!) chain.unshift(cands[i]!);
  return chain.map((c) => ({ unit: c.unit, at: c.at, length: c.length, label: String(c.value), style: c.style, note: -1 }));
}

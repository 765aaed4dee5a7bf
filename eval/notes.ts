/**
 * Scores note detection against hand-made gold (eval/gold/notes/*.json):
 * a note counts as found when its label, its chapter and every line range it
 * occupies (page-split continuations included) equal the gold's; markers count
 * when their line equals the gold's.
 */
import type { Extraction } from '../src/core/types.js';
import { LineIndex } from '../src/core/positions.js';
import { prf, type Score } from './score.js';

export interface GoldNote {
  section: string;
  label: string;
  lines: [number, number][];
  marker_lines: number[];
  head: string;
}
export interface GoldNotes {
  file: string;
  notes: GoldNote[];
}

/** The chapter name used by the gold for a section title ("Chapter One: ..." → "Chapter One"). */
export function chapterName(title: string | undefined): string {
  if (!title) return 'Introduction';
  const m = /^(Chapter \w+)\b/.exec(title);
  return m ? m[1]! : title;
}

/** A note's line ranges, inclusive, from its spans. */
export function noteLineRanges(text: string, spans: { start: number; end: number }[]): [number, number][] {
  const idx = new LineIndex(text);
  return spans.map((s) => [idx.lineOf(s.start), idx.lineOf(Math.max(s.start, s.end - 1))]);
}

export interface NoteScores {
  notes: Score;
  continuations: Score;
  markers: Score;
  lines: Score;
  errors: string[];
}

export function scoreNotes(text: string, x: Extraction, gold: GoldNotes): NoteScores {
  const key = (section: string, label: string) => `${section}|${label}`;
  const goldBy = new Map(gold.notes.map((g) => [key(g.section, g.label), g]));
  const predicted = x.notes.map((n) => {
    const section = chapterName(n.section === null ? undefined : x.sections[n.section]?.title);
    return { section, label: n.label, ranges: noteLineRanges(text, n.spans), markers: n.markers.map((m) => m.line) };
  });
  const errors: string[] = [];
  let tp = 0;
  let ctp = 0;
  let cPred = 0;
  let mtp = 0;
  let mPred = 0;
  const seen = new Set<string>();
  for (const p of predicted) {
    const k = key(p.section, p.label);
    const g = goldBy.get(k);
    if (p.ranges.length > 1) cPred++;
    mPred += p.markers.length;
    if (!g || seen.has(k)) {
      errors.push(`extra note ${k} at ${JSON.stringify(p.ranges)}`);
      continue;
    }
    seen.add(k);
    const same = JSON.stringify(p.ranges) === JSON.stringify(g.lines);
    if (same) {
      tp++;
      if (g.lines.length > 1) ctp++;
    } else errors.push(`note ${k}: ${JSON.stringify(p.ranges)} but gold ${JSON.stringify(g.lines)}`);
    for (const m of p.markers) {
      if (g.marker_lines.includes(m)) mtp++;
      else errors.push(`marker of ${k} on line ${m}, gold ${g.marker_lines.join(',')}`);
    }
  }
  for (const g of gold.notes) if (!seen.has(key(g.section, g.label))) errors.push(`missed note ${key(g.section, g.label)}`);

  // Line level: each line is note or not.
  const lineSet = (ranges: [number, number][][]) => {
    const s = new Set<number>();
    for (const rs of ranges) for (const [a, b] of rs) for (let i = a; i <= b; i++) s.add(i);
    return s;
  };
  const pl = lineSet(predicted.map((p) => p.ranges));
  const gl = lineSet(gold.notes.map((g) => g.lines));
  let ltp = 0;
  for (const l of pl) if (gl.has(l)) ltp++;
  const goldCont = gold.notes.filter((g) => g.lines.length > 1).length;
  const goldMarkers = gold.notes.reduce((n, g) => n + g.marker_lines.length, 0);
  return {
    notes: prf(tp, predicted.length, gold.notes.length),
    continuations: prf(ctp, cPred, goldCont),
    markers: prf(mtp, mPred, goldMarkers),
    lines: prf(ltp, pl.size, gl.size),
    errors,
  };
}

/**
 * The dates stage: every date of the body and of the notes' prose, read in
 * reading order so that a day without a year takes the year in force, and
 * mapped to ORIGINAL offsets. Years inside citations and source lines are not
 * dates of events and are skipped; impossible dates become diagnostics.
 */
import type { LineIndex, LinedSpan } from '../core/positions.js';
import type { Diagnostic } from '../core/errors.js';
import type { Marker, Note, Section } from '../core/types.js';
import type { Citation, NoteText } from '../cite/stage.js';
import type { BodyParagraph } from '../text/body.js';
import type { TextView } from '../core/view.js';
import { sourceLines } from '../names/stage.js';
import { findDates, newContext, type DateMention, type DateContext } from './dates.js';

/** A date found in the document, at ORIGINAL offsets. */
export interface DateRecord extends Omit<DateMention, 'start' | 'end'>, LinedSpan {
  in: 'body' | 'note';
  /** The paragraph (body) or note index the date was read in. */
  passage: number;
}

/** Skip ranges of the original mapped into a view, sorted. */
export function viewRanges(view: TextView, spans: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of spans) {
    const r = view.toViewSpan(s.start, s.end);
    if (r) out.push(r);
  }
  return out.sort((x, y) => x.start - y.start);
}

export function dateStage(
  index: LineIndex,
  body: readonly BodyParagraph[],
  notes: readonly Note[],
  noteTexts: readonly NoteText[],
  markers: readonly Marker[],
  citations: readonly Citation[],
  sections: readonly Section[] = [],
): { dates: DateRecord[]; dateProblems: Diagnostic[] } {
  const dates: DateRecord[] = [];
  const problems: Diagnostic[] = [];
  const sources = sourceLines(index.text);
  const ctx: DateContext = newContext();
  // The year in force at each paragraph's start, for the notes whose markers stand there.
  const yearAt: { pos: number; year: number | null }[] = [];
  const record = (view: TextView, d: DateMention, where: 'body' | 'note', passage: number) => {
    const spans = view.toOriginalSpans(d.start, d.end);
    if (!spans.length) return;
    const { start: _s, end: _e, ...rest } = d;
    dates.push({ ...rest, ...index.lined({ start: spans[0]!.start, end: spans[spans.length - 1]!.end }), in: where, passage });
  };
  const problem = (view: TextView, p: { start: number; end: number; message: string }) => {
    const s = view.toOriginal(p.start);
    problems.push({ rule: 'dates:impossible', severity: 'warning', message: p.message, start: s, end: view.toOriginal(p.end, 'end'), line: index.lineOf(s) });
  };
  let si = 0;
  let hi = 0;
  const headings = sections.map((s) => s.heading.end).sort((a, b) => a - b);
  body.forEach((p, k) => {
    const first = p.spans[0];
    const last = p.spans[p.spans.length - 1];
    // The first paragraph after a heading opens a section.
    let opens = false;
    while (first && hi < headings.length && headings[hi]! <= first.start) {
      opens = true;
      hi++;
    }
    ctx.fresh = opens;
    const mine: { start: number; end: number }[] = [];
    if (first && last) {
      while (si < sources.length && sources[si]!.end <= first.start) si++;
      for (let j = si; j < sources.length && sources[j]!.start < last.end; j++) mine.push(sources[j]!);
    }
    const skip = viewRanges(p.view, mine);
    // Years and days in a source line do not set the year in force for the text that follows.
    const r = findDates(p.view.text, skip.length ? { ...ctx } : ctx, skip);
    for (const d of r.dates) record(p.view, d, 'body', k);
    for (const x of r.problems) problem(p.view, x);
    ctx.fresh = false;
    if (first) yearAt.push({ pos: first.start, year: ctx.year });
  });
  const byNote = new Map<string, Citation[]>();
  for (const c of citations) if (c.note) byNote.set(c.note, [...(byNote.get(c.note) ?? []), c]);
  const markerOf = new Map<string, number>();
  for (const m of markers) if (m.note && !markerOf.has(m.note)) markerOf.set(m.note, m.start);
  noteTexts.forEach((n, k) => {
    const note = notes[k]!;
    const at = markerOf.get(note.id) ?? note.spans[0]?.start ?? 0;
    // The year in force at the marker: the last paragraph starting before it (binary search).
    let lo = 0;
    let hi = yearAt.length - 1;
    let year: number | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (yearAt[mid]!.pos <= at) {
        year = yearAt[mid]!.year;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const cites = (byNote.get(note.id) ?? []).flatMap((c) => (c.spans.length ? c.spans : [c]));
    const skip = [{ start: 0, end: n.offset }, ...viewRanges(n.view, cites)];
    const r = findDates(n.view.text, newContext(year), skip);
    for (const d of r.dates) record(n.view, d, 'note', k);
    for (const x of r.problems) problem(n.view, x);
  });
  return { dates, dateProblems: problems };
}

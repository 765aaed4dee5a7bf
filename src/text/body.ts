/**
 * The body of a document as a view: body lines joined into paragraphs across
 * line ends and across the footnote zones that cut them, and paragraphs split
 * into sentences. Every paragraph and sentence is returned with ORIGINAL spans.
 */
import type { LinedSpan, LineIndex } from '../core/positions.js';
import { TextView, type Piece } from '../core/view.js';
import type { Line } from './lines.js';
import { endsSentence, type Heading, type Layout } from './layout.js';

export interface BodyParagraph {
  units: number[];
  view: TextView;
  spans: LinedSpan[];
  /** Sentences as view ranges. */
  sentences: { start: number; end: number }[];
}

/** Pieces joining lines into one running text: a space between lines, nothing after a hyphen. */
export function joinPieces(lines: readonly Line[], trimFirst = 0): Piece[] {
  const pieces: Piece[] = [];
  lines.forEach((l, i) => {
    const s = i === 0 ? l.trimmed.start + trimFirst : l.trimmed.start;
    if (i > 0) {
      const prev = lines[i - 1]!.text;
      // A line broken at a hyphen ("Voenno-" / "istoricheskii") joins without a space.
      if (!/\p{L}-$/u.test(prev)) pieces.push({ insert: ' ' });
    }
    pieces.push({ start: s, end: l.trimmed.end });
  });
  return pieces;
}

export function viewSpans(view: TextView, start: number, end: number, index: LineIndex): LinedSpan[] {
  return view.toOriginalSpans(start, end).map((s) => index.lined(s));
}

export function buildBody(
  text: string,
  units: readonly Line[],
  owner: Int32Array,
  layout: Layout,
  headings: readonly Heading[],
  index: LineIndex,
): BodyParagraph[] {
  const headingUnits = new Set(headings.map((h) => h.unit));
  const groups: number[][] = [];
  let cur: number[] = [];
  let crossedNotes = false;
  const flush = () => {
    if (cur.length) groups.push(cur);
    cur = [];
  };
  for (let j = 0; j < units.length; j++) {
    if (owner[j] !== -1) {
      crossedNotes = true;
      continue;
    }
    if (headingUnits.has(j)) {
      flush();
      crossedNotes = false;
      continue;
    }
    const u = units[j]!;
    if (cur.length) {
      const prev = units[cur[cur.length - 1]!]!;
      let breakHere: boolean;
      if (layout.kind === 'paragraphs') {
        // Paragraph per line: join only a paragraph cut by a footnote zone mid-sentence.
        breakHere = !(crossedNotes && !endsSentence(prev.text));
      } else {
        // A paragraph's last line closes a sentence and stops short of the full width
        // (an initial such as "V. M." at a line end is not a sentence end).
        const shortPrev = prev.text.length < layout.width - 5;
        const initial = /(^|\s)\p{Lu}\.$/u.test(prev.text);
        // A blank line ends a paragraph, unless every line is followed by one (double spacing)
        // or a footnote zone came between (a page break).
        const blankBetween = !layout.doubleSpaced && !crossedNotes && u.n > prev.n + 1;
        breakHere = (endsSentence(prev.text) && shortPrev && !initial) || (layout.doubleSpaced && /^\s/.test(u.raw)) || blankBetween;
      }
      if (breakHere) flush();
    }
    cur.push(j);
    crossedNotes = false;
  }
  flush();

  return groups.map((g) => {
    const view = new TextView(text, joinPieces(g.map((j) => units[j]!)));
    return {
      units: g,
      view,
      spans: viewSpans(view, 0, view.text.length, index),
      sentences: splitSentences(view.text),
    };
  });
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr st prof gen col lt capt maj sgt adm cmdr jr sr vs etc eg ie cf ed eds vol vols no nos p pp ch fig f op d l ll c ca co corp inc ltd ob comp trans rev repr ibid esp al approx tov gg g род обл г гг ул д кв'.split(' '),
);

/** Sentence boundaries in running text, as [start, end) ranges with surrounding spaces trimmed. */
export function splitSentences(t: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const re = /[.!?]['"’”)\]]*(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?(?=\s+['‘"“(]?[\p{Lu}\d])/gu;
  for (const m of t.matchAll(re)) {
    const end = m.index! + m[0].length;
    if (m[0][0] === '.') {
      const word = /([\p{L}]+)$/u.exec(t.slice(Math.max(start, m.index! - 12), m.index!))?.[1] ?? '';
      const w = word.toLowerCase();
      // "No. 5" is an abbreviation; "the answer was no." ends a sentence.
      if (ABBREVIATIONS.has(w) && !((w === 'no' || w === 'nos') && !/^\s+\d/.test(t.slice(end)))) continue;
      if (/^\p{Lu}$/u.test(word)) continue; // an initial: "M. N. Tukhachevskii"
    }
    push(start, end);
    start = end;
  }
  push(start, t.length);
  return out;

  function push(s: number, e: number) {
    while (s < e && /\s/.test(t[s]!)) s++;
    while (e > s && /\s/.test(t[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  }
}

/** Running text of original lines: a line broken after a hyphen joins without a space, other white space collapses. */
export function collapseLines(s: string): string {
  return s.replace(/(\p{L}-)[ \t]*(\r\n|\r|\n)\s*/gu, '$1').replace(/\s+/g, ' ').trim();
}

/**
 * Test helper (not a test file): the golden form of an extraction, as the
 * fixtures in test/fixtures/notes/ hold it. Every span is written with its
 * EXACT text (`text.slice(start, end)`) so that an offset bug reads as a plain
 * diff of words, not of numbers.
 */
import { LineIndex, type LinedSpan } from '../../src/core/positions.js';
import { extract } from '../core/doc.js';

export interface GoldenSpan {
  line: number;
  start: number;
  end: number;
  text: string;
}

export interface GoldenMarker extends GoldenSpan {
  /** A few characters either side, the marker in brackets, white space collapsed: for reading only. */
  around: string;
}

export interface Golden {
  layout: string;
  sections: { title: string; level: number; line: number }[];
  notes: {
    label: string;
    /** Title of the section the note belongs to, or null. */
    section: string | null;
    text: string;
    spans: GoldenSpan[];
    markers: GoldenMarker[];
  }[];
  /** Every marker found, with the label of its note (null when the note text was lost). */
  markers: { label: string; note: string | null; style: string; line: number; text: string; around: string }[];
  /** Each paragraph: the lines its spans cover, and its spans' texts joined (white space collapsed). */
  paragraphs: { lines: string[]; text: string }[];
  diagnostics: { rule: string; line: number | null }[];
}

export function golden(text: string): Golden {
  const x = extract(text);
  const index = new LineIndex(text);
  const span = (s: LinedSpan): GoldenSpan => ({ line: s.line, start: s.start, end: s.end, text: text.slice(s.start, s.end) });
  const around = (s: LinedSpan): string =>
    `${text.slice(Math.max(0, s.start - 16), s.start)}[${text.slice(s.start, s.end)}]${text.slice(s.end, s.end + 6)}`.replace(/\s+/g, ' ');
  const layout = x.layers.layout!;
  const noteLabel = new Map(x.notes.map((n) => [n.id, n.label]));
  return {
    layout: layout.kind + (layout.doubleSpaced ? ', double spaced' : ''),
    sections: x.sections.map((s) => ({ title: s.title, level: s.level, line: s.line })),
    notes: x.notes.map((n) => ({
      label: n.label,
      section: n.section === null ? null : x.sections[n.section]!.title,
      text: n.text,
      spans: n.spans.map(span),
      markers: n.markers.map((m) => ({ ...span(m), around: around(m) })),
    })),
    markers: x.markers.map((m) => ({
      label: m.label,
      note: m.note === null ? null : noteLabel.get(m.note)!,
      style: m.style,
      line: m.line,
      text: text.slice(m.start, m.end),
      around: around(m),
    })),
    paragraphs: x.paragraphs.map((p) => ({
      lines: p.spans.map((s) => {
        const last = index.lineOf(s.end);
        return last === s.line ? `${s.line}` : `${s.line}-${last}`;
      }),
      text: p.spans.map((s) => text.slice(s.start, s.end).replace(/\s+/g, ' ').trim()).join(' '),
    })),
    // The note stage's own diagnostics; the citation stage is tested on its own.
    diagnostics: x.diagnostics.filter((d) => !d.rule.startsWith('cite:')).map((d) => ({ rule: d.rule, line: d.line ?? null })),
  };
}

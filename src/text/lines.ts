import { LineIndex, type Span } from '../core/positions.js';

/** One physical line of the original text. */
export interface Line {
  /** 1-based line number. */
  n: number;
  /** Span of the line's content without its line break. */
  start: number;
  end: number;
  /** The raw content (no line break). */
  raw: string;
  /** Content with leading/trailing white space removed. */
  text: string;
  /** Span of `text` in the original. */
  trimmed: Span;
  blank: boolean;
}

/** Splits the original into lines (LF, CRLF and lone CR all end a line). */
export function splitLines(text: string, index = new LineIndex(text)): Line[] {
  const out: Line[] = [];
  for (let n = 1; n <= index.count; n++) {
    const { start, end } = index.lineSpan(n);
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    out.push({
      n,
      start,
      end,
      raw,
      text: t,
      trimmed: { start: start + lead, end: start + lead + t.length },
      blank: t.length === 0,
    });
  }
  return out;
}

/** The q-quantile (0..1) of a list of numbers; 0 for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))]!;
}

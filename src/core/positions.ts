/**
 * The one position vocabulary of Kartoteka (see docs/positions.md).
 *
 * Offsets are 0-based, end-exclusive JavaScript string indices (UTF-16 code
 * units) into the ORIGINAL text of a document: the file decoded to a string,
 * a BOM dropped, nothing else changed. Lines are 1-based and derived.
 */

/** A half-open range [start, end) of UTF-16 indices into the original text. */
export interface Span {
  start: number;
  end: number;
}

/** A span with the 1-based line of its start, as the contract prints it. */
export interface LinedSpan extends Span {
  line: number;
}

/**
 * Maps offsets to 1-based line numbers. A line ends at "\n", "\r\n" or a lone
 * "\r" (old Mac files), so that CR-only files count lines as an editor does.
 */
export class LineIndex {
  /** starts[i] is the offset at which line i+1 begins. */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** Number of lines (a trailing line break does not open a counted line). */
  get count(): number {
    const n = this.starts.length;
    return n > 1 && this.starts[n - 1] === this.text.length ? n - 1 : n;
  }

  /** The 1-based line holding offset `pos` (pos may equal text.length). */
  lineOf(pos: number): number {
    if (pos < 0 || pos > this.text.length) throw new RangeError(`offset ${pos} outside 0..${this.text.length}`);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column (in UTF-16 units) of offset `pos`. */
  columnOf(pos: number): number {
    return pos - this.starts[this.lineOf(pos) - 1]! + 1;
  }

  /** The span of line `n` (1-based) without its line break. */
  lineSpan(n: number): Span {
    const start = this.starts[n - 1];
    if (start === undefined) throw new RangeError(`line ${n} outside 1..${this.starts.length}`);
    let end = n < this.starts.length ? this.starts[n]! : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  }

  /** Adds the line of the start to a span. */
  lined(s: Span): LinedSpan {
    return { start: s.start, end: s.end, line: this.lineOf(s.start) };
  }
}

/** Trims white space from both ends of a span of `text`; an all-blank span becomes empty at its start. */
export function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** The first index in [0, n) at which `before(i)` is false, for a `before` true on a prefix only (binary search). */
export function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first record (sorted by start) starting at or after `at`; the list's length if none. */
export const firstAtOrAfter = (list: readonly { start: number }[], at: number): number => lowerBound(list.length, (i) => list[i]!.start < at);

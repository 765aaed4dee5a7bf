import type { Span } from './positions.js';

/**
 * A piece of a view: either a copy of an original span, or text inserted by a
 * repair (a space joining two lines, an apostrophe restored) that has no
 * original counterpart.
 */
export type Piece = Span | { insert: string };

interface Placed {
  viewStart: number;
  length: number;
  /** Original start, or -1 for inserted text. */
  origStart: number;
  /** For inserted text: the original offset it stands at (the end of the copy before it). */
  anchor: number;
}

/** Thrown by strict mapping when a view boundary falls inside inserted text. */
export class MisalignedSpanError extends Error {
  constructor(readonly viewOffset: number) {
    super(`view offset ${viewOffset} falls inside inserted text and has no original position`);
  }
}

/**
 * A repaired text (a body rejoined across footnote zones, a note joined across
 * pages) that remembers, for every character, where it came from. All repairs
 * of extraction artefacts happen in views; records are stored with ORIGINAL
 * offsets obtained through `toOriginal`/`toOriginalSpans`.
 */
export class TextView {
  readonly text: string;
  private readonly placed: Placed[];

  constructor(readonly original: string, pieces: readonly Piece[]) {
    const parts: string[] = [];
    const placed: Placed[] = [];
    let v = 0;
    let lastOrigEnd = 0;
    for (const p of pieces) {
      if ('insert' in p) {
        if (!p.insert) continue;
        parts.push(p.insert);
        placed.push({ viewStart: v, length: p.insert.length, origStart: -1, anchor: lastOrigEnd });
        v += p.insert.length;
      } else {
        if (p.start < 0 || p.end > original.length || p.start > p.end) {
          throw new RangeError(`piece ${p.start}..${p.end} outside the original (0..${original.length})`);
        }
        if (p.end === p.start) continue;
        parts.push(original.slice(p.start, p.end));
        placed.push({ viewStart: v, length: p.end - p.start, origStart: p.start, anchor: p.start });
        v += p.end - p.start;
        lastOrigEnd = p.end;
      }
    }
    this.text = parts.join('');
    this.placed = placed;
  }

  /** A view that is the whole original, unchanged. */
  static identity(original: string): TextView {
    return new TextView(original, [{ start: 0, end: original.length }]);
  }

  private pieceAt(viewOffset: number): number {
    const ps = this.placed;
    let lo = 0;
    let hi = ps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ps[mid]!.viewStart <= viewOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The original offset of a view offset. `side` says which neighbour wins at a
   * piece boundary: 'start' maps to the start of the following character,
   * 'end' to the end of the preceding one (use 'end' for exclusive ends).
   * In strict mode an offset strictly inside inserted text throws.
   */
  toOriginal(viewOffset: number, side: 'start' | 'end' = 'start', strict = false): number {
    if (viewOffset < 0 || viewOffset > this.text.length) {
      throw new RangeError(`view offset ${viewOffset} outside 0..${this.text.length}`);
    }
    if (this.placed.length === 0) return 0;
    let i = this.pieceAt(viewOffset);
    let p = this.placed[i]!;
    if (side === 'end' && viewOffset === p.viewStart && i > 0) {
      i--;
      p = this.placed[i]!;
    }
    const within = viewOffset - p.viewStart;
    if (p.origStart >= 0) return p.origStart + Math.min(within, p.length);
    if (strict && within > 0 && within < p.length) throw new MisalignedSpanError(viewOffset);
    // Inserted text: snap to the copies around it.
    if (side === 'start') {
      const next = this.placed.slice(i + 1).find((q) => q.origStart >= 0);
      return within === 0 && next === undefined ? p.anchor : next ? next.origStart : p.anchor;
    }
    return p.anchor;
  }

  /**
   * The original spans covered by the view range [start, end), in reading
   * order, inserted text left out. A range inside one copied piece gives one
   * span; a note joined across a page gives one span per page.
   */
  toOriginalSpans(start: number, end: number): Span[] {
    if (start > end) throw new RangeError(`view range ${start}..${end} is reversed`);
    const out: Span[] = [];
    if (start === end || this.placed.length === 0) return out;
    for (let i = this.pieceAt(start); i < this.placed.length; i++) {
      const p = this.placed[i]!;
      if (p.viewStart >= end) break;
      if (p.origStart < 0) continue;
      const a = Math.max(start, p.viewStart) - p.viewStart;
      const b = Math.min(end, p.viewStart + p.length) - p.viewStart;
      if (b <= a) continue;
      const s = { start: p.origStart + a, end: p.origStart + b };
      const last = out[out.length - 1];
      // Pieces that touch or are separated only by white space in the
      // original stay one span (a line break joined by a space).
      if (last && /^\s*$/.test(this.original.slice(last.end, s.start))) last.end = s.end;
      else out.push(s);
    }
    return out;
  }

  /** The view range of an original range [start, end), or null when either end is not in the view. */
  toViewSpan(start: number, end: number): { start: number; end: number } | null {
    const a = this.toView(start);
    const b = this.toView(Math.max(start, end - 1));
    return a === null || b === null ? null : { start: a, end: b + 1 };
  }

  private copies: Placed[] | null = null;
  private copiesSorted = true;

  /** The view offset of an original offset, or null if that character is not in the view. */
  toView(origOffset: number): number | null {
    if (!this.copies) {
      this.copies = this.placed.filter((p) => p.origStart >= 0);
      for (let i = 1; i < this.copies.length; i++) if (this.copies[i]!.origStart < this.copies[i - 1]!.origStart) this.copiesSorted = false;
    }
    const cs = this.copies;
    if (!this.copiesSorted) {
      for (const p of cs) if (origOffset >= p.origStart && origOffset < p.origStart + p.length) return p.viewStart + (origOffset - p.origStart);
      return null;
    }
    // Copies in original order (every view the pipeline builds): binary search.
    let lo = 0;
    let hi = cs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cs[mid]!.origStart <= origOffset) lo = mid;
      else hi = mid - 1;
    }
    const p = cs[lo];
    return p && origOffset >= p.origStart && origOffset < p.origStart + p.length ? p.viewStart + (origOffset - p.origStart) : null;
  }
}

/**
 * The user's search syntax, its safe translation to FTS5, and the
 * backend-neutral half of searching: finding where the terms matched inside
 * a passage and cutting a snippet. Positions are found here, in TypeScript,
 * in the folded passage text and mapped back to the passage's view.
 */
import { KartotekaError } from '../core/errors.js';
import type { Span } from '../core/positions.js';
import { fold, tokenize, type Token } from './fold.js';

/** A word (one token), or a phrase (several consecutive tokens); `prefix` applies to the last token. */
export interface QueryTerm {
  tokens: string[];
  prefix: boolean;
}

/** A query: every group must match (AND); within a group any term will do (OR); no excluded term may match. */
export interface ParsedQuery {
  groups: QueryTerm[][];
  exclude: QueryTerm[];
}

const SPACE = /\s/;

/**
 * Parses the user's syntax. Never throws on odd input: characters that are
 * not letters or digits only separate words, and an unbalanced quote closes
 * at the end. Throws E_QUERY when nothing searchable is left.
 */
export function parseQuery(query: string): ParsedQuery {
  const groups: QueryTerm[][] = [];
  const exclude: QueryTerm[] = [];
  let orPending = false;
  let i = 0;
  const n = query.length;
  while (i < n) {
    if (SPACE.test(query[i]!)) {
      i++;
      continue;
    }
    let negate = false;
    if (query[i] === '-' && i + 1 < n && !SPACE.test(query[i + 1]!)) {
      negate = true;
      i++;
    }
    let raw: string;
    let prefix = false;
    let isWord = false;
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      raw = query.slice(i + 1, end);
      i = close < 0 ? n : close + 1;
      if (query[i] === '*') {
        prefix = true;
        while (query[i] === '*') i++;
      }
    } else {
      let j = i;
      while (j < n && !SPACE.test(query[j]!) && query[j] !== '"') j++;
      raw = query.slice(i, j);
      i = j;
      isWord = true;
      if (raw.endsWith('*')) {
        prefix = true;
        raw = raw.replace(/\*+$/, '');
      }
    }
    if (isWord && !negate && !prefix && raw === 'OR') {
      orPending = groups.length > 0;
      continue;
    }
    if (isWord && !negate && !prefix && raw === 'AND') continue;
    const tokens = tokenize(fold(raw).text).map((t) => t.text);
    if (tokens.length === 0) continue;
    const term: QueryTerm = { tokens, prefix };
    if (negate) exclude.push(term);
    else if (orPending) groups[groups.length - 1]!.push(term);
    else groups.push([term]);
    orPending = false;
  }
  if (groups.length === 0) {
    throw new KartotekaError(
      'E_QUERY',
      undefined,
      exclude.length > 0 ? 'the query only excludes words: add a word to search for' : 'the query has no searchable words',
    );
  }
  return { groups, exclude };
}

const quoted = (tokens: readonly string[]): string => `"${tokens.join(' ').replace(/"/g, '""')}"`;

/**
 * The FTS5 MATCH expression for a parsed query: every term quoted, grouping
 * explicit. `expand` may list the words a prefix stands for: the term then
 * becomes those words ORed (null: too many, FTS5's own prefix search).
 */
export function toFtsQuery(q: ParsedQuery, expand?: (prefix: string) => string[] | null): string {
  const term = (t: QueryTerm): string => {
    if (!t.prefix) return quoted(t.tokens);
    const words = expand?.(t.tokens[t.tokens.length - 1]!) ?? null;
    // Too many words, or none (FTS5 then finds nothing, at once): its own prefix search.
    if (!words?.length) return `${quoted(t.tokens)} *`;
    return `(${words.map((w) => quoted([...t.tokens.slice(0, -1), w])).join(' OR ')})`;
  };
  const and = q.groups.map((g) => (g.length === 1 ? term(g[0]!) : `(${g.map(term).join(' OR ')})`)).join(' AND ');
  if (q.exclude.length === 0) return and;
  return `(${and}) NOT (${q.exclude.map(term).join(' OR ')})`;
}

interface Variant {
  map: number[];
  ends: number[];
  tokens: Token[];
}

/**
 * Where the query's (non-excluded) terms occur in `text` (a passage's view
 * text): ranges of `text`, sorted, overlapping ones merged. Matches are
 * sought in both folded forms the index holds (apostrophes removed, and
 * apostrophes as spaces), exactly as FTS5 matched them.
 */
export function locate(q: ParsedQuery, text: string): Span[] {
  const variants: Variant[] = (['remove', 'space'] as const).map((mode) => {
    const f = fold(text, mode);
    return { map: f.map, ends: f.ends, tokens: tokenize(f.text) };
  });
  const found: Span[] = [];
  for (const term of q.groups.flat()) {
    const len = term.tokens.length;
    for (const v of variants) {
      const toks = v.tokens;
      for (let i = 0; i + len <= toks.length; i++) {
        let ok = true;
        for (let j = 0; j < len; j++) {
          const t = toks[i + j]!.text;
          const want = term.tokens[j]!;
          if (t !== want && !(term.prefix && j === len - 1 && t.startsWith(want))) {
            ok = false;
            break;
          }
        }
        if (ok) found.push({ start: v.map[toks[i]!.start]!, end: v.ends[toks[i + len - 1]!.end - 1]! });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of found) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

export interface Snippet {
  text: string;
  /** The range of the source text the snippet shows. */
  window: Span;
  /** Maps an offset in [window.start, window.end] to an offset in `text`. */
  at(offset: number): number;
}

const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * About `size` characters of `text` around `match`, cut at word boundaries
 * (never inside a surrogate pair), white space collapsed to single spaces,
 * '…' where text was cut off.
 */
export function makeSnippet(text: string, match: Span, size = 160): Snippet {
  const before = Math.floor(size * 0.375);
  let ws = Math.max(0, match.start - before);
  let we = Math.min(text.length, Math.max(match.end, ws + size));
  if (we - ws < size) ws = Math.max(0, we - size);
  if (ws > 0 && !SPACE.test(text[ws - 1]!)) {
    let k = ws;
    while (k < match.start && !SPACE.test(text[k]!)) k++;
    if (k < match.start) ws = k;
  }
  if (we < text.length && !SPACE.test(text[we]!)) {
    let k = we;
    while (k > match.end && !SPACE.test(text[k - 1]!)) k--;
    if (k > match.end) we = k;
  }
  if (ws > 0 && isLow(text.charCodeAt(ws))) ws--;
  if (we < text.length && isLow(text.charCodeAt(we))) we++;

  const pos = new Array<number>(we - ws + 1);
  let b = ws;
  while (b < we && SPACE.test(text[b]!)) b++;
  let e = we;
  while (e > b && SPACE.test(text[e - 1]!)) e--;
  const cutBefore = /\S/.test(text.slice(0, b));
  const cutAfter = /\S/.test(text.slice(e));
  let out = cutBefore ? '…' : '';
  for (let k = ws; k < b; k++) pos[k - ws] = out.length;
  for (let k = b; k < e; ) {
    if (SPACE.test(text[k]!)) {
      while (k < e && SPACE.test(text[k]!)) pos[k++ - ws] = out.length;
      out += ' ';
    } else {
      pos[k - ws] = out.length;
      out += text[k];
      k++;
    }
  }
  for (let k = e; k <= we; k++) pos[k - ws] = out.length;
  if (cutAfter) out += '…';
  return {
    text: out,
    window: { start: ws, end: we },
    at: (offset) => pos[Math.min(Math.max(offset, ws), we) - ws]!,
  };
}

// ---------------------------------------------------------------- ranking

/**
 * How many matching passages a search ranks: the first this many in the
 * order the store holds them (the order of ingest). A query that matches
 * more — "Stalin" matches 286,000 passages at 1000× the reference corpus —
 * is ranked among these; every passage a narrower query matches is ranked.
 * Ranking all matches costs time in proportion to them (190 ms for
 * "Stalin" there); this keeps a search's cost bounded however large the
 * knowledge base grows.
 */
export const RANK_WINDOW = 500;

/** BM25's constants, and the length in characters of a typical passage (a paragraph). */
const K1 = 1.2;
const B = 0.75;
const TYPICAL_CHARS = 600;
/** How much of a passage ranking reads: a word's count saturates long before (some "passages" are 20,000-character tables). */
export const HEAD_CHARS = 3000;

/**
 * A passage's relevance to a query, higher is better: BM25 without the
 * inverse document frequency (every ranked passage holds every group, and
 * the frequency would cost a pass over all matches), in TypeScript so that
 * both backends rank alike. A term's count is how often its longest word
 * occurs in the lower-cased head of the passage (its first HEAD_CHARS), a
 * length its original span: quick (a passage is not folded) and
 * close enough to order passages; a passage the index matched counts at
 * least once however its spelling differs (diacritics, apostrophes).
 */
export function scorer(q: ParsedQuery): (head: string, length: number) => number {
  const groups = q.groups.map((g) => g.map((t) => t.tokens.reduce((a, b) => (b.length > a.length ? b : a))));
  const count = (word: string, s: string): number => {
    let n = 0;
    for (let at = s.indexOf(word); at >= 0; at = s.indexOf(word, at + word.length)) n++;
    return n;
  };
  return (head, length) => {
    const lower = head.slice(0, HEAD_CHARS).toLowerCase();
    const norm = K1 * (1 - B + (B * length) / TYPICAL_CHARS);
    let score = 0;
    for (const words of groups) {
      let tf = 0;
      for (const w of words) tf += count(w, lower);
      tf = Math.max(1, tf);
      score += (tf * (K1 + 1)) / (tf + norm);
    }
    return score;
  };
}

/**
 * Search folding: the one normalisation applied both to indexed passages and
 * to queries, so that case, diacritics and apostrophes never decide a match.
 * It keeps a map back to the input so that matches found in the folded text
 * can be reported at ORIGINAL offsets.
 */

/** Apostrophes and the characters OCR and PDF extraction put in their place. */
export const APOSTROPHES = new Set(["'", '\u2019', '\u02BC', '\u2018', '`', '\u00B4', '\u2032']);

/** Letters that NFD does not decompose, folded by hand. */
const SPECIAL: Record<string, string> = {
  'ß': 'ss',
  'ẞ': 'ss',
  'æ': 'ae',
  'Æ': 'ae',
  'œ': 'oe',
  'Œ': 'oe',
  'ø': 'o',
  'Ø': 'o',
  'ł': 'l',
  'Ł': 'l',
  'đ': 'd',
  'Đ': 'd',
  'ı': 'i',
  // Cyrillic short i is a letter of its own, not и with a diacritic.
  'й': 'й',
  'Й': 'й',
};

const MARK = /[\p{Mn}\p{Me}]/u;

export interface Folded {
  /** The folded text. */
  text: string;
  /** map[i] is the index in the input of the character folded character i came from. */
  map: number[];
  /**
   * ends[i] is the end (exclusive) in the input of that character, combining
   * marks that follow it in the input included: a folded range [a, b) comes
   * from the input range [map[a], ends[b - 1]).
   */
  ends: number[];
}

/**
 * Folds text for search: lower case, diacritics stripped (NFD, combining
 * marks dropped; ß→ss, æ→ae, ø→o, ł→l, đ→d; Cyrillic ё→е but й kept),
 * apostrophes removed — or, with `apostrophes: 'space'`, replaced by a space
 * (the second indexed column, so that `stalin` finds `Stalin's`).
 */
export function fold(text: string, apostrophes: 'remove' | 'space' = 'remove'): Folded {
  const out: string[] = [];
  const map: number[] = [];
  const ends: number[] = [];
  /** Index in `map` of the first folded unit of the last base character, or -1. */
  let lastBase = -1;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const end = i + ch.length;
    let folded: string;
    if (APOSTROPHES.has(ch)) {
      folded = apostrophes === 'space' ? ' ' : '';
      lastBase = -1;
    } else if (MARK.test(ch)) {
      // A combining mark in the input (decomposed text): dropped, but it
      // belongs to the character before it.
      if (lastBase >= 0) {
        for (let k = lastBase; k < ends.length; k++) ends[k] = end;
        // A decomposed й (и + combining breve) stays й.
        if (cp === 0x306 && out[out.length - 1] === 'и') out[out.length - 1] = 'й';
      }
      i = end;
      continue;
    } else {
      folded = SPECIAL[ch] ?? stripMarks(ch.toLowerCase());
      lastBase = folded ? map.length : -1;
    }
    for (let k = 0; k < folded.length; k++) {
      map.push(i);
      ends.push(end);
    }
    out.push(folded);
    i = end;
  }
  return { text: out.join(''), map, ends };
}

function stripMarks(s: string): string {
  if (s.length === 1 && s.charCodeAt(0) < 0xc0) return s;
  let r = '';
  for (const c of s.normalize('NFD')) {
    if (MARK.test(c)) continue;
    r += SPECIAL[c] ?? c;
  }
  return r;
}

/**
 * `fold(text, apostrophes).text` without the map back to the input: what the
 * index stores. Plain ASCII, most of a scholarly text, is folded in runs;
 * anything else goes through `fold` itself, so the two always agree.
 */
export function foldText(text: string, apostrophes: 'remove' | 'space' = 'remove'): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    // A run of ASCII that is neither an apostrophe nor followed by a combining mark.
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c >= 0x80 || c === 0x27 || c === 0x60) break;
      j++;
    }
    // The last ASCII character of a run may carry a combining mark that follows it: leave it to `fold`.
    if (j < n && j > i && MARK.test(text[j]!)) j--;
    if (j > i) {
      out += text.slice(i, j).toLowerCase();
      i = j;
      continue;
    }
    // A stretch of non-ASCII text (with the marks that follow it) up to the next plain ASCII letter.
    let k = i + 1;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c < 0x80 && c !== 0x27 && c !== 0x60 && !(k + 1 < n && MARK.test(text[k + 1]!))) break;
      k++;
    }
    out += fold(text.slice(i, k), apostrophes).text;
    i = k;
  }
  return out;
}

/** A token of folded text: a run of letters, digits and private-use characters (FTS5 unicode61's token characters). */
export interface Token {
  text: string;
  /** Start and end (exclusive) in the folded text. */
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** Splits folded text into tokens as FTS5's unicode61 tokenizer does. */
export function tokenize(folded: string): Token[] {
  const out: Token[] = [];
  for (const m of folded.matchAll(TOKEN)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

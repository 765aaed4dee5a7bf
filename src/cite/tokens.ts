/**
 * Tokens of a reference string, with offsets into it, for the field tagger
 * (src/cite/tagger.ts).
 *
 * The tagger uses white-space tokens with their punctuation attached ("Smith,",
 * "(1999).", "pp."): every field boundary in the training data (AnyStyle's
 * labelled references) falls on white space, so such tokens never straddle two
 * fields, and the punctuation a token carries is the strongest clue to where a
 * field ends. Splitting the punctuation off into tokens of its own (as GROBID
 * does; `node dist/eval/train-tagger.js --split`) was measured and scored
 * lower on AnyStyle's gold.xml, field F1 0.955 against 0.983: it lets the
 * tagger cut a field inside a word ("J." → "J" + "."), and nearly doubles the
 * sequence length.
 */

export interface Token {
  /** Equal to `text.slice(start, end)` of the string tokenized. */
  text: string;
  start: number;
  end: number;
}

/** Runs of non-white-space. */
const WORD = /\S+/g;
/** Within a run: letters/digits (with combining marks) together, each other character alone. */
const PIECE = /[\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]/gu;

/**
 * The tokens of `text`: its white-space-separated runs, or (with `splitPunct`)
 * those runs cut further into letter/digit runs and single other characters.
 * A lone surrogate or control character is a token like any other.
 */
export function tokenize(text: string, splitPunct = false): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    if (!splitPunct) {
      out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
      continue;
    }
    PIECE.lastIndex = 0;
    for (let p = PIECE.exec(m[0]); p; p = PIECE.exec(m[0])) {
      const start = m.index + p.index;
      out.push({ text: p[0], start, end: start + p[0].length });
    }
  }
  return out;
}

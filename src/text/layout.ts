import type { Line } from './lines.js';
import { quantile } from './lines.js';

/**
 * How the extracted text is laid out:
 * - `wrapped`: hard-wrapped lines of a PDF page (a thesis); a paragraph is
 *   several lines. `doubleSpaced` when a blank line follows almost every line.
 * - `paragraphs`: one paragraph per line (an article converted with its
 *   paragraphs kept, a compilation).
 */
export interface Layout {
  kind: 'wrapped' | 'paragraphs';
  doubleSpaced: boolean;
  /** Typical width in characters of a full body line (wrapped layout). */
  width: number;
}

/** A heading found in the text. `level` 1 is a chapter or a top-level part. */
export interface Heading {
  /** Index into the list of non-blank lines (units). */
  unit: number;
  level: number;
  title: string;
}

export function detectLayout(units: readonly Line[], lines: readonly Line[]): Layout {
  const lengths = units.map((u) => u.text.length);
  const median = quantile(lengths, 0.5);
  const kind = median > 160 ? 'paragraphs' : 'wrapped';
  let followedByBlank = 0;
  for (let i = 0; i + 1 < lines.length; i++) if (!lines[i]!.blank && lines[i + 1]!.blank) followedByBlank++;
  const doubleSpaced = kind === 'wrapped' && units.length > 20 && followedByBlank / units.length > 0.6;
  const width = quantile(lengths.filter((n) => n >= 40), 0.5);
  return { kind, doubleSpaced, width };
}

const CHAPTER = /^(Chapter|CHAPTER|Part|PART|Book|BOOK)\s+([IVXLC]+|\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve)\b/;
const TOP_NAMES =
  /^(introduction|conclusions?|bibliography|references|works cited|sources|notes|abstract|acknowledge?ments|(table of )?contents|abbreviations|appendix|epilogue|prologue|preface|foreword|glossary|index)\s*$/i;
/** "Chapter Two", "Chapter 3: Title", "PART I. Title" — but not a body line that opens "Chapter 3 examines ...". */
function isChapterHeading(t: string): boolean {
  const m = CHAPTER.exec(t);
  if (!m) return false;
  const rest = t.slice(m[0].length);
  return /^\s*$/.test(rest) || /^\s*[:.–—-]\s*\S/.test(rest) || looksLikeTitle(t);
}
const TOP_LEVEL = { test: (t: string) => isChapterHeading(t) || TOP_NAMES.test(t) };
/** Sections after which no note numbering continues: the back matter. */
export const BACK_MATTER = /^(bibliography|references|works cited|sources|index|select bibliography)\s*$/i;

const SMALL_WORDS = new Set(
  'a an and as at but by for from in into of on or the to with via vs under over between against during after before'.split(' '),
);

/** Whether a short line reads like a title: most words capitalised, no final full stop. */
export function looksLikeTitle(t: string): boolean {
  if (t.length < 3 || t.length > 110) return false;
  if (/[.,;:)]$/.test(t) || /\b(1[5-9]|20)\d\d\)|\), /.test(t)) return false; // citations end in ")" or hold "1973)"

  if (!/^[\p{Lu}\d'‘"“]/u.test(t)) return false;
  if (t === t.toUpperCase() && /\p{L}/u.test(t)) return false; // logos and author lines in capitals
  if (/[\p{L}.,;:)'"’”]\d{1,3}$/u.test(t)) return false; // ends in a glued number: a note marker
  if (/,\s*(\d{1,2}\s+\p{L}+\s+)?\d{4}$/u.test(t)) return false; // a dateline: "Moscow, 11 June 1937"
  if (/\s[-–]\s/.test(t) && !/:/.test(t)) return false; // "GPU - State Political Directorate": a glossary entry
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0 || words.length > 16) return false;
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')));
  if (content.length === 0) return false;
  const caps = content.filter((w) => /^[\p{Lu}'‘"“(\d]/u.test(w)).length;
  return caps / content.length >= 0.7;
}

const TERMINAL = /[.!?:;]['"’”)\]]*$|[.!?]['"’”)\]]*\d{1,3}$/;
/** Whether a line ends a sentence (or a list item introducing a quotation). */
export function endsSentence(t: string): boolean {
  return TERMINAL.test(t);
}

/**
 * Finds headings. In wrapped text a heading is a short title-like line after a
 * line that closed a sentence; in paragraph layout a short title-like
 * paragraph followed by a long one. Known top-level names are taken whatever
 * follows them.
 */
export function findHeadings(units: readonly Line[], layout: Layout): Heading[] {
  const out: Heading[] = [];
  let backMatter = false;
  for (let i = 0; i < units.length; i++) {
    const t = units[i]!.text;
    const top = TOP_LEVEL.test(t) && t.length < 100;
    // In a bibliography only its own parts ("Archival Sources") are headings, never an entry.
    if (backMatter && !top && !(looksLikeTitle(t) && t.split(/\s+/).length <= 4)) continue;
    if (top) backMatter = BACK_MATTER.test(t);
    if (!top && !looksLikeTitle(t)) continue;
    if (!top && i === 0) continue; // the first line is the document's title, not a section
    const prev = units[i - 1]?.text;
    const next = units[i + 1]?.text;
    if (!top) {
      if (next === undefined) continue;
      if (layout.kind === 'wrapped') {
        if (t.length > layout.width * 0.85) continue;
        // A line that was broken on purpose: the next word would have fitted on it.
        const nextWord = /^\S+/.exec(next)?.[0] ?? '';
        if (t.length + 1 + nextWord.length > layout.width - 4) continue;
        if (out.length && out[out.length - 1]!.unit === i - 1 && out[out.length - 1]!.level > 1) continue;
        if (prev !== undefined && !endsSentence(prev) && !TOP_LEVEL.test(prev)) continue;
        if (next.length < layout.width * 0.6 || !/^[\p{Lu}'‘"“]/u.test(next)) continue;
      } else {
        if (next.length < 200) continue;
        if (t.split(/\s+/).length < 2) continue;
      }
    }
    out.push({ unit: i, level: top ? 1 : 2, title: t.replace(/\s+/g, ' ') });
  }
  return out;
}

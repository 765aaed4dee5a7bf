/**
 * Quotations of a compilation: blocks of quoted words, each closed by the
 * line that cites its source ("Chuev, Feliks. Molotov Remembers. Chicago:
 * I. R. Dee, 1993, p. 26"). The speaker is the source's author, or the person
 * an interview turn names (`MOLOTOV: ...`); a work that records interviews
 * of its author with someone gives that someone's words where a block has no
 * turn. Editors' insertions in square brackets stay inside the quotation and
 * are listed. A block the compiler writes himself ("[Compiler's note]") is
 * not a quotation.
 */
import type { LinedSpan, Span } from '../core/positions.js';
import type { Line } from '../text/lines.js';
import { parseReference, type Locator } from '../cite/reference.js';
import { taggedWork } from '../cite/tagger.js';
import { isSourceLine } from '../cite/split.js';
import { sourceKind, type SourceKind } from '../cite/kinds.js';
import { peopleByFamily } from '../names/authority.js';
import { variantKey } from '../names/key.js';

export interface QuoteSource extends LinedSpan {
  raw: string;
  /** The author's family name(s) as cited. */
  author: string | null;
  /** The first author's given name or initials, as cited. */
  given: string | null;
  title: string | null;
  year: string | null;
  locator: Locator | null;
  /** The kind of source the cited work is (memoir, press, monograph ...). */
  kind: SourceKind;
}

export interface QuoteRecord extends LinedSpan {
  id: string;
  /** The quoted words, lines joined. */
  text: string;
  /** The speaker's entity id, when the authority file has them. */
  speaker: string | null;
  /** The speaker as the text names them ("Molotov", "Strong"). */
  speakerName: string | null;
  /** The interview turn's label ("MOLOTOV"), for a turn of dialogue. */
  turn: string | null;
  /** The citation record of the source, when the citation stage made one (notes); null for a compilation's source line. */
  citation: string | null;
  source: QuoteSource | null;
  /** Square-bracketed insertions of an editor, inside the quotation. */
  insertions: Span[];
  in: 'body' | 'note';
}

const TURN = /^([A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]{2,})?):\s+/u;
const COMPILER = /^\[(?:compiler|editor|note|translator)/iu;

/** A line's words: trimmed, with its original span and number. */
interface Words extends LinedSpan {
  text: string;
}

/** The one person of the authority file this name (and given name, for namesakes) can be, or null. */
function speakerId(name: string, given?: string): string | null {
  const found = peopleByFamily(name, given);
  return found.length === 1 ? found[0]!.id : null;
}

/** The fields a source line states, its names (authors, else editors), and its kind of source (`curated: false` reads the line alone). */
export function readSourceLine(raw: string, opts: { curated?: boolean } = {}) {
  const fields = taggedWork(raw);
  const names = fields?.author ?? fields?.editor ?? [];
  return { fields, names, kind: sourceKind({ ...fields, type: fields?.type ?? '', author: names }, opts).kind };
}

function parseSource(l: Words): QuoteSource {
  const raw = l.text;
  const { fields, names, kind } = readSourceLine(raw);
  return {
    start: l.start,
    end: l.end,
    line: l.line,
    raw,
    author: names.length ? names.map((n) => n.family ?? n.literal ?? '').filter(Boolean).join(' and ') : null,
    given: names[0]?.given ?? null,
    title: fields?.title ?? null,
    // The tagger reads a year only between word boundaries; "c1996" (circa, or copyright) is 1996 too.
    year: fields?.issued ?? /(?:\b|c)(1[5-9]\d\d|20[0-4]\d)\b/u.exec(raw)?.[1] ?? null,
    locator: parseReference(raw).locator,
    kind,
  };
}

const sourceKey = (s: QuoteSource) => `${(s.author ?? '').toLowerCase()}|${(s.title ?? '').toLowerCase()}`;

/** The quotations of a compilation (every block closed by a source line), from the lines of its text. */
export function compilationQuotes(docId: string, text: string, lines: readonly Line[]): QuoteRecord[] {
  // Blocks: runs of non-blank lines.
  const blocks: Words[][] = [];
  let cur: Words[] = [];
  for (const l of lines) {
    if (l.blank) {
      if (cur.length) blocks.push(cur);
      cur = [];
    } else cur.push({ start: l.trimmed.start, end: l.trimmed.end, line: l.n, text: l.text });
  }
  if (cur.length) blocks.push(cur);

  interface Piece {
    lines: Words[];
    turn: string | null;
    source: QuoteSource | null;
  }
  const pieces: Piece[] = [];
  // Paragraphs whose source line has not come yet: a quotation may run over several paragraphs, its source after the last.
  let pending: Piece[] = [];
  for (const b of blocks) {
    // A block may hold several quotations, each closed by its source line.
    let body: Words[] = [];
    const flush = (source: QuoteSource | null) => {
      // Interview turns: each labelled line opens a turn; unlabelled lines continue it.
      let turn: Piece | null = null;
      const plain: Words[] = [];
      const out: Piece[] = [];
      for (const l of body) {
        // The compiler's remarks between a quotation and its source are not part of it.
        if (COMPILER.test(l.text)) continue;
        const m = TURN.exec(l.text);
        if (m) {
          turn = { lines: [{ ...l, start: l.start + m[0].length, text: l.text.slice(m[0].length) }], turn: m[1]!, source };
          out.push(turn);
        } else if (turn) turn.lines.push(l);
        else plain.push(l);
      }
      if (plain.length) out.unshift({ lines: plain, turn: null, source });
      body = [];
      if (source) {
        for (const p of pending) p.source = source;
        pieces.push(...pending, ...out);
        pending = [];
      } else {
        // A heading (the compilation's title, a part's name): one short line that is not a sentence.
        pending.push(...out.filter((p) => p.turn || p.lines.length > 1 || p.lines[0]!.text.length >= 100 || /[.!?…"”:]$/u.test(p.lines[0]!.text)));
      }
    };
    for (const l of b) {
      if (isSourceLine(l.text) && !TURN.test(l.text)) flush(parseSource(l));
      else body.push(l);
    }
    if (body.length) flush(null);
  }
  // Words no source line follows: the compiler's own, or a source lost.
  pieces.push(...pending);
  pieces.sort((a, b) => a.lines[0]!.start - b.lines[0]!.start);

  // Works whose turns name their author beside another speaker record that other's words.
  const interviewee = new Map<string, string>();
  for (const p of pieces) {
    if (!p.turn || !p.source?.author) continue;
    if (variantKey(p.turn) !== variantKey(p.source.author.split(' and ')[0]!)) interviewee.set(sourceKey(p.source), p.turn);
  }

  const out: QuoteRecord[] = [];
  for (const p of pieces) {
    const first = p.lines[0]!;
    const last = p.lines[p.lines.length - 1]!;
    const start = first.start;
    const end = last.end;
    const words = text.slice(start, end);
    if (COMPILER.test(words)) continue;
    const name = p.turn ?? (p.source ? (interviewee.get(sourceKey(p.source)) ?? p.source.author) : null);
    const who = name ? name.split(' and ')[0]! : null;
    // Turn labels are in capitals: the speaker's name is not.
    const display = who && who === who.toUpperCase() ? who.charAt(0) + who.slice(1).toLowerCase() : who;
    const insertions: Span[] = [];
    for (const m of words.matchAll(/\[[^\][\n]{1,80}\]/gu)) insertions.push({ start: start + m.index!, end: start + m.index! + m[0].length });
    out.push({
      id: `${docId}#q${out.length + 1}`,
      text: words.replace(/\s*[\r\n]+\s*/g, ' '),
      speaker: who ? speakerId(who, !p.turn && p.source && who === p.source.author?.split(' and ')[0] ? (p.source.given ?? undefined) : undefined) : null,
      speakerName: display,
      turn: p.turn,
      citation: null,
      source: p.source,
      insertions,
      start,
      end,
      line: first.line,
      in: 'body',
    });
  }
  return out;
}

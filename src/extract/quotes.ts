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
import { authority } from '../names/authority.js';
import type { Mention } from '../names/mentions.js';

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
  /** The note that cites the quotation in scholarly prose (its id, null when the note text was lost), and the marker's label as printed. */
  note: string | null;
  noteLabel: string | null;
  source: QuoteSource | null;
  /** Square-bracketed insertions of an editor, inside the quotation. */
  insertions: Span[];
  in: 'body' | 'note';
  /** Whose text the quotation is read in, when the speaker is not the source's author (Wiedemann's words in Krivitsky's memoir): the author's entity id. */
  quotedBy: string | null;
  quotedByName: string | null;
}

/** An interview turn's label: `MOLOTOV:`, `VOICE FROM AUDIENCE:`, `STALIN [In a June 1937 speech]:`. */
const TURN = /^([A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]{1,}){0,2})(?:\s*\[[^\]\n]{1,80}\])?:\s+/u;
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
    // "p. 169 [p. 155 on the NET]": the compiler's remark after the page is not part of the locator.
    locator: parseReference(raw.replace(/\s*\[[^\]\n]*\]\s*$/u, '')).locator,
    kind,
  };
}

const sourceKey = (s: QuoteSource) => `${(s.author ?? '').toLowerCase()}|${(s.title ?? '').toLowerCase()}`;

/** A line of a compilation, and what the reading below learnt of it. */
interface Unit extends Words {
  /** Index of its paragraph (blank-line delimited). */
  para: number;
  /** The interview turn it opens or continues. */
  turn: string | null;
  /** Who speaks the line when it is not the source's author (or interviewee). */
  speaker: Who | null;
  /** A line of someone's words set apart: it is a quotation of its own, never merged with its neighbours. */
  apart: boolean;
}

interface Who {
  id: string | null;
  name: string;
}

const OPENS = /^["“]/u;
const PARTING = '\u0000';
/** A closing quotation mark followed by narration (`," said Stalin`): the line is not all quoted words. */
const NARRATED = /["”][,.;:!?]?\s+[\p{L}(]/u;
export const SAYS = String.raw`(?:stated|states|said|says|wrote|writes|declared|declares|replied|told|remarked|added|testified|explained|announced|exclaimed|asked|recalled|noted|continued|concluded|went on|answered|insisted|charged|complained|commented|argued|argues|spoke|warned|claimed|maintained|admitted|reported|proclaimed|described)`;
export const SAID_BY = new RegExp(String.raw`^(?:['’]s\s+(?:[\p{L}-]+\s+){0,2}(?:reply|statement|words|answer|letter|testimony|note|notes|remarks?|declaration|speech|confession)\b|,?\s+(?:(?!(?:he|she|they|we|it)\b)[\p{Ll}-]+\s+){0,2}${SAYS}\b)`, 'u');
const SAID_AFTER = new RegExp(String.raw`^[,.!?]?["”]?,?\s*(?:${SAYS}\s+)?$`, 'u');
/** A verb of saying right after a name: "Stalin concluded", "(asked) Stalin said". */
export const SAYS_NEXT = new RegExp(String.raw`^\s*${SAYS}\b`, 'u');
export const PRONOUN_SAYS = new RegExp(String.raw`\b(?:[Hh]e|[Ss]he)\s+(?:[\p{Ll}-]+\s+){0,2}${SAYS}\b`, 'u');

/** Spans inside quotation marks on a line (straight marks pair up in order). */
function quotedSpans(u: Words): Span[] {
  const out: Span[] = [];
  let open = -1;
  for (let i = 0; i < u.text.length; i++) {
    const c = u.text[i];
    if (c === '“' || (c === '"' && open < 0)) open = i;
    else if ((c === '”' || c === '"') && open >= 0) {
      out.push({ start: u.start + open, end: u.start + i + 1 });
      open = -1;
    }
  }
  if (open >= 0) out.push({ start: u.start + open, end: u.end });
  return out;
}

/**
 * Reading who speaks: persons and bodies the mention layer found, outside
 * quotation marks.
 */
class Speakers {
  constructor(
    private readonly text: string,
    private readonly mentions: readonly Mention[],
  ) {}

  /** Person and organization mentions inside [start, end), in order, outside quotation marks of `u`. */
  in(u: Words, start = u.start, end = u.end): Mention[] {
    const quoted = quotedSpans(u);
    const byId = authority().byId;
    return this.mentions.filter(
      (m) => m.start >= start && m.end <= end && byId.get(m.entity)?.type !== 'place' && !quoted.some((q) => m.start > q.start && m.end <= q.end),
    );
  }

  private who(m: Mention): Who {
    return { id: m.entity, name: m.surface.replace(/['’]s$/u, '') };
  }

  /** The speaker an introducing line names before its colon ("Wiedemann's boastful reply:", "Stalin stated:", "signed by Stalin", "he wrote the following"). */
  introduced(u: Words, paragraph: readonly Words[]): Who | null {
    const sentence = u.start + Math.max(0, ...[...u.text.matchAll(/[.!?]["”’)]?\s+(?=\p{Lu}|\[)/gu)].map((m) => m.index! + m[0].length));
    const ms = this.in(u, sentence);
    for (const m of ms) {
      const after = this.text.slice(m.end, Math.min(u.end, m.end + 60));
      const before = this.text.slice(Math.max(sentence, m.start - 20), m.start);
      if (SAID_BY.test(after) || /\b(?:signed|written|sent|issued|drafted) by\s+$/u.test(before)) return this.who(m);
    }
    if (PRONOUN_SAYS.test(this.text.slice(sentence, u.end))) {
      const first = paragraph.flatMap((p) => this.in(p)).find((m) => authority().byId.get(m.entity)?.type === 'person');
      if (first) return this.who(first);
    }
    return null;
  }

  /** The speaker an editor's bracketed lead-in names ("[Stalin stated to Voroshilov], ...", "[February 9th, 1938 Politburo decision ...]"). */
  leadIn(u: Words): Who | null {
    const m = /^\[([^\]\n]{2,120})\](?=\s*(?:[,:"“]|$))/u.exec(u.text);
    if (!m) return null;
    const first = this.in(u, u.start + 1, u.start + 1 + m[1]!.length).find((x) => {
      const before = this.text.slice(Math.max(u.start, x.start - 12), x.start);
      // The one addressed or spoken of is not the speaker; nor is a name inside the quoted title of a decision.
      return !/\b(?:to|with|about|against|on|of)\s+(?:the\s+)?$/iu.test(before) && !/["“]\s*(?:On\s+)?(?:Comrade\s+)?$/u.test(before);
    });
    return first ? this.who(first) : null;
  }

  /** Who a line of dialogue names as speaking: `"...," asked Stalin`, `"...," Stalin concluded`; or, for narration quoting someone at length, the line's first person. */
  attributed(u: Words): Who | null {
    const quoted = quotedSpans(u);
    if (OPENS.test(u.text) && quoted.length) {
      const close = quoted[0]!.end;
      const m = this.in(u, close, Math.min(u.end, close + 40))[0];
      if (m && (SAID_AFTER.test(this.text.slice(close, m.start)) || SAYS_NEXT.test(this.text.slice(m.end, m.end + 20)))) return this.who(m);
      return null;
    }
    if (!quoted.some((q) => this.text.slice(q.start, q.end).split(/\s+/u).length >= 4)) return null;
    const first = this.in(u).find((x) => authority().byId.get(x.entity)?.type === 'person');
    return first ? this.who(first) : null;
  }

  /** The people a passage's narration names, most named first. */
  participants(units: readonly Words[]): string[] {
    const count = new Map<string, number>();
    for (const u of units) for (const m of this.in(u)) if (authority().byId.get(m.entity)?.type === 'person') count.set(m.entity, (count.get(m.entity) ?? 0) + 1);
    return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  name(id: string): string {
    const e = authority().byId.get(id);
    return (e && 'family' in e && typeof e.family === 'string' ? e.family : e?.label) ?? id;
  }
}

/**
 * Who speaks each line of a passage that is not its source's author: turns
 * of an interview, a quotation a line introduces with a colon, an editor's
 * bracketed lead-in, and the alternating speakers of a narrated dialogue.
 */
function readSpeakers(units: Unit[], sp: Speakers): void {
  // Turns: each labelled line opens one; the following lines of its paragraph continue it.
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (!u.turn && i > 0 && units[i - 1]!.turn && units[i - 1]!.para === u.para) u.turn = units[i - 1]!.turn;
  }
  // An editor's lead-in speaks for the rest of its paragraph.
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.turn) continue;
    const who = sp.leadIn(u);
    if (!who) continue;
    for (let j = i; j < units.length && units[j]!.para === u.para && !units[j]!.turn; j++) units[j]!.speaker = who;
  }
  // A line of quoted words after a line ending with a colon: the words of whom that line names.
  for (let i = 1; i < units.length; i++) {
    const u = units[i]!;
    const intro = units[i - 1]!;
    if (u.turn || u.speaker || !OPENS.test(u.text) || !/:$/u.test(intro.text)) continue;
    const who = sp.introduced(
      intro,
      units.filter((x) => x.para === intro.para && x.start <= intro.start),
    );
    if (who) {
      u.speaker = who;
      u.apart = true;
    }
  }
  // A narrated dialogue: lines that are nothing but quoted words alternate between the two people the narration names.
  const turns = units.map((u, i) => ({ u, i })).filter(({ u }) => !u.turn && !u.speaker && OPENS.test(u.text));
  if (!turns.length) return;
  const anchors = units.map((u) => (u.turn || u.speaker ? null : sp.attributed(u)));
  const people = sp.participants(units);
  const other = (id: string | null) => people.find((p) => p !== id) ?? null;
  const pure = (u: Unit) => OPENS.test(u.text) && !NARRATED.test(u.text.slice(1, -1)) && /["”]$/u.test(u.text);
  const said: (string | null)[] = units.map((_, i) => anchors[i]?.id ?? null);
  for (const { u, i } of turns) {
    if (!pure(u)) continue;
    const prev = units[i - 1];
    let id: string | null = null;
    if (prev && OPENS.test(prev.text) && said[i - 1]) id = other(said[i - 1]!);
    else {
      const last = said.slice(0, i).reverse().find((x) => x);
      if (last) id = last;
      else {
        // Before anyone is named: count back from the next line that names its speaker.
        let k = i + 1;
        while (k < units.length && OPENS.test(units[k]!.text) && !said[k]) k++;
        if (k < units.length && said[k] && OPENS.test(units[k]!.text)) id = (k - i) % 2 ? other(said[k]!) : said[k]!;
      }
    }
    if (!id) continue;
    said[i] = id;
    u.speaker = { id, name: sp.name(id) };
    u.apart = true;
  }
}

/**
 * The quotations of a compilation (every passage closed by a source line),
 * from the lines of its text and the persons and bodies named in it.
 */
export function compilationQuotes(docId: string, text: string, lines: readonly Line[], mentions: readonly Mention[] = []): QuoteRecord[] {
  const sp = new Speakers(text, mentions);
  interface Piece {
    units: Unit[];
    source: QuoteSource | null;
  }
  const pieces: Piece[] = [];
  // Lines since the last source line: a quotation may run over several paragraphs, its source after the last.
  let pending: Unit[] = [];
  let para = 0;
  let paragraph: Unit[] = [];

  /** A mark where a quotation is parted (a compiler's remark, a quotation taken out with its own source). */
  const parting = (w: Words): Unit => ({ ...w, text: PARTING, para, turn: null, speaker: null, apart: false });
  const close = (source: QuoteSource | null) => {
    const units = pending;
    pending = [];
    if (!units.length) return;
    readSpeakers(units, sp);
    // A quotation quoted inside another author's passage, with its own source line: only it takes that source.
    const last = units[units.length - 1]!;
    if (source && last.apart && last.speaker && units.length > 1 && source.author && variantKey(source.author.split(' and ')[0]!) === variantKey(last.speaker.name)) {
      pieces.push({ units: [{ ...last, speaker: null, apart: false }], source });
      // The passage resumes after it: a quotation apart from the words before.
      pending = [...units.slice(0, -1), parting(last)];
      return;
    }
    // Consecutive lines of one speaker are one quotation; a line set apart, a new turn, or a compiler's remark between them ends it.
    let cur: Unit[] = [];
    const flush = () => {
      if (cur.length) pieces.push({ units: cur, source });
      cur = [];
    };
    units.forEach((u, i) => {
      if (u.text === PARTING) return flush();
      const prev = cur[cur.length - 1];
      const same = prev && !u.apart && !prev.apart && prev.speaker?.id === u.speaker?.id && prev.speaker?.name === u.speaker?.name && prev.turn === u.turn && !(u.turn && TURN.test(u.text));
      if (!same) flush();
      cur.push(u);
      if (i === units.length - 1) flush();
    });
    flush();
  };

  const endParagraph = () => {
    // A heading (the compilation's title, a part's name) with no source line: one short line that is not a sentence.
    const p = paragraph;
    paragraph = [];
    para++;
    if (p.length === 1 && !p[0]!.turn && p[0]!.text.length < 100 && !/[.!?…"”:\]]$/u.test(p[0]!.text)) pending.splice(pending.indexOf(p[0]!), 1);
  };

  for (const l of lines) {
    if (l.blank) {
      if (paragraph.length) endParagraph();
      continue;
    }
    const w: Words = { start: l.trimmed.start, end: l.trimmed.end, line: l.n, text: l.text };
    if (isSourceLine(w.text) && !TURN.test(w.text)) {
      paragraph = [];
      close(parseSource(w));
      continue;
    }
    // The compiler's remarks are not quotations; between two lines of one quotation they part it.
    if (COMPILER.test(w.text) || (/^\[[^\]\n]+\]$/u.test(w.text) && pending.length && !sp.leadIn(w))) {
      if (pending.length) pending.push(parting(w));
      continue;
    }
    const m = TURN.exec(w.text);
    const u: Unit = m
      ? { start: w.start + m[0].length, end: w.end, line: w.line, text: w.text.slice(m[0].length), para, turn: m[1]!, speaker: null, apart: false }
      : { ...w, para, turn: null, speaker: null, apart: false };
    pending.push(u);
    paragraph.push(u);
  }
  if (paragraph.length) endParagraph();
  // Words no source line follows: the compiler's own, or a source lost.
  close(null);
  pieces.sort((a, b) => a.units[0]!.start - b.units[0]!.start);

  // Works whose turns name their author beside another speaker record that other's words.
  const interviewee = new Map<string, string>();
  for (const p of pieces) {
    const turn = p.units[0]!.turn;
    if (!turn || !p.source?.author) continue;
    if (variantKey(turn) !== variantKey(p.source.author.split(' and ')[0]!)) interviewee.set(sourceKey(p.source), turn);
  }

  const out: QuoteRecord[] = [];
  for (const p of pieces) {
    const first = p.units[0]!;
    const last = p.units[p.units.length - 1]!;
    const start = first.start;
    const end = last.end;
    const words = text.slice(start, end);
    const author = p.source?.author?.split(' and ')[0] ?? null;
    const authorId = author ? speakerId(author, p.source?.given ?? undefined) : null;
    let id: string | null;
    let display: string | null;
    if (first.speaker) {
      id = first.speaker.id;
      display = first.speaker.name;
    } else {
      const name = first.turn ?? (p.source ? (interviewee.get(sourceKey(p.source)) ?? p.source.author) : null);
      const who = name ? name.split(' and ')[0]! : null;
      // Turn labels are in capitals: the speaker's name is not.
      display = who && who === who.toUpperCase() ? who.charAt(0) + who.slice(1).toLowerCase() : who;
      id = who ? (who === author ? authorId : speakerId(who)) : null;
    }
    const insertions: Span[] = [];
    for (const m of words.matchAll(/\[[^\][\n]{1,80}\]/gu)) insertions.push({ start: start + m.index!, end: start + m.index! + m[0].length });
    const others = author && display && variantKey(display) !== variantKey(author);
    out.push({
      id: `${docId}#q${out.length + 1}`,
      text: words.replace(/\s*[\r\n]+\s*/g, ' '),
      speaker: id,
      speakerName: display,
      turn: first.turn,
      citation: null,
      note: null,
      noteLabel: null,
      source: p.source,
      insertions,
      start,
      end,
      line: first.line,
      in: 'body',
      quotedBy: others ? authorId : null,
      quotedByName: others ? author : null,
    });
  }
  return out;
}

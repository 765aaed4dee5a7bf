/**
 * Quotations in scholarly prose: words in quotation marks inside a sentence
 * (`Gamarnik ... declared: 'Comrades, ...'`), paragraphs set off as block
 * quotations after a line ending in a colon, and — in texts whose extraction
 * lost its quotation marks — the words a verb of saying and a colon
 * introduce, up to the note that cites them. Each quotation gets its speaker
 * (who said or wrote the words, not the historian quoting them), the note
 * that cites it and that note's first citation. Read on the body's views;
 * every span is mapped back to the original.
 */
import { firstAtOrAfter, lowerBound, type LineIndex, type Span } from '../core/positions.js';
import type { Marker } from '../core/types.js';
import type { BodyParagraph } from '../text/body.js';
import type { Citation } from '../cite/stage.js';
import type { Mention } from '../names/mentions.js';
import { authority } from '../names/authority.js';
import { PRONOUN_SAYS, SAID_BY, SAYS, SAYS_NEXT, type QuoteRecord } from './quotes.js';

export interface ProseInput {
  docId: string;
  index: LineIndex;
  body: readonly BodyParagraph[];
  markers: readonly Marker[];
  citations: readonly Citation[];
  mentions: readonly Mention[];
  /** The bibliography's span: its entries are not prose. */
  bibliography: Span | null;
}

/** A mention as a span of a paragraph's view. */
interface Named {
  entity: string;
  name: string;
  start: number;
  end: number;
  person: boolean;
}

const MIN_WORDS = 4;
const ADDRESSED = /\b(?:to|with|about|against|of|on|from|by)\s+(?:the\s+)?$/iu;
/** How far past its paragraph a quotation's citing note may come (characters of the original). */
const NOTE_REACH = 400;
/** The marks that may close each opening mark (extractions mix straight and curly ones). */
const CLOSE_FOR: Record<string, string> = { '‘': "’'", "'": "'’", '“': '”"', '"': '"”' };
/** Words before a quotation that make it a name: the title of an article, a book, a report, a headline. */
const TITLED = /\b(?:article|entitled|titled|headline|editorial|pamphlet|book|brochure|slogan|called|named|heading|chapter|order|film|play|poem|novel|newspaper|journal|protocol)\s*,?\s*$/iu;
/** The title of a document: "Protocol of the meeting of ...", "Resolution on ...". */
const DOCUMENT_TITLE = /^(?:Protocol|Minutes|Resolution|Decree|Directive|Report|Order|Memorandum|Instruction|Circular)\s+(?:of|on|about|from|to|concerning)\b/u;
/** Set terms of the period, quoted as terms and not as anyone's words. */
const SET_TERMS = /^(?:enem(?:y|ies) of the (?:people|party)|former people|socially (?:harmful|dangerous) elements?)[.,!?]?$/iu;
/** Lost quotation marks: a colon after a verb of saying in its clause, or a comma straight after one ("As Rittersporn commented, ..."). */
const BY_COLON = new RegExp(String.raw`\b(?:${SAYS}|argues|writing|describ(?:ed|ing)|criticis(?:ed|ing)|formulation of|concerns clear)\b[^:;]{0,120}:\s*$`, 'u');
const BY_COMMA = new RegExp(String.raw`\b(?:${SAYS}|argues|argued this was because|describing [\p{L} ]{1,40} as)\s*,\s*$`, 'u');
/** "'...,' he told the meeting": a pronoun saying, after the closing mark. */
const PRONOUN_AFTER = new RegExp(String.raw`^[’'”",.]*\s*(?:he|she)\s+${SAYS}\b`, 'u');
/** How long words with lost marks may run to their note. */
const LOST_REACH = 1500;

/** The first value in sorted `list` at or after `at`, else Infinity. */
const nextAt = (list: readonly number[], at: number): number => list[lowerBound(list.length, (i) => list[i]! < at)] ?? Infinity;

/**
 * Quotation-mark pairs in a paragraph's text: an opening mark after a space or
 * a bracket, a closing one after a non-space and not inside a word ("Stalin's"
 * closes nothing). Closing marks are indexed once, so hostile text with
 * thousands of unclosed marks costs n log n, not n².
 */
function marked(t: string): Span[] {
  const closing = new Map<string, number[]>([...'’\'”"'].map((d) => [d, []]));
  const opening = new Map<string, number[]>([['‘', []], ['“', []]]);
  for (let j = 0; j < t.length; j++) {
    const d = t[j]!;
    if (closing.has(d) && j > 0 && !/\s/u.test(t[j - 1]!) && !/\p{L}/u.test(t[j + 1] ?? '')) closing.get(d)!.push(j);
    opening.get(d)?.push(j);
  }
  const out: Span[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    const closers = CLOSE_FOR[c];
    if (!closers) continue;
    if (i > 0 && !/[\s([{—–:-]/u.test(t[i - 1]!)) continue;
    if (!/\S/u.test(t[i + 1] ?? '')) continue;
    let j = Infinity;
    for (const d of closers) j = Math.min(j, nextAt(closing.get(d) ?? [], i + 2));
    // Another opening of the same curly kind first: this one never closed.
    if (j === Infinity || j - i > 3000 || nextAt(opening.get(c) ?? [], i + 1) < j) continue;
    out.push({ start: i + 1, end: j });
    i = j;
  }
  return out;
}

const words = (s: string) => s.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;

/** Whether quoted words are a name (a title in capitals, a heading) rather than someone's words. */
function isTitle(t: string, q: Span): boolean {
  const words = t.slice(q.start, q.end).trim();
  if (SET_TERMS.test(words) || DOCUMENT_TITLE.test(words)) return true;
  if (TITLED.test(t.slice(Math.max(0, q.start - 40), q.start - 1))) return true;
  const ws = t.slice(q.start, q.end).split(/\s+/u).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  return ws.length >= 2 && ws.every((w) => /^\p{Lu}/u.test(w));
}

export function proseQuotes(x: ProseInput): QuoteRecord[] {
  const byId = authority().byId;
  const named = x.mentions.filter((m) => m.in === 'body' && byId.get(m.entity)?.type !== 'place').sort((a, b) => a.start - b.start);
  const markers = [...x.markers].sort((a, b) => a.start - b.start);
  const citationOf = new Map<string, string>();
  for (const c of x.citations) if (c.note && !citationOf.has(c.note)) citationOf.set(c.note, c.id);
  // A text that lost its quotation marks in extraction: hardly a mark in its whole body (one per 20,000 characters).
  let chars = 0;
  let marks = 0;
  for (const p of x.body) {
    chars += p.view.text.length;
    marks += p.view.text.match(/[‘’“”"]|(?:^|\s)'\S/gu)?.length ?? 0;
  }
  const lostMarks = marks * 20_000 < chars;
  const out: QuoteRecord[] = [];

  const mentionsOf = (p: BodyParagraph): Named[] => {
    const o = p.view.toOriginalSpans(0, p.view.text.length);
    if (!o.length) return [];
    const from = o[0]!.start;
    const to = o[o.length - 1]!.end;
    const list: Named[] = [];
    for (let i = firstAtOrAfter(named, from); i < named.length && named[i]!.start < to; i++) {
      const m = named[i]!;
      const r = p.view.toViewSpan(m.start, m.end);
      if (r) list.push({ entity: m.entity, name: m.surface.replace(/['’]s$/u, ''), start: r.start, end: r.end, person: byId.get(m.entity)?.type === 'person' });
    }
    return list;
  };

  /** Who speaks quoted words starting at `at` in paragraph text `t`: named with a verb of saying, else the sentence's subject, else the paragraph's. */
  const speakerOf = (t: string, ms: readonly Named[], sentences: readonly Span[], sentence: number, at: number, end: number, inQuotes: readonly Span[]): Named | null => {
    const outside = ms.filter((m) => !inQuotes.some((q) => m.start >= q.start && m.end <= q.end));
    const before = outside.filter((m) => m.start >= sentence && m.end <= at);
    for (const m of before) {
      const after = t.slice(m.end, Math.min(at, m.end + 80));
      const lead = t.slice(Math.max(sentence, m.start - 30), m.start);
      if (SAID_BY.test(after) || /\b(?:according to|signed by|written by|sent by|issued by)\s+(?:the\s+)?$/iu.test(lead)) return m;
    }
    // After the words: "'...,' he told the Military Soviet", "'...', Stalin said".
    const tail = t.slice(end, end + 60);
    const after = outside.find((m) => m.start >= end && m.start <= end + 12 && SAYS_NEXT.test(t.slice(m.end, m.end + 20)));
    if (after) return after;
    const pronoun = PRONOUN_SAYS.test(t.slice(sentence, at)) || PRONOUN_AFTER.test(tail);
    // The one written to or spoken of is not the speaker ("In his letter to Lenin, Vatsetis complained").
    const free = (m: Named, from: number) => !ADDRESSED.test(t.slice(Math.max(from, m.start - 12), m.start));
    const subject = before.find((m) => m.person && free(m, sentence)) ?? before.find((m) => free(m, sentence));
    if (subject && !pronoun) return subject;
    // "he wrote": the subject of the nearest sentence before that names a person.
    const earlier = outside.filter((m) => m.end <= sentence && m.person);
    const last = earlier[earlier.length - 1];
    if (last) {
      const s0 = sentences.filter((x) => x.start <= last.start).pop()?.start ?? 0;
      return earlier.find((m) => m.start >= s0 && free(m, s0)) ?? last;
    }
    return subject ?? null;
  };

  /** The note that cites words ending at original offset `end`: the first marker after them inside the paragraph. */
  const noteAfter = (end: number, paraEnd: number, reach = 0): Marker | null => {
    const m = markers[firstAtOrAfter(markers, end)];
    return m && m.start <= paraEnd + reach ? m : null;
  };

  const push = (p: BodyParagraph, start: number, end: number, who: Named | null, paraEnd: number) => {
    const t = p.view.text;
    // Trailing marker digits and spaces are not the words.
    while (end > start && /[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰]/u.test(t[end - 1]!)) end--;
    while (start < end && /\s/u.test(t[start]!)) start++;
    if (words(t.slice(start, end)) < MIN_WORDS) return;
    const spans = p.view.toOriginalSpans(start, end).map((s) => x.index.lined(s));
    if (!spans.length) return;
    const first = spans[0]!;
    const last = spans[spans.length - 1]!;
    // Words the paragraph does not cite are cited by the next note, when it comes soon after (the speaker's next words, cited once).
    const marker = noteAfter(last.end, paraEnd, NOTE_REACH);
    const note = marker?.note ?? null;
    out.push({
      id: `${x.docId}#q${out.length + 1}`,
      text: t.slice(start, end).replace(/\s+/gu, ' '),
      speaker: who?.entity ?? null,
      speakerName: who?.name ?? null,
      turn: null,
      citation: note ? (citationOf.get(note) ?? null) : null,
      note,
      noteLabel: marker?.label ?? null,
      source: null,
      insertions: [...t.slice(start, end).matchAll(/\[[^\][\n]{1,80}\]/gu)].flatMap((m) => p.view.toOriginalSpans(start + m.index!, start + m.index! + m[0].length)),
      start: first.start,
      end: last.end,
      line: first.line,
      in: 'body',
      quotedBy: null,
      quotedByName: null,
    });
  };

  x.body.forEach((p, k) => {
    const t = p.view.text;
    const o = p.view.toOriginalSpans(0, t.length);
    if (!o.length) return;
    const paraEnd = o[o.length - 1]!.end;
    if (x.bibliography && o[0]!.start >= x.bibliography.start && o[0]!.start < x.bibliography.end) return;
    const ms = mentionsOf(p);
    const sentenceAt = (at: number) => {
      let s = 0;
      for (const x of p.sentences) if (x.start <= at) s = x.start;
      return s;
    };
    // A block quotation: the whole paragraph after one whose last words are a verb of saying and a colon.
    const prev = k > 0 ? x.body[k - 1]! : null;
    // Where the historian's own words begin again (after a block quotation).
    let from = 0;
    if (prev && /:\s*$/u.test(prev.view.text) && !/^['‘"“]/u.test(t) && words(t) >= MIN_WORDS) {
      const pt = prev.view.text;
      const lastSentence = prev.sentences.length ? prev.sentences[prev.sentences.length - 1]!.start : 0;
      // A cited block ends at its note marker: what follows is the historian again (a paragraph break the extraction lost).
      const mk = noteAfter(o[0]!.start, paraEnd);
      const cut = mk ? (p.view.toViewSpan(mk.start, mk.end)?.start ?? t.length) : t.length;
      push(p, 0, cut, speakerOf(pt, mentionsOf(prev), prev.sentences, lastSentence, pt.length, pt.length, []), paraEnd);
      from = cut;
    }
    const spans = marked(t);
    const quoted = spans.filter((q) => q.start >= from && words(t.slice(q.start, q.end)) >= MIN_WORDS && !isTitle(t, q));
    // Names inside any quotation marks (a title, a term) are not who speaks.
    for (const q of quoted) push(p, q.start, q.end, speakerOf(t, ms, p.sentences, sentenceAt(q.start), q.start, q.end, spans), paraEnd);
    if (!lostMarks) return;
    // Quotation marks lost in extraction: the words a verb of saying and a colon open, up to the note that cites them.
    for (const s of p.sentences) {
      if (s.start < from) continue;
      const st = t.slice(s.start, s.end);
      for (const m of st.matchAll(/[:,]\s+/gu)) {
        const at = s.start + m.index! + m[0].length;
        const lead = t.slice(s.start, at);
        if (!(m[0][0] === ':' ? BY_COLON : BY_COMMA).test(lead)) continue;
        const o2 = p.view.toOriginalSpans(at, t.length);
        if (!o2.length) continue;
        const mk = noteAfter(o2[0]!.start, paraEnd);
        const endAt = mk ? (p.view.toViewSpan(mk.start, mk.end)?.start ?? -1) : -1;
        if (endAt < 0 || endAt - at > LOST_REACH) continue;
        push(p, at, endAt, speakerOf(t, ms, p.sentences, s.start, at, endAt, []), paraEnd);
        break;
      }
    }
  });
  return out;
}

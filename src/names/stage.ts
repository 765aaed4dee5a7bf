/** The mentions stage: the passages of a document (body paragraphs, notes) searched for the names of the authority file. */
import type { LineIndex } from '../core/positions.js';
import type { Note } from '../core/types.js';
import type { Citation, NoteText } from '../cite/stage.js';
import type { WorkFields } from '../cite/reference.js';
import type { BodyParagraph } from '../text/body.js';
import { authority } from './authority.js';
import { NameIndex } from './index.js';
import { findMentions, type MentionResult, type Passage } from './mentions.js';
import { isSourceLine } from '../cite/split.js';
import { parseReference } from '../cite/reference.js';

export type { Mention, AmbiguousMention, UnknownName } from './mentions.js';

let shared: NameIndex | null = null;

/** The index of the shipped authority file, built once per process. */
export function nameIndex(): NameIndex {
  shared ??= new NameIndex(authority());
  return shared;
}

export function mentionStage(
  lines: LineIndex,
  body: readonly BodyParagraph[],
  notes: readonly Note[],
  noteTexts: readonly NoteText[],
  citations: readonly Citation[],
  index: NameIndex = nameIndex(),
): Omit<MentionResult, 'ambiguous'> & { ambiguousMentions: MentionResult['ambiguous'] } {
  const passages: Passage[] = body.map((p) => ({ view: p.view, from: 0, in: 'body' as const }));
  noteTexts.forEach((n, k) => passages.push({ view: n.view, from: n.offset, in: 'note', note: notes[k]!.id }));
  const fields = [...referenceFieldSpans(lines.text, citations), ...sourceLineFieldSpans(lines.text)];
  const r = findMentions(passages, index, lines, authorSpans(citations), fields, citations.flatMap((c) => (c.spans.length ? c.spans : [c])));
  return { entities: r.entities, mentions: r.mentions, ambiguousMentions: r.ambiguous, unknownNames: r.unknownNames };
}

/** Where a citation names its authors: from its start to its title (or its first third when the title is not found). */
function authorSpans(citations: readonly Citation[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const c of citations) {
    if (!c.fields.author?.length) continue;
    const title = typeof c.fields.title === 'string' ? c.fields.title : '';
    const at = title ? c.raw.indexOf(title.slice(0, 12)) : -1;
    out.push({ start: c.start, end: c.start + (at > 0 ? at : Math.ceil(c.raw.length / 3)) });
  }
  return out;
}

/** The fields of a reference that name no one of the story: titles, containers, publishers, places of publication, archives. */
const NON_PERSON_FIELDS = ['title', 'container-title', 'publisher', 'publisher-place', 'genre'] as const;

/**
 * Where each citation prints its titles, publisher and place of publication,
 * found in the original text (line breaks may stand where the field has
 * spaces). Names there are not mentions: "Stalin i zagovor generalov" is a title.
 */
export function referenceFieldSpans(text: string, citations: readonly Citation[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const c of citations) {
    const from = Math.min(c.start, ...c.spans.map((s) => s.start));
    const to = Math.max(c.end, ...c.spans.map((s) => s.end));
    if (c.archival) out.push({ start: from, end: to });
    else out.push(...fieldSpans(text, from, to, c.fields));
  }
  return out;
}

/** Where the given fields stand between `from` and `to` in the original text (compared on letters and digits only). */
function fieldSpans(text: string, from: number, to: number, fields: WorkFields): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let hay = '';
  const at: number[] = [];
  for (let k = from; k < to; k++) {
    const c = text[k]!;
    if (ALNUM.test(c)) {
      hay += c.toLowerCase();
      at.push(k);
    }
  }
  for (const f of NON_PERSON_FIELDS) {
    const v = fields[f];
    if (typeof v !== 'string' || v.trim().length < 3) continue;
    let needle = '';
    for (const c of v) if (ALNUM.test(c)) needle += c.toLowerCase();
    if (needle.length < 3) continue;
    const k = hay.indexOf(needle);
    if (k >= 0) out.push({ start: at[k]!, end: at[k + needle.length - 1]! + 1 });
  }
  return out;
}

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * Source lines outside notes ("Chuev, Feliks. Molotov Remembers. Chicago: I.
 * R. Dee, 1993, p. 275" under a quotation in a compilation): read as
 * references, so that their titles and places of publication are not taken
 * for mentions either.
 */
export function sourceLineFieldSpans(text: string): { start: number; end: number }[] {
  return sourceLines(text).flatMap((l) => fieldSpans(text, l.start, l.end, parseReference(text.slice(l.start, l.end).trim()).fields));
}

/**
 * The lines outside notes that are references (a compilation's source lines):
 * their years are not dates of events. These stages read every document, so
 * they take only the source lines that name a year and a place and publisher:
 * a line that only cites a page may be a thesis's footnote, whose names and
 * dates count.
 */
export function sourceLines(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const LINE = /[^\r\n]+/g;
  for (let m = LINE.exec(text); m; m = LINE.exec(text)) {
    const line = m[0];
    if (!isSourceLine(line) || !/\b(?:1[5-9]\d\d|20[0-4]\d)\b/.test(line) || !/\p{L}{2,}\s*:\s*\p{Lu}/u.test(line)) continue;
    out.push({ start: m.index, end: m.index + line.length });
  }
  return out;
}

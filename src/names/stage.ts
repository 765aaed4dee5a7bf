/** The mentions stage: the passages of a document (body paragraphs, notes) searched for the names of the authority file. */
import type { LineIndex } from '../core/positions.js';
import type { Note } from '../core/types.js';
import type { Citation, NoteText } from '../cite/stage.js';
import type { BodyParagraph } from '../text/body.js';
import { authority, type Authority } from './authority.js';
import { NameIndex } from './index.js';
import { findMentions, type MentionResult, type Passage } from './mentions.js';

export type { Mention, AmbiguousMention, UnknownName } from './mentions.js';

let shared: NameIndex | null = null;

/** The index of the shipped authority file, built once per process. */
export function nameIndex(a?: Authority): NameIndex {
  if (a) return new NameIndex(a);
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
  const r = findMentions(passages, index, lines, authorSpans(citations));
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

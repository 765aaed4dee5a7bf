/**
 * Kinds of source: what a work IS, as a historian weighs evidence (a memoir
 * is testimony, a newspaper is the period's voice, a monograph is
 * scholarship), which is not its CSL type (documents printed in a journal are
 * `article-journal` but a document collection). Read, in order, from:
 *   1. the curated works of data/works.json, for what no citation shows
 *      (a partisan compilation, a correspondent's reportage book);
 *   2. the citation: archival coordinates, the genre, the container (a
 *      newspaper; a journal of documents), the title's words (dokumenty,
 *      stenogramma, vospominaniia, speeches, diary, encyclopedia);
 *   3. the authority file: a book by a participant (a commander, a party or
 *      police official, a foreign statesman) is their testimony;
 *   4. the CSL type.
 * The answer says which of these decided it.
 */
import { loadData } from '../core/data.js';
import { SOURCE_KINDS, type CslName, type SourceKind } from '../core/types.js';
import { peopleByFamily } from '../names/authority.js';
import { fold } from './reference.js';

export { SOURCE_KINDS, type SourceKind };

/** The fields of a work the kind is read from (CSL names; `issued` as printed). */
export interface KindInput {
  type?: string;
  author?: readonly CslName[];
  editor?: readonly CslName[];
  title?: string | null;
  'container-title'?: string | null;
  publisher?: string | null;
  genre?: string | null;
  issued?: string | number | null;
  archival?: unknown;
}

export interface KindVerdict {
  kind: SourceKind;
  /** What decided it: `curated`, `archive`, `genre`, `container`, `title`, `participant`, `type`. */
  by: string;
}

interface CuratedWork {
  author: string;
  title: string;
  kind: SourceKind;
  why: string;
}

let curated: { family: string; title: string; kind: SourceKind }[] | null = null;
function curatedWorks() {
  curated ??= loadData<{ works: CuratedWork[] }>('works.json').works.map((w) => ({ family: fold(w.author), title: fold(w.title), kind: w.kind }));
  return curated;
}

const NEWSPAPERS =
  /\b(pravda|izvestiia|izvestia|krasnaia zvezda|krasnaya zvezda|trud|new york times|manchester guardian|the times|times|daily worker|daily telegraph|le temps|observer|washington post|nezavisimaia gazeta|komsomolskaia pravda|moscow news)\b/;
/** Journals that print archival documents rather than scholarship about them. */
const DOCUMENT_JOURNALS = /\b(izvestiia tsk|istoricheskii arkhiv|voenno istoricheskii arkhiv|voennye arkhivy|political archives|vestnik arkhiva|arkhiv prezidenta)\b/;
const DOCUMENT_TITLE =
  /\b(dokument\w*|materialy|materials|sbornik|stenogramm\w*|stenograficheskii|documents?|papers|letters|pisma|perepiska|correspondence|report of court proceedings|court proceedings|protokol\w*|postanovleni\w*|prikaz\w*|plenum\w*|rasstrelnye spiski|lubianka|reabilitatsiia|sudebnyi otchet|delo o)\b/;
const MEMOIR_TITLE =
  /\b(memoir\w*|vospominani\w*|recollection\w*|reminiscence\w*|diary|diaries|dnevnik\w*|autobiograph\w*|my life|zapiski|remembers|besed\w*|conversations with|notes for a journal|in the service|i chose)\b/;
const SPEECH_TITLE = /\b(speech\w*|rechi|rech|doklad\w*|vystuplenie|report to the|address to)\b/;
const ENCYCLOPEDIA_TITLE = /\b(encyclop\w*|entsiklopedi\w*|slovar\w*|dictionary|biographical directory|spravochnik)\b/;
const THESIS_GENRE = /\b(phd|ph d|dissertation|thesis|dissertatsiia|kandidat)\b/;
/** People whose books are their own testimony, not scholarship about others. */
const PARTICIPANTS = new Set(['military', 'party', 'police', 'state', 'foreign']);

function familyOf(w: KindInput): string {
  return w.author?.[0]?.family ?? w.author?.[0]?.literal ?? w.editor?.[0]?.family ?? '';
}

/** The curated kind of a work: same author family, and one main title the prefix of the other. */
function curatedKind(w: KindInput): SourceKind | null {
  const fam = fold(familyOf(w));
  const title = fold(w.title ?? '');
  if (!fam || !title) return null;
  for (const c of curatedWorks()) {
    if (c.family === fam && (title.startsWith(c.title) || c.title.startsWith(title))) return c.kind;
  }
  return null;
}

/** The first author as the authority file knows them, when the name is theirs alone. */
function authorPerson(w: KindInput): { category: string; descriptor?: string } | null {
  const a = w.author?.[0];
  if (!a?.family) return null;
  const people = peopleByFamily(a.family, a.given);
  return people.length === 1 ? people[0]! : null;
}

/** A correspondent's book written while the events were news is reportage. */
const REPORTAGE_UNTIL = 1950;

function yearOf(issued: KindInput['issued'] | { 'date-parts'?: number[][] }): number | null {
  if (typeof issued === 'number') return issued;
  if (typeof issued === 'string') return /^\d{4}/.test(issued) ? Number(issued.slice(0, 4)) : null;
  return issued?.['date-parts']?.[0]?.[0] ?? null;
}

/** The kind of source of a work, and what decided it; `curated: false` reads the citation alone (for measuring). */
export function sourceKind(w: KindInput, opts: { curated?: boolean } = {}): KindVerdict {
  if (w.archival) return { kind: 'archival-file', by: 'archive' };
  const c = opts.curated === false ? null : curatedKind(w);
  if (c) return { kind: c, by: 'curated' };
  const type = w.type ?? '';
  const title = fold(w.title ?? '');
  const container = fold(w['container-title'] ?? '');
  if (type === 'thesis' || THESIS_GENRE.test(fold(w.genre ?? ''))) return { kind: 'thesis', by: type === 'thesis' ? 'type' : 'genre' };
  if (type === 'entry-encyclopedia' || type === 'entry-dictionary' || ENCYCLOPEDIA_TITLE.test(title) || ENCYCLOPEDIA_TITLE.test(container)) {
    return { kind: 'encyclopedia', by: type.startsWith('entry') ? 'type' : 'title' };
  }
  if (DOCUMENT_JOURNALS.test(container)) return { kind: 'document-collection', by: 'container' };
  if (type === 'article-newspaper' || (!title.length && NEWSPAPERS.test(container)) || (type !== 'book' && NEWSPAPERS.test(container) && !/journal|review|studies/.test(container))) {
    return { kind: 'press', by: type === 'article-newspaper' ? 'type' : 'container' };
  }
  if (!familyOf(w) && DOCUMENT_JOURNALS.test(title)) return { kind: 'document-collection', by: 'title' };
  const person = authorPerson(w);
  // A historian's book about documents, diaries or an order is scholarship, whatever its title says.
  const historian = person?.category === 'historian';
  const book = type === 'book' || type === 'collection' || type === '';
  if (!historian && DOCUMENT_TITLE.test(title) && !/\b(history|istoriia|study|analysis)\b/.test(title)) return { kind: 'document-collection', by: 'title' };
  const participant = person !== null && PARTICIPANTS.has(person.category);
  if (SPEECH_TITLE.test(title) && (participant || !familyOf(w))) return { kind: 'speech', by: 'title' };
  if (!historian && book && (MEMOIR_TITLE.test(title) || /\b(me|my)\b/.test(fold((w.title ?? '').split(/\s*:\s/)[0]!)))) return { kind: 'memoir', by: 'title' };
  if (participant && book) return { kind: 'memoir', by: 'participant' };
  // The authority file's note on the author: a memoirist, or a correspondent of the time.
  const about = fold(person?.descriptor ?? '');
  if (book && person && /\b(memoir|diary|recalled|recollections)\b/.test(about)) return { kind: 'memoir', by: 'author' };
  const year = yearOf(w.issued as KindInput['issued']);
  if (book && person && /\b(correspondent|journalist)\b/.test(about) && year !== null && year <= REPORTAGE_UNTIL) return { kind: 'press', by: 'author' };
  switch (type) {
    case 'article-journal':
    case 'article-magazine':
    case 'chapter':
    case 'paper-conference':
    case 'review':
      return { kind: 'article', by: 'type' };
    case 'book':
      return { kind: 'monograph', by: 'type' };
    // The citation stage types a compiled volume ("sost.", "comp.") a collection: compilers gather documents.
    case 'collection':
      return { kind: 'document-collection', by: 'type' };
    case 'speech':
      return { kind: 'speech', by: 'type' };
    case 'report':
    case 'legislation':
    case 'legal_case':
      return { kind: 'document-collection', by: 'type' };
    default:
      // A compilation's source line has no CSL type: a named author and a title is a book.
      return type === '' && title && familyOf(w) ? { kind: 'monograph', by: 'type' } : { kind: 'other', by: 'type' };
  }
}

/**
 * The kind of source of a corpus document, from its manifest: a thesis, an
 * article, a review (scholarship), a compilation (partisan when its
 * description says so), an excerpt of a book.
 */
export function documentSourceKind(kind: string, csl: Record<string, unknown>): SourceKind {
  const note = fold(String(csl.note ?? ''));
  switch (kind) {
    case 'thesis':
      return 'thesis';
    case 'article':
    case 'review':
      return 'article';
    case 'compilation':
      return /\b(partisan|polemic\w*|apologetic\w*)\b/.test(note) ? 'partisan-compilation' : 'document-collection';
    case 'encyclopedia':
      return 'encyclopedia';
    case 'primary':
      return /\b(archiv\w*|fond|delo)\b/.test(note) ? 'archival-file' : 'document-collection';
    case 'book-excerpt':
      return /\bmemoir/.test(note) ? 'memoir' : 'monograph';
    default:
      return 'other';
  }
}

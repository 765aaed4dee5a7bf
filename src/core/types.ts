import type { Diagnostic } from './errors.js';
import type { LinedSpan } from './positions.js';
import type { Citation, Commentary } from '../cite/stage.js';
import type { Work } from '../cite/works.js';
import type { BibEntry } from '../cite/bibliography.js';
import type { EntityRef } from '../names/authority.js';
import type { AmbiguousMention, Mention, UnknownName } from '../names/mentions.js';
import type { DateRecord } from '../time/stage.js';
import type { EventRecord } from '../extract/events.js';
import type { FigureRecord } from '../extract/figures.js';
import type { QuoteRecord } from '../extract/quotes.js';
import type { ClaimRecord } from '../extract/claims.js';

/** Kinds of document, as ../shared/CONTRACT.md lists them. */
export const DOCUMENT_KINDS = ['thesis', 'article', 'review', 'compilation', 'book-excerpt', 'encyclopedia', 'primary', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** CSL-JSON name. */
/** Kinds of source, as a historian weighs evidence (see cite/kinds.ts). */
export const SOURCE_KINDS = [
  'monograph',
  'article',
  'thesis',
  'memoir',
  'press',
  'document-collection',
  'archival-file',
  'speech',
  'partisan-compilation',
  'encyclopedia',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** The metadata of a source document: CSL-JSON fields plus Kartoteka's own. */
export interface DocumentMeta {
  /** Stable id: the manifest's id, else derived from the file name. */
  id: string;
  path: string;
  title: string;
  authors: string[];
  year: number | null;
  kind: DocumentKind;
  /** What kind of source the document is (thesis, article, partisan compilation ...). */
  sourceKind: SourceKind;
  sha256: string;
  /** Length of the original text in UTF-16 units. */
  chars: number;
  /** The encoding the file was decoded from. */
  encoding: string;
  /** Where the metadata came from: the corpus manifest, or read off the text. */
  metadataSource: 'manifest' | 'inferred';
  /** The CSL-JSON item describing the document (from the manifest, or built). */
  csl: Record<string, unknown>;
}

/** A heading and the part of the text it governs. */
export interface Section extends LinedSpan {
  title: string;
  /** 1 for chapters and top-level parts; 2 for sub-headings. */
  level: number;
  /** Span of the heading line itself. */
  heading: LinedSpan;
}

/** A paragraph of body text; `spans` has more than one piece where a footnote zone cut it. */
export interface Paragraph {
  index: number;
  section: number | null;
  spans: LinedSpan[];
}

/** A sentence of body text, possibly cut by a footnote zone. */
export interface Sentence {
  paragraph: number;
  spans: LinedSpan[];
}

/** A footnote (or endnote) and the markers in the body that point at it. */
export interface Note {
  id: string;
  /** The note's number as printed ("12"). */
  label: string;
  /** Index into `sections` of the section whose body holds the marker, or null. */
  section: number | null;
  /** The note's text joined across page splits, label removed, lines joined by spaces. */
  text: string;
  /** The pieces of the original the note occupies, in reading order (label included). */
  spans: LinedSpan[];
  /** The markers in the body that point to this note. */
  markers: LinedSpan[];
}

/** A note marker found in the body, whether or not its note text survives. */
export interface Marker extends LinedSpan {
  label: string;
  /** The note it points to, or null when the document lost its note texts. */
  note: string | null;
  style: 'superscript' | 'glued' | 'spaced';
}

/** Everything `extract` reads off one document. Later stages add their layers. */
export interface Extraction {
  document: DocumentMeta;
  sections: Section[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  notes: Note[];
  markers: Marker[];
  /** One per reference in a note, with its work and how it was resolved. */
  citations: Citation[];
  /** The prose of notes around their references. */
  commentary: Commentary[];
  /** The works cited, one per real work, as CSL-JSON. */
  works: Work[];
  /** The entries of the document's own bibliography. */
  bibliography: BibEntry[];
  /** The people, organizations and places the document mentions (authority records). */
  entities: EntityRef[];
  /** Each naming of an entity, linked, with its confidence. */
  mentions: Mention[];
  /** Names that fit several entities and that the text does not decide. */
  ambiguousMentions: AmbiguousMention[];
  /** Personal names that no authority record holds, for the curator. */
  unknownNames: UnknownName[];
  /** Every date of the body and of the notes' prose, with the year in force where the text gives none. */
  dates: DateRecord[];
  /** Dated events with their participants, typed with the contract's vocabulary. */
  events: EventRecord[];
  /** Numbers that count people, with what they count and their scope. */
  figures: FigureRecord[];
  /** Quotations with their speaker and source (a compilation's blocks, so far). */
  quotes: QuoteRecord[];
  /** Who holds which interpretation (data/interpretations.json), with what stance, on which passage. */
  claims: ClaimRecord[];
  diagnostics: Diagnostic[];
}

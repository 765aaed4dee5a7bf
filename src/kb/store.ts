/**
 * The storage interface of Kartoteka. Everything outside src/kb (CLI, API,
 * web app) reads and writes the knowledge base only through `Store`; nothing
 * else writes SQL. The interface is backend-neutral: SQLite now, PostgreSQL
 * later, behind the same methods. All offsets are ORIGINAL offsets (0-based,
 * end-exclusive UTF-16 indices into the document's original text; lines
 * 1-based), computed in TypeScript.
 */
import type { Span } from '../core/positions.js';
import type { DocumentMeta, Extraction } from '../core/types.js';
import type { DocumentWrite } from './base.js';
import { isPostgresUrl, openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';

/**
 * The names of the layers of an extraction: every array property except
 * `document`. Layers added to `Extraction` later (citations, entities, …)
 * join automatically, and are stored generically.
 */
export type LayerName = {
  [K in keyof Extraction]-?: K extends 'document' ? never : NonNullable<Extraction[K]> extends readonly unknown[] ? K : never;
}[keyof Extraction];

/** The records of one layer, in their original order. */
export type LayerRecords<K extends LayerName> = NonNullable<Extraction[K]>;

export type PutResult = 'added' | 'unchanged' | 'replaced';

/** A document as `documents()` lists it. */
export interface DocumentSummary extends DocumentMeta {
  /** Number of records per layer, for every layer the extraction carried (zero included). */
  counts: Record<string, number>;
  /** When this version was stored (ISO 8601). */
  ingestedAt: string;
}

export interface SearchOptions {
  /** Most hits to return (default 20). */
  limit?: number;
  /** Hits to skip, for paging (default 0). */
  offset?: number;
  /** Restrict to one document: an id, a path or a unique id/file-name prefix (as `document(ref)`). */
  document?: string;
}

/**
 * One matching passage (a paragraph of body text, or a note). Every offset is
 * an ORIGINAL offset into the document's text.
 */
export interface SearchHit {
  /** Document id. */
  document: string;
  /** Original span of the first matched term (or phrase) in the passage; it may enclose a footnote zone a phrase runs across. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /**
   * About 160 characters of the passage's original text around the first
   * match, white space (line breaks) collapsed to single spaces, '…' where the
   * passage goes on. A footnote zone that cuts the passage is left out.
   */
  snippet: string;
  /** Relevance, higher is better (negated BM25). */
  score: number;
  in: 'body' | 'note';
  /** The note's label, for hits in notes. */
  note?: string;
  /** Original extent of the passage (start of its first piece to end of its last). */
  passage: Span;
  /** Original spans of every matched term inside the snippet window, in order (a phrase cut by a footnote zone gives one span per piece). */
  highlights: Span[];
  /** The same matches as offsets into `snippet` (for display), in order. */
  snippetHighlights: Span[];
}

/** A passage that matches a query, before its snippet is cut: what facets and filters need. */
export interface PassageMatch {
  document: string;
  in: 'body' | 'note';
  note?: string;
  /** Original extent of the passage. */
  passage: Span;
  /** The passage's pieces in the original (several where a footnote zone cuts it). */
  pieces: Span[];
  score: number;
}

export interface StoreStats {
  documents: number;
  /** Total length of the original texts, in UTF-16 units. */
  chars: number;
  /** Records per layer over all documents. */
  layers: Record<string, number>;
}

/** The quote a decision about one mention is anchored by: the words, and a little text on each side. */
export interface Quote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A curator's decision, as recorded: who, when and why. */
export interface Decision {
  id: number;
  /** merge: `subject` is `target`. split: `subject` is not `target`. */
  action: 'merge' | 'split';
  /** An entity id. */
  target: string;
  /** An entity id or a spelling. */
  subject: string;
  /** split: the entity the split-off mentions go to instead, or null to leave them unlinked. */
  relink: string | null;
  /** For a decision about one mention: the document, its offsets when decided, and its quote. */
  document: string | null;
  start: number | null;
  end: number | null;
  quote: Quote | null;
  who: string;
  at: string;
  why: string;
}

export interface Store {
  /** Records a curator's decision; returns it with its id. */
  addDecision(d: Omit<Decision, 'id'>): Decision;
  /** Every decision, oldest first. */
  decisions(): Decision[];
  /**
   * Stores one document's extraction and its original text, keyed by
   * `x.document.id`. Same id and same sha256 → 'unchanged', nothing written.
   * Otherwise the document, its text and all its layers are written in one
   * transaction: on failure the previous version stays intact.
   * Throws RangeError if `text.length` is not `x.document.chars` or a span lies
   * outside the text.
   */
  putExtraction(x: Extraction, text: string): PutResult;
  /**
   * The same for a document's rows already prepared by `documentWrite(x,
   * text)` (kb/base.ts), which may run in another thread: parallel ingest
   * prepares in workers and writes here.
   */
  putDocument(d: DocumentWrite): PutResult;
  /**
   * A document by reference: its id, its path, or a case-insensitive prefix
   * of its id or file name. Null when nothing matches; throws E_NO_DOCUMENT
   * when a prefix matches several documents (the message lists them).
   */
  document(ref: string): DocumentMeta | null;
  /** All documents, ordered by id. */
  documents(): DocumentSummary[];
  /** The original text of a document (by id); throws E_NO_DOCUMENT. */
  text(docId: string): string;
  /** One layer of a document (by id), records in their original order; [] for a layer not stored. Throws E_NO_DOCUMENT. */
  layer<K extends LayerName>(docId: string, name: K): LayerRecords<K>;
  /**
   * Full-text search over passages (paragraphs and notes). Words are ANDed;
   * "a phrase" in double quotes; `word*` is a prefix; `-word` excludes; `OR`
   * between words makes alternatives (`a OR b c` = (a or b) and c). Case,
   * diacritics and apostrophes are ignored. Throws E_QUERY when nothing is
   * searchable, E_NO_DOCUMENT for an unknown `opts.document`.
   */
  search(query: string, opts?: SearchOptions): SearchHit[];
  /** The passages `search` would return, in the same order, without snippets (cheap: for counting, filtering and facets). */
  matches(query: string, opts?: SearchOptions): PassageMatch[];
  /** The hits of some of those passages: `hits(q, matches(q, o))` is `search(q, o)`. */
  hits(query: string, matches: readonly PassageMatch[]): SearchHit[];
  stats(): StoreStats;
  /** Removes a document (by id) and everything stored for it; false if there was none. */
  deleteDocument(id: string): boolean;
  close(): void;
}

/**
 * Opens (creating if needed) a knowledge base: a `postgres://` address is a
 * PostgreSQL database (`?schema=NAME` for a schema of its own), anything else
 * an SQLite file; ':memory:' gives a throwaway in-memory store. Throws
 * KartotekaError E_DB when the database cannot be reached, is not an SQLite
 * database, is another program's database, or was made by a newer Kartoteka.
 */
export function openStore(path: string): Store {
  return isPostgresUrl(path) ? openPostgresStore(path) : openSqliteStore(path);
}

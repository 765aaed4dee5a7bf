/**
 * Document metadata: from the corpus manifest when there is one, else read
 * off the text.
 *
 * The manifest is `corpus.json` in a corpus folder: a CSL-JSON array whose
 * items each carry `file` (a name relative to the folder), `id`, `type`, and
 * optionally Kartoteka's `kind` (one of DOCUMENT_KINDS), `title`, `author`
 * (CSL names), `issued` ({"date-parts": [[y, m, d]]}); other fields are kept
 * as they are.
 */
import { documentSourceKind } from '../cite/kinds.js';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { KartotekaError } from '../core/errors.js';
import { DOCUMENT_KINDS, type CslName, type DocumentKind, type DocumentMeta } from '../core/types.js';
import type { Source } from './source.js';

/** The manifest's file name inside a corpus folder. */
export const MANIFEST_NAME = 'corpus.json';

type Item = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Loading

const cache = new Map<string, { mtimeMs: number; size: number; items: Map<string, Item> }>();

/**
 * Reads `dir/corpus.json`. Returns a map from each item's absolute file path
 * to the item (as written, `file` included), or null when there is no
 * manifest. Parsed manifests are cached by path, mtime and size.
 * @throws KartotekaError E_MANIFEST (naming the manifest and, where possible, the line), E_UNREADABLE.
 */
export function loadManifest(dir: string): Map<string, Item> | null {
  const manifestPath = join(resolve(dir), MANIFEST_NAME);
  let st;
  try {
    st = statSync(manifestPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new KartotekaError('E_UNREADABLE', manifestPath, `cannot read the corpus manifest (${code ?? 'I/O error'})`);
  }
  if (!st.isFile()) throw new KartotekaError('E_MANIFEST', manifestPath, 'corpus.json is not a regular file');
  const cached = cache.get(manifestPath);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.items;

  let buf: Buffer;
  try {
    buf = readFileSync(manifestPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KartotekaError('E_UNREADABLE', manifestPath, `cannot read the corpus manifest (${code ?? 'I/O error'})`);
  }
  const items = parseManifest(buf, manifestPath);
  cache.set(manifestPath, { mtimeMs: st.mtimeMs, size: st.size, items });
  return items;
}

/** The manifest item describing `filePath`, from corpus.json in the file's own folder; null when there is none. */
export function findManifestFor(filePath: string): Item | null {
  const abs = resolve(filePath);
  return loadManifest(dirname(abs))?.get(abs) ?? null;
}

function parseManifest(buf: Buffer, manifestPath: string): Map<string, Item> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf); // drops a BOM
  } catch {
    throw new KartotekaError('E_MANIFEST', manifestPath, 'corpus.json is not valid UTF-8: re-save it as UTF-8');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const found = scanJson(text).error;
    const pos = found?.pos ?? positionFromMessage(e) ?? 0;
    const { line, column } = lineColumn(text, pos);
    const what = found?.message ?? (e instanceof Error ? e.message : String(e));
    throw new KartotekaError('E_MANIFEST', manifestPath, `corpus.json is not valid JSON: ${what} at line ${line}, column ${column}`, line);
  }
  if (!Array.isArray(data)) {
    const found = data === null ? 'null' : typeof data === 'object' ? 'an object' : `a ${typeof data}`;
    throw new KartotekaError('E_MANIFEST', manifestPath, `corpus.json must be a JSON array of CSL-JSON items, one per file; found ${found}`, 1);
  }
  const starts = scanJson(text).items;
  const dir = dirname(manifestPath);
  const byFile = new Map<string, Item>();
  const ids = new Map<string, number>();
  data.forEach((item: unknown, i) => {
    const line = starts[i] === undefined ? undefined : lineColumn(text, starts[i]!).line;
    const fail = (msg: string): never => {
      throw new KartotekaError('E_MANIFEST', manifestPath, `item ${i + 1}${line ? ` (line ${line})` : ''}: ${msg}`, line);
    };
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return fail('must be a JSON object (a CSL-JSON item)');
    const it = item as Item;
    if (typeof it.file !== 'string' || it.file.trim() === '') {
      return fail('has no "file": give the name of its text file, relative to the folder of corpus.json');
    }
    if (!(typeof it.id === 'string' && it.id.trim() !== '') && typeof it.id !== 'number') {
      return fail(`("${it.file}") has no "id": give it a unique id such as "whitewood2012"`);
    }
    const id = String(it.id);
    if (ids.has(id)) return fail(`repeats the id "${id}" of item ${ids.get(id)! + 1}: ids must be unique`);
    ids.set(id, i);
    if (it.kind !== undefined && !(DOCUMENT_KINDS as readonly unknown[]).includes(it.kind)) {
      return fail(`has "kind": ${JSON.stringify(it.kind)}, which is not one of ${DOCUMENT_KINDS.join(', ')}`);
    }
    if (it.title !== undefined && typeof it.title !== 'string') return fail('has a "title" that is not a string');
    if (it.author !== undefined && !(Array.isArray(it.author) && it.author.every((a) => a !== null && typeof a === 'object'))) {
      return fail('has an "author" that is not an array of CSL names such as {"family": "Whitewood", "given": "Peter"}');
    }
    if (it.issued !== undefined && (it.issued === null || typeof it.issued !== 'object')) {
      return fail('has an "issued" that is not a CSL date such as {"date-parts": [[2012]]}');
    }
    const abs = resolve(dir, it.file);
    if (byFile.has(abs)) return fail(`names the file "${it.file}" a second time`);
    byFile.set(abs, it);
  });
  return byFile;
}

function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < pos) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: pos - lineStart + 1 };
}

function positionFromMessage(e: unknown): number | null {
  const m = e instanceof Error ? /at position (\d+)/.exec(e.message) : null;
  return m ? Number(m[1]) : null;
}

/**
 * A small JSON scanner, used to locate a syntax error precisely (JSON.parse
 * does not always give a position) and the start offsets of the top-level
 * array's items (for line numbers in messages).
 */
function scanJson(s: string): { error?: { pos: number; message: string }; items: number[] } {
  const items: number[] = [];
  let i = 0;
  class Stop extends Error {
    constructor(readonly pos: number, msg: string) {
      super(msg);
    }
  }
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const what = (): string => (i >= s.length ? 'the end of the file' : JSON.stringify(s[i]));
  const value = (depth: number): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') throw new Stop(i, `expected a property name in double quotes, found ${what()}`);
        string();
        ws();
        if (s[i] !== ':') throw new Stop(i, `expected ":" after the property name, found ${what()}`);
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          ws();
          if (s[i] === '}') throw new Stop(i, 'a trailing comma before "}"');
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        throw new Stop(i, `expected "," or "}" after a property value, found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (depth === 0) items.push(i);
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          ws();
          if (s[i] === ']') throw new Stop(i, 'a trailing comma before "]"');
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        throw new Stop(i, `expected "," or "]" after an array element, found ${what()}`);
      }
    }
    if (c === '"') return string();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, i + 400));
    if (lit && !/[\w.]/.test(s[i + lit[0].length] ?? '')) {
      i += lit[0].length;
      return;
    }
    throw new Stop(i, i >= s.length ? 'unexpected end of the file' : `unexpected ${what()}`);
  };
  const string = (): void => {
    const start = i;
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new Stop(i, 'a line break or control character inside a string (strings must close on the same line)');
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) throw new Stop(i, 'a bad \\u escape in a string');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(i, `a bad escape "\\${e ?? ''}" in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    throw new Stop(start, 'a string that is never closed');
  };
  try {
    value(0);
    ws();
    if (i < s.length) throw new Stop(i, `unexpected ${what()} after the end of the JSON value`);
  } catch (e) {
    if (e instanceof Stop) return { error: { pos: e.pos, message: e.message }, items };
    return { items }; // too deep to scan: no position
  }
  return { items };
}

// ---------------------------------------------------------------------------
// Metadata

/** Document kind for a CSL type, when the manifest gives no "kind". */
const KIND_OF_TYPE: Record<string, DocumentKind> = {
  thesis: 'thesis',
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  article: 'article',
  'paper-conference': 'article',
  review: 'review',
  'review-book': 'review',
  chapter: 'book-excerpt',
  book: 'book-excerpt',
  'entry-encyclopedia': 'encyclopedia',
  'entry-dictionary': 'encyclopedia',
  entry: 'encyclopedia',
  collection: 'compilation',
  letter: 'primary',
  interview: 'primary',
  speech: 'primary',
  'personal_communication': 'primary',
  legislation: 'primary',
  regulation: 'primary',
  treaty: 'primary',
  'legal_case': 'primary',
  manuscript: 'other',
};

/**
 * The metadata of a document: from its manifest item when given
 * (metadataSource 'manifest'), else inferred from the first lines of `text`
 * (metadataSource 'inferred'). `text` is the document's original text.
 */
export function documentMeta(source: Source, text: string, csl: Item | null): DocumentMeta {
  const base = { path: source.path, sha256: source.sha256, chars: text.length, encoding: source.encoding };
  if (csl) {
    const kind = isKind(csl.kind) ? csl.kind : (KIND_OF_TYPE[String(csl.type)] ?? 'other');
    const title = typeof csl.title === 'string' && csl.title.trim() ? csl.title.trim() : (inferMeta(text).title ?? fileStem(source.path));
    return {
      id: csl.id === undefined || csl.id === null || String(csl.id).trim() === '' ? slug(source.path) : String(csl.id),
      ...base,
      title,
      authors: Array.isArray(csl.author) ? csl.author.map(nameToString).filter((s) => s !== '') : [],
      year: yearOf(csl.issued),
      kind,
      sourceKind: documentSourceKind(kind, csl),
      metadataSource: 'manifest',
      csl,
    };
  }
  const inf = inferMeta(text);
  const id = slug(source.path);
  const title = inf.title ?? fileStem(source.path);
  const built: Item = { id, type: inf.kind === 'thesis' ? 'thesis' : inf.kind === 'article' ? 'article-journal' : 'manuscript', kind: inf.kind, title };
  if (inf.authors.length) built.author = inf.authors.map(stringToName);
  if (inf.year !== null) built.issued = { 'date-parts': [[inf.year]] };
  return { id, ...base, title, authors: inf.authors, year: inf.year, kind: inf.kind, sourceKind: documentSourceKind(inf.kind, built), metadataSource: 'inferred', csl: built };
}

function isKind(k: unknown): k is DocumentKind {
  return (DOCUMENT_KINDS as readonly unknown[]).includes(k);
}

function fileStem(path: string): string {
  return basename(path, extname(path));
}

/** A document id from a file name: its stem lower-cased, runs of other characters made "-". */
export function slug(path: string): string {
  const s = fileStem(path)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'document';
}

/** A CSL name as "Given Family" (particles and suffix kept), or its literal. */
function nameToString(n: unknown): string {
  if (typeof n === 'string') return n.trim();
  if (n === null || typeof n !== 'object') return '';
  const o = n as CslName & Record<string, unknown>;
  if (typeof o.literal === 'string' && o.literal.trim()) return o.literal.trim();
  const parts = [o.given, o['dropping-particle'], o['non-dropping-particle'], o.family].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  const name = parts.map((p) => p.trim()).join(' ');
  return typeof o.suffix === 'string' && o.suffix.trim() ? `${name}, ${o.suffix.trim()}` : name;
}

function stringToName(s: string): CslName {
  const words = s.split(/\s+/);
  if (words.length < 2) return { literal: s };
  return { given: words.slice(0, -1).join(' '), family: words[words.length - 1]! };
}

/** The year of a CSL date: date-parts, else a 4-digit year in raw/literal; null when none. */
function yearOf(issued: unknown): number | null {
  if (typeof issued === 'number' && Number.isInteger(issued)) return issued;
  if (typeof issued === 'string') return yearIn(issued);
  if (issued === null || typeof issued !== 'object') return null;
  const o = issued as Record<string, unknown>;
  const dp = o['date-parts'];
  if (Array.isArray(dp) && Array.isArray(dp[0])) {
    const y = Number(dp[0][0]);
    if (Number.isInteger(y) && String(dp[0][0]).trim() !== '') return y;
  }
  for (const k of ['raw', 'literal']) if (typeof o[k] === 'string') return yearIn(o[k] as string);
  return null;
}

function yearIn(s: string): number | null {
  const m = /\b(\d{4})\b/.exec(s);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------
// Inference from the text

/** How many non-blank lines at the top are searched for title, author and year. */
const HEAD_LINES = 40;

/** Words that head a section, not a document. */
const SECTION_WORDS = /^(abstract|acknowledge?ments?|contents|table of contents|preface|foreword|introduction|summary|chapter\b|declaration|dedication|list of|bibliography|references|notes)\b/i;
/** Words that mark an institution, a repository or a publisher rather than a title or a name. */
const INSTITUTION = /\b(university|universit[éey]|college|institute|school|department|faculty|repository|research at|library|press|publishing|publishers|academy|centre|center|ltd|inc)\b/i;
/** Words that cannot be part of a person's name on an author line. */
const NOT_NAME = new Set(
  ('the a an of and in on at to for from with by by: is was are were this that these those it its as or not no but ' +
    'university college school department institute history army red war terror purge series press review journal ' +
    'abstract contents introduction chapter part volume vol preface acknowledgements acknowledgments thesis submitted ' +
    'doctor philosophy master degree degree research library published copyright all rights reserved st saint').split(' '),
);
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** What may stand before the year on a line holding only a date. */
const DATE_LINE = new RegExp(`^(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?${MONTH}\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?$`, 'i');
/** A line start before a year that makes it the document's own date ("Submitted July 2012", "© 2012"). */
const DATE_CONTEXT = /^(?:first |originally )?(?:submitted|published|publication date|copyright|accepted|received|printed|issued|this edition)\b[^.;]*$|(?:©|\(c\))\s*$/i;

interface Inferred {
  title: string | null;
  authors: string[];
  year: number | null;
  kind: DocumentKind;
}

/**
 * Reads title, authors, year and kind off the first HEAD_LINES non-blank lines.
 * Title: the best heading-like line (short, capitalised, no final period, not
 * converter junk, a URL, a bare number or an institution), preferring one
 * followed by an author line. Authors: a line of 2-4 capitalised words next
 * to the title. Year: a 19xx/20xx year on a line that dates the document
 * (submitted, published, a citation's "(2015)"), else on a short front-matter
 * line; never a year of a range ("1937-38"). Kind: thesis or article when the
 * front matter says so plainly, else other.
 */
export function inferMeta(text: string): Inferred {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim())
    .filter((l) => l !== '')
    .slice(0, HEAD_LINES);

  let best = -1;
  let bestScore = 0;
  const prose = lines.map((l, i) => isProse(l, lines[i + 1]));
  const firstProse = prose.indexOf(true) < 0 ? lines.length : prose.indexOf(true);
  lines.forEach((line, i) => {
    const s = titleScore(line, lines, i, i > firstProse);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  const title = best >= 0 ? lines[best]!.replace(/\s*[*†‡]+$/, '') : null;

  let authors: string[] = [];
  const authorLines = new Set<number>();
  if (best >= 0) {
    for (const j of [best + 1, best - 1]) {
      const names = j >= 0 && j < lines.length ? authorNames(lines[j]!) : null;
      if (names) {
        authors = names;
        authorLines.add(j);
        break;
      }
    }
  }

  const head = lines.join('\n');
  const kind: DocumentKind =
    /submitted (in (partial )?(accordance with|fulfil?ment of) the requirements|for the degree)|\b(degree of )?doctor of philosophy\b|\bph\.? ?d\.? (thesis|dissertation)\b|\b(doctoral|master'?s) (thesis|dissertation)\b/i.test(head)
      ? 'thesis'
      : lines.some((l) => /\b\d+\s*\(\d+\)[.,:]?\s*(pp?\.\s*)?\d+\s*[-–]\s*\d+/.test(l) && /\b(19|20)\d\d\b/.test(l))
        ? 'article'
        : 'other';

  return { title, authors, year: inferYear(lines, best, authorLines, firstProse), kind };
}

/** A line of running text: long, holding two sentences, or wrapped onto a line that goes on in lower case. */
function isProse(line: string, next: string | undefined): boolean {
  return (
    line.length > 150 ||
    (line.length >= 60 && /[.!?]["”’)\]]?\s+\p{Lu}/u.test(line)) ||
    (line.length >= 50 && next !== undefined && /^\p{Ll}/u.test(next))
  );
}

/**
 * How much `line` looks like the document's title (0: not at all). After the
 * first prose, only a line directly followed by an author line qualifies (a
 * repository cover page may come first); others there are section headings.
 */
function titleScore(line: string, lines: string[], i: number, afterProse: boolean): number {
  if (isJunk(line)) return 0;
  line = line.replace(/(\[\d+\]|[*†‡])+$/, '');
  const words = line.split(' ');
  if (line.length < 4 || line.length > 150 || words.length > 20) return 0;
  if (!/^[\p{Lu}\p{N}"“‘'«(]/u.test(line)) return 0; // starts in lower case: a continuation
  if (/[,;:\-–]$/.test(line)) return 0; // breaks off mid-sentence
  if (/\b(the|a|an|of|and|or|in|on|to|for|with|by|from|at|as|was|is|that)$/i.test(line)) return 0;
  if (/[.!?]["”’)]?\s+\p{Lu}/u.test(line.slice(0, -1))) return 0; // two sentences: prose
  if (SECTION_WORDS.test(line) && words.length <= 4) return 0;
  // A name, not a title; unless a name line follows (a two-word title such as "Stalin's Generals").
  const nameLike = authorNames(line) !== null;
  if (nameLike && !(i + 1 < lines.length && authorNames(lines[i + 1]!))) return 0;
  const next = lines[i + 1];
  if (next !== undefined && /^\p{Ll}/u.test(next) && !/^by\s/.test(next)) return 0; // the sentence goes on

  let score = nameLike ? 6 : 10;
  if (/\.$/.test(line) && !/\b[A-Z]\.$/.test(line)) score -= 6;
  if (line.length > 100) score -= 4;
  else if (line.length > 80) score -= 2;
  if (words.length === 1) score -= 4;
  if (line === line.toUpperCase() && /\p{Lu}/u.test(line)) score -= 3;
  if (INSTITUTION.test(line)) score -= 5;
  if (/^\s*(by|and)\b/i.test(line)) score -= 5;
  if (i > 0 && /^(by|and)$/i.test(lines[i - 1]!)) score -= 3;
  // A title is usually followed (sometimes preceded) by its author line.
  const authorNext = i + 1 < lines.length && authorNames(lines[i + 1]!) !== null;
  if (afterProse && (!authorNext || /\.$/.test(line))) return 0;
  if (authorNext) score += 8;
  else if (i > 0 && authorNames(lines[i - 1]!)) score += 4;
  // Earlier lines are likelier, mildly.
  score -= i * 0.05;
  return Math.max(0, score);
}

/** Converter junk, URLs, bare numbers, "Est. 1841" and the like. */
function isJunk(line: string): boolean {
  return (
    /^microsoft (word|powerpoint|excel)\b/i.test(line) ||
    /\.(docx?|pdf|rtf|odt|txt|tex|indd)\b/i.test(line) ||
    /https?:\/\/|\bwww\.|<[a-z]+:|\S+@\S+\.\w/i.test(line) ||
    /^\[[^\]]*\]\([^)]*\)$/.test(line) || // a markdown link alone
    /^est\.?(\s+\d{4})?$/i.test(line) ||
    /^[\divxlcdm.\-–—()\s/]+$/i.test(line) || // numbers, page numbers, years alone
    /^(page|p\.)\s*\d+/i.test(line) ||
    /^(downloaded|retrieved|accessed|available) (from|at|on)\b/i.test(line) ||
    /^(©|\(c\)|copyright)\b/i.test(line)
  );
}

/**
 * The names on an author line ("Peter James Whitewood", "PETER WHITEWOOD",
 * "by J. Arch Getty and Oleg V. Naumov"), normalised to "Given Family"; null
 * when the line is not an author line.
 */
function authorNames(line: string): string[] | null {
  const l = line
    .replace(/^by\s+/i, '')
    .replace(/[\s*†‡\d,]+$/, '')
    .trim();
  if (l.length < 4 || l.length > 80) return null;
  const parts = l.split(/\s*(?:,|;|&|\band\b)\s*/i).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 4) return null;
  const names: string[] = [];
  for (const p of parts) {
    const n = personName(p);
    if (!n) return null;
    names.push(n);
  }
  return names;
}

/** A personal name of 2-4 words, title-cased when written in capitals; null when `s` is not one. */
function personName(s: string): string | null {
  const words = s.split(/\s+/);
  if (words.length < 2 || words.length > 4) return null;
  let initials = 0;
  for (const w of words) {
    if (NOT_NAME.has(w.toLowerCase())) return null;
    if (/^\p{Lu}\.(-?\p{Lu}\.)*$/u.test(w)) {
      initials++;
      continue;
    }
    if (!/^\p{Lu}(\p{Ll}+|\p{Lu}+)(['’-]\p{Lu}?\p{L}+)*$/u.test(w) && !/^(Mc|Mac|O['’])\p{Lu}\p{Ll}+$/u.test(w)) return null;
  }
  // The last word is the family name: not an initial.
  if (initials === words.length || /\.$/.test(words[words.length - 1]!)) return null;
  return words.map(titleCase).join(' ');
}

function titleCase(w: string): string {
  if (w !== w.toUpperCase() || w.length < 2 || /\./.test(w)) return w;
  return w.toLowerCase().replace(/(^|['’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function inferYear(lines: string[], titleLine: number, authorLines: Set<number>, firstProse: number): number | null {
  const maxYear = new Date().getFullYear() + 1;
  let fallback: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (i === titleLine || authorLines.has(i)) continue;
    const line = lines[i]!;
    // Prose, citations and lines far down speak of the subject's years, not the document's.
    const frontMatter = i < 12 && i < firstProse && line.length <= 80 && !/^est\.?/i.test(line) && !/\bpp?\.\s*\d/.test(line);
    for (const m of line.matchAll(/(^|[^\d\-–—/])((?:19|20)\d\d)(?![\d\-–—/]|\p{L})/gu)) {
      const y = Number(m[2]);
      const at = m.index! + m[1]!.length;
      const before = line.slice(0, at);
      if (y > maxYear) continue;
      if (/[\-–—]\s*$/.test(before)) continue; // "1937 - 1938"
      const dated =
        DATE_CONTEXT.test(before) ||
        // A citation of the document itself at the top: "Whitewood, Peter (2015) The Purge ..."
        (line.length <= 300 && /^\p{Lu}[\p{L}'’-]+,\s*\p{Lu}[^()]{0,60}\(\s*$/u.test(before) && /^\d{4}\s*\)/.test(line.slice(at))) ||
        // A date alone on its line: "July 2012", "12 March 2014".
        (DATE_LINE.test(before) && /^\d{4}\W*$/.test(line.slice(at)));
      if (dated) return y;
      if (frontMatter) fallback ??= y;
    }
  }
  return fallback;
}

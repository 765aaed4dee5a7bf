/**
 * Writers for the works of the knowledge base: CSL-JSON (valid CSL items,
 * Kartoteka's own keys left out), BibTeX and RIS. Each takes the works as
 * `src/kb/citations.ts` merges them (CSL-JSON items with Kartoteka's
 * `archival` coordinates) and returns the whole file as a string.
 *
 * Text from sources is data: in BibTeX every special character is escaped,
 * in RIS and BibTeX control characters and line breaks become spaces (a
 * field is one line), and non-ASCII letters are left as UTF-8.
 */
import { archives, archiveLocation, type Archival } from '../cite/archival.js';
import type { Work } from '../cite/works.js';
import type { CslName } from '../core/types.js';

export const EXPORT_FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** The works written in `format`, as the whole file. */
export function exportWorks(format: ExportFormat, works: readonly Work[]): string {
  switch (format) {
    case 'csl-json':
      return formatCslJson(works);
    case 'bibtex':
      return formatBibtex(works);
    case 'ris':
      return formatRis(works);
  }
}

// ---------------------------------------------------------------------------
// CSL-JSON

/** The item types of CSL 1.0.2. */
const CSL_TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter',
  'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event',
  'figure', 'graphic', 'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture',
  'musical_score', 'pamphlet', 'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication',
  'post', 'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard',
  'thesis', 'treaty', 'webpage',
]);

const CSL_NAME_VARS = new Set([
  'author', 'editor', 'translator', 'container-author', 'collection-editor', 'editorial-director', 'interviewer',
  'recipient', 'reviewed-author', 'original-author', 'composer', 'director', 'illustrator', 'chair', 'compiler',
  'contributor', 'curator', 'executive-producer', 'guest', 'host', 'narrator', 'organizer', 'performer', 'producer',
  'script-writer', 'series-creator',
]);

const CSL_DATE_VARS = new Set(['issued', 'accessed', 'original-date', 'event-date', 'submitted', 'available-date']);

const CSL_STRING_VARS = new Set([
  'title', 'title-short', 'container-title', 'container-title-short', 'collection-title', 'collection-number',
  'volume', 'issue', 'page', 'page-first', 'number-of-pages', 'number-of-volumes', 'edition', 'publisher',
  'publisher-place', 'archive', 'archive_location', 'archive-place', 'archive_collection', 'genre', 'medium', 'note',
  'URL', 'DOI', 'ISBN', 'ISSN', 'language', 'abstract', 'number', 'section', 'event-title', 'event-place',
  'chapter-number', 'dimensions', 'source', 'status', 'version', 'call-number', 'original-title',
  'original-publisher', 'original-publisher-place', 'references', 'keyword', 'annote', 'authority', 'scale',
  'jurisdiction', 'part-number', 'part-title', 'supplement-number', 'citation-key', 'division', 'medium',
]);

export type CslItem = Record<string, unknown> & { id: string; type: string };

function cleanName(n: unknown): CslName | null {
  if (!n || typeof n !== 'object') return null;
  const o = n as Record<string, unknown>;
  const out: CslName = {};
  for (const k of ['family', 'given', 'literal'] as const) {
    if (typeof o[k] === 'string' && (o[k] as string).trim()) out[k] = (o[k] as string).trim();
  }
  return out.family || out.given || out.literal ? out : null;
}

function cleanDate(d: unknown): { 'date-parts': number[][] } | { literal: string } | null {
  if (!d || typeof d !== 'object') return null;
  const o = d as Record<string, unknown>;
  const parts = Array.isArray(o['date-parts']) ? (o['date-parts'] as unknown[]) : [];
  const good = parts
    .map((p) => (Array.isArray(p) ? p.filter((x): x is number => typeof x === 'number' && Number.isInteger(x)).slice(0, 3) : []))
    .filter((p) => p.length > 0)
    .slice(0, 2);
  if (good.length) return { 'date-parts': good };
  if (typeof o.literal === 'string' && o.literal.trim()) return { literal: o.literal.trim() };
  return null;
}

/** A work as a valid CSL-JSON item: CSL variables only, archival coordinates in `archive` and `archive_location`. */
export function toCslItem(w: Work): CslItem {
  const item: CslItem = { id: w.id, type: CSL_TYPES.has(w.type) ? w.type : 'document' };
  for (const [k, v] of Object.entries(w)) {
    if (k === 'id' || k === 'type' || v === undefined || v === null) continue;
    if (CSL_NAME_VARS.has(k)) {
      const names = (Array.isArray(v) ? v : []).map(cleanName).filter((n): n is CslName => n !== null);
      if (names.length) item[k] = names;
    } else if (CSL_DATE_VARS.has(k)) {
      const d = cleanDate(v);
      if (d) item[k] = d;
    } else if (CSL_STRING_VARS.has(k)) {
      if ((typeof v === 'string' && v.trim()) || typeof v === 'number') item[k] = typeof v === 'string' ? v.trim() : String(v);
    }
  }
  const a = w.archival;
  if (a) {
    if (a.archive && !item.archive) item.archive = a.archive;
    const loc = archiveLocation(a);
    if (loc && !item.archive_location) item.archive_location = loc;
  }
  return item;
}

export function formatCslJson(works: readonly Work[]): string {
  return JSON.stringify(works.map(toCslItem), null, 2) + '\n';
}

// ---------------------------------------------------------------------------
// Shared helpers

/**
 * One line of text for a file format: control characters and line breaks
 * become spaces, invisible bidirectional overrides (which make a file read
 * otherwise than it is) are dropped, white space collapses.
 */
export function flat(s: unknown): string {
  if (s === undefined || s === null) return '';
  return String(s)
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function str(w: Work, k: string): string {
  const v = w[k];
  return typeof v === 'string' || typeof v === 'number' ? flat(v) : '';
}

function names(w: Work, k: string): CslName[] {
  const v = w[k];
  return (Array.isArray(v) ? v : []).map(cleanName).filter((n): n is CslName => n !== null);
}

/** The date parts of `issued`: [year, month?, day?], or []. */
function issued(w: Work): number[] {
  const d = cleanDate(w.issued);
  if (d && 'date-parts' in d) return d['date-parts'][0]!;
  if (d && 'literal' in d) {
    const m = /\b(1[5-9]\d\d|20\d\d)\b/.exec(d.literal);
    if (m) return [Number(m[1])];
  }
  return [];
}

/**
 * A page range split into first and last page, the last written in full:
 * "1017–49" → ["1017", "1049"], "71-90" → ["71", "90"], "12" → ["12", ""].
 */
export function pageRange(page: string): [string, string] {
  const m = /^\s*([A-Za-z]?\d+)\s*(?:-{1,2}|–|—)\s*([A-Za-z]?\d+)\s*$/.exec(page);
  if (!m) return [page.trim(), ''];
  const first = m[1]!;
  let last = m[2]!;
  if (/^\d+$/.test(first) && /^\d+$/.test(last) && last.length < first.length && Number(first.slice(-last.length)) <= Number(last)) {
    last = first.slice(0, first.length - last.length) + last;
  }
  return [first, last];
}

/** The archive's full English name, from data/archives.json, or null. */
export function archiveName(abbr: string | null | undefined): string | null {
  if (!abbr) return null;
  return archives().find((a) => a.abbr === abbr)?.en ?? null;
}

/** "RGVA, f. 4, op. 14, d. 70": the archive and where in it. */
function archivalPlace(w: Work): string {
  const a: Archival | undefined = w.archival;
  const archive = str(w, 'archive') || flat(a?.archive ?? '');
  const loc = str(w, 'archive_location') || (a ? flat(archiveLocation(a)) : '');
  return [archive, loc].filter(Boolean).join(', ');
}

// ---------------------------------------------------------------------------
// BibTeX

const BIB_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** A value escaped for BibTeX: LaTeX's special characters as commands, non-ASCII left as it is. */
export function bibEscape(s: string): string {
  return flat(s).replace(/[\\{}&%$#_~^]/g, (c) => BIB_ESCAPES[c]!);
}

/**
 * A title for BibTeX: escaped, and words whose capitals must survive a
 * style's lower-casing (acronyms like NKVD, names like McLoughlin) braced.
 */
function bibTitle(s: string): string {
  return flat(s)
    .split(' ')
    .map((word) => {
      const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word)!;
      const [, pre, core, post] = m as unknown as [string, string, string, string];
      const e = bibEscape(core);
      return bibEscape(pre) + (/\p{Lu}\p{Lu}|\p{Ll}\p{Lu}/u.test(core) ? `{${e}}` : e) + bibEscape(post);
    })
    .join(' ');
}

function bibName(n: CslName): string {
  const brace = (s: string) => (/,|\band\b/i.test(s) ? `{${bibEscape(s)}}` : bibEscape(s));
  if (n.literal) return `{${bibEscape(n.literal)}}`;
  if (n.family && n.given) return `${brace(n.family)}, ${brace(n.given)}`;
  return brace(n.family ?? n.given ?? '');
}

function bibNames(list: CslName[]): string {
  return list.map(bibName).join(' and ');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Library of Congress romanization without diacritics, for citation keys only. */
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', і: 'i', ї: 'i', є: 'ie', ґ: 'g',
};

/** Lower-case ASCII letters and digits only: "Ilič" → "ilic", "Тухачевский" → "tukhachevskii". */
export function keyPart(s: string): string {
  return s
    .toLowerCase()
    .replace(/[а-яёіїєґ]/g, (c) => TRANSLIT[c] ?? '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

const KEY_STOP = new Set([
  'the', 'a', 'an', 'and', 'of', 'on', 'in', 'at', 'to', 'for', 'with', 'from', 'by', 'la', 'le', 'les', 'l', 'der',
  'die', 'das', 'o', 'ob', 'v', 'vo', 'i', 'k', 's', 'na', 'za', 'po', 'iz',
]);

function titleWords(title: string): string[] {
  return title
    .split(/[\s\-–—:;,.!?'’"“”«»()[\]/]+/u)
    .map(keyPart)
    .filter((w) => w && !KEY_STOP.has(w));
}

/** The citation key a work would like: `reese1992impact`, `rgva_f4_op14_d70`. */
export function baseKey(w: Work): string {
  const a = w.archival;
  if (w.type === 'manuscript' && a) {
    const parts = [keyPart(a.archive ?? 'archive') || 'archive'];
    if (a.series) parts.push(keyPart(a.series));
    if (a.fond) parts.push(`f${keyPart(a.fond)}`);
    if (a.opis) parts.push(`op${keyPart(a.opis)}`);
    if (a.delo) parts.push(`d${keyPart(a.delo)}`);
    return parts.filter(Boolean).join('_');
  }
  const who = names(w, 'author')[0] ?? names(w, 'editor')[0];
  const family = who ? keyPart(who.family ?? who.literal?.split(' ')[0] ?? who.given ?? '') : '';
  const year = issued(w)[0];
  const words = titleWords(str(w, 'title') || str(w, 'container-title'));
  const key = family
    ? `${family}${year ?? ''}${words[0] ?? ''}`
    : `${words[0] ?? 'anon'}${year ?? ''}${words[1] ?? ''}`;
  return key || 'anon';
}

/** Unique citation keys for the works, in order: a key already taken gets b, c, … appended. */
export function citationKeys(works: readonly Work[]): string[] {
  const taken = new Set<string>();
  return works.map((w) => {
    const base = baseKey(w);
    let key = base;
    for (let i = 1; taken.has(key); i++) key = base + suffix(i);
    taken.add(key);
    return key;
  });
}

/** 1 → "b", 2 → "c", … 25 → "z", 26 → "ba"…: the first of a key is the bare key, the second gets "b". */
function suffix(i: number): string {
  let n = i;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

function bibType(w: Work): string {
  switch (w.type) {
    case 'book':
    case 'collection':
      return 'book';
    case 'chapter':
      return 'incollection';
    case 'article-journal':
    case 'article-magazine':
    case 'article-newspaper':
    case 'article':
    case 'review':
    case 'review-book':
      return 'article';
    case 'thesis':
      return /master|\bm\.?\s?a\b|\bm\.?\s?phil/i.test(str(w, 'genre')) ? 'mastersthesis' : 'phdthesis';
    case 'manuscript':
      return 'unpublished';
    default:
      return 'misc';
  }
}

/** One BibTeX entry. */
export function bibtexEntry(w: Work, key: string): string {
  const type = bibType(w);
  const fields: [string, string][] = [];
  // Fields biblatex reads as lists ("Eyre and Spottiswoode" is one publisher): "and" inside is braced.
  const LISTS = new Set(['publisher', 'address', 'school', 'institution', 'organization']);
  const add = (name: string, value: string) => {
    if (!value) return;
    const e = bibEscape(value);
    fields.push([name, LISTS.has(name) && /\band\b/i.test(value) ? `{${e}}` : e]);
  };
  const authors = names(w, 'author');
  const editors = names(w, 'editor');
  const translators = names(w, 'translator');
  if (authors.length) fields.push(['author', bibNames(authors)]);
  if (editors.length) fields.push(['editor', bibNames(editors)]);
  if (translators.length) fields.push(['translator', bibNames(translators)]);
  if (str(w, 'title')) fields.push(['title', bibTitle(str(w, 'title'))]);
  const container = str(w, 'container-title');
  if (type === 'incollection' && container) fields.push(['booktitle', bibTitle(container)]);
  else if (type === 'article' && container) add('journal', container);
  else if (container && (type === 'misc' || type === 'unpublished')) add('howpublished', container);
  else if (container) add('note', `In ${container}`);
  add('volume', str(w, 'volume'));
  add('volumes', str(w, 'number-of-volumes'));
  add('number', str(w, 'issue'));
  add('edition', str(w, 'edition'));
  const page = str(w, 'page');
  if (page) {
    const [first, last] = pageRange(page);
    add('pages', last ? `${first}--${last}` : first);
  }
  if (type === 'phdthesis' || type === 'mastersthesis') add('school', str(w, 'publisher'));
  else add('publisher', str(w, 'publisher'));
  add('address', str(w, 'publisher-place'));
  const [year, month, day] = issued(w);
  if (year) add('year', String(year));
  if (month && month >= 1 && month <= 12) fields.push(['month', MONTHS[month - 1]!]);
  if (year && month && day) add('date', `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  if ((type === 'phdthesis' || type === 'mastersthesis' || type === 'misc') && str(w, 'genre')) add('type', str(w, 'genre'));
  if (str(w, 'URL')) add('url', str(w, 'URL'));
  if (str(w, 'DOI')) add('doi', str(w, 'DOI'));
  if (w.type === 'manuscript' || str(w, 'archive')) {
    const abbr = str(w, 'archive') || flat(w.archival?.archive ?? '');
    const name = archiveName(abbr);
    if (type === 'unpublished' && abbr && !fields.some(([f]) => f === 'howpublished')) add('howpublished', name ? `${name} (${abbr})` : abbr);
    const place = archivalPlace(w);
    if (place) {
      const other = fields.findIndex(([f]) => f === 'note');
      if (other >= 0) fields.splice(other, 1);
      add('note', place);
    }
  }
  const width = Math.max(...fields.map(([f]) => f.length), 0);
  const body = fields.map(([f, v]) => `  ${f.padEnd(width)} = ${f === 'month' ? v : `{${v}}`}`).join(',\n');
  return `@${type}{${key},\n${body}${body ? ',\n' : ''}}\n`;
}

export function formatBibtex(works: readonly Work[]): string {
  const keys = citationKeys(works);
  return works.map((w, i) => bibtexEntry(w, keys[i]!)).join('\n');
}

// ---------------------------------------------------------------------------
// RIS

function risType(w: Work): string {
  switch (w.type) {
    case 'book':
      return names(w, 'author').length === 0 && names(w, 'editor').length > 0 ? 'EDBOOK' : 'BOOK';
    case 'collection':
      return 'EDBOOK';
    case 'chapter':
      return 'CHAP';
    case 'article-journal':
    case 'article':
    case 'review':
    case 'review-book':
      return 'JOUR';
    case 'article-magazine':
      return 'MGZN';
    case 'article-newspaper':
      return 'NEWS';
    case 'thesis':
      return 'THES';
    case 'manuscript':
      return 'MANSCPT';
    case 'webpage':
      return 'ELEC';
    case 'interview':
      return 'PCOMM';
    default:
      return 'GEN';
  }
}

function risName(n: CslName): string {
  if (n.literal) return flat(n.literal);
  return [n.family, n.given].filter(Boolean).map(flat).join(', ');
}

/** One RIS record, lines ending in CRLF as the format asks. */
export function risRecord(w: Work): string {
  const lines: string[] = [];
  const tag = (t: string, v: string) => {
    const f = flat(v);
    if (f) lines.push(`${t}  - ${f}`);
  };
  tag('TY', risType(w));
  for (const n of names(w, 'author')) tag('AU', risName(n));
  for (const n of names(w, 'editor')) tag('A2', risName(n));
  for (const n of names(w, 'translator')) tag('A4', risName(n));
  tag('TI', str(w, 'title'));
  tag('T2', str(w, 'container-title'));
  const [year, month, day] = issued(w);
  if (year) tag('PY', String(year));
  if (year && month) tag('DA', `${year}/${String(month).padStart(2, '0')}/${day ? String(day).padStart(2, '0') : ''}/`);
  tag('VL', str(w, 'volume'));
  tag('IS', str(w, 'issue'));
  const page = str(w, 'page');
  if (page) {
    const [first, last] = pageRange(page);
    tag('SP', first);
    tag('EP', last);
  }
  tag('ET', str(w, 'edition'));
  tag('NV', str(w, 'number-of-volumes'));
  tag('PB', str(w, 'publisher'));
  tag('CY', str(w, 'publisher-place'));
  tag('M3', str(w, 'genre'));
  tag('UR', str(w, 'URL'));
  tag('DO', str(w, 'DOI'));
  if (w.type === 'manuscript' || str(w, 'archive')) tag('AV', archivalPlace(w));
  tag('ID', w.id);
  lines.push('ER  - ');
  return lines.join('\r\n') + '\r\n';
}

export function formatRis(works: readonly Work[]): string {
  return works.map((w) => risRecord(w)).join('\r\n');
}

// ---------------------------------------------------------------------------
// One line for people

function nameShort(n: CslName): string {
  return n.literal ?? [n.family, n.given].filter(Boolean).join(', ');
}

/** A work as one line a historian reads: "Conquest, Robert. The Great Terror. London: Macmillan, 1968." */
export function workLine(w: Work): string {
  const parts: string[] = [];
  const authors = names(w, 'author');
  const editors = names(w, 'editor');
  if (authors.length) parts.push(authors.map(nameShort).join('; '));
  else if (editors.length) parts.push(`${editors.map(nameShort).join('; ')} (ed${editors.length > 1 ? 's' : ''}.)`);
  if (str(w, 'title')) parts.push(str(w, 'title'));
  if (str(w, 'container-title')) parts.push(`In ${str(w, 'container-title')}`);
  const vol = [str(w, 'volume'), str(w, 'issue')].filter(Boolean).join('.');
  if (vol) parts.push(vol);
  const pub = [str(w, 'publisher-place'), str(w, 'publisher')].filter(Boolean).join(': ');
  const year = issued(w)[0];
  const tail = [pub, year ? String(year) : ''].filter(Boolean).join(', ');
  if (tail) parts.push(tail);
  if (str(w, 'page')) parts.push(`pp. ${str(w, 'page')}`);
  if (w.type === 'manuscript' && archivalPlace(w) && archivalPlace(w) !== str(w, 'title')) parts.push(archivalPlace(w));
  return parts.map((p) => p.replace(/[.\s]+$/, '')).join('. ') + '.';
}

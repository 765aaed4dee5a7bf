/**
 * Archival citations as their own grammar: archive, fond, opis, delo, list
 * (`RGVA, f. 4, op. 14, d. 70, l. 1`), with the variants real notes use
 * (`op.' 8`, `d.122`, `1806 g.`, `ch. 2`, `fund 37837, index 10, case 142,
 * sheet 93`, TNA's `KV 2/404: 52a`). A chain (`d. 70; 74`, `...; f. 9, op. 29,
 * d. 10`) yields one citation per file, later files inheriting archive, fond
 * and opis from earlier ones.
 */
import { loadData } from '../core/data.js';

export interface Archive {
  abbr: string;
  cyrillic: string | null;
  ru: string | null;
  en: string;
  former: string[];
  aliases: string[];
}

export interface Archival {
  archive: string | null;
  fond?: string;
  opis?: string;
  delo?: string;
  list?: string;
  /** TNA-style series ("KV 2"). */
  series?: string;
  /** Other parts of the reference, as printed ("1806 g.", "ch. 2", "DPOO"). */
  extra?: string[];
}

/** One archival file cited, with its place in the parsed string. */
export interface ArchivalHit extends Archival {
  start: number;
  end: number;
}

export function archives(): Archive[] {
  return loadData<{ archives: Archive[] }>('archives.json').archives;
}

interface NameTable {
  /** Abbreviations, matched case-sensitively ("GARF" yes, "garf" in a word no). */
  short: RegExp;
  /** Full names, any case. */
  long: RegExp;
  abbrOf: Map<string, string>;
}
let table: NameTable | undefined;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A written name, tolerant of lost or variant apostrophes and of line-joined spaces. */
function nameRe(s: string): string {
  return esc(s)
    .replace(/['’]/g, "['’]?")
    .replace(/ /g, '\\s+');
}
const key = (s: string) => s.toLowerCase().replace(/['’]/g, '').replace(/\s+/g, ' ');

/** Every way an archive is written, as two alternations tried longest first (one regex pass per lookup). */
function names(): NameTable {
  if (table) return table;
  const all: { abbr: string; s: string }[] = [];
  for (const a of archives()) {
    for (const s of [a.abbr, ...a.aliases, ...a.former, a.cyrillic, a.ru, a.en]) if (s) all.push({ abbr: a.abbr, s });
  }
  all.sort((x, y) => y.s.length - x.s.length);
  const abbrOf = new Map(all.map(({ abbr, s }) => [key(s), abbr]));
  const alt = (xs: typeof all) => xs.map((x) => nameRe(x.s)).join('|');
  const wrap = (body: string, flags: string) => new RegExp(`(?<![\\p{L}\\d])(?:${body})(?![\\p{L}])`, flags);
  table = { short: wrap(alt(all.filter((x) => x.s.length <= 8)), 'u'), long: wrap(alt(all.filter((x) => x.s.length > 8)), 'iu'), abbrOf };
  return table;
}

/** The first archive named in `s`: its abbreviation and where the name stands. */
export function findArchive(s: string): { abbr: string; start: number; end: number } | null {
  const t = names();
  const a = t.short.exec(s);
  const b = t.long.exec(s);
  const m = a && b ? (b.index <= a.index ? b : a) : (a ?? b);
  if (!m) return null;
  const abbr = t.abbrOf.get(key(m[0]));
  return abbr ? { abbr, start: m.index, end: m.index + m[0].length } : null;
}

type Key = 'fond' | 'opis' | 'delo' | 'list';

// Keys as printed in English-language notes, in full Russian, in Cyrillic and in the
// English translation some authors use ("fund 37837, index 10, case 142, sheet 93").
const KEY_WORDS: [Key, string][] = [
  ['fond', "fond|fund|f|ф"],
  ['opis', "opis['’]?|op|index|inventory|оп|опись"],
  ['delo', "delo|d|case|file|д|дело"],
  ['list', "listy|list|ll|l|sheets?|folios?|fols?|лл|л"],
];
const VALUE = String.raw`[A-ZА-Я]?-?\d+[a-zа-я]?(?:\s*ob\.?)?(?:\s*[-–]\s*\d+[a-zа-я]?(?:\s*ob\.?)?)?`;
const KEY_RE = new RegExp(
  '(?:' + KEY_WORDS.map(([k, w]) => `(?<${k}>(?<![\\p{L}])(?:${w}))`).join('|') + ')' +
    String.raw`(?:\.['’]?|['’])?\s*(?:\((?:f|op|d|l|ll)\.\)\s*)?(?<value>${VALUE})(?![\p{L}\d])`,
  'gu',
);
const LIST_MORE = new RegExp(String.raw`^,\s*(${VALUE})(?![\p{L}\d])`, 'u');
const BARE = new RegExp(String.raw`^\s*([;,])\s*(${VALUE})(?![\p{L}\d]|\.\s*\p{L})`, 'u');
const TNA_RE = /\b([A-Z]{1,4})\s?(\d+)\/(\d+)(?:\s*[:,]\s*(?:f\.\s*|ff\.\s*)?(\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?)(?![\p{L}\d/]))?/u;
const EXTRA_RE = /(?<![\p{L}\d])(?:\d{4}\s*(?:god\b|g\.)|(?:ch|chast['’]?)\.?\s*\d+|[A-Z]{3,6}(?:\s+\d{4}(?:\s*g\.)?)?)(?![\p{L}\d])/gu;

function clean(v: string): string {
  return v.replace(/\s+/g, ' ').replace(/\s*([-–])\s*/g, '$1').trim();
}

/**
 * Parses the archival files cited in `s`, inheriting from `base` (the previous
 * archival citation, for a chain or an Ibid.) what `s` leaves out. Returns []
 * when `s` holds no archival coordinates.
 */
export function parseArchival(s: string, base: Archival | null = null): ArchivalHit[] {
  const found = findArchive(s);
  const tna = TNA_RE.exec(s);
  if (tna && (found?.abbr === 'TNA' || (base?.archive === 'TNA' && !found))) {
    const out: ArchivalHit = { archive: 'TNA', series: `${tna[1]} ${tna[2]}`, delo: tna[3]!, start: found ? Math.min(found.start, tna.index) : tna.index, end: tna.index + tna[0].length };
    if (tna[4]) out.list = clean(tna[4]);
    return [out];
  }
  const hits: ArchivalHit[] = [];
  let cur: ArchivalHit | null = base ? { ...copy(base), start: 0, end: 0 } : null;
  let curStarted = false;
  let archive = found?.abbr ?? base?.archive ?? null;
  let archiveStart = found ? found.start : -1;
  let last: Key | null = null;
  let pos = 0;
  const push = () => {
    if (cur && curStarted && (cur.delo !== undefined || cur.fond !== undefined)) hits.push(cur);
    curStarted = false;
  };
  const begin = (k: Key, at: number) => {
    // A new fond, opis or delo closes the file before it; what it leaves out is inherited.
    const prev: Archival = cur ?? { archive };
    const next: ArchivalHit = { archive: prev.archive ?? archive, start: at, end: at };
    if (k !== 'fond' && prev.fond) next.fond = prev.fond;
    if ((k === 'delo' || k === 'list') && prev.opis) next.opis = prev.opis;
    if (k === 'list' && prev.delo) next.delo = prev.delo;
    if (prev.extra && k === 'delo') next.extra = [...prev.extra];
    cur = next;
    curStarted = true;
  };
  KEY_RE.lastIndex = 0;
  // A fond written without its key right after the archive: "RGVA, 33987, op. 3".
  if (found) {
    const m = /^\s*,?\s*(\d+)\s*,/u.exec(s.slice(found.end));
    if (m) {
      begin('fond', found.start);
      cur!.archive = found.abbr;
      cur!.fond = m[1]!;
      last = 'fond';
      pos = found.end + m[0].length - 1;
      KEY_RE.lastIndex = pos;
    }
  }
  for (let m = KEY_RE.exec(s); m; m = KEY_RE.exec(s)) {
    const g = m.groups!;
    const k: Key = g.fond ? 'fond' : g.opis ? 'opis' : g.delo ? 'delo' : 'list';
    // Text between two parts: extras ("1806 g.", "DPOO", "ch. 2") or a bare continuation.
    if (cur && curStarted) collectExtras(s.slice(pos, m.index), cur);
    const v = clean(g.value!);
    const c = cur as ArchivalHit | null;
    if (k === 'fond' || (k === 'opis' && c?.opis !== undefined) || (k === 'delo' && c?.delo !== undefined) || !curStarted) {
      if (curStarted) push();
      begin(k, m.index);
      if (archiveStart >= 0 && hits.length === 0) cur!.start = Math.min(cur!.start, archiveStart);
      archiveStart = -1;
    } else if (k === 'list' && c?.list !== undefined) {
      push();
      begin('list', m.index);
    }
    const target = cur!;
    if (archive && !target.archive) target.archive = archive;
    target[k] = v;
    target.end = m.index + m[0].length;
    last = k;
    pos = target.end;
    KEY_RE.lastIndex = pos;
    // Continuations: "ll. 51, 58, 485" is one list; "d. 70; 74" is two files.
    for (;;) {
      const rest = s.slice(pos);
      if (last === 'list') {
        const more = LIST_MORE.exec(rest);
        if (more) {
          target.list = `${target.list}, ${clean(more[1]!)}`;
          pos += more[0].length;
          target.end = pos;
          continue;
        }
      }
      const bare = BARE.exec(rest);
      if (bare && (last === 'delo' || (last === 'list' && bare[1] === ';'))) {
        const at = pos + bare[0].indexOf(bare[2]!);
        push();
        begin(last, at);
        cur![last] = clean(bare[2]!);
        pos += bare[0].length;
        cur!.end = pos;
        continue;
      }
      break;
    }
    KEY_RE.lastIndex = pos;
  }
  push();
  if (archive) for (const h of hits) h.archive ??= archive;
  return hits.filter((h) => h.delo !== undefined || h.list !== undefined || h.opis !== undefined);
}

function collectExtras(between: string, cur: Archival): void {
  // Parenthesised glosses ("(Departament politsii ...)") describe a fond; they are not parts.
  const t = between.replace(/\(([A-Z]{3,6})\)/g, ' $1 ').replace(/\([^()]*\)/g, ' ').replace(/\b(?:[A-Z][a-z]+\s+){1,4}(?=[A-Z]{3,6}\b)/g, ' ');
  for (const m of t.matchAll(EXTRA_RE)) (cur.extra ??= []).push(m[0].replace(/\s+/g, ' ').trim());
}

function copy(a: Archival): Archival {
  const out: Archival = { archive: a.archive };
  for (const k of ['fond', 'opis', 'delo', 'list', 'series'] as const) if (a[k] !== undefined) out[k] = a[k];
  if (a.extra) out.extra = [...a.extra];
  return out;
}

/** The file a hit names, without its place in the parsed string. */
export function fileOf(h: ArchivalHit): Archival {
  const { start: _start, end: _end, ...file } = h;
  return file;
}

/** The archival location as CSL's `archive_location` writes it: "f. 4, op. 14, d. 70". */
export function archiveLocation(a: Archival): string {
  if (a.series) return `${a.series}/${a.delo ?? ''}`;
  const parts: string[] = [];
  if (a.fond) parts.push(`f. ${a.fond}`);
  if (a.opis) parts.push(`op. ${a.opis}`);
  for (const e of a.extra ?? []) parts.push(e);
  if (a.delo) parts.push(`d. ${a.delo}`);
  return parts.join(', ');
}

/** Does `s` look like archival coordinates at all (without an archive name)? */
export function hasArchivalKeys(s: string): boolean {
  return /(?<![\p{L}])(?:f|fond|fund)\.?\s*\d+.*(?<![\p{L}])(?:op|opis['’]?|index)\.?['’]?\s*\d/su.test(s) ||
    /(?<![\p{L}])(?:d|delo|case)\.\s*\d+.*(?<![\p{L}])(?:ll?|sheets?)\.\s*\d/su.test(s);
}

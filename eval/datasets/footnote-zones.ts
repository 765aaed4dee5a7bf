/**
 * Footnote zones against GROBID segmentation TEI (../shared/datasets/citations):
 * which LINES of a document are footnote text, and how many notes were found.
 *
 * - german-history-articles/: raw page text (`*.rawtxt`) and its segmentation
 *   TEI, where each page's footnote zone is a `<listBibl>` (this GROBID flavour
 *   labels footnote zones so). The gold lines are the rawtxt lines aligned to
 *   the TEI lines of those zones (see `alignLines`).
 * - grobid_segmentation_AUSSANT2014INTER_footnotes.tei.xml: a French article
 *   whose footnotes are `<note place="footnote">`. Its raw text is rebuilt from
 *   the TEI (one line per TEI line), so the gold lines are known exactly.
 *
 * Lines that are footnotes in fact but labelled otherwise by the TEI (the
 * unnumbered "*" acknowledgement notes of the German articles, tagged
 * `<front>`; note 1 of the French article, tagged `<div type="acknowledgement">`)
 * are left out of the score: neither gold nor counted as extra. A page's
 * footnote zone the annotator left inside `<body>` (notes 38-42 of ghaf028) is
 * recovered by `ZoneRule.recoverUnmarked` and reported in `errors`.
 *
 * Nothing of the datasets' text is stored in the repository; `errors` quotes at
 * most 60 characters of a line.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Extraction } from '../../src/core/types.js';
import { LineIndex } from '../../src/core/positions.js';
import { extractFile } from '../../src/extract.js';
import { splitLines } from '../../src/text/lines.js';
import { prf, type Score } from '../score.js';

// ---------------------------------------------------------------------------
// TEI lines

/** One line of a TEI document's `<text>`: the text between two `<lb/>`s (or element edges). */
export interface TeiLine {
  /** Entities decoded, white space collapsed to single spaces, trimmed. */
  text: string;
  /** The innermost block element holding it, e.g. `body`, `listBibl`, `note[place=footnote]`. */
  zone: string;
  /** Index (in document order) of that element: the lines of one element share it. */
  element: number;
}

/** Inline elements: they do not start a zone of their own. */
const INLINE = new Set(['lb', 'pb', 'hi', 'ref', 'emph', 'label', 'title', 'seg', 'ptr']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes XML character and entity references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e] ?? all;
  });
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/**
 * The lines of a TEI document's `<text>` element (the whole input when it has
 * none), in document order. A line ends at `<lb/>` and where a block element
 * opens or closes; blank lines are dropped.
 */
export function teiLines(xml: string): TeiLine[] {
  const open = /<text\b[^>]*>/.exec(xml);
  const close = xml.lastIndexOf('</text>');
  const body = open ? xml.slice(open.index + open[0].length, close > open.index ? close : xml.length) : xml;

  const out: TeiLine[] = [];
  const stack: { name: string; zone: string; element: number }[] = [];
  let elements = 0;
  let buf = '';
  const zoneNow = () => stack[stack.length - 1] ?? { zone: 'text', element: -1 };
  const flush = () => {
    const text = decodeEntities(buf).replace(/\s+/g, ' ').trim();
    buf = '';
    if (text) out.push({ text, zone: zoneNow().zone, element: zoneNow().element });
  };

  TOKEN.lastIndex = 0;
  let at = 0;
  for (let m = TOKEN.exec(body); m; m = TOKEN.exec(body)) {
    buf += body.slice(at, m.index);
    at = m.index + m[0].length;
    if (m[1] !== undefined) {
      buf += m[1].replace(/&/g, '&amp;'); // CDATA is literal: escape it for decodeEntities
      continue;
    }
    const name = m[3];
    if (!name) continue; // comment or processing instruction
    const closing = m[2] === '/';
    const empty = m[5] === '/';
    if (name === 'lb') {
      flush();
      continue;
    }
    if (INLINE.has(name)) continue;
    if (closing) {
      flush();
      // Pop to the matching element (tolerates unclosed children).
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.name === name) {
          stack.length = k;
          break;
        }
      }
      continue;
    }
    flush();
    if (empty) continue;
    const attrs = m[4] ?? '';
    const key = /\s(place|type)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
    const zone = key ? `${name}[${key[1]}=${key[2] ?? key[3]}]` : name;
    stack.push({ name, zone, element: elements++ });
  }
  buf += body.slice(at);
  flush();
  return out;
}

// ---------------------------------------------------------------------------
// Aligning TEI lines to raw lines

/** The comparison key of a line: NFKC, quotes and dashes unified, no white space, lower case. */
export function lineKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[‘’‚‛ʼ`´′]/g, "'")
    .replace(/[“”„‟«»″]/g, '"')
    .replace(/[‐‑‒–—―−­]/g, '-')
    .replace(/\s+/g, '')
    .toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient of the character bigrams of two keys (0..1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const A = bigrams(a);
  const B = bigrams(b);
  let common = 0;
  for (const [g, n] of A) common += Math.min(n, B.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + b.length - 1);
}

export interface AlignOptions {
  /** How far past the last match (in raw lines) to look for the next one. Default 60. */
  window?: number;
  /** Least similarity for a fuzzy match. Default 0.85. */
  fuzzy?: number;
}

/**
 * For each TEI line, the indices (0-based) of the raw lines it was found on:
 * usually one; the same raw line for TEI lines that the raw text joined ("Title"
 * + "541" → "Title 541"); several raw lines for one TEI line the raw text split;
 * none when not found. Lines are compared by `lineKey`; the search goes in
 * order, near the last match first, then (for lines of 12+ characters) anywhere
 * in the raw text, which tolerates blocks the TEI moved, then fuzzily (bigram
 * similarity) near the last match, which tolerates small differences.
 */
export function alignLines(tei: readonly string[], raw: readonly string[], opts: AlignOptions = {}): number[][] {
  const W = opts.window ?? 60;
  const minSim = opts.fuzzy ?? 0.85;
  const tk = tei.map(lineKey);
  const rk = raw.map(lineKey);
  const used = new Uint8Array(raw.length);
  const out: number[][] = tei.map(() => []);
  const nextNonBlank = (j: number) => {
    let k = j + 1;
    while (k < rk.length && rk[k] === '') k++;
    return k;
  };

  /** Tries TEI line i at raw line j: exact, several TEI lines joined, or one TEI line split. Returns TEI lines consumed. */
  const tryAt = (i: number, j: number): number => {
    const t = tk[i]!;
    const r = rk[j]!;
    if (used[j] || r === '') return 0;
    if (r === t) {
      out[i]!.push(j);
      used[j] = 1;
      return 1;
    }
    if (r.startsWith(t)) {
      let acc = t;
      for (let k = i + 1; k < tk.length && k <= i + 3; k++) {
        acc += tk[k]!;
        if (!r.startsWith(acc)) break;
        if (acc === r) {
          for (let q = i; q <= k; q++) out[q]!.push(j);
          used[j] = 1;
          return k - i + 1;
        }
      }
    }
    if (t.startsWith(r)) {
      let acc = r;
      const js = [j];
      for (let k = nextNonBlank(j), n = 0; k < rk.length && n < 3; k = nextNonBlank(k), n++) {
        if (used[k]) break;
        acc += rk[k]!;
        js.push(k);
        if (!t.startsWith(acc)) break;
        if (acc === t) {
          for (const q of js) used[q] = 1;
          out[i]!.push(...js);
          return 1;
        }
      }
    }
    return 0;
  };

  let ptr = 0;
  let i = 0;
  while (i < tk.length) {
    if (tk[i] === '') {
      i++;
      continue;
    }
    let took = 0;
    const end = Math.min(rk.length, ptr + W);
    for (let j = ptr; j < end && !took; j++) {
      took = tryAt(i, j);
      if (took) ptr = out[i]![out[i]!.length - 1]! + 1;
    }
    if (!took && tk[i]!.length >= 12) {
      // Anywhere, nearest first: the TEI may hold a block out of the raw order.
      let best = -1;
      for (let j = 0; j < rk.length; j++) {
        if (!used[j] && rk[j] === tk[i] && (best < 0 || Math.abs(j - ptr) < Math.abs(best - ptr))) best = j;
      }
      if (best >= 0) {
        out[i]!.push(best);
        used[best] = 1;
        took = 1;
      }
    }
    if (!took && tk[i]!.length >= 6) {
      let best = -1;
      let bestSim = minSim;
      for (let j = ptr; j < end; j++) {
        if (used[j] || rk[j] === '') continue;
        const s = similarity(tk[i]!, rk[j]!);
        if (s >= bestSim) {
          best = j;
          bestSim = s;
        }
      }
      if (best >= 0) {
        out[i]!.push(best);
        used[best] = 1;
        ptr = best + 1;
        took = 1;
      }
    }
    i += Math.max(took, 1);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Gold and scoring

export interface GoldNoteStart {
  label: string;
  /** 1-based line of the raw text where the note starts. */
  line: number;
}

export interface FootnoteGold {
  /** 1-based raw lines in footnote zones. */
  lines: Set<number>;
  /** 1-based raw lines that are footnotes the TEI labels otherwise: not scored. */
  ignored: Set<number>;
  /** The numbered notes: zone lines starting with a label, in sequence. */
  notes: GoldNoteStart[];
  /** TEI lines of the footnote zones, and how many of them were aligned to the raw text. */
  zoneLines: number;
  zoneLinesAligned: number;
  /** Footnote zones the TEI left unmarked and the gold recovered (see `ZoneRule.recoverUnmarked`). */
  recovered: { fromLine: number; toLine: number; labels: string[] }[];
}

/** Which TEI zones are footnotes, and which are footnotes the TEI labels otherwise. */
export interface ZoneRule {
  isFootnote(zone: string): boolean;
  /** Called with an element's zone and its first line. */
  isIgnored(zone: string, firstLine: string): boolean;
  /**
   * Whether to take as a footnote zone the tail of a `<body>` element that the
   * annotator left unmarked: the tail starts with the next note label, holds
   * the label after it too, and reaches the end of the element, where a page
   * break (running head or page number) follows.
   */
  recoverUnmarked: boolean;
}

export const GERMAN_HISTORY_ZONES: ZoneRule = {
  isFootnote: (z) => z === 'listBibl' || z === 'note[place=footnote]',
  isIgnored: (z, first) => z === 'front' && /^\*\s/.test(first),
  recoverUnmarked: true,
};

export const AUSSANT_ZONES: ZoneRule = {
  isFootnote: (z) => z === 'note[place=footnote]',
  isIgnored: (z, first) => z === 'div[type=acknowledgement]' && /^\d{1,3}\s/.test(first),
  recoverUnmarked: false,
};

const LABEL = /^(\d{1,3})\s+\S/;
const labelOfLine = (t: string): number | null => {
  const m = LABEL.exec(t);
  return m ? Number(m[1]) : null;
};

/**
 * The note starts among footnote-zone lines (in reading order): of the lines
 * opening with a number ("12 See ..."), the longest chain of rising numbers
 * with steps of at most 10, so that continuation lines opening with a number
 * ("3 (2011), pp. 579-617.") drop out and a few notes missing from the zones
 * do not break the count.
 */
export function noteStarts(lines: readonly { text: string; line: number }[]): GoldNoteStart[] {
  const cands = lines.flatMap((l) => {
    const n = labelOfLine(l.text);
    return n === null || n === 0 ? [] : [{ n, line: l.line }];
  });
  const len = cands.map(() => 1);
  const gap = cands.map(() => 0);
  const prev = cands.map(() => -1);
  for (let i = 0; i < cands.length; i++) {
    for (let j = 0; j < i; j++) {
      const d = cands[i]!.n - cands[j]!.n;
      if (d < 1 || d > 10) continue;
      const l = len[j]! + 1;
      const g = gap[j]! + d - 1;
      if (l > len[i]! || (l === len[i]! && g < gap[i]!)) {
        len[i] = l;
        gap[i] = g;
        prev[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < cands.length; i++) if (end < 0 || len[i]! > len[end]! || (len[i] === len[end] && gap[i]! < gap[end]!)) end = i;
  const out: GoldNoteStart[] = [];
  for (let i = end; i >= 0; i = prev[i]!) out.unshift({ label: String(cands[i]!.n), line: cands[i]!.line });
  return out;
}

/**
 * The gold of a document: its TEI lines mapped to raw lines by `map` (TEI line
 * index → 1-based raw lines).
 */
export function buildGold(tei: readonly TeiLine[], map: readonly number[][], rule: ZoneRule): FootnoteGold {
  // Runs of consecutive lines of one element (an element interrupted by a child makes two runs).
  const runs: { zone: string; element: number; from: number; to: number }[] = [];
  tei.forEach((t, i) => {
    const r = runs[runs.length - 1];
    if (r && r.element === t.element) r.to = i + 1;
    else runs.push({ zone: t.zone, element: t.element, from: i, to: i + 1 });
  });

  const ignoredElements = new Set<number>();
  const seenElements = new Set<number>();
  const footnote = new Uint8Array(tei.length);
  const recovered: FootnoteGold['recovered'] = [];
  let last = 0; // the last note label seen in a footnote zone
  runs.forEach((r, k) => {
    if (!seenElements.has(r.element)) {
      seenElements.add(r.element);
      if (rule.isIgnored(r.zone, tei[r.from]!.text)) ignoredElements.add(r.element);
    }
    if (ignoredElements.has(r.element)) return;
    let from = -1;
    if (rule.isFootnote(r.zone)) from = r.from;
    else if (rule.recoverUnmarked && r.zone === 'body' && last > 0) {
      const next = runs[k + 1];
      const pageBreak = !next || /headnote|^page$/.test(next.zone);
      for (let i = r.from; pageBreak && i < r.to; i++) {
        if (labelOfLine(tei[i]!.text) !== last + 1) continue;
        if (tei.slice(i + 1, r.to).some((t) => labelOfLine(t.text) === last + 2)) from = i;
        break;
      }
      if (from >= 0) {
        const labels = noteStarts(tei.slice(from, r.to).map((t, j) => ({ text: t.text, line: j }))).map((s) => s.label);
        const rawOf = (i: number) => map[i]?.[0] ?? 0;
        recovered.push({ fromLine: rawOf(from), toLine: rawOf(r.to - 1), labels });
      }
    }
    if (from < 0) return;
    for (let i = from; i < r.to; i++) {
      footnote[i] = 1;
      const n = labelOfLine(tei[i]!.text);
      if (n !== null && n > last && n <= last + 10) last = n;
    }
  });

  const lines = new Set<number>();
  const ignored = new Set<number>();
  const starts: { text: string; line: number }[] = [];
  let zoneLines = 0;
  let zoneLinesAligned = 0;
  tei.forEach((t, i) => {
    const raw = map[i] ?? [];
    if (ignoredElements.has(t.element)) {
      for (const r of raw) ignored.add(r);
      return;
    }
    if (!footnote[i]) return;
    zoneLines++;
    if (raw.length) zoneLinesAligned++;
    for (const r of raw) lines.add(r);
    if (raw.length) starts.push({ text: t.text, line: raw[0]! });
  });
  for (const l of ignored) lines.delete(l);
  return { lines, ignored, notes: noteStarts(starts), zoneLines, zoneLinesAligned, recovered };
}

/** The 1-based non-blank lines each note of an extraction covers, and where each starts. */
export function predictedNoteLines(text: string, x: Extraction): { lines: Set<number>; notes: { label: string; line: number }[] } {
  const idx = new LineIndex(text);
  const blank = new Set(splitLines(text, idx).filter((l) => l.blank).map((l) => l.n));
  const lines = new Set<number>();
  const notes: { label: string; line: number }[] = [];
  for (const n of x.notes) {
    for (const s of n.spans) {
      const a = idx.lineOf(s.start);
      const b = idx.lineOf(Math.max(s.start, s.end - 1));
      for (let l = a; l <= b; l++) if (!blank.has(l)) lines.add(l);
    }
    const first = n.spans[0];
    if (first) notes.push({ label: n.label, line: idx.lineOf(first.start) });
  }
  return { lines, notes };
}

const MAX_EXAMPLES = 6;

function quote(lineText: string): string {
  const t = lineText.replace(/\s+/g, ' ').trim();
  return JSON.stringify(t.length > 60 ? `${t.slice(0, 59)}…` : t);
}

function examples(kind: string, items: string[], out: string[]): void {
  out.push(...items.slice(0, MAX_EXAMPLES).map((s) => `${kind} ${s}`));
  if (items.length > MAX_EXAMPLES) out.push(`… ${items.length - MAX_EXAMPLES} more ${kind}`);
}

export interface FootnoteZoneScores {
  scores: Record<string, Score>;
  errors: string[];
}

/** Line-level and note-level scores of an extraction of `text` against the gold. */
export function scoreFootnoteZones(text: string, x: Extraction, gold: FootnoteGold): FootnoteZoneScores {
  const rawLines = text.split(/\r\n|\r|\n/);
  const lineText = (n: number) => rawLines[n - 1] ?? '';
  const pred = predictedNoteLines(text, x);
  const pl = [...pred.lines].filter((l) => !gold.ignored.has(l)).sort((a, b) => a - b);
  const gl = [...gold.lines].sort((a, b) => a - b);
  const tp = pl.filter((l) => gold.lines.has(l)).length;

  const predNotes = pred.notes.filter((n) => !gold.ignored.has(n.line));
  const goldLabels = new Set(gold.notes.map((g) => g.label));
  const goldAt = new Set(gold.notes.map((g) => `${g.label}@${g.line}`));
  const labelsFound = new Set<string>();
  let atTp = 0;
  for (const n of predNotes) {
    if (goldLabels.has(n.label)) labelsFound.add(n.label);
    if (goldAt.has(`${n.label}@${n.line}`)) atTp++;
  }

  const errors: string[] = gold.recovered.map(
    (r) => `gold: lines ${r.fromLine}-${r.toLine} (notes ${r.labels[0] ?? '?'}-${r.labels[r.labels.length - 1] ?? '?'}) taken as a footnote zone the TEI left in <body>`,
  );
  const predLabelSet = new Set(predNotes.map((n) => n.label));
  examples('missed note', gold.notes.filter((g) => !predLabelSet.has(g.label)).map((g) => `${g.label} (line ${g.line}: ${quote(lineText(g.line))})`), errors);
  examples('extra note', predNotes.filter((n) => !goldLabels.has(n.label)).map((n) => `${n.label} (line ${n.line}: ${quote(lineText(n.line))})`), errors);
  examples('missed line', gl.filter((l) => !pred.lines.has(l)).map((l) => `${l}: ${quote(lineText(l))}`), errors);
  examples('extra line', pl.filter((l) => !gold.lines.has(l)).map((l) => `${l}: ${quote(lineText(l))}`), errors);

  return {
    scores: {
      'footnote lines': prf(tp, pl.length, gl.length),
      'notes (label)': prf(labelsFound.size, predNotes.length, gold.notes.length),
      'notes (label, first line)': prf(atTp, predNotes.length, gold.notes.length),
      'gold: TEI footnote lines aligned': prf(gold.zoneLinesAligned, gold.zoneLines, gold.zoneLines),
    },
    errors,
  };
}

// ---------------------------------------------------------------------------
// The datasets

/** The raw text rebuilt from TEI lines: one line each, in document order. */
export function rebuildRawText(tei: readonly TeiLine[]): string {
  return tei.map((t) => t.text).join('\n') + '\n';
}

export interface FootnoteZoneResult {
  document: string;
  scores: Record<string, Score>;
  errors: string[];
}

const DATASET = join('datasets', 'citations');
const GERMAN = 'german-history-articles';
const AUSSANT = 'grobid_segmentation_AUSSANT2014INTER_footnotes.tei.xml';

/** A German History article: its rawtxt scored against the aligned TEI footnote zones. */
export function evalGermanHistory(shared: string, base: string): FootnoteZoneResult {
  const dir = join(shared, DATASET, GERMAN);
  const rawPath = join(dir, `${base}.rawtxt`);
  const tei = teiLines(readFileSync(join(dir, `${base}.tei.xml`), 'utf8'));
  const { source, extraction } = extractFile(rawPath, { csl: null });
  const raw = splitLines(source.text).map((l) => l.text);
  const map = alignLines(
    tei.map((t) => t.text),
    raw,
  ).map((js) => js.map((j) => j + 1));
  const gold = buildGold(tei, map, GERMAN_HISTORY_ZONES);
  const s = scoreFootnoteZones(source.text, extraction, gold);
  return { document: `citations/${GERMAN}/${base}`, ...s };
}

/** The French article: its raw text rebuilt from the TEI, written to a temporary file and extracted. */
export function evalAussant(shared: string): FootnoteZoneResult {
  const tei = teiLines(readFileSync(join(shared, DATASET, AUSSANT), 'utf8'));
  const text = rebuildRawText(tei);
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-footnotes-'));
  try {
    const file = join(dir, 'AUSSANT2014INTER.txt');
    writeFileSync(file, text, 'utf8');
    const { source, extraction } = extractFile(file, { csl: null });
    const gold = buildGold(
      tei,
      tei.map((_, i) => [i + 1]),
      AUSSANT_ZONES,
    );
    const s = scoreFootnoteZones(source.text, extraction, gold);
    return { document: `citations/${AUSSANT}`, ...s };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Footnote detection against the GROBID segmentation TEI of
 * ../shared/datasets/citations: line-level precision/recall/F1 of note lines,
 * notes found by label (and by label and first line), and how much of the
 * TEI's footnote zones the gold alignment found in the raw text.
 */
export function evalFootnoteZones(shared: string): { document: string; scores: Record<string, Score>; errors: string[] }[] {
  const out: FootnoteZoneResult[] = [];
  const gdir = join(shared, DATASET, GERMAN);
  if (existsSync(gdir)) {
    const bases = readdirSync(gdir)
      .filter((f) => f.endsWith('.tei.xml'))
      .map((f) => f.slice(0, -'.tei.xml'.length))
      .filter((b) => existsSync(join(gdir, `${b}.rawtxt`)))
      .sort();
    for (const b of bases) out.push(evalGermanHistory(shared, b));
  }
  if (existsSync(join(shared, DATASET, AUSSANT))) out.push(evalAussant(shared));
  return out;
}

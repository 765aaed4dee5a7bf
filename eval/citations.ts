/**
 * Scoring the citation stage against eval/gold/citations/*.json: gold and
 * predicted citations of each annotated note are aligned in order (a
 * best-scoring alignment, so a missed or extra reference costs only itself),
 * then compared field by field. Reported: reference splitting, field-level
 * P/R/F1 over the CSL fields, archival fields alone, Ibid./short resolution
 * accuracy, and signals.
 */
import type { Citation } from '../src/cite/stage.js';
import type { Work } from '../src/cite/works.js';
import { fold } from '../src/cite/reference.js';
import type { Extraction } from '../src/core/types.js';
import { chapterName } from './notes.js';
import { prf, type Score } from './score.js';

/**
 * Each citation's key as the gold writes it, `section|note|n` (n 1-based in
 * its note; the section by chapter name, since notes restart per chapter).
 */
export function citationKeys(x: Extraction): Map<string, string> {
  const noteKey = new Map(x.notes.map((n) => [n.id, `${chapterName(n.section === null ? undefined : x.sections[n.section]?.title)}|${n.label}`]));
  const count = new Map<string, number>();
  const out = new Map<string, string>();
  for (const c of x.citations) {
    const nk = noteKey.get(c.note ?? '') ?? '';
    const n = (count.get(nk) ?? 0) + 1;
    count.set(nk, n);
    out.set(c.id, `${nk}|${n}`);
  }
  return out;
}

export interface GoldCitation {
  kind: 'full' | 'ibid' | 'short';
  signal?: string | null;
  type?: string;
  author?: string[];
  editor?: string[];
  title?: string;
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  issued?: string;
  publisher?: string;
  'publisher-place'?: string;
  locator?: { label: string; value: string };
  archival?: Record<string, string | string[]>;
  resolves_to?: Record<string, string | number> | null;
  head?: string;
}
export interface GoldNoteCitations {
  section?: string;
  note?: string;
  article?: string;
  n?: number;
  citations: GoldCitation[];
}

/** A predicted citation as the scorer sees it: its fields, and a key naming its target. */
export interface Predicted {
  c: Citation;
  fields: Record<string, string>;
  targetKey: string | null;
}

const FIELDS = ['type', 'author', 'editor', 'title', 'container-title', 'volume', 'issue', 'page', 'issued', 'publisher', 'publisher-place', 'locator'] as const;
const ARCHIVAL = ['archive', 'fond', 'opis', 'delo', 'list', 'series'] as const;

export function norm(s: string): string {
  return fold(s.replace(/[–—-]+/g, '-')).replace(/\s+/g, ' ');
}

/** The comparable fields of a gold citation. */
export function goldFields(g: GoldCitation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FIELDS) {
    if (k === 'locator') {
      if (g.locator && !g.archival) out.locator = norm(g.locator.value);
      continue;
    }
    const v = g[k];
    if (v === undefined || v === null || (Array.isArray(v) && !v.length)) continue;
    out[k] = norm(Array.isArray(v) ? v.join(' | ') : v);
  }
  for (const k of ARCHIVAL) {
    const v = g.archival?.[k];
    if (v !== undefined) out[`archival.${k}`] = norm(Array.isArray(v) ? v.join(' ') : v);
  }
  return out;
}

/** The comparable fields of a predicted citation; a resolved one takes its type from its work. */
export function predictedFields(c: Citation, works: ReadonlyMap<string, Work>): Record<string, string> {
  const out: Record<string, string> = {};
  const f = c.fields as unknown as Record<string, unknown>;
  for (const k of FIELDS) {
    if (k === 'locator') {
      if (c.locator && !c.archival) out.locator = norm(c.locator.value);
      continue;
    }
    const v = f[k];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = norm(v.map((n: { family?: string }) => n.family ?? '').join(' | '));
    } else out[k] = norm(String(v));
  }
  const w = c.work ? works.get(c.work) : undefined;
  if (c.archival) out.type = 'manuscript';
  else if (c.kind !== 'full' && w) out.type = norm(w.type);
  else if (c.kind !== 'full') delete out.type;
  if (c.volume) out.volume = norm(c.volume);
  for (const k of ARCHIVAL) {
    const v = c.archival?.[k];
    if (v !== undefined) out[`archival.${k}`] = norm(String(v));
  }
  return out;
}

function agree(a: Record<string, string>, b: Record<string, string>, keys?: (k: string) => boolean): number {
  let n = 0;
  for (const [k, v] of Object.entries(a)) if ((!keys || keys(k)) && b[k] === v) n++;
  return n;
}

/**
 * Order-preserving alignment maximising agreeing fields (pairs must share at
 * least one). The kinds (full, Ibid., short) help align a bare "Ibid." but are
 * not fields of the work.
 */
export function align(gold: Record<string, string>[], pred: Record<string, string>[], goldKinds: readonly string[], predKinds: readonly string[]): [number, number][] {
  const n = gold.length;
  const m = pred.length;
  const similarity = (i: number, j: number) => agree(gold[i]!, pred[j]!, (k) => k !== 'type') + (goldKinds[i] === predKinds[j] ? 0.5 : 0);
  const S = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const sim = similarity(i, j);
      S[i]![j] = Math.max(S[i + 1]![j]!, S[i]![j + 1]!, sim > 0 ? sim + S[i + 1]![j + 1]! : -Infinity);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const sim = similarity(i, j);
    if (sim > 0 && S[i]![j] === sim + S[i + 1]![j + 1]!) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (S[i]![j] === S[i + 1]![j]) i++;
    else j++;
  }
  return pairs;
}

export interface CitationScores {
  split: Score;
  fields: Score;
  archival: Score;
  resolution: Score;
  signals: Score;
  perField: Record<string, Score>;
  errors: string[];
}

/**
 * Scores predictions for the gold notes. `predFor(note)` gives a gold note's
 * predicted citations; `goldKey`/resolves_to keys must use the same scheme as
 * `Predicted.targetKey`.
 */
export function scoreCitations(goldNotes: readonly GoldNoteCitations[], predFor: (g: GoldNoteCitations) => Predicted[], keyOf: (r: Record<string, string | number>) => string): CitationScores {
  let nGold = 0;
  let nPred = 0;
  let nPairs = 0;
  const F = { tp: 0, p: 0, g: 0 };
  const A = { tp: 0, p: 0, g: 0 };
  const R = { tp: 0, p: 0, g: 0 };
  const SIG = { tp: 0, p: 0, g: 0 };
  const per: Record<string, { tp: number; p: number; g: number }> = {};
  const errors: string[] = [];
  for (const gn of goldNotes) {
    const preds = predFor(gn);
    const gf = gn.citations.map(goldFields);
    const pf = preds.map((p) => p.fields);
    nGold += gf.length;
    nPred += pf.length;
    const pairs = align(gf, pf, gn.citations.map((g) => g.kind), preds.map((p) => p.c.kind));
    nPairs += pairs.length;
    const pairedG = new Set(pairs.map(([i]) => i));
    const pairedP = new Set(pairs.map(([, j]) => j));
    const where = gn.article ? `${gn.article} ${gn.n}` : `${gn.section} ${gn.note}`;
    const count = (f: Record<string, string>, side: 'p' | 'g') => {
      for (const k of Object.keys(f)) {
        const bucket = k.startsWith('archival.') ? A : F;
        bucket[side]++;
        if (k.startsWith('archival.')) F[side]++;
        (per[k] ??= { tp: 0, p: 0, g: 0 })[side]++;
      }
    };
    gf.forEach((f, i) => {
      if (!pairedG.has(i)) {
        count(f, 'g');
        errors.push(`${where}: missed "${gn.citations[i]!.head ?? ''}"`);
      }
    });
    pf.forEach((f, j) => {
      if (!pairedP.has(j)) {
        count(f, 'p');
        errors.push(`${where}: extra "${preds[j]!.c.raw.slice(0, 40)}"`);
      }
    });
    for (const [i, j] of pairs) {
      const g = gf[i]!;
      const p = pf[j]!;
      count(g, 'g');
      count(p, 'p');
      for (const [k, v] of Object.entries(g)) {
        if (p[k] === v) {
          if (k.startsWith('archival.')) A.tp++;
          F.tp++;
          per[k]!.tp++;
        } else errors.push(`${where} #${i + 1} ${k}: gold "${v}" got "${p[k] ?? '—'}"`);
      }
      const gc = gn.citations[i]!;
      const pc = preds[j]!;
      // Signals: a note of its own, not a field of the work.
      const gs = gc.signal ? norm(gc.signal) : '';
      const ps = pc.c.signal ? norm(pc.c.signal) : '';
      if (gs) SIG.g++;
      if (ps) SIG.p++;
      if (gs && gs === ps) SIG.tp++;
      if (gc.kind !== 'full' && gc.resolves_to) {
        R.g++;
        if (pc.targetKey) {
          R.p++;
          if (pc.targetKey === keyOf(gc.resolves_to)) R.tp++;
          else errors.push(`${where} #${i + 1} resolves to ${pc.targetKey}, gold ${keyOf(gc.resolves_to)}`);
        } else errors.push(`${where} #${i + 1} unresolved, gold ${keyOf(gc.resolves_to)}`);
      } else if (pc.targetKey && gc.kind === 'full') R.p++;
    }
  }
  const perField: Record<string, Score> = {};
  for (const [k, v] of Object.entries(per)) perField[k] = prf(v.tp, v.p, v.g);
  return {
    split: prf(nPairs, nPred, nGold),
    fields: prf(F.tp, F.p, F.g),
    archival: prf(A.tp, A.p, A.g),
    resolution: prf(R.tp, R.p, R.g),
    signals: prf(SIG.tp, SIG.p, SIG.g),
    perField,
    errors,
  };
}

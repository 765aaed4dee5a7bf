/**
 * Kinds of source against eval/gold/source-kinds/gold.json: every gold work
 * is found through the citations the gold says cite it (`refs`, keyed
 * section|note|n as the citation gold), the compilation's source lines
 * (`lines003`) or the corpus document itself, and its assigned kind compared.
 * Scored twice: as Kartoteka assigns kinds, and from the citation alone
 * (without the curated works of data/works.json), to show what each adds.
 */
import { sourceKind, type KindInput, type SourceKind } from '../src/cite/kinds.js';
import { readSourceLine } from '../src/extract/quotes.js';
import type { Work } from '../src/cite/works.js';
import type { Extraction } from '../src/core/types.js';
import { citationKeys } from './citations.js';
import { prf, type Score } from './score.js';

export interface GoldKindWork {
  key: Record<string, string>;
  kind: SourceKind;
  from: string[];
  refs?: string[];
  lines003?: number[];
}

/** The work each gold reference key (`file|section|note|n`) names, through Ibid. and short forms. */
function citedWorks(x: Extraction, file: string): Map<string, Work> {
  const works = new Map(x.works.map((w) => [w.id, w]));
  const byId = new Map(x.citations.map((c) => [c.id, c]));
  const keys = citationKeys(x);
  const out = new Map<string, Work>();
  for (const c of x.citations) {
    let at = c;
    for (let hops = 0; !at.work && at.target && hops < 20; hops++) at = byId.get(at.target) ?? at;
    const w = at.work ? works.get(at.work) : undefined;
    if (w) out.set(`${file}|${keys.get(c.id)}`, w);
  }
  return out;
}

function majority<T>(xs: T[]): T | undefined {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export function scoreKinds(gold: readonly GoldKindWork[], extractions: Record<string, Extraction>): { assigned: Score; rulesAlone: Score; errors: string[] } {
  const cited: Record<string, Map<string, Work>> = {};
  for (const f of ['000', '001']) if (extractions[f]) cited[f] = citedWorks(extractions[f]!, f);
  const sources = new Map((extractions['003']?.quotes ?? []).filter((q) => q.source).map((q) => [q.source!.line, q.source!]));
  const docs = new Map(Object.values(extractions).map((x) => [x.document.id, x.document]));
  let found = 0;
  let right = 0;
  let rightAlone = 0;
  const errors: string[] = [];
  for (const g of gold) {
    const kinds: SourceKind[] = [];
    const alone: SourceKind[] = [];
    if (g.key.document) {
      const d = docs.get(g.key.document);
      if (d) kinds.push(d.sourceKind), alone.push(d.sourceKind);
    }
    for (const r of g.refs ?? []) {
      const [file, section, note, n] = r.split('|');
      const w = cited[file!]?.get(`${file}|${section}|${note}|${n}`);
      if (w?.kind) kinds.push(w.kind), alone.push(sourceKind(w as KindInput, { curated: false }).kind);
    }
    for (const l of g.lines003 ?? []) {
      const s = sources.get(l);
      if (!s) continue;
      kinds.push(s.kind);
      alone.push(readSourceLine(s.raw, { curated: false }).kind);
    }
    const k = majority(kinds);
    if (!k) {
      errors.push(`not found: ${JSON.stringify(g.key)} (${g.kind})`);
      continue;
    }
    found++;
    if (k === g.kind) right++;
    else errors.push(`${JSON.stringify(g.key)}: ${k}, gold ${g.kind}`);
    if (majority(alone) === g.kind) rightAlone++;
  }
  return { assigned: prf(right, found, gold.length), rulesAlone: prf(rightAlone, found, gold.length), errors };
}

/**
 * Scores `conflicts` against eval/gold/conflicts/gold.json, contradictions
 * found by reading the five texts. A gold contradiction is shown when one
 * found conflict puts passages of two of its sides on two different sides;
 * a found conflict that shows no gold contradiction is a false conflict.
 */
import { basename } from 'node:path';
import { prf, type Score } from './score.js';
import type { Conflict } from '../src/kb/events.js';

interface GoldSource {
  document: string;
  start: number;
  end: number;
}

export interface GoldConflicts {
  conflicts: { kind: string; subject: string; sides: { value: string; sources: GoldSource[] }[] }[];
}

export function scoreConflicts(found: readonly Conflict[], gold: GoldConflicts, fileOf: (docId: string) => string): { shown: Score; falsePerReal: number; errors: string[] } {
  const hits = (s: Conflict['sides'][number], g: { sources: GoldSource[] }) =>
    s.sources.some((p) => g.sources.some((q) => basename(q.document) === fileOf(p.document) && p.start < q.end && q.start < p.end));
  const shows = (c: Conflict, g: GoldConflicts['conflicts'][number]) =>
    c.sides.some((a, i) => c.sides.some((b, j) => i !== j && g.sides.some((ga, x) => g.sides.some((gb, y) => x !== y && hits(a, ga) && hits(b, gb)))));
  const errors: string[] = [];
  let shown = 0;
  for (const g of gold.conflicts) {
    if (found.some((c) => shows(c, g))) shown++;
    else errors.push(`not shown: ${g.kind} ${g.subject}`);
  }
  const real = found.filter((c) => gold.conflicts.some((g) => shows(c, g)));
  const falses = found.filter((c) => !real.includes(c));
  for (const c of falses) errors.push(`false: ${c.kind} ${c.subject} (${c.sides.map((s) => s.value).join(' / ')})`);
  return { shown: prf(shown, found.length ? shown + falses.length : 0, gold.conflicts.length), falsePerReal: real.length ? falses.length / real.length : falses.length ? Infinity : 0, errors };
}

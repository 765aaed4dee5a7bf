/**
 * Claims against eval/gold/claims/*.json (holder, interpretation, stance,
 * passage). Scored two ways, only inside the gold's annotated regions:
 *   - views: the distinct (holder, interpretation, stance) of a document —
 *     who holds which view, the debate's question;
 *   - passages: each claim with its passage — the same view on an overlapping
 *     span, one gold claim per predicted claim.
 * Holders compare by authority id, else by folded name; the unnamed author of
 * a document (review, biography, compilation) is one holder, "author".
 */
import type { ClaimRecord } from '../src/extract/claims.js';
import { foldText } from '../src/kb/citations.js';
import { prf, type Score } from './score.js';

export interface GoldClaim {
  holder: string | null;
  holderName: string;
  interpretation: string;
  stance: string;
  start: number;
  end: number;
  line: number;
  head: string;
  evidence: string;
  note: string | null;
}
export interface GoldClaims {
  document: string;
  regions: { start: number; end: number }[];
  claims: GoldClaim[];
}

function holderKey(id: string | null, name: string): string {
  if (id) return id;
  if (/not stated/i.test(name)) return 'author';
  return foldText(name).replace(/^the /, '');
}
const view = (c: { holder: string | null; holderName: string; interpretation: string; stance: string }) => `${holderKey(c.holder, c.holderName)}|${c.interpretation}|${c.stance}`;

export function scoreClaims(predicted: readonly ClaimRecord[], gold: GoldClaims): { views: Score; passages: Score; holders: Score; errors: string[] } {
  const inRegion = (s: number) => gold.regions.some((r) => r.start <= s && s < r.end);
  const pred = predicted.filter((c) => inRegion(c.start));
  const gv = new Set(gold.claims.map(view));
  const pv = new Set(pred.map(view));
  const errors: string[] = [];
  let tpViews = 0;
  for (const v of pv) {
    if (gv.has(v)) tpViews++;
    else {
      const ex = pred.find((c) => view(c) === v)!;
      errors.push(`extra view ${v} (line ${ex.line}: ${ex.text.slice(0, 60)})`);
    }
  }
  for (const v of gv) {
    if (!pv.has(v)) {
      const ex = gold.claims.find((c) => view(c) === v)!;
      errors.push(`missed view ${v} (line ${ex.line}: ${ex.head.replace(/\s+/g, ' ')})`);
    }
  }
  const used = new Set<number>();
  let tpPassages = 0;
  for (const c of pred) {
    const k = gold.claims.findIndex((g, i) => !used.has(i) && view(g) === view(c) && g.start < c.end && c.start < g.end);
    if (k >= 0) {
      used.add(k);
      tpPassages++;
    }
  }
  // Holders alone: who takes part in the debate at all.
  const gh = new Set(gold.claims.map((c) => holderKey(c.holder, c.holderName)));
  const ph = new Set(pred.map((c) => holderKey(c.holder, c.holderName)));
  const tpHolders = [...ph].filter((h) => gh.has(h)).length;
  return { views: prf(tpViews, pv.size, gv.size), passages: prf(tpPassages, pred.length, gold.claims.length), holders: prf(tpHolders, ph.size, gh.size), errors };
}

/** Scores summed over documents. */
export function sumScores(list: readonly Score[]): Score {
  const tp = list.reduce((a, s) => a + s.tp, 0);
  return prf(tp, list.reduce((a, s) => a + s.predicted, 0), list.reduce((a, s) => a + s.gold, 0));
}

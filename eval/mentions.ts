/**
 * Scores the mentions stage against eval/gold/mentions/*.json: mentions are
 * matched one-to-one by overlapping spans inside the gold's exhaustively
 * annotated regions (boundary conventions for titles and initials do not
 * decide); linking accuracy is the share of matched mentions whose entity
 * agrees with the gold (a gold `null` agrees with a mention left ambiguous).
 */
import { prf, type Score } from './score.js';
import type { Extraction } from '../src/core/types.js';

export interface GoldMention {
  start: number;
  end: number;
  surface: string;
  entity: string | null;
  type: 'person' | 'organization' | 'place';
  label?: string;
}

export interface GoldMentions {
  document: string;
  regions: { start: number; end: number; what?: string }[];
  mentions: GoldMention[];
}

interface Predicted {
  start: number;
  end: number;
  surface: string;
  entity: string | null;
  type: string;
}

export interface MentionScores {
  detection: Score;
  linking: Score;
  byType: Record<string, Score>;
  errors: string[];
}

export function scoreMentions(x: Extraction, gold: GoldMentions, typeOf: (id: string) => string): MentionScores {
  const inRegion = (s: number, e: number) => gold.regions.some((r) => s < r.end && r.start < e && s >= r.start - 5 && e <= r.end + 5);
  const predicted: Predicted[] = [
    ...x.mentions.map((m) => ({ start: m.start, end: m.end, surface: m.surface, entity: m.entity, type: typeOf(m.entity) })),
    ...x.ambiguousMentions.map((a) => ({ start: a.start, end: a.end, surface: a.surface, entity: null, type: typeOf(a.candidates[0] ?? '') })),
  ]
    .filter((p) => inRegion(p.start, p.end))
    .sort((a, b) => a.start - b.start);
  const golds = [...gold.mentions].sort((a, b) => a.start - b.start);
  const used = new Set<number>();
  const pairs: [GoldMention, Predicted][] = [];
  const missed: GoldMention[] = [];
  for (const g of golds) {
    let best = -1;
    for (let i = 0; i < predicted.length; i++) {
      const p = predicted[i]!;
      if (used.has(i) || p.end <= g.start || p.start >= g.end) continue;
      if (best < 0 || (p.entity === g.entity && predicted[best]!.entity !== g.entity)) best = i;
    }
    if (best >= 0) {
      used.add(best);
      pairs.push([g, predicted[best]!]);
    } else missed.push(g);
  }
  const spurious = predicted.filter((_, i) => !used.has(i));
  const linkedRight = pairs.filter(([g, p]) => g.entity === p.entity).length;
  const errors: string[] = [];
  for (const g of missed) errors.push(`missed ${g.start} "${g.surface}" (${g.entity ?? 'null'})`);
  for (const p of spurious) errors.push(`spurious ${p.start} "${p.surface}" → ${p.entity ?? 'ambiguous'}`);
  for (const [g, p] of pairs) if (g.entity !== p.entity) errors.push(`mislinked ${g.start} "${g.surface}": gold ${g.entity ?? 'null'}, found ${p.entity ?? 'ambiguous'}`);
  const byType: Record<string, Score> = {};
  for (const t of ['person', 'organization', 'place']) {
    const tp = pairs.filter(([g]) => g.type === t).length;
    byType[t] = prf(tp, tp + spurious.filter((p) => p.type === t).length, golds.filter((g) => g.type === t).length);
  }
  return {
    detection: prf(pairs.length, predicted.length, golds.length),
    // Linking accuracy over the matched mentions: "precision" is the accuracy.
    linking: prf(linkedRight, pairs.length, pairs.length),
    byType,
    errors,
  };
}

/**
 * Scores the events and figures stages against eval/gold/{events,figures}/*.json.
 *
 * An event is found when a predicted event's sentence holds the gold trigger
 * and agrees on type and main participant; it is right when its date agrees
 * too (EDTF equal, or the gold date inside the predicted bounds for a vaguer
 * precision, or the predicted date inside the gold's). A figure is right when
 * a predicted figure's number overlaps the gold number and value, upper bound
 * and measure agree.
 */
import { prf, type Score } from './score.js';
import type { Extraction } from '../src/core/types.js';
import { mainParticipant, type EventRecord } from '../src/extract/events.js';
import { parseEdtf } from '../src/time/dates.js';

interface Region {
  start: number;
  end: number;
}

export interface GoldEvent {
  type: string;
  participant: string | null;
  date: string;
  start: number;
  end: number;
  trigger: string;
  asserted_by?: string;
  name?: string;
}

export interface GoldEvents {
  document: string;
  regions: Region[];
  events: GoldEvent[];
}

export interface GoldFigure {
  value: number;
  max: number | null;
  approx: string | null;
  unit: 'people' | 'percent';
  measure: string;
  scope: { period: string | null; organization: string | null; operation: string | null };
  start: number;
  end: number;
  number: string;
}

export interface GoldFigures {
  document: string;
  regions: Region[];
  figures: GoldFigure[];
}

const inRegions = (regions: readonly Region[], pos: number) => regions.some((r) => r.start <= pos && pos < r.end);


/** Whether a predicted date agrees with a gold EDTF date. */
export function dateAgrees(gold: string, p: { edtf: string; min: string; max: string }): boolean {
  if (gold === p.edtf) return true;
  const g = parseEdtf(gold);
  if (!g) return false;
  // The gold inside the prediction's bounds (a vaguer prediction), or the prediction inside the gold's.
  return (p.min <= g.min && g.max <= p.max) || (g.min <= p.min && p.max <= g.max);
}

const contains = (e: EventRecord, pos: number) => (e.spans.length ? e.spans : [e]).some((s) => s.start <= pos && pos < s.end);

/**
 * Only events about someone named count, on both sides: the gold's events of
 * unnamed groups ("the arrested officers") have no main participant to agree
 * on, and the extractor's events with no participant are left out likewise.
 */
export function scoreEvents(x: Extraction, all: GoldEvents): { events: Score; found: Score; dates: Score; byType: Record<string, Score>; errors: string[] } {
  const gold = { ...all, events: all.events.filter((e) => e.participant) };
  const predicted = x.events.filter((e) => inRegions(gold.regions, e.trigger.start) && e.participants.length);
  const used = new Set<number>();
  let found = 0;
  let right = 0;
  const errors: string[] = [];
  const tpByType = new Map<string, number>();
  for (const g of [...gold.events].sort((a, b) => a.start - b.start)) {
    let best = -1;
    let bestScore = 0;
    predicted.forEach((p, i) => {
      if (used.has(i) || !contains(p, g.start) || p.type !== g.type) return;
      const who = p.participants.some((q) => q.entity === g.participant) || (g.participant === null && !p.participants.length);
      if (!who && g.participant !== null) return;
      const main = mainParticipant(p) === g.participant;
      const score = 1 + (main ? 2 : 0) + (dateAgrees(g.date, p.date) ? 4 : 0) + (p.trigger.start <= g.start && g.start < p.trigger.end ? 1 : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best < 0) {
      errors.push(`missed ${g.start} ${g.type} ${g.participant ?? g.name ?? 'null'} ${g.date} "${g.trigger}"`);
      continue;
    }
    used.add(best);
    found++;
    const p = predicted[best]!;
    if (dateAgrees(g.date, p.date)) {
      right++;
      tpByType.set(g.type, (tpByType.get(g.type) ?? 0) + 1);
    } else errors.push(`wrong date ${g.start} ${g.type} ${g.participant}: gold ${g.date}, found ${p.date.edtf} ("${p.date.text}")`);
  }
  predicted.forEach((p, i) => {
    if (!used.has(i)) errors.push(`spurious ${p.trigger.start} ${p.type} ${mainParticipant(p) ?? 'null'} ${p.date.edtf} "${p.trigger.text}"`);
  });
  const byType: Record<string, Score> = {};
  for (const t of new Set([...gold.events.map((e) => e.type), ...predicted.map((e) => e.type)])) {
    byType[t] = prf(tpByType.get(t) ?? 0, predicted.filter((e) => e.type === t).length, gold.events.filter((e) => e.type === t).length);
  }
  return { events: prf(right, predicted.length, gold.events.length), found: prf(found, predicted.length, gold.events.length), dates: prf(right, found, found), byType, errors };
}

export function scoreFigures(x: Extraction, gold: GoldFigures): { figures: Score; values: Score; errors: string[] } {
  const predicted = x.figures.filter((f) => inRegions(gold.regions, f.number.start));
  const used = new Set<number>();
  let right = 0;
  let valueRight = 0;
  const errors: string[] = [];
  for (const g of gold.figures) {
    const i = predicted.findIndex((p, k) => !used.has(k) && p.number.start < g.end && g.start < p.number.end);
    if (i < 0) {
      errors.push(`missed ${g.start} "${g.number}" ${g.measure}`);
      continue;
    }
    used.add(i);
    const p = predicted[i]!;
    const value = p.value === g.value && (p.max ?? null) === (g.max ?? null);
    if (value) valueRight++;
    if (value && p.measure === g.measure) right++;
    else errors.push(`wrong ${g.start} "${g.number}": gold ${g.value}${g.max ? `-${g.max}` : ''} ${g.measure}, found ${p.value}${p.max ? `-${p.max}` : ''} ${p.measure}`);
  }
  predicted.forEach((p, k) => {
    if (!used.has(k)) errors.push(`spurious ${p.number.start} "${p.number.text}" ${p.measure}`);
  });
  return { figures: prf(right, predicted.length, gold.figures.length), values: prf(valueRight, predicted.length, gold.figures.length), errors };
}

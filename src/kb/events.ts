/**
 * The timeline and the contradictions between sources, read from the stored
 * events and figures of every document. Nothing is merged: a conflict shows
 * every side with the passages that give it.
 */
import type { SourceKind, DocumentKind } from '../core/types.js';
import { mainParticipant, type EventRecord, type EventType } from '../extract/events.js';
import { groupBy } from '../core/group.js';
import type { FigureRecord } from '../extract/figures.js';
import { parseEdtf } from '../time/dates.js';
import { KartotekaError } from '../core/errors.js';
import { authority } from '../names/authority.js';
import type { Store } from './store.js';

export type TimelineEvent = EventRecord & { document: string };

export interface TimelineFilter {
  /** An EDTF or ISO date: events ending before it are left out. */
  from?: string;
  to?: string;
  /** An entity id: only events it takes part in. */
  entity?: string;
}

/**
 * The date bounds of a filter argument ("1937", "1937-05", "1937-05-22");
 * throws E_USAGE for anything else, naming the argument as the user wrote it
 * (`--from 1937` on the command line, `from=1937` in a URL).
 */
export function filterBound(s: string, side: 'from' | 'to', named = `--${side} `): string {
  const d = parseEdtf(s.trim());
  if (!d) throw new KartotekaError('E_USAGE', undefined, `${named}${JSON.stringify(s)} is not a date (use 1937, 1937-05 or 1937-05-22)`);
  return side === 'from' ? d.min : d.max;
}

/** Every event of the knowledge base in date order (earliest bound, then latest, then document order). */
export function timeline(store: Store, f: TimelineFilter = {}): TimelineEvent[] {
  const from = f.from ? filterBound(f.from, 'from') : null;
  const to = f.to ? filterBound(f.to, 'to') : null;
  const out: TimelineEvent[] = [];
  for (const d of store.documents()) {
    for (const e of store.layer(d.id, 'events')) {
      if (e.date.precision === 'unknown') continue;
      if (from && e.date.max < from) continue;
      if (to && e.date.min > to) continue;
      if (f.entity && !e.participants.some((p) => p.entity === f.entity)) continue;
      out.push({ ...e, document: d.id });
    }
  }
  return out.sort((a, b) => a.date.min.localeCompare(b.date.min) || a.date.max.localeCompare(b.date.max) || a.document.localeCompare(b.document) || a.start - b.start);
}

export interface ConflictSource {
  document: string;
  /** The kind of the document the passage is in (thesis, article, compilation, ...). */
  kind: DocumentKind;
  /** What kind of source that document is (thesis, article, partisan compilation, ...). */
  sourceKind: SourceKind;
  start: number;
  end: number;
  line: number;
  text: string;
}

export interface Conflict {
  kind: 'date' | 'figure' | 'attribute' | 'claim';
  /** What the sides disagree about, in words ("arrest of Avgust Kork"). */
  subject: string;
  /** The same as data: the event type and participant, or the figure's measure and scope. */
  about: Record<string, string | null>;
  sides: { value: string; sources: ConflictSource[] }[];
}

/** Events that happen to someone once: two dates for one of them is a contradiction. */
const ONCE: ReadonlySet<EventType> = new Set(['arrest', 'execution', 'death', 'suicide', 'birth', 'trial', 'sentence', 'transfer', 'demotion', 'dismissal', 'expulsion', 'rehabilitation', 'confession', 'appointment']);
/** Two dates of one kind of event for one person further apart than this are two events (arrested in 1930 and again in 1937). */
const SAME_EVENT_DAYS = 45;

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Whether two dates can be the same date (one inside the other's bounds, or overlapping). */
const compatible = (a: { min: string; max: string }, b: { min: string; max: string }) => a.min <= b.max && b.min <= a.max;

/**
 * Contradictions: the same once-only event of the same person on dates that
 * cannot be the same; the same count (measure and scope) with values that
 * cannot be the same number. Vaguer dates that contain a side, and round or
 * qualified numbers that contain one, are not sides.
 */
export function conflicts(store: Store): Conflict[] {
  const kinds = new Map(store.documents().map((d) => [d.id, d.kind]));
  const sourceKinds = new Map(store.documents().map((d) => [d.id, d.sourceKind]));
  const events: TimelineEvent[] = [];
  const figures: (FigureRecord & { document: string })[] = [];
  for (const d of store.documents()) {
    events.push(...store.layer(d.id, 'events').map((e) => ({ ...e, document: d.id })));
    figures.push(...store.layer(d.id, 'figures').map((f) => ({ ...f, document: d.id })));
  }
  const source = (r: { document: string; start: number; end: number; line: number; text: string }): ConflictSource => ({
    document: r.document,
    kind: kinds.get(r.document) ?? 'other',
    sourceKind: sourceKinds.get(r.document) ?? 'other',
    start: r.start,
    end: r.end,
    line: r.line,
    text: r.text,
  });
  return [...dateConflicts(events, source), ...figureConflicts(figures, source)];
}

function dateConflicts(events: readonly TimelineEvent[], source: (e: TimelineEvent) => ConflictSource): Conflict[] {
  const candidates = events.filter((e) => mainParticipant(e) && ONCE.has(e.type) && !e.assertedBy && !['unknown', 'decade', 'range'].includes(e.date.precision));
  const groups = groupBy(candidates, (e) => `${e.type}|${mainParticipant(e)}`);
  const out: Conflict[] = [];
  const label = (id: string) => authority().byId.get(id)?.label ?? id;
  for (const [k, list] of groups) {
    const [type, who] = k.split('|') as [EventType, string];
    // Clusters of dates close enough to be one event.
    const sorted = [...list].sort((a, b) => a.date.min.localeCompare(b.date.min));
    const clusters: TimelineEvent[][] = [];
    for (const e of sorted) {
      const c = clusters[clusters.length - 1];
      if (c && day(e.date.min) - Math.max(...c.map((x) => day(x.date.max))) <= SAME_EVENT_DAYS) c.push(e);
      else clusters.push([e]);
    }
    for (const c of clusters) {
      const values = groupBy(c, (e) => e.date.edtf);
      const dates = [...values.keys()].map((v) => ({ v, ...values.get(v)![0]!.date }));
      // A side is a date that cannot be some other side; a vaguer date that contains another is no side.
      // Only days and months can clash: a year or a season is too vague to contradict a day.
      const precise = dates.filter((a) => a.precision === 'day' || a.precision === 'month');
      const sides = precise.filter((a) => precise.some((b) => b.v !== a.v && !compatible(a, b)) && !precise.some((b) => b.v !== a.v && a.min <= b.min && b.max <= a.max));
      if (sides.length < 2 || !sides.some((a) => a.precision === 'day')) continue;
      out.push({
        kind: 'date',
        subject: `${type} of ${label(who)}`,
        about: { type, participant: who },
        sides: sides.map((s) => ({ value: s.v, sources: values.get(s.v)!.map(source) })),
      });
    }
  }
  return out;
}

/** The range of numbers a figure can stand for: exact, or widened by its qualifier or by being round. */
function bounds(f: FigureRecord): [number, number] {
  const v = f.value;
  const hi = f.max ?? v;
  switch (f.qualifier) {
    case 'over':
    case 'at least':
      return [v, Infinity];
    case 'nearly':
      return [v * 0.9, hi];
    case 'up to':
      return [0, hi];
    case 'about':
      return [v * 0.93, hi * 1.07];
  }
  // A round number is an approximation: 34,000 can be 34,301.
  const round = v >= 1000 && v % 500 === 0;
  return round ? [v * 0.93, hi * 1.07] : [v, hi];
}

function figureConflicts(figures: readonly (FigureRecord & { document: string })[], source: (f: FigureRecord & { document: string }) => ConflictSource): Conflict[] {
  // Counts of some size, of a stated period: small numbers and undated totals are too often different counts.
  const candidates = figures.filter((f) => f.unit === 'people' && f.measure !== 'quota' && f.value >= 100 && f.scope.period);
  // Same measure, operation, organization and period: the same count.
  const groups = groupBy(candidates, (f) => [f.measure, f.scope.operation ?? '', f.scope.organization ?? '', f.scope.period ?? ''].join('|'));
  const out: Conflict[] = [];
  for (const [k, list] of groups) {
    const [measure, operation, organization, period] = k.split('|');
    const values = groupBy(list, (f) => `${f.qualifier ? `${f.qualifier} ` : ''}${f.value}${f.max ? `–${f.max}` : ''}`);
    const vs = [...values.entries()].map(([v, fs]) => ({ v, b: bounds(fs[0]!) }));
    // Values that cannot be the same number, yet close enough to be counts of the same thing (not 70 against 70,000).
    // Far apart: a table of counts in one paragraph gives different counts, not rival ones.
    const apart = (a: string, b: string) =>
      values.get(a)!.some((x) => values.get(b)!.every((y) => x.document !== y.document || Math.abs(x.start - y.start) > 2000));
    const clash = (a: (typeof vs)[number], b: (typeof vs)[number]) =>
      (a.b[1] < b.b[0] || b.b[1] < a.b[0]) && Math.max(a.b[0], b.b[0]) / Math.max(1, Math.min(a.b[0], b.b[0])) <= 1.5 && apart(a.v, b.v);
    const sides = vs.filter((a) => vs.some((b) => b.v !== a.v && clash(a, b)));
    if (sides.length < 2) continue;
    out.push({
      kind: 'figure',
      subject: `${measure!.replace(/_/g, ' ')}${operation ? `, ${operation} operation` : ''}${organization ? `, ${authority().byId.get(organization)?.label ?? organization}` : ''}${period ? `, ${period}` : ''}`,
      about: { measure: measure!, operation: operation || null, organization: organization || null, period: period || null },
      sides: sides.map((s) => ({ value: s.v, sources: values.get(s.v)!.map(source) })),
    });
  }
  return out;
}

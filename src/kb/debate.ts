/**
 * The historiographical debate: the curated interpretations
 * (data/interpretations.json) with the claims the knowledge base holds about
 * each — who supports, rejects or reports it, in which documents, on which
 * passages, from what kind of source. For `kartoteka debate`, the API and the
 * web app; read through `Store` only.
 */
import { KartotekaError } from '../core/errors.js';
import type { SourceKind } from '../core/types.js';
import { interpretations, type ClaimRecord, type Interpretation, type Stance } from '../extract/claims.js';
import type { Store } from './store.js';

export type KbClaim = ClaimRecord & { document: string };

export interface ClaimFilter {
  interpretation?: string;
  holder?: string;
  stance?: Stance;
  document?: string;
  topic?: string;
}

/** Every claim in document and text order, filtered. */
export function claims(store: Store, f: ClaimFilter = {}): KbClaim[] {
  const topicOf = new Map(interpretations().map((i) => [i.id, i.topic]));
  const out: KbClaim[] = [];
  for (const d of store.documents()) {
    if (f.document && d.id !== f.document) continue;
    for (const c of store.layer(d.id, 'claims')) {
      if (f.interpretation && c.interpretation !== f.interpretation) continue;
      if (f.holder && c.holder !== f.holder) continue;
      if (f.stance && c.stance !== f.stance) continue;
      if (f.topic && topicOf.get(c.interpretation) !== f.topic) continue;
      out.push({ ...c, document: d.id });
    }
  }
  return out;
}

export interface DebateHolder {
  holder: string | null;
  holderName: string;
  /** The holder's stances, most frequent first: one holder may support a view in one place and report it in another. */
  stances: Stance[];
  documents: string[];
  sourceKinds: SourceKind[];
  claims: KbClaim[];
}

export interface DebatePosition extends Interpretation {
  supports: number;
  rejects: number;
  reports: number;
  holders: DebateHolder[];
}

export const TOPICS = ['military-purge', 'mass-operations'] as const;

/** The interpretations a debate topic covers: a topic id, an interpretation id, or all. */
export function debateTopic(topic?: string): Interpretation[] {
  const all = interpretations();
  if (!topic) return all;
  if ((TOPICS as readonly string[]).includes(topic)) return all.filter((i) => i.topic === topic);
  const one = all.find((i) => i.id === topic);
  if (one) return [one];
  throw new KartotekaError('E_USAGE', undefined, `no debate topic "${topic}": say one of ${TOPICS.join(', ')}, or an interpretation (${all.map((i) => i.id).join(', ')})`);
}

/** The interpretations of a topic with their holders, each holder's stances, documents, passages and kinds of source. */
export function debate(store: Store, topic?: string): DebatePosition[] {
  const list = debateTopic(topic);
  const wanted = new Set(list.map((i) => i.id));
  const byInterp = new Map<string, KbClaim[]>();
  for (const c of claims(store)) {
    if (!wanted.has(c.interpretation)) continue;
    byInterp.set(c.interpretation, [...(byInterp.get(c.interpretation) ?? []), c]);
  }
  return list.map((i) => {
    const cs = byInterp.get(i.id) ?? [];
    const holders = new Map<string, DebateHolder>();
    for (const c of cs) {
      const key = c.holder ?? `name:${c.holderName}`;
      let h = holders.get(key);
      if (!h) {
        h = { holder: c.holder, holderName: c.holderName, stances: [], documents: [], sourceKinds: [], claims: [] };
        holders.set(key, h);
      }
      h.claims.push(c);
      if (!h.documents.includes(c.document)) h.documents.push(c.document);
      if (!h.sourceKinds.includes(c.sourceKind)) h.sourceKinds.push(c.sourceKind);
    }
    for (const h of holders.values()) {
      const n = new Map<Stance, number>();
      for (const c of h.claims) n.set(c.stance, (n.get(c.stance) ?? 0) + 1);
      h.stances = [...n.entries()].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    }
    const count = (s: Stance) => [...holders.values()].filter((h) => h.stances[0] === s).length;
    return {
      ...i,
      supports: count('supports'),
      rejects: count('rejects'),
      reports: count('reports'),
      holders: [...holders.values()].sort((a, b) => b.claims.length - a.claims.length || a.holderName.localeCompare(b.holderName)),
    };
  });
}

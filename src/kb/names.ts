/**
 * People, organizations and places in the knowledge base: mentions as stored
 * by the mentions stage, with the curators' decisions laid over them at read
 * time. Decisions are never folded into the stored layers, so re-ingesting a
 * document cannot lose them; a decision about one mention is re-anchored by
 * its quote (exact, fuzzy, orphan) in the document's current text.
 */
import { KartotekaError } from '../core/errors.js';
import { LineIndex } from '../core/positions.js';
import { authority, peopleByFamily, type Entity } from '../names/authority.js';
import { nameKey, variantKey } from '../names/key.js';
import { findMentions, type Mention, type UnknownName } from '../names/mentions.js';
import { TextView } from '../core/view.js';
import { nameIndex } from '../names/stage.js';
import type { Decision, Quote, Store } from './store.js';
import { timeline, type TimelineEvent } from './events.js';
import { quotes, type KbQuote } from './quotes.js';
import { claims, type KbClaim } from './debate.js';

export type Anchor = 'exact' | 'fuzzy' | 'orphan';

/** A mention as the knowledge base presents it: the stored mention, or one a curator made or moved. */
export interface KbMention extends Mention {
  document: string;
  /** The decision that made or moved it. */
  decision?: number;
}

const CONTEXT = 32;

/** The quote that anchors a decision about the text at [start, end). */
export function quoteAt(text: string, start: number, end: number): Quote {
  return { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) };
}

/**
 * Where a quote stands in a (possibly changed) text: at its old offsets with
 * its context → exact; elsewhere, the occurrence whose context agrees most →
 * fuzzy; nowhere → orphan.
 */
export function reanchor(text: string, q: Quote, start: number): { anchor: Anchor; start: number; end: number } {
  const end = start + q.exact.length;
  if (text.slice(start, end) === q.exact && text.slice(Math.max(0, start - q.prefix.length), start) === q.prefix && text.slice(end, end + q.suffix.length) === q.suffix) {
    return { anchor: 'exact', start, end };
  }
  let best = -1;
  let bestScore = -1;
  for (let i = text.indexOf(q.exact); i >= 0 && q.exact; i = text.indexOf(q.exact, i + 1)) {
    const score = common(text.slice(Math.max(0, i - q.prefix.length), i), q.prefix, true) + common(text.slice(i + q.exact.length, i + q.exact.length + q.suffix.length), q.suffix, false);
    if (score > bestScore || (score === bestScore && Math.abs(i - start) < Math.abs(best - start))) {
      best = i;
      bestScore = score;
    }
  }
  // A short quote (a name) recurs: its context must agree too, or the decision would move to another mention.
  const needed = Math.min(16, Math.ceil((q.prefix.length + q.suffix.length) / 4));
  return best >= 0 && bestScore >= needed ? { anchor: 'fuzzy', start: best, end: best + q.exact.length } : { anchor: 'orphan', start, end };
}

/** Characters two contexts share next to the quote. */
function common(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length && (fromEnd ? a[a.length - 1 - n] === b[b.length - 1 - n] : a[n] === b[n])) n++;
  return n;
}

/** An entity by id or by any spelling of its name, Latin or Cyrillic. Throws E_NO_ENTITY when none or several fit. */
export function findEntity(name: string, type?: Entity['type']): Entity {
  const a = authority();
  const direct = a.byId.get(name.trim());
  if (direct && (!type || direct.type === type)) return direct;
  const hits = entitiesNamed(name).filter((e) => !type || e.type === type);
  if (hits.length === 1) return hits[0]!;
  if (!hits.length) throw new KartotekaError('E_NO_ENTITY', name, `no ${type ?? 'entity'} of that name in the authority file`);
  throw new KartotekaError('E_NO_ENTITY', name, `names ${hits.length} entities: ${hits.map((e) => `${e.id} (${e.label})`).join(', ')}`);
}

/**
 * The entities a written name can mean, decided as a mention in a text would
 * be (the one linker): a full name or initials narrow, a family name alone may
 * fit several. A name in no form the index holds falls back to its variant key.
 */
export function entitiesNamed(name: string): Entity[] {
  const a = authority();
  // Written as a name is in running text: each word capitalised.
  const text = name.trim().replace(/(^|[\s.-])(\p{Ll})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
  const r = findMentions([{ view: new TextView(text, [{ start: 0, end: text.length }]), from: 0, in: 'body' }], nameIndex(), new LineIndex(text));
  const ids = new Set<string>([...r.mentions.map((m) => m.entity), ...r.ambiguous.flatMap((x) => x.candidates)]);
  if (!ids.size) for (const e of peopleByFamily(name)) ids.add(e.id);
  return [...ids].map((id) => a.byId.get(id)!).filter(Boolean);
}

/** The entity a merge has folded an id into, following chains (A ← B ← C), as of the decisions given. */
function mergedInto(decisions: readonly Decision[]): Map<string, string> {
  const into = new Map<string, string>();
  for (const d of decisions) {
    if (d.action === 'merge' && !d.document) into.set(d.subject, d.target);
    if (d.action === 'split' && !d.document && into.get(d.subject) === d.target) into.delete(d.subject);
  }
  const resolve = (id: string) => {
    const seen = new Set<string>();
    let cur = id;
    while (into.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = into.get(cur)!;
    }
    return cur;
  };
  const out = new Map<string, string>();
  for (const k of into.keys()) out.set(k, resolve(k));
  return out;
}

/** The status of each decision about one mention in the current texts. */
export function anchorDecisions(store: Store, decisions: readonly Decision[]): Map<number, { anchor: Anchor; start: number; end: number }> {
  const out = new Map<number, { anchor: Anchor; start: number; end: number }>();
  for (const d of decisions) {
    if (!d.document || !d.quote || d.start === null) continue;
    let text: string;
    try {
      text = store.text(d.document);
    } catch {
      out.set(d.id, { anchor: 'orphan', start: d.start, end: d.end ?? d.start });
      continue;
    }
    out.set(d.id, reanchor(text, d.quote, d.start));
  }
  return out;
}

/**
 * A document's mentions with every decision applied, in order: merges of
 * entities and of spellings (which turn unknown names into mentions), and
 * splits of spellings or of single mentions (which unlink or relink them).
 */
export function documentMentions(store: Store, docId: string, decisions: readonly Decision[] = store.decisions()): { mentions: KbMention[]; unknown: UnknownName[] } {
  const into = mergedInto(decisions);
  const anchors = anchorDecisions(store, decisions.filter((d) => d.document === docId));
  let mentions: KbMention[] = store.layer(docId, 'mentions').map((m) => ({ ...m, document: docId, entity: into.get(m.entity) ?? m.entity }));
  let unknown: UnknownName[] = [...store.layer(docId, 'unknownNames')];
  const lines = new LineIndex(store.text(docId));
  for (const d of decisions) {
    const target = into.get(d.target) ?? d.target;
    if (d.action === 'merge' && !authority().byId.has(d.subject)) {
      // A spelling merged into an entity: its unknown names become mentions.
      const k = variantKey(d.subject);
      const full = nameKey(d.subject);
      const taken = unknown.filter((u) => u.key === k || nameKey(u.surface) === full);
      unknown = unknown.filter((u) => !taken.includes(u));
      for (const u of taken) {
        mentions.push({ entity: target, surface: u.surface, start: u.start, end: u.end, line: u.line, confidence: 1, how: 'curator', in: u.in, document: docId, decision: d.id });
      }
    } else if (d.action === 'split') {
      const relink = d.relink ? (into.get(d.relink) ?? d.relink) : null;
      const at = anchors.get(d.id);
      const hit = (m: KbMention) =>
        m.entity === target &&
        (d.document ? d.document === docId && !!at && at.anchor !== 'orphan' && m.start < at.end && at.start < m.end : !authority().byId.has(d.subject) && nameKey(m.surface) === nameKey(d.subject));
      const moved = mentions.filter(hit);
      if (!moved.length) continue;
      mentions = mentions.filter((m) => !moved.includes(m));
      for (const m of moved) {
        if (relink) mentions.push({ ...m, entity: relink, how: 'curator', confidence: 1, decision: d.id });
        else unknown.push({ surface: m.surface, family: m.surface.split(/\s+/).pop() ?? m.surface, key: variantKey(m.surface.split(/\s+/).pop() ?? ''), start: m.start, end: m.end, line: lines.lineOf(m.start), evidence: 'curator', in: m.in });
      }
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, unknown };
}

/** Every mention in the knowledge base, decisions applied. */
export function allMentions(store: Store): { mentions: KbMention[]; unknown: (UnknownName & { document: string })[] } {
  const decisions = store.decisions();
  const mentions: KbMention[] = [];
  const unknown: (UnknownName & { document: string })[] = [];
  for (const d of store.documents()) {
    const r = documentMentions(store, d.id, decisions);
    mentions.push(...r.mentions);
    for (const u of r.unknown) unknown.push({ ...u, document: d.id });
  }
  return { mentions, unknown };
}

export interface UnknownCluster {
  key: string;
  /** The most frequent spelling. */
  name: string;
  count: number;
  spellings: { surface: string; count: number }[];
  documents: string[];
  evidence: string[];
  examples: { document: string; start: number; end: number; line: number }[];
}

/** Personal names no authority record holds, clustered by variant key, most frequent first. */
export function unknownClusters(store: Store): UnknownCluster[] {
  const { unknown } = allMentions(store);
  const by = new Map<string, (UnknownName & { document: string })[]>();
  for (const u of unknown) {
    const list = by.get(u.key) ?? [];
    list.push(u);
    by.set(u.key, list);
  }
  const out: UnknownCluster[] = [];
  for (const [key, list] of by) {
    const counts = new Map<string, number>();
    for (const u of list) counts.set(u.surface, (counts.get(u.surface) ?? 0) + 1);
    const spellings = [...counts].map(([surface, count]) => ({ surface, count })).sort((a, b) => b.count - a.count || a.surface.localeCompare(b.surface));
    // Evidence of one weak kind only (a Russian-looking ending, seen once) is noise more often than a name.
    const evidence = [...new Set(list.map((u) => u.evidence))].sort();
    out.push({
      key,
      name: spellings[0]!.surface,
      count: list.length,
      spellings,
      documents: [...new Set(list.map((u) => u.document))].sort(),
      evidence,
      examples: list.slice(0, 3).map((u) => ({ document: u.document, start: u.start, end: u.end, line: u.line })),
    });
  }
  return out.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export interface PersonCard {
  entity: Entity & { variants: string[] };
  mentions: number;
  documents: { id: string; title: string; mentions: number; first: { start: number; end: number; line: number; surface: string } }[];
  /** The person's timeline: every dated event they take part in, in date order. */
  events: TimelineEvent[];
  /** What the person is quoted as saying, with the source each quotation cites. */
  quotes: KbQuote[];
  /** The interpretations this person holds or rejects, each claim with its passage. */
  claims: KbClaim[];
  /** Names that could be this entity but that the texts leave undecided. */
  ambiguous: { document: string; surface: string; start: number; end: number; line: number; candidates: string[] }[];
}

/** The card of an entity: who it is, every spelling, where it is mentioned. */
export function entityCard(store: Store, entity: Entity, known?: { mentions: readonly KbMention[]; events: readonly TimelineEvent[] }): PersonCard {
  const mentions = known?.mentions ?? allMentions(store).mentions;
  const mine = mentions.filter((m) => m.entity === entity.id);
  const docs = new Map<string, KbMention[]>();
  for (const m of mine) docs.set(m.document, [...(docs.get(m.document) ?? []), m]);
  const ambiguous: PersonCard['ambiguous'] = [];
  for (const d of store.documents()) {
    for (const a of store.layer(d.id, 'ambiguousMentions')) {
      if (a.candidates.includes(entity.id)) ambiguous.push({ document: d.id, surface: a.surface, start: a.start, end: a.end, line: a.line, candidates: a.candidates });
    }
  }
  const forms = [...(nameIndex().forms.get(entity.id) ?? [])].filter((v) => v !== entity.label).sort();
  return {
    entity: { ...entity, variants: forms },
    mentions: mine.length,
    documents: [...docs].map(([id, list]) => ({
      id,
      title: store.document(id)?.title ?? id,
      mentions: list.length,
      first: { start: list[0]!.start, end: list[0]!.end, line: list[0]!.line, surface: list[0]!.surface },
    })),
    events: known ? known.events.filter((e) => e.participants.some((p) => p.entity === entity.id)) : timeline(store, { entity: entity.id }),
    quotes: quotes(store, { speaker: entity.id }),
    claims: claims(store, { holder: entity.id }),
    ambiguous,
  };
}

/** Mention counts per entity over the knowledge base. */
export function mentionCounts(store: Store): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of allMentions(store).mentions) out.set(m.entity, (out.get(m.entity) ?? 0) + 1);
  return out;
}

/**
 * The knowledge base as the HTTP API and the web app read it: the stored
 * layers of every document joined once (mentions with the curator's
 * decisions applied, the timeline, the conflicts), and the questions a reader
 * asks of them — a stretch of a document with its annotations, a note with its
 * citations, the people mentioned together, the places on a map. Read-only:
 * when the database changes underneath (another process ingests), the next
 * call sees a new generation and recomputes.
 */
import { createHash } from 'node:crypto';
import { KartotekaError } from '../core/errors.js';
import { firstAtOrAfter, LineIndex, type LinedSpan } from '../core/positions.js';
import { groupBy } from '../core/group.js';
import type { DocumentMeta } from '../core/types.js';
import { authority, type Entity } from '../names/authority.js';
import { collapseLines } from '../text/body.js';
import { citationsOfWork, mergedWorks, type WorkEntry } from './citations.js';
import { conflicts, filterBound, timeline, type Conflict, type TimelineEvent } from './events.js';
import { allMentions, entityCard, type KbMention, type PersonCard } from './names.js';
import type { EventRecord } from '../extract/events.js';
import type { DocumentSummary, LayerName, LayerRecords, Store } from './store.js';

/** Where a passage is: the body paragraph or the note, by index in its layer. */
export interface PassageRef {
  document: string;
  in: 'body' | 'note';
  index: number;
}

/** A stretch of a document's original text with everything found in it. */
export interface TextWindow {
  document: string;
  /** First and last line shown (1-based, inclusive), and the document's line count. */
  from: number;
  to: number;
  lines: number;
  /** Original offsets of the stretch; `text` is exactly `original.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  mentions: { entity: string; type: Entity['type'] | null; label: string; surface: string; start: number; end: number; line: number }[];
  markers: { label: string; note: string | null; start: number; end: number; line: number }[];
  /** The pieces of notes (footnote zones) inside the stretch. */
  notes: { id: string; label: string; start: number; end: number; line: number }[];
  events: { id: string; type: string; date: string; start: number; end: number; line: number }[];
  dates: { edtf: string; text: string; start: number; end: number; line: number }[];
  sections: { title: string; level: number; line: number }[];
}

/** A note as the reader opens it: the text joined across page splits, and its parsed citations. */
export interface NoteView {
  document: string;
  id: string;
  label: string;
  text: string;
  spans: LinedSpan[];
  markers: LinedSpan[];
  citations: {
    id: string;
    raw: string;
    start: number;
    end: number;
    line: number;
    signal: string | null;
    resolution: string;
    locator: unknown;
    work: { id: string; type: string; title: string | null; author: string | null; issued: string | null; archive: string | null; location: string | null } | null;
  }[];
}

export interface NetworkNode {
  id: string;
  label: string;
  mentions: number;
  degree: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** Passages naming both, plus events both take part in. */
  weight: number;
  passages: number;
  events: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** Why the answer is not whole: 'rows' (more people than the limit) or 'time' (the time budget ran out), else null. */
  cut: 'rows' | 'time' | null;
}

export interface MapPlace {
  id: string;
  label: string;
  kind: string;
  lat: number;
  lon: number;
  mentions: number;
  documents: number;
}

export interface MapDistrict {
  id: string;
  label: string;
  /** The headquarters the district is drawn at. */
  headquarters: { id: string; label: string; lat: number; lon: number };
  mentions: number;
  documents: number;
}

/** A conflict with a stable id, and the events its sides rest on. */
export type LibraryConflict = Conflict & { id: string };

const NONE: ReadonlySet<string> = new Set();
const sha = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);


interface ReaderIndex {
  mentions: KbMention[];
  pieces: TextWindow['notes'];
  events: EventRecord[];
}

interface Cache {
  generation: string;
  documents: DocumentSummary[];
  mentions?: KbMention[];
  counts?: Map<string, number>;
  events?: TimelineEvent[];
  conflicts?: LibraryConflict[];
  works?: WorkEntry[];
  passages?: Map<string, { spans: readonly LinedSpan[]; in: 'body' | 'note'; index: number }[]>;
  named?: Map<string, Set<string>>;
  disputed?: Map<string, string[]>;
  reader?: Map<string, ReaderIndex>;
  citationCounts?: Map<string, number>;
  people?: Map<string, Set<string>>;
  dates?: Map<string, { min: string; max: string }>;
  layers: Map<string, unknown>;
  lineIndex: Map<string, LineIndex>;
  texts: Map<string, string>;
}

export class Library {
  private cache: Cache | null = null;
  private checked = 0;

  constructor(
    readonly store: Store,
    /** How long a generation is trusted before the database is asked again (ms). */
    private readonly recheckMs = 1000,
  ) {}

  /** A digest of what is stored: changes when a document or a decision is added, replaced or removed. */
  generation(): string {
    return this.fresh().generation;
  }

  private fresh(): Cache {
    const now = Date.now();
    if (this.cache && now - this.checked < this.recheckMs) return this.cache;
    this.checked = now;
    const documents = this.store.documents();
    const generation = sha(documents.map((d) => `${d.id}:${d.sha256}:${d.ingestedAt}`).join('|') + `#${this.store.decisions().length}`);
    if (!this.cache || this.cache.generation !== generation) this.cache = { generation, documents, layers: new Map(), lineIndex: new Map(), texts: new Map() };
    return this.cache;
  }

  documents(): DocumentSummary[] {
    return this.fresh().documents;
  }

  /** A document by id (exactly); throws E_NO_DOCUMENT. */
  document(id: string): DocumentSummary {
    const d = this.documents().find((x) => x.id === id);
    if (!d) throw new KartotekaError('E_NO_DOCUMENT', undefined, `no document "${id}" in the knowledge base`);
    return d;
  }

  text(id: string): string {
    const c = this.fresh();
    let t = c.texts.get(id);
    if (t === undefined) {
      this.document(id);
      t = this.store.text(id);
      c.texts.set(id, t);
    }
    return t;
  }

  /** One layer of a document, read once per generation (the records are shared: do not change them). */
  layer<K extends LayerName>(doc: string, name: K): LayerRecords<K> {
    const c = this.fresh();
    const k = `${doc}|${name}`;
    let l = c.layers.get(k) as LayerRecords<K> | undefined;
    if (!l) {
      l = this.store.layer(doc, name);
      c.layers.set(k, l);
    }
    return l;
  }

  /** How many lines a document's original text has. */
  lineCount(id: string): number {
    return this.lines(id).count;
  }

  private lines(id: string): LineIndex {
    const c = this.fresh();
    let li = c.lineIndex.get(id);
    if (!li) {
      li = new LineIndex(this.text(id));
      c.lineIndex.set(id, li);
    }
    return li;
  }

  /** Every mention, decisions applied, by document and then offset. */
  mentions(): KbMention[] {
    const c = this.fresh();
    return (c.mentions ??= allMentions(this.store).mentions);
  }

  mentionCounts(): Map<string, number> {
    const c = this.fresh();
    if (!c.counts) {
      c.counts = new Map();
      for (const m of this.mentions()) c.counts.set(m.entity, (c.counts.get(m.entity) ?? 0) + 1);
    }
    return c.counts;
  }

  /** Every dated event in date order. */
  events(): TimelineEvent[] {
    const c = this.fresh();
    return (c.events ??= timeline(this.store));
  }

  conflicts(): LibraryConflict[] {
    const c = this.fresh();
    return (c.conflicts ??= conflicts(this.store).map((x) => ({
      id: sha(`${x.kind}|${x.subject}|${x.sides.map((s) => s.value).join('|')}`),
      ...x,
    })));
  }

  /** The ids of the conflicts each passage is a side of, keyed `document|start|end`. */
  disputed(): ReadonlyMap<string, string[]> {
    const c = this.fresh();
    if (!c.disputed) {
      c.disputed = new Map();
      for (const x of this.conflicts()) {
        for (const side of x.sides) for (const src of side.sources) {
          const k = `${src.document}|${src.start}|${src.end}`;
          c.disputed.set(k, [...(c.disputed.get(k) ?? []), x.id]);
        }
      }
    }
    return c.disputed;
  }

  /** How many citations rest on each work, over every document. */
  citationCounts(): ReadonlyMap<string, number> {
    const c = this.fresh();
    if (!c.citationCounts) {
      c.citationCounts = new Map();
      for (const d of this.documents()) for (const x of this.layer(d.id, 'citations')) if (x.work) c.citationCounts.set(x.work, (c.citationCounts.get(x.work) ?? 0) + 1);
    }
    return c.citationCounts;
  }

  works(): WorkEntry[] {
    const c = this.fresh();
    return (c.works ??= mergedWorks(this.store));
  }

  citationsOfWork(id: string) {
    return citationsOfWork(this.store, id);
  }

  /** The card of an entity, with the people most often named in the same passages. */
  card(id: string): PersonCard & { together: { id: string; label: string; passages: number }[] } {
    const entity = authority().byId.get(id);
    if (!entity) throw new KartotekaError('E_NO_ENTITY', undefined, `no entity "${id}" in the authority file`);
    const card = entityCard(this.store, entity, { mentions: this.mentions(), events: this.events() });
    const together = new Map<string, number>();
    for (const people of this.passagePeople().values()) {
      if (!people.has(id)) continue;
      for (const p of people) if (p !== id) together.set(p, (together.get(p) ?? 0) + 1);
    }
    return {
      ...card,
      together: [...together]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 25)
        .map(([p, n]) => ({ id: p, label: authority().byId.get(p)?.label ?? p, passages: n })),
    };
  }

  /** The paragraphs and notes of a document, sorted by start, for finding the passage of an offset. */
  private passages(doc: string): { spans: readonly LinedSpan[]; in: 'body' | 'note'; index: number; start: number }[] {
    const c = this.fresh();
    c.passages ??= new Map();
    let list = c.passages.get(doc) as { spans: readonly LinedSpan[]; in: 'body' | 'note'; index: number; start: number }[] | undefined;
    if (!list) {
      list = [];
      this.layer(doc, 'paragraphs').forEach((p, i) => list!.push({ spans: p.spans, in: 'body', index: i, start: p.spans[0]?.start ?? 0 }));
      this.layer(doc, 'notes').forEach((n, i) => list!.push({ spans: n.spans, in: 'note', index: i, start: n.spans[0]?.start ?? 0 }));
      list.sort((a, b) => a.start - b.start);
      c.passages.set(doc, list);
    }
    return list;
  }

  /** The passage (paragraph or note) holding an original offset, or null. */
  passageAt(doc: string, pos: number): PassageRef | null {
    const list = this.passages(doc);
    // A page-split passage's later pieces start after passages that begin between its pieces: look back a few.
    const i = firstAtOrAfter(list, pos + 1) - 1;
    for (let k = i; k >= 0 && k >= i - 8; k--) {
      const p = list[k]!;
      if (p.spans.some((s) => s.start <= pos && pos < s.end)) return { document: doc, in: p.in, index: p.index };
    }
    return null;
  }

  /** The entities each passage names, keyed `document|in|index`. */
  private named(): Map<string, Set<string>> {
    const c = this.fresh();
    if (!c.named) {
      c.named = new Map();
      for (const m of this.mentions()) {
        const p = this.passageAt(m.document, m.start);
        if (!p) continue;
        const k = `${p.document}|${p.in}|${p.index}`;
        let set = c.named.get(k);
        if (!set) c.named.set(k, (set = new Set()));
        set.add(m.entity);
      }
    }
    return c.named;
  }

  /** The people of each passage, keyed as `named()`. */
  private passagePeople(): Map<string, Set<string>> {
    const c = this.fresh();
    if (!c.people) {
      c.people = new Map();
      const ab = authority().byId;
      for (const [k, set] of this.named()) {
        const people = new Set([...set].filter((e) => ab.get(e)?.type === 'person'));
        if (people.size) c.people.set(k, people);
      }
    }
    return c.people;
  }

  /** The date bounds of each passage (from the dates read in it), keyed as passagePeople. */
  private passageDates(): Map<string, { min: string; max: string }> {
    const out = new Map<string, { min: string; max: string }>();
    for (const d of this.documents()) {
      for (const r of this.layer(d.id, 'dates')) {
        if (r.precision === 'unknown') continue;
        const k = `${d.id}|${r.in}|${r.passage}`;
        const have = out.get(k);
        if (!have) out.set(k, { min: r.min, max: r.max });
        else {
          if (r.min < have.min) have.min = r.min;
          if (r.max > have.max) have.max = r.max;
        }
      }
    }
    return out;
  }

  /**
   * People linked by the passages that name them together and the events they
   * share. With a date range, only passages whose dates fall in it and events
   * in it count. At most `limit` people (those with the most links), and the
   * work stops when `budgetMs` runs out; `cut` says which bound was hit.
   */
  network(opts: { from?: string; to?: string; entity?: string; limit?: number; budgetMs?: number } = {}): Network {
    const from = opts.from ? filterBound(opts.from, 'from') : null;
    const to = opts.to ? filterBound(opts.to, 'to') : null;
    const limit = opts.limit ?? 150;
    const deadline = Date.now() + (opts.budgetMs ?? 200);
    let cut: Network['cut'] = null;
    const inRange = (r: { min: string; max: string }) => (!from || r.max >= from) && (!to || r.min <= to);
    const ranged = from !== null || to !== null;
    const edges = new Map<string, NetworkEdge>();
    const link = (a: string, b: string, what: 'passages' | 'events') => {
      const [s, t] = a < b ? [a, b] : [b, a];
      const k = `${s}|${t}`;
      let e = edges.get(k);
      if (!e) edges.set(k, (e = { source: s, target: t, weight: 0, passages: 0, events: 0 }));
      e[what]++;
      e.weight++;
    };
    const c = this.fresh();
    const dates = ranged ? (c.dates ??= this.passageDates()) : null;
    let steps = 0;
    outer: for (const [k, people] of this.passagePeople()) {
      if (dates) {
        const r = dates.get(k);
        if (!r || !inRange(r)) continue;
      }
      const list = [...people].sort();
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          link(list[i]!, list[j]!, 'passages');
          if (++steps % 4096 === 0 && Date.now() > deadline) {
            cut = 'time';
            break outer;
          }
        }
      }
    }
    const ab = authority().byId;
    if (cut === null) {
      for (const e of this.events()) {
        if (!inRange(e.date)) continue;
        const people = [...new Set(e.participants.map((p) => p.entity))].filter((p) => ab.get(p)?.type === 'person').sort();
        for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) link(people[i]!, people[j]!, 'events');
      }
    }
    let list = [...edges.values()];
    if (opts.entity) list = list.filter((e) => e.source === opts.entity || e.target === opts.entity);
    const degree = new Map<string, number>();
    for (const e of list) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + e.weight);
      degree.set(e.target, (degree.get(e.target) ?? 0) + e.weight);
    }
    let ids = [...degree.keys()].sort((a, b) => degree.get(b)! - degree.get(a)! || a.localeCompare(b));
    if (ids.length > limit) {
      ids = ids.slice(0, limit);
      cut ??= 'rows';
    }
    const keep = new Set(ids);
    const counts = this.mentionCounts();
    return {
      nodes: ids.map((id) => ({ id, label: ab.get(id)?.label ?? id, mentions: counts.get(id) ?? 0, degree: degree.get(id)! })),
      edges: list.filter((e) => keep.has(e.source) && keep.has(e.target)).sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
      cut,
    };
  }

  /** The places mentioned, and the military districts drawn at their headquarters. */
  map(): { places: MapPlace[]; districts: MapDistrict[] } {
    const ab = authority().byId;
    const per = groupBy(this.mentions(), (m) => m.entity);
    const places: MapPlace[] = [];
    const districts: MapDistrict[] = [];
    for (const [id, ms] of per) {
      const e = ab.get(id);
      const documents = new Set(ms.map((m) => m.document)).size;
      if (e?.type === 'place') places.push({ id, label: e.label, kind: e.kind, lat: e.lat, lon: e.lon, mentions: ms.length, documents });
      else if (e?.type === 'organization' && e.category === 'military-district' && e.headquarters) {
        const hq = ab.get(e.headquarters);
        if (hq?.type === 'place') districts.push({ id, label: e.label, headquarters: { id: hq.id, label: hq.label, lat: hq.lat, lon: hq.lon }, mentions: ms.length, documents });
      }
    }
    const order = (a: { mentions: number; label: string }, b: { mentions: number; label: string }) => b.mentions - a.mentions || a.label.localeCompare(b.label);
    return { places: places.sort(order), districts: districts.sort(order) };
  }

  /** What the reader's windows look up in a document, sorted by start once per generation: its mentions, the pieces of its notes, its events. */
  private readerIndex(doc: string): ReaderIndex {
    const c = this.fresh();
    c.reader ??= new Map();
    let r = c.reader.get(doc);
    if (!r) {
      const pieces = this.layer(doc, 'notes').flatMap((n) => n.spans.map((s) => ({ id: n.id, label: n.label, start: s.start, end: s.end, line: s.line })));
      r = {
        mentions: this.mentions().filter((m) => m.document === doc),
        pieces: pieces.sort((a, b) => a.start - b.start),
        events: [...this.layer(doc, 'events')].sort((a, b) => a.start - b.start),
      };
      c.reader.set(doc, r);
    }
    return r;
  }

  /**
   * Lines `from`..`from+count-1` of a document's original text with every
   * mention, note marker, note piece, event and date inside them.
   */
  window(doc: string, from: number, count: number): TextWindow {
    const text = this.text(doc);
    const li = this.lines(doc);
    const total = li.count;
    const first = Math.min(Math.max(1, from), total);
    const last = Math.min(total, first + count - 1);
    const start = li.starts[first - 1]!;
    const end = last < li.starts.length ? li.starts[last]! : text.length;
    const inside = <T extends { start: number; end: number }>(list: readonly T[]) => {
      const out: T[] = [];
      for (let i = Math.max(0, firstAtOrAfter(list, start) - 1); i < list.length && list[i]!.start < end; i++) {
        const r = list[i]!;
        if (r.end > start && r.start < end) out.push(r);
      }
      return out;
    };
    const ab = authority().byId;
    const { mentions: mine, pieces, events } = this.readerIndex(doc);
    return {
      document: doc,
      from: first,
      to: last,
      lines: total,
      start,
      end,
      text: text.slice(start, end),
      mentions: inside(mine).map((m) => {
        const e = ab.get(m.entity);
        return { entity: m.entity, type: e?.type ?? null, label: e?.label ?? m.entity, surface: m.surface, start: m.start, end: m.end, line: m.line };
      }),
      markers: inside(this.layer(doc, 'markers')).map((m) => ({ label: m.label, note: m.note, start: m.start, end: m.end, line: m.line })),
      notes: inside(pieces),
      events: inside(events).map((e) => ({ id: e.id, type: e.type, date: e.date.edtf, start: e.trigger.start, end: e.trigger.end, line: e.line })),
      dates: inside(this.layer(doc, 'dates')).map((d) => ({ edtf: d.edtf, text: d.text, start: d.start, end: d.end, line: d.line })),
      sections: this
        .layer(doc, 'sections')
        .filter((s) => s.heading.start < end && s.heading.end > start)
        .map((s) => ({ title: s.title, level: s.level, line: s.heading.line })),
    };
  }

  /** A note of a document by id, with its citations and their works. */
  note(doc: string, id: string): NoteView {
    this.document(doc);
    const n = this.layer(doc, 'notes').find((x) => x.id === id);
    if (!n) throw new KartotekaError('E_NO_DOCUMENT', undefined, `no note "${id}" in document "${doc}"`);
    const works = new Map(this.layer(doc, 'works').map((w) => [w.id, w]));
    return {
      document: doc,
      id: n.id,
      label: n.label,
      text: n.text,
      spans: n.spans,
      markers: n.markers,
      citations: this
        .layer(doc, 'citations')
        .filter((c) => c.note === n.id)
        .map((c) => {
          const w = c.work ? works.get(c.work) : undefined;
          return {
            id: c.id,
            raw: c.raw,
            start: c.start,
            end: c.end,
            line: c.line,
            signal: c.signal,
            resolution: c.resolution,
            locator: c.locator,
            work: w ? workSummary(w) : null,
          };
        }),
    };
  }

  /** The text of a passage, lines joined, for snippets. */
  snippet(doc: string, start: number, end: number, around = 80): string {
    const text = this.text(doc);
    const a = Math.max(0, start - around);
    const b = Math.min(text.length, end + around);
    return `${a > 0 ? '…' : ''}${collapseLines(text.slice(a, b))}${b < text.length ? '…' : ''}`;
  }

  /** Whether a passage (`document|in|index`) has a date within [from, to]. */
  passageInRange(ref: PassageRef, from: string | null, to: string | null): boolean {
    if (!from && !to) return true;
    const c = this.fresh();
    c.dates ??= this.passageDates();
    const r = c.dates.get(`${ref.document}|${ref.in}|${ref.index}`);
    return !!r && (!from || r.max >= from) && (!to || r.min <= to);
  }

  /** The entities a passage names. */
  entitiesIn(ref: PassageRef): ReadonlySet<string> {
    return this.named().get(`${ref.document}|${ref.in}|${ref.index}`) ?? NONE;
  }
}

/** A work in one line's worth of fields, for lists. */
export function workSummary(w: Record<string, unknown> & { id: string; type: string }) {
  const names = (w.author as { family?: string; given?: string; literal?: string }[] | undefined) ?? [];
  const author = names.length ? names.map((n) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ')).join('; ') : null;
  const issued = (w.issued as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]?.join('-') ?? null;
  const archival = w.archival as { archive?: string } | undefined;
  return {
    id: w.id,
    type: w.type,
    title: typeof w.title === 'string' ? w.title : null,
    author,
    issued,
    archive: typeof w.archive === 'string' ? w.archive : (archival?.archive ?? null),
    location: typeof w.archive_location === 'string' ? w.archive_location : null,
  };
}

/** A date filter of a URL (`from=1937`) as its ISO bound; null for absent. */
export function dateBound(s: string | undefined, side: 'from' | 'to'): string | null {
  return s === undefined || s === '' ? null : filterBound(s, side, `${side}=`);
}

export type { DocumentMeta };

/**
 * The HTTP face of Kartoteka: a read-only JSON API over the knowledge base
 * (../shared/CONTRACT.md lists its core) and the web app, served by one
 * fastify process. Routes are declared once, in `routes()`, with the JSON
 * Schemas of what they accept and answer; fastify validates requests with
 * them and `/api/openapi.json` publishes them. Every error has one shape,
 * `{ "error": { "code", "message" } }`.
 */
import { claims, debate, debateTopic } from '../kb/debate.js';
import type { Stance } from '../extract/claims.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyEtag from '@fastify/etag';
import { KartotekaError, type ErrorCode } from '../core/errors.js';
import { authority } from '../names/authority.js';
import { nameIndex } from '../names/stage.js';
import { mainParticipant } from '../extract/events.js';
import { fold } from '../kb/fold.js';
import { archivalFiles } from '../kb/citations.js';
import { quotes } from '../kb/quotes.js';
import type { TimelineEvent } from '../kb/events.js';
import { dateBound, Library, workSummary } from '../kb/library.js';
import type { Store } from '../kb/store.js';
import { EXPORT_FORMATS, exportWorks, isExportFormat } from '../export/formats.js';
import { COMPONENTS, PAGE, Q, arr, int, nullable, obj, page, ref, str, span, type Schema, ID } from './schemas.js';

/** Where Vite puts the built web app. */
export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

export interface ServerOptions {
  store: Store;
  /** The built web app's folder; default dist/web. Missing: the API alone is served. */
  webRoot?: string;
  /** Log requests (fastify's logger) to stderr. */
  log?: boolean;
}

type Query = Record<string, string | number | undefined>;
type Params = Record<string, string>;

interface Route {
  path: string;
  summary: string;
  params?: Record<string, Schema>;
  query?: Record<string, Schema>;
  /** The 200 answer's schema; `text` for a non-JSON answer. */
  response: Schema | { text: string };
  handler: (lib: Library, q: Query, p: Params, reply: FastifyReply) => unknown;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  E_NO_DOCUMENT: 404,
  E_NO_ENTITY: 404,
  E_NOT_FOUND: 404,
  E_QUERY: 400,
  E_USAGE: 400,
};

/** The items of one page and the cursor of the next. */
function paged<T>(list: readonly T[], q: Query): { items: T[]; total: number; next: string | null } {
  const offset = q.cursor === undefined ? 0 : Number(q.cursor);
  const limit = Number(q.limit ?? PAGE.limit!.default);
  const items = list.slice(offset, offset + limit);
  return { items, total: list.length, next: offset + limit < list.length ? String(offset + limit) : null };
}

const s = (v: string | number | undefined) => (v === undefined ? undefined : String(v));

/** The events a query's filters keep (from, to, entity, type, document), for the events and the timeline routes. */
function eventFilter(q: Query): (e: TimelineEvent) => boolean {
  const from = dateBound(s(q.from), 'from');
  const to = dateBound(s(q.to), 'to');
  return (e) =>
    (!from || e.date.max >= from) &&
    (!to || e.date.min <= to) &&
    (!q.entity || e.participants.some((x) => x.entity === q.entity)) &&
    (!q.type || e.type === q.type) &&
    (!q.document || e.document === q.document);
}

function matchesName(e: { label: string }, forms: readonly string[], q: string): boolean {
  const f = fold(q).text;
  return fold(e.label).text.includes(f) || forms.some((v) => fold(v).text.includes(f));
}

function routes(): Route[] {
  const entityOut = (lib: Library, id: string) => {
    const e = authority().byId.get(id)!;
    return { id, type: e.type, label: e.label, variants: [...(nameIndex().forms.get(id) ?? [])].filter((v) => v !== e.label).sort(), mentions: lib.mentionCounts().get(id) ?? 0 };
  };
  return [
    {
      path: '/api/stats',
      summary: 'How many documents, characters and records the knowledge base holds',
      response: obj({ documents: int, chars: int, layers: { type: 'object', additionalProperties: int }, generation: str }),
      handler: (lib) => ({ ...lib.store.stats(), generation: lib.generation() }),
    },
    {
      path: '/api/documents',
      summary: 'The documents with their metadata and counts of records per layer',
      query: Q.documents,
      response: page('documents', ref('Document')),
      handler: (lib, q) => {
        const list = lib.documents().filter((d) => !q.kind || d.kind === q.kind);
        const p = paged(list, q);
        return { documents: p.items, total: p.total, next: p.next };
      },
    },
    {
      path: '/api/documents/:id',
      summary: 'One document: its metadata, counts and sections',
      params: { id: ID },
      response: obj({ document: ref('Document'), sections: arr(obj({ title: str, level: int, line: int, start: int, end: int })), lines: int }),
      handler: (lib, _q, p) => {
        const document = lib.document(p.id!);
        return {
          document,
          sections: lib.layer(p.id!, 'sections').map((x) => ({ title: x.title, level: x.level, line: x.heading.line, start: x.start, end: x.end })),
          lines: lib.lineCount(p.id!),
        };
      },
    },
    {
      path: '/api/documents/:id/text',
      summary: "A stretch of lines of the document's original text with the mentions, note markers, notes, events and dates in it",
      params: { id: ID },
      query: Q.window,
      response: obj({
        document: str,
        from: int,
        to: int,
        lines: int,
        start: int,
        end: int,
        text: str,
        mentions: arr(obj({ entity: str, type: nullable(str), label: str, surface: str, start: int, end: int, line: int })),
        markers: arr(obj({ label: str, note: nullable(str), start: int, end: int, line: int })),
        notes: arr(obj({ id: str, label: str, start: int, end: int, line: int })),
        events: arr(obj({ id: str, type: str, date: str, start: int, end: int, line: int })),
        dates: arr(obj({ edtf: str, text: str, start: int, end: int, line: int })),
        sections: arr(obj({ title: str, level: int, line: int })),
      }),
      handler: (lib, q, p) => lib.window(p.id!, Number(q.from ?? 1), Number(q.count ?? 300)),
    },
    {
      path: '/api/documents/:id/notes/:note',
      summary: 'A note, joined across page splits, with its parsed citations and their works',
      params: { id: ID, note: ID },
      response: obj({
        document: str,
        id: str,
        label: str,
        text: str,
        spans: arr(span),
        markers: arr(span),
        citations: arr(obj({ id: str, raw: str, start: int, end: int, line: int, signal: nullable(str), resolution: str, locator: {}, work: nullable(ref('WorkSummary')) })),
      }),
      handler: (lib, _q, p) => lib.note(p.id!, p.note!),
    },
    {
      path: '/api/documents/:id/citations',
      summary: "A document's citations in text order: each reference of each note, with its resolution, locator and work",
      params: { id: ID },
      query: Q.citations,
      response: page(
        'citations',
        obj(
          { id: str, note: nullable(str), label: nullable(str), raw: str, start: int, end: int, line: int, signal: nullable(str), resolution: str, locator: {}, work: nullable(ref('WorkSummary')) },
          ['id', 'note', 'label', 'raw', 'start', 'end', 'line', 'resolution', 'work'],
        ),
      ),
      handler: (lib, q, p) => {
        lib.document(p.id!);
        const works = new Map(lib.layer(p.id!, 'works').map((w) => [w.id, w]));
        const labels = new Map(lib.layer(p.id!, 'notes').map((n) => [n.id, n.label]));
        const list = lib.layer(p.id!, 'citations').filter((c) => (!q.work || c.work === q.work) && (!q.resolution || c.resolution === q.resolution));
        const pg = paged(list, q);
        return {
          citations: pg.items.map((c) => {
            const w = c.work ? works.get(c.work) : undefined;
            return { id: c.id, note: c.note, label: c.note ? (labels.get(c.note) ?? null) : null, raw: c.raw, start: c.start, end: c.end, line: c.line, signal: c.signal, resolution: c.resolution, locator: c.locator, work: w ? workSummary(w) : null };
          }),
          total: pg.total,
          next: pg.next,
        };
      },
    },
    {
      path: '/api/search',
      summary: 'Full-text search over body text and notes, with facets by document, kind of document, kind of source and entity',
      query: Q.search,
      response: page('hits', ref('SearchHit'), {
        cut: nullable({ enum: ['rows'] }),
        facets: obj({
          documents: arr(obj({ id: str, count: int })),
          kinds: arr(obj({ id: str, count: int })),
          sourceKinds: arr(obj({ id: str, count: int })),
          entities: arr(obj({ id: str, label: str, type: str, count: int })),
        }),
      }),
      handler: (lib, q) => {
        if (q.q === undefined) throw new KartotekaError('E_QUERY', undefined, 'the query parameter q is missing');
        const MAX = 1000;
        const from = dateBound(s(q.from), 'from');
        const to = dateBound(s(q.to), 'to');
        if (q.document !== undefined) lib.document(String(q.document));
        const kinds = new Map(lib.documents().map((d) => [d.id, d.kind]));
        const sourceKinds = new Map(lib.documents().map((d) => [d.id, d.sourceKind]));
        const all = lib.store.matches(String(q.q), { limit: MAX, document: s(q.document) });
        const refs = new Map(all.map((m) => [m, lib.passageAt(m.document, m.passage.start)]));
        const hits = all.filter((m) => {
          if (q.kind && kinds.get(m.document) !== q.kind) return false;
          if (q.sourceKind && sourceKinds.get(m.document) !== q.sourceKind) return false;
          if (!q.entity && !from && !to) return true;
          const ref = refs.get(m);
          if (!ref) return false;
          if (q.entity && !lib.entitiesIn(ref).has(String(q.entity))) return false;
          return lib.passageInRange(ref, from, to);
        });
        const count = (keys: string[]) => {
          const m = new Map<string, number>();
          for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
          return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => ({ id, count: n }));
        };
        const ab = authority().byId;
        const ents = hits.flatMap((m) => {
          const ref = refs.get(m);
          return ref ? [...lib.entitiesIn(ref)] : [];
        });
        const p = paged(hits, q);
        return {
          hits: lib.store.hits(String(q.q), p.items),
          total: p.total,
          next: p.next,
          cut: all.length >= MAX ? 'rows' : null,
          facets: {
            documents: count(hits.map((h) => h.document)),
            kinds: count(hits.map((h) => kinds.get(h.document) ?? 'other')),
            sourceKinds: count(hits.map((h) => sourceKinds.get(h.document) ?? 'other')),
            entities: count(ents)
              .slice(0, 20)
              .map((x) => ({ ...x, label: ab.get(x.id)?.label ?? x.id, type: ab.get(x.id)?.type ?? 'person' })),
          },
        };
      },
    },
    {
      path: '/api/entities',
      summary: 'People, organizations and places with their mention counts; with q, those any of whose spellings contains it',
      query: Q.entities,
      response: page('entities', ref('Entity')),
      handler: (lib, q) => {
        const counts = lib.mentionCounts();
        const forms = nameIndex().forms;
        const list = [...authority().byId.values()]
          .filter((e) => (!q.type || e.type === q.type) && (q.q ? matchesName(e, [...(forms.get(e.id) ?? [])], String(q.q)) : (counts.get(e.id) ?? 0) > 0))
          .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.label.localeCompare(b.label));
        const p = paged(list, q);
        return { entities: p.items.map((e) => entityOut(lib, e.id)), total: p.total, next: p.next };
      },
    },
    {
      path: '/api/entities/:id',
      summary: 'The card of an entity (as `kartoteka person`): spellings, documents, timeline, quotations, people named with it',
      params: { id: ID },
      response: obj(
        {
          entity: { type: 'object', required: ['id', 'type', 'label', 'variants'] },
          mentions: int,
          documents: arr(obj({ id: str, title: str, mentions: int, first: obj({ start: int, end: int, line: int, surface: str }) })),
          events: arr(ref('Event')),
          quotes: arr(ref('Quote')),
          claims: arr(ref('Claim')),
          together: arr(obj({ id: str, label: str, passages: int })),
        },
        ['entity', 'mentions', 'documents', 'events', 'quotes', 'together'],
      ),
      handler: (lib, _q, p) => {
        const card = lib.card(p.id!);
        const ids = lib.disputed();
        return { ...card, events: card.events.map((e) => ({ ...e, conflicts: ids.get(`${e.document}|${e.start}|${e.end}`) ?? [] })) };
      },
    },
    {
      path: '/api/entities/:id/mentions',
      summary: 'Every mention of an entity across the documents, with a snippet of its passage',
      params: { id: ID },
      query: Q.mentions,
      response: page('mentions', obj({ document: str, surface: str, start: int, end: int, line: int, in: str, snippet: str })),
      handler: (lib, q, p) => {
        if (!authority().byId.has(p.id!)) throw new KartotekaError('E_NO_ENTITY', undefined, `no entity "${p.id}" in the authority file`);
        const list = lib.mentions().filter((m) => m.entity === p.id && (!q.document || m.document === q.document));
        const pg = paged(list, q);
        return {
          mentions: pg.items.map((m) => ({ document: m.document, surface: m.surface, start: m.start, end: m.end, line: m.line, in: m.in, snippet: lib.snippet(m.document, m.start, m.end) })),
          total: pg.total,
          next: pg.next,
        };
      },
    },
    {
      path: '/api/events',
      summary: 'The timeline: dated events in date order, each with the conflicts it is a side of',
      query: Q.events,
      response: page('events', ref('Event')),
      handler: (lib, q) => {
        const ids = lib.disputed();
        const list = lib.events().filter(eventFilter(q));
        const p = paged(list, q);
        return { events: p.items.map((e) => ({ ...e, conflicts: ids.get(`${e.document}|${e.start}|${e.end}`) ?? [] })), total: p.total, next: p.next };
      },
    },
    {
      path: '/api/timeline',
      summary: 'The timeline for drawing: every dated event in date order, without its sentence (the events route has it), at most 20,000, cut by time or rows and saying so',
      query: Q.timeline,
      response: obj({
        events: arr(
          obj({
            id: str,
            type: str,
            date: obj({ edtf: str, min: str, max: str, precision: str }),
            who: nullable(str),
            document: str,
            line: int,
            start: int,
            end: int,
            disputed: { type: 'boolean' },
          }),
        ),
        total: int,
        cut: nullable({ enum: ['rows', 'time'] }),
      }),
      handler: (lib, q) => {
        const keep = eventFilter(q);
        const ids = lib.disputed();
        const ab = authority().byId;
        const MAX = 20_000;
        const deadline = Date.now() + 250;
        const out = [];
        let cut: 'rows' | 'time' | null = null;
        let total = 0;
        for (const e of lib.events()) {
          if (!keep(e)) continue;
          total++;
          if (out.length >= MAX) {
            cut ??= 'rows';
            continue;
          }
          if ((total & 1023) === 0 && Date.now() > deadline) {
            cut = 'time';
            break;
          }
          const who = mainParticipant(e);
          out.push({
            id: e.id,
            type: e.type,
            date: { edtf: e.date.edtf, min: e.date.min, max: e.date.max, precision: e.date.precision },
            who: who ? (ab.get(who)?.label ?? who) : null,
            document: e.document,
            line: e.line,
            start: e.start,
            end: e.end,
            disputed: ids.has(`${e.document}|${e.start}|${e.end}`),
          });
        }
        return { events: out, total, cut };
      },
    },
    {
      path: '/api/figures',
      summary: 'Numbers that count people, with what they count and their scope',
      query: Q.figures,
      response: page('figures', ref('Figure')),
      handler: (lib, q) => {
        const list = lib
          .documents()
          .filter((d) => !q.document || d.id === q.document)
          .flatMap((d) => lib.layer(d.id, 'figures').map((f) => ({ ...f, document: d.id })))
          .filter((f) => !q.measure || f.measure === q.measure);
        const p = paged(list, q);
        return { figures: p.items, total: p.total, next: p.next };
      },
    },
    {
      path: '/api/quotes',
      summary: 'Quotations with their speaker, the source each cites (work and page) and their passage',
      query: Q.quotes,
      response: page('quotes', ref('Quote')),
      handler: (lib, q) => {
        if (q.document !== undefined) lib.document(String(q.document));
        const list = quotes(lib.store, { speaker: s(q.speaker), document: s(q.document) });
        const p = paged(list, q);
        return { quotes: p.items, total: p.total, next: p.next };
      },
    },
    {
      path: '/api/claims',
      summary: 'Claims: who supports, rejects or reports which interpretation, on which passage, from what kind of source',
      query: Q.claims,
      response: page('claims', ref('Claim')),
      handler: (lib, q) => {
        if (q.document !== undefined) lib.document(String(q.document));
        if (q.interpretation !== undefined) debateTopic(String(q.interpretation));
        const list = claims(lib.store, { interpretation: s(q.interpretation), holder: s(q.holder), stance: s(q.stance) as Stance | undefined, topic: s(q.topic), document: s(q.document) });
        const p = paged(list, q);
        return { claims: p.items, total: p.total, next: p.next };
      },
    },
    {
      path: '/api/debate',
      summary: 'The interpretations of a topic (as `kartoteka debate`) with their holders, stances, documents, passages and kinds of source',
      query: Q.debate,
      response: obj({
        interpretations: arr(
          obj({
            id: str,
            label: str,
            statement: str,
            topic: str,
            opposes: arr(str),
            keywords: arr(str),
            supports: int,
            rejects: int,
            reports: int,
            holders: arr(obj({ holder: nullable(str), holderName: str, stances: arr(str), documents: arr(str), sourceKinds: arr(str), claims: arr(ref('Claim')) })),
          }),
        ),
      }),
      handler: (lib, q) => ({ interpretations: debate(lib.store, s(q.topic)) }),
    },
    {
      path: '/api/conflicts',
      summary: 'Contradictions between sources (as `kartoteka conflicts`): every side with its passages and their kinds of source',
      response: obj({ conflicts: arr(ref('Conflict')) }),
      handler: (lib) => ({ conflicts: lib.conflicts() }),
    },
    {
      path: '/api/network',
      summary: 'People linked by the passages that name them together and the events they share, bounded in rows and time',
      query: Q.network,
      response: obj({
        nodes: arr(obj({ id: str, label: str, mentions: int, degree: int })),
        edges: arr(obj({ source: str, target: str, weight: int, passages: int, events: int })),
        cut: nullable({ enum: ['rows', 'time'] }),
      }),
      handler: (lib, q) => {
        const from = dateBound(s(q.from), 'from') ?? undefined;
        const to = dateBound(s(q.to), 'to') ?? undefined;
        return lib.network({ from, to, entity: s(q.entity), limit: Number(q.limit ?? 150) });
      },
    },
    {
      path: '/api/places',
      summary: 'The places mentioned, with coordinates, and the military districts drawn at their headquarters',
      response: obj({
        places: arr(obj({ id: str, label: str, kind: str, lat: { type: 'number' }, lon: { type: 'number' }, mentions: int, documents: int })),
        districts: arr(obj({ id: str, label: str, headquarters: obj({ id: str, label: str, lat: { type: 'number' }, lon: { type: 'number' } }), mentions: int, documents: int })),
      }),
      handler: (lib) => lib.map(),
    },
    {
      path: '/api/works',
      summary: 'The works cited, merged across documents, with how often they are cited; archival files among them',
      query: Q.works,
      response: page('works', obj({ work: ref('WorkSummary'), documents: arr(str), citations: int })),
      handler: (lib, q) => {
        const counts = lib.citationCounts();
        const archive = q.archive !== undefined ? fold(String(q.archive)).text : null;
        const words = q.q !== undefined ? fold(String(q.q)).text.split(' ').filter(Boolean) : [];
        const list = lib
          .works()
          .map((e) => ({ work: workSummary(e.work), documents: e.documents, citations: counts.get(e.work.id) ?? 0 }))
          .filter((e) => {
            if (q.document && !e.documents.includes(String(q.document))) return false;
            if (archive !== null && fold(e.work.archive ?? '').text !== archive) return false;
            const hay = fold(`${e.work.author ?? ''} ${e.work.title ?? ''} ${e.work.archive ?? ''} ${e.work.location ?? ''} ${e.work.issued ?? ''}`).text;
            return words.every((w) => hay.includes(w));
          })
          .sort((a, b) => b.citations - a.citations || (a.work.author ?? '').localeCompare(b.work.author ?? ''));
        const p = paged(list, q);
        return { works: p.items, total: p.total, next: p.next };
      },
    },
    {
      path: '/api/works/:id',
      summary: 'A work (CSL-JSON) and every citation resting on it, with the passage each note supports',
      params: { id: ID },
      response: obj({ work: obj({ id: str, type: str }, ['id', 'type']), summary: ref('WorkSummary'), documents: arr(str), citations: arr(obj({ document: str, citation: str, note: nullable(str), line: int, start: int, end: int, raw: str, resolution: str }, ['document', 'citation', 'note', 'line', 'start', 'end', 'raw', 'resolution'])) }),
      handler: (lib, _q, p) => {
        const e = lib.works().find((w) => w.work.id === p.id);
        if (!e) throw new KartotekaError('E_NOT_FOUND', undefined, `no work "${p.id}" in the knowledge base`);
        return { work: e.work, summary: workSummary(e.work), documents: e.documents, citations: lib.citationsOfWork(e.work.id) };
      },
    },
    {
      path: '/api/archives',
      summary: 'The archival files cited (archive, fond, opis, delo), how often and where',
      query: Q.archives,
      response: obj({ archives: arr(obj({ archive: nullable(str), name: nullable(str), files: arr({ type: 'object' }) })) }),
      handler: (lib, q) => ({ archives: archivalFiles(lib.store, { archive: s(q.archive), document: s(q.document) }) }),
    },
    {
      path: '/api/export/:format',
      summary: `The bibliography in a format (${EXPORT_FORMATS.join(', ')})`,
      params: { format: { enum: [...EXPORT_FORMATS] } },
      query: Q.exportQ,
      response: { text: 'the bibliography' },
      handler: (lib, q, p, reply) => {
        if (!isExportFormat(p.format!)) throw new KartotekaError('E_USAGE', undefined, `unknown export format "${p.format}"`);
        const works = (q.document ? lib.works().filter((w) => w.documents.includes(String(q.document))) : lib.works()).map((w) => w.work);
        const types = { 'csl-json': 'application/vnd.citationstyles.csl+json', bibtex: 'application/x-bibtex', ris: 'application/x-research-info-systems' } as const;
        reply.type(`${types[p.format]}; charset=utf-8`);
        return exportWorks(p.format, works);
      },
    },
  ];
}

/** `/api/documents/:id` as OpenAPI writes it: `/api/documents/{id}`. */
const openapiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

/** The OpenAPI 3 document of the routes. */
export function openapi(list: readonly Route[] = routes()): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const param = (where: 'path' | 'query', name: string, schema: Schema) => ({ name, in: where, required: where === 'path', schema, ...(schema.description ? { description: schema.description } : {}) });
  for (const r of list) {
    const parameters = [
      ...Object.entries(r.params ?? {}).map(([k, v]) => param('path', k, v)),
      ...Object.entries(r.query ?? {}).map(([k, v]) => param('query', k, v)),
    ];
    const error = { description: 'the error', content: { 'application/json': { schema: ref('Error') } } };
    paths[openapiPath(r.path)] = {
      get: {
        summary: r.summary,
        parameters,
        responses: {
          200: 'text' in r.response ? { description: r.response.text, content: { 'text/plain': { schema: { type: 'string' } } } } : { description: 'OK', content: { 'application/json': { schema: r.response } } },
          304: { description: 'not modified since the ETag given in If-None-Match' },
          400: error,
          404: error,
        },
      },
    };
  }
  paths['/api/openapi.json'] = { get: { summary: 'This document', responses: { 200: { description: 'the OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Kartoteka', version: '0.1.0', description: 'A read-only API over a Kartoteka knowledge base: every fact points at the passage it came from. Offsets are UTF-16 indices into the original text, end exclusive; lines are 1-based.' },
    paths,
    components: { schemas: COMPONENTS },
  };
}

/** The error shape for every failure. */
function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Builds the server (not listening): the API, and the web app when it is built. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const lib = new Library(opts.store);
  const app = Fastify({
    logger: opts.log ? { level: 'info' } : false,
    // Unknown query parameters are refused, not silently dropped: a misspelt filter must not look like no filter.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
    routerOptions: { maxParamLength: 300 },
  });
  await app.register(fastifyEtag);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // Hostile text in a source is data: even if it slipped past escaping, no inline script or foreign resource runs.
    reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    return payload;
  });
  // The API is read-only: an answer stays right until the knowledge base changes (a new generation), so answers are kept, the most recent 500.
  const answers = new Map<string, { payload: string; type: string; etag: string }>();
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/')) return;
    const key = `${lib.generation()}|${req.url}`;
    const hit = answers.get(key);
    if (!hit) return;
    answers.delete(key);
    answers.set(key, hit);
    reply.header('x-kartoteka-cache', 'hit').header('etag', hit.etag).type(hit.type).send(hit.payload);
    return reply;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' && reply.statusCode === 200 && typeof payload === 'string' && req.url.startsWith('/api/') && !reply.hasHeader('x-kartoteka-cache') && reply.hasHeader('etag') && payload.length < 8_000_000) {
      answers.set(`${lib.generation()}|${req.url}`, { payload, type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'), etag: String(reply.getHeader('etag') ?? '') });
      if (answers.size > 500) answers.delete(answers.keys().next().value!);
    }
    return payload;
  });
  app.setErrorHandler((err: Error & { validation?: { instancePath?: string; params?: { additionalProperty?: string } }[]; validationContext?: string; statusCode?: number }, req, reply) => {
    if (err instanceof KartotekaError) {
      const status = STATUS[err.code] ?? 500;
      return reply.code(status).send(errorBody(err.code, err.message));
    }
    if (err.validation) {
      const where = err.validationContext === 'params' ? 'path' : 'query';
      const extra = err.validation[0]?.params?.additionalProperty;
      const message = extra !== undefined ? `unknown ${where} parameter "${extra.slice(0, 80)}" (see /api/openapi.json)` : `bad ${where} parameter: ${err.message.replace(/^(querystring|params)\/?/, '')}`;
      return reply.code(400).send(errorBody('E_USAGE', message));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send(errorBody('E_USAGE', err.message));
    req.log.error(err);
    return reply.code(500).send(errorBody('E_INTERNAL', 'the server failed to answer; its log says why'));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('E_NOT_FOUND', `nothing at ${req.url.slice(0, 200)}`)));

  const list = routes();
  const doc = openapi(list);
  app.get('/api/openapi.json', async () => doc);
  for (const r of list) {
    const querystring = r.query ? { type: 'object', properties: r.query, additionalProperties: false } : { type: 'object', additionalProperties: false };
    const params = r.params ? { type: 'object', properties: r.params, required: Object.keys(r.params) } : undefined;
    app.get(r.path, { schema: { querystring, ...(params ? { params } : {}) } }, async (req: FastifyRequest, reply) =>
      r.handler(lib, req.query as Query, req.params as Params, reply),
    );
  }
  const webRoot = opts.webRoot ?? WEB_ROOT;
  if (existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', dotfiles: 'deny', index: 'index.html', wildcard: true });
  }
  return app;
}

export { routes };

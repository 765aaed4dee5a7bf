/**
 * The side-by-side part of the scale bench, in its own process (its memory is
 * the in-memory engines'): the passages of an ingested SQLite knowledge base
 * indexed by minisearch and flexsearch, the fixed queries run on each and on
 * Kartoteka, recall@10 against the passages a regular-expression pass finds,
 * and that pass's own time as the floor. Prints one JSON line.
 *
 * All three engines get the same folded text (case, diacritics, apostrophes
 * folded as Kartoteka folds them) and the same parsed query: a phrase becomes
 * its words ANDed in minisearch and flexsearch, which have no phrases.
 */
import { performance } from 'node:perf_hooks';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { TextView } from '../src/core/view.js';
import { passagePieces } from '../src/kb/base.js';
import { fold } from '../src/kb/fold.js';
import { parseQuery, type QueryTerm } from '../src/kb/query.js';
import { openStore } from '../src/kb/store.js';
import type { EngineRun } from './report.js';
import { QUERIES, queryRegexes } from './scale.js';
import { pct } from './stats.js';

const ROUNDS = 5;
const TOKEN = /[\p{L}\p{N}]+/gu;

const db = process.argv[2]!;
const store = openStore(db);
const keys: string[] = [];
const removed: string[] = [];
const spaced: string[] = [];
for (const d of store.documents()) {
  const text = store.text(d.id);
  const add = (spans: { start: number; end: number }[]) => {
    if (!spans.length) return;
    const view = new TextView(text, passagePieces(spans)).text;
    keys.push(`${d.id}:${spans[0]!.start}`);
    removed.push(fold(view, 'remove').text);
    spaced.push(fold(view, 'space').text);
  };
  for (const p of store.layer(d.id, 'paragraphs')) add(p.spans);
  for (const n of store.layer(d.id, 'notes')) add(n.spans);
}
const mb = removed.reduce((n, s) => n + s.length, 0) / 1e6;


// The floor, and the truth: one regular-expression pass per query over every passage.
const truth = new Map<string, Set<string>>();
const regexLat: number[] = [];
for (const q of QUERIES) {
  const { groups, exclude } = queryRegexes(q);
  const t0 = performance.now();
  const hit = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const a = removed[i]!;
    const b = spaced[i]!;
    if (groups.every((g) => g.test(a) || g.test(b)) && !(exclude && (exclude.test(a) || exclude.test(b)))) hit.add(keys[i]!);
  }
  regexLat.push(performance.now() - t0);
  truth.set(q, hit);
}

function recallOf(found: Map<string, string[]>): number {
  let sum = 0;
  for (const q of QUERIES) {
    const t = truth.get(q)!;
    const top = found.get(q) ?? [];
    const want = Math.min(10, t.size);
    sum += want === 0 ? (top.length === 0 ? 1 : 0) : top.filter((k) => t.has(k)).length / want;
  }
  return sum / QUERIES.length;
}

function measure(name: string, indexSeconds: number, indexMB: number | null, run: (q: string) => string[]): EngineRun {
  const found = new Map<string, string[]>();
  for (const q of QUERIES) found.set(q, run(q));
  const lat: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      const t0 = performance.now();
      run(q);
      lat.push(performance.now() - t0);
    }
  }
  return { name, indexSeconds, indexMB, p50: pct(lat, 0.5), p99: pct(lat, 0.99), recall: recallOf(found) };
}

// The child runs with --expose-gc: the heap is read after a collection, before an index is built
// (the engine before it freed) and after, so that the difference is what the index holds.
const settledHeap = () => {
  global.gc?.();
  return process.memoryUsage().heapUsed;
};
const heapMB = (before: number) => (settledHeap() - before) / 1e6;

const results: EngineRun[] = [];
results.push(measure('Kartoteka (SQLite FTS5)', 0, null, (q) => store.matches(q, { limit: 10 }).map((m) => `${m.document}:${m.pieces[0]!.start}`)));
results.push({ name: 'regular-expression pass (floor)', indexSeconds: 0, indexMB: null, p50: pct(regexLat, 0.5), p99: pct(regexLat, 0.99), recall: 1 });

{
  const before = settledHeap();
  const t0 = performance.now();
  const mini = new MiniSearch<{ id: number; t: string }>({
    fields: ['t'],
    tokenize: (s) => s.match(TOKEN) ?? [],
    processTerm: (t) => t,
  });
  for (let i = 0; i < keys.length; i++) mini.add({ id: i, t: `${removed[i]} ${spaced[i]}` });
  const seconds = (performance.now() - t0) / 1000;
  const size = heapMB(before);
  const miniQuery = (q: string) => {
    const parsed = parseQuery(q);
    const term = (t: QueryTerm) => ({ combineWith: 'AND' as const, queries: t.tokens, prefix: t.prefix });
    const query = {
      combineWith: 'AND_NOT' as const,
      queries: [
        { combineWith: 'AND' as const, queries: parsed.groups.map((g) => ({ combineWith: 'OR' as const, queries: g.map(term) })) },
        ...(parsed.exclude.length ? [{ combineWith: 'OR' as const, queries: parsed.exclude.map(term) }] : []),
      ],
    };
    return mini.search(query as never).slice(0, 10).map((r) => keys[r.id as number]!);
  };
  results.push(measure('minisearch 7.2', seconds, size, miniQuery));
}

{
  const before = settledHeap();
  const t0 = performance.now();
  // 'forward' indexes every prefix of a word: how flexsearch answers prefix queries.
  const flex = new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.Exact });
  for (let i = 0; i < keys.length; i++) flex.add(i, `${removed[i]} ${spaced[i]}`);
  const seconds = (performance.now() - t0) / 1000;
  const size = heapMB(before);
  const flexQuery = (q: string) => {
    const parsed = parseQuery(q);
    const words = (t: QueryTerm) => t.tokens.join(' ');
    // Groups are ANDed, alternatives ORed, exclusions subtracted, with flexsearch's own resolver.
    let r = new FlexSearch.Resolver({ index: flex, query: words(parsed.groups[0]![0]!) } as never) as any;
    for (const alt of parsed.groups[0]!.slice(1)) r = r.or({ index: flex, query: words(alt) });
    // A later OR group counts by its first alternative (the query set has none).
    for (const g of parsed.groups.slice(1)) r = r.and({ index: flex, query: words(g[0]!) });
    for (const x of parsed.exclude) r = r.not({ index: flex, query: words(x) });
    const ids = r.resolve({ limit: 10 }) as number[];
    return ids.map((i) => keys[i]!);
  };
  results.push(measure('flexsearch 0.8', seconds, size, flexQuery));
}
store.close();
process.stdout.write(JSON.stringify({ passages: keys.length, mb, results }) + '\n');

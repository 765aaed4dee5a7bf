/**
 * `npm run bench -- scale [--factors 1,100,1000] [--no-postgres] [--no-engines]`:
 * how cost grows with the corpus, on demand (never a timed test).
 *
 * For each factor f, a synthetic corpus of f varied copies of each reference
 * text (names, dates and numbers changed per copy, so that the index is not
 * flattered by duplicates) is ingested with the whole pipeline into SQLite
 * and into PostgreSQL (a throwaway server started by .ci/postgres), each in a
 * child process: throughput, peak memory (max RSS), database size. Then a
 * fixed query set measures search latency (top 10, p50/p99) on both stores
 * and, side by side on the same passages and queries, minisearch and
 * flexsearch; recall@10 of each against the passages a regular-expression
 * pass finds, and that pass's own time as the floor. Results accumulate in
 * docs/benchmarks.json; docs/benchmarks.md and docs/benchmarks.svg are
 * written from it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseQuery } from '../src/kb/query.js';
import { openStore } from '../src/kb/store.js';
import { extractFile } from '../src/extract.js';
import { LineIndex } from '../src/core/positions.js';
import { STAGES, type Layers } from '../src/pipeline.js';
import { pct, rng } from './stats.js';
import { renderReport, type Report, type ScaleRun, type StageTime } from './report.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const OUT = join(ROOT, 'docs');

/** The fixed query set: names in several spellings, words, phrases, prefixes, an exclusion, an alternative. */
export const QUERIES = [
  'Tukhachevsky',
  'Stalin',
  'Yakir',
  'NKVD',
  'Ezhov',
  'Beneš',
  'conspiracy',
  'arrested',
  'quota',
  'RGVA',
  '"military conspiracy"',
  '"mass operations"',
  '"Order No"',
  'conspir*',
  'purg*',
  'Voroshilov report',
  'Red Army officers',
  'arrests -kulak',
  'Gamarnik OR Uborevich',
  'Frunze Academy',
];


// ---------------------------------------------------------------- corpus

const VOWELS = 'aeiou';

/**
 * Copy `k` of a text: numbers shifted (days stay days, years stay in the
 * century), and about a third of the capitalised words respelt by turning
 * their inner vowels — as many distinct names as copies, as a real archive
 * would have. Copy 0 is the text itself.
 */
export function variant(text: string, k: number): string {
  if (k === 0) return text;
  const rnd = rng(k * 7919);
  const shift = 1 + Math.floor(rnd() * 27);
  const respelt = new Map<string, string>();
  return text
    .replace(/\b\d{1,6}\b/g, (m) => {
      const n = Number(m);
      if (n >= 1 && n <= 31) return String(((n - 1 + shift) % 28) + 1);
      if (n >= 1900 && n <= 1999) return String(1900 + ((n - 1900 + shift) % 100));
      return String(n + shift * 13);
    })
    .replace(/\b[A-Z][a-z]{4,}\b/g, (w) => {
      let v = respelt.get(w);
      if (v === undefined) {
        v = rnd() < 0.33 ? w[0] + w.slice(1, -1).replace(/[aeiou]/g, (c) => VOWELS[(VOWELS.indexOf(c) + (k % 4) + 1) % 5]!) + w.slice(-1) : w;
        respelt.set(w, v);
      }
      return v;
    });
}

interface ManifestItem {
  file: string;
  id: string;
  [k: string]: unknown;
}

/** Writes the corpus of `factor` copies into `dir` (with its corpus.json); its size in bytes. */
function buildCorpus(source: string, dir: string, factor: number): number {
  mkdirSync(dir, { recursive: true });
  const manifest = existsSync(join(source, 'corpus.json')) ? (JSON.parse(readFileSync(join(source, 'corpus.json'), 'utf8')) as ManifestItem[]) : [];
  const files = readdirSync(source).filter((f) => f.endsWith('.txt')).sort();
  const items: ManifestItem[] = [];
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(join(source, f), 'utf8');
    const item = manifest.find((m) => m.file === f);
    for (let k = 0; k < factor; k++) {
      const name = `${String(k).padStart(4, '0')}-${f}`;
      const body = variant(text, k);
      writeFileSync(join(dir, name), body);
      bytes += Buffer.byteLength(body);
      if (item) items.push({ ...item, file: name, id: `${item.id}-${k}` });
    }
  }
  if (items.length) writeFileSync(join(dir, 'corpus.json'), JSON.stringify(items));
  return bytes;
}

// ---------------------------------------------------------------- ingest

interface IngestMeasure {
  seconds: number;
  maxRssMB: number;
  failed: number;
}

/** Ingests `corpus` into `db` in a child process, which reports its own time and peak memory (its worker threads included). */
function ingestChild(corpus: string, db: string): IngestMeasure {
  const script = `
    const m = await import(${JSON.stringify(new URL('../src/ingest.js', import.meta.url).href)});
    const t0 = performance.now();
    const rows = await m.ingest([${JSON.stringify(corpus)}], ${JSON.stringify(db)}, { progress: true });
    const seconds = (performance.now() - t0) / 1000;
    const failed = rows.filter((r) => r.status === 'failed');
    for (const r of failed.slice(0, 5)) console.error(r.error);
    console.log(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, failed: failed.length }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`ingest of ${corpus} into ${db} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as IngestMeasure;
}

function sqliteBytes(db: string): number {
  return ['', '-wal', '-shm'].reduce((n, s) => n + (existsSync(db + s) ? statSync(db + s).size : 0), 0);
}

function postgresBytes(url: string): number {
  const schema = new URL(url).searchParams.get('schema')!;
  const base = new URL(url);
  base.searchParams.delete('schema');
  const out = execFileSync('psql', [base.toString(), '-At', '-c', `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${schema}' AND c.relkind IN ('r', 'm')`], { encoding: 'utf8' });
  return Number(out.trim());
}

// ---------------------------------------------------------------- search

interface Latency {
  p50: number;
  p99: number;
}

/** Latency of the fixed queries on a store, top 10 with snippets (what a user waits for): each query 20 times after one warm-up. */
function storeLatency(db: string): Latency & { matchP99: number; slowest: string } {
  const store = openStore(db);
  try {
    const lat: number[] = [];
    const matchLat: number[] = [];
    const perQuery = new Map<string, number>();
    for (const q of QUERIES) store.search(q, { limit: 10 });
    for (let round = 0; round < 20; round++) {
      for (const q of QUERIES) {
        const t0 = performance.now();
        const m = store.matches(q, { limit: 10 });
        const t1 = performance.now();
        store.hits(q, m);
        const ms = performance.now() - t0;
        lat.push(ms);
        matchLat.push(t1 - t0);
        perQuery.set(q, Math.max(perQuery.get(q) ?? 0, ms));
      }
    }
    const slowest = [...perQuery].sort((a, b) => b[1] - a[1])[0]!;
    return { p50: pct(lat, 0.5), p99: pct(lat, 0.99), matchP99: pct(matchLat, 0.99), slowest: `${slowest[0]} (${slowest[1].toFixed(1)} ms)` };
  } finally {
    store.close();
  }
}

// ---------------------------------------------------------------- profile

/** Each pipeline stage timed over the reference corpus (one thread, median of 3), and the write into SQLite. */
function stageProfile(source: string): { mb: number; stages: StageTime[] } {
  const files = readdirSync(source).filter((f) => f.endsWith('.txt')).sort().map((f) => join(source, f));
  const docs = files.map((p) => extractFile(p));
  const times = new Map<string, number[]>();
  for (let round = 0; round < 3; round++) {
    const sum = new Map<string, number>();
    for (const { source: src, extraction } of docs) {
      const doc = { text: src.text, index: new LineIndex(src.text), meta: extraction.document };
      const layers: Partial<Layers> = {};
      for (const s of STAGES) {
        const t0 = performance.now();
        Object.assign(layers, s.run(doc, layers));
        sum.set(s.name, (sum.get(s.name) ?? 0) + performance.now() - t0);
      }
    }
    const store = openStore(':memory:');
    const t0 = performance.now();
    for (const { source: src, extraction } of docs) store.putExtraction(extraction, src.text);
    sum.set('write (rows, folding, SQLite)', performance.now() - t0);
    store.close();
    for (const [k, v] of sum) times.set(k, [...(times.get(k) ?? []), v]);
  }
  const med = [...times].map(([stage, xs]) => ({ stage, ms: [...xs].sort((a, b) => a - b)[1]! }));
  const total = med.reduce((n, s) => n + s.ms, 0);
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.source.text), 0) / 1e6;
  return { mb, stages: med.sort((a, b) => b.ms - a.ms).map((s) => ({ ...s, share: s.ms / total })) };
}

// ---------------------------------------------------------------- main

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function benchScale(): Promise<void> {
  const factors = (arg('--factors') ?? '1,100').split(',').map(Number);
  const withPostgres = !process.argv.includes('--no-postgres');
  const withEngines = !process.argv.includes('--no-engines');
  const source = resolve(ROOT, '..', 'shared', 'corpus');
  if (!existsSync(source)) throw new Error(`the scale bench varies the reference corpus: ${source} is missing`);
  const work = mkdtempSync(join(tmpdir(), 'kartoteka-scale-'));
  const jsonPath = join(OUT, 'benchmarks.json');
  const report: Report = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Report) : { runs: [] };
  report.machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  process.stderr.write('profile: the pipeline stage by stage on the reference corpus\n');
  report.profile = stageProfile(source);
  let pgUrl: string | null = null;
  // Its own folder under /tmp: the server runs as the postgres user, who cannot enter `work` (0700, ours).
  const pgDir = mkdtempSync(join(tmpdir(), 'kartoteka-scale-pg-'));
  try {
    if (withPostgres) {
      const env = execFileSync(join(ROOT, '.ci', 'postgres'), ['start', pgDir], { encoding: 'utf8' });
      pgUrl = /KARTOTEKA_TEST_PG=(\S+)/.exec(env)![1]!;
    }
    for (const factor of factors) {
      const dir = join(work, `x${factor}`);
      process.stderr.write(`\n== ${factor}×: writing the corpus\n`);
      const bytes = buildCorpus(source, dir, factor);
      const mb = bytes / 1e6;
      const run: ScaleRun = { factor, files: readdirSync(dir).filter((f) => f.endsWith('.txt')).length, mb, at: new Date().toISOString().slice(0, 10), backends: [], engines: [] };
      const cores = availableParallelism();
      const targets: { name: 'SQLite' | 'PostgreSQL'; db: string; size: (db: string) => number }[] = [{ name: 'SQLite', db: join(work, `x${factor}.db`), size: sqliteBytes }];
      if (pgUrl) {
        const u = new URL(pgUrl);
        u.searchParams.set('schema', `scale_${factor}_${Date.now()}`);
        targets.push({ name: 'PostgreSQL', db: u.toString(), size: postgresBytes });
      }
      for (const t of targets) {
        process.stderr.write(`== ${factor}×: ingest into ${t.name} (${mb.toFixed(1)} MB)\n`);
        const m = ingestChild(dir, t.db);
        const lat = storeLatency(t.db);
        run.backends.push({
          name: t.name,
          ingestSeconds: m.seconds,
          mbPerSecond: mb / m.seconds,
          mbPerSecondPerCore: mb / m.seconds / cores,
          peakMB: m.maxRssMB,
          dbMB: t.size(t.db) / 1e6,
          failed: m.failed,
          search: lat,
        });
        process.stderr.write(`   ${(mb / m.seconds).toFixed(2)} MB/s, peak ${m.maxRssMB.toFixed(0)} MB, search p50 ${lat.p50.toFixed(2)} p99 ${lat.p99.toFixed(2)} ms\n`);
      }
      if (withEngines) {
        process.stderr.write(`== ${factor}×: minisearch, flexsearch and the regular-expression pass\n`);
        const r = spawnSync(process.execPath, ['--max-old-space-size=20000', '--expose-gc', join(ROOT, 'dist', 'bench', 'engines.js'), targets[0]!.db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
        if (r.status === 0) run.engines = JSON.parse(r.stdout.trim().split('\n').pop()!) as ScaleRun['engines'];
        else run.enginesFailed = `the engines' child process ended with ${r.status ?? r.signal}`;
      }
      report.runs = report.runs.filter((x) => x.factor !== factor).concat(run).sort((a, b) => a.factor - b.factor);
      writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
      rmSync(dir, { recursive: true, force: true });
      rmSync(targets[0]!.db, { force: true });
    }
    report.queries = QUERIES;
    writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
    renderReport(report, OUT);
    process.stderr.write(`\nwritten: docs/benchmarks.md, docs/benchmarks.svg, docs/benchmarks.json\n`);
  } finally {
    if (pgUrl) execFileSync(join(ROOT, '.ci', 'postgres'), ['stop', pgDir], { stdio: 'ignore' });
    rmSync(pgDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/** The passages of a query as the regular-expression floor finds them: every group has a term, no excluded term. */
export function queryRegexes(query: string): { groups: RegExp[]; exclude: RegExp | null } {
  const parsed = parseQuery(query);
  const term = (t: { tokens: string[]; prefix: boolean }) =>
    `(?<![\\p{L}\\p{N}])${t.tokens.join('[^\\p{L}\\p{N}]+')}${t.prefix ? '' : '(?![\\p{L}\\p{N}])'}`;
  return {
    groups: parsed.groups.map((g) => new RegExp(g.map(term).join('|'), 'u')),
    exclude: parsed.exclude.length ? new RegExp(parsed.exclude.map(term).join('|'), 'u') : null,
  };
}

/** docs/benchmarks.md and docs/benchmarks.svg, written from the scale bench's results (docs/benchmarks.json). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BackendRun {
  name: 'SQLite' | 'PostgreSQL';
  ingestSeconds: number;
  mbPerSecond: number;
  mbPerSecondPerCore: number;
  peakMB: number;
  dbMB: number;
  failed: number;
  search: { p50: number; p99: number; matchP99: number; slowest: string };
}

export interface EngineRun {
  name: string;
  indexSeconds: number;
  indexMB: number | null;
  p50: number;
  p99: number;
  recall: number;
}

export interface ScaleRun {
  factor: number;
  files: number;
  mb: number;
  at: string;
  backends: BackendRun[];
  engines: { passages: number; mb: number; results: EngineRun[] } | [];
  enginesFailed?: string;
}

export interface StageTime {
  stage: string;
  ms: number;
  share: number;
}

export interface Report {
  machine?: string;
  queries?: string[];
  runs: ScaleRun[];
  /** Where ingest time goes: the pipeline's stages and the write, on the reference corpus. */
  profile?: { mb: number; stages: StageTime[] };
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderReport(r: Report, dir: string): void {
  const md: string[] = [];
  md.push('# Benchmarks', '');
  md.push('Measured by `npm run bench -- scale --factors 1,100,1000` (bench/scale.ts); the numbers below are copied from `docs/benchmarks.json`, which that run writes. Synthetic corpora: 1×, 100× and 1000× the five reference texts, each copy with its names, dates and numbers varied. Ingest is the whole pipeline (every extraction stage) with one extraction worker per core and one writer.', '');
  if (r.machine) md.push(`Machine: ${r.machine}.`, '');
  md.push('![Ingest throughput and search latency by corpus size](benchmarks.svg)', '');
  md.push('## Ingest', '');
  md.push('| corpus | files | MB | backend | seconds | MB/s | MB/s per core (target ≥ 5) | peak memory MB (target < 1024) | database MB |');
  md.push('|---|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const run of r.runs) {
    for (const b of run.backends) {
      md.push(`| ${run.factor}× | ${run.files} | ${f1(run.mb)} | ${b.name} | ${f1(b.ingestSeconds)} | ${f2(b.mbPerSecond)} | ${f2(b.mbPerSecondPerCore)} | ${b.peakMB.toFixed(0)} | ${f1(b.dbMB)} |`);
    }
  }
  md.push('', '## Search', '');
  md.push(`The fixed query set (${r.queries?.length ?? 0} queries): ${(r.queries ?? []).map((q) => `\`${q}\``).join(', ')}. Kartoteka's latency is the top 10 with snippets and highlights (what \`kartoteka search\` and the API wait for), 20 rounds; "index only" is the matching passages without snippets. Targets at 1000×: p99 under 10 ms on SQLite, under 30 ms on PostgreSQL. Both backends hand over the first 500 matching passages in the order they were written (FTS5 stops reading its lists there, PostgreSQL stops fetching rows) and Kartoteka ranks them by BM25 in TypeScript, the same on both; a prefix (\`purg*\`) is expanded into the words it stands for first, so that FTS5 does not merge every such word's list. Ranking every match inside the engine (FTS5's bm25, ts_rank), as before, cost 190 ms for \`Stalin\` at 1000× (286,000 matching passages).`, '');
  md.push('| corpus | backend | p50 ms | p99 ms | index only p99 ms | slowest query (worst time) |');
  md.push('|---|---|---:|---:|---:|---|');
  for (const run of r.runs) for (const b of run.backends) md.push(`| ${run.factor}× | ${b.name} | ${f2(b.search.p50)} | ${f2(b.search.p99)} | ${f2(b.search.matchP99)} | ${esc(b.search.slowest)} |`);
  md.push('', '## Side by side', '');
  md.push('The same passages (every paragraph and note, folded as Kartoteka folds them) in minisearch and flexsearch, the same parsed queries (a phrase becomes its words ANDed: neither has phrases). Recall@10: of the passages a query should find (a regular-expression pass over every passage decides), the share each engine puts in its top 10. The regular-expression pass is the floor: what searching costs with no index at all. Latency here is the top 10 without snippets, 5 rounds.', '');
  md.push('| corpus | passages | engine | index build s | index heap MB | p50 ms | p99 ms | recall@10 |');
  md.push('|---|---:|---|---:|---:|---:|---:|---:|');
  for (const run of r.runs) {
    if (Array.isArray(run.engines)) {
      if (run.enginesFailed) md.push(`| ${run.factor}× | | ${esc(run.enginesFailed)} | | | | | |`);
      continue;
    }
    for (const e of run.engines.results) {
      md.push(`| ${run.factor}× | ${run.engines.passages} | ${e.name} | ${e.indexSeconds ? f1(e.indexSeconds) : '—'} | ${e.indexMB === null ? '—' : e.indexMB.toFixed(0)} | ${f2(e.p50)} | ${f2(e.p99)} | ${f2(e.recall)} |`);
    }
  }
  if (r.profile) {
    md.push('', '## Where ingest time goes', '');
    md.push(`Each stage of the pipeline timed on the reference corpus (${f2(r.profile.mb)} MB, one thread), and the write into SQLite:`, '');
    md.push('| stage | ms | share |', '|---|---:|---:|');
    for (const s of r.profile.stages) md.push(`| ${s.stage} | ${s.ms.toFixed(0)} | ${(s.share * 100).toFixed(1)} % |`);
  }
  md.push('');
  writeFileSync(join(dir, 'benchmarks.md'), md.join('\n'));
  writeFileSync(join(dir, 'benchmarks.svg'), svg(r));
}

/** Two panels: ingest MB/s per backend, and search p99 (log scale) per engine, by corpus size. */
function svg(r: Report): string {
  const W = 900;
  const H = 360;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
  const panel = (x0: number, title: string, series: string[], value: (run: ScaleRun, s: string) => number | null, log: boolean, unit: string) => {
    const w = 400;
    const top = 40;
    const bottom = H - 70;
    const vals = r.runs.flatMap((run) => series.map((s) => value(run, s))).filter((v): v is number => v !== null && v > 0);
    const max = Math.max(...vals, 1e-3);
    const min = log ? Math.min(...vals, max) / 2 : 0;
    const y = (v: number) => (log ? bottom - ((Math.log10(v) - Math.log10(min)) / (Math.log10(max * 1.5) - Math.log10(min))) * (bottom - top) : bottom - (v / (max * 1.15)) * (bottom - top));
    out.push(`<text x="${x0}" y="20" font-weight="bold">${esc(title)}</text>`);
    out.push(`<line x1="${x0}" y1="${bottom}" x2="${x0 + w}" y2="${bottom}" stroke="#333"/>`);
    const groupW = w / Math.max(1, r.runs.length);
    const barW = Math.min(28, (groupW - 20) / Math.max(1, series.length));
    r.runs.forEach((run, gi) => {
      const gx = x0 + gi * groupW + 10;
      series.forEach((s, si) => {
        const v = value(run, s);
        if (v === null || v <= 0) return;
        const yy = y(v);
        out.push(`<rect x="${gx + si * barW}" y="${yy.toFixed(1)}" width="${barW - 2}" height="${(bottom - yy).toFixed(1)}" fill="${colors[si % colors.length]}"><title>${esc(`${s}, ${run.factor}×: ${v.toFixed(2)} ${unit}`)}</title></rect>`);
        out.push(`<text x="${gx + si * barW + barW / 2 - 1}" y="${(yy - 3).toFixed(1)}" text-anchor="middle" font-size="9">${v < 10 ? v.toFixed(2) : v.toFixed(0)}</text>`);
      });
      out.push(`<text x="${gx + (series.length * barW) / 2}" y="${bottom + 15}" text-anchor="middle">${run.factor}× (${run.mb.toFixed(0)} MB)</text>`);
    });
    series.forEach((s, si) => {
      out.push(`<rect x="${x0 + (si % 3) * 135}" y="${H - 40 + Math.floor(si / 3) * 16}" width="10" height="10" fill="${colors[si % colors.length]}"/><text x="${x0 + (si % 3) * 135 + 14}" y="${H - 31 + Math.floor(si / 3) * 16}" font-size="11">${esc(s)}</text>`);
    });
  };
  panel(20, 'Ingest, MB/s (whole pipeline, all cores)', ['SQLite', 'PostgreSQL'], (run, s) => run.backends.find((b) => b.name === s)?.mbPerSecond ?? null, false, 'MB/s');
  const engines = ['SQLite', 'PostgreSQL', 'minisearch 7.2', 'flexsearch 0.8', 'regular-expression pass (floor)'];
  panel(480, 'Search p99, ms (log scale; lower is better)', engines, (run, s) => {
    const b = run.backends.find((x) => x.name === s);
    if (b) return b.search.p99;
    if (Array.isArray(run.engines)) return null;
    return run.engines.results.find((e) => e.name === s)?.p99 ?? null;
  }, true, 'ms');
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * `npm run bench`: speed is measured here, never in a timed test.
 *
 * - extract: the pipeline alone on each reference text (median of 5 runs), MB/s;
 * - ingest: the whole corpus into a fresh SQLite file, in a child process so
 *   that its peak memory (max RSS) is its own, median of 3 runs;
 * - search: latency of a fixed query set on the ingested corpus (p50/p99);
 * - web: every page's time to interactive in Chromium, and API latency at 20
 *   concurrent clients (bench/web.ts).
 *
 * Runs on ../shared/corpus when present, else on examples/corpus.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { citeNoteTexts } from '../src/cite/stage.js';
import { tagReference } from '../src/cite/tagger.js';
import { extractFile } from '../src/extract.js';
import { openStore } from '../src/kb/store.js';
import { ingest } from '../src/ingest.js';
import { readSource } from '../src/text/source.js';
import { LineIndex } from '../src/core/positions.js';
import { runStages, STAGES, type Layers } from '../src/pipeline.js';
import { mentionStage } from '../src/names/stage.js';
import { NameIndex } from '../src/names/index.js';
import { authority } from '../src/names/authority.js';
import { median, pct } from './stats.js';
import { benchWeb } from './web.js';


const QUERIES = ['Tukhachevskii', 'Stalin', '"military purge"', 'Benes', 'Voroshilov report', 'NKVD arrests', 'conspir*', 'Ezhov', 'RGVA', 'mass operations'];

function child(corpus: string, db: string): { ms: number; maxRssMB: number } {
  // The child ingests and reports its own time and peak memory.
  const script = `
    import('${new URL('../src/ingest.js', import.meta.url).href}').then(async (m) => {
      const t0 = performance.now();
      const rows = await m.ingest([${JSON.stringify(corpus)}], ${JSON.stringify(db)}, {});
      const ms = performance.now() - t0;
      if (rows.some((r) => r.status === 'failed')) { console.error(JSON.stringify(rows)); process.exit(1); }
      console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
    });`;
  const outText = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(outText.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const shared = resolve(process.cwd(), '..', 'shared', 'corpus');
  const corpus = existsSync(shared) ? shared : resolve(process.cwd(), 'examples', 'corpus');
  const files = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();
  const totalBytes = files.reduce((n, f) => n + statSync(join(corpus, f)).size, 0);
  process.stdout.write(`corpus ${corpus}: ${files.length} files, ${(totalBytes / 1e6).toFixed(2)} MB\n\n`);

  process.stdout.write('| file | MB | extract ms (median of 5) | MB/s |\n|---|---:|---:|---:|\n');
  for (const f of files) {
    const p = join(corpus, f);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      extractFile(p);
      times.push(performance.now() - t0);
    }
    const mb = statSync(p).size / 1e6;
    process.stdout.write(`| ${f} | ${mb.toFixed(3)} | ${median(times).toFixed(1)} | ${(mb / (median(times) / 1000)).toFixed(2)} |\n`);
  }

  // The citation stage alone, and the field tagger, on every reference the corpus's notes hold.
  const extracted = files.map((f) => extractFile(join(corpus, f)));
  const notes = extracted.flatMap(({ extraction: x }) => x.notes.map((n) => ({ label: n.label, text: n.text })));
  const refs = extracted.flatMap(({ extraction: x }) => x.citations.map((c) => c.raw));
  if (notes.length) {
    const cite: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      citeNoteTexts('bench', notes);
      cite.push(performance.now() - t0);
    }
    tagReference(refs[0] ?? '');
    const t0 = performance.now();
    for (const r of refs) tagReference(r);
    const tagMs = performance.now() - t0;
    process.stdout.write(`
citation stage: ${notes.length} notes in ${median(cite).toFixed(0)} ms (median of 5), ${(refs.length / (median(cite) / 1000)).toFixed(0)} references/s; field tagger alone: ${(refs.length / (tagMs / 1000)).toFixed(0)} references/s
`);
  }

  // The mentions stage alone (the name index built once, then every passage of the corpus searched).
  {
    const t0 = performance.now();
    const index = new NameIndex(authority());
    const buildMs = performance.now() - t0;
    const upto = STAGES.slice(0, STAGES.findIndex((st) => st.name === 'mentions'));
    const docs = files.map((f) => {
      const text = readSource(join(corpus, f)).text;
      const meta = extracted[files.indexOf(f)]!.extraction.document;
      return { text, layers: runStages({ text, index: new LineIndex(text), meta }, upto) as Layers };
    });
    const runs: number[] = [];
    let found = 0;
    for (let i = 0; i < 5; i++) {
      const t1 = performance.now();
      found = 0;
      for (const d of docs) found += mentionStage(new LineIndex(d.text), d.layers.body, d.layers.notes, d.layers.noteTexts, d.layers.citations, index).mentions.length;
      runs.push(performance.now() - t1);
    }
    process.stdout.write(
      `mentions stage: name index of ${authority().entities.length} entities (${[...index.forms.values()].reduce((n, f) => n + f.size, 0)} spellings) built in ${buildMs.toFixed(0)} ms; ${found} mentions over ${(totalBytes / 1e6).toFixed(2)} MB in ${median(runs).toFixed(0)} ms (median of 5), ${(totalBytes / 1e6 / (median(runs) / 1000)).toFixed(2)} MB/s\n`,
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-bench-'));
  try {
    const runs = [0, 1, 2].map((i) => child(corpus, join(dir, `k${i}.db`)));
    const ms = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.maxRssMB));
    const dbBytes = statSync(join(dir, 'k0.db')).size;
    process.stdout.write(`\nwhole-corpus ingest (fresh SQLite, median of 3): ${ms.toFixed(0)} ms, ${(totalBytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s, peak memory ${rss.toFixed(0)} MB (max RSS of the ingesting process), database ${(dbBytes / 1e6).toFixed(1)} MB\n`);

    const db = join(dir, 'search.db');
    await ingest([corpus], db);
    const store = openStore(db);
    const lat: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const q of QUERIES) {
        const t0 = performance.now();
        store.search(q, { limit: 10 });
        lat.push(performance.now() - t0);
      }
    }
    const docs = store.documents();
    store.close();
    process.stdout.write(`search (${QUERIES.length} queries × 20, top 10): p50 ${pct(lat, 0.5).toFixed(2)} ms, p99 ${pct(lat, 0.99).toFixed(2)} ms\n`);
    // The web app and the API on the same knowledge base: the document with the most notes is the one read.
    const doc = [...docs].sort((a, b) => (b.counts.notes ?? 0) - (a.counts.notes ?? 0))[0]!.id;
    await benchWeb(db, doc, 'tukhachevskii-mikhail');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'scale') {
  const { benchScale } = await import('./scale.js');
  await benchScale();
} else await main();

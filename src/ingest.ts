/**
 * Ingest: files and folders into the knowledge base, one document per
 * transaction. A file that fails is reported and does not stop the others;
 * nothing of it is written.
 */
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, basename, extname } from 'node:path';
import cliProgress from 'cli-progress';
import { KartotekaError } from './core/errors.js';
import { extractFile } from './extract.js';
import { openStore } from './kb/store.js';
import { loadManifest, MANIFEST_NAME } from './text/manifest.js';

/** File endings read from a folder (a file named on the command line is read whatever its ending). */
const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.text']);

/** One file to ingest, with the manifest item that describes it (if any). */
interface Job {
  path: string;
  csl: Record<string, unknown> | null;
  error?: KartotekaError;
}

/** Expands the paths given to `ingest`: files as they are, folders to their text files (with corpus.json). */
export function collectJobs(paths: string[]): Job[] {
  const jobs: Job[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      jobs.push({ path: p, csl: null, error: new KartotekaError('E_NOT_FOUND', p) });
      continue;
    }
    if (!statSync(p).isDirectory()) {
      jobs.push({ path: p, csl: null });
      continue;
    }
    let manifest: Map<string, Record<string, unknown>> | null = null;
    try {
      manifest = loadManifest(p);
    } catch (e) {
      if (!(e instanceof KartotekaError)) throw e;
      // One failure for the manifest; the folder's texts wait until it is fixed.
      jobs.push({ path: join(p, MANIFEST_NAME), csl: null, error: e });
      continue;
    }
    const names = readdirSync(p)
      .filter((n) => !n.startsWith('.') && n !== MANIFEST_NAME && TEXT_EXTENSIONS.has(extname(n).toLowerCase()))
      .sort();
    for (const n of names) {
      const file = join(p, n);
      jobs.push({ path: file, csl: manifest?.get(resolve(file)) ?? null });
    }
  }
  return jobs;
}

export interface IngestRow {
  id: string | null;
  path: string;
  status: 'added' | 'unchanged' | 'replaced' | 'failed';
  error?: string;
}

/** Ingests files one by one; a failure is reported and does not stop the others. */
export function ingest(paths: string[], db: string, opts: { maxBytes?: number; progress?: boolean } = {}): IngestRow[] {
  const jobs = collectJobs(paths);
  const rows: IngestRow[] = [];
  const bar = opts.progress
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'ingest {bar} {value}/{total} {file}', hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(jobs.length, 0, { file: '' });
  const store = openStore(db);
  try {
    for (const job of jobs) {
      bar?.update({ file: basename(job.path) });
      try {
        if (job.error) throw job.error;
        const { source, extraction } = extractFile(job.path, { maxBytes: opts.maxBytes, csl: job.csl });
        const status = store.putExtraction(extraction, source.text);
        rows.push({ id: extraction.document.id, path: job.path, status });
      } catch (e) {
        if (!(e instanceof KartotekaError)) {
          const err = e instanceof Error ? e : new Error(String(e));
          rows.push({ id: null, path: job.path, status: 'failed', error: `${job.path}: internal error: ${err.message}` });
        } else rows.push({ id: null, path: job.path, status: 'failed', error: e.oneLine() });
      }
      bar?.increment();
    }
  } finally {
    store.close();
    bar?.stop();
  }
  return rows;
}


/**
 * Ingest: files and folders into the knowledge base, one document per
 * transaction, extracted in parallel (ingest-worker.ts) and written by one
 * writer. A file that fails is reported and does not stop the others;
 * nothing of it is written.
 */
import { readdirSync, statSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve, basename, extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { KartotekaError } from './core/errors.js';
import { workerExecArgv } from './core/threads.js';
import { extractFile } from './extract.js';
import { documentWrite, type DocumentWrite } from './kb/base.js';
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

export interface IngestOptions {
  maxBytes?: number;
  progress?: boolean;
  /** Extraction threads (default: one per core, at most one per file); 1 extracts in this thread. */
  workers?: number;
}

/** One file for an extraction worker. */
export interface IngestJob {
  path: string;
  csl: Record<string, unknown> | null;
  maxBytes?: number;
}

/** A prepared document, or the one line saying why the file failed. */
export type Prepared = { ok: true; doc: DocumentWrite } | { ok: false; error: string };

/** The one line that reports a file's failure. */
function failureLine(path: string, e: unknown): string {
  if (e instanceof KartotekaError) return e.oneLine();
  return `${path}: internal error: ${e instanceof Error ? e.message : String(e)}`;
}

/** Reads and extracts one file and prepares its rows; never throws. */
export function prepare(job: IngestJob): Prepared {
  try {
    const { source, extraction } = extractFile(job.path, { maxBytes: job.maxBytes, csl: job.csl });
    return { ok: true, doc: documentWrite(extraction, source.text) };
  } catch (e) {
    return { ok: false, error: failureLine(job.path, e) };
  }
}

/** Documents prepared but not yet written, per worker: what bounds memory however large the corpus. */
const AHEAD_PER_WORKER = 2;

/**
 * Ingests files: extraction in worker threads, one per core, and a single
 * writer here, in the order of the files. At most a few documents per worker
 * are held between extraction and writing, so memory stays bounded. A
 * failure is reported and does not stop the others; nothing of it is written.
 */
export async function ingest(paths: string[], db: string, opts: IngestOptions = {}): Promise<IngestRow[]> {
  const jobs = collectJobs(paths);
  const threads = Math.max(1, Math.min(opts.workers ?? availableParallelism(), jobs.filter((j) => !j.error).length));
  const bar = opts.progress
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'ingest {bar} {value}/{total} {file}', hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(jobs.length, 0, { file: '' });
  const store = openStore(db);
  const rows: IngestRow[] = [];
  const write = (job: Job, p: Prepared): void => {
    bar?.update({ file: basename(job.path) });
    if (!p.ok) rows.push({ id: null, path: job.path, status: 'failed', error: p.error });
    else {
      try {
        rows.push({ id: p.doc.id, path: job.path, status: store.putDocument(p.doc) });
      } catch (e) {
        rows.push({ id: null, path: job.path, status: 'failed', error: failureLine(job.path, e) });
      }
    }
    bar?.increment();
  };
  try {
    if (threads <= 1) for (const job of jobs) write(job, job.error ? { ok: false, error: job.error.oneLine() } : prepare({ path: job.path, csl: job.csl, maxBytes: opts.maxBytes }));
    else await inWorkers(jobs, threads, opts.maxBytes, write);
  } finally {
    store.close();
    bar?.stop();
  }
  return rows;
}

/** Runs the jobs on `threads` workers and hands each result to `write` in job order. */
async function inWorkers(jobs: Job[], threads: number, maxBytes: number | undefined, write: (job: Job, p: Prepared) => void): Promise<void> {
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./ingest-worker.js', import.meta.url), { execArgv: workerExecArgv() }));
  const done = new Map<number, Prepared>();
  let next = 0; // the next job to hand out
  let written = 0; // jobs written so far, in order
  try {
    await new Promise<void>((resolvePromise, reject) => {
      const idle: Worker[] = [];
      const dispatch = (): void => {
        for (let moved = true; moved; ) {
          moved = false;
          while (done.has(written)) {
            const p = done.get(written)!;
            done.delete(written);
            write(jobs[written]!, p);
            written++;
            moved = true;
          }
          while (idle.length > 0 && next < jobs.length && next - written < threads * AHEAD_PER_WORKER) {
            const seq = next++;
            const job = jobs[seq]!;
            if (job.error) done.set(seq, { ok: false, error: job.error.oneLine() });
            else idle.pop()!.postMessage({ seq, path: job.path, csl: job.csl, maxBytes });
            moved = true;
          }
        }
        if (written === jobs.length) resolvePromise();
      };
      for (const w of workers) {
        w.on('message', (m: Prepared & { seq: number }) => {
          const { seq, ...p } = m;
          done.set(seq, p as Prepared);
          idle.push(w);
          try {
            dispatch();
          } catch (e) {
            reject(e);
          }
        });
        w.on('error', reject);
        idle.push(w);
      }
      dispatch();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

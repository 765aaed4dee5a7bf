/**
 * An extraction worker of parallel ingest: reads a file, runs the whole
 * pipeline, prepares the document's rows (kb/base.ts `documentWrite`) and
 * posts them to the single writer. Nothing here touches the database.
 */
import { parentPort } from 'node:worker_threads';
import { prepare, type IngestJob } from './ingest.js';

parentPort!.on('message', (job: IngestJob & { seq: number }) => {
  parentPort!.postMessage({ seq: job.seq, ...prepare(job) });
});

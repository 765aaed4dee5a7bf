/**
 * The PostgreSQL connection of a `PgStore`, in a worker thread: the `Store`
 * interface is synchronous (as better-sqlite3 is), the `postgres` client is
 * not. The main thread posts a batch of statements and sleeps on a shared
 * flag (pg-bridge.ts); this worker runs them, in one transaction if asked,
 * posts the rows back, and wakes it.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { Batch, BatchReply } from './pg-bridge.js';

interface Setup {
  url: string;
  searchPath: string | null;
  flag: SharedArrayBuffer;
  port: MessagePort;
}

const { url, searchPath, flag, port } = workerData as Setup;
const signal = new Int32Array(flag);

function reply(r: BatchReply): void {
  port.postMessage(r);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function failure(e: unknown): BatchReply {
  const err = e as { message?: string; code?: string };
  return { ok: false, message: err.message ?? String(e), code: typeof err.code === 'string' ? err.code : null };
}

type Sql = import('postgres').Sql;
let sql: Sql | null = null;
let broken: BatchReply | null = null;
try {
  const postgres = (await import('postgres')).default;
  sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connect_timeout: 10,
    ...(searchPath ? { connection: { search_path: searchPath } } : {}),
  });
} catch (e) {
  broken = failure(e);
}

port.on('message', (batch: Batch) => {
  void run(batch).then(reply, (e: unknown) => reply(failure(e)));
});

async function run(batch: Batch): Promise<BatchReply> {
  if (broken) return broken;
  const db = sql!;
  if (batch.end) {
    await db.end({ timeout: 5 });
    return { ok: true, results: [] };
  }
  const go = async (s: Sql | import('postgres').TransactionSql): Promise<unknown[][]> => {
    const results: unknown[][] = [];
    for (const st of batch.statements) {
      const rows = await s.unsafe(st.sql, st.params as never[]);
      results.push(Array.from(rows, (r) => ({ ...r })));
    }
    return results;
  };
  const results = batch.tx ? ((await db.begin(go)) as unknown as unknown[][]) : await go(db);
  return { ok: true, results };
}

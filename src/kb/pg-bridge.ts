/**
 * A synchronous PostgreSQL connection: statements run in a worker thread
 * (pg-worker.ts) while the caller waits on a shared flag with Atomics.wait.
 * This keeps `Store` one synchronous interface for both backends; the cost
 * is one thread hop per batch (tens of microseconds), so callers send a
 * document's whole write as one batch.
 */
import { workerExecArgv } from '../core/threads.js';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface Batch {
  statements: Statement[];
  /** Run the statements in one transaction. */
  tx: boolean;
  /** Close the connection. */
  end?: boolean;
}

export type BatchReply =
  | { ok: true; results: unknown[][] }
  | { ok: false; message: string; code: string | null };

/** A database error as PostgreSQL reported it (`code` is its SQLSTATE). */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

/** Longest wait for one batch: a document's write at scale takes seconds, never minutes. */
const TIMEOUT_MS = 10 * 60 * 1000;

export class SyncPg {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;

  constructor(url: string, searchPath: string | null) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./pg-worker.js', import.meta.url), {
      workerData: { url, searchPath, flag: this.signal.buffer, port: port2 },
      transferList: [port2],
      execArgv: workerExecArgv(),
    });
    // The connection must not keep a finished command alive.
    this.worker.unref();
    this.port.unref();
  }

  /** Runs statements (in one transaction if `tx`) and returns each one's rows; throws PgError. */
  run<T = Record<string, unknown>>(statements: Statement[], tx = false): T[][] {
    return this.call({ statements, tx }) as T[][];
  }

  /** Rows of one statement. */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): T[] {
    return this.run<T>([{ sql, params }])[0]!;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.call({ statements: [], tx: false, end: true });
    } catch {
      // Closing a connection that never opened: nothing to end.
    }
    void this.worker.terminate();
  }

  private call(batch: Batch): unknown[][] {
    if (this.closed && !batch.end) throw new PgError('the database connection is closed', null);
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(batch);
    if (Atomics.wait(this.signal, 0, 0, TIMEOUT_MS) === 'timed-out') {
      throw new PgError(`no answer from PostgreSQL in ${TIMEOUT_MS / 1000} s`, null);
    }
    const msg = receiveMessageOnPort(this.port);
    if (!msg) throw new PgError('the PostgreSQL worker answered nothing', null);
    const r = msg.message as BatchReply;
    if (!r.ok) throw new PgError(r.message, r.code);
    return r.results;
  }
}

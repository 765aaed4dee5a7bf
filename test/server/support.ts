/** A server over a knowledge base built for one test file: ingested from a folder, listening on a free loopback port. */
import type { TestContext } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ingest } from '../../src/ingest.js';
import { openStore, type Store } from '../../src/kb/store.js';
import { buildServer } from '../../src/server/app.js';
import { tempDir } from '../support.js';

export interface Served {
  app: FastifyInstance;
  store: Store;
  base: string;
  db: string;
}

/** Ingests `paths` into a fresh database and serves it; everything is closed when the test (or suite) ends. */
export async function serveCorpus(t: TestContext | { after: (fn: () => unknown) => void }, paths: string[]): Promise<Served> {
  const dir = tempDir(t as TestContext, 'kartoteka-serve-');
  const db = join(dir, 'kb.db');
  const rows = await ingest(paths, db, {});
  const failed = rows.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error(`ingest failed: ${JSON.stringify(failed)}`);
  const store = openStore(db);
  const app = await buildServer({ store });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(async () => {
    await app.close();
    store.close();
  });
  return { app, store, base, db };
}

export async function getJson<T = any>(s: Served, url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const r = await s.app.inject({ method: 'GET', url, headers });
  return { status: r.statusCode, body: r.body ? (JSON.parse(r.body) as T) : (null as T), headers: r.headers };
}

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/**
 * `kartoteka serve --db DB --port 0` in its own process; resolves once it
 * says where it listens, with that address and the first line it printed.
 */
export function startServe(db: string, cwd?: string): Promise<{ child: ChildProcess; base: string; said: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      err += d;
      const m = /http:\/\/[^\s/]+/.exec(err);
      if (m && err.includes('\n')) resolve({ child, base: m[0], said: err });
    });
    child.on('exit', (code) => reject(new Error(`kartoteka serve exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`kartoteka serve said no address: ${err}`)), 20_000).unref();
  });
}

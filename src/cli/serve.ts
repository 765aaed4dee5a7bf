/** `kartoteka serve`: the HTTP API and the web app over a knowledge base. */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { KartotekaError } from '../core/errors.js';
import { openExistingStore } from '../kb/citations.js';
import { buildServer } from '../server/app.js';
import { DEFAULT_DB, fail } from './common.js';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number, 0 to 65535');
  return n;
}

/** Serves the knowledge base at `db` until the process is stopped; resolves with the address once listening. */
export async function serve(db: string, o: { port: number; host: string; log?: boolean }): Promise<string> {
  const store = openExistingStore(db);
  const app = await buildServer({ store, log: o.log });
  let address: string;
  try {
    address = await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    store.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new KartotekaError('E_USAGE', undefined, `port ${o.port} on ${o.host} is taken by another program: choose another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new KartotekaError('E_USAGE', undefined, `cannot listen on ${o.host}:${o.port} (${code}): choose another --host or --port`);
    throw e;
  }
  const close = () => {
    void app.close().finally(() => {
      store.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  return address;
}

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the read-only JSON API (/api, described at /api/openapi.json) over a knowledge base')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--port <n>', 'the port to listen on (0: any free one)', port, 8080)
    .option('--host <address>', 'the address to bind (127.0.0.1 keeps it on this machine)', '127.0.0.1')
    .option('--log', 'log every request to stderr')
    .action(async (o: { db: string; port: number; host: string; log?: boolean }) => {
      try {
        const address = await serve(o.db, o);
        process.stderr.write(`Kartoteka serves ${o.db} at ${address}/ (API at ${address}/api/openapi.json); Ctrl-C stops it\n`);
      } catch (e) {
        fail(e);
      }
    });
}

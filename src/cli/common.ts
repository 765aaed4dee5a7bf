/** What every command shares: the default database, JSON output, one-line failures, opening the store. */
import { InvalidArgumentError } from 'commander';
import { KartotekaError } from '../core/errors.js';
import { openStore, type Store } from '../kb/store.js';
import { openExistingStore } from '../kb/citations.js';
import { visible } from './escape.js';

export const DEFAULT_DB = process.env.KARTOTEKA_DB ?? './kartoteka.db';

export function out(json: unknown): void {
  process.stdout.write(JSON.stringify(json, null, 2) + '\n');
}

export function fail(err: unknown): never {
  if (err instanceof KartotekaError) {
    process.stderr.write(`kartoteka: ${visible(err.oneLine())}\n`);
    process.exit(err.code === 'E_USAGE' ? 2 : 1);
  }
  throw err;
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** Runs `fn` on the store at `db`, closing it after. Read-only commands open with `openExistingStore` so a missing database is an error, not a new file. */
export function withStore<T>(db: string, fn: (s: Store) => T, open: (db: string) => Store = openStore): T {
  const store = open(db);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

export function withExistingStore<T>(db: string, fn: (s: Store) => T): T {
  return withStore(db, fn, openExistingStore);
}


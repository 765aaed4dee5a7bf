/** Curated reference data under data/, read once and shared. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this module sits at dist/src/core/ once built. */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data');

const cache = new Map<string, unknown>();

export function loadData<T>(name: string): T {
  let v = cache.get(name);
  if (v === undefined) {
    v = JSON.parse(readFileSync(resolve(DATA_DIR, name), 'utf8'));
    cache.set(name, v);
  }
  return v as T;
}

/**
 * The store suite runs against both backends: `storeTest(name, fn)` makes one
 * test per backend. `fn` gets `open()`, a fresh empty knowledge base, and
 * `location()`, a fresh place that can be opened again (an SQLite file; a
 * PostgreSQL schema of its own).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { openStore, type Store } from '../../src/kb/store.js';
import { postgresUrl, tempDir } from '../support.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh empty store, closed when the test ends. */
  open(): Store;
  /** A fresh location to open (and reopen) with `openStore`. */
  location(): string;
  /** Makes the database at `location` refuse any passage of a note labelled `label` (a fault half-way through a write). */
  refuseNote(location: string, label: string): Promise<void>;
}

/** A postgres:// address with a fresh schema on the test server. */
export function freshSchema(url: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', `t_${randomBytes(6).toString('hex')}`);
  return u.toString();
}

function backend(t: TestContext, name: Backend['name'], location: () => string): Backend {
  return {
    name,
    location,
    async refuseNote(location, label) {
      if (name === 'sqlite') {
        const db = new Database(location);
        db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON passage WHEN NEW.note_label = '${label}' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
        db.close();
        return;
      }
      const u = new URL(location);
      const schema = u.searchParams.get('schema')!;
      u.searchParams.delete('schema');
      const sql = postgres(u.toString(), { max: 1, onnotice: () => {}, connection: { search_path: schema } });
      await sql.unsafe(`
        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.note_label = '${label}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse BEFORE INSERT ON passage FOR EACH ROW EXECUTE FUNCTION refuse();`);
      await sql.end();
    },
    open() {
      const store = openStore(name === 'sqlite' ? ':memory:' : location());
      t.after(() => store.close());
      return store;
    },
  };
}

export function storeTest(name: string, fn: (b: Backend) => void | Promise<void>): void {
  test(`${name} [SQLite]`, (t) => fn(backend(t, 'sqlite', () => join(tempDir(t, 'kartoteka-kb-'), 'kb.db'))));
  test(`${name} [PostgreSQL] (needs PostgreSQL)`, (t) => {
    const url = postgresUrl(t);
    if (!url) return;
    return fn(backend(t, 'postgres', () => freshSchema(url)));
  });
}

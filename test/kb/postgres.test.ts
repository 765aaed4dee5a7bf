/**
 * What only the PostgreSQL backend has to show: the same answers as SQLite
 * on a real corpus through the command line, and one-line errors for a
 * server that is not there, another program's schema, and a newer schema.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import postgres from 'postgres';
import { openStore } from '../../src/kb/store.js';
import { passageVector, toTsQuery } from '../../src/kb/postgres.js';
import { parseQuery } from '../../src/kb/query.js';
import { EXAMPLES, json, kartoteka } from '../cli/helpers.js';
import { postgresUrl, tempDir, throwsK } from '../support.js';
import { freshSchema } from './backends.js';

function withoutTimes(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x), (k, v: unknown) => (k === 'ingestedAt' ? undefined : v));
}

test('the sample corpus gives the same answers on PostgreSQL as on SQLite, command by command (needs PostgreSQL)', (t) => {
  const url = postgresUrl(t);
  if (!url) return;
  const dir = tempDir(t);
  const pg = freshSchema(url);
  const lite = join(dir, 'kb.db');
  for (const db of [pg, lite]) {
    const r = kartoteka(dir, ['ingest', EXAMPLES, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
  }
  const commands = [['stats'], ['timeline'], ['conflicts'], ['debate'], ['quotes'], ['names'], ['sources'], ['person', 'Tukhachevsky']];
  for (const c of commands) {
    assert.deepEqual(withoutTimes(json(dir, [...c, '--db', pg])), withoutTimes(json(dir, [...c, '--db', lite])), c.join(' '));
  }
  const bib = (db: string) => kartoteka(dir, ['export', 'bibtex', '--db', db]).stdout;
  assert.equal(bib(pg), bib(lite));
  // Search finds the same passages in the same order, with the same scores: one ranking, in TypeScript.
  for (const q of ['Tukhachevsky', 'stalin*', '"military conspiracy"', 'arrest* -Yakir', "Stalin's", 'Gamarnik OR Uborevich']) {
    const found = (db: string) =>
      (json(dir, ['search', q, '--limit', '500', '--db', db]) as { hits: { document: string; start: number; score: number }[] }).hits.map((h) => `${h.document}@${h.start} ${h.score}`);
    assert.deepEqual(found(pg), found(lite), q);
  }
});

test('a PostgreSQL server that is not there is a one-line E_DB naming the address, without its password (needs PostgreSQL)', (t) => {
  if (!postgresUrl(t)) return;
  const e = throwsK(() => openStore('postgres://kt:secret@127.0.0.1:1/none'), 'E_DB', /cannot connect to PostgreSQL/u);
  assert.equal(e.file, 'postgres://kt:***@127.0.0.1:1/none');
  assert.doesNotMatch(e.oneLine(), /secret/u);
  throwsK(() => openStore(`${postgresUrl(t)!}?schema=Bad-Name`), 'E_DB', /schema "Bad-Name" must be/u);
});

test("another program's tables and a newer Kartoteka's schema are refused and left untouched (needs PostgreSQL)", async (t) => {
  const url = postgresUrl(t);
  if (!url) return;
  const other = freshSchema(url);
  const schemaOf = (u: string) => new URL(u).searchParams.get('schema')!;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  t.after(() => sql.end());
  await sql.unsafe(`CREATE SCHEMA ${schemaOf(other)}; CREATE TABLE ${schemaOf(other)}.invoices (id int)`);
  throwsK(() => openStore(other), 'E_DB', /not a Kartoteka knowledge base/u);
  const tables = await sql.unsafe(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schemaOf(other)}'`);
  assert.deepEqual(tables.map((r) => r.table_name), ['invoices']);

  const newer = freshSchema(url);
  openStore(newer).close();
  await sql.unsafe(`UPDATE ${schemaOf(newer)}.kartoteka SET value = '99' WHERE key = 'version'`);
  throwsK(() => openStore(newer), 'E_DB', /schema version 99, newer than this Kartoteka knows/u);
});

test('the tsvector keeps the two folded forms apart, so a phrase never runs from one into the other', () => {
  // "stalins purge" (apostrophe removed) then "stalin s purge" (apostrophe as a space).
  assert.equal(passageVector('stalins purge', 'stalin s purge'), "'stalins':1 'purge':2,6 'stalin':4 's':5");
  assert.equal(toTsQuery(parseQuery('"purge stalin" benes* OR x -masaryk')), "(('purge' <-> 'stalin') & ('benes':* | 'x')) & !('masaryk')");
});

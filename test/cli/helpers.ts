/**
 * Helpers for the end-to-end tests of the command line: they spawn
 * `node bin/kartoteka.js` in a temporary folder (so nothing is written into
 * the repository) and check the machine interface of ../shared/CONTRACT.md:
 * exactly one JSON document on stdout with --json, and a failure as one line
 * on stderr naming the file with its [E_CODE].
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (dist/test/cli/ is three levels below it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = join(ROOT, 'bin', 'kartoteka.js');
export const EXAMPLES = join(ROOT, 'examples', 'corpus');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `args` in `cwd` (a temporary folder). */
export function kartoteka(cwd: string, args: string[], extra: SpawnSyncOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, KARTOTEKA_DB: join(cwd, 'never-used-default.db'), NO_COLOR: '1' },
    ...extra,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * Parses stdout as exactly one JSON document (JSON.parse refuses anything
 * after it, so a second document or a stray log line fails here).
 */
export function oneJson<T = any>(r: Run): T {
  assert.ok(r.stdout.trim() !== '', `stdout is empty; stderr: ${r.stderr}`);
  try {
    return JSON.parse(r.stdout) as T;
  } catch (e) {
    assert.fail(`stdout is not exactly one JSON document (${(e as Error).message}):\n${r.stdout.slice(0, 2000)}`);
  }
}

/** Runs with --json expecting exit 0 and one JSON document. */
export function json<T = any>(cwd: string, args: string[]): T {
  const r = kartoteka(cwd, [...args, '--json']);
  assert.equal(r.status, 0, `exit ${r.status}; stderr: ${r.stderr}`);
  return oneJson<T>(r);
}

/** The `kartoteka: ...` error lines of stderr (progress and summaries are other lines). */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('kartoteka: '));
}

/**
 * Asserts that stderr holds exactly one error line, that it names `file`
 * and ends with `[code]`; returns the line.
 */
export function assertOneErrorLine(stderr: string, file: string, code: string): string {
  const lines = errorLines(stderr);
  assert.equal(lines.length, 1, `expected one error line on stderr, got:\n${stderr}`);
  const line = lines[0]!;
  assert.ok(line.includes(file), `the error line does not name ${file}: ${line}`);
  assert.ok(line.endsWith(`[${code}]`), `the error line does not end with [${code}]: ${line}`);
  assert.ok(!/[\r\n]/.test(line));
  return line;
}

/** A copy of examples/corpus inside `dir` (at dir/corpus), so that tests may change it. */
export function copyExamples(dir: string): string {
  const to = join(dir, 'corpus');
  cpSync(EXAMPLES, to, { recursive: true });
  return to;
}

/** The ids of the documents in the knowledge base, from `stats --json`. */
export function documentIds(cwd: string, db: string): string[] {
  const s = json<{ documents: unknown }>(cwd, ['stats', '--db', db]);
  assert.ok(Array.isArray(s.documents), `stats --json "documents" is not the list of documents: ${JSON.stringify(s.documents)}`);
  return (s.documents as { id: string }[]).map((d) => d.id).sort();
}

/** 1-based line of `pos`, counting \n, \r\n and a lone \r as a line end (core/positions.ts). */
export function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        if (i + 1 >= pos) break;
        i++;
      }
      line++;
    }
  }
  return line;
}

/** The original text of a file as Kartoteka defines it, for UTF-8 files: decoded, BOM dropped. */
export function originalUtf8(path: string): string {
  return new TextDecoder('utf-8').decode(readFileSync(path));
}

/** Folds case, diacritics and apostrophes away, for comparing matched text with a query word. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼ‘`]/g, '')
    .toLowerCase();
}

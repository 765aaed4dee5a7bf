/**
 * Shared test helpers. Tests that read ../shared (the reference corpus and
 * datasets beside the clone) say "(needs ../shared)" in their name: they skip
 * with a visible message when it is missing, and fail loudly in CI, where it
 * must be present.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { KartotekaError, type ErrorCode } from '../src/core/errors.js';

/** The repository root (tests run from it: `npm test`). */
export const ROOT = process.cwd();

/** ../shared, or null after skipping the test (failing it in CI). */
export function sharedDir(t: TestContext): string | null {
  const dir = resolve(ROOT, '..', 'shared');
  if (existsSync(join(dir, 'corpus'))) return dir;
  if (process.env.CI) assert.fail(`../shared is missing (looked for ${dir}); CI must provide it`);
  t.skip(`../shared is missing (looked for ${dir}): skipped`);
  return null;
}

/** A fresh temporary folder, removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'kartoteka-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Asserts that `fn` throws a KartotekaError with `code` whose message matches `message` (and naming `path`, when given). */
export function throwsK(fn: () => unknown, code: ErrorCode, message: RegExp, path?: string): KartotekaError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof KartotekaError, `expected a KartotekaError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (path !== undefined) assert.equal(caught.file, path);
  assert.match(caught.message, message);
  return caught;
}

/**
 * The PostgreSQL server for tests that need one (they say "(needs
 * PostgreSQL)" in their name): KARTOTEKA_TEST_PG, a postgres:// address
 * that `.ci/postgres start` prints. Null after skipping the test when it is
 * not set (failing it in CI, where `.ci/run` starts the server).
 */
export function postgresUrl(t: TestContext): string | null {
  const url = process.env.KARTOTEKA_TEST_PG;
  if (url) return url;
  if (process.env.CI) assert.fail('KARTOTEKA_TEST_PG is not set; CI must start PostgreSQL (.ci/postgres start DIR)');
  t.skip('no PostgreSQL (set KARTOTEKA_TEST_PG: eval "$(.ci/postgres start /tmp/pg)"): skipped');
  return null;
}

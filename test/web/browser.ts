/** Debian's Chromium driven by playwright-core, for the browser tests and the benchmark. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The flags the project's machines need: no sandbox as root, no GPU, and no
 * background connections (the network is closed). WebGL (sigma) then runs on
 * SwiftShader, which Chromium only allows when asked.
 */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-component-update', '--disable-sync'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** True when Chromium is here; otherwise skips the test with a visible message (and fails it in CI, which installs it). */
export function haveChromium(t: TestContext): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) assert.fail(`${CHROMIUM} is missing; CI must install Debian's chromium (apt-get install -y chromium)`);
  t.skip(`${CHROMIUM} is missing (apt-get install -y chromium): skipped`);
  return false;
}

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Opens a page of the app and waits until it says its data is on screen; returns the browser's own time to that point (ms). */
export async function open(page: Page, base: string, hash: string, name: string): Promise<number> {
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector(`body[data-ready="${name}"]`, { timeout: 15_000 });
  return page.evaluate((n) => {
    const marks = performance.getEntriesByName(`ready:${n}`);
    return Math.round(marks[marks.length - 1]?.startTime ?? -1);
  }, name);
}

/** Collects uncaught errors of the page, so that a test can say none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

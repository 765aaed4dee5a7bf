/**
 * `npm run screenshots`: the README's pictures of the web app. The timeline,
 * network and map show the reference corpus (../shared); the reader, the
 * person's page, search and conflicts show the shipped sample, so that no
 * passage of others' texts is kept in the repository.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ingest } from '../src/ingest.js';
import { openStore } from '../src/kb/store.js';
import { buildServer } from '../src/server/app.js';
import { launch } from '../test/web/browser.js';

const OUT = resolve('docs', 'screenshots');

async function shoot(corpus: string, shots: [string, string, string, ((p: import('playwright-core').Page) => Promise<void>)?][]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-shots-'));
  const db = join(dir, 'kb.db');
  await ingest([corpus], db);
  const store = openStore(db);
  const app = await buildServer({ store });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })).newPage();
    for (const [hash, ready, name, act] of shots) {
      await page.goto(`${base}/${hash}`);
      await page.waitForSelector(`body[data-ready="${ready}"]`);
      await page.waitForTimeout(400);
      if (act) await act(page);
      // The timeline's list quotes the sentences: only its chart is kept.
      if (name === 'timeline') {
        const legend = (await page.locator('.legend').boundingBox())!;
        await page.screenshot({ path: join(OUT, `${name}.png`), clip: { x: 0, y: 0, width: 1280, height: Math.ceil(legend.y + legend.height + 10) } });
      }
      else await page.screenshot({ path: join(OUT, `${name}.png`) });
      process.stdout.write(`docs/screenshots/${name}.png\n`);
    }
  } finally {
    await browser.close();
    await app.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(OUT, { recursive: true });
const shared = resolve('..', 'shared', 'corpus');
await shoot(shared, [
  ['#/timeline', 'timeline', 'timeline'],
  ['#/network?from=1937-05-01&to=1937-07-31', 'network', 'network'],
  ['#/map', 'map', 'map'],
]);
await shoot(resolve('examples', 'corpus'), [
  [
    '#/doc/kartoteka-sample-army-purge?line=95',
    'reader',
    'reader',
    async (p) => {
      await p.locator('button.marker').nth(3).click();
      await p.waitForSelector('.note-panel .citation');
    },
  ],
  ['#/conflicts', 'conflicts', 'conflicts'],
  ['#/entity/tukhachevskii-mikhail', 'entity', 'person'],
  ['#/search?q=Tukhachevskii', 'search', 'search'],
]);

/**
 * The web app and the API under load, on an ingested knowledge base:
 * - every page's time to interactive as the browser measures it (the page's
 *   `ready:` mark, set when its data is on screen; and the navigation's
 *   domInteractive), in Debian's Chromium: the first visit with the server
 *   cold, then the median of four fresh visits (new browser context each);
 * - API latency at 20 concurrent clients (autocannon on loopback, 3 s per
 *   route) against `kartoteka serve` in its own process: p50 and p99, and
 *   requests per second.
 */
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';
import { CHROMIUM, launch } from '../test/web/browser.js';
import { startServe } from '../test/server/support.js';
import { median } from './stats.js';


export async function benchWeb(db: string, doc: string, person: string): Promise<void> {
  // The server runs in its own process, as `kartoteka serve` does, so that the load generator does not share its event loop.
  const { child: server, base } = await startServe(db);
  try {
    const pages: [string, string][] = [
      ['#/', 'home'],
      ['#/search?q=Tukhachevskii', 'search'],
      [`#/doc/${doc}?line=400`, 'reader'],
      [`#/entity/${person}`, 'entity'],
      ['#/entities', 'entities'],
      ['#/timeline', 'timeline'],
      ['#/network', 'network'],
      ['#/map', 'map'],
      ['#/quotes', 'quotes'],
      ['#/debate', 'debate'],
      ['#/conflicts', 'conflicts'],
      ['#/bibliography', 'bibliography'],
    ];
    if (!existsSync(CHROMIUM)) process.stdout.write(`\npages: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)\n`);
    else {
      const browser = await launch();
      process.stdout.write('\n| page | interactive, first visit (server cold) ms | interactive, median of 4 fresh visits ms | domInteractive ms |\n|---|---:|---:|---:|\n');
      for (const [hash, name] of pages) {
        const ready: number[] = [];
        const dom: number[] = [];
        for (let i = 0; i < 5; i++) {
          const ctx = await browser.newContext({ viewport: { width: 1300, height: 900 } });
          const page = await ctx.newPage();
          await page.goto(`${base}/${hash}`);
          await page.waitForSelector(`body[data-ready="${name}"]`, { timeout: 30_000 });
          const t = await page.evaluate((n) => ({
            ready: performance.getEntriesByName(`ready:${n}`).pop()?.startTime ?? -1,
            dom: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domInteractive ?? -1,
          }), name);
          ready.push(t.ready);
          dom.push(t.dom);
          await ctx.close();
        }
        process.stdout.write(`| ${name} | ${ready[0]!.toFixed(0)} | ${median(ready.slice(1)).toFixed(0)} | ${median(dom).toFixed(0)} |\n`);
      }
      await browser.close();
    }
    const routes = [
      '/api/documents',
      '/api/search?q=Tukhachevskii',
      '/api/search?q=Stalin&kind=thesis&from=1937&to=1938',
      `/api/entities/${person}`,
      '/api/entities?type=person',
      '/api/events?from=1937&to=1938',
      '/api/timeline',
      '/api/events?limit=500',
      '/api/network',
      '/api/network?from=1937-05&to=1937-07',
      `/api/documents/${doc}/text?from=400&count=400`,
      '/api/conflicts',
      '/api/quotes?speaker=molotov-viacheslav',
      '/api/debate?topic=military-purge',
      '/api/claims?topic=mass-operations&limit=200',
      '/api/works',
      '/api/places',
    ];
    process.stdout.write('\n| API route (20 concurrent clients, 3 s) | p50 ms | p99 ms | requests/s | cold ms |\n|---|---:|---:|---:|---:|\n');
    for (const r of routes) {
      // The cold figure: the first request of this URL, before any answer is kept.
      const t0 = performance.now();
      const first = await fetch(`${base}${r}`);
      await first.arrayBuffer();
      const cold = performance.now() - t0;
      if (first.status !== 200) throw new Error(`${r}: ${first.status}`);
      const res = await autocannon({ url: `${base}${r}`, connections: 20, duration: 3 });
      if (res.non2xx) throw new Error(`${r}: ${res.non2xx} answers were not 2xx`);
      process.stdout.write(`| \`${r}\` | ${res.latency.p50} | ${res.latency.p99} | ${Math.round(res.requests.average)} | ${cold.toFixed(1)} |\n`);
    }
  } finally {
    server.kill('SIGTERM');
  }
}

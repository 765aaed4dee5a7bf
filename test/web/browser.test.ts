/**
 * The web app in Debian's Chromium, driven by playwright-core: every page
 * loads and shows its data; a search; from a person to a passage; a footnote
 * opening with its citations; brushing the timeline filters the network; a
 * conflict's two passages; hostile text shown as text. On the reference corpus
 * (needs ../shared) and on the shipped sample. Screenshots are kept in
 * test-artifacts/screenshots.
 */
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLES } from '../cli/helpers.js';
import { sharedDir, tempDir } from '../support.js';
import { serveCorpus, type Served } from '../server/support.js';
import { haveChromium, launch, open, screenshot, watchErrors } from './browser.js';

const closers: (() => unknown)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c();
});
const scope = { after: (fn: () => unknown) => closers.push(fn) };

let browser: Promise<Browser> | null = null;
function getBrowser(): Promise<Browser> {
  if (!browser) {
    browser = launch();
    closers.push(async () => (await browser!).close());
  }
  return browser;
}

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const ctx = await (await getBrowser()).newContext({ viewport: { width: 1300, height: 900 } });
  closers.push(() => ctx.close());
  const page = await ctx.newPage();
  return { page, errors: watchErrors(page) };
}

interface Corpus {
  name: string;
  /** A document with notes, and a line in it near a marker. */
  doc: string;
  person: string;
  serve: (t: TestContext) => Promise<Served | null>;
}

let sampleServed: Promise<Served> | null = null;
let referenceServed: Promise<Served> | null = null;
const CORPORA: Corpus[] = [
  {
    name: 'sample',
    doc: 'kartoteka-sample-army-purge',
    person: 'tukhachevskii-mikhail',
    serve: () => (sampleServed ??= serveCorpus(scope, [EXAMPLES])),
  },
  {
    name: 'reference (needs ../shared)',
    doc: 'whitewood2012',
    person: 'tukhachevskii-mikhail',
    serve: async (t) => {
      const shared = sharedDir(t);
      if (!shared) return null;
      return (referenceServed ??= serveCorpus(scope, [join(shared, 'corpus')]));
    },
  },
];

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();

for (const c of CORPORA) {
  const tag = slug(c.name.replace(/\(.*\)/, ''));

  test(`browser, ${c.name}: every page loads, shows its data and raises no error`, async (t) => {
    if (!haveChromium(t)) return;
    const s = await c.serve(t);
    if (!s) return;
    const { page, errors } = await newPage();
    const pages: [string, string, string][] = [
      ['#/', 'home', 'table.list tbody tr'],
      ['#/search?q=Tukhachevskii', 'search', '.hit mark'],
      [`#/doc/${c.doc}?line=40`, 'reader', '.line a.mention'],
      ['#/entities', 'entities', 'table.list tbody tr'],
      [`#/entity/${c.person}`, 'entity', '.mentions li'],
      ['#/timeline', 'timeline', 'svg.timeline-chart circle.ev'],
      ['#/network', 'network', '.sigma-box canvas'],
      ['#/map', 'map', 'svg.map path.country'],
      ['#/quotes', 'quotes', 'ol.quotes li'],
      ['#/debate?topic=mass-operations', 'debate', 'ul.holders li'],
      ['#/conflicts', 'conflicts', 'article.conflict'],
      ['#/bibliography', 'bibliography', 'section > table.list tbody tr'],
    ];
    for (const [hash, name, shows] of pages) {
      await open(page, s.base, hash, name);
      await page.waitForSelector(shows, { timeout: 10_000 });
      assert.equal(await page.locator('p.error').count(), 0, `${hash}: ${await page.locator('p.error').allTextContents()}`);
      await screenshot(page, `${tag}-${name}`);
    }
    assert.deepEqual(errors, []);
  });

  test(`browser, ${c.name}: a search from the header lists passages with the words highlighted`, async (t) => {
    if (!haveChromium(t)) return;
    const s = await c.serve(t);
    if (!s) return;
    const { page, errors } = await newPage();
    await open(page, s.base, '#/', 'home');
    await page.fill('header input[type=search]', 'Tukhachevskii');
    await page.press('header input[type=search]', 'Enter');
    await page.waitForSelector('body[data-ready="search"] .hit');
    assert.match(page.url(), /#\/search\?q=Tukhachevskii/);
    const marks = await page.locator('.hit mark').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => /tukhachevsk/i.test(m)), marks.join('|'));
    // A facet narrows the hits.
    const total = Number(/(\d+) passage/.exec(await page.locator('.hits > p.muted').first().textContent() ?? '')?.[1]);
    await page.locator('.facet').first().locator('button.facet-item').first().click();
    await page.waitForFunction((n) => /(\d+) passage/.test(document.querySelector('.hits > p.muted')?.textContent ?? '') && Number(/(\d+) passage/.exec(document.querySelector('.hits > p.muted')!.textContent!)![1]) !== n, total, { timeout: 10_000 }).catch(() => undefined);
    assert.match(page.url(), /document=/);
    await screenshot(page, `${tag}-search-faceted`);
    assert.deepEqual(errors, []);
  });

  test(`browser, ${c.name}: from a person's page, a click on a mention opens the passage with the name marked`, async (t) => {
    if (!haveChromium(t)) return;
    const s = await c.serve(t);
    if (!s) return;
    const { page, errors } = await newPage();
    await open(page, s.base, `#/entity/${c.person}`, 'entity');
    const link = page.locator('.mentions a.passage-link').first();
    const where = await link.textContent();
    await link.click();
    await page.waitForSelector('body[data-ready="reader"] .target');
    const line = Number(where!.split(':').pop());
    const target = page.locator(`#L${line} .target`).first();
    assert.ok(await target.isVisible(), 'the marked words are on screen');
    assert.match((await page.locator(`#L${line} .target`).allTextContents()).join(''), /tukhach|тухач/i);
    await screenshot(page, `${tag}-person-to-passage`);
    assert.deepEqual(errors, []);
  });

  test(`browser, ${c.name}: a footnote marker opens its note, whole, with its parsed citations`, async (t) => {
    if (!haveChromium(t)) return;
    const s = await c.serve(t);
    if (!s) return;
    const { page, errors } = await newPage();
    const note = s.store.layer(c.doc, 'notes').find((n) => n.markers.length && s.store.layer(c.doc, 'citations').some((x) => x.note === n.id))!;
    await open(page, s.base, `#/doc/${c.doc}?line=${note.markers[0]!.line}`, 'reader');
    await page.locator(`button.marker[data-note="${note.id}"]`).first().click();
    await page.waitForSelector('.note-panel .citation');
    assert.equal((await page.locator('.note-panel h2').textContent())?.trim(), `Note ${note.label}`);
    assert.equal(await page.locator('.note-panel .note-text').textContent(), note.text);
    assert.ok((await page.locator('.note-panel .citation').count()) >= 1);
    await screenshot(page, `${tag}-footnote`);
    assert.deepEqual(errors, []);
  });

  test(`browser, ${c.name}: brushing the timeline above the network narrows the network to those dates`, async (t) => {
    if (!haveChromium(t)) return;
    const s = await c.serve(t);
    if (!s) return;
    const { page, errors } = await newPage();
    await open(page, s.base, '#/network', 'network');
    const edges = async () => Number(await page.locator('[data-edges]').getAttribute('data-edges'));
    const before = await edges();
    // From the start of the strip (its plot begins after the lane label) to the tick of 1940.
    const chart = (await page.locator('svg.timeline-chart.compact').boundingBox())!;
    const to = await page.locator('svg.timeline-chart.compact text.tick-label', { hasText: /^1940$/ }).boundingBox();
    assert.ok(to, 'the strip shows 1940');
    const from = { x: chart.x + chart.width * 0.115 };
    const y = chart.y + chart.height / 3;
    await page.mouse.move(from.x, y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, y, { steps: 4 });
    await page.mouse.move(to.x, y, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => /from=1[89]\d\d-\d\d-\d\d/.test(location.hash) && /to=19(39|40)/.test(location.hash));
    await page.waitForFunction((n) => Number(document.querySelector('[data-edges]')?.getAttribute('data-edges')) !== n, before, { timeout: 10_000 });
    const afterBrush = await edges();
    assert.ok(afterBrush < before, `${afterBrush} links up to 1940, ${before} in all`);
    assert.ok(await page.locator('.sigma-box canvas').count());
    await screenshot(page, `${tag}-network-brushed`);
    assert.deepEqual(errors, []);
  });

  test(`browser, ${c.name}: the debate shows who holds a view, with its kind of source, and a claim opens its passage`, async (t) => {
    if (!haveChromium(t)) return;
    const s = await c.serve(t);
    if (!s) return;
    const { page, errors } = await newPage();
    await open(page, s.base, '#/debate?topic=mass-operations', 'debate');
    const holder = page.locator('article.interpretation ul.holders li').first();
    assert.ok((await holder.locator('.kind').count()) > 0, 'a kind of source beside the holder');
    await holder.locator('summary').click();
    const link = holder.locator('ol.claims a.passage-link').first();
    const where = (await link.textContent()) ?? '';
    await link.click();
    await page.waitForSelector('body[data-ready="reader"] .target', { timeout: 10_000 });
    assert.match(page.url(), new RegExp(`#/doc/${where.split(':')[0]}`));
    await screenshot(page, `${tag}-debate-claim`);
    assert.deepEqual(errors, []);
  });

  test(`browser, ${c.name}: a conflict shows each side's passage, and each opens in the reader`, async (t) => {
    if (!haveChromium(t)) return;
    const s = await c.serve(t);
    if (!s) return;
    const { page, errors } = await newPage();
    await open(page, s.base, '#/conflicts', 'conflicts');
    const first = page.locator('article.conflict').first();
    const sides = first.locator('.side');
    assert.ok((await sides.count()) >= 2, 'two sides at least');
    const values = await first.locator('.side .value').allTextContents();
    assert.notEqual(values[0], values[1]);
    await screenshot(page, `${tag}-conflict`);
    for (let i = 0; i < 2; i++) {
      await open(page, s.base, '#/conflicts', 'conflicts');
      const link = page.locator('article.conflict').first().locator('.side').nth(i).locator('a.passage-link').first();
      const where = (await link.textContent())!;
      await link.click();
      await page.waitForSelector('body[data-ready="reader"] .target');
      const line = Number(where.split(':').pop());
      assert.ok(await page.locator(`#L${line} .target`).first().isVisible(), `side ${i + 1}: the passage is marked at line ${line}`);
      await screenshot(page, `${tag}-conflict-side-${i + 1}`);
    }
    assert.deepEqual(errors, []);
  });
}

test('browser: hostile text (script tags, onerror, entities, control characters) is shown as text and nothing runs', async (t) => {
  if (!haveChromium(t)) return;
  const dir = tempDir(t);
  const hostile = [
    'Hostile Text For The Browser',
    '',
    'Marshal Tukhachevskii wrote <script>window.__pwned = 1; alert("x")</script> in 1937.',
    'An image <img src=x onerror="window.__pwned = 2"> and a link <a href="javascript:window.__pwned=3">click</a>.',
    'Entities stay entities: &lt;b&gt;bold&lt;/b&gt; &amp; &#x3C;script&#x3E; and a bell \u0007 and an escape \u001b[31m red.',
    'A right-to-left override \u202E gnirts and <svg onload="window.__pwned=4"></svg> end.',
    '',
  ].join('\n');
  const file = join(dir, 'hostile.txt');
  writeFileSync(file, hostile);
  const s = await serveCorpus(scope, [file]);
  const doc = s.store.documents()[0]!.id;
  const { page, errors } = await newPage();
  await open(page, s.base, `#/doc/${doc}?line=1`, 'reader');
  const text = (await page.locator('.text').textContent()) ?? '';
  assert.ok(text.includes('<script>window.__pwned = 1; alert("x")</script>'), 'the script tag is shown as text');
  assert.ok(text.includes('<img src=x onerror="window.__pwned = 2">'));
  assert.ok(text.includes('&lt;b&gt;bold&lt;/b&gt; &amp;'), 'entities are not decoded');
  assert.equal(await page.locator('.text script, .text img, .text svg, .text a[href^="javascript"]').count(), 0);
  await open(page, s.base, '#/search?q=pwned', 'search');
  await page.waitForSelector('.hit');
  assert.equal(await page.locator('.hits script, .hits img').count(), 0);
  await open(page, s.base, '#/', 'home');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no hostile code ran');
  await screenshot(page, 'hostile-reader');
  assert.deepEqual(errors, [], 'no dialog opened, no error');
});

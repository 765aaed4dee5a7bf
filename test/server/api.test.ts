/**
 * The HTTP API on the shipped sample corpus: every route answers what its
 * OpenAPI schema says, lists page, answers carry ETags, errors have one shape
 * and status, the static folder cannot be escaped, and the answers agree with
 * the CLI's (CONTRACT.md).
 */
import { debate } from '../../src/kb/debate.js';
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { connect } from 'node:net';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { conflicts } from '../../src/kb/events.js';
import { EXAMPLES, BIN } from '../cli/helpers.js';
import { getJson, serveCorpus, startServe, type Served } from './support.js';
import { tempDir } from '../support.js';

// One server for the file, closed after its last test (hooks registered at load time run at the file's end).
const closers: (() => unknown)[] = [];
after(async () => {
  for (const c of closers.reverse()) await c();
});
let served: Promise<Served> | null = null;
const sample = () => (served ??= serveCorpus({ after: (fn: () => unknown) => closers.push(fn) }, [EXAMPLES]));

const DOC = 'kartoteka-sample-army-purge';

test('openapi.json is an OpenAPI 3 document listing every route, with parameters and answer schemas', async () => {
  const s = await sample();
  const { status, body } = await getJson(s, '/api/openapi.json');
  assert.equal(status, 200);
  assert.equal(body.openapi, '3.0.3');
  for (const p of ['/api/documents', '/api/documents/{id}', '/api/documents/{id}/text', '/api/documents/{id}/notes/{note}', '/api/documents/{id}/citations', '/api/search', '/api/entities', '/api/entities/{id}', '/api/entities/{id}/mentions', '/api/events', '/api/timeline', '/api/figures', '/api/quotes', '/api/claims', '/api/debate', '/api/conflicts', '/api/network', '/api/places', '/api/works', '/api/works/{id}', '/api/archives', '/api/export/{format}', '/api/stats']) {
    assert.ok(body.paths[p]?.get, `${p} is documented`);
    assert.ok(body.paths[p].get.responses[200], `${p} has a 200 answer`);
  }
  const search = body.paths['/api/search'].get.parameters.map((x: { name: string }) => x.name);
  assert.deepEqual(search.sort(), ['cursor', 'document', 'entity', 'from', 'kind', 'limit', 'q', 'sourceKind', 'to']);
});

/** Every answer of a route validates against the schema the OpenAPI document gives for it. */
test('every route answers what its OpenAPI schema says (ajv), on real requests', async () => {
  const s = await sample();
  const doc = (await getJson(s, '/api/openapi.json')).body;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const work = (await getJson(s, '/api/works?limit=1')).body.works[0].work.id;
  const note = (await getJson(s, `/api/documents/${DOC}/text?from=1&count=300`)).body.markers.find((m: { note: string | null }) => m.note).note;
  const urls: [string, string][] = [
    ['/api/stats', '/api/stats'],
    ['/api/documents', '/api/documents?limit=2'],
    ['/api/documents/{id}', `/api/documents/${DOC}`],
    ['/api/documents/{id}/text', `/api/documents/${DOC}/text?from=1&count=40`],
    ['/api/documents/{id}/notes/{note}', `/api/documents/${DOC}/notes/${encodeURIComponent(note)}`],
    ['/api/documents/{id}/citations', `/api/documents/${DOC}/citations?limit=10`],
    ['/api/search', '/api/search?q=Tukhachevskii&limit=3'],
    ['/api/entities', '/api/entities?type=person&limit=5'],
    ['/api/entities/{id}', '/api/entities/tukhachevskii-mikhail'],
    ['/api/entities/{id}/mentions', '/api/entities/tukhachevskii-mikhail/mentions?limit=5'],
    ['/api/events', '/api/events?from=1937&to=1938'],
    ['/api/timeline', '/api/timeline?from=1937'],
    ['/api/figures', '/api/figures'],
    ['/api/conflicts', '/api/conflicts'],
    ['/api/quotes', '/api/quotes?speaker=molotov-viacheslav'],
    ['/api/claims', '/api/claims?topic=military-purge&limit=20'],
    ['/api/debate', '/api/debate?topic=mass-operations'],
    ['/api/network', '/api/network?limit=20'],
    ['/api/places', '/api/places'],
    ['/api/works', '/api/works?limit=5'],
    ['/api/works/{id}', `/api/works/${work}`],
    ['/api/archives', '/api/archives'],
  ];
  for (const [path, url] of urls) {
    const r = await getJson(s, url);
    assert.equal(r.status, 200, `${url}: ${JSON.stringify(r.body)}`);
    const schema = { ...doc.paths[path].get.responses[200].content['application/json'].schema, components: doc.components };
    const ok = ajv.validate(schema, r.body);
    assert.ok(ok, `${url}: ${ajv.errorsText()}`);
  }
});

test('lists page with limit and cursor: pages do not overlap, add up to the total, and the last has no next', async () => {
  const s = await sample();
  const seen: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  do {
    const r: { body: { entities: { id: string }[]; total: number; next: string | null } } = await getJson(s, `/api/entities?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    total = r.body.total;
    assert.ok(r.body.entities.length <= 7);
    seen.push(...r.body.entities.map((e) => e.id));
    cursor = r.body.next;
  } while (cursor);
  assert.ok(total > 7, 'more than one page');
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total);
});

test('answers carry an ETag, and If-None-Match with it gives 304 and no body', async () => {
  const s = await sample();
  const a = await s.app.inject({ url: '/api/documents' });
  const etag = a.headers.etag as string;
  assert.ok(etag, 'an ETag');
  const b = await s.app.inject({ url: '/api/documents', headers: { 'if-none-match': etag } });
  assert.equal(b.statusCode, 304);
  assert.equal(b.body, '');
  const c = await s.app.inject({ url: '/api/documents?limit=1', headers: { 'if-none-match': etag } });
  assert.equal(c.statusCode, 200, 'another answer, another tag');
});

test('bad requests get 400 and the one error shape; unknown things 404', async () => {
  const s = await sample();
  const cases: [string, number, string, RegExp][] = [
    ['/api/entities?limit=100000', 400, 'E_USAGE', /limit/],
    ['/api/events?limit=501', 400, 'E_USAGE', /limit/],
    ['/api/entities?limit=abc', 400, 'E_USAGE', /limit/],
    ['/api/entities?limit=0', 400, 'E_USAGE', /limit/],
    ['/api/entities?cursor=-1', 400, 'E_USAGE', /cursor/],
    ['/api/events?from=1937-13-45', 400, 'E_USAGE', /not a date|from/],
    ['/api/events?from=yesterday', 400, 'E_USAGE', /from/],
    ['/api/search?q=Stalin&colour=red', 400, 'E_USAGE', /colour/],
    ['/api/search', 400, 'E_QUERY', /q/],
    ['/api/search?q=%22%22', 400, 'E_QUERY', /./],
    ['/api/entities?type=ship', 400, 'E_USAGE', /type/],
    ['/api/documents/no-such-document', 404, 'E_NO_DOCUMENT', /no-such-document/],
    [`/api/documents/${DOC}/notes/n999`, 404, 'E_NO_DOCUMENT', /n999/],
    ['/api/entities/no-such-person', 404, 'E_NO_ENTITY', /no-such-person/],
    ['/api/works/no-such-work', 404, 'E_NOT_FOUND', /no-such-work/],
    ['/api/export/docx', 400, 'E_USAGE', /format/],
    ['/api/nothing-here', 404, 'E_NOT_FOUND', /nothing-here/],
  ];
  for (const [url, status, code, msg] of cases) {
    const r = await getJson(s, url);
    assert.equal(r.status, status, `${url}: ${JSON.stringify(r.body)}`);
    assert.deepEqual(Object.keys(r.body), ['error'], url);
    assert.deepEqual(Object.keys(r.body.error).sort(), ['code', 'message'], url);
    assert.equal(r.body.error.code, code, url);
    assert.match(r.body.error.message, msg, url);
    assert.match(String(r.headers['content-type']), /application\/json/, url);
  }
});

/** Sends one raw request line, so that no client normalises the path first. */
function raw(base: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname, () => sock.write(`GET ${path} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`));
    let data = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => (data += d));
    sock.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0), body: data.slice(data.indexOf('\r\n\r\n') + 4) }));
    sock.on('error', reject);
  });
}

test('the web app is served from its folder, and no path escapes it (traversal, encoded, dotfiles)', async () => {
  const s = await sample();
  const home = await raw(s.base, '/');
  assert.equal(home.status, 200);
  assert.match(home.body, /<div id="app">/);
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%5c..%5cpackage.json', '/....//....//package.json', '/%252e%252e/package.json', '/.env', '/../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd']) {
    const r = await raw(s.base, p);
    assert.notEqual(r.status, 200, `${p} must not be served`);
    assert.doesNotMatch(r.body, /allowScripts|root:x:0/, `${p} leaked a file`);
  }
});

test('the API agrees with the CLI: search hits, conflicts, the person card', async () => {
  const s = await sample();
  const hits = (await getJson(s, '/api/search?q=Tukhachevskii&limit=200')).body.hits;
  const cli = s.store.search('Tukhachevskii', { limit: 200 });
  assert.deepEqual(hits, JSON.parse(JSON.stringify(cli)));
  const api = (await getJson(s, '/api/conflicts')).body.conflicts;
  assert.deepEqual(
    api.map(({ id: _id, ...c }: { id: string }) => c),
    JSON.parse(JSON.stringify(conflicts(s.store))),
  );
  assert.ok(api.length >= 1, 'the sample holds a disputed execution date');
  const card = (await getJson(s, '/api/entities/tukhachevskii-mikhail')).body;
  assert.equal(card.entity.label, 'Mikhail Tukhachevskii');
  assert.ok(card.variants === undefined && card.entity.variants.includes('Тухачевский'));
  assert.ok(card.mentions > 10);
  assert.ok(card.events.some((e: { conflicts: string[] }) => e.conflicts.length > 0), 'the disputed execution is marked on the card');
  assert.ok(card.together.some((p: { id: string }) => p.id === 'iakir-iona'), 'named with Iakir');
});

test('the debate and claims routes agree with `kartoteka debate`; a claim points at its passage; an unknown topic is a 400', async () => {
  const s = await sample();
  const api = (await getJson(s, '/api/debate?topic=mass-operations')).body.interpretations;
  assert.deepEqual(api, JSON.parse(JSON.stringify(debate(s.store, 'mass-operations'))));
  const getty = api.find((i: { id: string }) => i.id === 'election-panic').holders.find((h: { holder: string }) => h.holder === 'getty-j-arch');
  assert.ok(getty && getty.stances[0] === 'supports', 'the sample has Getty arguing election panic');
  const claims = (await getJson(s, '/api/claims?holder=getty-j-arch&limit=200')).body;
  assert.equal(claims.total, claims.claims.length);
  for (const c of claims.claims) {
    assert.equal(c.holder, 'getty-j-arch');
    // A passage a page's notes cut holds several pieces of the original: together they are the claim's words.
    const doc = s.store.text(c.document);
    const text = c.spans.map((p: { start: number; end: number }) => doc.slice(p.start, p.end)).join(' ').replace(/\s+/g, ' ');
    assert.equal(text.replace(/\s/g, ''), c.text.replace(/\s/g, ''), 'the claim\'s words are its passage');
    assert.equal(c.start, c.spans[0].start);
  }
  const card = (await getJson(s, '/api/entities/getty-j-arch')).body;
  assert.deepEqual(card.claims.map((c: { id: string }) => c.id), claims.claims.map((c: { id: string }) => c.id));
  const bad = await getJson(s, '/api/debate?topic=nonsense');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'E_USAGE');
});

test('the text route gives exactly the original lines, with the mentions, markers and notes inside them', async () => {
  const s = await sample();
  const w = (await getJson(s, `/api/documents/${DOC}/text?from=3&count=30`)).body;
  const text = s.store.text(DOC);
  assert.equal(w.text, text.slice(w.start, w.end));
  assert.equal(w.from, 3);
  assert.equal(w.to, 32);
  assert.equal(text.slice(0, w.start).split('\n').length, 3, 'starts at line 3');
  assert.ok(w.mentions.length > 5);
  for (const m of w.mentions) assert.equal(text.slice(m.start, m.end).replace(/\s+/g, ' '), m.surface);
  for (const k of ['mentions', 'markers', 'notes', 'dates']) for (const r of w[k]) assert.ok(r.end > w.start && r.start < w.end, `${k} inside the window`);
  const marker = w.markers.find((m: { note: string | null }) => m.note);
  assert.ok(marker, 'a note marker in the window');
  const note = (await getJson(s, `/api/documents/${DOC}/notes/${encodeURIComponent(marker.note)}`)).body;
  assert.equal(note.label, marker.label);
  assert.ok(note.citations.length >= 1 && note.citations[0].raw.length > 5);
  const big = (await getJson(s, `/api/documents/${DOC}/text?from=100000&count=10`)).body;
  assert.equal(big.to, big.lines, 'a line past the end shows the last line');
});

test('a page-split note is returned whole, with every piece of the page it occupies', async () => {
  const s = await sample();
  const split = s.store.layer(DOC, 'notes').find((n) => n.spans.length > 1);
  assert.ok(split, 'the sample thesis has a note continued on the next page');
  const note = (await getJson(s, `/api/documents/${DOC}/notes/${encodeURIComponent(split.id)}`)).body;
  assert.equal(note.spans.length, split.spans.length);
  assert.equal(note.text, split.text);
});

test('search facets and filters: by kind, by entity, by date range', async () => {
  const s = await sample();
  const all = (await getJson(s, '/api/search?q=Stalin&limit=200')).body;
  assert.ok(all.facets.documents.length >= 2);
  assert.equal(all.facets.kinds.reduce((n: number, k: { count: number }) => n + k.count, 0), all.total);
  const thesis = (await getJson(s, '/api/search?q=Stalin&kind=thesis&limit=200')).body;
  assert.ok(thesis.total > 0 && thesis.total < all.total);
  assert.ok(thesis.hits.every((h: { document: string }) => h.document === DOC));
  const withMarshal = (await getJson(s, '/api/search?q=Stalin&entity=tukhachevskii-mikhail&limit=200')).body;
  assert.ok(withMarshal.total > 0 && withMarshal.total < all.total);
  const dated = (await getJson(s, '/api/search?q=Stalin&from=1937-06&to=1937-06&limit=200')).body;
  assert.ok(dated.total > 0 && dated.total < all.total);
});

test('the network is bounded: a limit cuts it and says so; a date range narrows it', async () => {
  const s = await sample();
  const all = (await getJson(s, '/api/network?limit=500')).body;
  assert.equal(all.cut, null);
  assert.ok(all.nodes.length > 5);
  const cut = (await getJson(s, '/api/network?limit=3')).body;
  assert.equal(cut.cut, 'rows');
  assert.equal(cut.nodes.length, 3);
  for (const e of cut.edges) assert.ok(cut.nodes.some((n: { id: string }) => n.id === e.source) && cut.nodes.some((n: { id: string }) => n.id === e.target));
  const early = (await getJson(s, '/api/network?from=1920&to=1930&limit=500')).body;
  assert.ok(early.edges.length < all.edges.length);
});

test('the timeline gives every event in date order without its sentence, its disputed dates marked, and agrees with the events route', async () => {
  const s = await sample();
  const t = (await getJson(s, '/api/timeline')).body;
  const e = (await getJson(s, '/api/events?limit=500')).body;
  assert.equal(t.total, e.total);
  assert.equal(t.cut, null);
  assert.deepEqual(t.events.map((x: { id: string }) => x.id), e.events.map((x: { id: string }) => x.id));
  for (let i = 1; i < t.events.length; i++) assert.ok(t.events[i - 1].date.min <= t.events[i].date.min, 'date order');
  assert.ok(t.events.some((x: { disputed: boolean; who: string }) => x.disputed && x.who === 'Mikhail Tukhachevskii'));
  assert.ok(!('text' in t.events[0]));
});

test('the places and the military districts carry coordinates for the map', async () => {
  const s = await sample();
  const m = (await getJson(s, '/api/places')).body;
  const moscow = m.places.find((p: { id: string }) => p.id === 'moscow');
  assert.ok(moscow && Math.abs(moscow.lat - 55.75) < 0.5 && Math.abs(moscow.lon - 37.6) < 0.5);
  for (const d of m.districts) assert.ok(Number.isFinite(d.headquarters.lat) && Number.isFinite(d.headquarters.lon));
});

test('export answers the bibliography in the format asked, with its media type', async () => {
  const s = await sample();
  const r = await s.app.inject({ url: '/api/export/csl-json' });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /csl\+json/);
  const items = JSON.parse(r.body);
  assert.ok(Array.isArray(items) && items.length > 5 && items.every((i: { id: string; type: string }) => i.id && i.type));
  const bib = await s.app.inject({ url: '/api/export/bibtex' });
  assert.match(bib.body, /^@\w+\{/m);
});

test('kartoteka serve binds to 127.0.0.1 by default and says where', async (t) => {
  const s = await sample();
  const dir = tempDir(t);
  const { child, base, said: line } = await startServe(s.db, dir);
  t.after(() => child.kill('SIGTERM'));
  assert.match(line, /at http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
  const r = await fetch(`${base}/api/stats`);
  assert.equal(r.status, 200);
  assert.equal(((await r.json()) as { documents: number }).documents, 4);
});

test('serve on a missing database fails with one line naming it, and exits non-zero', async (t) => {
  const dir = tempDir(t);
  const child = spawn(process.execPath, [BIN, 'serve', '--db', join(dir, 'none.db'), '--port', '0'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.notEqual(code, 0);
  assert.match(err.trim(), /^kartoteka: .*none\.db.*\[E_DB\]$/);
});

test('answers follow the knowledge base: a document ingested while serving shows up, and old answers are not served again', async (t) => {
  const s = await serveCorpus(t, [join(EXAMPLES, 'quotations.txt')]);
  const before = await getJson(s, '/api/documents');
  assert.equal(before.body.total, 1);
  const again = await s.app.inject({ url: '/api/documents' });
  assert.equal(again.headers['x-kartoteka-cache'], 'hit', 'a repeated question is answered from the kept answers');
  const { ingest } = await import('../../src/ingest.js');
  await ingest([join(EXAMPLES, 'army-purge-article.txt')], s.db, {});
  await new Promise((r) => setTimeout(r, 1100));
  const after = await s.app.inject({ url: '/api/documents', headers: { 'if-none-match': String(before.headers.etag) } });
  assert.equal(after.statusCode, 200, 'the old ETag no longer matches');
  assert.equal(JSON.parse(after.body).total, 2);
});

test("a document's citations page in text order, with their notes' labels and works, and filter by resolution", async () => {
  const s = await sample();
  const layer = s.store.layer(DOC, 'citations');
  const all = (await getJson(s, `/api/documents/${DOC}/citations?limit=200`)).body;
  assert.equal(all.total, layer.length);
  assert.deepEqual(all.citations.map((c: { id: string }) => c.id), layer.map((c) => c.id));
  const archival = all.citations.find((c: { work: { type: string } | null }) => c.work?.type === 'manuscript');
  assert.ok(archival && archival.work.archive === 'RGVA' && /^f\. \d+, op\. \d+, d\. \d+/.test(archival.work.location), 'an archival file with its archive and place');
  const ibid = (await getJson(s, `/api/documents/${DOC}/citations?resolution=ibid&limit=200`)).body;
  assert.ok(ibid.total > 0 && ibid.citations.every((c: { resolution: string; label: string }) => c.resolution === 'ibid' && c.label));
});

test('serve on a port another program holds fails with one line saying so', async (t) => {
  const s = await sample();
  const port = new URL(s.base).port;
  const dir = tempDir(t);
  const child = spawn(process.execPath, [BIN, 'serve', '--db', s.db, '--port', port], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(err.trim(), new RegExp(`^kartoteka: port ${port} on 127\\.0\\.0\\.1 is taken.*\\[E_USAGE\\]$`));
});

import assert from 'node:assert/strict';
import { KartotekaError } from '../../src/core/errors.js';
import { LineIndex } from '../../src/core/positions.js';
import type { SearchHit, Store } from '../../src/kb/store.js';
import { RANK_WINDOW } from '../../src/kb/query.js';
import { storeTest, type Backend } from './backends.js';
import { extraction, spanOf } from './helpers.js';

function storeWith(b: Backend, ...docs: Parameters<typeof extraction>[0][]): Store {
  const store = b.open();
  for (const d of docs) store.putExtraction(extraction(d), d.text);
  return store;
}

const slice = (text: string, h: { start: number; end: number }): string => text.slice(h.start, h.end);

storeTest('search ignores case and diacritics: Benes finds Beneš, ILIC finds Ilič', (b) => {
  const text = 'Dopis Edvarda Beneše a zpráva, kterou psal Ilič.';
  const store = storeWith(b, { id: 'd', text });
  const [hit] = store.search('benese');
  assert.equal(slice(text, hit!), 'Beneše');
  assert.equal(hit!.line, 1);
  const [ilic] = store.search('ILIC');
  assert.equal(slice(text, ilic!), 'Ilič');
  assert.deepEqual(ilic!.highlights.map((h) => slice(text, h)), ['Ilič']);
  store.close();
});

storeTest('a query with diacritics finds text without them', (b) => {
  const text = 'Benes wrote to Masaryk.';
  const store = storeWith(b, { id: 'd', text });
  assert.equal(slice(text, store.search('Beneš')[0]!), 'Benes');
  store.close();
});

storeTest("apostrophes are ignored: Stalins finds Stalin's and Stalins, Stalin's finds both", (backend) => {
  const a = "Stalin's purge of 1937.";
  const b = 'Stalins purge of 1937 (PDF artefact).';
  const c = 'Stalin\u2019s terror.';
  const store = storeWith(backend, { id: 'a', text: a }, { id: 'b', text: b }, { id: 'c', text: c });
  const texts: Record<string, string> = { a, b, c };
  const found = (q: string): string[] =>
    store
      .search(q)
      .map((h) => `${h.document}:${slice(texts[h.document]!, h)}`)
      .sort();
  assert.deepEqual(found('Stalins'), ["a:Stalin's", 'b:Stalins', 'c:Stalin\u2019s']);
  assert.deepEqual(found("Stalin's"), ["a:Stalin's", 'b:Stalins', 'c:Stalin\u2019s']);
  assert.deepEqual(found('Stalin\u2019s'), ["a:Stalin's", 'b:Stalins', 'c:Stalin\u2019s']);
  store.close();
});

storeTest("stalin finds Stalin's (the part before the apostrophe)", (b) => {
  const a = "Stalin's purge of 1937.";
  const store = storeWith(b, { id: 'a', text: a }, { id: 'b', text: 'Stalinism.' });
  const hits = store.search('stalin');
  assert.deepEqual(hits.map((h) => h.document), ['a']);
  assert.equal(slice(a, hits[0]!), 'Stalin');
  store.close();
});

storeTest('a phrase matches consecutive words only', (b) => {
  const text = 'Edvard went home. Later Beneš spoke.\n\nEdvard Beneš spoke again.';
  const p1 = spanOf(text, 'Edvard went home. Later Beneš spoke.');
  const p2 = spanOf(text, 'Edvard Beneš spoke again.');
  const store = storeWith(b, { id: 'd', text, paragraphs: [[p1], [p2]] });
  const hits = store.search('"edvard benes"');
  assert.equal(hits.length, 1);
  assert.deepEqual({ start: hits[0]!.start, end: hits[0]!.end }, spanOf(text, 'Edvard Beneš'));
  assert.equal(hits[0]!.line, 3);
  assert.deepEqual(hits[0]!.passage, p2);
  // Without quotes, both words anywhere in the passage.
  assert.equal(store.search('edvard benes').length, 2);
  store.close();
});

storeTest('a prefix query matches words that begin with it', (b) => {
  const text = 'Benešovy dekrety a Benešov u Prahy; Bern.';
  const store = storeWith(b, { id: 'd', text });
  const [hit] = store.search('Benes*');
  assert.deepEqual(hit!.highlights.map((h) => slice(text, h)), ['Benešovy', 'Benešov']);
  assert.equal(slice(text, hit!), 'Benešovy');
  assert.deepEqual(store.search('benes'), []);
  store.close();
});

storeTest('OR gives alternatives and -word excludes', (b) => {
  const store = storeWith(
    b,
    { id: 'a', text: 'Masaryk and the legions.' },
    { id: 'b', text: 'Beneš and the legions.' },
    { id: 'c', text: 'Beneš and Masaryk.' },
  );
  const docs = (q: string): string[] => store.search(q).map((h) => h.document).sort();
  assert.deepEqual(docs('masaryk OR benes legions'), ['a', 'b']);
  assert.deepEqual(docs('benes -masaryk'), ['b']);
  assert.deepEqual(docs('benes -"and masaryk"'), ['b']);
  assert.deepEqual(docs('masaryk benes'), ['c']);
  store.close();
});

storeTest('a phrase across a line break (CRLF) returns the original offsets and the line of its start', (b) => {
  const text = 'Úvod.\r\n\r\nDohoda byla podepsána v Mnichově. Tak zvaná Mnichovská\r\ndohoda změnila vše.\r\n';
  const para = spanOf(text, 'Dohoda byla podepsána v Mnichově. Tak zvaná Mnichovská\r\ndohoda změnila vše.');
  const store = storeWith(b, { id: 'd', text, paragraphs: [[spanOf(text, 'Úvod.')], [para]] });
  const [hit] = store.search('"mnichovska dohoda"');
  assert.equal(slice(text, hit!), 'Mnichovská\r\ndohoda');
  assert.equal(hit!.line, 3);
  assert.deepEqual(hit!.highlights, [{ start: hit!.start, end: hit!.end }]);
  store.close();
});

storeTest('a phrase across a footnote zone maps to both pieces of the original', (b) => {
  const text = [
    'Předchozí odstavec.', // line 1
    '', // line 2
    'Vláda, kterou vedl Edvard', // line 3
    '12 Srov. Paměti, s. 5.', // line 4: footnote zone cutting the paragraph
    'Beneš, podala demisi.', // line 5
  ].join('\n');
  const piece1 = spanOf(text, 'Vláda, kterou vedl Edvard');
  const piece2 = spanOf(text, 'Beneš, podala demisi.');
  const note = spanOf(text, '12 Srov. Paměti, s. 5.');
  const store = storeWith(b, {
    id: 'd',
    text,
    paragraphs: [[spanOf(text, 'Předchozí odstavec.')], [piece1, piece2]],
    notes: [{ label: '12', spans: [note] }],
  });

  const hits = store.search('"edvard benes"');
  assert.equal(hits.length, 1);
  const hit = hits[0]!;
  assert.equal(hit.in, 'body');
  assert.equal(hit.start, text.indexOf('Edvard'));
  assert.equal(hit.end, piece2.start + 'Beneš'.length);
  assert.equal(hit.line, 3);
  assert.deepEqual(hit.highlights.map((h) => slice(text, h)), ['Edvard', 'Beneš']);
  assert.deepEqual(hit.passage, { start: piece1.start, end: piece2.end });
  // The snippet is the passage's own text: the footnote zone is left out.
  assert.equal(hit.snippet, 'Vláda, kterou vedl Edvard Beneš, podala demisi.');
  // In the snippet the two pieces are adjacent: one highlight.
  assert.deepEqual(hit.snippetHighlights.map((h) => hit.snippet.slice(h.start, h.end)), ['Edvard Beneš']);

  const [inNote] = store.search('pameti');
  assert.equal(inNote!.in, 'note');
  assert.equal(inNote!.note, '12');
  assert.equal(slice(text, inNote!), 'Paměti');
  assert.equal(inNote!.line, 4);
  store.close();
});

storeTest('hostile queries never throw a syntax error', (b) => {
  const text = 'Edvard Beneš near the castle: "quoted" text.';
  const store = storeWith(b, { id: 'd', text });
  const hostile = [
    'NEAR(',
    'NEAR(edvard benes, 2)',
    '^edvard',
    'edvard:',
    'col:benes',
    '"edvard benes',
    'edvard" OR "',
    "'; DROP TABLE document; --",
    'benes) OR (',
    '(((',
    '*',
    'benes**',
    'AND OR NOT',
    'x OR',
    'OR benes',
    '-',
    '--benes edvard',
    '"',
    '""',
    '{benes edvard}',
    '\u0000benes',
    'benes AND',
  ];
  for (const q of hostile) {
    try {
      const hits = store.search(q);
      assert.ok(Array.isArray(hits), q);
    } catch (e) {
      assert.ok(e instanceof KartotekaError && e.code === 'E_QUERY', `${q}: ${String(e)}`);
    }
  }
  assert.equal(store.search('"edvard benes').length, 1);
  assert.equal(store.search('benes) OR (').length, 1);
  assert.equal(store.search('^edvard castle:').length, 1);
  assert.equal(store.search("'; DROP TABLE document; --").length, 0);
  assert.equal(store.stats().documents, 1);
  store.close();
});

storeTest('a query with no searchable words throws E_QUERY', (b) => {
  const store = storeWith(b, { id: 'd', text: 'a' });
  for (const q of ['', '   ', '"" * ^ : ( )', "'", '-benes']) {
    assert.throws(
      () => store.search(q),
      (e: unknown) => e instanceof KartotekaError && e.code === 'E_QUERY',
      JSON.stringify(q),
    );
  }
  assert.throws(() => store.search('?!'), /the query has no searchable words/u);
  store.close();
});

storeTest('snippet and highlights map to the original text with CRLF line ends and emoji before the match', (b) => {
  const lead = 'Na začátku 😀 byl 🇨🇿 text,\r\nkterý pokračuje přes více řádků\r\na obsahuje emoji 🎉🎉 i\r\n';
  const long = 'dlouhé věty bez konce, jež se táhnou a táhnou přes celou stránku, ';
  const text = `Nadpis\r\n\r\n${lead}${long}${long}kde Beneš pronesl\r\nřeč o Benešovi. ${long}${long}Konec.`;
  const para = { start: text.indexOf('Na začátku'), end: text.length };
  const store = storeWith(b, { id: 'd', text, paragraphs: [[spanOf(text, 'Nadpis')], [para]] });
  const [hit] = store.search('benes*');
  assert.ok(hit);
  assert.equal(slice(text, hit), 'Beneš');
  assert.equal(hit.start, text.indexOf('Beneš'));
  assert.equal(hit.line, new LineIndex(text).lineOf(hit.start));
  assert.equal(hit.line, 6);
  assert.deepEqual(hit.highlights.map((h) => slice(text, h)), ['Beneš', 'Benešovi']);
  assert.deepEqual(hit.highlights[1], spanOf(text, 'Benešovi'));
  // The snippet: original text, white space collapsed, cut with '…' at both ends.
  assert.ok(hit.snippet.startsWith('…') && hit.snippet.endsWith('…'), hit.snippet);
  assert.ok(hit.snippet.includes('kde Beneš pronesl řeč o Benešovi.'), hit.snippet);
  assert.doesNotMatch(hit.snippet, /[\r\n]|\s\s/u);
  assert.doesNotMatch(hit.snippet, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
  assert.ok(hit.snippet.length >= 140 && hit.snippet.length <= 180, `${hit.snippet.length}`);
  assert.deepEqual(hit.snippetHighlights.map((h) => hit.snippet.slice(h.start, h.end)), ['Beneš', 'Benešovi']);
  // The snippet is a stretch of the original with its white space collapsed.
  assert.ok(text.replace(/\s+/gu, ' ').includes(hit.snippet.slice(1, -1)));
  store.close();
});

storeTest('emoji right before the match and at the snippet edge never split a surrogate pair', (b) => {
  const text = '😀'.repeat(100) + 'Beneš' + '🎉'.repeat(100);
  const store = storeWith(b, { id: 'd', text });
  const [hit] = store.search('benes');
  assert.equal(slice(text, hit!), 'Beneš');
  assert.equal(hit!.start, 200);
  assert.doesNotMatch(hit!.snippet, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
  const sh = hit!.snippetHighlights[0]!;
  assert.equal(hit!.snippet.slice(sh.start, sh.end), 'Beneš');
  store.close();
});

storeTest('search pages with limit and offset, ranks by score and filters by document', (b) => {
  const docs = Array.from({ length: 5 }, (_, i) => ({
    id: `d${i}`,
    text: `Beneš ${'a slovo '.repeat(i * 5)}konec`,
  }));
  const store = storeWith(b, ...docs);
  const all = store.search('benes', { limit: 100 });
  assert.equal(all.length, 5);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.score >= all[i]!.score);
  assert.equal(all[0]!.document, 'd0'); // the shortest passage ranks first
  const page: SearchHit[] = [...store.search('benes', { limit: 2 }), ...store.search('benes', { limit: 2, offset: 2 }), ...store.search('benes', { limit: 2, offset: 4 })];
  assert.deepEqual(page.map((h) => h.document), all.map((h) => h.document));
  assert.deepEqual(store.search('benes', { document: 'd3' }).map((h) => h.document), ['d3']);
  store.close();
});

storeTest('a query matching more passages than the ranking window ranks the first RANK_WINDOW written, and never returns a passage twice', (b) => {
  // RANK_WINDOW + 100 paragraphs name Beneš; the last, written after the window, names him three times in a short line.
  const n = RANK_WINDOW + 100;
  const lines = Array.from({ length: n }, (_, i) => (i === n - 1 ? 'Beneš Beneš Beneš.' : `Odstavec ${i}: Beneš psal dlouhý dopis o smlouvě a spojencích.`));
  const text = lines.join('\n\n');
  let at = 0;
  const paragraphs = lines.map((l) => {
    const s = { start: text.indexOf(l, at), end: text.indexOf(l, at) + l.length };
    at = s.end;
    return [s];
  });
  const store = storeWith(b, { id: 'd', text, paragraphs });
  const top = store.search('benes', { limit: 10 });
  assert.equal(top.length, 10);
  assert.ok(top.every((h) => h.passage.start < paragraphs[RANK_WINDOW]![0]!.start), 'ranked among the first RANK_WINDOW passages');
  // Narrowed to a rarer word, the last paragraph is in the window and ranks first.
  assert.equal(store.search('benes -odstavec', { limit: 1 })[0]!.passage.start, paragraphs[n - 1]![0]!.start);
  // Paging past the window widens it: every passage can be reached.
  const all = store.search('benes', { limit: n });
  assert.equal(new Set(all.map((h) => h.passage.start)).size, n);
  assert.equal(all[0]!.passage.start, paragraphs[n - 1]![0]!.start);
  store.close();
});

storeTest('a prefix query finds every word it stands for, in a phrase too, and one standing for very many words still works', (b) => {
  const many = Array.from({ length: 80 }, (_, i) => `zz${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');
  const text = `Purge, purged, purges; the purging of Beneš's allies. Nothing purgatorial. ${many}`;
  const store = storeWith(b, { id: 'd', text, paragraphs: [[{ start: 0, end: text.indexOf(' zz') }], [{ start: text.indexOf('zz'), end: text.length }]] });
  const words = (q: string): string[] => store.search(q).flatMap((h) => h.highlights.map((s) => slice(text, s)));
  assert.deepEqual(words('purg*'), ['Purge', 'purged', 'purges', 'purging', 'purgatorial']);
  assert.deepEqual(words('"the purg"*'), ['the purging']);
  assert.deepEqual(words('benes*'), ["Beneš's"]);
  assert.deepEqual(words('zzbz*'), []);
  assert.deepEqual(words('zzqa*'), ['zzqa']);
  assert.equal(store.search('zz*').length, 1);
  assert.equal(store.search('purg* -zz*').length, 1);
  store.close();
});

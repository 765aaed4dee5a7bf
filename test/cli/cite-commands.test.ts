/**
 * `kartoteka export`, `sources` and `cited` end to end on the ingested
 * sample corpus (its army article cites RGVA and RGASPI files, an Ibid. of
 * one, and books cited in full and in short forms; both articles cite
 * Conquest's book and RGASPI f. 17, op. 162, d. 21), plus hostile text in
 * titles, notes and body, and bad arguments.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertOneErrorLine, EXAMPLES, errorLines, json, kartoteka, lineOf, oneJson, originalUtf8 } from './helpers.js';

const ARMY = 'kartoteka-sample-army-purge';
const MASS = 'kartoteka-sample-mass-operations';
const TEXTS: Record<string, string> = {
  [ARMY]: originalUtf8(join(EXAMPLES, 'army-purge-article.txt')),
  [MASS]: originalUtf8(join(EXAMPLES, 'mass-operations-article.txt')),
};
const CONQUEST = 'w83188382dd85';
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/;

interface Cited {
  document: string;
  citation: string;
  note: string | null;
  line: number;
  start: number;
  end: number;
  list: string | null;
}
interface SourcesOut {
  archives: {
    archive: string | null;
    name: string | null;
    files: { fond: string; opis: string; delo: string; location: string; work: string; citations: number; documents: number; cited: Cited[] }[];
  }[];
}
interface CitedOut {
  work: Record<string, unknown> & { id: string; type: string; title: string };
  documents: string[];
  citations: {
    document: string;
    citation: string;
    note: string | null;
    line: number;
    start: number;
    end: number;
    resolution: string;
    raw: string;
    locator: { label: string; value: string } | null;
    passage: { start: number; end: number; line: number; text: string } | null;
  }[];
}

let dir = '';
let db = '';
let hostileDb = '';

/** A text whose one book has LaTeX specials, an ESC sequence and a right-to-left override in its title, and whose body holds colour codes. */
const HOSTILE_TITLE = 'Costs of 100% {Terror} & $5 #1_x ~^\\ \x1b[2J in the NKVD \u202eevil';
const HOSTILE =
  'Hostile Notes\n\n' +
  'A claim about the purge rests on a book.\u00b9 Another claim rests on a file.\u00b2 A third \x1b[31mclaim\x1b[0m repeats the book.\u00b3\n\n' +
  `\u00b9 Ivan Evil, ${HOSTILE_TITLE} (London: Macmillan, 1990), p. 5.\n\n` +
  '\u00b2 RGVA, f. 4, op. 14, d. 70, l. 1.\n\n' +
  '\u00b3 Evil, Costs, p. 7.\n\n' +
  'The end of the text is here.\n';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kartoteka-cite-'));
  db = join(dir, 'k.db');
  json(dir, ['ingest', EXAMPLES, '--db', db]);
  const h = join(dir, 'hostile');
  mkdirSync(h);
  writeFileSync(join(h, 'hostile.txt'), HOSTILE);
  writeFileSync(join(h, 'corpus.json'), JSON.stringify([{ file: 'hostile.txt', id: 'evil\x1b[2Jdoc', title: 'Hostile' }]));
  hostileDb = join(dir, 'hostile.db');
  json(dir, ['ingest', h, '--db', hostileDb]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------
// export

test('export csl-json prints one JSON array of CSL items, one per work id across the documents', () => {
  const r = kartoteka(dir, ['export', 'csl-json', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const items = oneJson<{ id: string; type: string; title: string }[]>(r);
  assert.ok(Array.isArray(items));
  assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  const conquest = items.find((i) => i.id === CONQUEST);
  // The army article gives the publisher, the other article does not: the merged work has it.
  assert.deepEqual(conquest, {
    id: CONQUEST,
    type: 'book',
    author: [{ family: 'Conquest', given: 'Robert' }],
    title: "The Great Terror: Stalin's Purge of the Thirties",
    publisher: 'Macmillan',
    'publisher-place': 'London',
    issued: { 'date-parts': [[1968]] },
  });
});

test('export --document keeps the works of one document', () => {
  const all = oneJson<{ id: string }[]>(kartoteka(dir, ['export', 'csl-json', '--db', db]));
  const mass = oneJson<{ id: string; type: string }[]>(kartoteka(dir, ['export', 'csl-json', '--db', db, '--document', MASS]));
  const army = oneJson<{ id: string }[]>(kartoteka(dir, ['export', 'csl-json', '--db', db, '--document', 'army-purge-article.txt']));
  assert.ok(mass.length > 5 && army.length > 5);
  assert.ok(mass.length < all.length && army.length < all.length);
  assert.deepEqual(new Set([...mass, ...army].map((w) => w.id)), new Set(all.map((w) => w.id)));
  assert.ok(mass.some((w) => w.id === CONQUEST) && army.some((w) => w.id === CONQUEST));
  const quotations = oneJson<unknown[]>(kartoteka(dir, ['export', 'csl-json', '--db', db, '--document', 'kartoteka-sample-quotations']));
  assert.deepEqual(quotations, []);
});

test('export bibtex and ris write the files to stdout, nothing on stderr', () => {
  const bib = kartoteka(dir, ['export', 'bibtex', '--db', db]);
  assert.equal(bib.status, 0, bib.stderr);
  assert.equal(bib.stderr, '');
  assert.match(bib.stdout, /^@book\{conquest1968great,$/m);
  assert.match(bib.stdout, /^@unpublished\{rgva_f4_op18_d53,$/m);
  const keys = [...bib.stdout.matchAll(/^@\w+\{([^,]+),$/gm)].map((m) => m[1]);
  assert.equal(new Set(keys).size, keys.length, 'keys are unique');
  const ris = kartoteka(dir, ['export', 'ris', '--db', db]);
  assert.equal(ris.status, 0, ris.stderr);
  assert.equal((ris.stdout.match(/^TY {2}- /gm) ?? []).length, keys.length);
  assert.match(ris.stdout, /^AV {2}- RGVA, f\. 4, op\. 18, d\. 53\r$/m);
});

test('export with an unknown format is one E_USAGE line and exit 2, nothing on stdout', () => {
  for (const format of ['endnote', 'BIBTEX', '']) {
    const r = kartoteka(dir, ['export', format, '--db', db]);
    assert.equal(r.status, 2, `${format}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const line = assertOneErrorLine(r.stderr, `"${format}"`, 'E_USAGE');
    assert.match(line, /csl-json, bibtex, ris/);
  }
  const none = kartoteka(dir, ['export', '--db', db]);
  assert.equal(none.status, 2);
  assert.equal(errorLines(none.stderr).length, 1);
  assert.match(none.stderr, /\[E_USAGE\]/);
});

test('export, sources and cited on a database that does not exist: E_DB naming it, and no file is created', () => {
  const missing = join(dir, 'missing.db');
  for (const args of [['export', 'bibtex'], ['sources'], ['cited', 'Conquest'], ['sources', '--json']]) {
    const r = kartoteka(dir, [...args, '--db', missing]);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assertOneErrorLine(r.stderr, missing, 'E_DB');
  }
  assert.ok(!existsSync(missing), 'a read-only command created the database');
});

test('export and sources with an unknown --document: E_NO_DOCUMENT, exit 1', () => {
  for (const args of [['export', 'csl-json'], ['sources']]) {
    const r = kartoteka(dir, [...args, '--db', db, '--document', 'no-such-doc']);
    assert.equal(r.status, 1, r.stderr);
    assertOneErrorLine(r.stderr, 'no-such-doc', 'E_NO_DOCUMENT');
  }
});

test('export on a file that is not a Kartoteka database: E_DB', () => {
  const notDb = join(dir, 'not.db');
  writeFileSync(notDb, 'just some text, not SQLite at all\n'.repeat(100));
  const r = kartoteka(dir, ['export', 'csl-json', '--db', notDb]);
  assert.equal(r.status, 1);
  assertOneErrorLine(r.stderr, notDb, 'E_DB');
});

// ---------------------------------------------------------------------------
// sources

test('sources --json lists RGASPI then RGVA, files sorted by fond, opis and delo as numbers', () => {
  const out = json<SourcesOut>(dir, ['sources', '--db', db]);
  assert.deepEqual(Object.keys(out), ['archives']);
  assert.deepEqual(
    out.archives.map((a) => [a.archive, a.name, a.files.map((f) => f.location)]),
    [
      ['RGASPI', 'Russian State Archive of Socio-Political History', ['f. 17, op. 2, d. 612', 'f. 17, op. 162, d. 21']],
      ['RGVA', 'Russian State Military Archive', ['f. 4, op. 14, d. 1690', 'f. 4, op. 18, d. 53', 'f. 33987, op. 3, d. 400']],
    ],
  );
  const rgva = out.archives[1]!.files;
  assert.deepEqual(
    rgva.map((f) => [f.fond, f.opis, f.delo, f.citations, f.documents]),
    [
      ['4', '14', '1690', 1, 1],
      ['4', '18', '53', 2, 1],
      ['33987', '3', '400', 1, 1],
    ],
  );
  // d. 53 is cited in note 14 and again by the Ibid. of note 15, at another list.
  assert.deepEqual(
    rgva[1]!.cited.map((c) => [c.document, c.note, c.line, c.list]),
    [
      [ARMY, '14', 163, '12'],
      [ARMY, '15', 164, '50'],
    ],
  );
  assert.equal(rgva[2]!.cited[0]!.list, '12-15');
  // Cited by both articles.
  const d21 = out.archives[0]!.files[1]!;
  assert.equal(d21.citations, 2);
  assert.equal(d21.documents, 2);
  assert.deepEqual(d21.cited.map((c) => [c.document, c.note]), [[ARMY, '10'], [MASS, '4']]);
});

test('sources --json: every place cited points at the citation in the original text', () => {
  const out = json<SourcesOut>(dir, ['sources', '--db', db]);
  let n = 0;
  for (const a of out.archives) {
    for (const f of a.files) {
      assert.match(f.work, /^w[0-9a-f]{12}$/);
      for (const c of f.cited) {
        const text = TEXTS[c.document]!;
        const cited = text.slice(c.start, c.end);
        assert.equal(c.line, lineOf(text, c.start));
        assert.ok(cited.startsWith(a.archive!) || /^Ibid/.test(cited), `${c.document}:${c.line}: ${cited}`);
        if (cited.startsWith(a.archive!)) assert.ok(cited.replace(/\s+/g, ' ').includes(f.location), `${cited} does not hold ${f.location}`);
        n++;
      }
    }
  }
  assert.equal(n, 7);
});

test('sources --archive takes the abbreviation, a former name, or the full Russian, Cyrillic or English name, in any case', () => {
  const rgva = json<SourcesOut>(dir, ['sources', '--db', db, '--archive', 'RGVA']);
  assert.deepEqual(rgva.archives.map((a) => a.archive), ['RGVA']);
  assert.equal(rgva.archives[0]!.files.length, 3);
  for (const name of ['rgva', 'Russian State Military Archive', 'russian state military archive', 'Rossiiskii gosudarstvennyi voennyi arkhiv', 'РГВА', 'ргва', 'TsGASA']) {
    assert.deepEqual(json<SourcesOut>(dir, ['sources', '--db', db, '--archive', name]), rgva, name);
  }
  assert.deepEqual(json<SourcesOut>(dir, ['sources', '--db', db, '--archive', 'Russian State Archive of Socio-Political History']).archives.map((a) => a.archive), ['RGASPI']);
  // A known archive nobody cites: an empty list, not an error.
  assert.deepEqual(json<SourcesOut>(dir, ['sources', '--db', db, '--archive', 'GARF']), { archives: [] });
});

test('sources --archive with a name no archive has: one E_USAGE line, exit 2', () => {
  const r = kartoteka(dir, ['sources', '--db', db, '--archive', 'Archive of Atlantis']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  const line = assertOneErrorLine(r.stderr, 'Archive of Atlantis', 'E_USAGE');
  assert.match(line, /RGVA/);
  const hostile = kartoteka(dir, ['sources', '--db', db, '--archive', 'X\x1b[2J']);
  assert.equal(hostile.status, 2);
  assert.doesNotMatch(hostile.stderr, RAW_CONTROL);
  assertOneErrorLine(hostile.stderr, 'X\\x1b[2J', 'E_USAGE');
});

test('sources prints each archive, its files and where each is cited', () => {
  const r = kartoteka(dir, ['sources', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'RGASPI  Russian State Archive of Socio-Political History  (2 files, 3 citations)');
  assert.ok(lines.includes('RGVA  Russian State Military Archive  (3 files, 4 citations)'), r.stdout);
  assert.ok(lines.some((l) => /^ {2}f\. 4, op\. 18, d\. 53 {2}2 citations in 1 document {2}\[w[0-9a-f]{12}\]$/.test(l)), r.stdout);
  assert.ok(lines.includes(`      ${ARMY}:164  note 15  l. 50`), r.stdout);
  const none = kartoteka(dir, ['sources', '--db', db, '--archive', 'GARF']);
  assert.equal(none.status, 0);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /no files of GARF are cited/);
});

test('sources --document keeps the citations of one document', () => {
  const out = json<SourcesOut>(dir, ['sources', '--db', db, '--document', MASS]);
  assert.deepEqual(out.archives.map((a) => [a.archive, a.files.map((f) => [f.location, f.citations])]), [['RGASPI', [['f. 17, op. 162, d. 21', 1]]]]);
});

// ---------------------------------------------------------------------------
// cited

test('cited by id --json: the work as CSL and every citation resting on it, with the passage its note supports', () => {
  const out = json<CitedOut>(dir, ['cited', CONQUEST, '--db', db]);
  assert.deepEqual(Object.keys(out), ['work', 'documents', 'citations']);
  assert.equal(out.work.id, CONQUEST);
  assert.ok(!('archival' in out.work));
  assert.deepEqual(out.documents, [ARMY, MASS]);
  assert.deepEqual(
    out.citations.map((c) => [c.document, c.note, c.line, c.resolution, c.locator?.value ?? null]),
    [
      [ARMY, '1', 37, 'full', '201-35'],
      [ARMY, '4', 46, 'short', '203-12'],
      [ARMY, '18', 209, 'short', '219-22'],
      [MASS, '2', 13, 'full', null],
    ],
  );
  for (const c of out.citations) {
    const text = TEXTS[c.document]!;
    assert.equal(c.line, lineOf(text, c.start));
    assert.match(text.slice(c.start, c.end), /Conquest/);
    assert.ok(c.passage, `${c.citation} has no passage`);
    const p = c.passage;
    assert.equal(p.line, lineOf(text, p.start));
    // The passage is the body sentence holding the note's marker, marker shown as [n].
    assert.ok(p.text.includes(`[${c.note}]`), p.text);
    const words = p.text.replace(/\[\d+\]/g, '').split(/\s+/).filter((w) => w.length > 3);
    const original = text.slice(p.start, p.end).replace(/\s+/g, ' ');
    for (const w of words) assert.ok(original.includes(w.replace(/-$/, '')), `"${w}" is not in the original passage`);
  }
  assert.match(out.citations[1]!.passage!.text, /^Yet no such dossier has been found/);
});

test('cited finds a work by words of its title and authors, folded; an Ibid. of an archival file is among its citations', () => {
  const byWords = json<CitedOut>(dir, ['cited', 'conquest', 'GREAT', 'terror', '--db', db]);
  assert.equal(byWords.work.id, CONQUEST);
  assert.equal(json<CitedOut>(dir, ['cited', 'The Great Terror', '--db', db]).work.id, CONQUEST, 'the main title named in full picks the work');
  assert.equal(json<CitedOut>(dir, ['cited', 'Ilic', '--db', db]).work.title, 'Stalin’s Terror Revisited');
  const file = json<CitedOut>(dir, ['cited', 'RGVA f. 4, op. 18, d. 53', '--db', db]);
  assert.equal(file.work.type, 'manuscript');
  assert.equal(file.work.archive_location, 'f. 4, op. 18, d. 53');
  assert.deepEqual(file.citations.map((c) => [c.note, c.resolution]), [['14', 'full'], ['15', 'ibid']]);
});

test('cited prints the work, then each citation with its document, note, line, resolution, locator and passage', () => {
  const r = kartoteka(dir, ['cited', CONQUEST, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^w83188382dd85 {2}book\nConquest, Robert\. The Great Terror: Stalin's Purge of the Thirties\. London: Macmillan, 1968\.\n\n4 citations in 2 documents\n/);
  assert.ok(r.stdout.includes(`\n${ARMY}:46  note 4  short  page 203-12\n    Conquest, The Great Terror, pp. 203-12.\n    line 28: Yet no such dossier`), r.stdout);
});

test('cited with words that match several works: the candidates on stderr, one E_QUERY line, exit 1, nothing on stdout', () => {
  for (const args of [['terror'], ['terror', '--json']]) {
    const r = kartoteka(dir, ['cited', ...args, '--db', db]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const line = assertOneErrorLine(r.stderr, '"terror"', 'E_QUERY');
    assert.match(line, /matches \d+ works/);
    const candidates = r.stderr.split('\n').filter((l) => /^ {2}w[0-9a-f]{12} {2}/.test(l));
    assert.ok(candidates.length >= 3, r.stderr);
    assert.ok(candidates.some((l) => l.includes(CONQUEST)));
  }
});

test('cited with an unknown work: one line naming what was asked, exit 1', () => {
  const r = kartoteka(dir, ['cited', 'Nonexistent Treatise', '--db', db]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assertOneErrorLine(r.stderr, '"Nonexistent Treatise"', 'E_QUERY');
  const punct = kartoteka(dir, ['cited', '***', '--db', db]);
  assert.equal(punct.status, 1);
  assertOneErrorLine(punct.stderr, '"***"', 'E_QUERY');
  const missing = kartoteka(dir, ['cited', '--db', db]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /\[E_USAGE\]/);
});

// ---------------------------------------------------------------------------
// hostile text

test('hostile title: bibtex escapes it, drops the control characters and the override, keeps the rest', () => {
  const r = kartoteka(dir, ['export', 'bibtex', '--db', hostileDb]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  assert.ok(
    r.stdout.includes('title     = {Costs of 100\\% \\{Terror\\} \\& \\$5 \\#1\\_x \\textasciitilde{}\\textasciicircum{}\\textbackslash{} [2J in the {NKVD} evil},'),
    r.stdout,
  );
  assert.match(r.stdout, /^@book\{evil1990costs,$/m);
});

test('hostile title: csl-json keeps it exactly (JSON-escaped), ris keeps it on one line', () => {
  const csl = kartoteka(dir, ['export', 'csl-json', '--db', hostileDb]);
  assert.equal(csl.status, 0, csl.stderr);
  assert.doesNotMatch(csl.stdout, /[\x00-\x08\x0b-\x1f\x7f]/);
  const items = oneJson<{ title: string }[]>(csl);
  assert.ok(items.some((i) => i.title === HOSTILE_TITLE), csl.stdout);
  const ris = kartoteka(dir, ['export', 'ris', '--db', hostileDb]);
  assert.equal(ris.status, 0, ris.stderr);
  // RIS lines end in CRLF; no other control character.
  assert.doesNotMatch(ris.stdout.replace(/\r\n/g, '\n'), RAW_CONTROL);
  assert.match(ris.stdout, /^TI {2}- Costs of 100% \{Terror\} & \$5 #1_x ~\^\\ \[2J in the NKVD evil\r$/m);
});

test('hostile text: cited and sources print control characters and the document id as visible escapes', () => {
  const r = kartoteka(dir, ['cited', 'Evil', 'Costs', '--db', hostileDb]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, RAW_CONTROL);
  assert.ok(r.stdout.includes('\\x1b[2J in the NKVD \\u202eevil'), r.stdout);
  assert.ok(r.stdout.includes('evil\\x1b[2Jdoc:'), r.stdout);
  // The short form "Evil, Costs" rests on the book; its passage holds the colour codes, shown escaped.
  assert.ok(r.stdout.includes('A third \\x1b[31mclaim\\x1b[0m repeats the book.[3]'), r.stdout);
  const j = json<CitedOut>(dir, ['cited', 'Evil', 'Costs', '--db', hostileDb]);
  assert.deepEqual(j.citations.map((c) => [c.note, c.resolution]), [['1', 'full'], ['3', 'short']]);
  assert.equal(j.citations[1]!.passage!.text, 'A third \x1b[31mclaim\x1b[0m repeats the book.[3]');
  assert.equal(j.work.title, HOSTILE_TITLE);
  const s = kartoteka(dir, ['sources', '--db', hostileDb]);
  assert.equal(s.status, 0, s.stderr);
  assert.doesNotMatch(s.stdout, RAW_CONTROL);
  assert.ok(s.stdout.includes('      evil\\x1b[2Jdoc:7  note 2  l. 1'), s.stdout);
});

test('hostile query: an unknown work named with an ESC sequence is echoed escaped', () => {
  const r = kartoteka(dir, ['cited', 'zz\x1b[2J\u202e', '--db', hostileDb]);
  assert.equal(r.status, 1);
  assert.doesNotMatch(r.stderr, RAW_CONTROL);
  assertOneErrorLine(r.stderr, 'zz\\x1b[2J\\u202e', 'E_QUERY');
});

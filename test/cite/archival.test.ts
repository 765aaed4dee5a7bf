import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archiveLocation, archives, findArchive, parseArchival, type Archival } from '../../src/cite/archival.js';

const files = (s: string, base: Archival | null = null) =>
  parseArchival(s, base).map(({ start: _s, end: _e, ...a }) => a);

test('a full archival citation is read down to the sheet', () => {
  assert.deepEqual(files('RGVA, f. 4, op. 14, d. 70, l. 1'), [{ archive: 'RGVA', fond: '4', opis: '14', delo: '70', list: '1' }]);
  assert.deepEqual(files('RGASPI, f. 17, op. 109, d. 84, ll. 73-74'), [{ archive: 'RGASPI', fond: '17', opis: '109', delo: '84', list: '73-74' }]);
  assert.deepEqual(files('GARF, f. 8131, op. 37, d. 145, l. 2ob.'), [{ archive: 'GARF', fond: '8131', opis: '37', delo: '145', list: '2ob.' }]);
});

test('several files in one citation are one citation each, inheriting archive, fond and opis', () => {
  assert.deepEqual(files('f. 4, op. 14, d. 70; 74', { archive: 'RGVA' }), [
    { archive: 'RGVA', fond: '4', opis: '14', delo: '70' },
    { archive: 'RGVA', fond: '4', opis: '14', delo: '74' },
  ]);
  assert.deepEqual(files('RGVA, f. 37837, op. 21, d. 99, l. 16; f. 33987, op. 3, d. 851, ll. 39–40, 134'), [
    { archive: 'RGVA', fond: '37837', opis: '21', delo: '99', list: '16' },
    { archive: 'RGVA', fond: '33987', opis: '3', delo: '851', list: '39–40, 134' },
  ]);
});

test('the positions of each file are inside the string', () => {
  const s = 'RGVA, f. 4, op. 14, d. 70; 74; 81';
  const hits = parseArchival(s);
  assert.equal(hits.length, 3);
  assert.equal(s.slice(hits[0]!.start, hits[0]!.end), 'RGVA, f. 4, op. 14, d. 70');
  assert.equal(s.slice(hits[1]!.start, hits[1]!.end), '74');
  assert.equal(s.slice(hits[2]!.start, hits[2]!.end), '81');
});

test('an Ibid. with a new sheet keeps the file it repeats', () => {
  assert.deepEqual(files('l. 50', { archive: 'RGVA', fond: '4', opis: '14', delo: '70', list: '1' }), [
    { archive: 'RGVA', fond: '4', opis: '14', delo: '70', list: '50' },
  ]);
});

test('the variants real notes print: op.\' 8, d.122, 1806 g., ch. 2, DPOO, a fond without its key', () => {
  assert.deepEqual(files("RGIA, f. 776, op.' 8, d. 2015, l. 4"), [{ archive: 'RGIA', fond: '776', opis: '8', delo: '2015', list: '4' }]);
  assert.deepEqual(files('RGIA, f. 1286, op. 1, 1806 g., d.122, l. 7'), [
    { archive: 'RGIA', fond: '1286', opis: '1', extra: ['1806 g.'], delo: '122', list: '7' },
  ]);
  const garf = files('GARF f. 102, DPOO 1898, op. 226 d. 12 ch. 2, l. 19')[0]!;
  assert.deepEqual([garf.fond, garf.opis, garf.delo, garf.list], ['102', '226', '12', '19']);
  assert.deepEqual(garf.extra, ['DPOO 1898', 'ch. 2']);
  assert.deepEqual(files('RGVA, 33987, op. 3, d. 1085, ll. 1-6, 35'), [{ archive: 'RGVA', fond: '33987', opis: '3', delo: '1085', list: '1-6, 35' }]);
});

test('the English form "fund, index, case, sheet" and full archive names', () => {
  assert.deepEqual(files('fund 37837, index 10, case 142, sheet 93', { archive: 'RGVA' }), [
    { archive: 'RGVA', fond: '37837', opis: '10', delo: '142', list: '93' },
  ]);
  assert.equal(findArchive('Rossiiskii gosudarstvennyi voennyi arkhiv (hereafter RGVA)')?.abbr, 'RGVA');
  assert.equal(findArchive('the Russian State Archive of Socio-Political History')?.abbr, 'RGASPI');
  assert.equal(findArchive('ЦА ФСБ, ф. 3')?.abbr, 'TsA FSB');
  assert.equal(findArchive('RTsKhIDNI, f. 17')?.abbr, 'RGASPI', 'a former name is the same archive');
  assert.equal(findArchive('garfield'), null);
});

test("TNA's references: series, piece and folio", () => {
  assert.deepEqual(files('TNA: PRO: KV 2/404: 52a'), [{ archive: 'TNA', series: 'KV 2', delo: '404', list: '52a' }]);
  assert.equal(archiveLocation({ archive: 'TNA', series: 'KV 2', delo: '404' }), 'KV 2/404');
  assert.equal(archiveLocation({ archive: 'RGVA', fond: '4', opis: '14', delo: '70' }), 'f. 4, op. 14, d. 70');
});

test('prose with no coordinates yields no archival file', () => {
  assert.deepEqual(files('the archives of the Red Army were opened in 1991'), []);
});

test('the archive table is well formed: unique abbreviations, every name a string', () => {
  const all = archives();
  assert.ok(all.length >= 10);
  assert.equal(new Set(all.map((a) => a.abbr)).size, all.length);
  for (const a of all) {
    assert.ok(a.abbr && a.en, a.abbr);
    for (const n of [...a.former, ...a.aliases]) assert.equal(typeof n, 'string');
  }
  for (const want of ['RGVA', 'RGASPI', 'GARF', 'TsA FSB', 'AP RF', 'RGAE', 'TNA']) assert.ok(all.some((a) => a.abbr === want), want);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { french, german, iuliiaScheme, lc, loadScheme, SCHEMES, spellings, translate } from '../../src/names/translit.js';
import { caseForms } from '../../src/names/decline.js';
import { nameKey, unmix, variantKey } from '../../src/names/key.js';
import { sharedDir } from '../support.js';

test("every sample shipped with iuliia's schemes comes out of the variant generator as published (needs ../shared)", (t) => {
  const shared = sharedDir(t);
  if (!shared) return;
  const dir = join(shared, 'datasets', 'transliteration', 'iuliia');
  let checked = 0;
  let words = 0;
  const schemes = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(schemes.length >= 28, `${schemes.length} schemes`);
  const used = new Set(Object.values(SCHEMES).map((s) => s.name));
  for (const f of schemes) {
    const spec = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { name: string; samples: [string, string][] };
    // iuliia-js 0.8.2 has every Russian scheme; the Uzbek one is loaded from its definition.
    const schema = iuliiaScheme(spec.name) ?? (spec.name === 'uz' ? loadScheme(spec) : undefined);
    assert.ok(schema, `iuliia has the scheme ${spec.name}`);
    for (const [cyr, lat] of spec.samples) {
      assert.equal(translate(cyr, schema), lat, `${spec.name}: ${cyr}`);
      checked++;
      // A one-word sample of a scheme the generator uses is among the spellings it generates.
      if (used.has(spec.name) && /^[\p{L}-]+$/u.test(cyr)) {
        assert.ok(spellings(cyr).includes(lat), `${spec.name}: ${lat} among the spellings of ${cyr}`);
        words++;
      }
    }
  }
  assert.ok(checked >= 160, `${checked} samples`);
  assert.ok(words > 40, `${words} one-word samples`);
});

test('LC without diacritics is the corpus convention', () => {
  assert.equal(lc('Тухачевский'), 'Tukhachevskii');
  assert.equal(lc('Якир'), 'Iakir');
  assert.equal(lc('Ежов'), 'Ezhov');
  assert.equal(lc('Фельдман'), 'Feldman');
  assert.equal(lc('Эйдеман'), 'Eideman');
});

test('German and French usage: Tuchatschewski, Toukhatchevski, Woroschilow, Jeschow', () => {
  assert.equal(german('Тухачевский'), 'Tuchatschewski');
  assert.equal(german('Ворошилов'), 'Woroschilow');
  assert.equal(german('Ежов'), 'Jeschow');
  assert.equal(german('Троцкий'), 'Trozki');
  assert.equal(french('Тухачевский'), 'Toukhatchevski');
  const all = spellings('Тухачевский');
  for (const s of ['Tukhachevskii', 'Tukhachevskiĭ', 'Tukhachevsky', 'Tukhachevskiy', 'Tuhačevskij', 'Tuxačevskij', 'Tuchatschewski', 'Toukhatchevski']) {
    assert.ok(all.includes(s), `${s} among ${all.join(', ')}`);
  }
  assert.ok(spellings('Троцкий').includes('Trotzki'));
});

test('Russian case forms of family names', () => {
  assert.deepEqual(caseForms('Тухачевский'), ['Тухачевского', 'Тухачевскому', 'Тухачевским', 'Тухачевском']);
  assert.ok(caseForms('Уборевич').includes('Уборевича'));
  assert.ok(caseForms('Уборевич').includes('Уборевичем'));
  assert.ok(caseForms('Сталин').includes('Сталиным'));
  assert.ok(caseForms('Путна').includes('Путны'));
  assert.deepEqual(caseForms('Тимошенко'), []);
  assert.ok(caseForms('Ежова', true).includes('Ежовой'));
});

test('name keys: case, diacritics and apostrophes never decide; look-alike letters are read in the word\'s script', () => {
  assert.equal(nameKey("O'Ballance"), nameKey('OBallance'));
  assert.equal(nameKey("Fel'dman"), nameKey('Feldman'));
  assert.equal(nameKey('Tukhachevskiĭ'), nameKey('TUKHACHEVSKII'));
  // Hиколаевич with a Latin H is Николаевич.
  assert.equal(unmix('Hиколаевич'), 'Николаевич');
  assert.equal(nameKey('Hиколаевич'), nameKey('Николаевич'));
  // A Cyrillic о in a Latin word is an o.
  assert.equal(unmix('Vоroshilov'), 'Voroshilov');
  assert.equal(unmix('Tukhachevskii'), 'Tukhachevskii');
});

test('variant keys cluster spellings of one name across schemes, and keep different names apart', () => {
  const k = variantKey('Tukhachevskii');
  for (const s of ['Tukhachevsky', 'Tuchatschewski', 'Toukhatchevski', 'Tukhachevskiy', 'Tuhačevskij']) assert.equal(variantKey(s), k, s);
  assert.equal(variantKey('Yezhov'), variantKey('Ezhov'));
  assert.equal(variantKey('Jakir'), variantKey('Iakir'));
  assert.equal(variantKey('Trotzki'), variantKey('Trotsky'));
  assert.notEqual(variantKey('Kamenev'), variantKey('Kameneva'));
  assert.notEqual(variantKey('Iakir'), variantKey('Iagoda'));
});

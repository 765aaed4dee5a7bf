import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextView } from '../../src/core/view.js';
import { LineIndex } from '../../src/core/positions.js';
import { findMentions, type MentionResult } from '../../src/names/mentions.js';
import { fixtureIndex } from './fixture.js';

function run(text: string): MentionResult {
  const view = new TextView(text, [{ start: 0, end: text.length }]);
  return findMentions([{ view, from: 0, in: 'body' }], fixtureIndex(), new LineIndex(text));
}
const linked = (text: string) => run(text).mentions.map((m) => [m.surface, m.entity]);

test('every spelling of Tukhachevskii is one entity: schemes, typo, lost apostrophe, case ending, Cyrillic, initials, rank', () => {
  const forms = ['Tukhachevskii', 'Tukhachevsky', 'Tukhachesky', 'Toukhatchevski', 'Tuchatschewski', 'Тухачевский', 'Tukhachevskogo', 'M. N. Tukhachevskii', 'Mikhail Tukhachevsky', 'Тухачевского'];
  for (const f of forms) {
    const r = run(`It was ${f} who spoke.`);
    assert.equal(r.mentions.length, 1, f);
    assert.equal(r.mentions[0]!.entity, 'tukhachevskii-mikhail', f);
    assert.equal(r.mentions[0]!.surface, f, f);
  }
  // Lost apostrophe: the possessive s stays outside the mention.
  const p = run('Tukhachevskiis plan and Stalins order');
  assert.deepEqual(p.mentions.map((m) => [m.surface, m.entity]), [['Tukhachevskii', 'tukhachevskii-mikhail'], ['Stalin', 'stalin-iosif']]);
  const r = run('Marshal Tukhachevskii and Tukhachevskii’s letter');
  assert.deepEqual(r.mentions.map((m) => m.surface), ['Tukhachevskii', 'Tukhachevskii']);
  assert.ok(r.mentions[0]!.confidence >= 0.95);
  // A Cyrillic patronymic typed with a Latin H.
  assert.deepEqual(linked('Михаил Hиколаевич Тухачевский'), [['Михаил Hиколаевич Тухачевский', 'tukhachevskii-mikhail']]);
});

test('the police under all its names is one organization; abbreviations match only in capitals', () => {
  assert.deepEqual(linked('The Cheka, then GPU, OGPU and NKVD; ВЧК and НКВД.').map((x) => x[1]), ['nkvd', 'nkvd', 'nkvd', 'nkvd', 'nkvd', 'nkvd']);
  assert.deepEqual(linked('the gpu and the nkvd'), []);
  assert.deepEqual(linked('in the Kiev Military District (KVO)'), [['Kiev Military District', 'kvo'], ['KVO', 'kvo']]);
});

test('namesakes stay apart: Sergei Kamenev the commander, Lev Kamenev the politician', () => {
  assert.deepEqual(linked('Sergei Kamenev led the Red Army. Later Kamenev retired.'), [['Sergei Kamenev', 'kamenev-sergei'], ['Kamenev', 'kamenev-sergei']]);
  assert.deepEqual(linked('Lev Kamenev and Zinoviev were tried. Kamenev confessed.'), [['Lev Kamenev', 'kamenev-lev'], ['Kamenev', 'kamenev-lev']]);
  assert.deepEqual(linked('S. S. Kamenev and L. B. Kamenev'), [['S. S. Kamenev', 'kamenev-sergei'], ['L. B. Kamenev', 'kamenev-lev']]);
  // Nothing decides: listed with its candidates, not guessed.
  const r = run('Kamenev was there.');
  assert.equal(r.mentions.length, 0);
  assert.deepEqual(r.ambiguous.map((a) => a.candidates.sort()), [['kamenev-lev', 'kamenev-sergei']]);
  // A rank decides.
  assert.deepEqual(linked('Komandarm Kamenev inspected'), [['Kamenev', 'kamenev-sergei']]);
});

test('namesakes stay apart: Roy Medvedev the historian, M. Ie. Medvedev the brigade commander', () => {
  assert.deepEqual(linked('Roy Medvedev argues that the case was invented.'), [['Roy Medvedev', 'medvedev-roi']]);
  assert.deepEqual(linked('The testimony of M. Ie. Medvedev in May 1937.'), [['M. Ie. Medvedev', 'medvedev-m']]);
  assert.deepEqual(linked('Kombrig Medvedev was arrested.'), [['Medvedev', 'medvedev-m']]);
  assert.deepEqual(linked('As the historian Medvedev argues in his book'), [['Medvedev', 'medvedev-roi']]);
});

test('initials that fit nobody are another person of that family name, listed as unknown', () => {
  const r = run('A. I. Kamenev, a clerk');
  assert.equal(r.mentions.length, 0);
  assert.equal(r.unknownNames[0]!.surface, 'A. I. Kamenev');
});

test('streets, academies and cities named after people are not mentions of the person', () => {
  assert.deepEqual(linked('He lived at ul. Uborevicha 5.'), []);
  assert.deepEqual(linked('He lived on Uborevich Street.'), []);
  assert.deepEqual(linked('in Kirov the NKVD'), [['Kirov', 'kirov-city'], ['NKVD', 'nkvd']]);
  assert.deepEqual(linked('Kirov was murdered'), [['Kirov', 'kirov-sergei']]);
  // An affair named after him is about him: a mention (eval/gold/mentions/README.md).
  assert.deepEqual(linked('The Tukhachevskii Affair began.'), [['Tukhachevskii', 'tukhachevskii-mikhail']]);
});

test('variants recorded by curators: pseudonyms and conventional English forms', () => {
  assert.deepEqual(linked('Koba wrote to Trotsky, Leon Trotsky, born Bronstein.').map((x) => x[1]), ['stalin-iosif', 'trotskii-lev', 'trotskii-lev', 'trotskii-lev']);
  assert.deepEqual(linked("O'Ballance and OBallance"), [["O'Ballance", 'obal-edgar'], ['OBallance', 'obal-edgar']]);
});

test('inverted names in citations keep their initials: "Voroshilov, K. E." and unknown "Ivanov, I. I."', () => {
  const r = run('Ivanov, I. I., Vospominaniia; Trotskii, L., Moia zhizn');
  assert.deepEqual(r.mentions.map((m) => [m.surface, m.entity]), [['Trotskii, L.', 'trotskii-lev']]);
  assert.deepEqual(r.unknownNames.map((u) => u.surface), ['Ivanov, I. I.']);
});

test('unknown personal names: initials, rank, given name, Russian surname shape', () => {
  const r = run('Komkor Sediakin, A. I. Sedyakin and Ivan Belov met Kashirin, not Martin.');
  assert.deepEqual(r.unknownNames.map((u) => [u.surface, u.evidence]), [
    ['Sediakin', 'rank'],
    ['A. I. Sedyakin', 'initials'],
    ['Ivan Belov', 'given'],
    ['Kashirin', 'surname-ending'],
  ]);
  // Sediakin and Sedyakin are one cluster.
  assert.equal(r.unknownNames[0]!.key, r.unknownNames[1]!.key);
});

test('a name broken across lines by a hyphen is one mention with original offsets', () => {
  const text = 'Marshal Tukha-\nchevskii was shot.';
  const r = run(text);
  assert.equal(r.mentions.length, 1);
  const m = r.mentions[0]!;
  assert.equal(m.entity, 'tukhachevskii-mikhail');
  assert.equal(text.slice(m.start, m.end), 'Tukha-\nchevskii');
});

test('offsets point at the original text, and lines count from 1', () => {
  const text = 'First line.\nThen Stalin spoke to the NKVD.';
  for (const m of run(text).mentions) {
    assert.equal(text.slice(m.start, m.end), m.surface);
    assert.equal(m.line, 2);
  }
});

test('found on unannotated Wikipedia articles: patronymics, rivers, awards and numerals are not people', () => {
  // "Pyotr Nikolayevich Wrangel": the patronymic is no slip for a family name.
  assert.deepEqual(linked('led by Mikhail Nikolayevich Tukhachevsky'), [['Mikhail Nikolayevich Tukhachevsky', 'tukhachevskii-mikhail']]);
  assert.deepEqual(linked('Yekaterina Mikhailovna and the Order of Lenin'), []);
  const r = run('fought in World War I. Stalin spoke. St. Anna and the Berezina River.');
  assert.deepEqual(r.mentions.map((m) => m.surface), ['Stalin']);
  assert.deepEqual(r.unknownNames, []);
});

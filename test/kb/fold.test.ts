import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fold, foldText, tokenize } from '../../src/kb/fold.js';
import { parseQuery, toFtsQuery } from '../../src/kb/query.js';

test('fold lowercases and strips diacritics', () => {
  assert.equal(fold('Beneš').text, 'benes');
  assert.equal(fold('Ilič').text, 'ilic');
  assert.equal(fold('Édouard Daladier').text, 'edouard daladier');
  assert.equal(fold('Łódź Straße Æther Søren Đilas').text, 'lodz strasse aether soren dilas');
});

test('fold keeps Cyrillic й and folds ё to е', () => {
  assert.equal(fold('Йосиф Сталин, Пётр').text, 'йосиф сталин, петр');
  assert.equal(fold('И\u0306осиф').text, 'йосиф'); // decomposed й
});

test('fold removes apostrophes, or makes them spaces', () => {
  for (const a of ["'", '\u2019', '\u02BC', '\u2018', '`', '\u00B4', '\u2032']) {
    assert.equal(fold(`Stalin${a}s`).text, 'stalins', a);
    assert.equal(fold(`Stalin${a}s`, 'space').text, 'stalin s', a);
  }
});

test('fold maps every folded character back to the input', () => {
  const input = "Dal Stalin’s Beneš\u030C? Straße";
  const f = fold(input);
  assert.equal(f.text, 'dal stalins benes? strasse');
  const range = (a: number, b: number): string => input.slice(f.map[a], f.ends[b - 1]);
  for (const t of tokenize(f.text)) assert.equal(fold(range(t.start, t.end)).text, t.text);
  assert.equal(range(4, 11), 'Stalin’s');
  assert.equal(range(12, 17), 'Beneš\u030C'); // the trailing combining mark belongs to the word
  assert.equal(range(19, 26), 'Straße');
});

test('fold keeps astral characters with their input positions', () => {
  const input = '😀 Beneš';
  const f = fold(input);
  assert.equal(f.text, '😀 benes');
  assert.equal(f.map[3], 3);
  assert.equal(input.slice(f.map[3], f.ends[7]), 'Beneš');
});

test('queries translate to FTS5 with every term quoted', () => {
  assert.equal(toFtsQuery(parseQuery('Beneš Masaryk')), '"benes" AND "masaryk"');
  assert.equal(toFtsQuery(parseQuery('"Edvard Beneš" Ben*')), '"edvard benes" AND "ben" *');
  assert.equal(toFtsQuery(parseQuery('a OR b c -d -"e f"')), '(("a" OR "b") AND "c") NOT ("d" OR "e f")');
  // Characters that are not letters or digits only separate tokens: joined ones form a phrase.
  assert.equal(toFtsQuery(parseQuery('NEAR(x: ^y')), '"near x" AND "y"');
  assert.equal(toFtsQuery(parseQuery('Jean-Paul')), '"jean paul"');
  assert.equal(toFtsQuery(parseQuery('"unbalanced phrase')), '"unbalanced phrase"');
});

test('foldText is fold(...).text for any text: ASCII runs, marks after ASCII letters, apostrophes, astral characters', () => {
  const alphabet = ['a', 'Z', ' ', "'", '`', '\u2019', 'é', 'e\u0301', '\u0301', 'й', 'и\u0306', 'Ё', 'ß', 'Æ', '😀', '\n', '-', '1', 'İ', 'ǅ', 'ﬁ'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), fc.string({ maxLength: 20 }), (parts, extra) => {
      const s = parts.join('') + extra;
      for (const mode of ['remove', 'space'] as const) assert.equal(foldText(s, mode), fold(s, mode).text, JSON.stringify(s));
    }),
    { numRuns: 2000 },
  );
});

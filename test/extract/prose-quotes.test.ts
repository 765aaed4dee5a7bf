/** Quotations in scholarly prose: marks, block quotations, lost marks; who speaks; the note that cites them. Texts written for the test. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extract } from '../core/doc.js';

// An article in the layout of the reference article: paragraphs between blank lines, notes at the foot.
const ARTICLE = [
  'The Army and the Spy Scare',
  '',
  'In the spring of 1937 the language of the leadership hardened. At the Military Council Gamarnik declared: \'Comrades, the enemy has reached deep into our ranks.\'1 Pravda printed the article \'Lessons of the Spy Trials for the Army\' the next day.2',
  '',
  'Voroshilov had long defended his commanders. In a letter to Stalin, Voroshilov complained that the army was \'being made the scapegoat for every failure\'.3 Officers now spoke of enemies of the people and of \'enemies of the people\' in the same breath.',
  '',
  'Stalin returned to the theme a week later. \'We shall not leave a single spy in the Red Army,\' he told the meeting.4 He then spoke at length about foreign agents:',
  '',
  'Every army has its traitors, and ours is not spared; the difference is that we find them before the war and not during it.5',
  '',
  'Historians have read these words in different ways.',
  '',
  '1 RGVA, f. 4, op. 18, d. 53, l. 12.',
  '2 Pravda, 2 June 1937, p. 1.',
  '3 RGASPI, f. 74, op. 2, d. 43, l. 5.',
  '4 RGVA, f. 4, op. 18, d. 54, l. 3.',
  '5 RGVA, f. 4, op. 18, d. 54, l. 4.',
  '',
].join('\n');

const x = extract(ARTICLE, 'article');
const q = (words: string) => {
  const found = x.quotes.find((r) => r.text.startsWith(words));
  assert.ok(found, `a quotation starting "${words}" among ${JSON.stringify(x.quotes.map((r) => r.text.slice(0, 30)))}`);
  return found;
};

test('words in quotation marks after a verb of saying are the words of whom it names, cited by the next note', () => {
  const g = q('Comrades, the enemy');
  assert.equal(g.speaker, 'gamarnik-ian');
  assert.equal(g.noteLabel, '1');
  assert.ok(g.note, 'the note is tied');
  assert.ok(g.citation, 'and its first citation');
  assert.equal(ARTICLE.slice(g.start, g.end), 'Comrades, the enemy has reached deep into our ranks.', 'the span is the words, without the marks or the marker');
});

test('the one written to is not the speaker', () => {
  const v = q('being made the scapegoat');
  assert.equal(v.speaker, 'voroshilov-kliment');
  assert.equal(v.noteLabel, '3');
});

test('"he told": a pronoun after the words is the subject of the sentence before', () => {
  const s = q('We shall not leave');
  assert.equal(s.speaker, 'stalin-iosif');
  assert.equal(s.noteLabel, '4');
});

test('a paragraph after one ending in a colon is a block quotation of whom that paragraph names', () => {
  const b = q('Every army has its traitors');
  assert.equal(b.speaker, 'stalin-iosif');
  assert.equal(b.noteLabel, '5');
  assert.match(b.text, /not during it\.$/);
});

test('titles, set terms and the historian\'s own words are not quotations', () => {
  assert.ok(!x.quotes.some((r) => /Lessons of the Spy Trials|^enemies of the people|Historians have read/.test(r.text)));
  assert.equal(x.quotes.length, 4);
});

// A thesis whose extraction lost every quotation mark.
const LOST = [
  'The Old Officers',
  '',
  'The commissars distrusted the former officers. In 1923 Trotsky wrote: Of the old officer corps only a small part served us from conviction, the rest from necessity.1 The commissars did not forget it.',
  '',
  'The old officers were still needed. As Reese commented, the army could not have been built without them.2',
  '',
  'The question returned in 1930.',
  '',
  '1 Trotsky, How the Revolution Armed, p. 12.',
  '2 Reese, Red Commanders, p. 34.',
  '',
].join('\n');

test('without quotation marks, the words a verb of saying and a colon or comma open run to the note that cites them', () => {
  const y = extract(LOST, 'lost');
  const t = y.quotes.find((r) => r.text.startsWith('Of the old officer corps'));
  assert.ok(t, JSON.stringify(y.quotes.map((r) => r.text)));
  assert.equal(t.speaker, 'trotskii-lev');
  assert.equal(t.noteLabel, '1');
  assert.match(t.text, /from necessity\.$/);
  const r = y.quotes.find((z) => z.text.startsWith('the army could not'));
  assert.equal(r?.speaker, 'reese-roger');
  assert.equal(y.quotes.length, 2, 'the commissars forgetting is the historian\'s sentence');
});

test('hostile text: thousands of unclosed marks close nothing, and markup inside quoted words stays data', () => {
  const hostile = `A Test\n\n${"He said: 'x ".repeat(20_000)}\n\nStalin declared: '<script>alert(1)</script> is not a word of ours.'1\n\n1 RGVA, f. 4, op. 18, d. 53, l. 12.\n`;
  const got = extract(hostile, 'hostile').quotes;
  assert.ok(!got.some((r) => r.text.startsWith('x He said')), 'an unclosed mark pairs with nothing');
  const q = got.find((r) => r.text.includes('<script>'));
  assert.ok(q);
  assert.equal(q.text, '<script>alert(1)</script> is not a word of ours.', 'kept as written; the CLI and web app escape it when shown');
});

/** Quotations of a compilation: blocks and their source lines, dialogue turns, interviewees, insertions, compilers' remarks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSourceLine } from '../../src/cite/split.js';
import { compilationQuotes } from '../../src/extract/quotes.js';
import { splitLines } from '../../src/text/lines.js';

// A compilation written for this test, in the layout of the reference compilation.
const TEXT = [
  'A Compilation of Sources',
  '',
  '',
  'The generals [the accused] were tried in closed session and shot the next morning.',
  'Strong, Anna L. The Soviets Expected It. New York: The Dial Press, 1941, p. 134',
  '',
  'CHUEV: Was he dangerous?',
  'MOLOTOV: He was a most dangerous man.',
  'And he was popular in the army.',
  'Chuev, Feliks. Molotov Remembers. Chicago: I. R. Dee, 1993, p. 280',
  '',
  'He hurried with his plans.',
  'Chuev, Feliks. Molotov Remembers. Chicago: I. R. Dee, 1993, p. 281',
  '',
  'The first paragraph of a long passage.',
  '',
  'The second paragraph of the same passage.',
  '',
  'Thurston, Robert. Life and Terror in Stalin\'s Russia. New Haven: Yale University Press, c1996, p. 50-53',
  '',
  '[Compiler\'s note] This is the compiler speaking, not a source.',
  '',
].join('\n');

const quotes = compilationQuotes('c', TEXT, splitLines(TEXT));
const at = (words: string) => {
  const q = quotes.find((x) => x.text.startsWith(words));
  assert.ok(q, `a quotation starting "${words}"`);
  return q;
};

test('a block closed by its source line is a quotation of the source\'s author, with the work, year and page', () => {
  const q = at('The generals');
  assert.equal(q.speakerName, 'Strong');
  assert.equal(q.speaker, 'strong-anna-louise');
  assert.equal(q.source?.title, 'The Soviets Expected It');
  assert.equal(q.source?.year, '1941');
  assert.deepEqual(q.source?.locator, { label: 'page', value: '134' });
  assert.equal(TEXT.slice(q.start, q.end), q.text);
  assert.equal(q.line, 4);
});

test('an editor\'s insertion in square brackets stays inside the quotation and is listed', () => {
  const q = at('The generals');
  assert.equal(q.insertions.length, 1);
  assert.equal(TEXT.slice(q.insertions[0]!.start, q.insertions[0]!.end), '[the accused]');
});

test('each turn of an interview is a quotation of the person its label names; unlabelled lines continue the turn', () => {
  const chuev = at('Was he dangerous?');
  assert.equal(chuev.turn, 'CHUEV');
  assert.equal(chuev.speaker, 'chuev-feliks');
  const molotov = at('He was a most dangerous man.');
  assert.equal(molotov.speaker, 'molotov-viacheslav');
  assert.equal(molotov.speakerName, 'Molotov');
  assert.match(molotov.text, /popular in the army\.$/);
  assert.equal(TEXT.slice(molotov.start, molotov.start + 2), 'He', 'the label is not part of the words');
});

test('in a book of interviews, a block without turns is the interviewee\'s, not the author\'s', () => {
  const q = at('He hurried');
  assert.equal(q.speaker, 'molotov-viacheslav');
  assert.deepEqual(q.source?.locator, { label: 'page', value: '281' });
});

test('paragraphs before a source line given apart share that source', () => {
  assert.equal(at('The first paragraph').source?.author, 'Thurston');
  assert.equal(at('The second paragraph').source?.author, 'Thurston');
  assert.equal(at('The second paragraph').source?.year, '1996', 'c1996 is 1996');
});

test('the compilation\'s title and the compiler\'s remarks are not quotations', () => {
  assert.ok(!quotes.some((q) => /A Compilation of Sources|compiler speaking/.test(q.text)));
  assert.equal(quotes.length, 6);
});

test('source lines are told from quoted sentences', () => {
  assert.ok(isSourceLine('Chuev, Feliks. Molotov Remembers. Chicago: I. R. Dee, 1993, p. 26'));
  assert.ok(isSourceLine('Martens, Ludo. Another View of Stalin. Antwerp, Belgium: EPO, p. 169'));
  assert.ok(!isSourceLine('In 1937 the army lost its commanders: most of them were shot.'));
});

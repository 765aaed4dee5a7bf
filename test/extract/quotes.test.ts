/** Quotations of a compilation: blocks and their source lines, dialogue turns, interviewees, insertions, compilers' remarks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSourceLine } from '../../src/cite/split.js';
import { compilationQuotes } from '../../src/extract/quotes.js';
import { splitLines } from '../../src/text/lines.js';
import { extractDoc } from '../../src/pipeline.js';
import { testMeta } from '../core/doc.js';

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

test('paragraphs of one speaker before their source line are one quotation', () => {
  const q = at('The first paragraph');
  assert.equal(q.source?.author, 'Thurston');
  assert.equal(q.source?.year, '1996', 'c1996 is 1996');
  assert.match(q.text, /second paragraph of the same passage\.$/);
});

test('the compilation\'s title and the compiler\'s remarks are not quotations', () => {
  assert.ok(!quotes.some((q) => /A Compilation of Sources|compiler speaking/.test(q.text)));
  assert.equal(quotes.length, 5);
});

test('source lines are told from quoted sentences', () => {
  assert.ok(isSourceLine('Chuev, Feliks. Molotov Remembers. Chicago: I. R. Dee, 1993, p. 26'));
  assert.ok(isSourceLine('Martens, Ludo. Another View of Stalin. Antwerp, Belgium: EPO, p. 169'));
  assert.ok(!isSourceLine('In 1937 the army lost its commanders: most of them were shot.'));
});

// Who speaks inside a passage: written for this test in the layout of the reference compilation.
const SCENES = [
  'Krivitsky, Walter G. I was Stalin\'s Agent, London: H. Hamilton, 1939, p. 240',
  '',
  'My agent in Berlin heard the talk at a dinner. He reported Wiedemann\'s reply:',
  '"There were far more of our people in that army than anyone in Moscow guessed."',
  'Krivitsky, Walter G. I was Stalin\'s Agent, London: H. Hamilton, 1939, p. 242',
  '',
  'Why would such men betray? Consider who later served the enemy. The historian Cookridge writes:',
  '"Among the officers around him were several men released from the camps."',
  'E. H. Cookridge, Gehlen: Spy of the Century (New York: Random House, 1972), pp. 57--58.',
  '',
  'So the suspicions of 1937 were not groundless.',
  'Martens, Ludo. Another View of Stalin. Antwerp, Belgium: EPO, 1994, p. 169 [p. 155 on the NET]',
  '',
  '[Stalin stated to Voroshilov], "The marshal has acted on foreign policy without telling anyone."',
  'Alexandrov, Victor. The Tukhachevsky Affair. London: Macdonald, 1963, p. 60',
  '            The telephone rang in Tukhachevsky\'s office.',
  '            "Comrade Stalin, I am listening."',
  '            "Are you well?" asked Stalin.',
  '            "Quite well, thank you."',
  '            "Good. We shall speak again soon."',
  '            "I shall be waiting."',
  'Alexandrov, Victor. The Tukhachevsky Affair. London: Macdonald, 1963, p. 153',
  '            The figures of discharged officers were long exaggerated abroad.',
  '[The compiler: arrests and discharges are not the same thing]',
  '            Many of the men discharged were later taken back.',
  'Getty and Manning. Stalinist Terror. Cambridge, NY: Cambridge University Press, 1993, p. 213',
  '',
  'STALIN [In a June 1937 speech]: You have all read the statement?',
  'VOICE FROM AUDIENCE: We have read it.',
  'Lucas and Ukas. Trans. and Ed. Secret Documents. Toronto, Canada: Northstar Compass, 1996, p. 110-112',
  '',
].join('\n');
const scenes = extractDoc(SCENES, { ...testMeta(SCENES, 'scenes'), kind: 'compilation' }).quotes;
const said = (words: string) => {
  const q = scenes.find((x) => x.text.startsWith(words));
  assert.ok(q, `a quotation starting "${words}"`);
  return q;
};

test('a quotation a line introduces with a colon is the words of whom that line names, quoted by the source\'s author', () => {
  const q = said('"There were far more');
  assert.equal(q.speaker, 'wiedemann-fritz');
  assert.equal(q.quotedBy, 'krivitskii-walter');
  assert.equal(q.source?.locator?.value, '242');
  assert.equal(said('My agent in Berlin').speaker, 'krivitskii-walter');
});

test('a quotation with its own source line inside another author\'s passage takes only that source; the passage resumes after it', () => {
  const inner = said('"Among the officers');
  assert.equal(inner.speaker, 'cookridge-e');
  assert.equal(inner.source?.title, 'Gehlen: Spy of the Century');
  const before = said('Why would such men betray?');
  const after = said('So the suspicions');
  assert.equal(before.speaker, 'martens-ludo');
  assert.equal(after.speaker, 'martens-ludo');
  assert.notEqual(before.id, after.id, 'the words before and after the inner quotation are two quotations');
  assert.equal(after.source?.locator?.value, '169', 'the compiler\'s bracketed remark is not part of the page');
});

test('an editor\'s bracketed lead-in names the speaker, not the one spoken to', () => {
  const q = said('[Stalin stated to Voroshilov]');
  assert.equal(q.speaker, 'stalin-iosif');
  assert.equal(q.quotedBy, 'alexandrov-victor');
});

test('a narrated dialogue: lines of nothing but quoted words alternate between the two people the narration names', () => {
  assert.equal(said('The telephone rang').speaker, 'alexandrov-victor');
  assert.equal(said('"Comrade Stalin, I am listening."').speaker, 'tukhachevskii-mikhail', 'counted back from the first named speaker');
  assert.equal(said('"Are you well?" asked Stalin.').speaker, 'alexandrov-victor', 'a narrated line is the narrator\'s');
  assert.equal(said('"Quite well').speaker, 'tukhachevskii-mikhail');
  assert.equal(said('"Good. We shall').speaker, 'stalin-iosif');
  assert.equal(said('"I shall be waiting."').speaker, 'tukhachevskii-mikhail');
});

test('a compiler\'s remark between two lines of one source parts them into two quotations of it', () => {
  const a = said('The figures of discharged');
  const b = said('Many of the men discharged');
  assert.notEqual(a.id, b.id);
  assert.equal(a.source?.locator?.value, '213');
  assert.ok(!scenes.some((q) => q.text.includes('The compiler:')));
});

test('turn labels of several words, or with an editor\'s remark, are turns; the editors of a document collection are not its speakers', () => {
  const stalin = said('You have all read');
  assert.equal(stalin.turn, 'STALIN');
  assert.equal(stalin.speaker, 'stalin-iosif');
  assert.equal(stalin.source?.title, 'Secret Documents');
  const voice = said('We have read it.');
  assert.equal(voice.turn, 'VOICE FROM AUDIENCE');
  assert.equal(voice.speaker, null);
});

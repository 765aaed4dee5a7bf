import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import fc from 'fast-check';
import { defaultTagger, gapClasses, GAPS, MODEL_PATH, shape, tagReference, tokenFeatures, type Field } from '../../src/cite/tagger.js';
import { tokenize } from '../../src/cite/tokens.js';

/** Pieces of reference-like text, white space of every kind, and the odd hostile character. */
const PIECES = fc.constantFrom(
  'Smith,', 'J.', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '(1999).', 'pp.', '12–34', '“', '”', '"', 'In:', 'ed.', '😀', '\u0000', '\u200b', '\ud800', '\udfff', 'é', 'e\u0301',
);
const texts = fc.oneof(fc.string({ unit: PIECES, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 200 }));

function checkTokens(text: string, splitPunct: boolean): void {
  const tokens = tokenize(text, splitPunct);
  let at = 0;
  for (const t of tokens) {
    assert.equal(t.text, text.slice(t.start, t.end));
    assert.ok(t.start >= at && t.end > t.start, `token ${t.start}..${t.end} after ${at}`);
    assert.ok(!/\s/.test(t.text), `white space in token ${JSON.stringify(t.text)}`);
    // Only white space is left between tokens.
    assert.ok(!/\S/.test(text.slice(at, t.start)), `text skipped at ${at}..${t.start}`);
    at = t.end;
  }
  assert.ok(!/\S/.test(text.slice(at)));
}

test('property: every token is the slice of the text at its offsets, and tokens skip only white space', () => {
  fc.assert(
    fc.property(texts, (text) => {
      checkTokens(text, false);
      checkTokens(text, true);
    }),
    { numRuns: 1000 },
  );
});

test('tokenize keeps punctuation on white-space tokens, or splits it off when asked', () => {
  assert.deepEqual(
    tokenize(' Smith, J.\t(1999).').map((t) => [t.text, t.start, t.end]),
    [
      ['Smith,', 1, 7],
      ['J.', 8, 10],
      ['(1999).', 11, 18],
    ],
  );
  assert.deepEqual(
    tokenize('Smith, J.-P. (1999).', true).map((t) => t.text),
    ['Smith', ',', 'J', '.', '-', 'P', '.', '(', '1999', ')', '.'],
  );
  assert.deepEqual(tokenize(''), []);
});

test('word shapes and gap classes', () => {
  assert.equal(shape('Smith,'), 'Xx,');
  assert.equal(shape('(1999).'), '(d).');
  assert.equal(shape('ÉCOLE'), 'X');
  // After: nothing (the start), a comma, an initial's period, a word's period (then a bracket opens), a closing bracket, a colon, a letter.
  const gaps = gapClasses(tokenize('Smith, J. Title. (1999) In: The Book'));
  assert.deepEqual([...gaps], [0, 2, 4, 7, 12, 8, 0]);
  assert.ok(Math.max(...gaps) < GAPS);
  assert.equal(tokenFeatures([]).length, 0);
});

function checkFields(text: string, fields: Field[], labels: readonly string[]): void {
  let at = 0;
  for (const f of fields) {
    assert.equal(f.text, text.slice(f.start, f.end));
    assert.ok(f.start >= at && f.end > f.start, `field ${f.start}..${f.end} after ${at}`);
    assert.ok(labels.includes(f.label), `unknown label ${f.label}`);
    at = f.end;
  }
}

test('property: tagReference never throws, and each field is the slice of the text at its offsets', () => {
  const labels = defaultTagger().labels;
  fc.assert(
    fc.property(texts, (text) => checkFields(text, tagReference(text), labels)),
    { numRuns: 300 },
  );
});

test('tagReference on hostile input: empty, white space only, 100,000 characters, control characters', () => {
  const labels = defaultTagger().labels;
  assert.deepEqual(tagReference(''), []);
  assert.deepEqual(tagReference(' \n\t\u00a0 '), []);
  const cases = [
    'x'.repeat(100_000),
    'ab '.repeat(33_334),
    'Smith, J. (1999). '.repeat(5_600),
    '\u0000\u0001\u0007\u001b[31m\ud800 \udfff\u202e(1999).\u0085 '.repeat(2_000),
  ];
  for (const text of cases) {
    const fields = tagReference(text);
    assert.ok(fields.length > 0);
    checkFields(text, fields, labels);
  }
});

/** References written for this test (made-up works, in several citation styles): author, title and date as they should come out. */
const MINE: { ref: string; author: string; title: string; date?: string }[] = [
  {
    ref: 'Okonkwo, A. M., & Lindqvist, P. (2014). Grain prices and rural unrest in the Baltic provinces, 1840-1880. Journal of Agrarian History, 31(2), 115-139.',
    author: 'Okonkwo, A. M., & Lindqvist, P.',
    title: 'Grain prices and rural unrest in the Baltic provinces, 1840-1880.',
    date: '(2014).',
  },
  {
    ref: 'Hartmann, Wilhelmine. Die Zunft der Kupferschmiede in Nürnberg. Stuttgart: Kohlhammer, 1987.',
    author: 'Hartmann, Wilhelmine.',
    title: 'Die Zunft der Kupferschmiede in Nürnberg.',
    date: '1987.',
  },
  {
    ref: 'Delacroix, Marie-Thérèse. 2003. "Letters from the Levant: Merchant Correspondence in Marseille." French Historical Review 18: 201-227.',
    author: 'Delacroix, Marie-Thérèse.',
    title: '"Letters from the Levant: Merchant Correspondence in Marseille."',
    date: '2003.',
  },
  {
    ref: 'Petrov, Ivan, and Olga Sokolova. The Archive and the Village: Collectivization in Tambov. Cambridge: Cambridge University Press, 2011.',
    author: 'Petrov, Ivan, and Olga Sokolova.',
    title: 'The Archive and the Village: Collectivization in Tambov.',
    date: '2011.',
  },
  {
    ref: '[12] K. Nakamura, L. Ortega, and R. Bhatt, "Adaptive sampling for sparse sensor networks," IEEE Trans. Signal Process., vol. 58, no. 4, pp. 2011-2024, 2010.',
    author: 'K. Nakamura, L. Ortega, and R. Bhatt,',
    title: '"Adaptive sampling for sparse sensor networks,"',
    date: '2010.',
  },
  {
    ref: 'Abernathy, Claire. "The Widow\'s Portion: Inheritance Disputes in Colonial Virginia." In Law and Family in Early America, edited by Thomas Reed, 45-72. Chapel Hill: University of North Carolina Press, 1999.',
    author: 'Abernathy, Claire.',
    title: '"The Widow\'s Portion: Inheritance Disputes in Colonial Virginia."',
    date: '1999.',
  },
  {
    ref: 'Moreau, J.-P. (1962). La vie quotidienne des mineurs du Nord. Paris: Gallimard.',
    author: 'Moreau, J.-P.',
    title: 'La vie quotidienne des mineurs du Nord.',
    date: '(1962).',
  },
];

test('tagReference finds the author, title and date of references written for this test', () => {
  for (const m of MINE) {
    const fields = tagReference(m.ref);
    const got = (label: string) => fields.filter((f) => f.label === label).map((f) => f.text);
    const shown = fields.map((f) => `${f.label}: ${f.text}`).join(' | ');
    assert.deepEqual(got('author'), [m.author], shown);
    assert.deepEqual(got('title'), [m.title], shown);
    if (m.date) assert.deepEqual(got('date'), [m.date], shown);
  }
});

test('the shipped model is under 3 MB and found relative to the compiled module', () => {
  const file = MODEL_PATH;
  assert.match(file.replaceAll('\\', '/'), /\/data\/cite-tagger\.json$/);
  assert.ok(!file.replaceAll('\\', '/').includes('/dist/'), `model path ${file} points into dist/`);
  assert.ok(statSync(file).size < 3_000_000);
  const t = defaultTagger();
  for (const l of ['author', 'title', 'date', 'journal', 'container-title', 'pages', 'volume', 'publisher', 'location', 'editor']) assert.ok(t.labels.includes(l), l);
});

test('a title opening with a year, a given name ending in an initial, and role words after the names are mended', () => {
  const labelled = (ref: string) => Object.fromEntries(tagReference(ref).map((f) => [f.label, f.text]));
  const year = labelled('Rogovin, Vadim. 1937: Year of Terror. Oak Park, Michigan: Labor Publications, 1998, p. 446');
  assert.equal(year.title, '1937: Year of Terror.');
  assert.equal(year.date, '1998,');
  const initial = labelled('Cole, David M. Josef Stalin; Man of Steel. London: Rich & Cowan, 1942, p. 107');
  assert.equal(initial.author, 'Cole, David M.');
  assert.equal(initial.title, 'Josef Stalin; Man of Steel.');
  assert.equal(labelled('Getty, J. Arch. Origins of the Great Purges. Cambridge: CUP, 1985.').author, 'Getty, J. Arch.', 'one word after the initial is a given name');
  const roles = labelled('Lucas and Ukas. Trans. and Ed. Secret Documents. Toronto, Canada: Northstar Compass, 1996, p. 109');
  assert.equal(roles.editor, 'Lucas and Ukas.');
  assert.equal(roles.title, 'Secret Documents.');
  assert.equal(roles.author, undefined);
});

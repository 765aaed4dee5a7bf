import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteAt, reanchor } from '../../src/kb/names.js';

const TEXT = 'On 22 May Kamenev spoke. Later, in June, Kamenev wrote again.';

test('a decision re-anchors exactly when the text is unchanged', () => {
  const at = TEXT.indexOf('Kamenev', 30);
  const q = quoteAt(TEXT, at, at + 7);
  assert.deepEqual(reanchor(TEXT, q, at), { anchor: 'exact', start: at, end: at + 7 });
});

test('a decision follows its quote when text before it changed (fuzzy), choosing the occurrence whose context agrees', () => {
  const at = TEXT.indexOf('Kamenev', 30);
  const q = quoteAt(TEXT, at, at + 7);
  const changed = 'PREFACE ADDED. ' + TEXT;
  const r = reanchor(changed, q, at);
  assert.equal(r.anchor, 'fuzzy');
  assert.equal(r.start, changed.indexOf('Kamenev', 40));
  assert.equal(changed.slice(r.start, r.end), 'Kamenev');
});

test('a decision whose quote is gone is an orphan, kept with its old offsets', () => {
  const at = TEXT.indexOf('Kamenev');
  const q = quoteAt(TEXT, at, at + 7);
  assert.deepEqual(reanchor(TEXT.replace(/Kamenev/g, 'Zinoviev'), q, at), { anchor: 'orphan', start: at, end: at + 7 });
});

test('a short quote found again only in another context is an orphan, not moved to another mention', () => {
  const at = TEXT.indexOf('Kamenev', 30);
  const q = quoteAt(TEXT, at, at + 7);
  const changed = TEXT.replace('Later, in June, Kamenev wrote again.', 'Nothing more.');
  assert.equal(reanchor(changed, q, at).anchor, 'orphan');
});

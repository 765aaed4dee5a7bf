import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitNote } from '../../src/cite/split.js';

const pieces = (t: string, known?: { families: Set<string>; titles: Set<string> }) =>
  splitNote(t, known).map((p) => [p.kind, t.slice(p.start, p.end), p.signal]);

test('references separated by semicolons, each with its signal', () => {
  assert.deepEqual(pieces('See Erickson, The Soviet High Command, p. 465; Conquest, pp. 201-235. See also Shapiro, p. 71.'), [
    ['reference', 'Erickson, The Soviet High Command, p. 465', 'see'],
    ['reference', 'Conquest, pp. 201-235.', null],
    ['reference', 'Shapiro, p. 71.', 'see also'],
  ]);
});

test('commentary around references is kept apart, and the lead-in prose is not part of the reference', () => {
  const t = 'Duranty is well-known as having been a Soviet sympathiser. For this version, see Roman Brackman, The Secret File of Joseph Stalin (London: Frank Cass, 2001).';
  assert.deepEqual(pieces(t), [
    ['commentary', 'Duranty is well-known as having been a Soviet sympathiser.', null],
    ['commentary', 'For this version', null],
    ['reference', 'Roman Brackman, The Secret File of Joseph Stalin (London: Frank Cass, 2001).', 'see'],
  ]);
});

test('a journal volume "19. 1-3" and initials do not end a sentence; "Ibid. See" does', () => {
  const a = pieces('Roger Reese, The Impact, The Soviet and Post-Soviet Review, 19. 1-3 (1992), 71-90 (p. 72).');
  assert.equal(a.length, 1);
  const b = pieces('Ibid. See also J. Arch Getty, Origins of the Great Purges (Cambridge: Cambridge University Press, 1985), p. 3.');
  assert.deepEqual(b.map((x) => x[0]), ['reference', 'reference']);
  assert.equal(b[1]![2], 'see also');
});

test('"pp. 128–31; 136–37" and "d. 70; 74" stay one piece; ", and" before a second work splits', () => {
  assert.equal(pieces('*Ibid.*, pp. 128–31; 136–37.').length, 1);
  assert.equal(pieces('RGVA, f. 4, op. 14, d. 70; 74.').length, 1);
  const t = "See Robert Conquest, *The Great Terror*, London, 1968, and Adam Ulam, *Stalin: The Man and his Era*, New York, 1974.";
  const p = splitNote(t);
  assert.equal(p.length, 2);
  assert.equal(t.slice(p[1]!.start, p[1]!.end), 'Adam Ulam, *Stalin: The Man and his Era*, New York, 1974.');
});

test('bare short forms are references only when the document has cited their author or title in full', () => {
  const known = { families: new Set(['hagenloh', 'shearer', 'khlevniuk']), titles: new Set(['master of the house']) };
  assert.deepEqual(pieces('See in particular, Hagenloh, Shearer and Khlevniuk.', known).map((x) => x[1]), ['Hagenloh', 'Shearer', 'Khlevniuk']);
  assert.deepEqual(pieces('See in particular, Hagenloh, Shearer and Khlevniuk.').map((x) => x[0]), ['commentary']);
  assert.deepEqual(pieces('Master of the House.', known), [['reference', 'Master of the House.', null]]);
});

test('pure commentary is commentary', () => {
  assert.deepEqual(pieces('In January 1957 the Military Collegium rehabilitated the senior officers.').map((x) => x[0]), ['commentary']);
});

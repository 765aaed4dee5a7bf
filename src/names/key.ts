/**
 * Name keys: the one normalisation under which two spellings of a name are
 * compared. Case, diacritics and apostrophes never decide (Fel'dman =
 * Feldman, OBallance = O'Ballance), and a word written in one script with a
 * look-alike letter of the other ("Hиколаевич" with a Latin H) is read in the
 * script of the rest of the word.
 */
import { fold } from '../kb/fold.js';

/** Latin letters and their Cyrillic look-alikes. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і',
};
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).map(([l, c]) => [c, l]),
);

const CYR = /\p{Script=Cyrillic}/u;
const LAT = /\p{Script=Latin}/u;

/** A word with look-alike letters of the other script read in the script of most of its letters. */
export function unmix(word: string): string {
  if (!CYR.test(word) || !LAT.test(word)) return word;
  let cyr = 0;
  let lat = 0;
  for (const ch of word) {
    if (CYR.test(ch)) cyr++;
    else if (LAT.test(ch)) lat++;
  }
  const table = cyr >= lat ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  let out = '';
  for (const ch of word) out += table[ch] ?? ch;
  // і (Ukrainian i) stands for и in a Russian word typed with a Latin i.
  return cyr >= lat ? out.replace(/і/g, 'и') : out;
}

/** The key of one word: look-alikes unmixed, folded (lower case, no diacritics, ё→е), apostrophes and hyphens dropped. */
export function wordKey(word: string): string {
  let k = KEYS.get(word);
  if (k === undefined) {
    // Plain ASCII words (most of them) need no Unicode folding.
    k = /^[A-Za-z'’]+$/.test(word) ? word.toLowerCase().replace(/['’]/g, '') : fold(unmix(word)).text.replace(/[^\p{L}\p{N}]/gu, '');
    if (KEYS.size > 200_000) KEYS.clear();
    KEYS.set(word, k);
  }
  return k;
}
const KEYS = new Map<string, string>();

/** The key of a name of one or more words: word keys joined by single spaces. */
export function nameKey(name: string): string {
  return words(name).map(wordKey).filter(Boolean).join(' ');
}

/** The words of a name: letter runs, with apostrophes and hyphens inside a word splitting only at hyphens. */
export function words(s: string): string[] {
  return s.match(/[\p{L}\p{M}]+(?:['’ʼ`][\p{L}\p{M}]+)*/gu) ?? [];
}

/**
 * A loose key for clustering spellings of an unknown name across schemes:
 * Tukhachevskii, Tukhachevsky, Tuchatschewski and Toukhatchevski share it.
 * The sounds the schemes write differently are written one way (х ч → h,
 * ш ж з ц → s), iotation before a vowel is dropped and doubled
 * letters are single.
 */
export function variantKey(name: string): string {
  return nameKey(name)
    .split(' ')
    .map((w) =>
      w
        .replace(/ou/g, 'u')
        .replace(/tsch/g, 'h')
        .replace(/sch/g, 's')
        .replace(/tch|ch|kh|x/g, 'h')
        .replace(/sh|zh|tz|ts|z/g, 's')
        // A bare c is ISO 9's č (ч) far more often than its c (ц) in names: Uborevič.
        .replace(/c/g, 'h')
        .replace(/w/g, 'v')
        .replace(/ph/g, 'f')
        .replace(/(skii|skiy|skij|sky|ski)$/, 'ski')
        .replace(/(ii|iy|ij|yi|yy|y)$/, 'i')
        .replace(/[jyi](?=[aeiou])/g, '')
        .replace(/[jy]/g, 'i')
        .replace(/(.)\1+/g, '$1'),
    )
    .join(' ');
}

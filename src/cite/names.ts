/**
 * Personal names in references: "J. Arch Getty", "Iu. L. Diakov", "Mark von
 * Hagen" in notes; "Getty, J. Arch" inverted in bibliographies; lists joined by
 * commas and "and"; "et al." and "and others" dropped.
 */
import type { CslName } from '../core/types.js';

const PARTICLE = String.raw`(?<![\p{L}])(?:von|van|de|der|den|du|le|la|di|da|dos|des|ten|ter)`;
// Title words that never start or make up a personal name.
const NOT_NAME = String.raw`(?!(?:The|A|An|Of|In|On|For|To|From|With|By|And|At|Its|Stalin['’]?s?|Soviet|Russian|Red|Army|History|Review|Journal|Studies|Press|University|Terror|War|Revolution|Politics|Guide)(?![\p{L}.]))`;
// A capitalised name word, an initial ("J.", "Iu.", "Zh."), or a hyphenated pair.
const WORD = String.raw`${NOT_NAME}(?:\p{Lu}[\p{Ll}'’]*\.|\p{Lu}[\p{L}'’]+(?:-\p{Lu}?[\p{L}'’]+)?)`;
export const FAMILY = String.raw`(?:${PARTICLE}\s+)*${NOT_NAME}\p{Lu}[\p{L}'’]+(?:-\p{Lu}?[\p{L}'’]+)?`;
/** One name in natural order: 0-3 given words, then the family name. */
export const NAME = String.raw`(?:${WORD}\s+){1,3}(?:${PARTICLE}\s+)*${FAMILY}`;
const ETAL = String.raw`(?:,?\s+(?:et\s+al\.?|and\s+others))`;
/** A list of names in natural order: "A and B", "A, B and C", "A et al.". */
// Commas separate names only in a list closed by "and" ("A, B and C"); "Reese, The Red Army" is not two names.
export const NAME_LIST = String.raw`(?:${NAME}|${FAMILY}(?=,?\s+(?:and|&)\s+${NAME}))(?:(?:,\s+${NAME})*,?\s+(?:and|&)\s+${NAME})?${ETAL}?`;
/** A list of family names, as short forms use them: "Getty and Naumov", "Samuelson and Khaustov". */
export const FAMILY_LIST = String.raw`${FAMILY}(?:(?:,\s+${FAMILY})*,?\s+(?:and|&)\s+${FAMILY})?${ETAL}?`;

const WORDS_NOT_NAMES = new Set(
  ['The', 'A', 'An', 'In', 'On', 'Of', 'For', 'See', 'Cf', 'Ibid', 'Document', 'Documents', 'Letter', 'Report', 'Protocol', 'Soviet', 'Stalin', 'Red', 'Army', 'This', 'These', 'That', 'It', 'He', 'She', 'They', 'According', 'During', 'After', 'Before', 'From', 'Also', 'Many', 'Some', 'Most', 'Other', 'Both', 'When', 'While', 'Although', 'However', 'Between', 'Among', 'Secret', 'Central', 'National', 'State', 'Russian', 'British', 'American', 'German', 'New', 'Great', 'Politburo', 'Military', 'Party', 'Order', 'Decree'],
);
const NATURAL_RE = new RegExp(String.raw`^(.*?)\s*((?:${PARTICLE}\s+)*${FAMILY})$`, 'u');
const ETAL_END = new RegExp(`${ETAL}$`, 'u');

/** The names of a list, "et al." dropped: "A, B and C et al." gives A, B, C. */
function listParts(s: string): string[] {
  return s
    .replace(ETAL_END, '')
    .trim()
    .split(/,\s+|,?\s+(?:and|&)\s+/u)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Splits a natural-order name into CSL family/given. */
export function naturalName(s: string): CslName {
  const t = s.replace(/\s+/g, ' ').trim();
  const m = NATURAL_RE.exec(t);
  if (!m || !m[1]) return { family: t };
  return { family: m[2]!, given: m[1] };
}

/** Splits "A, B and C et al." into names in natural order. */
export function splitNames(s: string): CslName[] {
  return listParts(s).map(naturalName);
}

/** Family names only: "Getty and Naumov". */
export function splitFamilies(s: string): CslName[] {
  return listParts(s).map((family) => ({ family }));
}

/** Whether a run of capitalised words is plausibly names rather than the start of prose or a title. */
export function plausibleNames(s: string): boolean {
  const words = s.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0 || words.length > 14) return false;
  const w = words[0]!;
  // "A." is an initial; "A" alone is the article.
  if (/^\p{Lu}\.$/u.test(w)) return true;
  return !WORDS_NOT_NAMES.has(w.replace(/\.$/, ''));
}

/**
 * A bibliography's inverted first name, "Getty, J. Arch" / "Alferov, Zh. I.",
 * followed by natural-order co-authors: "Getty, J. Arch and Oleg Naumov".
 */
export function invertedNames(s: string): CslName[] {
  const m = /^([^,]+),\s+([^,]*?)(?:(?:,\s+|,?\s+(?:and|&)\s+)(.*))?$/u.exec(s.trim());
  if (!m) return [{ family: s.trim() }];
  const first: CslName = { family: m[1]!.trim(), given: m[2]!.trim().replace(/\.$/, (x) => (/\b\p{Lu}\.$/u.test(m[2]!.trim()) ? x : '')) };
  if (!first.given) delete first.given;
  return m[3] ? [first, ...splitNames(m[3])] : [first];
}

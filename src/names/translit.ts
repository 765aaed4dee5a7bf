/**
 * Romanizations of Russian names: iuliia's schemes, as published, plus the
 * German (Duden) and French conventions that no standard covers but that
 * European literature on the purge uses (Tuchatschewski, Toukhatchevski).
 */
import iuliia from 'iuliia';

type Schema = Parameters<typeof iuliia.translate>[1];

/** The iuliia schemes whose spellings a historian meets in print. */
export const SCHEMES: Readonly<Record<string, Schema>> = {
  'ala-lc': iuliia.ALA_LC,
  'ala-lc-alt': iuliia.ALA_LC_ALT,
  'bgn-pcgn': iuliia.BGN_PCGN,
  'bgn-pcgn-alt': iuliia.BGN_PCGN_ALT,
  'bs-2979': iuliia.BS_2979,
  'iso-9': iuliia.GOST_779,
  'iso-9-1968': iuliia.ISO_9_1968,
  'icao': iuliia.ICAO_DOC_9303,
  'ungegn': iuliia.UNGEGN_1987,
  'wikipedia': iuliia.WIKIPEDIA,
  'scientific': iuliia.SCIENTIFIC,
  'mvd-310-fr': iuliia.MVD_310_FR,
};

export type SchemeName = keyof typeof SCHEMES | 'lc' | 'german' | 'french';

/** Every iuliia scheme by its file name in the iuliia repository (`ala_lc`, `wikipedia`), for tests against its samples. */
export function iuliiaScheme(name: string): Schema | undefined {
  return iuliia.Schemas.names().includes(name) ? iuliia.Schemas.get(name) : undefined;
}

/** A scheme from its iuliia JSON definition (for schemes newer than the library, such as Uzbek). */
export function loadScheme(definition: unknown): Schema {
  return iuliia.Schema.load(definition as Parameters<typeof iuliia.Schema.load>[0]);
}

export function translate(cyrillic: string, schema: Schema): string {
  return iuliia.translate(cyrillic, schema);
}

const MARKS = /[\u0300-\u036f\u0361\u0306]/g;

/** Diacritics, tie bars, prime and apostrophe signs removed: the corpus's "LC without diacritics". */
export function plain(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[ʹʺ'’ʼ"]/g, '')
    .normalize('NFC');
}

/** Library of Congress without diacritics, the corpus's convention (Tukhachevskii, Iakir, Ezhov, Feldman). */
export function lc(cyrillic: string): string {
  // iuliia's ALA-LC leaves ё as it is; LC writes ë, which is e without diacritics.
  return plain(iuliia.translate(cyrillic.replace(/ё/g, 'е').replace(/Ё/g, 'Е'), iuliia.ALA_LC));
}

const GERMAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'w', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'sch', з: 's', и: 'i', й: 'i', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'ch', ц: 'z', ч: 'tsch',
  ш: 'sch', щ: 'schtsch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja',
};
const VOWELS = new Set('аеёиоуыэюя');

/**
 * German (Duden) romanization: Tuchatschewski, Woroschilow, Jeschow, Trozki.
 * е is "je" at the start of a word and after a vowel or sign; с between
 * vowels is "ss"; -ий and -ый fall to -i and -y.
 */
export function german(cyrillic: string): string {
  return mapWords(cyrillic, (w) => {
    let out = '';
    const lower = w.toLowerCase();
    for (let i = 0; i < lower.length; i++) {
      const c = lower[i]!;
      const prev = i > 0 ? lower[i - 1]! : '';
      const next = lower[i + 1] ?? '';
      let r = GERMAN[c];
      if (r === undefined) r = c;
      if (c === 'е' && (i === 0 || VOWELS.has(prev) || prev === 'ь' || prev === 'ъ')) r = 'je';
      if (c === 'с' && VOWELS.has(prev) && VOWELS.has(next)) r = 'ss';
      if (c === 'й' && i === lower.length - 1 && (prev === 'и' || prev === 'ы')) r = '';
      if (c === 'й' && VOWELS.has(next)) r = 'j';
      out += r;
    }
    return recase(w, out);
  });
}

/** French usage: iuliia's MVD 310 French scheme with the -ski ending of print (Toukhatchevski, Ejov). */
export function french(cyrillic: string): string {
  return mapWords(plain(iuliia.translate(cyrillic, iuliia.MVD_310_FR)), (w) => w.replace(/(sk|tsk|ck)ii$/i, '$1i').replace(/([^i])ii$/i, '$1i'));
}

/** Every romanization of a Cyrillic name, by scheme; the same spelling may appear under several schemes. */
export function romanizations(cyrillic: string): Map<SchemeName, string> {
  const out = new Map<SchemeName, string>();
  out.set('lc', lc(cyrillic));
  for (const [name, schema] of Object.entries(SCHEMES)) out.set(name as SchemeName, iuliia.translate(cyrillic, schema));
  out.set('german', german(cyrillic));
  out.set('french', french(cyrillic));
  return out;
}

/** The distinct spellings of a Cyrillic name across every scheme, diacritics kept and dropped. */
export function spellings(cyrillic: string): string[] {
  const set = new Set<string>();
  for (const s of romanizations(cyrillic).values()) {
    set.add(s);
    set.add(plain(s));
  }
  // German literature also writes ц after a vowel as "tz" (Trotzki).
  for (const s of [...set]) if (/oz/.test(s) && /ц/i.test(cyrillic)) set.add(s.replace(/([aeiou])z/g, '$1tz'));
  return [...set];
}

function mapWords(s: string, f: (w: string) => string): string {
  return s.replace(/[\p{L}\p{M}]+/gu, f);
}

function recase(model: string, s: string): string {
  if (!s) return s;
  if (model.length > 1 && model === model.toUpperCase()) return s.toUpperCase();
  if (model[0] === model[0]!.toUpperCase()) return s[0]!.toUpperCase() + s.slice(1);
  return s;
}

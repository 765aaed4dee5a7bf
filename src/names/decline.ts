/**
 * Russian case forms of family names, in Cyrillic, so that romanized titles
 * and Russian citations ("Delo Tukhachevskogo", "ul. Uborevicha",
 * "Stalinym") reach the same person. Declined once here, then romanized by
 * every scheme like the nominative.
 */

/** The oblique case forms (genitive, dative, instrumental, prepositional) of a masculine family name. */
export function caseForms(family: string, feminine = false): string[] {
  const f = family;
  const stem = (n: number) => f.slice(0, f.length - n);
  if (feminine) {
    if (/(ская|цкая)$/i.test(f)) return [stem(2) + 'ой', stem(2) + 'ую'];
    if (/(ова|ева|ёва|ина|ына)$/i.test(f)) return [stem(1) + 'ой', stem(1) + 'у'];
    return [];
  }
  if (/(ский|цкий|ской|цкой)$/i.test(f)) return [stem(2) + 'ого', stem(2) + 'ому', stem(2) + 'им', stem(2) + 'ом'];
  if (/(ый|ий|ой)$/i.test(f)) return [stem(2) + 'ого', stem(2) + 'ому', stem(2) + (/ий$/i.test(f) ? 'им' : 'ым'), stem(2) + 'ом'];
  if (/(ов|ев|ёв|ин|ын)$/i.test(f)) return [f + 'а', f + 'у', f + 'ым', f + 'е'];
  if (/[ая]$/i.test(f)) {
    const soft = /я$/i.test(f) || /[гкхжчшщ]а$/i.test(f);
    return [stem(1) + (soft ? 'и' : 'ы'), stem(1) + 'е', stem(1) + (/я$/i.test(f) ? 'ю' : 'у'), stem(1) + (/я$/i.test(f) ? 'ей' : 'ой')];
  }
  if (/ь$/i.test(f)) return [stem(1) + 'я', stem(1) + 'ю', stem(1) + 'ем', stem(1) + 'е'];
  if (/й$/i.test(f)) return [stem(1) + 'я', stem(1) + 'ю', stem(1) + 'ем', stem(1) + 'е'];
  // Family names in -o, -ko, -ikh, -ago, and foreign ones in a vowel do not decline.
  if (/([оеиуэю]|ых|их)$/i.test(f)) return [];
  const soft = /[жчшщц]$/i.test(f);
  return [f + 'а', f + 'у', f + (soft ? 'ем' : 'ом'), f + 'е'];
}

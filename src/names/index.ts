/**
 * The name index: every spelling of every entity of the authority file,
 * generated once. A person is indexed by family name in every romanization
 * scheme and Russian case, plus the variants the curators recorded; given
 * names, patronymics and initials are kept beside it to narrow a family name
 * down to one person. Organizations and places are indexed by their names,
 * renamings and abbreviations (abbreviations match as written, in capitals).
 */
import { isPerson, type Authority, type Entity, type Person } from './authority.js';
import { caseForms } from './decline.js';
import { nameKey, wordKey, words } from './key.js';
import { plain, spellings } from './translit.js';
import { loadData } from '../core/data.js';

export type FormKind = 'family' | 'case' | 'variant' | 'name' | 'abbr' | 'full';

export interface IndexEntry {
  entity: string;
  type: Entity['type'];
  kind: FormKind;
  /** For abbreviations: the forms as written; the text must match one exactly (diacritics aside). */
  exact?: ReadonlySet<string>;
}

interface Node {
  next: Map<string, Node>;
  entries: IndexEntry[];
}

/** What narrows a family name to one person: given names, patronymics, their initials. */
export interface PersonKeys {
  given: ReadonlySet<string>;
  patronymic: ReadonlySet<string>;
  category: string;
}

export class NameIndex {
  private readonly root: Node = { next: new Map(), entries: [] };
  readonly people = new Map<string, PersonKeys>();
  /** Single-word family keys of people, for the possessive and typo fallbacks. */
  readonly familyKeys = new Map<string, IndexEntry[]>();
  /** Nominative family keys, the only ones a typing slip is matched against. */
  private readonly typoKeys = new Set<string>();
  /** Every key with one letter deleted → the family keys it came from (symmetric-delete typo lookup). */
  private readonly deletions = new Map<string, Set<string>>();
  /** Every form indexed, by entity: the variants the contract prints. */
  readonly forms = new Map<string, Set<string>>();
  maxWords = 1;

  constructor(readonly authority: Authority) {
    for (const e of authority.entities) {
      if (isPerson(e)) this.addPerson(e);
      else this.addNamed(e);
    }
    for (const key of this.typoKeys) {
      if (key.length < 7) continue;
      for (let i = 0; i < key.length; i++) {
        const d = key.slice(0, i) + key.slice(i + 1);
        let s = this.deletions.get(d);
        if (!s) this.deletions.set(d, (s = new Set()));
        s.add(key);
      }
    }
  }

  /** The entries for a run of word keys, or undefined. */
  lookup(keys: readonly string[]): IndexEntry[] | undefined {
    let n: Node | undefined = this.root;
    for (const k of keys) {
      n = n.next.get(k);
      if (!n) return undefined;
    }
    return n.entries.length ? n.entries : undefined;
  }

  /** The longest run of word keys from `keys[from]` that names something: its length and entries. */
  longest(keys: readonly string[], from: number, ok: (i: number) => boolean): { length: number; entries: IndexEntry[] } | null {
    let n: Node | undefined = this.root;
    let best: { length: number; entries: IndexEntry[] } | null = null;
    for (let i = from; i < keys.length && i - from < this.maxWords; i++) {
      if (i > from && !ok(i)) break;
      n = n.next.get(keys[i]!);
      if (!n) break;
      if (n.entries.length) best = { length: i - from + 1, entries: n.entries };
    }
    return best;
  }

  /** Family keys one typing slip away from `key` (one letter dropped, added or changed); never for a patronymic ("Nikolayevich"). */
  nearFamily(key: string): string[] {
    if (key.length < 7 || isPatronymic(key)) return [];
    const out = new Set<string>();
    const add = (k: string | undefined) => k && out.add(k);
    if (this.typoKeys.has(key)) return [key];
    for (const k of this.deletions.get(key) ?? []) add(k);
    for (let i = 0; i < key.length; i++) {
      const d = key.slice(0, i) + key.slice(i + 1);
      if (this.typoKeys.has(d) && d.length >= 7) add(d);
      for (const k of this.deletions.get(d) ?? []) add(k);
    }
    return [...out];
  }

  private put(form: string, entry: IndexEntry): void {
    const keys = nameKey(form.replace(/^the\s+/i, '')).split(' ').filter(Boolean);
    if (!keys.length) return;
    let n = this.root;
    for (const k of keys) {
      let m = n.next.get(k);
      if (!m) n.next.set(k, (m = { next: new Map(), entries: [] }));
      n = m;
    }
    if (!n.entries.some((x) => x.entity === entry.entity && x.kind === entry.kind)) n.entries.push(entry);
    else if (entry.exact) {
      const x = n.entries.find((y) => y.entity === entry.entity && y.kind === entry.kind)!;
      x.exact = new Set([...(x.exact ?? []), ...entry.exact]);
    }
    this.maxWords = Math.max(this.maxWords, keys.length);
    if (entry.type === 'person' && keys.length === 1 && entry.kind !== 'full') {
      // Case forms stay out of the typo lookup: "Berezina" is a river, not a slip for Berzin's genitive.
      if (entry.kind !== 'case') this.typoKeys.add(keys[0]!);
      const list = this.familyKeys.get(keys[0]!) ?? [];
      if (!list.some((x) => x.entity === entry.entity)) list.push(entry);
      this.familyKeys.set(keys[0]!, list);
    }
    let f = this.forms.get(entry.entity);
    if (!f) this.forms.set(entry.entity, (f = new Set()));
    f.add(form);
  }

  private addPerson(p: Person): void {
    const entry = (kind: FormKind): IndexEntry => ({ entity: p.id, type: 'person', kind });
    this.put(p.family, entry('family'));
    const given = new Set<string>();
    const patronymic = new Set<string>();
    const addGiven = (g: string | undefined) => {
      if (!g) return;
      for (const w of words(g)) given.add(wordKey(w));
      for (const eq of englishGiven(g)) given.add(wordKey(eq));
    };
    addGiven(p.given);
    if (p.patronymic) patronymic.add(nameKey(p.patronymic));
    if (p.cyrillic) {
      const c = p.cyrillic;
      for (const s of spellings(c.family)) this.put(s, entry('family'));
      this.put(c.family, entry('family'));
      for (const f of caseForms(c.family, p.feminine ?? /[ая]$/.test(c.family))) {
        for (const s of spellings(f)) this.put(s, entry('case'));
        this.put(f, entry('case'));
      }
      if (c.given) {
        addGiven(c.given);
        for (const s of spellings(c.given)) addGiven(s);
      }
      if (c.patronymic) {
        patronymic.add(nameKey(c.patronymic));
        for (const s of spellings(c.patronymic)) patronymic.add(nameKey(s));
      }
    }
    for (const v of p.variants ?? []) {
      const w = words(v);
      if (w.length === 1) this.put(v, entry('variant'));
      else {
        this.put(v, entry('full'));
        // "Leon Trotsky": the last word is a family form, the first a given name
        // (not "Nikolai I": a regnal number is no family name).
        const last = w[w.length - 1]!;
        // Nor is the patronymic of "Nikolai Nikolaevich".
        const patronymicOnly = isPatronymic(last) && last !== p.family;
        if (last.length > 2 && !/^[IVXL]+$/.test(last) && !patronymicOnly) this.put(last, entry('variant'));
        addGiven(w[0]);
      }
    }
    this.people.set(p.id, { given, patronymic, category: p.category });
  }

  private addNamed(e: Entity): void {
    if (isPerson(e)) return;
    const entry = (kind: FormKind, exact?: string): IndexEntry =>
      exact ? { entity: e.id, type: e.type, kind, exact: new Set([plain(exact)]) } : { entity: e.id, type: e.type, kind };
    // A descriptive form ("Soviet political police") describes; only names are matched.
    const put = (form: string, x: IndexEntry) => {
      if (!isDescriptive(form)) this.put(form, x);
    };
    put(e.label, isAbbreviation(e.label) ? entry('abbr', e.label) : entry('name'));
    if (e.cyrillic) put(e.cyrillic, isAbbreviation(e.cyrillic) ? entry('abbr', e.cyrillic) : entry('name'));
    for (const v of e.variants ?? []) put(v, isAbbreviation(v) ? entry('abbr', v) : entry('variant'));
    if (e.type === 'organization') {
      if (e.name) put(e.name, entry('name'));
      for (const n of e.names ?? []) {
        if (n.name) put(n.name, entry('name'));
        if (n.cyrillic) put(n.cyrillic, isAbbreviation(n.cyrillic) ? entry('abbr', n.cyrillic) : entry('name'));
        for (const a of n.abbr ?? []) put(a, isAbbreviation(a) ? entry('abbr', a) : entry('name'));
      }
    } else if (e.cyrillic) {
      for (const s of spellings(e.cyrillic)) put(s, entry('variant'));
    }
  }
}

/** A Russian patronymic by its ending (Nikolaevich, Nikolayevich, Mikhailovna, Il'ich). */
export function isPatronymic(word: string): boolean {
  return /(?:ovich|evich|ovitch|evitch|ovych|ievich|yevich|ovna|evna|ichna|ilich|ilyich)$/i.test(word);
}

const FUNCTION_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'to', 'de', 'del', 'la', 'le', 'von', 'zu', 'der', 'des', 'du', 'i', 'po', 'na', 'imeni', 'im']);

/** A form with a lower-case word other than a function word: a description, not a name. */
export function isDescriptive(form: string): boolean {
  // Russian capitalises only the first word of a name.
  if (/\p{Script=Cyrillic}/u.test(form)) return false;
  const w = words(form.replace(/^the\s+/i, ''));
  return w.length > 1 && w.some((x) => /^\p{Ll}/u.test(x) && !FUNCTION_WORDS.has(x));
}

/** An abbreviation: one word with two or more capitals (NKVD, VChK, PriVO, OKDVA, ГПУ). */
export function isAbbreviation(s: string): boolean {
  const w = words(s);
  return w.length === 1 && (s.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

let english: Record<string, string[]> | null = null;
/** English and other conventional equivalents of a Russian given name (Iosif → Joseph). */
function englishGiven(g: string): string[] {
  english ??= loadData<Record<string, string[]>>('authority/given-names.json');
  return english[nameKey(g)] ?? [];
}

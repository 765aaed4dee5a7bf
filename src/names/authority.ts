/**
 * The authority file: the people, organizations and places of the reference
 * texts, curated by hand under data/authority/ (its README is the format).
 */
import { loadData } from '../core/data.js';
import { variantKey } from './key.js';

export interface CyrillicName {
  family: string;
  given?: string;
  patronymic?: string;
}

export interface Post {
  post: string;
  org?: string;
  from?: string;
  to?: string;
}

export interface Person {
  id: string;
  type: 'person';
  label: string;
  family: string;
  given?: string;
  patronymic?: string;
  cyrillic?: CyrillicName;
  variants?: string[];
  category: string;
  born?: string;
  died?: string;
  posts?: Post[];
  rank?: string;
  descriptor: string;
  ids?: Record<string, string>;
  feminine?: boolean;
}

export interface OrgName {
  name?: string;
  abbr?: string[];
  cyrillic?: string;
  from?: string;
  to?: string;
}

export interface Organization {
  id: string;
  type: 'organization';
  label: string;
  name?: string;
  cyrillic?: string;
  category: string;
  names?: OrgName[];
  variants?: string[];
  parent?: string | null;
  headquarters?: string | null;
  descriptor: string;
}

export interface Place {
  id: string;
  type: 'place';
  label: string;
  cyrillic?: string;
  variants?: string[];
  kind: string;
  country?: string;
  lat: number;
  lon: number;
  descriptor: string;
}

export type Entity = Person | Organization | Place;

/** The entity record the contract prints: id, type, label, variants. */
export interface EntityRef {
  id: string;
  type: Entity['type'];
  label: string;
  variants: string[];
}

export interface Authority {
  entities: readonly Entity[];
  byId: ReadonlyMap<string, Entity>;
}

let cached: Authority | null = null;

/** The authority file under data/authority/, loaded once. */
export function authority(): Authority {
  if (!cached) {
    cached = makeAuthority([
      ...loadData<Person[]>('authority/people.json'),
      ...loadData<Organization[]>('authority/organizations.json'),
      ...loadData<Place[]>('authority/places.json'),
    ]);
  }
  return cached;
}

export function makeAuthority(entities: readonly Entity[]): Authority {
  const byId = new Map<string, Entity>();
  for (const e of entities) {
    if (byId.has(e.id)) throw new Error(`authority: duplicate id '${e.id}'`);
    byId.set(e.id, e);
  }
  return { entities, byId };
}

export function isPerson(e: Entity): e is Person {
  return e.type === 'person';
}

let familyIndex: Map<string, Person[]> | null = null;

/**
 * The people whose family name (or label, or a recorded variant) is this
 * name in any romanization, compared by variant key; with a given name,
 * namesakes (Joseph and R. W. Davies) are told apart by its initial.
 */
export function peopleByFamily(name: string, given?: string): Person[] {
  if (!familyIndex) {
    // Keyed once: a compilation asks for every one of its speakers.
    familyIndex = new Map();
    for (const e of authority().entities) {
      if (!isPerson(e)) continue;
      for (const k of new Set([e.family, e.label, ...(e.variants ?? [])].map(variantKey))) familyIndex.set(k, [...(familyIndex.get(k) ?? []), e]);
    }
  }
  let found = familyIndex.get(variantKey(name)) ?? [];
  const initial = given?.trim().charAt(0).toUpperCase();
  if (found.length > 1 && initial) found = found.filter((e) => (e.given ?? '').charAt(0).toUpperCase() === initial);
  return found;
}

/** A small authority file for the names tests: the namesakes and spellings the issue names. */
import { makeAuthority, type Entity } from '../../src/names/authority.js';
import { NameIndex } from '../../src/names/index.js';

export const FIXTURE: Entity[] = [
  {
    id: 'tukhachevskii-mikhail', type: 'person', label: 'Mikhail Tukhachevskii', family: 'Tukhachevskii', given: 'Mikhail', patronymic: 'Nikolaevich',
    cyrillic: { family: 'Тухачевский', given: 'Михаил', patronymic: 'Николаевич' }, category: 'military', descriptor: 'Marshal, shot in June 1937.',
  },
  {
    id: 'kamenev-sergei', type: 'person', label: 'Sergei Kamenev', family: 'Kamenev', given: 'Sergei', patronymic: 'Sergeevich',
    cyrillic: { family: 'Каменев', given: 'Сергей', patronymic: 'Сергеевич' }, category: 'military', descriptor: 'Commander-in-chief in the Civil War.',
  },
  {
    id: 'kamenev-lev', type: 'person', label: 'Lev Kamenev', family: 'Kamenev', given: 'Lev', patronymic: 'Borisovich',
    cyrillic: { family: 'Каменев', given: 'Лев', patronymic: 'Борисович' }, category: 'party', descriptor: 'Bolshevik leader, shot in 1936.',
  },
  {
    id: 'medvedev-roi', type: 'person', label: 'Roi Medvedev', family: 'Medvedev', given: 'Roi', patronymic: 'Aleksandrovich',
    cyrillic: { family: 'Медведев', given: 'Рой', patronymic: 'Александрович' }, category: 'historian', descriptor: 'Historian of Stalinism.',
  },
  {
    id: 'medvedev-m', type: 'person', label: 'M. Ie. Medvedev', family: 'Medvedev', given: 'M.',
    cyrillic: { family: 'Медведев' }, category: 'military', descriptor: 'Brigade commander whose testimony of May 1937 began the case.',
  },
  {
    id: 'stalin-iosif', type: 'person', label: 'Iosif Stalin', family: 'Stalin', given: 'Iosif', patronymic: 'Vissarionovich',
    cyrillic: { family: 'Сталин', given: 'Иосиф', patronymic: 'Виссарионович' }, variants: ['Koba', 'Dzhugashvili'], category: 'party', descriptor: 'General Secretary.',
  },
  {
    id: 'trotskii-lev', type: 'person', label: 'Lev Trotskii', family: 'Trotskii', given: 'Lev', patronymic: 'Davidovich',
    cyrillic: { family: 'Троцкий', given: 'Лев', patronymic: 'Давидович' }, variants: ['Leon Trotsky', 'Bronstein'], category: 'party', descriptor: 'Founder of the Red Army, exiled.',
  },
  {
    id: 'uborevich-ieronim', type: 'person', label: 'Ieronim Uborevich', family: 'Uborevich', given: 'Ieronim', patronymic: 'Petrovich',
    cyrillic: { family: 'Уборевич', given: 'Иероним', patronymic: 'Петрович' }, category: 'military', descriptor: 'Commander of the Belorussian district.',
  },
  {
    id: 'kirov-sergei', type: 'person', label: 'Sergei Kirov', family: 'Kirov', given: 'Sergei', patronymic: 'Mironovich',
    cyrillic: { family: 'Киров', given: 'Сергей', patronymic: 'Миронович' }, category: 'party', descriptor: 'Leningrad party chief, murdered 1934.',
  },
  {
    id: 'obal-edgar', type: 'person', label: "Edgar O'Ballance", family: "O'Ballance", given: 'Edgar', category: 'historian', descriptor: 'Military writer.',
  },
  {
    id: 'nkvd', type: 'organization', label: 'NKVD', name: "People's Commissariat of Internal Affairs", cyrillic: 'Народный комиссариат внутренних дел', category: 'police',
    names: [
      { name: 'All-Russian Extraordinary Commission', abbr: ['VChK', 'Cheka', 'ВЧК'], from: '1917-12', to: '1922-02' },
      { name: 'State Political Directorate', abbr: ['GPU', 'ГПУ'], from: '1922-02', to: '1923-11' },
      { name: 'Unified State Political Directorate', abbr: ['OGPU', 'ОГПУ'], from: '1923-11', to: '1934-07' },
      { abbr: ['NKVD', 'НКВД'], from: '1934-07' },
    ],
    descriptor: 'The political police.',
  },
  { id: 'kvo', type: 'organization', label: 'Kiev Military District', category: 'military-district', names: [{ abbr: ['KVO', 'КВО'] }], headquarters: 'kiev', descriptor: 'Military district.' },
  { id: 'kiev', type: 'place', label: 'Kiev', cyrillic: 'Киев', variants: ['Kyiv'], kind: 'city', lat: 50.45, lon: 30.52, descriptor: 'City.' },
  { id: 'kirov-city', type: 'place', label: 'Kirov', cyrillic: 'Киров', kind: 'city', lat: 58.6, lon: 49.66, descriptor: 'City, Viatka until 1934.' },
];

let index: NameIndex | null = null;
export function fixtureIndex(): NameIndex {
  index ??= new NameIndex(makeAuthority(FIXTURE));
  return index;
}

/**
 * Works: one CSL-JSON item per real work, with an id that is the same in
 * every document (a hash of the first author's family name and the main
 * title, or of the archival file's coordinates), so the same book cited by the
 * thesis and by the article is one work.
 */
import { createHash } from 'node:crypto';
import { archiveLocation, type Archival } from './archival.js';
import { fold, type WorkFields } from './reference.js';
import { sourceKind, type KindInput, type SourceKind } from './kinds.js';

/** A work as the contract prints it: CSL-JSON plus the archival coordinates of a file. */
export interface Work {
  id: string;
  type: string;
  [field: string]: unknown;
  archival?: Archival;
  /** The kind of source (Kartoteka's own field; CSL exports leave it out). */
  kind?: SourceKind;
}

const STOP = new Set(['the', 'a', 'an']);

/** The main title, folded: before the subtitle's colon, leading article dropped, at most twelve words. */
export function titleKey(title: string | undefined): string {
  if (!title) return '';
  const main = title.split(/[:?!]\s/)[0]!;
  const words = fold(main).split(' ').filter(Boolean);
  while (words.length > 1 && STOP.has(words[0]!)) words.shift();
  return words.slice(0, 12).join(' ');
}

export function workKey(f: WorkFields, archival?: Archival): string {
  if (archival) {
    return `archive|${fold(archival.archive ?? '')}|${fold(archival.series ?? '')}|${fold(archival.fond ?? '')}|${fold(archival.opis ?? '')}|${fold(archival.delo ?? '')}`;
  }
  const family = fold(f.author?.[0]?.family ?? '');
  const t = titleKey(f.title) || titleKey(f['container-title']);
  // An unsigned article printed in parts ("M. N. Tukhachevskii i ...", 1997 and 1998) is one work per part.
  if (!family && f.type === 'article-journal') return `work||${t}|${fold(f.volume ?? '')}|${(f.issued ?? '').slice(0, 4)}`;
  return `work|${family}|${t}`;
}

export function workId(key: string): string {
  return 'w' + createHash('sha1').update(key).digest('hex').slice(0, 12);
}

/** CSL-JSON for a work from the fields a citation states. */
export function toCsl(id: string, f: WorkFields, archival?: Archival): Work {
  const w: Work = { id, type: archival ? 'manuscript' : f.type };
  for (const k of ['author', 'editor', 'translator'] as const) if (f[k]?.length) w[k] = f[k]!.map((n) => ({ ...n }));
  for (const k of ['title', 'container-title', 'volume', 'issue', 'page', 'publisher', 'publisher-place', 'number-of-volumes', 'genre', 'edition'] as const) {
    if (f[k]) w[k] = f[k];
  }
  if (f.issued) w.issued = { 'date-parts': [f.issued.split('-').map(Number)] };
  if (archival) {
    w.archive = archival.archive ?? undefined;
    w.archive_location = archiveLocation(archival);
    const a: Archival = { archive: archival.archive };
    for (const k of ['fond', 'opis', 'delo', 'series'] as const) if (archival[k]) a[k] = archival[k];
    if (archival.extra?.length) a.extra = [...archival.extra];
    w.archival = a;
    if (!w.title) w.title = [archival.archive, archiveLocation(archival)].filter(Boolean).join(', ');
  }
  return w;
}

/** The year of a CSL item's `issued`, or null. */
export function issuedYear(w: Work): number | null {
  const i = w.issued as { 'date-parts'?: number[][] } | undefined;
  return i?.['date-parts']?.[0]?.[0] ?? null;
}

/** The work with its kind of source read off its fields (see cite/kinds.ts). */
export function withKind(w: Work): Work {
  return { ...w, kind: sourceKind(w as KindInput).kind };
}

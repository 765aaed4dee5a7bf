/**
 * Quotations against eval/gold/quotes (made by reading): a gold quotation is
 * found when a predicted one overlaps most of it (each predicted one used
 * once); it is right when, besides, the speaker is the gold's (or one the
 * gold accepts), the source is the same work (author's family name and the
 * title's first words) and the page is the same. A block of the compilation
 * is right when each of its quotations is.
 */
import type { QuoteRecord } from '../src/extract/quotes.js';
import { prf, type Score } from './score.js';

export interface GoldQuote {
  block: number;
  start: number;
  end: number;
  line: number;
  head: string;
  speaker: string | null;
  speakerName: string | null;
  altSpeakers?: (string | null)[];
  coSpeakers?: (string | null)[];
  source: { start: number; end: number; line: number; author: string | null; title: string | null; year: string | null; page: string | null } | null;
  turn: string | null;
}

export interface GoldQuotes {
  document: string;
  quotes: GoldQuote[];
  notQuotes: { start: number; end: number; line: number; head: string; why: string }[];
}

const fold = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
const pageOf = (v: string | null | undefined) => (v ?? '').replace(/\s+/g, '').replace(/[–—]+|--/g, '-');

function sameWork(g: NonNullable<GoldQuote['source']>, p: QuoteRecord['source']): boolean {
  if (!p) return false;
  const ga = fold(g.author).split(' ')[0] ?? '';
  const pa = fold(p.author).split(' ')[0] ?? '';
  const gt = fold(g.title).split(' ').slice(0, 3).join(' ');
  const pt = fold(p.title).split(' ').slice(0, 3).join(' ');
  // An unsigned work (no author) is named by its title alone.
  return (ga === pa || (!ga && !pa)) && (gt === pt || (!!gt && !!pt && (gt.startsWith(pt) || pt.startsWith(gt))));
}

export function scoreQuotes(predicted: readonly QuoteRecord[], gold: GoldQuotes): { found: Score; right: Score; speaker: Score; work: Score; page: Score; blocks: Score; errors: string[] } {
  const used = new Set<number>();
  const errors: string[] = [];
  let found = 0;
  let right = 0;
  let speaker = 0;
  let work = 0;
  let page = 0;
  const blockOk = new Map<number, boolean>();
  for (const g of gold.quotes) {
    let best = -1;
    let bestOver = 0;
    predicted.forEach((p, i) => {
      if (used.has(i)) return;
      const o = overlap(g, p);
      if (o > bestOver) {
        bestOver = o;
        best = i;
      }
    });
    const len = g.end - g.start;
    const ok = best >= 0 && bestOver >= 0.5 * Math.min(len, predicted[best]!.end - predicted[best]!.start);
    if (!ok) {
      blockOk.set(g.block, false);
      errors.push(`missed (block ${g.block}, line ${g.line}): ${g.speakerName ?? '?'} "${g.head}"`);
      continue;
    }
    used.add(best);
    found++;
    const p = predicted[best]!;
    const speakers = new Set([g.speaker, ...(g.altSpeakers ?? []), ...(g.coSpeakers ?? [])]);
    const sp = speakers.has(p.speaker);
    const wk = g.source ? sameWork(g.source, p.source) : !p.source;
    const pg = g.source ? pageOf(g.source.page) === pageOf(p.source?.locator?.value) : true;
    if (sp) speaker++;
    if (wk) work++;
    if (pg) page++;
    const all = sp && wk && pg;
    if (all) right++;
    else {
      const why = [!sp && `speaker ${p.speaker ?? p.speakerName ?? 'none'} ≠ ${g.speaker ?? g.speakerName}`, !wk && `work ${p.source?.author ?? '?'}: ${p.source?.title ?? '?'} ≠ ${g.source?.author}: ${g.source?.title}`, !pg && `page ${p.source?.locator?.value ?? 'none'} ≠ ${g.source?.page}`].filter(Boolean);
      errors.push(`wrong (block ${g.block}, line ${g.line}) "${g.head}": ${why.join('; ')}`);
    }
    if (!blockOk.has(g.block)) blockOk.set(g.block, all);
    else if (!all) blockOk.set(g.block, false);
  }
  predicted.forEach((p, i) => {
    if (!used.has(i)) errors.push(`extra (line ${p.line}): ${p.speakerName ?? '?'} "${p.text.slice(0, 50)}"`);
  });
  const n = gold.quotes.length;
  const blocks = [...blockOk.values()];
  return {
    found: prf(found, predicted.length, n),
    right: prf(right, predicted.length, n),
    speaker: prf(speaker, found, found),
    work: prf(work, found, found),
    page: prf(page, found, found),
    blocks: prf(blocks.filter(Boolean).length, blocks.length, blocks.length),
    errors,
  };
}

/** Gold quotations in scholarly prose (eval/gold/prose-quotes). */
export interface GoldProseQuotes {
  document: string;
  regions: { start: number; end: number }[];
  quotes: { start: number; end: number; line: number; head: string; kind: 'inline' | 'block'; speaker: string | null; speakerName: string | null; altSpeakers?: string[]; note: string | null }[];
}

/**
 * Quotations in prose against the gold, inside its regions: found when a
 * predicted one overlaps most of the gold's words (each used once); then the
 * speaker (the gold's or an accepted alternative) and the citing note's
 * label.
 */
export function scoreProseQuotes(predicted: readonly QuoteRecord[], gold: GoldProseQuotes): { found: Score; speaker: Score; note: Score; right: Score; errors: string[] } {
  const inRegion = (s: number) => gold.regions.some((r) => r.start <= s && s < r.end);
  const pred = predicted.filter((p) => inRegion(p.start));
  const used = new Set<number>();
  const errors: string[] = [];
  let found = 0;
  let speaker = 0;
  let note = 0;
  let right = 0;
  for (const g of gold.quotes) {
    let best = -1;
    let bestOver = 0;
    pred.forEach((p, i) => {
      const o = used.has(i) ? 0 : overlap(g, p);
      if (o > bestOver) {
        bestOver = o;
        best = i;
      }
    });
    if (best < 0 || bestOver < 0.5 * Math.min(g.end - g.start, pred[best]!.end - pred[best]!.start)) {
      errors.push(`missed (line ${g.line}, ${g.kind}): ${g.speakerName ?? '?'} "${g.head}"`);
      continue;
    }
    used.add(best);
    found++;
    const p = pred[best]!;
    const sp = new Set<string | null>([g.speaker, ...(g.altSpeakers ?? [])]).has(p.speaker);
    const nt = (g.note ?? null) === (p.noteLabel ?? null);
    if (sp) speaker++;
    if (nt) note++;
    if (sp && nt) right++;
    else errors.push(`wrong (line ${g.line}) "${g.head}": ${[!sp && `speaker ${p.speaker ?? p.speakerName ?? 'none'} ≠ ${g.speaker}`, !nt && `note ${p.noteLabel ?? 'none'} ≠ ${g.note}`].filter(Boolean).join('; ')}`);
  }
  pred.forEach((p, i) => {
    if (!used.has(i)) errors.push(`extra (line ${p.line}): ${p.speakerName ?? '?'} "${p.text.slice(0, 60)}"`);
  });
  return { found: prf(found, pred.length, gold.quotes.length), speaker: prf(speaker, found, found), note: prf(note, found, found), right: prf(right, pred.length, gold.quotes.length), errors };
}

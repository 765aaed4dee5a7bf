/**
 * The reference-field tagger (src/cite/tagger.ts) against AnyStyle's labelled
 * references (../shared/datasets/citations/anystyle_parser_*.xml): core.xml is
 * its training set, gold.xml the held-out set scored here.
 *
 * Each `<sequence>` holds labelled segments (`<author>`, `<title>`, …); the raw
 * reference is their texts (entities decoded, white space collapsed) joined
 * with single spaces, so every segment is a run of whole white-space tokens.
 *
 * Field-level F1: per reference, the gold fields are the multiset of (label,
 * normalized segment text); the predicted fields are the tagger's runs of one
 * label, normalized the same way; true positives are the size of the multiset
 * intersection, summed over all references (micro-average). `normField` strips
 * outer punctuation, so "(1999)." and "1999" are the same date.
 *
 * Nothing of the datasets' text is stored in the repository by this file;
 * `errors` quotes at most 60 characters of a reference.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultTagger, type CiteTagger } from '../../src/cite/tagger.js';
import { prf, type Score } from '../score.js';
import { decodeEntities } from './footnote-zones.js';

/** A labelled span of a reference string. */
export interface LabelledSpan {
  label: string;
  start: number;
  end: number;
}

export interface LabelledRef {
  raw: string;
  fields: LabelledSpan[];
}

/** ../shared beside the repository (tests and `npm run eval` run from the root). */
export function defaultShared(): string {
  return resolve(process.cwd(), '..', 'shared');
}

export function citationsDir(shared: string): string {
  return join(shared, 'datasets', 'citations');
}

/** The references of an AnyStyle parser dataset (XML text). Empty segments are dropped. */
export function readAnystyle(xml: string): LabelledRef[] {
  const out: LabelledRef[] = [];
  for (const seq of xml.matchAll(/<sequence>([\s\S]*?)<\/sequence>/g)) {
    let raw = '';
    const fields: LabelledSpan[] = [];
    for (const seg of seq[1]!.matchAll(/<([a-z][\w-]*)>([\s\S]*?)<\/\1>/g)) {
      const text = decodeEntities(seg[2]!).replace(/\s+/g, ' ').trim();
      if (!text) continue;
      if (raw) raw += ' ';
      fields.push({ label: seg[1]!, start: raw.length, end: raw.length + text.length });
      raw += text;
    }
    if (fields.length) out.push({ raw, fields });
  }
  return out;
}

export function readAnystyleFile(shared: string, name: 'core' | 'gold' | 'bad'): LabelledRef[] {
  return readAnystyle(readFileSync(join(citationsDir(shared), `anystyle_parser_${name}.xml`), 'utf8'));
}

/** A looser identity than the exact string, so near-copies (case, spacing, punctuation, Unicode forms) count as the same reference too. */
export function refKey(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * `train` without the references that also occur in `heldOut` (as `refKey`),
 * and how many were removed (`exact`: how many of those are the identical string).
 */
export function withoutHeldOut(train: readonly LabelledRef[], heldOut: readonly { raw: string }[]): { kept: LabelledRef[]; removed: number; exact: number } {
  const exactSet = new Set(heldOut.map((r) => r.raw));
  const keys = new Set(heldOut.map((r) => refKey(r.raw)));
  const kept = train.filter((r) => !keys.has(refKey(r.raw)));
  const exact = train.filter((r) => exactSet.has(r.raw)).length;
  return { kept, removed: train.length - kept.length, exact };
}

// ---------------------------------------------------------------------------
// Field F1

/** A field value for comparison: outer white space and punctuation stripped, inner white space collapsed, lower case. */
export function normField(s: string): string {
  return s
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export interface LabelledText {
  label: string;
  text: string;
}

/** One reference's gold and predicted fields (texts not yet normalized). */
export interface FieldPair {
  gold: LabelledText[];
  predicted: LabelledText[];
}

export interface FieldScores {
  micro: Score;
  /** Per label, in order of gold count, most first. */
  labels: Record<string, Score>;
}

/**
 * Micro-averaged field P/R/F1 over references, and per label. With `only`,
 * fields of other labels (gold or predicted) are left out: for gold that maps
 * only some of the tagger's labels.
 */
export function scoreFields(pairs: readonly FieldPair[], only?: ReadonlySet<string>): FieldScores {
  const counts = new Map<string, { tp: number; predicted: number; gold: number }>();
  const count = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { tp: 0, predicted: 0, gold: 0 }));
    return c;
  };
  for (const { gold, predicted } of pairs) {
    const bag = new Map<string, number>();
    for (const g of gold) {
      if (only && !only.has(g.label)) continue;
      count(g.label).gold++;
      const k = `${g.label}\u0000${normField(g.text)}`;
      bag.set(k, (bag.get(k) ?? 0) + 1);
    }
    for (const p of predicted) {
      if (only && !only.has(p.label)) continue;
      const c = count(p.label);
      c.predicted++;
      const k = `${p.label}\u0000${normField(p.text)}`;
      const left = bag.get(k) ?? 0;
      if (left > 0) {
        c.tp++;
        bag.set(k, left - 1);
      }
    }
  }
  const labels: Record<string, Score> = {};
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const [label, c] of [...counts].sort((a, b) => b[1].gold - a[1].gold || a[0].localeCompare(b[0]))) {
    labels[label] = prf(c.tp, c.predicted, c.gold);
    tp += c.tp;
    predicted += c.predicted;
    gold += c.gold;
  }
  return { micro: prf(tp, predicted, gold), labels };
}

/** The gold and predicted fields of labelled references, tagged by `tagger`. */
export function tagPairs(refs: readonly LabelledRef[], tagger: CiteTagger): FieldPair[] {
  return refs.map((r) => ({
    gold: r.fields.map((f) => ({ label: f.label, text: r.raw.slice(f.start, f.end) })),
    predicted: tagger.tag(r.raw).map((f) => ({ label: f.label, text: f.text })),
  }));
}

/** The first few references whose fields differ: label, then the gold and predicted values that did not match, 60 characters each. */
export function fieldErrors(pairs: readonly FieldPair[], max = 20, only?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  for (const { gold, predicted } of pairs) {
    const keep = (f: LabelledText) => !only || only.has(f.label);
    const g = gold.filter(keep).map((f) => `${f.label}: ${normField(f.text)}`);
    const p = predicted.filter(keep).map((f) => `${f.label}: ${normField(f.text)}`);
    const missed = g.filter((x) => !p.includes(x));
    const extra = p.filter((x) => !g.includes(x));
    if (!missed.length && !extra.length) continue;
    out.push(`missed [${missed.map(cut).join(' | ')}] got [${extra.map(cut).join(' | ')}]`);
    if (out.length >= max) break;
  }
  return out;
}

/** A dataset's field scores in the shape eval/run.ts prints: micro first, then per label. */
export interface FieldEval {
  document: string;
  scores: Record<string, Score>;
  errors: string[];
}

export function asFieldEval(document: string, s: FieldScores, errors: string[]): FieldEval {
  const scores: Record<string, Score> = { 'fields (micro)': s.micro };
  for (const [label, score] of Object.entries(s.labels)) scores[label] = score;
  return { document, scores, errors };
}

/** The tagger on AnyStyle's held-out gold.xml. */
export function evalAnystyle(shared = defaultShared(), tagger: CiteTagger = defaultTagger()): FieldEval & FieldScores {
  const pairs = tagPairs(readAnystyleFile(shared, 'gold'), tagger);
  const s = scoreFields(pairs);
  return { ...asFieldEval('anystyle_parser_gold.xml', s, fieldErrors(pairs)), ...s };
}

/**
 * The Chicago-style footnotes of ../shared/datasets/citations/rplrt-chicago-footnotes
 * (Typst sources of twelve articles on Russian topics), scored against the
 * sample labelled in eval/gold/citations/chicago.json. Typst's `#emph[...]`
 * becomes the `*...*` emphasis Markdown texts carry, so the parser sees the
 * italics the printed notes have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citeNoteTexts } from '../../src/cite/stage.js';
import type { Work } from '../../src/cite/works.js';
import { predictedFields, scoreCitations, type CitationScores, type GoldNoteCitations, type Predicted } from '../citations.js';

interface Footnote {
  article: string;
  n: number;
  typst: string;
}

/** Typst markup to plain text with `*emphasis*`. */
export function typstToText(s: string): string {
  return s
    .replace(/#link\("([^"]*)"\)(\[([^\]]*)\])?/g, (_m, url: string, _b, text: string | undefined) => text ?? url)
    .replace(/#emph\[([^\]]*)\];?/g, '*$1*')
    .replace(/#(?:super|highlight)\[([^\]]*)\];?/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/--/g, '–')
    .replace(/\*\s*\*/g, '');
}

export function readFootnotes(shared: string): Footnote[] {
  const path = join(shared, 'datasets', 'citations', 'rplrt-chicago-footnotes', 'footnotes_extracted.jsonl');
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Footnote);
}

export function evalChicago(shared: string, goldDir: string): CitationScores {
  const gold = JSON.parse(readFileSync(join(goldDir, 'citations', 'chicago.json'), 'utf8')) as { notes: GoldNoteCitations[] };
  const byArticle = new Map<string, Footnote[]>();
  for (const f of readFootnotes(shared)) byArticle.set(f.article, [...(byArticle.get(f.article) ?? []), f]);
  const preds = new Map<string, Predicted[]>();
  for (const [article, notes] of byArticle) {
    if (!gold.notes.some((g) => g.article === article)) continue;
    const r = citeNoteTexts(article, notes.map((f) => ({ label: String(f.n), text: typstToText(f.typst) })));
    const works = new Map<string, Work>(r.works.map((w) => [w.id, w]));
    const keyOf = new Map<string, string>();
    for (const c of r.citations) {
      const list = preds.get(c.note!) ?? [];
      keyOf.set(c.id, `${article}|${notes[Number(c.note!.split('#n')[1]) - 1]!.n}|${list.length + 1}`);
      list.push({ c, fields: predictedFields(c, works), targetKey: null });
      preds.set(c.note!, list);
    }
    for (const c of r.citations) {
      const p = preds.get(c.note!)!.find((x) => x.c === c)!;
      p.targetKey = c.target ? (keyOf.get(c.target) ?? null) : null;
    }
  }
  return scoreCitations(gold.notes, (g) => preds.get(`${g.article}#n${(byArticle.get(g.article!) ?? []).findIndex((f) => f.n === g.n) + 1}`) ?? [], (r) => `${r.article}|${r.n}|${r.k}`);
}

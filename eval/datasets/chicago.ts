/**
 * The Chicago-style footnotes of ../shared/datasets/citations/rplrt-chicago-footnotes
 * (Typst sources of twelve articles on Russian topics), scored against the
 * sample labelled in eval/gold/citations/chicago.json. Typst's `#emph[...]`
 * becomes the `*...*` emphasis Markdown texts carry, so the parser sees the
 * italics the printed notes have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../../src/core/positions.js';
import { TextView } from '../../src/core/view.js';
import type { Note } from '../../src/core/types.js';
import { citeDocument, type NoteText } from '../../src/cite/stage.js';
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
    // One document per article: its footnotes as lines, each note a view over its line.
    const texts = notes.map((f) => typstToText(f.typst));
    const text = texts.join('\n');
    const index = new LineIndex(text);
    const noteRecs: Note[] = [];
    const noteTexts: NoteText[] = [];
    let at = 0;
    notes.forEach((f, k) => {
      const t = texts[k]!;
      noteRecs.push({ id: `${article}#n${f.n}`, label: String(f.n), section: null, text: t, spans: [index.lined({ start: at, end: at + t.length })], markers: [] });
      noteTexts.push({ view: new TextView(text, [{ start: at, end: at + t.length }]), offset: 0 });
      at += t.length + 1;
    });
    const r = citeDocument(article, text, index, noteRecs, noteTexts, null);
    const works = new Map<string, Work>(r.works.map((w) => [w.id, w]));
    const keyOf = new Map<string, string>();
    for (const c of r.citations) {
      const list = preds.get(c.note!) ?? [];
      keyOf.set(c.id, `${article}|${c.note!.split('#n')[1]}|${list.length + 1}`);
      list.push({ c, fields: predictedFields(c, works), targetKey: null });
      preds.set(c.note!, list);
    }
    for (const c of r.citations) {
      const p = preds.get(c.note!)!.find((x) => x.c === c)!;
      p.targetKey = c.target ? (keyOf.get(c.target) ?? null) : null;
    }
  }
  return scoreCitations(gold.notes, (g) => preds.get(`${g.article}#n${g.n}`) ?? [], (r) => `${r.article}|${r.n}|${r.k}`);
}

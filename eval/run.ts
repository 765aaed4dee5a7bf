/**
 * `npm run eval`: scores each extraction stage against the gold annotations
 * in eval/gold/ (made by hand for the reference texts in ../shared/corpus) and
 * prints precision, recall and F1 per stage. `--json` prints the scores as one
 * JSON document. Exits non-zero when ../shared is missing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFile } from '../src/extract.js';
import { scoreNotes, type GoldNotes } from './notes.js';
import { evalFootnoteZones } from './datasets/footnote-zones.js';
import { fmt, prf, type Score } from './score.js';
import { scoreProseQuotes, scoreQuotes, type GoldProseQuotes, type GoldQuotes } from './quotes.js';
import { scoreKinds, type GoldKindWork } from './kinds.js';
import { scoreClaims, sumScores, type GoldClaims } from './claims.js';
import type { Extraction } from '../src/core/types.js';
import { citationKeys, predictedFields, scoreCitations, type GoldNoteCitations, type Predicted } from './citations.js';
import type { Work } from '../src/cite/works.js';
import { evalChicago } from './datasets/chicago.js';
import { evalAnystyle } from './datasets/anystyle.js';
import { evalGrobidRefs } from './datasets/grobid-refs.js';
import { scoreMentions, type GoldMentions } from './mentions.js';
import { authority } from '../src/names/authority.js';
import { scoreEvents, scoreFigures, type GoldEvents, type GoldFigures } from './events.js';
import { evalMemorial } from './datasets/memorial.js';
import { scoreConflicts, type GoldConflicts } from './conflicts.js';
import { conflicts } from '../src/kb/events.js';
import { openStore } from '../src/kb/store.js';

export interface StageScores {
  stage: string;
  document: string;
  scores: Record<string, Score>;
  errors: string[];
}

export const GOLD_DIR = resolve(process.cwd(), 'eval', 'gold');

/** Extractions of the reference texts, made once per run for the stages that share them. */
const extracted = new Map<string, ReturnType<typeof extractFile>['extraction']>();
function extractionOf(shared: string, file: string) {
  let x = extracted.get(file);
  if (!x) {
    x = extractFile(join(shared, 'corpus', file)).extraction;
    extracted.set(file, x);
  }
  return x;
}

/** Note detection against eval/gold/notes/*.json. */
export function evalNotes(shared: string): StageScores[] {
  const out: StageScores[] = [];
  for (const name of ['001', '000']) {
    const gold = JSON.parse(readFileSync(join(GOLD_DIR, 'notes', `${name}.json`), 'utf8')) as GoldNotes;
    const file = join(shared, 'corpus', gold.file);
    const { source, extraction } = extractFile(file);
    const s = scoreNotes(source.text, extraction, gold);
    out.push({
      stage: 'notes',
      document: gold.file,
      scores: { 'notes (label, chapter, every line range)': s.notes, 'page-split continuations': s.continuations, 'markers (line)': s.markers, 'note lines': s.lines },
      errors: s.errors,
    });
  }
  return out;
}

/** Note detection on the labelled footnote zones of ../shared/datasets/citations (GROBID's training data). */
export function evalNoteDatasets(shared: string): StageScores[] {
  return evalFootnoteZones(shared).map((r) => ({ stage: 'notes (datasets)', ...r }));
}

/** Citations against eval/gold/citations/{001,000}.json. */
export function evalCitations(shared: string): StageScores[] {
  const out: StageScores[] = [];
  for (const name of ['001', '000']) {
    const path = join(GOLD_DIR, 'citations', `${name}.json`);
    if (!existsSync(path)) continue;
    const gold = JSON.parse(readFileSync(path, 'utf8')) as { file: string; notes: GoldNoteCitations[] };
    const x = extractionOf(shared, gold.file);
    const works = new Map<string, Work>(x.works.map((w) => [w.id, w]));
    const keyOfCitation = citationKeys(x);
    const byNote = new Map<string, Predicted[]>();
    for (const c of x.citations) {
      const nk = keyOfCitation.get(c.id)!.replace(/\|\d+$/, '');
      byNote.set(nk, [...(byNote.get(nk) ?? []), { c, fields: predictedFields(c, works), targetKey: null }]);
    }
    for (const list of byNote.values()) for (const p of list) p.targetKey = p.c.target ? (keyOfCitation.get(p.c.target) ?? null) : null;
    const s = scoreCitations(gold.notes, (g) => byNote.get(`${g.section}|${g.note}`) ?? [], (r) => `${r.section}|${r.note}|${r.n}`);
    out.push({
      stage: 'citations',
      document: gold.file,
      scores: { 'references found (split)': s.split, 'fields (CSL, field-level)': s.fields, 'archival fields': s.archival, 'Ibid./short resolution': s.resolution, signals: s.signals },
      errors: s.errors,
    });
  }
  return out;
}

/** Citations on the labelled Chicago-style footnotes. */
export function evalCitationDatasets(shared: string): StageScores[] {
  if (!existsSync(join(GOLD_DIR, 'citations', 'chicago.json'))) return [];
  const s = evalChicago(shared, GOLD_DIR);
  return [
    {
      stage: 'citations (datasets)',
      document: 'rplrt-chicago-footnotes (labelled sample)',
      scores: { 'references found (split)': s.split, 'fields (CSL, field-level)': s.fields, 'archival fields': s.archival, 'Ibid./short resolution': s.resolution, signals: s.signals },
      errors: s.errors,
    },
  ];
}

/** The reference-field tagger on AnyStyle's held-out gold.xml and on GROBID's citation references (report only). */
export function evalCiteTagger(shared: string): StageScores[] {
  return [evalAnystyle(shared), evalGrobidRefs(shared)].map((r) => ({ stage: 'reference fields', document: r.document, scores: r.scores, errors: r.errors }));
}

/** Mentions (found, and linked to the authority file) against eval/gold/mentions/*.json, per text and over all. */
export function evalMentions(shared: string): StageScores[] {
  const dir = join(GOLD_DIR, 'mentions');
  const out: StageScores[] = [];
  const typeOf = (id: string) => authority().byId.get(id)?.type ?? 'unknown';
  const total = { tp: 0, predicted: 0, gold: 0, linked: 0, matched: 0 };
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldMentions;
    const extraction = extractionOf(shared, gold.document);
    const s = scoreMentions(extraction, gold, typeOf);
    total.tp += s.detection.tp;
    total.predicted += s.detection.predicted;
    total.gold += s.detection.gold;
    total.linked += s.linking.tp;
    total.matched += s.linking.predicted;
    out.push({
      stage: 'mentions',
      document: gold.document,
      scores: { 'mentions (overlap)': s.detection, 'linking accuracy (as P)': s.linking, ...Object.fromEntries(Object.entries(s.byType).map(([k, v]) => [`  ${k}s`, v])) },
      errors: s.errors,
    });
  }
  out.push({
    stage: 'mentions',
    document: 'all gold texts',
    scores: { 'mentions (overlap)': prf(total.tp, total.predicted, total.gold), 'linking accuracy (as P)': prf(total.linked, total.matched, total.matched) },
    errors: [],
  });
  return out;
}

function goldFiles<T>(kind: string): T[] {
  const dir = join(GOLD_DIR, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /^\d{3}\.json$/.test(n))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as T);
}

/** Dated events against eval/gold/events/*.json, per text and over all. */
export function evalEvents(shared: string): StageScores[] {
  const out: StageScores[] = [];
  const total = { right: 0, found: 0, predicted: 0, gold: 0 };
  for (const gold of goldFiles<GoldEvents>('events')) {
    const s = scoreEvents(extractionOf(shared, gold.document), gold);
    total.right += s.events.tp;
    total.found += s.found.tp;
    total.predicted += s.events.predicted;
    total.gold += s.events.gold;
    out.push({
      stage: 'events',
      document: gold.document,
      scores: { 'events (type, participant, date)': s.events, 'found (type, participant)': s.found, 'date accuracy on found (as P)': s.dates, ...Object.fromEntries(Object.entries(s.byType).map(([k, v]) => [`  ${k}`, v])) },
      errors: s.errors,
    });
  }
  out.push({
    stage: 'events',
    document: 'all gold texts',
    scores: { 'events (type, participant, date)': prf(total.right, total.predicted, total.gold), 'found (type, participant)': prf(total.found, total.predicted, total.gold), 'date accuracy on found (as P)': prf(total.right, total.found, total.found) },
    errors: [],
  });
  return [...out, ...evalMemorial(shared)];
}

/** Figures against eval/gold/figures/*.json. */
export function evalFigures(shared: string): StageScores[] {
  const out: StageScores[] = [];
  const total = { right: 0, values: 0, predicted: 0, gold: 0 };
  for (const gold of goldFiles<GoldFigures>('figures')) {
    const s = scoreFigures(extractionOf(shared, gold.document), gold);
    total.right += s.figures.tp;
    total.values += s.values.tp;
    total.predicted += s.figures.predicted;
    total.gold += s.figures.gold;
    out.push({ stage: 'figures', document: gold.document, scores: { 'figures (value and measure)': s.figures, 'values only': s.values }, errors: s.errors });
  }
  out.push({
    stage: 'figures',
    document: 'all gold texts',
    scores: { 'figures (value and measure)': prf(total.right, total.predicted, total.gold), 'values only': prf(total.values, total.predicted, total.gold) },
    errors: [],
  });
  return out;
}

/** Contradictions between the five texts, as `kartoteka conflicts` shows them, against eval/gold/conflicts/gold.json. */
export function evalConflicts(shared: string): StageScores[] {
  const path = join(GOLD_DIR, 'conflicts', 'gold.json');
  if (!existsSync(path)) return [];
  const gold = JSON.parse(readFileSync(path, 'utf8')) as GoldConflicts;
  const store = openStore(':memory:');
  const fileOf = new Map<string, string>();
  try {
    for (const f of readdirSync(join(shared, 'corpus')).filter((n) => n.endsWith('.txt')).sort()) {
      const x = extractionOf(shared, f);
      fileOf.set(x.document.id, f);
      store.putExtraction(x, readFileSync(join(shared, 'corpus', f), 'utf8').replace(/^\uFEFF/, ''));
    }
    const s = scoreConflicts(conflicts(store), gold, (id) => fileOf.get(id) ?? id);
    return [
      {
        stage: 'conflicts',
        document: 'the five reference texts',
        scores: { 'contradictions shown (P counts false conflicts)': s.shown, [`false conflicts per real one: ${s.falsePerReal.toFixed(2)}`]: prf(0, 0, 0) },
        errors: s.errors,
      },
    ];
  } finally {
    store.close();
  }
}

/** Quotations (speaker, work, page) against eval/gold/quotes/*.json. */
/** Quotations in scholarly prose (speaker, citing note) against eval/gold/prose-quotes/*.json. */
export function evalProseQuotes(shared: string): StageScores[] {
  const rows = goldFiles<GoldProseQuotes>('prose-quotes').map((gold) => {
    const s = scoreProseQuotes(extractionOf(shared, gold.document).quotes, gold);
    return { document: gold.document, s };
  });
  const all = (k: 'found' | 'speaker' | 'note' | 'right') => sumScores(rows.map((r) => r.s[k]));
  return [
    ...rows.map(({ document, s }) => ({
      stage: 'prose quotes',
      document,
      scores: { 'quotations found': s.found, 'right (speaker and note)': s.right, 'speaker right, of those found': s.speaker, 'note right, of those found': s.note },
      errors: s.errors,
    })),
    { stage: 'prose quotes', document: 'all', scores: { 'quotations found': all('found'), 'right (speaker and note)': all('right'), 'speaker right, of those found': all('speaker'), 'note right, of those found': all('note') }, errors: [] },
  ];
}

/** The evaluations by stage name, so that `npm run eval -- mentions` runs one. */
export function evalQuotes(shared: string): StageScores[] {
  return goldFiles<GoldQuotes>('quotes').map((gold) => {
    const s = scoreQuotes(extractionOf(shared, gold.document).quotes, gold);
    return {
      stage: 'quotes',
      document: gold.document,
      scores: {
        'quotations found': s.found,
        'right (speaker, work and page)': s.right,
        'blocks all right': s.blocks,
        'speaker right, of those found': s.speaker,
        'work right, of those found': s.work,
        'page right, of those found': s.page,
      },
      errors: s.errors,
    };
  });
}

/** Kinds of source against eval/gold/source-kinds/gold.json. */
export function evalKinds(shared: string): StageScores[] {
  const gold = JSON.parse(readFileSync(join(GOLD_DIR, 'source-kinds', 'gold.json'), 'utf8')) as { works: GoldKindWork[] };
  const files = readdirSync(join(shared, 'corpus')).filter((f) => /^\d{3}_.*\.txt$/.test(f));
  const xs: Record<string, Extraction> = {};
  for (const f of files) xs[f.slice(0, 3)] = extractionOf(shared, f);
  const s = scoreKinds(gold.works, xs);
  return [{ stage: 'kinds', document: 'all', scores: { 'kind right (of gold works)': s.assigned, 'from the citation alone': s.rulesAlone }, errors: s.errors }];
}

/** Claims (holder, interpretation, stance, passage) against eval/gold/claims/*.json, per document and over all. */
export function evalClaims(shared: string): StageScores[] {
  const per = goldFiles<GoldClaims>('claims').map((gold) => ({ gold, s: scoreClaims(extractionOf(shared, gold.document).claims, gold) }));
  const rows: StageScores[] = per.map(({ gold, s }) => ({
    stage: 'claims',
    document: gold.document,
    scores: { 'views (holder, interpretation, stance)': s.views, 'claims with their passage': s.passages, holders: s.holders },
    errors: s.errors,
  }));
  rows.push({
    stage: 'claims',
    document: 'all',
    scores: {
      'views (holder, interpretation, stance)': sumScores(per.map((p) => p.s.views)),
      'claims with their passage': sumScores(per.map((p) => p.s.passages)),
      holders: sumScores(per.map((p) => p.s.holders)),
    },
    errors: [],
  });
  return rows;
}

export const EVALUATIONS: Record<string, (shared: string) => StageScores[]> = {
  notes: (sh) => [...evalNotes(sh), ...evalNoteDatasets(sh)],
  citations: (sh) => [...evalCitations(sh), ...evalCitationDatasets(sh)],
  tagger: evalCiteTagger,
  mentions: evalMentions,
  events: evalEvents,
  figures: evalFigures,
  conflicts: evalConflicts,
  quotes: evalQuotes,
  'prose-quotes': evalProseQuotes,
  kinds: evalKinds,
  claims: evalClaims,
};

export function evaluate(shared: string, only: readonly string[] = []): StageScores[] {
  const names = only.length ? only : Object.keys(EVALUATIONS);
  return names.flatMap((n) => {
    const f = EVALUATIONS[n];
    if (!f) throw new Error(`eval: no stage "${n}" (stages: ${Object.keys(EVALUATIONS).join(', ')})`);
    return f(shared);
  });
}

function main(): void {
  const shared = resolve(process.cwd(), '..', 'shared');
  if (!existsSync(join(shared, 'corpus'))) {
    process.stderr.write(`eval: ../shared is missing (looked for ${shared}); the gold is scored on the reference texts there\n`);
    process.exit(1);
  }
  const results = evaluate(shared, process.argv.slice(2).filter((a) => !a.startsWith('--')));
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    return;
  }
  for (const r of results) {
    process.stdout.write(`\n${r.stage} — ${r.document}\n`);
    for (const [k, s] of Object.entries(r.scores)) process.stdout.write(`  ${k.padEnd(42)} ${fmt(s)}\n`);
    const show = Number(process.env.EVAL_ERRORS ?? 10);
    for (const e of r.errors.slice(0, show)) process.stdout.write(`    ✗ ${e}\n`);
    if (r.errors.length > show) process.stdout.write(`    … ${r.errors.length - show} more\n`);
  }
}

if (import.meta.url === new URL(`file://${resolve(process.argv[1] ?? '')}`).href) main();

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

/** The rows of each text, then one row summing the named scores over them. */
function withTotal(rows: StageScores[], stage: string, document: string, keys: readonly string[]): StageScores[] {
  return [...rows, { stage, document, scores: Object.fromEntries(keys.map((k) => [k, sumScores(rows.map((r) => r.scores[k]!))])), errors: [] }];
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
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldMentions;
    const extraction = extractionOf(shared, gold.document);
    const s = scoreMentions(extraction, gold, typeOf);
    out.push({
      stage: 'mentions',
      document: gold.document,
      scores: { 'mentions (overlap)': s.detection, 'linking accuracy (as P)': s.linking, ...Object.fromEntries(Object.entries(s.byType).map(([k, v]) => [`  ${k}s`, v])) },
      errors: s.errors,
    });
  }
  return withTotal(out, 'mentions', 'all gold texts', ['mentions (overlap)', 'linking accuracy (as P)']);
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
  for (const gold of goldFiles<GoldEvents>('events')) {
    const s = scoreEvents(extractionOf(shared, gold.document), gold);
    out.push({
      stage: 'events',
      document: gold.document,
      scores: { 'events (type, participant, date)': s.events, 'found (type, participant)': s.found, 'date accuracy on found (as P)': s.dates, ...Object.fromEntries(Object.entries(s.byType).map(([k, v]) => [`  ${k}`, v])) },
      errors: s.errors,
    });
  }
  return [...withTotal(out, 'events', 'all gold texts', ['events (type, participant, date)', 'found (type, participant)', 'date accuracy on found (as P)']), ...evalMemorial(shared)];
}

/** Figures against eval/gold/figures/*.json. */
export function evalFigures(shared: string): StageScores[] {
  const out: StageScores[] = [];
  for (const gold of goldFiles<GoldFigures>('figures')) {
    const s = scoreFigures(extractionOf(shared, gold.document), gold);
    out.push({ stage: 'figures', document: gold.document, scores: { 'figures (value and measure)': s.figures, 'values only': s.values }, errors: s.errors });
  }
  return withTotal(out, 'figures', 'all gold texts', ['figures (value and measure)', 'values only']);
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

/** Quotations in scholarly prose (speaker, citing note) against eval/gold/prose-quotes/*.json. */
export function evalProseQuotes(shared: string): StageScores[] {
  const rows = goldFiles<GoldProseQuotes>('prose-quotes').map((gold): StageScores => {
    const s = scoreProseQuotes(extractionOf(shared, gold.document).quotes, gold);
    return {
      stage: 'prose quotes',
      document: gold.document,
      scores: { 'quotations found': s.found, 'right (speaker and note)': s.right, 'speaker right, of those found': s.speaker, 'note right, of those found': s.note },
      errors: s.errors,
    };
  });
  return withTotal(rows, 'prose quotes', 'all', ['quotations found', 'right (speaker and note)', 'speaker right, of those found', 'note right, of those found']);
}

/** Quotations (speaker, work, page) against eval/gold/quotes/*.json. */
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
  const rows = goldFiles<GoldClaims>('claims').map((gold): StageScores => {
    const s = scoreClaims(extractionOf(shared, gold.document).claims, gold);
    return { stage: 'claims', document: gold.document, scores: { 'views (holder, interpretation, stance)': s.views, 'claims with their passage': s.passages, holders: s.holders }, errors: s.errors };
  });
  return withTotal(rows, 'claims', 'all', ['views (holder, interpretation, stance)', 'claims with their passage', 'holders']);
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

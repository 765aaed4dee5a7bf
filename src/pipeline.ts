/**
 * The pipeline: `extract(source)` runs named stages in order. Each stage is a
 * pure function of the document and the layers before it, declares what it
 * reads and what it adds, and returns new layers; the assembly below checks
 * those declarations once. Records carry offsets into the ORIGINAL text.
 */
import { LineIndex, type LinedSpan } from './core/positions.js';
import type { Diagnostic } from './core/errors.js';
import type { DocumentMeta, Extraction, Marker, Note, Paragraph, Section, Sentence } from './core/types.js';
import { splitLines, type Line } from './text/lines.js';
import { detectLayout, findHeadings, type Heading, type Layout } from './text/layout.js';
import { buildBody, joinPieces, viewSpans, type BodyParagraph } from './text/body.js';
import { TextView } from './core/view.js';
import { findNoteZones, type NoteZones } from './notes/zones.js';
import { citeDocument, type Citation, type Commentary, type NoteText } from './cite/stage.js';
import type { Work } from './cite/works.js';
import type { BibEntry } from './cite/bibliography.js';
import { mentionStage, type Mention, type AmbiguousMention, type UnknownName } from './names/stage.js';
import type { EntityRef } from './names/authority.js';
import { dateStage, type DateRecord } from './time/stage.js';
import { eventStage } from './extract/stage.js';
import type { EventRecord } from './extract/events.js';
import type { FigureRecord } from './extract/figures.js';
import { compilationQuotes, type QuoteRecord } from './extract/quotes.js';
import { proseQuotes } from './extract/prose-quotes.js';
import { claimStage, type ClaimRecord } from './extract/claims.js';

/** The document a pipeline runs on: its original text and metadata. */
export interface Doc {
  text: string;
  index: LineIndex;
  meta: DocumentMeta;
}

/** Every layer a stage may read or add. */
export interface Layers {
  lines: Line[];
  /** Non-blank lines, the units of layout analysis. */
  units: Line[];
  layout: Layout;
  headings: Heading[];
  sections: Section[];
  zones: NoteZones;
  notes: Note[];
  /** Each note's text as a view over the original, for the stages that parse notes. */
  noteTexts: NoteText[];
  markers: Marker[];
  body: BodyParagraph[];
  citations: Citation[];
  commentary: Commentary[];
  works: Work[];
  bibliography: BibEntry[];
  citeProblems: Diagnostic[];
  entities: EntityRef[];
  mentions: Mention[];
  ambiguousMentions: AmbiguousMention[];
  unknownNames: UnknownName[];
  dates: DateRecord[];
  dateProblems: Diagnostic[];
  events: EventRecord[];
  figures: FigureRecord[];
  figureProblems: Diagnostic[];
  quotes: QuoteRecord[];
  claims: ClaimRecord[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  diagnostics: Diagnostic[];
}
type LayerName = keyof Layers;

export interface Stage {
  name: string;
  reads: readonly LayerName[];
  adds: readonly LayerName[];
  run(doc: Doc, layers: Readonly<Partial<Layers>>): Partial<Layers>;
}

function need<K extends LayerName>(layers: Readonly<Partial<Layers>>, k: K): Layers[K] {
  const v = layers[k];
  if (v === undefined) throw new Error(`pipeline: layer '${k}' read before it was added`);
  return v as Layers[K];
}

export const STAGES: readonly Stage[] = [
  {
    name: 'lines',
    reads: [],
    adds: ['lines', 'units'],
    run: (doc) => {
      const lines = splitLines(doc.text, doc.index);
      return { lines, units: lines.filter((l) => !l.blank) };
    },
  },
  {
    name: 'layout',
    reads: ['lines', 'units'],
    adds: ['layout', 'headings'],
    run: (_doc, L) => {
      const layout = detectLayout(need(L, 'units'), need(L, 'lines'));
      return { layout, headings: findHeadings(need(L, 'units'), layout) };
    },
  },
  {
    name: 'sections',
    reads: ['units', 'headings'],
    adds: ['sections'],
    run: (doc, L) => ({ sections: buildSections(doc, need(L, 'units'), need(L, 'headings')) }),
  },
  {
    name: 'notes',
    reads: ['units', 'layout', 'headings', 'sections'],
    adds: ['zones', 'notes', 'noteTexts', 'markers'],
    run: (doc, L) => {
      const units = need(L, 'units');
      const zones = findNoteZones(units, need(L, 'layout'), need(L, 'headings'));
      return { zones, ...buildNotes(doc, units, zones, need(L, 'sections')) };
    },
  },
  {
    name: 'body',
    reads: ['units', 'layout', 'headings', 'zones', 'sections'],
    adds: ['body', 'paragraphs', 'sentences'],
    run: (doc, L) => {
      const body = buildBody(doc.text, need(L, 'units'), need(L, 'zones').owner, need(L, 'layout'), need(L, 'headings'), doc.index);
      const sections = need(L, 'sections');
      const paragraphs: Paragraph[] = [];
      const sentences: Sentence[] = [];
      body.forEach((p, i) => {
        paragraphs.push({ index: i, section: sectionAt(sections, p.spans[0]!.start), spans: p.spans });
        for (const s of p.sentences) sentences.push({ paragraph: i, spans: viewSpans(p.view, s.start, s.end, doc.index) });
      });
      return { body, paragraphs, sentences };
    },
  },
  {
    name: 'citations',
    reads: ['notes', 'noteTexts', 'sections'],
    adds: ['citations', 'commentary', 'works', 'bibliography', 'citeProblems'],
    run: (doc, L) => {
      const r = citeDocument(doc.text, doc.index, need(L, 'notes'), need(L, 'noteTexts'), bibliographySpan(need(L, 'sections')));
      return { citations: r.citations, commentary: r.commentary, works: r.works, bibliography: r.bibliography, citeProblems: r.diagnostics };
    },
  },
  {
    name: 'mentions',
    reads: ['body', 'notes', 'noteTexts', 'citations'],
    adds: ['entities', 'mentions', 'ambiguousMentions', 'unknownNames'],
    run: (doc, L) => mentionStage(doc.index, need(L, 'body'), need(L, 'notes'), need(L, 'noteTexts'), need(L, 'citations')),
  },
  {
    name: 'dates',
    reads: ['body', 'notes', 'noteTexts', 'markers', 'citations', 'sections'],
    adds: ['dates', 'dateProblems'],
    run: (doc, L) => dateStage(doc.index, need(L, 'body'), need(L, 'notes'), need(L, 'noteTexts'), need(L, 'markers'), need(L, 'citations'), need(L, 'sections')),
  },
  {
    name: 'events',
    reads: ['body', 'notes', 'noteTexts', 'markers', 'citations', 'entities', 'mentions', 'dates'],
    adds: ['events', 'figures', 'figureProblems'],
    run: (doc, L) =>
      eventStage(doc.meta.id, doc.index, need(L, 'body'), need(L, 'notes'), need(L, 'noteTexts'), need(L, 'citations'), need(L, 'entities'), need(L, 'mentions'), need(L, 'dates'), need(L, 'markers')),
  },
  {
    name: 'quotes',
    reads: ['lines', 'sections', 'body', 'markers', 'citations', 'mentions'],
    adds: ['quotes'],
    // A compilation is made of quotations, each closed by its source line; scholarship quotes inside its prose, citing in notes.
    run: (doc, L) => ({
      quotes:
        doc.meta.kind === 'compilation'
          ? compilationQuotes(doc.meta.id, doc.text, need(L, 'lines'), need(L, 'mentions'))
          : proseQuotes({
              docId: doc.meta.id,
              index: doc.index,
              body: need(L, 'body'),
              markers: need(L, 'markers'),
              citations: need(L, 'citations'),
              mentions: need(L, 'mentions'),
              bibliography: bibliographySpan(need(L, 'sections')),
            }),
    }),
  },
  {
    name: 'claims',
    reads: ['body', 'notes', 'noteTexts', 'markers', 'citations', 'works', 'mentions', 'quotes'],
    adds: ['claims'],
    run: (doc, L) => ({
      claims: claimStage({
        meta: doc.meta,
        index: doc.index,
        body: need(L, 'body'),
        notes: need(L, 'notes'),
        noteTexts: need(L, 'noteTexts'),
        markers: need(L, 'markers'),
        citations: need(L, 'citations'),
        works: need(L, 'works'),
        mentions: need(L, 'mentions'),
        quotes: need(L, 'quotes'),
      }),
    }),
  },
  {
    name: 'diagnostics',
    reads: ['zones', 'units', 'citeProblems', 'dateProblems', 'figureProblems'],
    adds: ['diagnostics'],
    run: (doc, L) => {
      const units = need(L, 'units');
      const zones = need(L, 'zones').problems.map((p) => {
        const u = units[p.unit]!;
        return { rule: p.rule, severity: 'warning' as const, message: p.message, start: u.trimmed.start, end: u.trimmed.end, line: u.n };
      });
      return { diagnostics: [...zones, ...need(L, 'citeProblems'), ...need(L, 'dateProblems'), ...need(L, 'figureProblems')].sort((a, b) => (a.start ?? 0) - (b.start ?? 0)) };
    },
  },
];

/** Checks that every stage reads only layers added before it and adds each layer once. */
export function checkStages(stages: readonly Stage[]): void {
  const have = new Set<LayerName>();
  for (const s of stages) {
    for (const r of s.reads) if (!have.has(r)) throw new Error(`pipeline: stage '${s.name}' reads '${r}', which no earlier stage adds`);
    for (const a of s.adds) {
      if (have.has(a)) throw new Error(`pipeline: layer '${a}' added twice (stage '${s.name}')`);
      have.add(a);
    }
  }
}
checkStages(STAGES);

/** Runs every stage on one document and returns the records of the contract. */
export function runStages(doc: Doc, stages: readonly Stage[] = STAGES): Partial<Layers> {
  const layers: Partial<Layers> = {};
  for (const s of stages) {
    const out = s.run(doc, layers);
    for (const k of Object.keys(out) as LayerName[]) {
      if (!s.adds.includes(k)) throw new Error(`pipeline: stage '${s.name}' returned '${k}', which it does not declare`);
    }
    Object.assign(layers, out);
  }
  return layers;
}

/** The whole pipeline on one document: the extraction the store keeps and `extract --json` prints. */
export function extractDoc(text: string, meta: DocumentMeta): Extraction & { layers: Partial<Layers> } {
  const doc: Doc = { text, index: new LineIndex(text), meta };
  const L = runStages(doc);
  return {
    document: meta,
    sections: need(L, 'sections'),
    paragraphs: need(L, 'paragraphs'),
    sentences: need(L, 'sentences'),
    notes: need(L, 'notes'),
    markers: need(L, 'markers'),
    citations: need(L, 'citations'),
    commentary: need(L, 'commentary'),
    works: need(L, 'works'),
    bibliography: need(L, 'bibliography'),
    entities: need(L, 'entities'),
    mentions: need(L, 'mentions'),
    ambiguousMentions: need(L, 'ambiguousMentions'),
    unknownNames: need(L, 'unknownNames'),
    dates: need(L, 'dates'),
    events: need(L, 'events'),
    figures: need(L, 'figures'),
    quotes: need(L, 'quotes'),
    claims: need(L, 'claims'),
    diagnostics: need(L, 'diagnostics'),
    layers: L,
  };
}

/** The document's own bibliography: a top-level part so named, to the end of that part. */
function bibliographySpan(sections: readonly Section[]): { start: number; end: number } | null {
  const s = sections.find((x) => x.level === 1 && /^(?:select\s+)?(?:bibliography|works cited|references|sources(?: and literature)?|literature)\s*$/iu.test(x.title.trim()));
  return s ? { start: s.start, end: s.end } : null;
}

function buildSections(doc: Doc, units: readonly Line[], headings: readonly Heading[]): Section[] {
  return headings.map((h, i) => {
    const u = units[h.unit]!;
    let end = doc.text.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j]!.level <= h.level) {
        end = units[headings[j]!.unit]!.start;
        break;
      }
    }
    const heading = doc.index.lined(u.trimmed);
    return { title: h.title, level: h.level, start: u.trimmed.start, end, line: u.n, heading };
  });
}

/** The top-level (chapter) section holding an offset, or the innermost one if no chapter does. */
function sectionAt(sections: readonly Section[], pos: number): number | null {
  let inner: number | null = null;
  let top: number | null = null;
  sections.forEach((s, i) => {
    if (s.start <= pos && pos < s.end) {
      if (s.level === 1) top = i;
      inner = i;
    }
  });
  return top ?? inner;
}

function buildNotes(
  doc: Doc,
  units: readonly Line[],
  zones: NoteZones,
  sections: readonly Section[],
): { notes: Note[]; noteTexts: NoteText[]; markers: Marker[] } {
  const id = doc.meta.id;
  const noteIds = zones.notes.map((n, k) => `${id}#n${k + 1}`);
  const markerSpans: LinedSpan[][] = zones.notes.map(() => []);
  const markers: Marker[] = zones.markers.map((m) => {
    const u = units[m.unit]!;
    const start = u.trimmed.start + m.at;
    const span = doc.index.lined({ start, end: start + m.length });
    if (m.note >= 0) markerSpans[m.note]!.push(span);
    return { ...span, label: m.label, note: m.note >= 0 ? noteIds[m.note]! : null, style: m.style };
  });
  const noteTexts: NoteText[] = [];
  const notes: Note[] = zones.notes.map((n, k) => {
    const lines = n.units.map((j) => units[j]!);
    const view = new TextView(doc.text, joinPieces(lines));
    noteTexts.push({ view, offset: n.labelLength });
    const spans = viewSpans(view, 0, view.text.length, doc.index);
    const marker = markerSpans[k]![0];
    return {
      id: noteIds[k]!,
      label: n.label,
      section: sectionAt(sections, marker ? marker.start : lines[0]!.start),
      text: view.text.slice(n.labelLength).replace(/\s+/g, ' ').trim(),
      spans,
      markers: markerSpans[k]!,
    };
  });
  return { notes, noteTexts, markers };
}

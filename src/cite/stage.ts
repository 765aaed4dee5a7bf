/**
 * The citation stage: every note split into references and commentary, each
 * reference parsed, archival chains and Ibid. carried from the citation
 * before, short forms resolved to the earlier full citation of the same work
 * (never guessed: an ambiguous or unknown one stays unresolved with a
 * diagnostic), works merged across citations and reconciled with the
 * document's own bibliography.
 */
import { LineIndex, type LinedSpan } from '../core/positions.js';
import type { Diagnostic } from '../core/errors.js';
import type { Note } from '../core/types.js';
import { TextView } from '../core/view.js';
import { fileOf, findArchive, parseArchival, type Archival } from './archival.js';
import { splitNote } from './split.js';
import { fold, parseReference, stripMarks, type CitationKind, type Known, type Locator, type WorkFields } from './reference.js';
import { issuedYear, titleKey, toCsl, withKind, workId, workKey, type Work } from './works.js';
import { parseBibliography, type BibEntry } from './bibliography.js';
import { taggedWork } from './tagger.js';

export interface Citation extends LinedSpan {
  id: string;
  note: string | null;
  raw: string;
  spans: LinedSpan[];
  signal: string | null;
  /** What the reference is as printed. */
  kind: CitationKind;
  /** How it was tied to its work: complete, an Ibid., a short form, or not at all. */
  resolution: 'full' | 'ibid' | 'short' | 'unresolved';
  /** The full citation an Ibid. or short form refers back to. */
  target: string | null;
  work: string | null;
  locator: Locator | null;
  /** The volume cited of a multi-volume work. */
  volume?: string;
  archival?: Archival;
  /** The fields the reference itself states (before resolution). */
  fields: WorkFields;
}

/** Prose in a note around its references: facts stated, views attributed. */
export interface Commentary extends LinedSpan {
  note: string;
  spans: LinedSpan[];
}

/** A note's text as a view over the original, and where its text starts after the label. */
export interface NoteText {
  view: TextView;
  offset: number;
}

export interface CiteResult {
  citations: Citation[];
  commentary: Commentary[];
  works: Work[];
  bibliography: BibEntry[];
  diagnostics: Diagnostic[];
}

interface Full {
  citation: Citation;
  family: string;
  families: string[];
  title: string;
  container: string;
}

const CONTINUATION = /^(?:ll?|pp?|fols?|ff)\.\s*\d/u;
const ARCHIVAL_START = /^(?:f|fond|fund|op|opis['’]?|d|delo)\.?\s*\d/u;

export function citeDocument(
  text: string,
  index: LineIndex,
  notes: readonly Note[],
  noteTexts: readonly NoteText[],
  bibliographySpan: { start: number; end: number } | null,
): CiteResult {
  const diagnostics: Diagnostic[] = [];
  const bibliography = bibliographySpan ? parseBibliography(text, bibliographySpan, index) : [];
  // Journals and books the document names elsewhere (its bibliography, its other citations) split titles that lost their quotation marks.
  const containers = new Set(bibliography.map((b) => b.fields['container-title']).filter((c): c is string => Boolean(c)));
  const known: Known = { containers };
  const citations: Citation[] = [];
  const commentary: Commentary[] = [];
  const fulls: Full[] = [];
  const works = new Map<string, Work>();
  const workOf = new Map<string, string>(); // citation id -> work key
  let prev: Citation | null = null;
  // Authors and titles cited in full so far (and in the bibliography), so that bare short forms are recognised.
  const knownWorks = { families: new Set<string>(), titles: new Set<string>() };
  const learn = (f: WorkFields) => {
    for (const n of [...(f.author ?? []), ...(f.editor ?? [])]) if (n.family) knownWorks.families.add(fold(n.family));
    for (const t of [f.title, f['container-title']]) if (t) knownWorks.titles.add(titleKey(t));
  };
  for (const b of bibliography) if (!b.archival) learn(b.fields);

  const warn = (rule: string, message: string, at: LinedSpan) =>
    diagnostics.push({ rule, severity: 'warning', message, start: at.start, end: at.end, line: at.line });

  notes.forEach((note, k) => {
    const nt = noteTexts[k]!;
    const body = nt.view.text.slice(nt.offset);
    let n = 0;
    let prevInNote: Citation | null = null;
    for (const piece of splitNote(body, knownWorks)) {
      const spans = nt.view.toOriginalSpans(nt.offset + piece.start, nt.offset + piece.end).map((s) => index.lined(s));
      if (spans.length === 0) continue;
      const at: LinedSpan = { start: spans[0]!.start, end: spans[spans.length - 1]!.end, line: spans[0]!.line };
      if (piece.kind === 'commentary') {
        commentary.push({ note: note.id, ...at, spans });
        continue;
      }
      const raw = body.slice(piece.start, piece.end).replace(/\s+/g, ' ').trim();
      const make = (extra: Partial<Citation> & { kind: CitationKind; fields: WorkFields }, sub?: { start: number; end: number }): Citation => {
        const sp = sub ? nt.view.toOriginalSpans(nt.offset + piece.start + sub.start, nt.offset + piece.start + sub.end).map((s) => index.lined(s)) : spans;
        const s0 = sp.length ? sp : spans;
        n++;
        return {
          id: `${note.id}c${n}`,
          note: note.id,
          raw: sub ? body.slice(piece.start + sub.start, piece.start + sub.end).replace(/\s+/g, ' ').trim() : raw,
          start: s0[0]!.start,
          end: s0[s0.length - 1]!.end,
          line: s0[0]!.line,
          spans: s0,
          signal: piece.signal,
          resolution: 'unresolved',
          target: null,
          work: null,
          locator: null,
          ...extra,
        };
      };
      const parsed = parseReference(raw, known);
      const prevArchival = (prevInNote ?? prev)?.archival ?? null;
      const out: Citation[] = [];
      // A reference naming its archive is read on its own; one without continues the archival citation before.
      const named = findArchive(raw) && /\d/.test(raw) ? parseArchival(raw) : [];
      const archivalLike = named.length > 0 || ARCHIVAL_START.test(raw) || (prevArchival && CONTINUATION.test(raw) && /^l/.test(raw));
      if (parsed.kind === 'ibid') {
        const base = prev;
        const c = make({ kind: 'ibid', fields: parsed.fields, locator: parsed.locator });
        if (parsed.volumeCited) c.volume = parsed.volumeCited;
        if (base) {
          c.target = base.resolution === 'full' ? base.id : base.target;
          if (c.target) c.resolution = 'ibid';
          if (base.archival) {
            const rest = raw.replace(/^\*?(?:ibid(?:em)?|idem|id)\.?\*?[,.]?\s*/iu, '');
            const hits = rest ? parseArchival(rest, base.archival) : [];
            c.archival = hits[0] ? fileOf(hits[0]) : { ...base.archival };
            if (c.archival.list) c.locator = { label: 'list', value: c.archival.list };
          }
        } else warn('cite:unresolved', `"Ibid." with no citation before it`, c);
        out.push(c);
      } else if (archivalLike) {
        const hits = named.length ? named : parseArchival(raw, prevArchival);
        if (hits.length === 0) {
          out.push(make({ kind: 'unparsed', fields: parsed.fields }));
          warn('cite:unparsed', `archival reference not understood: ${raw.slice(0, 60)}`, at);
        }
        for (const h of hits) {
          const c = make({ kind: 'full', fields: { type: 'manuscript' }, resolution: 'full', archival: fileOf(h) }, { start: h.start, end: h.end });
          if (h.list) c.locator = { label: 'list', value: h.list };
          out.push(c);
        }
      } else if (CONTINUATION.test(raw) && prev) {
        // "see p. 289": another place in the work just cited.
        const target = prev.resolution === 'full' ? prev.id : prev.target;
        out.push(make({ kind: 'short', fields: parsed.fields, locator: parsed.locator, resolution: target ? 'short' : 'unresolved', target }));
      } else {
        const c = make({ kind: parsed.kind, fields: parsed.fields, locator: parsed.locator });
        if (parsed.volumeCited) c.volume = parsed.volumeCited;
        // "Kuromiya, *Voices of the Dead*, ..., and 'Accounting for the Great Terror'", or "Iuliia Kantor,
        // A (Moscow, 2005); B (Saint Petersburg, 2009)": a list of one author's works names the author once.
        const listed = piece.sameAuthor || ((prevInNote?.kind === 'full' || prevInNote?.kind === 'short') && parsed.kind === 'full' && !/^[*‘“"']/u.test(raw));
        if (listed && prevInNote?.fields.author && !c.fields.author && !c.fields.editor) c.fields = { ...c.fields, author: prevInNote.fields.author };
        if (parsed.kind === 'full') c.resolution = 'full';
        else if (parsed.kind === 'short') {
          const t = resolveShort(c.fields, fulls, c.locator);
          const tagged = t.target || !/\b(?:1[5-9]\d\d|20[0-4]\d)\b/.test(raw) ? null : taggedWork(raw);
          if (t.target) {
            c.resolution = 'short';
            c.target = t.target.id;
          } else if (tagged?.issued && (tagged['container-title'] || tagged.publisher)) {
            // Not a short form after all but a full reference in another style ("Smith, J. (2003). Title. Journal 12").
            Object.assign(c, { kind: 'full', resolution: 'full', fields: tagged });
            diagnostics.push({ rule: 'cite:tagged', severity: 'info', message: `reference read by the field tagger: ${raw.slice(0, 60)}`, start: c.start, end: c.end, line: c.line });
          } else warn('cite:unresolved', t.why, c);
        } else {
          // The grammar of notes failed: the field tagger (trained on labelled references) reads it.
          const tagged = taggedWork(raw);
          if (tagged) {
            c.kind = 'full';
            c.resolution = 'full';
            c.fields = tagged;
            diagnostics.push({ rule: 'cite:tagged', severity: 'info', message: `reference read by the field tagger: ${raw.slice(0, 60)}`, start: c.start, end: c.end, line: c.line });
          } else warn('cite:unparsed', `reference not understood: ${raw.slice(0, 60)}`, c);
        }
        out.push(c);
      }
      for (const c of out) {
        if (c.resolution === 'full') {
          const key = workKey(c.fields, c.archival);
          workOf.set(c.id, key);
          mergeWork(works, key, c.fields, c.archival, diagnostics, c);
          learn(c.fields);
          if (c.fields['container-title'] && (c.fields.type === 'article-journal' || c.fields.type === 'article-newspaper')) containers.add(c.fields['container-title']);
          if (!c.archival) {
            const fams = [...(c.fields.author ?? []), ...(c.fields.editor ?? [])].map((x) => fold(x.family ?? ''));
            fulls.push({ citation: c, family: fams[0] ?? '', families: fams, title: titleKey(c.fields.title), container: titleKey(c.fields['container-title']) });
          }
        } else if (c.target) {
          const key = c.archival ? workKey({ type: 'manuscript' }, c.archival) : workOf.get(c.target);
          if (key) {
            workOf.set(c.id, key);
            if (c.archival && !works.has(key)) mergeWork(works, key, { type: 'manuscript' }, c.archival, diagnostics, c);
          }
        }
        const key = workOf.get(c.id);
        if (key) c.work = works.get(key)!.id;
        citations.push(c);
        prev = c;
        prevInNote = c;
      }
    }
  });
  reconcile(bibliography, works, diagnostics);
  return { citations, commentary, works: [...works.values()].map(withKind), bibliography, diagnostics };
}

/** The earlier full citation a short form names: by family name, narrowed by title, then by page. */
function resolveShort(f: WorkFields, fulls: readonly Full[], locator: Locator | null): { target: Citation | null; why: string } {
  const fams = (f.author ?? f.editor ?? []).map((a) => fold(a.family ?? ''));
  const t = titleKey(f.title);
  if (!fams.length && !t) return { target: null, why: 'short form with neither name nor title' };
  const label = [fams.join(' and '), f.title].filter(Boolean).join(', ');
  let cands = candidates(fams, t, fulls);
  // The author may be named only in the prose of the full citation's note: the title alone must then be unique.
  if (cands.length === 0 && t && fams.length) cands = candidates([], t, fulls);
  const distinct = new Map<string, Full>();
  for (const c of cands) if (!distinct.has(c.citation.work ?? c.citation.id)) distinct.set(c.citation.work ?? c.citation.id, c);
  let found = [...distinct.values()];
  // Two parts of one title (1997 and 1998 issues): the cited page tells them apart.
  if (found.length > 1 && locator?.label === 'page') {
    const inRange = found.filter((x) => pageWithin(locator.value, x.citation.fields.page));
    if (inRange.length === 1) found = inRange;
  }
  if (found.length === 1) return { target: found[0]!.citation, why: '' };
  if (found.length === 0) return { target: null, why: `short form "${label}" has no earlier full citation` };
  return { target: null, why: `short form "${label}" could be ${found.length} works` };
}

function candidates(fams: readonly string[], t: string, fulls: readonly Full[]): Full[] {
  let cands = fulls as Full[];
  if (fams.length) cands = cands.filter((x) => x.families.includes(fams[0]!) || x.family === fams[0]);
  if (t) {
    const byTitle = cands.filter((x) => prefixMatch(t, x.title) || prefixMatch(t, x.container));
    // A misspelt short title ("nemtskoi" for "nemetskoi") still names the one work its authors have here.
    const works = new Set(cands.map((x) => x.citation.work));
    const shareWord = (x: Full) => t.split(' ').some((w) => w.length >= 5 && (x.title.includes(w) || x.container.includes(w)));
    cands = byTitle.length || !fams.length || works.size !== 1 || !cands.some(shareWord) ? byTitle : cands;
  }
  // "Khaustov and Samuelson" names their joint book before a volume Khaustov edited.
  if (fams.length > 1) {
    const exact = cands.filter((x) => fams.every((f0) => x.families.includes(f0)));
    if (exact.length) cands = exact;
  }
  return cands;
}

function pageWithin(cited: string, range: string | undefined): boolean {
  const r = /^(\d+)\s*[-–]+\s*(\d+)$/.exec(range ?? '');
  const p = /^(\d+)/.exec(cited);
  if (!r || !p) return false;
  const a = Number(r[1]);
  let b = Number(r[2]);
  if (r[2]!.length < r[1]!.length) b = Number(r[1]!.slice(0, r[1]!.length - r[2]!.length) + r[2]);
  return a <= Number(p[1]) && Number(p[1]) <= b;
}

/** Whether a short title names a full one: same leading words, allowing the short form to stop early. */
function prefixMatch(short: string, full: string): boolean {
  if (!short || !full) return false;
  if (full.startsWith(short) || short.startsWith(full)) return true;
  const a = short.split(' ');
  const b = full.split(' ');
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return same >= Math.min(3, a.length);
}

function mergeWork(works: Map<string, Work>, key: string, f: WorkFields, archival: Archival | undefined, diagnostics: Diagnostic[], at: LinedSpan): void {
  const w = works.get(key);
  const next = toCsl(workId(key), f, archival);
  if (!w) {
    works.set(key, next);
    return;
  }
  const y0 = issuedYear(w);
  const y1 = issuedYear(next);
  // Volumes of a multi-volume set come out in different years.
  const volumes = Boolean(w['number-of-volumes'] || next['number-of-volumes'] || w.volume || next.volume);
  if (y0 !== null && y1 !== null && y0 !== y1 && !volumes) {
    diagnostics.push({ rule: 'cite:year-mismatch', severity: 'warning', message: `"${String(w.title ?? '').slice(0, 60)}" is dated ${y0} in one citation and ${y1} here`, start: at.start, end: at.end, line: at.line });
  }
  for (const [k, v] of Object.entries(next)) if (w[k] === undefined && v !== undefined) w[k] = v;
}

/** The bibliography's works joined to the notes' by key; disagreements reported. */
function reconcile(bib: readonly BibEntry[], works: Map<string, Work>, diagnostics: Diagnostic[]): void {
  const tnaCited = [...works.values()].filter((w) => w.archival?.archive === 'TNA');
  for (const e of bib) {
    const key = workKey(e.fields, e.archival);
    const w = works.get(key);
    const at = { start: e.start, end: e.end, line: e.line };
    if (w) {
      const y0 = issuedYear(w);
      const y1 = e.fields.issued ? Number(e.fields.issued.slice(0, 4)) : null;
      const volumes = Boolean(w['number-of-volumes'] || w.volume || e.fields['number-of-volumes'] || e.fields.volume);
      if (y0 !== null && y1 !== null && y0 !== y1 && !volumes) {
        diagnostics.push({ rule: 'cite:bibliography-mismatch', severity: 'warning', message: `"${stripMarks(String(w.title ?? '')).slice(0, 60)}" is dated ${y0} in the notes and ${y1} in the bibliography`, ...at });
      }
      for (const [k, v] of Object.entries(toCsl(w.id, e.fields, e.archival))) if (w[k] === undefined && v !== undefined) w[k] = v;
    }
    if (e.archival?.archive === 'TNA') {
      // "KV 2/404" in the notes and "KV 2/2404" in the bibliography: the same file mistyped in one place.
      for (const c of tnaCited) {
        const a = c.archival!;
        if (a.series === e.archival.series && a.delo !== e.archival.delo && (a.delo!.endsWith(e.archival.delo!) || e.archival.delo!.endsWith(a.delo!)) && !bib.some((b) => b.archival?.series === a.series && b.archival?.delo === a.delo)) {
          diagnostics.push({ rule: 'cite:bibliography-mismatch', severity: 'warning', message: `TNA ${a.series}/${a.delo} in the notes is ${e.archival.series}/${e.archival.delo} in the bibliography`, ...at });
        }
      }
    } else if (!w && !e.archival && e.fields.title) {
      works.set(key, toCsl(workId(key), e.fields));
    }
  }
}

/**
 * Cites notes given as strings (a dataset's footnotes, a list pasted by a
 * user): one document whose lines are the notes, then a bibliography if given.
 */
export function citeNoteTexts(docId: string, notes: readonly { label: string; text: string }[], bibliography = ''): CiteResult & { text: string } {
  const parts = notes.map((n) => n.text);
  const bib = bibliography ? `Bibliography\n${bibliography}` : '';
  const text = [...parts, bib].join('\n');
  const index = new LineIndex(text);
  const noteRecs: Note[] = [];
  const noteTexts: NoteText[] = [];
  let at = 0;
  notes.forEach((n, k) => {
    const t = parts[k]!;
    noteRecs.push({ id: `${docId}#n${k + 1}`, label: n.label, section: null, text: t, spans: [index.lined({ start: at, end: at + t.length })], markers: [] });
    noteTexts.push({ view: new TextView(text, [{ start: at, end: at + t.length }]), offset: 0 });
    at += t.length + 1;
  });
  const r = citeDocument(text, index, noteRecs, noteTexts, bib ? { start: at, end: text.length } : null);
  return { ...r, text };
}

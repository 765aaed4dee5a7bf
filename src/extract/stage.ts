/**
 * The events and figures stages: each sentence of the body and of the notes'
 * prose, with the dates and mentions found in it, read for events and for
 * figures; results carry ORIGINAL offsets and the sentence as provenance.
 */
import type { LineIndex } from '../core/positions.js';
import type { Diagnostic } from '../core/errors.js';
import type { Marker, Note } from '../core/types.js';
import type { NoteText } from '../cite/stage.js';
import type { Citation } from '../cite/stage.js';
import type { BodyParagraph } from '../text/body.js';
import { splitSentences } from '../text/body.js';
import type { TextView } from '../core/view.js';
import { authority, type EntityRef } from '../names/authority.js';
import type { Mention } from '../names/mentions.js';
import type { DateRecord } from '../time/stage.js';
import { viewRanges } from '../time/stage.js';
import { groupBy } from '../core/group.js';
import type { DateMention } from '../time/dates.js';
import { sentenceEvents, type EventRecord, type SentenceInput } from './events.js';
import { sentenceFigures, type FigureContext, type FigureRecord } from './figures.js';

/** One sentence of a passage, with what earlier stages found in it, at view offsets. */
interface Sentence extends SentenceInput {
  view: TextView;
  in: 'body' | 'note';
  note?: string;
}

/** Every sentence of the body and notes with its dates and mentions, in reading order. */
function sentences(
  body: readonly BodyParagraph[],
  notes: readonly Note[],
  noteTexts: readonly NoteText[],
  citations: readonly Citation[],
  entities: readonly EntityRef[],
  mentions: readonly Mention[],
  dates: readonly DateRecord[],
  markers: readonly Marker[],
): Sentence[] {
  const typeOf = new Map(entities.map((e) => [e.id, e.type]));
  const historians = historianIds();
  const out: Sentence[] = [];
  const build = (view: TextView, ranges: { start: number; end: number }[], ds: readonly DateRecord[], ms: readonly Mention[], where: 'body' | 'note', note?: string, mks: readonly Marker[] = []) => {
    const vd: DateMention[] = [];
    for (const d of ds) {
      const r = view.toViewSpan(d.start, d.end);
      if (r) vd.push({ ...d, ...r } as DateMention);
    }
    const vm: SentenceInput['mentions'] = [];
    for (const m of ms) {
      const r = view.toViewSpan(m.start, m.end);
      const type = typeOf.get(m.entity);
      if (r && type) vm.push({ entity: m.entity, type, ...r, ...(historians.has(m.entity) ? { historian: true } : {}) });
    }
    const vk = mks.flatMap((m) => view.toViewSpan(m.start, m.end) ?? []);
    vd.sort((a, b) => a.start - b.start);
    vm.sort((a, b) => a.start - b.start);
    let di = 0;
    let mi = 0;
    for (const s of ranges) {
      while (di < vd.length && vd[di]!.start < s.start) di++;
      while (mi < vm.length && vm[mi]!.start < s.start) mi++;
      let dj = di;
      while (dj < vd.length && vd[dj]!.start < s.end) dj++;
      let mj = mi;
      while (mj < vm.length && vm[mj]!.start < s.end) mj++;
      // A "sentence" of thousands of characters is a table or a list, not prose: not read for events.
      if (s.end - s.start > MAX_SENTENCE) continue;
      const sen: Sentence = {
        view,
        in: where,
        text: view.text.slice(s.start, s.end),
        offset: s.start,
        dates: vd.slice(di, dj).filter((d) => d.end <= s.end),
        mentions: vm.slice(mi, mj).filter((m) => m.end <= s.end),
      };
      const inside = vk.filter((m) => s.start <= m.start && m.end <= s.end);
      if (inside.length) sen.markers = inside;
      if (note) sen.note = note;
      out.push(sen);
    }
  };
  const datesBy = groupBy(dates, (d) => `${d.in}${d.passage}`);
  const bodyMentions = mentions.filter((m) => m.in === 'body').sort((a, b) => a.start - b.start);
  const bodyMarkers = [...markers].sort((a, b) => a.start - b.start);
  let at = 0;
  let mk = 0;
  body.forEach((p, k) => {
    const lo = p.spans[0]?.start ?? 0;
    const hi = p.spans[p.spans.length - 1]?.end ?? 0;
    while (at < bodyMentions.length && bodyMentions[at]!.start < lo) at++;
    let to = at;
    while (to < bodyMentions.length && bodyMentions[to]!.start < hi) to++;
    while (mk < bodyMarkers.length && bodyMarkers[mk]!.start < lo) mk++;
    let mto = mk;
    while (mto < bodyMarkers.length && bodyMarkers[mto]!.start < hi) mto++;
    build(p.view, p.sentences, datesBy.get(`body${k}`) ?? [], bodyMentions.slice(at, to).filter((m) => m.end <= hi), 'body', undefined, bodyMarkers.slice(mk, mto));
  });
  const noteMentions = groupBy(mentions.filter((m) => m.in === 'note'), (m) => m.note ?? '');
  const noteCites = groupBy(citations.filter((c) => c.note), (c) => c.note!);
  noteTexts.forEach((n, k) => {
    const note = notes[k]!;
    // The note's prose: its sentences, with the references cut out.
    const cites = viewRanges(n.view, (noteCites.get(note.id) ?? []).flatMap((c) => (c.spans.length ? c.spans : [c])));
    const ranges = splitSentences(n.view.text.slice(n.offset)).map((s) => ({ start: s.start + n.offset, end: s.end + n.offset }));
    const prose = ranges.filter((s) => !cites.some((c) => c.start <= s.start && s.end <= c.end));
    build(n.view, prose, datesBy.get(`note${k}`) ?? [], noteMentions.get(note.id) ?? [], 'note', note.id);
  });
  return out;
}

let historians: Set<string> | null = null;

/** The people the authority file calls historians, once per process. */
function historianIds(): Set<string> {
  historians ??= new Set(authority().entities.filter((e) => e.type === 'person' && e.category === 'historian').map((e) => e.id));
  return historians;
}

/** Longest sentence read for events and figures, in characters. */
const MAX_SENTENCE = 3000;

/** Where a sentence is in the original: its pieces, its first line. */
function placeOf(index: LineIndex, s: Sentence): { start: number; end: number; line: number; spans: { start: number; end: number; line: number }[]; text: string } {
  const spans = s.view.toOriginalSpans(s.offset, s.offset + s.text.length).map((x) => index.lined(x));
  return { start: spans[0]!.start, end: spans[spans.length - 1]!.end, line: spans[0]!.line, spans, text: s.text.replace(/\s+/g, ' ') };
}

export function eventStage(
  docId: string,
  index: LineIndex,
  body: readonly BodyParagraph[],
  notes: readonly Note[],
  noteTexts: readonly NoteText[],
  citations: readonly Citation[],
  entities: readonly EntityRef[],
  mentions: readonly Mention[],
  dates: readonly DateRecord[],
  markers: readonly Marker[],
): { events: EventRecord[]; figures: FigureRecord[]; figureProblems: Diagnostic[] } {
  const events: EventRecord[] = [];
  const figures: FigureRecord[] = [];
  const problems: Diagnostic[] = [];
  let previous: string[] = [];
  let lastDate: DateMention | null = null;
  let lastPassage: TextView | null = null;
  let counting: FigureContext = { who: null, measure: null };
  for (const s of sentences(body, notes, noteTexts, citations, entities, mentions, dates, markers)) {
    // "All were found guilty ... and executed." continues the sentence before: it takes that sentence's date.
    if (!s.dates.length && lastDate && lastPassage === s.view && /^(All|They|Both|Each|These|The (?:officers|men|accused|defendants))\b/.test(s.text)) {
      s.dates = [{ ...lastDate, start: s.offset, end: s.offset, text: '' }];
    }
    const found = sentenceEvents(s, previous);
    lastDate = found.length ? found[found.length - 1]!.date : s.dates.length ? s.dates[s.dates.length - 1]! : lastDate;
    if (lastPassage !== s.view) counting = { who: null, measure: null };
    lastPassage = s.view;
    const figs = sentenceFigures(s, counting);
    if (found.length || figs.length) {
      const at = placeOf(index, s);
      for (const e of found) {
        const t = s.view.toOriginalSpans(e.trigger.start, e.trigger.end)[0]!;
        const d = e.date;
        const rec: EventRecord = {
          id: `${docId}#e${events.length + 1}`,
          type: e.type,
          date: { text: d.text, edtf: d.edtf, min: d.min, max: d.max, precision: d.precision, ...(d.calendar ? { calendar: d.calendar } : {}) },
          participants: e.participants,
          place: e.place,
          ...at,
          trigger: { text: index.text.slice(t.start, t.end), start: t.start, end: t.end },
          assertedBy: e.assertedBy,
          in: s.in,
        };
        if (s.note) rec.note = s.note;
        events.push(rec);
      }
      for (const f of figs) {
        const n = s.view.toOriginalSpans(f.number.start, f.number.end)[0]!;
        const rec: FigureRecord = {
          id: `${docId}#f${figures.length + 1}`,
          value: f.value,
          max: f.max,
          approx: f.approx !== null,
          qualifier: f.approx,
          unit: f.unit,
          measure: f.measure,
          scope: f.scope,
          number: { text: index.text.slice(n.start, n.end), start: n.start, end: n.end, line: index.lineOf(n.start) },
          ...at,
          in: s.in,
        };
        if (s.note) rec.note = s.note;
        figures.push(rec);
        if (f.unit === 'people' && (f.max ?? f.value) > 200_000_000) {
          problems.push({ rule: 'figures:too-large', severity: 'warning', message: `${rec.number.text} is too large to be a count of people`, start: n.start, end: n.end, line: rec.number.line });
        }
      }
    }
    // The people a following "he" or "they" may stand for: those who underwent the sentence's events, else those it opens with.
    const undergone = found.filter((e) => !/^(speech|report|letter|order|decree|meeting|publication|other)$/.test(e.type)).flatMap((e) => e.participants.filter((p) => p.role === 'subject').map((p) => p.entity));
    const people = s.mentions.filter((m) => m.type === 'person');
    if (undergone.length) previous = [...new Set(undergone)];
    else if (people.length) previous = [...new Set(people.slice(0, 3).map((m) => m.entity))];
  }
  return { events, figures, figureProblems: problems };
}

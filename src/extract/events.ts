/**
 * Events: what happened to whom, when, in one sentence. A trigger word
 * (`arrested`, `the execution of`, `sent a letter`) gives the type; the
 * sentence's date nearest the trigger gives the date; the people named in the
 * trigger's clause give the participants, by the trigger's voice (`X was
 * arrested`, `Ezhov arrested X`, `the arrest of X`, `X's speech`). Negated,
 * hypothetical and future statements are not asserted; a statement someone
 * claims keeps who claims it.
 */
import type { EdtfDate, DateMention } from '../time/dates.js';
import { groupBy } from '../core/group.js';

export const EVENT_TYPES = [
  'arrest', 'execution', 'death', 'suicide', 'trial', 'sentence', 'transfer', 'appointment', 'promotion', 'demotion', 'dismissal', 'expulsion',
  'reinstatement', 'rehabilitation', 'release', 'interrogation', 'confession', 'speech', 'report', 'letter', 'order', 'decree', 'meeting',
  'publication', 'birth', 'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type Role = 'subject' | 'agent' | 'recipient';

export interface Participant {
  entity: string;
  role: Role;
}

/** An event as the contract prints it, with Kartoteka's additions. */
export interface EventRecord {
  id: string;
  type: EventType;
  date: EdtfDate & { calendar?: 'julian' };
  participants: Participant[];
  place: string | null;
  /** The sentence, line breaks collapsed. */
  text: string;
  start: number;
  end: number;
  line: number;
  /** The sentence's pieces when a footnote zone cuts it. */
  spans: { start: number; end: number; line: number }[];
  /** The word or words that say what happened. */
  trigger: { text: string; start: number; end: number };
  /** Who the text says claims it ("Molotov claimed that ..."), when not the author. */
  assertedBy: string | null;
  in: 'body' | 'note';
  note?: string;
}

/** How a trigger relates the people of its clause to the event. */
type Voice =
  /** `X was arrested`, `X died`: the subject undergoes it. */
  | 'undergo'
  /** `arrested X` without an auxiliary: the object undergoes, the subject acts. */
  | 'transitive'
  /** `the arrest of X`, `X's arrest`. */
  | 'noun'
  /** `X spoke`, `X's report`, `X sent a letter`: the subject acts, no one undergoes. */
  | 'actor';

interface Trigger {
  words: string[];
  type: EventType;
  /** Voices by form: participle (after an auxiliary or alone), noun, actor. */
  kind: 'verb' | 'noun' | 'intrans' | 'actor' | 'actor-noun';
}

const T = (spec: string, type: EventType, kind: Trigger['kind']): Trigger[] => spec.split('|').map((w) => ({ words: w.split(' '), type, kind }));

/** The trigger vocabulary. Longer phrases are tried first. */
const TRIGGERS: Trigger[] = [
  ...T('arrested|detained|apprehended', 'arrest', 'verb'),
  ...T('arrest|arrests|detention', 'arrest', 'noun'),
  ...T('taken into custody|taken into nkvd custody', 'arrest', 'intrans'),
  ...T('shot himself|killed himself|took his own life|committed suicide|shot themselves', 'suicide', 'intrans'),
  ...T('suicide', 'suicide', 'noun'),
  ...T('executed|shot', 'execution', 'verb'),
  ...T('execution|executions|shooting', 'execution', 'noun'),
  ...T('died|perished', 'death', 'intrans'),
  ...T('killed|murdered|assassinated', 'death', 'verb'),
  ...T('death|murder|assassination', 'death', 'noun'),
  ...T('put on trial|stood trial|brought to trial|went on trial|faced trial', 'trial', 'intrans'),
  ...T('tried', 'trial', 'verb'),
  ...T('trial', 'trial', 'noun'),
  ...T('sentenced|condemned', 'sentence', 'verb'),
  ...T('found guilty|convicted', 'sentence', 'intrans'),
  ...T('transferred|reassigned|moved', 'transfer', 'verb'),
  ...T('transfer', 'transfer', 'noun'),
  ...T('appointed|named', 'appointment', 'verb'),
  ...T('appointment', 'appointment', 'noun'),
  ...T('promoted', 'promotion', 'verb'),
  ...T('promotion', 'promotion', 'noun'),
  ...T('demoted', 'demotion', 'verb'),
  ...T('demotion', 'demotion', 'noun'),
  ...T('dismissed|discharged|removed|relieved', 'dismissal', 'verb'),
  ...T('dismissal|discharge|removal', 'dismissal', 'noun'),
  ...T('expelled', 'expulsion', 'verb'),
  ...T('expulsion', 'expulsion', 'noun'),
  ...T('reinstated|restored', 'reinstatement', 'verb'),
  ...T('reinstatement', 'reinstatement', 'noun'),
  ...T('rehabilitated', 'rehabilitation', 'verb'),
  ...T('rehabilitation', 'rehabilitation', 'noun'),
  ...T('released|freed', 'release', 'verb'),
  ...T('release', 'release', 'noun'),
  ...T('interrogated|questioned', 'interrogation', 'verb'),
  ...T('interrogation|interrogations', 'interrogation', 'noun'),
  ...T('confessed|testified|admitted', 'confession', 'intrans'),
  ...T('confession|testimony', 'confession', 'actor-noun'),
  ...T('born', 'birth', 'intrans'),
  ...T('speech|address', 'speech', 'actor-noun'),
  ...T('spoke|addressed', 'speech', 'actor'),
  ...T('report|memorandum', 'report', 'actor-noun'),
  ...T('reported', 'report', 'actor'),
  ...T('letter|telegram', 'letter', 'actor-noun'),
  ...T('wrote|contacted|sent a note|wrote to', 'letter', 'actor'),
  ...T('note', 'letter', 'actor-noun'),
  ...T('order|directive', 'order', 'actor-noun'),
  ...T('ordered|instructed', 'order', 'actor'),
  ...T('decree|resolution', 'decree', 'actor-noun'),
  ...T('approved|sanctioned|decided|resolved', 'decree', 'actor'),
  ...T('meeting|plenum|session|congress|conference', 'meeting', 'actor-noun'),
  ...T('met|received', 'meeting', 'actor'),
  // Words that report what someone said: a speech when the sentence is about a meeting or a speech.
  ...T('criticized|criticised|argued|remarked|pointed|mentioned|commented|told|described|detailed|emphasized|emphasised|stressed|declared|warned|complained|defended|called for|urged|announced|insisted|spoken|said', 'speech', 'actor'),
  ...T('published', 'publication', 'actor'),
  ...T('launched|signed', 'other', 'actor'),
  // Russian record lines (Memorial): "Арестован 4 ноября 1937 г.", "Расстрелян 9.08.1938".
  ...T('арестован|арестована|арестованы', 'arrest', 'intrans'),
  ...T('расстрелян|расстреляна|рассстрелян|рассстреляна|расстреляны', 'execution', 'intrans'),
  ...T('осужден|осуждена|приговорен|приговорена', 'sentence', 'intrans'),
  ...T('реабилитирован|реабилитирована', 'rehabilitation', 'intrans'),
  ...T('уволен|уволена', 'dismissal', 'intrans'),
  ...T('умер|умерла|погиб|погибла', 'death', 'intrans'),
  ...T('род|родился|родилась', 'birth', 'intrans'),
];
const BY_FIRST = groupBy(
  [...TRIGGERS].sort((a, b) => b.words.length - a.words.length),
  (t) => t.words[0]!,
);

const AUX = new Set(['was', 'were', 'been', 'be', 'being', 'is', 'are', 'had', 'get', 'got', 'became']);
const NEGATION = new Set(['not', 'never', "n't", 'nor', 'neither', 'no']);
const HYPOTHETICAL = new Set(['would', 'could', 'might', 'should', 'will', 'shall', 'may', 'if', 'whether', 'unless', 'planned', 'intended', 'wanted', 'hoped', 'expected', 'proposed', 'threatened', 'attempt', 'attempted', 'prevent', 'avoid', 'supposed']);
const CLAIM = new Set(['claimed', 'alleged', 'asserted', 'insisted', 'maintained', 'stated', 'said', 'told', 'testified', 'declared', 'wrote', 'recalled', 'according', 'accused', 'charged']);
const PRONOUNS = new Set(['he', 'she', 'him', 'his', 'her', 'himself', 'herself']);
const PLURAL_PRONOUNS = new Set(['they', 'them', 'their', 'both', 'all', 'each']);
const CLAUSE_BREAK = new Set([';', ':', '—', '–', 'but', 'while', 'whereas', 'although', 'though', 'after', 'before', 'when', 'whilst', 'because', 'since', 'until', 'as', 'where']);
const COORD = new Set([',', 'and', '&', 'as', 'well', 'together', 'with', 'alongside', 'along', 'also', 'both', 'then', 'commander', 'commanders', 'marshal', 'marshals', 'komandarm', 'komkor', 'komdiv', 'kombrig', 'corps', 'army', 'commissar', 'deputy', 'head', 'of']);

interface Word {
  s: string;
  l: string;
  start: number;
  end: number;
}

export interface SentenceInput {
  /** The sentence in view text, and where it starts in the view. */
  text: string;
  offset: number;
  /** Dates inside the sentence, at view offsets. */
  dates: DateMention[];
  /** Entity mentions inside the sentence, at view offsets, with their entity types. */
  mentions: { entity: string; type: 'person' | 'organization' | 'place'; start: number; end: number; historian?: boolean }[];
  /** The person a record of a list is about ("Расстрелян 9.08.1938" in a victim's record), when the passage is such a record. */
  implicitSubject?: string;
  /** Note markers inside the sentence, at view offsets ("3387.184": the 184 is a marker, not a decimal). */
  markers?: { start: number; end: number }[];
}

/** The participant an event is about: its first subject, else its first participant. */
export const mainParticipant = (e: { participants: readonly Participant[] }): string | null =>
  (e.participants.find((p) => p.role === 'subject') ?? e.participants[0])?.entity ?? null;

/** An event found in one sentence, at view offsets; the stage maps it to the original. */
export interface FoundEvent {
  type: EventType;
  date: DateMention;
  participants: Participant[];
  place: string | null;
  trigger: { start: number; end: number };
  assertedBy: string | null;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu;

function words(text: string, offset: number): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    let s = m[0];
    const start = offset + m.index!;
    // "Tukhachevskii's" → the name, then the possessive.
    const poss = /^(.*\p{L})(['’]s)$/u.exec(s);
    if (poss) {
      out.push({ s: poss[1]!, l: poss[1]!.toLowerCase(), start, end: start + poss[1]!.length });
      out.push({ s: "'s", l: "'s", start: start + poss[1]!.length, end: start + s.length });
      continue;
    }
    if (/n['’]t$/.test(s)) {
      out.push({ s: s.slice(0, -3), l: s.slice(0, -3).toLowerCase(), start, end: start + s.length - 3 });
      s = "n't";
      out.push({ s, l: s, start: start + m[0].length - 3, end: start + m[0].length });
      continue;
    }
    out.push({ s, l: s.toLowerCase(), start, end: start + s.length });
  }
  return out;
}

/**
 * The events of one sentence. `previous` holds the people the preceding
 * sentence made its subject, for a pronoun ("he was arrested").
 */
export function sentenceEvents(sen: SentenceInput, previous: readonly string[]): FoundEvent[] {
  if (!sen.dates.length) return [];
  const ws = words(sen.text, sen.offset);
  const out: FoundEvent[] = [];
  // Historians are cited for what they say, not actors of the story: "According to Reese, ... were discharged".
  const people = sen.mentions.filter((m) => m.type === 'person' && !m.historian);
  const actors = sen.mentions.filter((m) => m.type !== 'place' && !m.historian);
  const places = sen.mentions.filter((m) => m.type === 'place');
  const wordAt = (pos: number) => {
    let lo = 0;
    let hi = ws.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ws[mid]!.start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const inDate = (pos: number) => sen.dates.some((d) => d.start <= pos && pos < d.end);
  const inName = (pos: number) => sen.mentions.some((m) => m.start <= pos && pos < m.end);
  /** Who underwent the sentence's last event: "were found guilty ... and executed" shares them. */
  let shared: string[] = [];

  for (let i = 0; i < ws.length; i++) {
    const cands = BY_FIRST.get(ws[i]!.l);
    if (!cands || inDate(ws[i]!.start) || inName(ws[i]!.start)) continue;
    const trig = cands.find((t) => t.words.every((w, k) => ws[i + k]?.l === w));
    if (!trig) continue;
    const last = i + trig.words.length - 1;
    const trigger = { start: ws[i]!.start, end: ws[last]!.end };
    // Clause bounds around the trigger.
    let from = i;
    while (from > 0 && !isBreak(ws, from - 1)) from--;
    let to = last + 1;
    while (to < ws.length && !isBreak(ws, to, true)) to++;
    const before = ws.slice(Math.max(from, i - 5), i).filter((w) => !inDate(w.start)).map((w) => w.l);
    // Not asserted: negated, hypothetical or future — unless "not ... until DATE", which dates it.
    const negated = before.some((w) => NEGATION.has(w));
    const until = negated && ws.slice(last + 1, to).some((w) => w.l === 'until' || w.l === 'till');
    if ((negated && !until) || before.some((w) => HYPOTHETICAL.has(w))) continue;
    if (ws[i - 1]?.l === 'to' && !/^(was|were|sent|due|led|came)$/.test(ws[i - 2]?.l ?? '')) continue; // "to arrest" is intent
    if (ws[i - 1]?.l === 'be' && ws[i - 2]?.l === 'to') continue; // "to be arrested"
    // A participle used as an adjective: "the arrested officers", "two arrested officers", "letters from arrested men".
    if (trig.kind === 'verb' && /^(the|a|an|of|from|other|former|already|recently|newly|those|these|many|some|all|two|three|several|his|their|her|by|with|for)$/.test(ws[i - 1]?.l ?? '') && /^\p{Ll}/u.test(ws[i + 1]?.s ?? '') && !/^(on|in|by|at|and|for|as|after|before|during|between|from|with|under|over|together|alongside|along|immediately|later|soon|too|also|again)$/.test(ws[i + 1]?.l ?? '')) continue;
    if (trig.kind === 'noun' || trig.kind === 'actor-noun') {
      // A noun used as a modifier of a name or a title is no event ("Trial of the Anti-Soviet ...").
      if (/^(warrant|warrants|list|lists|quota|quotas|campaign|operation|wave|waves|order)$/.test(ws[last + 1]?.l ?? '') && trig.type !== 'order') continue;
    }
    // "the Order of Saint Anna", "the Order of Lenin": an award, not an order.
    if (trig.type === 'order' && ws[i]!.s === 'Order' && ws[i + 1]?.l === 'of' && /^\p{Lu}/u.test(ws[i + 2]?.s ?? '')) continue;
    // "Stalin received Ezhov": a meeting only with someone named right after.
    if (ws[i]!.l === 'received' && !people.some((m) => m.start >= trigger.end && m.start <= (ws[last + 3]?.start ?? trigger.end))) continue;
    // A verb of saying is a speech only where the sentence speaks of one.
    if (trig.type === 'speech' && trig.kind === 'actor' && !/^(spoke|addressed)$/.test(ws[i]!.l) && !ws.some((w) => /^(speech|speeches|plenum|meeting|session|aktiv|congress|conference|address|soviet|council)$/.test(w.l))) continue;
    // "a note" is a letter only when sent.
    if (trig.words[0] === 'note' && !/^(sent|wrote|a)$/.test(ws[i - 1]?.l ?? '')) continue;
    if (trig.words[0] === 'note' && ws[i - 1]?.l === 'a' && !/^(sent|wrote|received)$/.test(ws[i - 2]?.l ?? '')) continue;
    const date = nearestDate(sen.dates, trigger, ws, from, to, until);
    if (!date) continue;
    // A noun takes only a date beside it ("the 10 May report", "the arrest of Kork on 14 May"), not one of another clause.
    if ((trig.kind === 'noun' || trig.kind === 'actor-noun') && date.end > date.start && Math.min(Math.abs(date.start - trigger.end), Math.abs(trigger.start - date.end)) > 60) continue;

    const inClause = (m: { start: number }) => m.start >= ws[from]!.start && m.start < (to < ws.length ? ws[to]!.start : Infinity);
    const clausePeople = people.filter(inClause);
    const clauseActors = actors.filter(inClause);
    const aux = ws.slice(Math.max(from, i - 3), i).some((w) => AUX.has(w.l)) || ws[i - 1]?.s === ',';
    let subjects: string[] = [];
    let agents: string[] = [];
    const recipients: string[] = [];
    const beforeTrig = (ms: typeof people) => group(ms.filter((m) => m.start < trigger.start), ws, 'last');
    const afterTrig = (ms: typeof people) => group(ms.filter((m) => m.start >= trigger.end), ws, 'first');
    const pronounBefore = () => {
      const w = ws.slice(from, i).map((x) => x.l);
      if (shared.length && (w.length <= 4 || w[0] === 'and')) return [...shared];
      if (w.some((x) => PRONOUNS.has(x))) {
        // "... was Gamarnik, but he committed suicide": the nearest person before, in the sentence, else the last sentence's.
        const near = people.filter((m) => m.end <= ws[from]!.start);
        return near.length ? [near[near.length - 1]!.entity] : previous.slice(0, 1);
      }
      // "They were arrested", "Both were ...": only a pronoun that opens the clause stands for the people before.
      if (PLURAL_PRONOUNS.has(w[0] ?? '') || (w[0] === 'and' && PLURAL_PRONOUNS.has(w[1] ?? ''))) return [...previous];
      return [];
    };
    switch (trig.kind) {
      case 'verb':
        if (aux || !afterTrig(clausePeople).length) {
          subjects = beforeTrig(clausePeople);
          if (!subjects.length) subjects = pronounBefore();
          subjects.push(...alongside(people, ws, last, to));
          agents = byAgent(clauseActors, ws, last, to);
        } else {
          subjects = afterTrig(clausePeople);
          agents = beforeTrig(clauseActors);
        }
        break;
      case 'intrans':
        subjects = beforeTrig(clausePeople);
        if (!subjects.length) subjects = pronounBefore();
        subjects.push(...alongside(people, ws, last, to));
        break;
      case 'noun': {
        subjects = ofWhom(clausePeople, ws, last, to);
        if (!subjects.length) subjects = possessor(clausePeople, ws, i);
        if (!subjects.length && /^(his|her)$/.test(ws[i - 1]?.l ?? '')) subjects = previous.slice(0, 1);
        if (!subjects.length && /^(their)$/.test(ws[i - 1]?.l ?? '')) subjects = [...previous];
        break;
      }
      case 'actor':
        subjects = beforeTrig(clauseActors);
        if (!subjects.length) subjects = pronounBefore();
        recipients.push(...toWhom(clauseActors, ws, last, to));
        break;
      case 'actor-noun': {
        subjects = possessor(clauseActors, ws, i);
        if (!subjects.length) subjects = byAgent(clauseActors, ws, last, to);
        if (!subjects.length) subjects = ofWhom(clauseActors, ws, last, to);
        if (!subjects.length) {
          // "Alksnis sent Voroshilov a report", "Gamarnik gave a speech": the one who acts is before the verb.
          let v = -1;
          for (let k = i - 1; k >= from; k--) if (/^(sent|send|gave|delivered|wrote|made|issued|signed|addressed|held|convened|presented|submitted|published|drafted|dispatched)$/.test(ws[k]!.l)) { v = k; break; }
          if (v >= 0) subjects = group(clauseActors.filter((m) => m.start < ws[v]!.start), ws, 'last');
        }
        if (!subjects.length && /^(given|delivered|made)$/.test(ws[last + 1]?.l ?? '')) {
          // "In a speech given to ... on 13 March, Ian Gamarnik ... was frank": the sentence's subject after the phrase.
          const after = people.filter((m) => m.start > trigger.end);
          if (after.length) subjects = [after[0]!.entity];
        }
        if (!subjects.length && /^(his|her)$/.test(ws[i - 1]?.l ?? '')) subjects = previous.slice(0, 1);
        recipients.push(...toWhom(clauseActors, ws, last, to));
        break;
      }
    }
    subjects = [...new Set(subjects)];
    if (subjects.length && (trig.kind === 'verb' || trig.kind === 'intrans')) shared = subjects;
    if (!subjects.length && sen.implicitSubject && trig.kind !== 'actor' && trig.kind !== 'actor-noun') subjects = [sen.implicitSubject];
    if (!subjects.length && !(trig.type === 'meeting' || trig.type === 'decree' || trig.type === 'order' || trig.type === 'other')) continue;
    const claim = claimant(ws, sen, i);
    const place = nearestPlace(places, trigger);
    // One event per participant who undergoes it; list dates ("on 14 and 15 May") go respectively.
    const listed = sen.dates.filter((d) => d.start === date.start && d.end === date.end);
    const actorEvent = trig.kind === 'actor' || trig.kind === 'actor-noun';
    const each = actorEvent ? [subjects.slice(0, 1)] : subjects.length ? subjects.map((s) => [s]) : [[]];
    each.forEach((subj, k) => {
      const d = listed.length > 1 && listed.length === each.length ? listed[k]! : date;
      const participants: Participant[] = [
        ...subj.map((e) => ({ entity: e, role: 'subject' as const })),
        ...(actorEvent ? subjects.slice(1).map((e) => ({ entity: e, role: 'subject' as const })) : []),
        ...agents.filter((a) => !subj.includes(a)).map((e) => ({ entity: e, role: 'agent' as const })),
        ...recipients.filter((a) => !subj.includes(a)).map((e) => ({ entity: e, role: 'recipient' as const })),
      ];
      out.push({ type: trig.type, date: d, participants, place, trigger, assertedBy: claim && !subj.includes(claim) ? claim : null });
    });
    i = last;
  }
  // The same event twice in one sentence ("arrested ... arrest"): keep the first.
  const seen = new Set<string>();
  return out.filter((e) => {
    const k = `${e.type}|${e.participants[0]?.entity ?? ''}|${e.date.edtf}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function isBreak(ws: readonly Word[], k: number, forward = false): boolean {
  const w = ws[k]!;
  if (CLAUSE_BREAK.has(w.l)) {
    // "as well as", "before the arrest": only a conjunction opening a clause breaks.
    if (w.l === 'as' && (ws[k + 1]?.l === 'well' || ws[k - 1]?.l === 'well' || ws[k + 1]?.l === 'head' || ws[k + 1]?.l === 'commander')) return false;
    if ((w.l === 'after' || w.l === 'before' || w.l === 'since' || w.l === 'until') && !forward) return false;
    if ((w.l === 'after' || w.l === 'before' || w.l === 'since' || w.l === 'until') && forward) return /^(he|she|they|it|the|his|her)$/.test(ws[k + 1]?.l ?? '');
    return true;
  }
  // ", and X was", ", who", ", which" open a new clause.
  if (w.s === ',' && /^(and|which|but|whereas)$/.test(ws[k + 1]?.l ?? '') && !forward) return true;
  return false;
}

/** The date for a trigger: in its clause, nearest; else in the sentence, nearest. After "not ... until", the date after "until". */
function nearestDate(dates: readonly DateMention[], trig: { start: number; end: number }, ws: readonly Word[], from: number, to: number, until: boolean): DateMention | null {
  const lo = ws[from]!.start;
  const hi = to < ws.length ? ws[to]!.start : Infinity;
  const dist = (d: DateMention) => (d.start >= trig.end ? d.start - trig.end : trig.start - d.end + 0.5);
  let pool = dates.filter((d) => d.start >= lo && d.start < hi);
  if (until) pool = pool.filter((d) => d.start > trig.end);
  if (!pool.length) pool = until ? [] : [...dates];
  if (!pool.length) return null;
  return pool.reduce((a, b) => (dist(b) < dist(a) ? b : a));
}

/**
 * Names that form one group next to a position: the nearest mention, then
 * those joined to it by commas, "and", ranks and posts ("Kork, Eideman and
 * Fel'dman"; "Iakir, the commander of the KVO, and Uborevich").
 */
function group(ms: SentenceInput['mentions'], ws: readonly Word[], side: 'last' | 'first'): string[] {
  if (!ms.length) return [];
  const ordered = side === 'last' ? [...ms].reverse() : ms;
  const out = [ordered[0]!];
  for (let k = 1; k < ordered.length; k++) {
    const a = side === 'last' ? ordered[k]! : out[out.length - 1]!;
    const b = side === 'last' ? out[out.length - 1]! : ordered[k]!;
    const between = ws.filter((w) => w.start >= a.end && w.end <= b.start);
    if (between.length > 8 || !between.every((w) => COORD.has(w.l) || /^\p{Lu}/u.test(w.s) || w.l === 'the')) break;
    out.push(ordered[k]!);
  }
  // In the order of the text, so that "Kork and Fel'dman ... on 14 and 15 May" pair up.
  return (side === 'last' ? out.reverse() : out).map((m) => m.entity);
}

/** "alongside X", "together with X", "along with X", "as well as X" after the trigger: more who undergo it. */
function alongside(ms: SentenceInput['mentions'], ws: readonly Word[], last: number, to: number): string[] {
  for (let k = last + 1; k < to; k++) {
    const w = ws[k]!.l;
    if (w === 'alongside' || (w === 'with' && /^(together|along)$/.test(ws[k - 1]?.l ?? '')) || (w === 'well' && ws[k + 1]?.l === 'as')) {
      return group(ms.filter((m) => m.start >= ws[k]!.end), ws, 'first');
    }
  }
  return [];
}

/** "by X" after the trigger: the agent. */
function byAgent(ms: SentenceInput['mentions'], ws: readonly Word[], last: number, to: number): string[] {
  for (let k = last + 1; k < Math.min(to, last + 8); k++) {
    if (ws[k]!.l === 'by') {
      const next = ms.filter((m) => m.start >= ws[k]!.end && m.start <= (ws[k + 4]?.start ?? Infinity));
      return group(next, ws, 'first');
    }
  }
  return [];
}

/** "the arrest of X (and Y)": whom a noun trigger is about. */
function ofWhom(ms: SentenceInput['mentions'], ws: readonly Word[], last: number, to: number): string[] {
  const k = last + 1;
  if (ws[k]?.l !== 'of' && ws[k]?.l !== 'against') return [];
  // Up to the end of the noun phrase: "the arrests of the officers in mid-1936 that Stalin ..." is not Stalin's arrest.
  let stop = Math.min(to, k + 10);
  for (let j = k + 1; j < stop; j++) if (/^(that|which|who|when|while|because|was|were|had|has|is|are|by|in|on|after|before|did)$/.test(ws[j]!.l)) stop = j;
  const near = ms.filter((m) => m.start >= ws[k]!.end && m.start < (ws[stop]?.start ?? Infinity));
  return group(near, ws, 'first');
}

/** "X's arrest", "Tukhachevskii's transfer": the possessor before a noun trigger. */
function possessor(ms: SentenceInput['mentions'], ws: readonly Word[], i: number): string[] {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if (ws[k]!.l === "'s" || ws[k]!.l === '’s') {
      const m = ms.filter((x) => x.end <= ws[k]!.start && x.end >= ws[k]!.start - 1);
      if (m.length) return group(ms.filter((x) => x.end <= ws[k]!.start), ws, 'last');
    }
    // "the Voroshilov report", "Gamarnik speech" (apostrophe lost in extraction)
    const m = k === i - 1 ? ms.find((x) => x.end === ws[k]!.end) : undefined;
    if (m) return [m.entity];
    if (!/^(the|a|an|first|second|formal|long|famous|secret|sudden|own|1937|final|initial|eventual|subsequent|immediate)$/.test(ws[k]!.l) && !/^\d/.test(ws[k]!.l)) break;
  }
  return [];
}

/** "to X" after the trigger: who a letter, report or order went to. */
function toWhom(ms: SentenceInput['mentions'], ws: readonly Word[], last: number, to: number): string[] {
  for (let k = last + 1; k < Math.min(to, last + 10); k++) {
    if (ws[k]!.l === 'to') {
      const near = ms.filter((m) => m.start >= ws[k]!.end && m.start <= (ws[k + 3]?.start ?? Infinity));
      return group(near, ws, 'first');
    }
  }
  return [];
}

/** "Molotov claimed that ...", "according to Ezhov": who asserts what follows. */
function claimant(ws: readonly Word[], sen: SentenceInput, before: number): string | null {
  for (let k = before - 1; k >= 0; k--) {
    if (CLAIM.has(ws[k]!.l) && (ws[k + 1]?.l === 'that' || ws[k]!.l === 'according')) {
      const who = sen.mentions.filter((m) => m.type === 'person' && (ws[k]!.l === 'according' ? m.start > ws[k]!.end && m.start < ws[Math.min(ws.length - 1, k + 4)]!.end : m.end <= ws[k]!.start));
      const w = ws[k]!.l === 'according' ? who[0] : who[who.length - 1];
      return w?.entity ?? null;
    }
  }
  return null;
}

function nearestPlace(places: SentenceInput['mentions'], trig: { start: number; end: number }): string | null {
  if (!places.length) return null;
  const d = (m: { start: number; end: number }) => Math.min(Math.abs(m.start - trig.end), Math.abs(trig.start - m.end));
  return places.reduce((a, b) => (d(b) < d(a) ? b : a)).entity;
}

/**
 * Claims: who holds which interpretation of the purge (data/interpretations.json),
 * with what stance, and on which passage. Three kinds of evidence:
 *   - attribution: a sentence ascribes the view to someone ("Getty argues
 *     that ...", "According to Minakov ...", "For Shearer and Hagenloh ...");
 *     in a compilation, a quotation is its speaker's own words, and a view it
 *     relays ("Khrushchev's version") is the relayed person's, reported by the
 *     speaker;
 *   - note-list: a note cited for a view lists the works that hold it; each
 *     author (editors of an edited volume) holds it;
 *   - own-voice: the document's author states or rejects a view in summary
 *     terms ("This article will argue ...").
 * What the document's author reports of someone else keeps both apart:
 * `holder` is whose view it is, `reportedBy` who tells of it. A name merely
 * near a view is never a holder: it must be the subject of a verb of saying
 * or thinking, the object of "according to", or a possessive of "argument".
 */
import { firstAtOrAfter, type LinedSpan, type LineIndex } from '../core/positions.js';
import type { CslName, DocumentMeta, Marker, Note, SourceKind } from '../core/types.js';
import { TextView } from '../core/view.js';
import type { Citation, NoteText } from '../cite/stage.js';
import type { Work } from '../cite/works.js';
import { loadData } from '../core/data.js';
import { authority, peopleByFamily } from '../names/authority.js';
import type { Mention } from '../names/mentions.js';
import type { BodyParagraph } from '../text/body.js';
import { splitSentences } from '../text/body.js';
import type { QuoteRecord } from './quotes.js';

export type Stance = 'supports' | 'rejects' | 'reports';
export type ClaimEvidence = 'attribution' | 'note-list' | 'own-voice';

export interface Interpretation {
  id: string;
  label: string;
  statement: string;
  topic: 'military-purge' | 'mass-operations';
  opposes: string[];
  keywords: string[];
}

export interface ClaimRecord extends LinedSpan {
  id: string;
  interpretation: string;
  stance: Stance;
  /** Whose view it is: an authority id, or null (then `holderName` names them). */
  holder: string | null;
  holderName: string;
  /** Who tells of the view when the holder is not speaking: the document's author, or a quoted author. */
  reportedBy: string | null;
  evidence: ClaimEvidence;
  /** The note whose list of works holds the view (note-list). */
  note: string | null;
  /** The quotation the claim was read from (a compilation). */
  quote: string | null;
  /** The words that name the view. */
  cue: string;
  /** The kind of source the view is read from: the listed work's, the quoted work's, else the document's. */
  sourceKind: SourceKind;
  /** The passage, spaces joined. */
  text: string;
  spans: LinedSpan[];
  in: 'body' | 'note';
}

export function interpretations(): Interpretation[] {
  return loadData<Interpretation[]>('interpretations.json');
}

/** Text for matching cues, the same length as the text: lower case, one apostrophe, British spelling of -ize. */
function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘ʼ]/g, "'")
    .replace(/iz(?=e|ed|es|ing|ation)/g, 'is');
}

/** A cue phrase as a pattern: words in order, any spacing; matched against text without apostrophes (see `withoutApostrophes`). */
function cuePattern(k: string): string {
  return norm(k)
    .split(/\s+/)
    .map((w) => w.replace(/['’]/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s-]+');
}

/**
 * Normalised text with its apostrophes taken out, and where each remaining
 * character was: so that "Stalins" and "Stalin's" read alike without an
 * optional apostrophe between every two letters of every cue (which made
 * cue matching a tenth of all extraction time).
 */
function withoutApostrophes(n: string): { text: string; at: (i: number) => number } {
  if (!n.includes("'")) return { text: n, at: (i) => i };
  const map: number[] = [];
  let text = '';
  for (let i = 0; i < n.length; i++) {
    if (n[i] === "'") continue;
    map.push(i);
    text += n[i];
  }
  map.push(n.length);
  return { text, at: (i) => map[i]! };
}

interface Cue {
  interp: Interpretation;
  re: RegExp;
}
let cues: Cue[] | null = null;
function cueList(): Cue[] {
  cues ??= interpretations().map((interp) => ({ interp, re: new RegExp(`(?<![\\p{L}])(?:${interp.keywords.map(cuePattern).join('|')})`, 'iu') }));
  return cues;
}

const MASS_OPS = /\b(mass operations?|order (?:no\.? ?)?00447|00447|kulak operation|national operations|mass repression|NKVD operations?)\b/i;
const ARMY = /\b(military purge|purge of the (?:red )?army|army purge|the military|red army|officers|commanders|high command|Tukhachevsk\w*|generals)\b/i;

/** The views a sentence names, each with the words that name it; a cue two topics share goes to the sentence's topic. */
/** Which topics a passage around a sentence speaks of, read once per paragraph. */
interface Topics {
  mass: boolean;
  army: boolean;
}
function topicsOf(text: string): Topics {
  return { mass: MASS_OPS.test(text), army: ARMY.test(text) };
}

function viewsIn(text: string, context: Topics): View[] {
  const n = withoutApostrophes(norm(text));
  let found: View[] = [];
  for (const c of cueList()) {
    const m = c.re.exec(n.text);
    if (!m) continue;
    const at = n.at(m.index);
    const end = n.at(m.index + m[0].length - 1) + 1;
    found.push({ interp: c.interp, cue: text.slice(at, end), at, end });
  }
  // A cue inside a longer one ("premeditated" in "carefully premeditated") gives way to it.
  found = found.filter((f) => !found.some((g) => g !== f && g.interp !== f.interp && g.at <= f.at && f.end <= g.end && g.end - g.at > f.end - f.at));
  // A sentence about one topic names views of that topic only.
  const massHere = MASS_OPS.test(text);
  const armyHere = ARMY.test(text);
  const mass = massHere || (!armyHere && context.mass);
  const army = armyHere || (!massHere && context.army);
  return found.filter((f) => (f.interp.topic === 'mass-operations' ? mass || !army : army || !mass));
}

interface View {
  interp: Interpretation;
  cue: string;
  at: number;
  end: number;
}

// Verbs of saying and thinking whose subject holds what follows; the rejecting ones turn the stance.
const REJECTING = String.raw`disput\w*|rebut\w*|reject\w*|challeng\w*|dismiss\w*|critici[sz]\w*|den(?:y|ies|ied)|doubt\w*|question\w*|refut\w*|contest\w*`;
const SAYING = String.raw`argu\w*|suggest\w*|claim\w*|contend\w*|maintain\w*|believ\w*|insist\w*|stat(?:e|es|ed)|not(?:e|es|ed)|emphasi[sz]\w*|stress\w*|assert\w*|speculat\w*|view\w*|regard\w*|explain\w*|admit\w*|agree\w*|show\w*|highlight\w*|point\w* out|put\w* forward|describ\w*|conclud\w*|blam\w*|interpret\w*|return\w* to|saw|sees|wr(?:ote|ites)|comment\w*|accept\w*|explor\w*|provid\w*|posit\w*|propos\w*|hold|holds|held|consider\w*|think\w*|thought|portray\w*|present\w*|insinuat\w*|recogni[sz]\w*|affirm\w*|observ\w*|remark\w*|reason\w*|recall\w*|told|tells|said|says|report\w*|had no doubt|implie\w*|impl(?:y|ied)|attribut\w*`;
const VERB_AFTER = new RegExp(
  String.raw`^(?:['’]s?)?(?:\s*\([^)]{0,40}\))?(?:\s*,[^,.;]{1,60},)?\s*(?:(?:has|had|have|also|only|clearly|firmly|recently|himself|herself|themselves|does|did|do|still|even|too|rightly|convincingly|however|further|in (?:his|her) \w+)\s+)*(?:not\s+)?(?:(${REJECTING})|(${SAYING}))\b`,
  'iu',
);
const BEFORE = /(?:according to|for|as|in the view of|stressed by|argued by|shown by|suggested by|noted by|in the words of|historians such as|scholars such as|such as|writers such as|authors such as|like|followed by|version of|view of|criticism of)\s*(?:the\s+)?(?:historians?\s+|scholars?\s+|writers?\s+|journalists?\s+)?$/iu;
const POSSESSIVE = /^['’]s?\s+(?:own\s+|recent\s+|main\s+|central\s+|later\s+|earlier\s+)?(argument|interpretation|explanation|view|thesis|account|version|assessment|claim|conclusion|analysis|case|position|reading|contention|suggestion|theory|story|explanations|accounts|arguments|acknowledg\w*|memoirs?|testimony|insistence|belief)\b/iu;
/** Words that deny the view named near them. */
const NEGATION =
  /\b(not|never|no|nor|hardly|unlikely|problematic|cannot|can't|doubtful|doubt\w*|absence|myth\w*|fairytale|fairy tale|flawed|unconvinc\w*|overestimat\w*|rather than|instead of|little evidence|no evidence|lack of evidence|implausible|groundless|false|nonsense|baseless|challenges?|rejects?|disputed?|rebut\w*|dismiss\w*|disprove\w*|departs? from|contradict\w*|more than (?:a |just )?(?:simple|mere)|basis in reality)\b/iu;
/** Words by which a writer reports a view whose holders go unnamed. */
const HEARSAY = /\b(speculations?|rumou?rs?|it (?:was|is) (?:said|believed|rumou?red|widely believed)|was said to|were said to|others have|some have|widely believed|legend|story goes)\b/iu;
/** Words by which a document's author speaks in summary terms for themself. */
const OWN_VOICE =
  /\b(this (?:article|thesis|chapter|study|examination|review|work|essay|book)|I (?:argue|suggest|contend|would|think|believe)|we (?:can|must|should|see)|it (?:suggests|seems|appears|challenges|questions|departs|shows|argues|has been (?:made )?clear|is (?:likely|unlikely|possible|probable|clear|certain|doubtful|apparent|not))|there is (?:much|little|no|a case)|in this (?:respect|way|sense)|in any case|as (?:detailed|shown|argued|seen) (?:above|below)|perhaps|appears to|seems to|is unlikely|cannot|would (?:show|suggest)|such an? (?:explanation|question|argument))\b/iu;

const HOLDER_CATEGORIES = new Set(['historian', 'writer']);

interface Holder {
  id: string | null;
  name: string;
  stance: Stance | null;
  at: number;
}

/** The named holders of a view in one sentence (view offsets), by the grammar that attributes it. */
function holdersIn(text: string, offset: number, people: readonly ViewMention[]): Holder[] {
  const out: Holder[] = [];
  // Lists of names ("Erickson, Conquest, Ulam and Nikulin", "Reese and Suvenirov") share one verb.
  const groups: ViewMention[][] = [];
  for (const m of people) {
    const g = groups[groups.length - 1];
    const last = g?.[g.length - 1];
    if (last && /^\s*(?:,|and|&|,\s*and)\s*$/iu.test(text.slice(last.end - offset, m.start - offset))) g!.push(m);
    else groups.push([m]);
  }
  for (const g of groups) {
    const first = g[0]!;
    const last = g[g.length - 1]!;
    const after = text.slice(last.end - offset, last.end - offset + 120);
    const before = text.slice(Math.max(0, first.start - offset - 40), first.start - offset);
    const v = VERB_AFTER.exec(after);
    let stance: Stance | null | undefined;
    if (v) stance = v[1] ? 'rejects' : null;
    else if (POSSESSIVE.test(after) || BEFORE.test(before)) stance = null;
    if (stance === undefined) continue;
    for (const m of g) {
      if (!canHold(m.entity) || out.some((h) => h.id === m.entity)) continue;
      out.push({ id: m.entity, name: familyOf(m.entity), stance, at: m.start });
    }
  }
  return out;
}

/**
 * Who can hold a view of the purge: historians and writers, and those who
 * explained it afterwards (Molotov, Khrushchev, Benes, Litvinov, Churchill,
 * the defectors Krivitskii and Orlov); not the officers it struck nor the men
 * who ran it, whose words at the time are the events themselves.
 */
function canHold(id: string): boolean {
  if (NOT_HOLDERS.has(id)) return false;
  const c = categoryOf(id);
  return c === 'historian' || c === 'writer' || c === 'party' || c === 'state' || c === 'foreign' || c === 'police';
}
const NOT_HOLDERS = new Set(['stalin-iosif', 'ezhov-nikolai', 'voroshilov-kliment', 'vyshinskii-andrei', 'kaganovich-lazar', 'mekhlis-lev', 'frinovskii-mikhail', 'iagoda-genrikh']);

interface ViewMention {
  entity: string;
  start: number;
  end: number;
}

function categoryOf(id: string): string {
  const e = authority().byId.get(id) as { category?: string } | undefined;
  return e?.category ?? '';
}
function familyOf(id: string): string {
  const e = authority().byId.get(id) as { family?: string; label?: string } | undefined;
  return e?.family ?? e?.label ?? id;
}

/** The stance a sentence takes to the view it names: denial near the cue rejects it. */
function polarity(text: string, v: View): 'supports' | 'rejects' {
  // The clause around the cue, the cue's own words left out ("could not have been wholly directed" names a view, not a denial).
  const from = Math.max(0, text.lastIndexOf(';', v.at), text.lastIndexOf(':', v.at), text.lastIndexOf(', but', v.at));
  const clause = text.slice(from, v.at) + ' ' + text.slice(v.end, Math.min(text.length, v.end + 30));
  return NEGATION.test(clause) ? 'rejects' : 'supports';
}

/** The document's own author as a holder: the authority record when there is one (names read off the document's CSL item). */
function documentAuthor(meta: DocumentMeta): { id: string | null; name: string } {
  const first = (meta.csl.author as CslName[] | undefined)?.[0];
  const family = first?.family ?? first?.literal;
  if (!family) return { id: null, name: 'author (not stated)' };
  const found = peopleByFamily(family, first?.given);
  return found.length === 1 ? { id: found[0]!.id, name: found[0]!.family ?? family } : { id: null, name: family };
}

interface Passage {
  view: TextView;
  start: number;
  end: number;
  in: 'body' | 'note';
  note?: string;
}

export interface ClaimInput {
  meta: DocumentMeta;
  index: LineIndex;
  body: readonly BodyParagraph[];
  notes: readonly Note[];
  noteTexts: readonly NoteText[];
  markers: readonly Marker[];
  citations: readonly Citation[];
  works: readonly Work[];
  mentions: readonly Mention[];
  quotes: readonly QuoteRecord[];
}

/** Words by which a sentence points at unnamed holders, whom its note then lists. */
const LISTED_HOLDERS =
  /\b(historians?|scholars?|scholarship|accounts?|interpretations?|works|literature|studies|writers|authors|others|view|argument|line|school|explanation|version|historiography|for example|for instance|see also|memoirs?|commentators|observers|contemporar\w+|press)\b/iu;

const FOR_AGAINST = /\b(criticism of|critique of|for another account|for an? (?:alternative|different|contrary) (?:view|account|interpretation)|against (?:this|the) (?:view|argument)|rebut\w*|refut\w*|for a challenge)\b/iu;

export function claimStage(x: ClaimInput): ClaimRecord[] {
  const out: ClaimRecord[] = [];
  const byId = authority().byId;
  // Mentions of people, by position, for finding those in a sentence without scanning them all.
  const people = x.mentions.filter((m) => byId.get(m.entity)?.type === 'person').sort((a, b) => a.start - b.start);
  const mentionsIn = (start: number, end: number, where: 'body' | 'note', note?: string) => {
    const out: Mention[] = [];
    for (let i = firstAtOrAfter(people, start); i < people.length && people[i]!.start < end; i++) {
      const m = people[i]!;
      if (m.in === where && (!note || m.note === note) && m.end <= end) out.push(m);
    }
    return out;
  };
  const author = documentAuthor(x.meta);
  const place = (p: Passage) => {
    const spans = p.view.toOriginalSpans(p.start, p.end).map((s) => x.index.lined(s));
    return { start: spans[0]!.start, end: spans[spans.length - 1]!.end, line: spans[0]!.line, spans };
  };
  const push = (c: Omit<ClaimRecord, 'id' | 'start' | 'end' | 'line' | 'spans' | 'text'>, p: Passage) => {
    const at = place(p);
    if (out.some((o) => o.start === at.start && o.interpretation === c.interpretation && o.holder === c.holder && o.holderName === c.holderName && o.stance === c.stance)) return;
    out.push({ id: `${x.meta.id}#c${out.length + 1}`, ...c, ...at, text: p.view.text.slice(p.start, p.end).replace(/\s+/g, ' ') });
  };

  /** Reads one sentence; `speaker` is whose words they are (a quotation's), null for the document's own. */
  const readSentence = (p: Passage, context: Topics, speaker: { id: string | null; name: string } | null, quote: string | null, kind: SourceKind = x.meta.sourceKind): { views: string[]; named: Set<string> } => {
    const text = p.view.text.slice(p.start, p.end);
    const views = viewsIn(text, context);
    const named = new Set<string>();
    if (!views.length) return { views: [], named };
    const o = p.view.toOriginalSpans(p.start, p.end);
    const people: ViewMention[] = [];
    for (const m of mentionsIn(o[0]!.start, o[o.length - 1]!.end, p.in, p.note)) {
      const r = p.view.toViewSpan(m.start, m.end);
      if (r && !people.some((q) => q.start === r.start)) people.push({ entity: m.entity, start: r.start, end: r.end });
    }
    people.sort((a, b) => a.start - b.start);
    const holders = holdersIn(text, p.start, people).filter((h) => h.id !== speaker?.id);
    const base = { reportedBy: speaker ? speaker.id : author.id, note: null, quote, in: p.in, sourceKind: kind };
    const hearsay = HEARSAY.test(text);
    for (const v of views) {
      const stance = polarity(text, v);
      if (holders.length) {
        for (const h of holders) {
          named.add(h.id ?? h.name);
          push({ ...base, interpretation: v.interp.id, holder: h.id, holderName: h.name, stance: h.stance ?? stance, evidence: 'attribution', cue: v.cue }, p);
        }
      } else if (speaker) {
        push({ ...base, reportedBy: null, interpretation: v.interp.id, holder: speaker.id, holderName: speaker.name, stance: hearsay ? 'reports' : stance, evidence: 'attribution', cue: v.cue }, p);
      } else if (OWN_VOICE.test(text) && !hearsay && !people.some((m) => HOLDER_CATEGORIES.has(categoryOf(m.entity)))) {
        push({ ...base, reportedBy: null, interpretation: v.interp.id, holder: author.id, holderName: author.name, stance, evidence: 'own-voice', cue: v.cue }, p);
      }
    }
    return { views: views.map((v) => v.interp.id), named };
  };

  const noteById = new Map(x.notes.map((n, k) => [n.id, k]));
  const worksById = new Map(x.works.map((w) => [w.id, w]));
  const citesByNote = new Map<string, Citation[]>();
  const byCitation = new Map(x.citations.map((c) => [c.id, c]));
  for (const c of x.citations) if (c.note) citesByNote.set(c.note, [...(citesByNote.get(c.note) ?? []), c]);

  /** Every work a note lists as holding a view: one claim per author (editors when there is none). */
  const noteList = (noteId: string, views: readonly string[], named: ReadonlySet<string>) => {
    const k = noteById.get(noteId);
    if (k === undefined) return;
    const nt = x.noteTexts[k]!;
    const noteText = nt.view.text.slice(nt.offset);
    const against = FOR_AGAINST.test(noteText);
    for (const c of citesByNote.get(noteId) ?? []) {
      let at: Citation = c;
      for (let hops = 0; !at.work && at.target && hops < 10; hops++) at = byCitation.get(at.target) ?? at;
      const w = at.work ? worksById.get(at.work) : undefined;
      // Archival files and published documents are evidence, not views held.
      if (w?.kind === 'archival-file' || w?.kind === 'document-collection' || c.archival) continue;
      const names = (c.fields.author?.length ? c.fields.author : null) ?? (w?.author as typeof c.fields.author) ?? c.fields.editor ?? (w?.editor as typeof c.fields.editor) ?? [];
      for (const n of names) {
        if (!n.family) continue;
        const found = peopleByFamily(n.family, n.given);
        const id = found.length === 1 ? found[0]!.id : null;
        if (named.has(id ?? n.family)) continue;
        const r = nt.view.toViewSpan(c.start, c.end);
        if (!r) continue;
        for (const interp of views) {
          push(
            { interpretation: interp, holder: id, holderName: id ? familyOf(id) : n.family, stance: against ? 'rejects' : 'supports', reportedBy: author.id, evidence: 'note-list', note: noteId, quote: null, cue: '', in: 'note', sourceKind: w?.kind ?? 'other' },
            { view: nt.view, start: r.start, end: r.end, in: 'note', note: noteId },
          );
        }
      }
    }
  };

  if (x.meta.kind === 'compilation') {
    // A compilation's own prose is the compiler's; its quotations are their speakers' words.
    for (const q of x.quotes) {
      // A quotation with no known speaker holds no one's view; the men the purge struck or ran speak events, not views.
      if (!q.speaker && !q.speakerName) continue;
      if (q.speaker && NOT_HOLDERS.has(q.speaker)) continue;
      const speaker = { id: q.speaker, name: q.speakerName ?? q.source?.author ?? 'unknown' };
      const view = new TextView(x.index.text, [{ start: q.start, end: q.end }]);
      const topics = topicsOf(view.text);
      for (const s of splitSentences(view.text)) readSentence({ view, start: s.start, end: s.end, in: 'body' }, topics, speaker, q.id, q.source?.kind ?? 'other');
    }
    return out;
  }

  const markersByNote = x.markers.filter((m) => m.note).sort((a, b) => a.start - b.start);
  for (const para of x.body) {
    const context = topicsOf(para.view.text);
    for (const s of para.sentences) {
      const p: Passage = { view: para.view, start: s.start, end: s.end, in: 'body' };
      const { views, named } = readSentence(p, context, null, null);
      // A note lists holders of a view the sentence names but ascribes to no one, or to unnamed many ("historians").
      if (!views.length || (named.size && !LISTED_HOLDERS.test(para.view.text.slice(s.start, s.end)))) continue;
      // The notes this sentence cites: markers inside it or right after its end.
      const o = para.view.toOriginalSpans(s.start, s.end);
      const lo = o[0]!.start;
      const hi = o[o.length - 1]!.end + 3;
      for (let i = firstAtOrAfter(markersByNote, lo); i < markersByNote.length && markersByNote[i]!.start <= hi; i++) noteList(markersByNote[i]!.note!, views, named);
    }
  }
  // A note's own prose may name the view it lists works for ("For the argument that ...", "For criticism of Minakov ...").
  x.noteTexts.forEach((nt, k) => {
    const note = x.notes[k]!;
    const topics = topicsOf(nt.view.text);
    for (const s of splitSentences(nt.view.text.slice(nt.offset))) {
      const p: Passage = { view: nt.view, start: s.start + nt.offset, end: s.end + nt.offset, in: 'note', note: note.id };
      const { views, named } = readSentence(p, topics, null, null);
      if (views.length && LISTED_HOLDERS.test(nt.view.text.slice(p.start, p.end))) noteList(note.id, views, named);
    }
  });
  return out.sort((a, b) => a.start - b.start);
}


/**
 * Figures: numbers that count people — officers discharged, arrested, shot,
 * reinstated; people sentenced or shot in an operation; quotas — with their
 * approximation (`over`, `nearly`, `at least`, `about`, `up to`), ranges,
 * numbers in words, percentages, and their scope (period, organization,
 * operation). A number with nothing it counts is no figure.
 */
import type { SentenceInput } from './events.js';

export type Qualifier = 'over' | 'nearly' | 'at least' | 'about' | 'up to';

export interface FigureScope {
  /** EDTF of the period the figure covers, when the sentence gives one. */
  period: string | null;
  organization: string | null;
  operation: string | null;
}

/** A figure as the contract prints it, with Kartoteka's additions. */
export interface FigureRecord {
  id: string;
  value: number;
  max: number | null;
  approx: boolean;
  qualifier: Qualifier | null;
  unit: 'people' | 'percent';
  measure: string;
  scope: FigureScope;
  /** The number as written. */
  number: { text: string; start: number; end: number; line: number };
  /** The sentence. */
  text: string;
  start: number;
  end: number;
  line: number;
  spans: { start: number; end: number; line: number }[];
  in: 'body' | 'note';
  note?: string;
}

export interface FoundFigure {
  value: number;
  max: number | null;
  approx: Qualifier | null;
  unit: 'people' | 'percent';
  measure: string;
  scope: FigureScope;
  number: { start: number; end: number };
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };

interface Tok {
  s: string;
  l: string;
  start: number;
  end: number;
}

const TOKEN = /\d+(?:[.,]\d+)*|\.\d+|[\p{L}]+(?:['’]\p{L}+)?|%|\S/gu;

/** A number at token k: its value, the token after it, or null. "34,000", "38, 352", "1.15 million", "thirty-five thousand". */
function numberAt(ts: readonly Tok[], k: number): { value: number; next: number } | null {
  const t = ts[k]!;
  let value: number;
  let j = k + 1;
  if (/^\d|^\.\d/.test(t.s)) {
    // Thousands separated by commas, or a decimal point.
    if (/^\d{1,3}(,\d{3})+$/.test(t.s)) value = +t.s.replace(/,/g, '');
    else if (/^\d*\.\d+$/.test(t.s)) value = +t.s;
    else if (/^\d+$/.test(t.s)) {
      value = +t.s;
      // "38, 352": a thousands comma the extraction spaced out.
      if (ts[j]?.s === ',' && /^\d{3}$/.test(ts[j + 1]?.s ?? '') && ts[j]!.start === t.end && value < 1000 && ts[j + 1]!.start === ts[j]!.end + 1) {
        value = value * 1000 + +ts[j + 1]!.s;
        j += 2;
      }
    } else return null;
  } else {
    const w = words(ts, k);
    if (!w) return null;
    value = w.value;
    j = w.next;
  }
  const scale = SCALES[ts[j]?.l ?? ''];
  if (scale && scale >= 1000) {
    value *= scale;
    j++;
  }
  return { value: Math.round(value * 1000) / 1000, next: j };
}

/** Numbers in words: "eleven", "thirty thousand", "two hundred and fifty". */
function words(ts: readonly Tok[], k: number): { value: number; next: number } | null {
  let total = 0;
  let cur = 0;
  let j = k;
  let any = false;
  while (j < ts.length && j < k + 12) {
    const l = ts[j]!.l;
    if (UNITS[l] !== undefined) cur += UNITS[l]!;
    else if (TENS[l] !== undefined) cur += TENS[l]!;
    else if (l === 'hundred' && any) cur = (cur || 1) * 100;
    else if ((l === 'thousand' || l === 'million') && any) {
      total += (cur || 1) * SCALES[l]!;
      cur = 0;
    } else if ((l === '-' || l === 'and') && any && (UNITS[ts[j + 1]?.l ?? ''] !== undefined || TENS[ts[j + 1]?.l ?? ''] !== undefined)) {
      // "thirty-five", "two hundred and fifty"
    } else break;
    any = true;
    j++;
  }
  if (!any) return null;
  // "one" alone is too often a pronoun ("one of the ..."): not a count.
  const value = total + cur;
  if (j === k + 1 && (ts[k]!.l === 'one' || ts[k]!.l === 'zero')) return null;
  return { value, next: j };
}

const QUALIFIERS: [string, Qualifier][] = [
  ['more than', 'over'], ['over', 'over'], ['upwards of', 'over'], ['in excess of', 'over'], ['above', 'over'], ['some', 'about'],
  ['nearly', 'nearly'], ['almost', 'nearly'], ['just under', 'nearly'], ['close to', 'nearly'], ['under', 'nearly'],
  ['at least', 'at least'], ['no fewer than', 'at least'], ['no less than', 'at least'], ['not less than', 'at least'], ['a minimum of', 'at least'],
  ['about', 'about'], ['approximately', 'about'], ['around', 'about'], ['roughly', 'about'], ['an estimated', 'about'], ['estimated', 'about'],
  ['circa', 'about'], ['approx', 'about'], ['c', 'about'],
  ['up to', 'up to'], ['as many as', 'up to'], ['at most', 'up to'], ['a maximum of', 'up to'],
];

function qualifierBefore(ts: readonly Tok[], k: number): Qualifier | null {
  for (const [phrase, q] of QUALIFIERS) {
    const ws = phrase.split(' ');
    const at = k - ws.length;
    if (at >= 0 && ws.every((w, n) => ts[at + n]!.l === w)) return q;
  }
  return null;
}

const MONTH = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

/** Who is counted: members of the armed forces, or anyone else. */
const MILITARY = /^(officers?|commanders?|commanding|leaders|servicemen|soldiers|military|personnel|commissars?|kombrigs?|komdivs?|komkors?|komandarms?|marshals?|admirals?|generals?|colonels?|majors?|captains?|lieutenants?|cadets?|politruks?|army|armed|ranks?|officer|red|navy|naval|airmen|pilots?|troops|brigade|division|corps|staff|men)$/;
/** "victims", "individuals" say nothing of who they were: the clause or the passage does. */
const GENERIC = /^(victims|individuals|persons)$/;
const CIVIL = /^(people|citizens|kulaks|prisoners|poles|germans|latvians|koreans|harbinites|peasants|inhabitants|lives|members|workers|clergy|priests|women|children|inmates|convicts|elements|suspects)$/;

/** What happened to them, by the word that says it. */
const ACTIONS: [RegExp, string][] = [
  [/^(quota|quotas|limit|limits|target|targets|plan|planned|ceiling|proposal|proposed)$/, 'quota'],
  [/^(expelled|expulsions?|excluded)$/, 'expelled'],
  [/^(reinstated|reinstatement|readmitted|restored|returned|rehabilitated|freed|regained)$/, 'reinstated'],
  [/^(released|release)$/, 'released'],
  [/^(shot|executed|executions?|killed|shootings?|liquidated|death)$/, 'executed'],
  [/^(sentenced|convicted|condemned|sentences|tried|terms)$/, 'sentenced'],
  [/^(arrested|arrests?|detained|imprisoned)$/, 'arrested'],
  [/^(discharged|dismissed|discharges|dismissals|removed|fired|demobilised|demobilized|cashiered)$/, 'discharged'],
  [/^(repressed|repressions?|victims|victimised|persecuted|affected|fell|purged|lost)$/, 'repressed'],
  [/^(died|perished|deaths|dead|starved)$/, 'died'],
];

const OPERATIONS: [RegExp, string][] = [
  [/^(kulak|kulaks|anti-kulak|00447)$/, 'kulak'],
  [/^(polish|poles)$/, 'polish'],
  [/^(german|germans)$/, 'german'],
  [/^(harbin|harbinites)$/, 'harbin'],
  [/^(latvian|latvians)$/, 'latvian'],
  [/^national$/, 'national'],
];

export function sentenceFigures(sen: SentenceInput, ctx: FigureContext = { who: null, measure: null }): FoundFigure[] {
  const ts: Tok[] = [];
  // Note markers blanked out, offsets kept: "35,000.213" is 35,000 and note 213.
  let text = sen.text;
  for (const m of sen.markers ?? []) text = text.slice(0, m.start - sen.offset) + ' '.repeat(m.end - m.start) + text.slice(m.end - sen.offset);
  for (const m of text.matchAll(TOKEN)) ts.push({ s: m[0], l: m[0].toLowerCase(), start: sen.offset + m.index!, end: sen.offset + m.index! + m[0].length });
  const inDate = (t: Tok) => sen.dates.some((d) => d.start <= t.start && t.start < d.end);
  const out: FoundFigure[] = [];
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    if (inDate(t)) continue;
    // A note marker glued to the word or stop before it ("plot.26", "Army26") is no number of the text.
    if (k > 0 && ts[k - 1]!.end === t.start && /[\p{L}.,;:'’")\]]$/u.test(ts[k - 1]!.s) && /^[\d.]/.test(t.s)) continue;
    // A decimal with no leading zero is a percentage only ("205 or .08% of whom").
    if (t.s.startsWith('.') && !(ts[k + 1]?.s === '%' || ts[k + 1]?.l === 'percent')) continue;
    const prev = ts[k - 1]?.s === '.' ? (ts[k - 2]?.l ?? '') : (ts[k - 1]?.l ?? '');
    // Order numbers, pages, tables, articles, archival coordinates, ordinals, days after a month; and the other end of their range ("pp. 189-190").
    if (
      /^(no|nos|number|order|p|pp|page|pages|article|art|f|op|d|l|ll|vol|volume|chapter|ch|note|fond|delo|list|points?|paragraph|item|table|figure|fig|#|§)$/.test(prev) ||
      (MONTH.test(prev) && /^([1-9]|[12]\d|3[01])$/.test(t.s)) ||
      /^0\d/.test(t.s) ||
      // A journal's volume or issue beside its year: "russe, 39, 1998, 1–2".
      (/^\d{1,3}$/.test(t.s) && ts[k + 1]?.s === ',' && /^(1[7-9]|20)\d\d$/.test(ts[k + 2]?.s ?? '')) ||
      (/^\d{1,3}$/.test(t.s) && ts[k - 1]?.s === ',' && /^(1[7-9]|20)\d\d$/.test(ts[k - 2]?.s ?? ''))
    ) {
      if (/^[-–]$/.test(ts[k + 1]?.s ?? '') && /^\d/.test(ts[k + 2]?.s ?? '')) k += 2;
      continue;
    }
    const n = numberAt(ts, k);
    if (!n) continue;
    let next = n.next;
    if (/^(st|nd|rd|th)$/.test(ts[next]?.l ?? '') && ts[next]!.start === ts[next - 1]!.end) continue;
    let max: number | null = null;
    // Ranges: "30,000-35,000", "20 to 30", "between 20 and 30".
    const sep = ts[next];
    if (sep && (sep.s === '-' || sep.s === '–' || sep.l === 'to' || (sep.l === 'and' && ts[k - 1]?.l === 'between') || sep.l === 'or') && ts[next + 1]) {
      const m = numberAt(ts, next + 1);
      if (m && m.value > n.value) {
        max = m.value;
        next = m.next;
      }
    }
    let unit: 'people' | 'percent' = 'people';
    const percentAt = (j: number) => (ts[j]?.s === '%' || ts[j]?.l === 'percent' ? 1 : ts[j]?.l === 'per' && ts[j + 1]?.l === 'cent' ? 2 : 0);
    if (percentAt(next)) {
      unit = 'percent';
      next += percentAt(next);
      // "between 25% and 50%", "20% to 25%": a range of percentages.
      const sep2 = ts[next];
      if (max === null && sep2 && (sep2.s === '-' || sep2.s === '–' || sep2.l === 'to' || (sep2.l === 'and' && ts[k - 1]?.l === 'between'))) {
        const m = numberAt(ts, next + 1);
        if (m && m.value > n.value && percentAt(m.next)) {
          max = m.value;
          next = m.next + percentAt(m.next);
        }
      }
      // "300 percent off": a margin of error, not a share of people.
      if (/^(off|out|wrong|higher|lower)$/.test(ts[next]?.l ?? '')) continue;
    }
    // A strength, not a count of what befell people: "numbered 144,300, of whom", "a corps of 70,000", "the Army had 282,300 leaders".
    const lead = /^(approximately|about|some|over|nearly|around|roughly|almost)$/.test(ts[k - 1]?.l ?? '') ? k - 2 : k - 1;
    if (/^(numbered|number|had|has|have|strength|of)$/.test(ts[lead]?.l ?? '') && (ts[lead]!.l !== 'of' || /^(corps|strength|total|army)$/.test(ts[lead - 1]?.l ?? ''))) continue;
    // "the Trial of the Sixteen": a number in words written as a name.
    if (/^\p{Lu}\p{Ll}/u.test(t.s) && k > 0 && /^(the|of)$/.test(ts[k - 1]!.l)) continue;
    if (ts[next]?.s === ',' && ts[next + 1]?.l === 'of' && /^(whom|which)$/.test(ts[next + 2]?.l ?? '')) continue;
    const value = n.value;
    // A bare year, a decade, an age, or a count of things: not a figure of people.
    if (unit === 'people' && value >= 1700 && value <= 2049 && /^\d{4}$/.test(t.s) && !(max !== null && max > 2049)) continue;
    if (/^(years?|months?|weeks?|days?|hours?|minutes?|pages?|kilometres?|km|miles?|roubles?|rubles?|copies|volumes?|divisions?|tanks?|aircraft|planes|letters?|documents?|files?|times|questions?|points?|votes?|cases|regions?|districts?|oblasts?|s)$/.test(ts[next]?.l ?? '')) continue;
    const found = measureOf(ts, k, next, sen, ctx);
    if (!found) continue;
    const m = found.measure;
    if (found.who) ctx.who = found.who;
    ctx.measure = m;
    out.push({
      value,
      max,
      approx: qualifierBefore(ts, k),
      unit,
      measure: m,
      scope: scopeOf(ts, sen),
      number: { start: t.start, end: ts[n.next - 1]!.end },
    });
    k = next - 1;
  }
  return out;
}

/** What the figures before this one in the same passage counted: "this number now stood at 1,100" counts what they counted. */
export interface FigureContext {
  who: 'officers' | 'people' | null;
  measure: string | null;
}

const AUXILIARY = /^(was|were|been|be|being|is|are|had|have|has)$/;

/** The action a token names, or null; some take the words around them into account. */
function actionAt(ts: readonly Tok[], j: number): string | null {
  const l = ts[j]!.l;
  if (l === 'let' && ts[j + 1]?.l === 'out') return 'released';
  // "newly released statistics" releases no one.
  if (/^(released|release)$/.test(l) && (/^(statistics|figures|data|documents|files|archives|materials|records)$/.test(ts[j + 1]?.l ?? '') || ts[j - 1]?.l === 'newly')) return null;
  for (const [re, act] of ACTIONS) {
    if (!re.test(l)) continue;
    if (act === 'executed' && l === 'death') return ts[j - 1]?.l === 'to' ? 'executed' : null; // "sentenced to death" only
    if (act === 'sentenced' && ts[j + 1]?.l === 'to' && /^(death|be)$/.test(ts[j + 2]?.l ?? '') && ts[j + 3]?.l !== 'imprisonment') return ts[j + 2]!.l === 'death' || ts[j + 4]?.l === 'shot' ? 'executed' : act;
    return act;
  }
  return null;
}

/** The measure of a number: who is counted (the nouns after it), what happened to them (the verb it is subject of, else the nearest action word in its clause). */
function measureOf(ts: readonly Tok[], k: number, next: number, sen: SentenceInput, ctx: FigureContext): { measure: string; who: 'officers' | 'people' | null } | null {
  // The clause around the number.
  let a = k;
  while (a > 0 && !/^[;:]$/.test(ts[a - 1]!.s) && k - a < 25) a--;
  let b = next;
  while (b < ts.length && !/^[;:]$/.test(ts[b]!.s) && b - next < 25) b++;
  let action: string | null = null;
  // "11,596 of these were eventually reinstated": the verb whose subject the number is.
  for (let j = next; j < b && !/^[,.()]$/.test(ts[j]!.s); j++) {
    const act = actionAt(ts, j);
    if (act && (AUXILIARY.test(ts[j - 1]?.l ?? '') || AUXILIARY.test(ts[j - 2]?.l ?? ''))) {
      action = act;
      break;
    }
  }
  // "more were reinstated (867) than arrested (344)": the word before the bracket.
  if (!action && ts[k - 1]?.s === '(' && k >= 2) action = actionAt(ts, k - 2);
  if (!action) {
    let best = Infinity;
    for (let j = a; j < b; j++) {
      if (j >= k && j < next) continue;
      const act = actionAt(ts, j);
      if (!act) continue;
      // Nearest wins; words after the number slightly preferred.
      const d = j >= next ? j - next : (k - j) * 1.2;
      if (d < best) {
        best = d;
        action = act;
      }
    }
  }
  // "The eight accused were all officers": the accused of a trial.
  if (!action && /^(accused|defendants)$/.test(ts[next]?.l ?? '')) action = 'repressed';
  // "this number now stood at 1,100": the number the passage was counting.
  if (!action && ctx.measure && ts.some((t) => /^(number|numbers|figure|total)$/.test(t.l))) return { measure: ctx.measure, who: ctx.who };
  if (!action) return null;
  // A planned number is a quota whatever it plans ("limits of 75,950 to be shot").
  for (let j = a; j < b; j++) if (ACTIONS[0]![0].test(ts[j]!.l)) return { measure: 'quota', who: null };
  if (action === 'expelled') return { measure: 'party_expelled', who: null };
  // Who: the noun right after the number (within a few words), else the clause's.
  let who: 'officers' | 'people' | null = null;
  for (let j = next; j < Math.min(b, next + 5) && !who; j++) {
    if (/^(party)$/.test(ts[j]!.l) && /^(members?)$/.test(ts[j + 1]?.l ?? '')) who = 'people';
    else if (MILITARY.test(ts[j]!.l)) who = 'officers';
    else if (CIVIL.test(ts[j]!.l)) who = 'people';
  }
  if (!who) {
    for (let j = a; j < b && !who; j++) if (MILITARY.test(ts[j]!.l) && ts[j]!.l !== 'men') who = 'officers';
  }
  if (!who && sen.mentions.some((m) => m.entity === 'red-army' || m.entity === 'red-navy' || m.entity === 'vvs' || m.entity === 'pur')) who = 'officers';
  // "4474 arrests in 1937": of whom the passage was counting.
  if (!who) who = ctx.who;
  if (!who && ts.slice(next, Math.min(b, next + 5)).some((t) => GENERIC.test(t.l))) who = 'people';
  // Discharges are from the armed forces ("4947 were discharged").
  if (!who && action === 'discharged') who = 'officers';
  const w = who ?? 'people';
  const measure =
    action === 'released'
      ? w === 'officers'
        ? 'officers_reinstated'
        : 'people_released'
      : action === 'died'
        ? w === 'officers'
          ? 'officers_executed'
          : 'people_died'
        : action === 'sentenced'
          ? w === 'officers'
            ? 'officers_repressed'
            : 'people_sentenced'
          : `${w}_${action}`;
  return { measure, who };
}

function scopeOf(ts: readonly Tok[], sen: SentenceInput): FigureScope {
  const years = sen.dates.filter((d) => d.precision === 'year' || d.precision === 'range' || d.precision === 'month' || d.precision === 'season');
  const org = sen.mentions.find((m) => m.type === 'organization');
  let operation: string | null = null;
  for (const t of ts) {
    for (const [re, op] of OPERATIONS) if (re.test(t.l)) operation ??= op;
  }
  if (operation === 'national' && ts.some((t) => /^(polish|german|harbin|latvian)$/.test(t.l))) operation = OPERATIONS.find(([re]) => ts.some((t) => re.test(t.l) && !/national/.test(t.l)))![1];
  return { period: years[0]?.edtf ?? null, organization: org?.entity ?? null, operation };
}

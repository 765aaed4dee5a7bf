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

/** Who is counted: members of the armed forces, or anyone else. */
const MILITARY = /^(officers?|commanders?|commanding|leaders|servicemen|soldiers|military|personnel|commissars?|kombrigs?|komdivs?|komkors?|komandarms?|marshals?|admirals?|generals?|colonels?|majors?|captains?|lieutenants?|cadets?|politruks?|army|armed|ranks?|officer|red|navy|naval|airmen|pilots?|troops|brigade|division|corps|staff|men)$/;
const CIVIL = /^(people|persons|individuals|victims|citizens|kulaks|prisoners|poles|germans|latvians|koreans|harbinites|peasants|inhabitants|lives|members|workers|clergy|priests|women|children|inmates|convicts|elements|suspects|others)$/;

/** What happened to them, by the word that says it. */
const ACTIONS: [RegExp, string][] = [
  [/^(quota|quotas|limit|limits|target|targets|plan|planned|ceiling)$/, 'quota'],
  [/^(expelled|expulsions?|excluded)$/, 'expelled'],
  [/^(reinstated|reinstatement|readmitted|restored|returned|rehabilitated|freed)$/, 'reinstated'],
  [/^(released|release)$/, 'released'],
  [/^(shot|executed|executions?|killed|shootings?|liquidated|death)$/, 'executed'],
  [/^(sentenced|convicted|condemned|sentences|tried)$/, 'sentenced'],
  [/^(arrested|arrests?|detained|imprisoned)$/, 'arrested'],
  [/^(discharged|dismissed|discharges|dismissals|removed|purged|fired|demobilised|demobilized|cashiered)$/, 'discharged'],
  [/^(repressed|repressions?|victims|victimised|persecuted|affected|fell)$/, 'repressed'],
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

export function sentenceFigures(sen: SentenceInput): FoundFigure[] {
  const ts: Tok[] = [];
  for (const m of sen.text.matchAll(TOKEN)) ts.push({ s: m[0], l: m[0].toLowerCase(), start: sen.offset + m.index!, end: sen.offset + m.index! + m[0].length });
  const inDate = (t: Tok) => sen.dates.some((d) => d.start <= t.start && t.start < d.end);
  const out: FoundFigure[] = [];
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    if (inDate(t)) continue;
    // A note marker glued to the word or stop before it ("plot.26", "Army26") is no number of the text.
    if (k > 0 && ts[k - 1]!.end === t.start && /[\p{L}.,;:'’")\]]$/u.test(ts[k - 1]!.s) && /^[\d.]/.test(t.s)) continue;
    if (t.s.startsWith('.')) continue;
    const prev = ts[k - 1]?.s === '.' ? (ts[k - 2]?.l ?? '') : (ts[k - 1]?.l ?? '');
    // Order numbers, pages, articles, archival coordinates, ordinals.
    if (/^(no|nos|number|order|p|pp|page|pages|article|art|f|op|d|l|ll|vol|volume|chapter|ch|note|fond|delo|list|points?|paragraph|item|#|§)$/.test(prev) || /^0\d/.test(t.s)) continue;
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
    if (ts[next]?.s === '%' || ts[next]?.l === 'percent' || (ts[next]?.l === 'per' && ts[next + 1]?.l === 'cent')) {
      unit = 'percent';
      next += ts[next]!.l === 'per' ? 2 : 1;
    }
    const value = n.value;
    // A bare year, a decade, an age, or a count of things: not a figure of people.
    if (unit === 'people' && value >= 1700 && value <= 2049 && /^\d{4}$/.test(t.s) && !(max !== null && max > 2049)) continue;
    if (/^(years?|months?|weeks?|days?|hours?|minutes?|pages?|kilometres?|km|miles?|roubles?|rubles?|copies|volumes?|divisions?|tanks?|aircraft|planes|letters?|documents?|files?|times|questions?|points?|votes?|cases|regions?|districts?|oblasts?|s)$/.test(ts[next]?.l ?? '')) continue;
    const m = measureOf(ts, k, next, sen);
    if (!m) continue;
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

/** The measure of a number: who is counted (the nouns after it), what happened to them (the nearest action word in its clause). */
function measureOf(ts: readonly Tok[], k: number, next: number, sen: SentenceInput): string | null {
  // The clause around the number.
  let a = k;
  while (a > 0 && !/^[;:]$/.test(ts[a - 1]!.s) && k - a < 25) a--;
  let b = next;
  while (b < ts.length && !/^[;:]$/.test(ts[b]!.s) && b - next < 25) b++;
  let action: string | null = null;
  let best = Infinity;
  for (let j = a; j < b; j++) {
    if (j >= k && j < next) continue;
    for (const [re, act] of ACTIONS) {
      if (!re.test(ts[j]!.l)) continue;
      if (act === 'executed' && ts[j]!.l === 'death' && ts[j - 1]?.l !== 'to') continue; // "sentenced to death" only
      // Words after the number weigh less than those before... but both count; nearest wins, after slightly preferred.
      const d = j >= next ? j - next : (k - j) * 1.2;
      if (d < best) {
        best = d;
        action = act === 'executed' && ts[j]!.l === 'death' ? 'executed' : act;
      }
    }
  }
  if (!action) return null;
  // A planned number is a quota whatever it plans ("limits of 75,950 to be shot").
  for (let j = a; j < b; j++) if (ACTIONS[0]![0].test(ts[j]!.l)) return 'quota';
  if (action === 'expelled') return 'party_expelled';
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
  // Discharges are from the armed forces ("4947 were discharged").
  if (!who && action === 'discharged') who = 'officers';
  const w = who ?? 'people';
  if (action === 'released') return w === 'officers' ? 'officers_reinstated' : 'people_released';
  if (action === 'died') return w === 'officers' ? 'officers_executed' : 'people_died';
  if (action === 'sentenced') return w === 'officers' ? 'officers_repressed' : 'people_sentenced';
  return `${w}_${action}`;
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

/**
 * Dates in running text, read as EDTF with bounds (../shared/CONTRACT.md):
 * full dates, a day and month whose year comes from the context, months,
 * seasons, parts of months and years, ranges, decades, bare years, relative
 * dates anchored to the date before, Old Style beside New Style, ISO and
 * Russian forms.
 *
 * The parser works on tokens and looks at most a fixed number of tokens ahead
 * of each, so it is linear in the length of the text whatever the text holds;
 * `steps` counts the work for the property test that holds it to that.
 */

export type Precision = 'day' | 'month' | 'season' | 'year' | 'decade' | 'range' | 'unknown';

/** A date as the contract prints it. */
export interface EdtfDate {
  /** What the source says, verbatim. */
  text: string;
  edtf: string;
  /** ISO dates bounding it. */
  min: string;
  max: string;
  precision: Precision;
}

/** A date found in a text, at view offsets [start, end). */
export interface DateMention extends EdtfDate {
  start: number;
  end: number;
  /** Where the year came from when the text gives none beside the day or month. */
  year: 'text' | 'context' | 'relative';
  /** Set when the source gives the date in the Julian calendar (Old Style); the EDTF is then Gregorian. */
  calendar?: 'julian';
}

/** A date the text writes but that cannot be a date ("31 February", "1937-13"). */
export interface DateProblem {
  start: number;
  end: number;
  text: string;
  message: string;
}

/** What earlier text has established: the year in force and the last dated day, for relative dates. */
/** Words before a date that look ahead from the story's time. */
const AHEAD = /\b(?:by the time|until|till|by the end of|later,? in|eventually,? in|would|was to)\b[^.;:!?]*$/iu;

export interface DateContext {
  /** The narrative year: of the last day or month the text dated with a year (or inferred one). */
  year: number | null;
  /** A bare year just read ("In 1930, on 10 September ..."), at a view offset: it governs only what follows closely. */
  near?: { year: number; at: number } | null;
  /** The last date of day precision, as an ISO date. */
  day: string | null;
  /** The end of the last date of any precision, for "a year later". */
  any?: string | null;
  /** At a section's start: its first month or season with a year sets the year in force even going back. */
  fresh?: boolean;
}

export const newContext = (year: number | null = null): DateContext => ({ year, day: null });

interface Tok {
  s: string;
  /** Lower case. */
  l: string;
  start: number;
  end: number;
  kind: 'w' | 'n' | 'p';
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  января: 1, февраля: 2, марта: 3, апреля: 4, мая: 5, июня: 6, июля: 7, августа: 8, сентября: 9, октября: 10, ноября: 11, декабря: 12,
  январь: 1, февраль: 2, март: 3, апрель: 4, май: 5, июнь: 6, июль: 7, август: 8, сентябрь: 9, октябрь: 10, ноябрь: 11, декабрь: 12,
};
/** Month names that are also common words: they count only in a date's company. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'jan', 'mar', 'dec', 'oct', 'nov', 'sep', 'sept', 'aug', 'apr', 'jun', 'jul', 'feb', 'май', 'март']);
const SEASONS: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24, весной: 21, летом: 22, осенью: 23, зимой: 24 };
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, several: NaN, few: NaN,
};
const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, fortnight: 14, month: 30, months: 30, year: 365, years: 365 };
/** Words before a bare month that make it a date ("in May", "by June"). */
const MONTH_LEADS = new Set(['in', 'on', 'of', 'by', 'since', 'until', 'till', 'from', 'to', 'between', 'during', 'early', 'late', 'mid', 'end', 'beginning', 'middle', 'start', 'throughout', 'before', 'after', 'and', 'that', 'last', 'next', 'following', 'through', 'into', 'around', 'as', 'the']);
const PARTS: Record<string, 'early' | 'mid' | 'late'> = {
  early: 'early', beginning: 'early', start: 'early', first: 'early',
  mid: 'mid', middle: 'mid',
  late: 'late', end: 'late', close: 'late', latter: 'late',
};

const TOKEN = /[\p{L}]+|\d+|\S/gu;

function tokenize(t: string): Tok[] {
  const out: Tok[] = [];
  for (const m of t.matchAll(TOKEN)) {
    const s = m[0];
    const c = s.charCodeAt(0);
    out.push({ s, l: s.toLowerCase(), start: m.index!, end: m.index! + s.length, kind: c >= 48 && c <= 57 ? 'n' : /\p{L}/u.test(s[0]!) ? 'w' : 'p' });
  }
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days the Julian calendar lags behind the Gregorian on a date. */
function julianLag(y: number, m: number): number {
  const c = Math.floor((m <= 2 ? y - 1 : y) / 100);
  return c - Math.floor(c / 4) - 2;
}

/** Bounds of a date of one precision. */
function dayDate(y: number, m: number, d: number): Omit<EdtfDate, 'text'> {
  const s = iso(y, m, d);
  return { edtf: s, min: s, max: s, precision: 'day' };
}
function monthDate(y: number, m: number, part?: 'early' | 'mid' | 'late'): Omit<EdtfDate, 'text'> {
  const last = daysIn(y, m);
  const [a, b] = part === 'early' ? [1, 10] : part === 'mid' ? [11, 20] : part === 'late' ? [21, last] : [1, last];
  return { edtf: `${pad(y, 4)}-${pad(m)}`, min: iso(y, m, a), max: iso(y, m, b), precision: 'month' };
}
function yearDate(y: number, part?: 'early' | 'mid' | 'late'): Omit<EdtfDate, 'text'> {
  const [a, b] = part === 'early' ? [[1, 1], [4, 30]] : part === 'mid' ? [[5, 1], [8, 31]] : part === 'late' ? [[9, 1], [12, 31]] : [[1, 1], [12, 31]];
  return { edtf: pad(y, 4), min: iso(y, a![0]!, a![1]!), max: iso(y, b![0]!, b![1]!), precision: 'year' };
}
function seasonDate(y: number, code: number): Omit<EdtfDate, 'text'> {
  const [a, b] = code === 21 ? [iso(y, 3, 1), iso(y, 5, 31)] : code === 22 ? [iso(y, 6, 1), iso(y, 8, 31)] : code === 23 ? [iso(y, 9, 1), iso(y, 11, 30)] : [iso(y, 12, 1), iso(y + 1, 2, daysIn(y + 1, 2))];
  return { edtf: `${pad(y, 4)}-${code}`, min: a, max: b, precision: 'season' };
}
function decadeDate(y: number, part?: 'early' | 'mid' | 'late'): Omit<EdtfDate, 'text'> {
  const [a, b] = part === 'early' ? [0, 3] : part === 'mid' ? [3, 6] : part === 'late' ? [6, 9] : [0, 9];
  return { edtf: `${String(y).slice(0, 3)}X`, min: iso(y + a, 1, 1), max: iso(y + b, 12, 31), precision: 'decade' };
}
function rangeOf(a: Omit<EdtfDate, 'text'>, b: Omit<EdtfDate, 'text'>): Omit<EdtfDate, 'text'> {
  return { edtf: `${a.edtf}/${b.edtf}`, min: a.min, max: b.max, precision: 'range' };
}

/** Years of modern history: "1100 delegates" is a count. */
const isYear = (t: Tok | undefined) => !!t && t.kind === 'n' && t.s.length === 4 && +t.s >= 1700 && +t.s <= 2049;
const isDay = (t: Tok | undefined) => !!t && t.kind === 'n' && t.s.length <= 2 && +t.s >= 1 && +t.s <= 31;
const monthOf = (t: Tok | undefined) => (t && t.kind === 'w' ? MONTHS[t.l] : undefined);
const glued = (a: Tok | undefined, b: Tok | undefined) => !!a && !!b && a.end === b.start;
const isDash = (t: Tok | undefined): t is Tok => !!t && (t.s === '-' || t.s === '–' || t.s === '—' || t.s === '/');

export interface DateScan {
  dates: DateMention[];
  problems: DateProblem[];
  /** Token visits, for the linearity property. */
  steps: number;
}

/**
 * Finds the dates of a text in reading order. `ctx` gives the year in force
 * and the last dated day, and is updated as dates are read, so that the next
 * passage can continue from it. `skip` are view ranges (citations) whose
 * years are not dates of events.
 */
export function findDates(text: string, ctx: DateContext = newContext(), skip: readonly { start: number; end: number }[] = []): DateScan {
  const toks = tokenize(text);
  ctx.near = null;
  const dates: DateMention[] = [];
  const problems: DateProblem[] = [];
  let steps = 0;
  let skipAt = 0;
  const skipped = (t: Tok) => {
    while (skipAt < skip.length && skip[skipAt]!.end <= t.start) skipAt++;
    const s = skip[skipAt];
    return !!s && s.start <= t.start && t.start < s.end;
  };
  const tok = (k: number) => toks[k];

  let i = 0;
  while (i < toks.length) {
    steps++;
    const t = toks[i]!;
    if (t.kind === 'p' || skipped(t)) {
      i++;
      continue;
    }
    const r = readAt(i);
    if (!r) {
      i++;
      continue;
    }
    steps += r.next - i;
    if ('problem' in r) {
      problems.push({ start: toks[i]!.start, end: toks[r.next - 1]!.end, text: text.slice(toks[i]!.start, toks[r.next - 1]!.end), message: r.problem });
    } else {
      const start = toks[r.from ?? i]!.start;
      const end = toks[r.next - 1]!.end;
      const m: DateMention = { text: text.slice(start, end), start, end, year: r.year, ...r.date };
      if (r.calendar) m.calendar = r.calendar;
      dates.push(m);
      if (r.also) dates.push({ ...m, ...r.also });
      // The narrative year: a day with its year sets it; a month, season or part of a year ("by early
      // 1937") sets it when the story moves forward; a bare year ("in 1930", "shot in 1939") governs
      // only the words right after it.
      if (r.year === 'text' && r.date.precision !== 'decade' && r.date.precision !== 'range') {
        const y = +r.date.min.slice(0, 4);
        // A month or part of a year that looks back ("in September 1936", in a paragraph about 1937) is an aside too.
        // A date the story looks ahead to ("By the time the purge was halted in November 1938", "until May 1940") is an aside as well.
        const ahead = ctx.year !== null && y > ctx.year && AHEAD.test(text.slice(Math.max(0, start - 80), start));
        const bare = /^\d{4}$/.test(m.text);
        // A new section may open further back ("The arrests ... in the summer and autumn of 1936").
        if ((ctx.fresh && !bare) || (!ahead && (ctx.year === null || r.date.precision === 'day' || (y >= ctx.year && !bare)))) ctx.year = y;
        else ctx.near = { year: y, at: end };
        if (!bare) ctx.fresh = false;
      } else if (r.year === 'text' && r.date.precision === 'range' && /\p{L}/u.test(m.text.replace(/^(between|from)\s+/i, '').replace(/\s(and|to)\s/g, ' '))) {
        // "Between February and May 1919": the story is now in the range's last year.
        ctx.year = +r.date.max.slice(0, 4);
      }
      if (r.date.precision !== 'unknown') ctx.any = r.date.max;
      if (m.precision === 'day') ctx.day = dates[dates.length - 1]!.min;
    }
    i = r.next;
  }
  return { dates, problems, steps };

  type Read =
    | { next: number; from?: number; date: Omit<EdtfDate, 'text'>; also?: Omit<EdtfDate, 'text'>; year: DateMention['year']; calendar?: 'julian' }
    | { next: number; problem: string };

  /** A year for a day or month given without one: the year written after it, else the context's. */
  function ctxYear(at: number): number | null {
    if (ctx.near && at >= ctx.near.at && at - ctx.near.at < NEAR) return ctx.near.year;
    return ctx.year;
  }

  function readAt(k: number): Read | null {
    const t = toks[k]!;
    // Relative dates: "the following day", "a week later", "eleven days later", "the day before".
    const rel = relative(k);
    if (rel) return rel;
    if (t.kind === 'n') return numeric(k);
    const month = monthOf(t);
    if (month !== undefined) return monthFirst(k, month, undefined);
    const part = PARTS[t.l];
    if (part) return partOf(k, part);
    const season = SEASONS[t.l];
    if (season !== undefined) return seasonAt(k, season, k);
    if (t.l === 'between' || t.l === 'from') return between(k);
    return null;
  }

  /** "1937", "1937-38", "1930s", "22 May 1937", "1-4 June", "22.05.1937", "1937-05-22". */
  function numeric(k: number): Read | null {
    const t = toks[k]!;
    if (isYear(t)) {
      const y = +t.s;
      const a = tok(k + 1);
      // "1930s", "1930's"
      if (a && glued(t, a) && a.l === 's' && y % 10 === 0) return { next: k + 2, date: decadeDate(y), year: 'text' };
      if (a && a.s === '’' && glued(t, a) && tok(k + 2)?.l === 's' && y % 10 === 0) return { next: k + 3, date: decadeDate(y), year: 'text' };
      if (isDash(a) && glued(t, a) && tok(k + 2)?.kind === 'n' && glued(a, tok(k + 2))) {
        const b = tok(k + 2)!;
        // ISO "1937-05-22"
        if (b.s.length === 2 && tok(k + 3)?.s === '-' && tok(k + 4)?.kind === 'n' && tok(k + 4)!.s.length === 2 && glued(b, tok(k + 3)) && a.s === '-') {
          const m = +b.s;
          const d = +tok(k + 4)!.s;
          if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return { next: k + 5, problem: `no such date: ${t.s}-${b.s}-${tok(k + 4)!.s}` };
          return { next: k + 5, date: dayDate(y, m, d), year: 'text' };
        }
        // "1937-38", "1937-1938", "1936-7": a range of years when the second is later.
        const second = b.s.length === 4 ? +b.s : b.s.length === 2 ? Math.floor(y / 100) * 100 + +b.s : b.s.length === 1 ? Math.floor(y / 10) * 10 + +b.s : NaN;
        if (second > y && second - y < 200 && b.s.length !== 3) {
          const after = tok(k + 3);
          if (after && glued(b, after) && after.l === 's') return { next: k + 4, date: rangeOf(decadeDate(y), decadeDate(second)), year: 'text' };
          return { next: k + 3, date: rangeOf(yearDate(y), yearDate(second)), year: 'text' };
        }
        // ISO month "1937-05"; "1937-13" is no date.
        if (b.s.length === 2 && a.s === '-') {
          const m = +b.s;
          if (b.s[0] === '0' || (m >= 10 && m <= 12)) {
            if (m >= 1 && m <= 12) return { next: k + 3, date: monthDate(y, m), year: 'text' };
          }
          return { next: k + 3, problem: `no such month: ${t.s}-${b.s}` };
        }
        return { next: k + 1, date: yearDate(y), year: 'text' };
      }
      return { next: k + 1, date: yearDate(y), year: 'text' };
    }
    if (!isDay(t)) return null;
    // "22.05.1937"
    if (tok(k + 1)?.s === '.' && tok(k + 2)?.kind === 'n' && tok(k + 3)?.s === '.' && isYear(tok(k + 4)) && glued(t, tok(k + 1)) && glued(tok(k + 1), tok(k + 2)) && glued(tok(k + 3), tok(k + 4))) {
      const d = +t.s;
      const m = +tok(k + 2)!.s;
      const y = +tok(k + 4)!.s;
      if (m < 1 || m > 12 || d > daysIn(y, m)) return { next: k + 5, problem: `no such date: ${text.slice(t.start, tok(k + 4)!.end)}` };
      return { next: k + 5, date: dayDate(y, m, d), year: 'text' };
    }
    let j = k + 1;
    if (glued(t, tok(j)) && /^(st|nd|rd|th)$/.test(tok(j)?.l ?? '')) j++;
    if (tok(j)?.l === 'of' && monthOf(tok(j + 1)) !== undefined) j++;
    // "1-4 June", "14 and 15 May", "8 to 10 May"
    let d2: number | null = null;
    let list = false;
    if ((isDash(tok(j)) || tok(j)?.l === 'to' || tok(j)?.l === 'and') && isDay(tok(j + 1))) {
      let e = j + 2;
      if (glued(tok(j + 1), tok(e)) && /^(st|nd|rd|th)$/.test(tok(e)?.l ?? '')) e++;
      if (monthOf(tok(e)) !== undefined) {
        list = tok(j)!.l === 'and' && toks[k - 1]?.l !== 'between';
        d2 = +tok(j + 1)!.s;
        j = e;
      }
    }
    const month = monthOf(tok(j));
    if (month === undefined) return null;
    const r = dayMonth(+t.s, d2, list, month, j + 1);
    return d2 !== null && !list && toks[k - 1]?.l === 'between' && !('problem' in r) ? { ...r, from: k - 1 } : r;
  }

  /** After "D [-D] Month": an Old Style bracket, a year, or the year from context. */
  function dayMonth(d: number, d2: number | null, list: boolean, month: number, j: number): Read {
    let next = j;
    // "3 July [O.S. 22 June] 1887": the date outside the bracket is the New Style one;
    // "25 October [N.S. 7 November]": the bracket gives it.
    const br = bracketDate(next);
    if (br) {
      next = br.end;
      if (br.newStyle) {
        d = br.d;
        month = br.m;
        d2 = null;
      }
    }
    let year: number | null = null;
    let from: DateMention['year'] = 'context';
    // "25 October (O.S.) 1917"
    let osMark = oldStyleMark(next);
    if (osMark) next = osMark;
    if (tok(next)?.s === ',' && isYear(tok(next + 1))) next++;
    if (isYear(tok(next))) {
      year = +tok(next)!.s;
      from = 'text';
      next++;
      if (/^(г|года|гг)$/.test(tok(next)?.l ?? '')) next += tok(next + 1)?.s === '.' ? 2 : 1;
    } else {
      // "12 May (16 May according to Conquest) 1937": the year after a parenthesis.
      const after = yearAfterParenthesis(next);
      year = after ?? ctxYear(toks[j - 1]!.start);
      if (after !== null) from = 'text';
    }
    if (year === null) return unknownYear(next, d, month);
    if (d > daysIn(year, month) || (d2 !== null && (d2 > daysIn(year, month) || d2 <= d))) {
      return { next, problem: `no such date: ${d}${d2 ? `-${d2}` : ''} ${monthName(month)} ${year}` };
    }
    let calendar: 'julian' | undefined;
    // "(O.S.)" after a date: the date is Julian; give it in the Gregorian calendar.
    if (!osMark) {
      osMark = oldStyleMark(next);
      if (osMark) next = osMark;
    }
    // "25 October 1917 (7 November New Style)", "(N.S. 7 November 1917)": the New Style date the bracket gives.
    const ns = newStyleAfter(next, year);
    if (ns) {
      next = ns.end;
      d = ns.d;
      month = ns.m;
      year = ns.y;
      d2 = null;
    }
    let date = d2 === null ? dayDate(year, month, d) : list ? dayDate(year, month, d) : rangeOf(dayDate(year, month, d), dayDate(year, month, d2));
    if (osMark) {
      calendar = 'julian';
      const g = addDays(iso(year, month, d), julianLag(year, month));
      date = { edtf: g, min: g, max: g, precision: 'day' };
    }
    const r: Read = calendar ? { next, date, year: from, calendar } : { next, date, year: from };
    // "14 and 15 May": two dates over the same words.
    if (list && d2 !== null) r.also = dayDate(year, month, d2);
    return r;
  }

  function unknownYear(next: number, d: number, month: number): Read {
    // No year anywhere before: the day is still a date, of unknown year.
    return { next, date: { edtf: `XXXX-${pad(month)}-${pad(d)}`, min: '0001-01-01', max: '9999-12-31', precision: 'unknown' }, year: 'context' };
  }

  /** "[O.S. 22 June]", "(N.S. 5 July)", "(7 November)": the bracketed other-calendar date. */
  function bracketDate(j: number): { d: number; m: number; end: number; newStyle: boolean } | null {
    const open = tok(j);
    if (!open || (open.s !== '[' && open.s !== '(')) return null;
    let e = j + 1;
    let mark = '';
    while (e < j + 6 && tok(e) && (tok(e)!.s === '.' || /^(o|n|s|os|ns|old|new|style)$/.test(tok(e)!.l))) mark += tok(e++)!.l;
    if (!isDay(tok(e)) || monthOf(tok(e + 1)) === undefined) return null;
    const close = tok(e + 2);
    if (!close || (close.s !== ']' && close.s !== ')')) return null;
    return { d: +tok(e)!.s, m: monthOf(tok(e + 1))!, end: e + 3, newStyle: /^n/.test(mark) };
  }

  /** The year right after a parenthesis that opens at j and closes within a dozen tokens, or null. */
  function yearAfterParenthesis(j: number): number | null {
    if (tok(j)?.s !== '(' && tok(j)?.s !== '[') return null;
    for (let e = j + 1; e < j + 14 && tok(e); e++) {
      if (tok(e)!.s === '(' || tok(e)!.s === '[') return null;
      if (tok(e)!.s === ')' || tok(e)!.s === ']') return isYear(tok(e + 1)) ? +tok(e + 1)!.s : null;
    }
    return null;
  }

  /** A bracket after a date giving its New Style equivalent: "(7 November New Style)", "(N.S. 7 November 1917)". */
  function newStyleAfter(j: number, year: number): { d: number; m: number; y: number; end: number } | null {
    const open = tok(j);
    if (!open || (open.s !== '(' && open.s !== '[')) return null;
    let day: number | null = null;
    let m: number | undefined;
    let y = year;
    let marked = false;
    let e = j + 1;
    for (; e < j + 10 && tok(e) && tok(e)!.s !== ')' && tok(e)!.s !== ']'; e++) {
      const t = tok(e)!;
      if (isDay(t) && monthOf(tok(e + 1)) !== undefined) {
        day = +t.s;
        m = monthOf(tok(e + 1));
        e++;
      } else if (isYear(t)) y = +t.s;
      else if (t.l === 'new' || (t.l === 'n' && tok(e + 1)?.s === '.')) marked = true;
    }
    if (!marked || day === null || m === undefined || !tok(e) || day > daysIn(y, m)) return null;
    return { d: day, m, y, end: e + 1 };
  }

  /** "(O.S.)", "(Old Style)" right after a date: the index after it, or 0. */
  function oldStyleMark(j: number): number {
    if (tok(j)?.s !== '(' && tok(j)?.s !== '[') return 0;
    const words = [];
    let e = j + 1;
    while (e < j + 7 && tok(e) && tok(e)!.s !== ')' && tok(e)!.s !== ']') words.push(tok(e++)!.l);
    const w = words.filter((x) => x !== '.').join(' ');
    return /^(o s|os|old style)$/.test(w) && tok(e) ? e + 1 : 0;
  }

  /** "May 22, 1937", "May 1937", "May-June 1937", "in May". */
  function monthFirst(k: number, month: number, part: 'early' | 'mid' | 'late' | undefined, from = k): Read | null {
    const t = toks[k]!;
    const prev = toks[from - 1];
    let j = k + 1;
    if (tok(j)?.s === '.' && t.s.length <= 4) j++;
    // American order "May 22, 1937" / "May 22".
    if (isDay(tok(j)) && !isYear(tok(j)) && !part) {
      const day = +tok(j)!.s;
      let e = j + 1;
      if (glued(tok(j), tok(e)) && /^(st|nd|rd|th)$/.test(tok(e)?.l ?? '')) e++;
      if (tok(e)?.s === ',' && isYear(tok(e + 1))) e++;
      if (isYear(tok(e)) || (!AMBIGUOUS_MONTHS.has(t.l) && /^\p{Lu}/u.test(t.s))) {
        const r = dayMonth(day, null, false, month, e);
        return 'problem' in r ? r : { ...r, from };
      }
    }
    // "May-June 1937", "May to July 1937"
    let m2: number | undefined;
    if ((isDash(tok(j)) || tok(j)?.l === 'to' || tok(j)?.l === 'and' && prev?.l === 'between') && monthOf(tok(j + 1)) !== undefined) {
      m2 = monthOf(tok(j + 1));
      j += 2;
    }
    const capital = /^\p{Lu}/u.test(t.s) || /\p{Script=Cyrillic}/u.test(t.s);
    if (!capital) return null;
    // "the August Uprising", "the October Revolution": a name, not a date.
    if (m2 === undefined && /^(Revolution|Uprising|Rising|Manifesto|Theses|Coup|Putsch|Days|Crisis|Decree|Decrees)$/.test(tok(j)?.s ?? '')) return null;
    let year: number | null = null;
    let yfrom: DateMention['year'] = 'context';
    if (tok(j)?.s === ',' && isYear(tok(j + 1))) j++;
    if (tok(j)?.l === 'of' && isYear(tok(j + 1))) j++;
    if (isYear(tok(j))) {
      year = +tok(j)!.s;
      yfrom = 'text';
      j++;
    } else {
      // A bare month counts only in a date's company: "in May", "early June", "by July".
      if (AMBIGUOUS_MONTHS.has(t.l) && !part && !(prev && MONTH_LEADS.has(prev.l))) return null;
      if (!part && !(prev && (MONTH_LEADS.has(prev.l) || prev.s === ',')) && !m2) return null;
      year = ctxYear(t.start);
      if (year === null) return null;
    }
    if (m2 !== undefined) {
      if (m2 <= month) return null;
      return { next: j, from, date: rangeOf(monthDate(year, month), monthDate(year, m2)), year: yfrom };
    }
    return { next: j, from, date: monthDate(year, month, part), year: yfrom };
  }

  /** "early May", "the end of July", "mid-1937", "late 1937", "the beginning of the 1930s". */
  function partOf(k: number, part: 'early' | 'mid' | 'late'): Read | null {
    let j = k + 1;
    if (toks[k]!.l === 'first' || toks[k]!.l === 'latter' || toks[k]!.l === 'close') {
      if (!/^(half|part|days|weeks)$/.test(tok(j)?.l ?? '')) return null;
      j++;
    }
    if (tok(j)?.s === '-') j++;
    if (tok(j)?.l === 'of') j++;
    if (tok(j)?.l === 'the') j++;
    const t = tok(j);
    if (!t) return null;
    const m = monthOf(t);
    if (m !== undefined) {
      const r = monthFirst(j, m, part, k);
      return r;
    }
    const season = SEASONS[t.l];
    if (season !== undefined) return seasonAt(j, season, k);
    if (isYear(t)) {
      const y = +t.s;
      const a = tok(j + 1);
      if (a && glued(t, a) && a.l === 's' && y % 10 === 0) return { next: j + 2, from: k, date: decadeDate(y, part), year: 'text' };
      if (isDash(a) && glued(t, a) && tok(j + 2)?.kind === 'n') return null; // "late 1937-38": let the range read it
      return { next: j + 1, from: k, date: yearDate(y, part), year: 'text' };
    }
    return null;
  }

  /** "summer 1937", "the summer of 1937", "in the summer", "winter 1937-38". */
  function seasonAt(k: number, code: number, from: number): Read | null {
    let j = k + 1;
    if (tok(j)?.l === 'of') j++;
    if (isYear(tok(j))) {
      const y = +tok(j)!.s;
      j++;
      // "winter 1937-38" is the winter that starts in 1937.
      if (isDash(tok(j)) && tok(j + 1)?.kind === 'n' && glued(tok(j - 1), tok(j)) && code === 24) j += 2;
      return { next: j, from, date: seasonDate(y, code), year: 'text' };
    }
    const prev = toks[from - 1];
    if (!prev || !/^(the|that|this|in|by|during|of|early|late|mid)$/.test(prev.l)) return null;
    if (/^(of|and)$/.test(tok(k + 1)?.l ?? '')) return null;
    const y = ctxYear(toks[k]!.start);
    if (y === null) return null;
    return { next: k + 1, from, date: seasonDate(y, code), year: 'context' };
  }

  /** "between 1936 and 1938", "from 1935 to 1937", "between 8 and 10 May" (read by numeric). */
  function between(k: number): Read | null {
    const a = tok(k + 1);
    if (!isYear(a)) return null;
    const sep = tok(k + 2);
    if (!sep || !/^(and|to|until|till)$/.test(sep.l) || !isYear(tok(k + 3))) return null;
    const y1 = +a!.s;
    const y2 = +tok(k + 3)!.s;
    if (y2 <= y1) return null;
    return { next: k + 4, from: k, date: rangeOf(yearDate(y1), yearDate(y2)), year: 'text' };
  }

  /** Relative dates, anchored to the last dated day. */
  function relative(k: number): Read | null {
    const t = toks[k]!;
    let j = k;
    let n = NaN;
    let unit = '';
    let sign = 0;
    // "the following day", "the next day", "the previous day", "the same day", "that day"
    if ((t.l === 'the' || t.l === 'that') && tok(k + 1)) {
      const w = tok(k + 1)!.l;
      if (t.l === 'that' && (w === 'day' || w === 'evening' || w === 'night')) return anchored(k, k + 2, 0, 'day');
      if (/^(following|next|previous|same|preceding)$/.test(w) && UNIT_DAYS[tok(k + 2)?.l ?? ''] !== undefined || (/^(following|next|previous|same)$/.test(w) && /^(morning|evening|night)$/.test(tok(k + 2)?.l ?? ''))) {
        const u = tok(k + 2)!.l;
        const s = w === 'previous' || w === 'preceding' ? -1 : w === 'same' ? 0 : 1;
        return anchored(k, k + 3, s, /^(morning|evening|night)$/.test(u) ? 'day' : u);
      }
      // "the day before", "the day after"
      if (w === 'day' && /^(before|after)$/.test(tok(k + 2)?.l ?? '')) {
        // "the day before he sent his 10 May report": anchored to the date that follows, when it comes soon.
        return anchored(k, k + 3, tok(k + 2)!.l === 'before' ? -1 : 1, 'day', true);
      }
      return null;
    }
    const num = t.kind === 'n' ? +t.s : NUMBER_WORDS[t.l];
    if (num === undefined || Number.isNaN(num) || num > 400) return null;
    n = num;
    j = k + 1;
    unit = tok(j)?.l ?? '';
    if (UNIT_DAYS[unit] === undefined) return null;
    const dir = tok(j + 1)?.l ?? '';
    if (/^(later|after|afterwards|on)$/.test(dir)) sign = 1;
    else if (/^(earlier|before|previously|prior)$/.test(dir)) sign = -1;
    else return null;
    return anchored(k, j + 2, sign * n, unit);
  }

  function anchored(k: number, next: number, n: number, unit: string, lookAhead = false): Read | null {
    let base = ctx.day ?? (unit.startsWith('year') ? (ctx.any ?? null) : null);
    if (lookAhead) {
      // Anchor to a day date within the next few tokens of the same sentence.
      for (let e = next; e < Math.min(toks.length, next + 10); e++) {
        if (toks[e]!.s === '.') break;
        if (isDay(toks[e]) && monthOf(toks[e + 1]) !== undefined) {
          const y = isYear(toks[e + 2]) ? +toks[e + 2]!.s : ctx.year;
          if (y !== null && +toks[e]!.s <= daysIn(y, monthOf(toks[e + 1])!)) base = iso(y, monthOf(toks[e + 1])!, +toks[e]!.s);
          break;
        }
      }
    }
    if (!base) return null;
    const days = unit === 'day' || unit === 'days' || unit === 'morning' ? n : unit.startsWith('week') ? 7 * n : unit === 'fortnight' ? 14 * n : NaN;
    if (!Number.isNaN(days)) {
      const d = addDays(base, days);
      return { next, date: { edtf: d, min: d, max: d, precision: 'day' }, year: 'relative' };
    }
    const y = +base.slice(0, 4);
    const m = +base.slice(5, 7);
    if (unit.startsWith('month')) {
      const total = y * 12 + (m - 1) + n;
      return { next, date: monthDate(Math.floor(total / 12), (total % 12) + 1), year: 'relative' };
    }
    if (unit.startsWith('year')) {
      // "from 1929 to 1931 ... a year later": counted from the last date of any precision.
      const from = ctx.any && (!ctx.day || ctx.any > ctx.day) ? +ctx.any.slice(0, 4) : y;
      return { next, date: yearDate(from + n), year: 'relative' };
    }
    return null;
  }
}

/** How far (in characters) a bare year governs the days and months after it. */
const NEAR = 120;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthName = (m: number) => MONTH_NAMES[m - 1]!;

/** Whether the date `x` (an ISO day) lies within another date's bounds. */
export function within(x: string, d: { min: string; max: string }): boolean {
  return d.min <= x && x <= d.max;
}

/** The bounds of an EDTF string of the forms this module writes (for gold and filters). */
export function parseEdtf(edtf: string): { min: string; max: string; precision: Precision } | null {
  const parts = edtf.split('/');
  if (parts.length === 2) {
    const a = parseEdtf(parts[0]!);
    const b = parseEdtf(parts[1]!);
    return a && b ? { min: a.min, max: b.max, precision: 'range' } : null;
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(edtf);
  if (m) {
    const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) ? { ...dayDate(y, mo, d) } : null;
  }
  m = /^(\d{4})-(\d{2})$/.exec(edtf);
  if (m) {
    const [y, mo] = [+m[1]!, +m[2]!];
    if (mo >= 1 && mo <= 12) return monthDate(y, mo);
    if (mo >= 21 && mo <= 24) return seasonDate(y, mo);
    return null;
  }
  m = /^(\d{4})$/.exec(edtf);
  if (m) return yearDate(+m[1]!);
  m = /^(\d{3})X$/.exec(edtf);
  if (m) return decadeDate(+m[1]! * 10);
  return null;
}

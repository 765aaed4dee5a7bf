/**
 * Splitting a note into its references and its commentary. A note is cut at
 * semicolons and sentence ends outside brackets and quotation marks, and at
 * ", and" before a second work; each piece loses its lead-in signal ("See
 * also", "Cf.", "quoted in") and is a reference if it has the marks of one
 * (a cited place, a publication block, an archive, Ibid., a short form), or
 * commentary otherwise. Offsets are into the note's text; one pass, linear.
 */
import { findArchive, hasArchivalKeys } from './archival.js';
import { isIbid, SHORT_RE } from './reference.js';
import { FAMILY, FAMILY_LIST, NAME, NAME_LIST, plausibleNames } from './names.js';

/** No single reference runs this long; a longer piece is prose, and is not searched for one (keeps splitting linear). */
export const MAX_REFERENCE = 2000;

export interface NotePiece {
  kind: 'reference' | 'commentary';
  start: number;
  end: number;
  /** The lead-in signal of a reference, lower case ("see also"), or null. */
  signal: string | null;
  /** A second work after ", and" in the same sentence: "Kuromiya, *Voices*, ..., and 'Accounting ...'". */
  sameAuthor?: boolean;
}

// Words whose full stop does not end a sentence.
const ABBREV = new Set(
  ('p pp ed eds vol vols no nos l ll d op f ff ob g gg trans tr comp repr rev ch chap col cols fol fols cf viz eg ie etc al ' +
    'st dr mr mrs jr sr n nn ser pt bk fig esp id cit loc conn mass kan or calif ill mich md ct ny nj dc ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec univ dept tom t s kn vyp izd red sost pod gos ul ' +
    'b c e h i j k m r v w y z iu ia zh kh ts ch sh yu ya gen col lt maj capt adm cmdr komkor komdiv komandarm ' +
    'by ibid inc ltd co eng')
    .split(' '),
);

const SIGNALS = [
  'see also', 'see for example', 'see, for example', 'see e.g.', 'see especially', 'see, especially', 'see in particular',
  'see', 'cf.', 'compare', 'for example', 'for instance', 'e.g.', 'also', 'quoted in', 'cited in', 'as cited in', 'reprinted in', 'published in', 'printed in',
];
const SIGNAL_RE = new RegExp(`^(?:${SIGNALS.map((s) => s.replace(/[.]/g, '\\.').replace(/ /g, '[\\s,]+')).join('|')})(?=[\\s,:]|$)[\\s,:]*`, 'iu');

const NAME_HEAD = new RegExp(`^(?:${NAME_LIST}|${FAMILY}(?:,?\\s+(?:and|&)\\s+${NAME})+)(?:\\s*\\(eds?\\.?\\))?,\\s+(?:[*‘“"']|\\p{Lu}|\\d)`, 'u');
const SHORT_HEAD = new RegExp(`^(?:${FAMILY_LIST}),\\s+(?:pp?\\.|[*‘“"']|\\p{Lu}|\\d)`, 'u');

/** The marks of a reference, any one of which makes a piece a reference. */
const YEAR_CITED = /(?:\b|c)(?:1[5-9]\d\d|20[0-4]\d)\b/;
const PAGE_CITED = /\bp{1,2}\.\s*\d/u;

/**
 * A line outside notes that cites a source, as under each quotation of a
 * compilation ("Chuev, Feliks. Molotov Remembers. Chicago: I. R. Dee, 1993,
 * p. 26"): a reference with a year ("c1996" too) or a page, and a place and
 * publisher or a page, short enough to be one.
 */
export function isSourceLine(s: string): boolean {
  const t = s.trim();
  return t.length > 12 && t.length < 400 && (YEAR_CITED.test(t) || PAGE_CITED.test(t)) && (/\p{L}{2,}\s*:\s*\p{Lu}/u.test(t) || PAGE_CITED.test(t)) && looksLikeReference(t);
}

export function looksLikeReference(s: string): boolean {
  const t = s.trim();
  if (!t) return false;
  if (isIbid(t)) return true;
  if (/^(?:d|delo|op|ll?|pp?)\.\s*\d[\d\s,–-]*(?:ob\.?)?(?:,\s*(?:ll?|pp?)\.\s*\d[\d\s,–-]*(?:ob\.?)?)?\.?$/u.test(t)) return true;
  if (findArchive(t) && /\d/.test(t)) return /(?:^|\W)(?:f|fond|fund|op|d|l|ll)\.?\s*\d|\b[A-Z]{1,4}\s?\d+\/\d+/u.test(t);
  if (hasArchivalKeys(t)) return true;
  if (/\((?:[^()]*:\s*)?[^()]*\b(?:1[5-9]\d\d|20[0-4]\d)\)/u.test(t)) return true;
  if (/(?:^|[\s,(])pp?\.\s*[\divxlc]+/u.test(t) && t.length < 400) return true;
  if (/^\*[^*]+\*/u.test(t)) return true;
  if (/,\s*(?:London|Moscow|New York|Oxford|Cambridge|Paris|Berlin|Princeton|New Haven|Stanford|Bloomington|Ithaca|Basingstoke|Leningrad|Kiev|Kyiv|Munich|München|Frankfurt|Toronto|Chicago|Boston|Pittsburgh|Lawrence)[^,]*,\s*(?:1[5-9]\d\d|20[0-4]\d)\b/u.test(t)) return true;
  if (NAME_HEAD.test(t) && /\*|[‘“]|\(\d{4}\)|\b(?:1[5-9]\d\d|20[0-4]\d)\b/u.test(t)) return true;
  if (SHORT_HEAD.test(t) && t.length < 160 && /(?:,\s*|\s)(?:pp?\.\s*)?\d+[-–\d]*\s*$/u.test(t)) return true;
  return false;
}

const PROSE_WORDS = /\b(?:emphasi[sz]es|emphasi[sz]ed|discusses|describes|highlights|points|writes|wrote|makes|provides|gives|that|was|were|had|has|have|been|be|can|seen|which|who|whom|is|are|would|could|not|but|did|does|argued|argues|noted|notes|claimed|shows|showed|suggests|suggested|such as)\b/giu;
/** English prose, as opposed to a title: several of its function words. */
function isProse(s: string): boolean {
  return (s.match(PROSE_WORDS) ?? []).length >= 1;
}

/** For each position, whether it is inside brackets. */
function depthAt(s: string): Uint8Array {
  const d = new Uint8Array(s.length + 1);
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(' || c === '[') k++;
    d[i] = k > 0 ? 1 : 0;
    if ((c === ')' || c === ']') && k > 0) k--;
  }
  return d;
}

/** Whether a piece opens the way references do: a name and a comma, a marked title, an archive, Ibid. */
export function startsLikeReference(s: string): boolean {
  const t = s.trimStart();
  if (isIbid(t) || /^[*‘“"']/u.test(t) || /^(?:f|fond|fund)\.?\s*\d/u.test(t)) return true;
  // "see d. 109, l. 191", "see p. 289": another place in what was just cited.
  if (/^(?:d|delo|op|ll?|pp?)\.\s*\d/u.test(t)) return true;
  const ar = findArchive(t);
  if (ar && ar.start === 0) return true;
  return (NAME_HEAD.test(t) || SHORT_HEAD.test(t)) && plausibleNames(t.slice(0, t.indexOf(',')));
}

function isAbbrevBefore(t: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && /[\p{L}]/u.test(t[i]!)) i--;
  const word = t.slice(i + 1, dot);
  if (!word) return false;
  // A single capital is an initial ("J. Arch Getty").
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREV.has(word.toLowerCase());
}

/** Where the note breaks into pieces: semicolons and sentence ends at depth 0. */
function breaks(t: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let dq = false;
  let star = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '“') dq = true;
    else if (c === '”') dq = false;
    else if (c === '*') star = !star;
    if (depth > 0 || dq) continue;
    if (c === ';' && !star) {
      // "pp. 128–31; 136–37" and "d. 70; 74" continue the reference before.
      if (!/^\s*\d+(?:\s*[-–]\s*\d+)?(?:\s*ob\.?)?\s*(?:[;,)]|\.?\s*$|\.\s+\p{Lu})/u.test(t.slice(i + 1, i + 40))) out.push(i + 1);
    } else if (c === '.' && /\s/.test(t[i + 1] ?? '')) {
      // Not at "?" or "!": titles end with them ("Enemies Within the Gates? The Comintern ...").
      let j = i + 1;
      while (j < t.length && /\s/.test(t[j]!)) j++;
      const next = t[j] ?? '';
      if (!/[\p{Lu}*‘“"'\d]/u.test(next)) continue;
      // "19. 1-3 (1992)": a journal's volume and issue, not a sentence end.
      if (c === '.' && /\d/.test(t[i - 1] ?? '') && /\d/.test(next)) continue;
      if (c === '.' && isAbbrevBefore(t, i)) {
        // "Ibid. See also ..." ends a reference although "Ibid" is an abbreviation.
        const w = t.slice(Math.max(0, i - 5), i).toLowerCase();
        if (!(w.endsWith('ibid') && /\p{Lu}/u.test(next) && !/^(?:pp?|l|ll|vol)\b/u.test(t.slice(j)))) continue;
      }
      out.push(i + 1);
    }
  }
  return out;
}

/** ", and *Second Title*" or ", and Adam Ulam, *Title*": a second work in the same sentence. */
const AND_NEXT = new RegExp(`,\\s+and\\s+(?=[*‘“"']|(?:${NAME_LIST}),\\s+[*‘“"'])`, 'gu');

/** What the document has already cited in full: family names and main titles, folded. */
export interface KnownWorks {
  families: ReadonlySet<string>;
  titles: ReadonlySet<string>;
}

const FAMILIES_ONLY = new RegExp(`^(?:${FAMILY_LIST})\\.?$`, 'u');
const fam = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’]/g, '');

/** "Conquest.", "Getty, Origins of the Great Purges", "Master of the House": short forms bare of any cited place. */
export function knownReference(s: string, known: KnownWorks): boolean {
  const t = s.trim().replace(/[.;,]+$/u, '').replace(/\*/g, '');
  if (!t || t.length > 150) return false;
  const fl = SHORT_RE.exec(t);
  if (fl) {
    const first = fam(fl[1]!.split(/,|\s+and\s+|\s+&\s+/u)[0]!.trim());
    if (known.families.has(first)) return true;
  }
  const words = fam(t).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  for (const title of known.titles) if (title.length > 8 && (words === title || (title.startsWith(words) && words.split(' ').length >= 3))) return true;
  return false;
}

/** Splits a note's text into references and commentary, with offsets into `t`. */
export function splitNote(t: string, known?: KnownWorks): NotePiece[] {
  const cuts = [0, ...breaks(t), t.length];
  const raw: [number, number, boolean][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    const b = cuts[k + 1]!;
    let from = a;
    const piece = t.slice(a, b);
    AND_NEXT.lastIndex = 0;
    for (let m = AND_NEXT.exec(piece); m; m = AND_NEXT.exec(piece)) {
      // Only where the words before close a reference (a year, a page), not inside a title.
      if (/(?:\b\d{4}|\d|\*|[’”])\s*$/u.test(piece.slice(0, m.index))) {
        raw.push([from, a + m.index, from !== a]);
        from = a + m.index + m[0].length;
      }
    }
    raw.push([from, b, from !== a]);
  }
  const out: NotePiece[] = [];
  for (const [a0, b0, afterAnd] of raw) {
    let a = a0;
    let b = b0;
    while (a < b && /[\s;]/.test(t[a]!)) a++;
    while (b > a && /[\s;]/.test(t[b - 1]!)) b--;
    if (a >= b) continue;
    if (b - a > MAX_REFERENCE) {
      out.push({ kind: 'commentary', start: a, end: b, signal: null });
      continue;
    }
    let s = t.slice(a, b);
    let signal: string | null = null;
    const sm = SIGNAL_RE.exec(s);
    if (sm) {
      signal = sm[0].replace(/[\s,:]+$/, '').replace(/[\s,]+/g, ' ').toLowerCase();
      a += sm[0].length;
      s = t.slice(a, b);
    }
    if ((startsLikeReference(s) && looksLikeReference(s)) || (known && knownReference(s, known))) {
      // "Hagenloh, Shearer and Khlevniuk": each a short form of its own.
      const list = known && FAMILIES_ONLY.test(s) ? s.replace(/\.$/, '').split(/,\s+|\s+and\s+|\s+&\s+/u) : null;
      if (list && list.length > 1 && list.every((x) => known!.families.has(fam(x)))) {
        let from = a;
        for (const x of list) {
          const at = t.indexOf(x, from);
          out.push({ kind: 'reference', start: at, end: at + x.length, signal: from === a ? signal : null });
          from = at + x.length;
        }
        continue;
      }
      out.push(afterAnd ? { kind: 'reference', start: a, end: b, signal, sameAuthor: true } : { kind: 'reference', start: a, end: b, signal });
      continue;
    }
    // Commentary that leads into a reference: "For the national operations, see *Nakazannyi narod*",
    // "..., Joseph E. Davies, Mission to Moscow (New York, 1941)", "Getty emphasizes this in 'Title', in ...".
    let split = -1;
    let sig: string | null = null;
    const re = /(?:^|[,.;:]\s+|\s)(?:(see also|see for example|see|cf\.|quoted in|cited in|printed in|reprinted in|published in|for example)[\s,:]+|in\s+|by\s+)|(?:[,:]\s+)/giu;
    const depth = depthAt(s);
    // After an explicit signal the last one wins ("see documents printed in Marc Jansen ..."); without
    // one, the first place after prose where a reference visibly starts (a name and a comma, a marked title).
    let generic = -1;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (depth[m.index]) continue;
      const at = m.index + m[0].length;
      const rest = s.slice(at);
      if (m[1]) {
        if (looksLikeReference(rest) || (known && knownReference(rest, known))) {
          split = at;
          sig = m[1].toLowerCase();
        }
        continue;
      }
      const quotedIn = /\bin\s+$/u.test(m[0]) && /^[‘“*]/u.test(rest);
      if (generic < 0 && (quotedIn || isProse(s.slice(0, m.index))) && !/^(?:d|delo|op|ll?|pp?)\.\s*\d/u.test(rest) && startsLikeReference(rest) && looksLikeReference(rest)) generic = at;
    }
    if (split < 0) split = generic;
    // "Smolenskii, l. 127": a speaker named before another sheet of the file just cited.
    const who = /^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?),\s+(?=(?:d|ll?)\.\s*\d)/u.exec(s);
    if (split < 0 && who) split = who[0].length;
    if (split > 0) {
      const lead = s.slice(0, split).replace(/[\s,:]*(?:see also|see for example|see|cf\.|quoted in|cited in|printed in|reprinted in|published in|for example)?[\s,:]*$/iu, '');
      if (lead.trim()) out.push({ kind: 'commentary', start: a - (sm ? sm[0].length : 0), end: a + lead.length, signal: null });
      out.push({ kind: 'reference', start: a + split, end: b, signal: sig ?? signal });
    } else if (looksLikeReference(s)) {
      out.push({ kind: 'reference', start: a, end: b, signal });
    } else {
      out.push({ kind: 'commentary', start: a - (sm ? sm[0].length : 0), end: b, signal: null });
    }
  }
  return out;
}

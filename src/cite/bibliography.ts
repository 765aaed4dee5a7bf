/**
 * A document's own bibliography: entries grouped from its lines (an entry
 * runs on until it is complete and a new "Family, Given" line begins),
 * archival holdings read under the archive they are listed beneath
 * (`f. 4, op. 14, d. 70; 74; 81`), each entry parsed into the same fields as
 * a note's reference. It is what the notes are reconciled against.
 */
import type { LineIndex } from '../core/positions.js';
import { fileOf, findArchive, parseArchival, type Archival } from './archival.js';
import { invertedNames } from './names.js';
import { parseReference, type WorkFields } from './reference.js';
import { taggedWork } from './tagger.js';

export interface BibEntry {
  start: number;
  end: number;
  line: number;
  raw: string;
  fields: WorkFields;
  archival?: Archival;
}

const SUBHEADING = /^(?:archival sources|fond,\s*opis,\s*delo:?|newspapers(?: and periodicals)?|periodicals|document collections|published documents|memoirs|unpublished (?:phd )?theses|theses|books and (?:journal )?articles|secondary (?:sources|literature)|primary sources|online sources|websites|national archives|journal articles|books|articles|reference works)\s*$/iu;
const INVERTED = /^((?:(?:von|van|de|der)\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?),\s+((?:\p{Lu}[\p{L}'’]*\.?\s*){1,3}(?:(?:and|&)\s+(?:\p{Lu}[\p{L}'’]*\.?\s*){1,4})?(?:and others|et al\.?)?)\s*(?:,\s*(eds?)\.?)?,\s+/u;

interface Line {
  start: number;
  end: number;
  text: string;
}

function linesOf(text: string, span: { start: number; end: number }): Line[] {
  const out: Line[] = [];
  const re = /[^\r\n]+/g;
  re.lastIndex = span.start;
  for (let m = re.exec(text); m && m.index < span.end; m = re.exec(text)) {
    const t = m[0];
    const lead = t.length - t.trimStart().length;
    const trimmed = t.trim();
    if (trimmed) out.push({ start: m.index + lead, end: m.index + lead + trimmed.length, text: trimmed });
  }
  return out;
}

function complete(s: string): boolean {
  return /\)\s*(?:,\s*(?:[IVX]+|\d+)(?:,\s*(?:[IVX]+|book\s*\d+))*)?\.?$/u.test(s) || /\d+\s*[-–]\s*\d+\.?$/u.test(s) || /\(\d{4}\)\.?$/u.test(s);
}

export function parseBibliography(text: string, span: { start: number; end: number }, index: LineIndex): BibEntry[] {
  const lines = linesOf(text, span).slice(1); // the heading itself
  const out: BibEntry[] = [];
  let archive: string | null = null;
  let cur: Line[] = [];
  const flush = () => {
    if (!cur.length) return;
    const raw = cur.map((l) => l.text).join(' ').replace(/(\p{L})- (\p{Ll})/gu, '$1$2');
    const start = cur[0]!.start;
    const end = cur[cur.length - 1]!.end;
    cur = [];
    const line = index.lined({ start, end }).line;
    if (/^(?:f|fond)\.\s*\d/u.test(raw) || (archive === 'TNA' && /\b[A-Z]{1,4}\s?\d+\/\d+/.test(raw))) {
      for (const h of parseArchival(raw, archive ? { archive } : null)) {
        // The bibliography lists files; a sheet number here would be a stray.
        const a = fileOf(h);
        delete a.list;
        out.push({ start, end, line, raw, fields: { type: 'manuscript' }, archival: a });
      }
      return;
    }
    const inv = INVERTED.exec(raw);
    if (inv) {
      const names = invertedNames(`${inv[1]}, ${inv[2]!.trim()}`);
      const p = parseReference(raw.slice(inv[0].length), { containers: new Set(), lastComma: true });
      const fields: WorkFields = { ...p.fields };
      if (inv[3]) fields.editor = names;
      else fields.author = names;
      if (p.kind !== 'unparsed') out.push({ start, end, line, raw, fields });
      return;
    }
    const p = parseReference(raw, { containers: new Set(), lastComma: true });
    if (p.kind === 'full') out.push({ start, end, line, raw, fields: p.fields });
    else {
      const tagged = taggedWork(raw);
      if (tagged) out.push({ start, end, line, raw, fields: tagged });
    }
  };
  for (const l of lines) {
    const t = l.text;
    if (SUBHEADING.test(t)) {
      flush();
      if (/national archives/iu.test(t)) archive = 'TNA';
      continue;
    }
    const ar = findArchive(t);
    // A line naming an archive and nothing else heads its holdings.
    if (ar && !/\d/.test(t)) {
      flush();
      archive = ar.abbr;
      continue;
    }
    if (/^(?:f|fond)\.\s*\d/u.test(t) || /^TNA\b/.test(t)) {
      flush();
      cur = [l];
      continue;
    }
    if (cur.length && /^(?:f|fond)\.\s*\d/u.test(cur[0]!.text) && /^\d/.test(t)) {
      cur.push(l);
      continue;
    }
    const prevText = cur.map((x) => x.text).join(' ');
    if (!cur.length || (complete(prevText) && /^\p{Lu}/u.test(t)) || /^(?:f|fond)\.\s*\d/u.test(prevText)) {
      flush();
      cur = [l];
    } else cur.push(l);
  }
  flush();
  return out;
}

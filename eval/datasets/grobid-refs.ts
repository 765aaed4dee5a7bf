/**
 * The reference-field tagger (src/cite/tagger.ts) against GROBID's corrected
 * citation training data (../shared/datasets/citations/
 * grobid_citation_raw_ref_corrected.training.references.tei.xml): 406 TEI
 * `<bibl>`s. Report only: no floor, because the two annotation schemes differ
 * beyond a label mapping (GROBID leaves "pp.", "Vol." and brackets outside its
 * tags, AnyStyle includes them; GROBID splits volume and issue, and the two
 * years of "1989 [1972]").
 *
 * Mapping to the tagger's labels: author → author; title level a → title;
 * level m → title when the reference has no level a title, else
 * container-title; level j → journal; date → date; publisher → publisher;
 * pubPlace → location; biblScope unit page → pages, unit volume → volume;
 * editor → editor. Anything else (series titles, issues, notes, ids, text
 * between tags) is unlabelled, and the score counts only the mapped labels, on
 * both sides (eval/datasets/anystyle.ts, `scoreFields`).
 *
 * Some references carry escaped markup as text ("&lt;italic&gt;"), an
 * artefact of the annotation: it is dropped from the raw string.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTagger, type CiteTagger } from '../../src/cite/tagger.js';
import { asFieldEval, citationsDir, defaultShared, fieldErrors, scoreFields, type FieldEval, type FieldPair, type FieldScores, type LabelledText } from './anystyle.js';
import { decodeEntities } from './footnote-zones.js';

export const GROBID_REFS_FILE = 'grobid_citation_raw_ref_corrected.training.references.tei.xml';

/** The tagger's labels the mapping reaches. */
export const GROBID_LABELS: ReadonlySet<string> = new Set(['author', 'title', 'container-title', 'journal', 'date', 'publisher', 'location', 'pages', 'volume', 'editor']);

export interface GrobidRef {
  /** The reference's text, white space collapsed. */
  raw: string;
  /** The mapped fields, texts as in the TEI (entities decoded). */
  fields: LabelledText[];
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The tagger's label for a TEI element inside `<bibl>`, or null. */
function mapLabel(name: string, attrs: string, hasLevelA: boolean): string | null {
  switch (name) {
    case 'author':
    case 'date':
    case 'publisher':
    case 'editor':
      return name;
    case 'pubPlace':
      return 'location';
    case 'biblScope': {
      const unit = attr(attrs, 'unit');
      return unit === 'page' ? 'pages' : unit === 'volume' ? 'volume' : null;
    }
    case 'title': {
      const level = attr(attrs, 'level');
      if (level === 'a') return 'title';
      if (level === 'm') return hasLevelA ? 'container-title' : 'title';
      if (level === 'j') return 'journal';
      return null;
    }
    default:
      return null;
  }
}

/** The `<bibl>`s of the TEI, with their mapped fields. An element inside a mapped one (an `<orgName>` in an `<author>`) belongs to it. */
export function readGrobidRefs(xml: string): GrobidRef[] {
  const out: GrobidRef[] = [];
  for (const b of xml.matchAll(/<bibl>([\s\S]*?)<\/bibl>/g)) {
    const body = b[1]!;
    const hasLevelA = /<title\s[^>]*level\s*=\s*["']a["']/.test(body);
    let raw = '';
    const fields: LabelledText[] = [];
    const stack: { name: string; label: string | null; start: number }[] = [];
    const inMapped = () => stack.some((s) => s.label !== null);
    const addText = (s: string) => {
      let t = decodeEntities(s);
      if (!inMapped()) t = t.replace(/<\/?italic>/g, '');
      raw += t;
    };
    let at = 0;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(body); m; m = TAG.exec(body)) {
      addText(body.slice(at, m.index));
      at = m.index + m[0].length;
      const name = m[2]!;
      if (m[4] === '/') continue; // empty element: no text
      if (m[1] === '/') {
        for (let k = stack.length - 1; k >= 0; k--) {
          if (stack[k]!.name !== name) continue;
          const el = stack[k]!;
          stack.length = k;
          if (el.label) fields.push({ label: el.label, text: raw.slice(el.start, raw.length).replace(/\s+/g, ' ').trim() });
          break;
        }
        continue;
      }
      stack.push({ name, label: inMapped() ? null : mapLabel(name, m[3] ?? '', hasLevelA), start: raw.length });
    }
    addText(body.slice(at));
    raw = raw.replace(/\s+/g, ' ').trim();
    if (raw) out.push({ raw, fields: fields.filter((f) => f.text) });
  }
  return out;
}

/** The tagger on GROBID's corrected citation references (report only). */
export function evalGrobidRefs(shared = defaultShared(), tagger: CiteTagger = defaultTagger()): FieldEval & FieldScores {
  const refs = readGrobidRefs(readFileSync(join(citationsDir(shared), GROBID_REFS_FILE), 'utf8'));
  const pairs: FieldPair[] = refs.map((r) => ({ gold: r.fields, predicted: tagger.tag(r.raw).map((f) => ({ label: f.label, text: f.text })) }));
  const s = scoreFields(pairs, GROBID_LABELS);
  return { ...asFieldEval(GROBID_REFS_FILE, s, fieldErrors(pairs, 20, GROBID_LABELS)), ...s };
}

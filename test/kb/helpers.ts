import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineIndex, type LinedSpan, type Span } from '../../src/core/positions.js';
import type { Extraction } from '../../src/core/types.js';

export interface DocSpec {
  id: string;
  text: string;
  path?: string;
  /** Each paragraph as its pieces (one span unless a footnote zone cuts it); default: the whole text. */
  paragraphs?: Span[][];
  notes?: { label: string; spans: Span[] }[];
}

/** The span of the first occurrence of `needle` in `text` (after `from`). */
export function spanOf(text: string, needle: string, from = 0): Span {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`"${needle}" not in text`);
  return { start, end: start + needle.length };
}

/** A small Extraction built by hand, as the text pipeline would produce it. */
export function extraction(spec: DocSpec): Extraction {
  const { text } = spec;
  const lines = new LineIndex(text);
  const lined = (s: Span): LinedSpan => lines.lined(s);
  const paragraphs = (spec.paragraphs ?? [[{ start: 0, end: text.length }]]).map((spans, index) => ({
    index,
    section: null,
    spans: spans.map(lined),
  }));
  const notes = (spec.notes ?? []).map((n, i) => ({
    id: `n${i + 1}`,
    label: n.label,
    section: null,
    text: n.spans.map((s) => text.slice(s.start, s.end)).join(' '),
    spans: n.spans.map(lined),
    markers: [],
  }));
  return {
    document: {
      id: spec.id,
      path: spec.path ?? `corpus/${spec.id}.txt`,
      title: `Title of ${spec.id}`,
      authors: ['Novák, Jan'],
      year: 1999,
      kind: 'article',
      sourceKind: 'article',
      sha256: createHash('sha256').update(text).digest('hex'),
      chars: text.length,
      encoding: 'utf-8',
      metadataSource: 'inferred',
      csl: { type: 'article-journal' },
    },
    sections: [],
    paragraphs,
    sentences: paragraphs.map((p) => ({ paragraph: p.index, spans: p.spans })),
    notes,
    markers: [],
    citations: [],
    commentary: [],
    works: [],
    bibliography: [],
    entities: [],
    mentions: [],
    ambiguousMentions: [],
    unknownNames: [],
    dates: [],
    events: [],
    figures: [],
    quotes: [],
    claims: [],
    diagnostics: [],
  };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-kb-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `extract(source)`: one file in, every layer out. Used by `kartoteka extract`
 * (no database) and by `ingest` (which stores what this returns).
 */
import type { Extraction } from './core/types.js';
import { extractDoc } from './pipeline.js';
import { readSource, type Source } from './text/source.js';
import { documentMeta, findManifestFor } from './text/manifest.js';

export interface ExtractOptions {
  maxBytes?: number;
  /** A manifest item to use instead of looking for corpus.json beside the file. */
  csl?: Record<string, unknown> | null;
}

export interface Extracted {
  source: Source;
  extraction: Extraction;
}

/** Reads, decodes and runs the pipeline on one file. Throws KartotekaError for bad input. */
export function extractFile(path: string, opts: ExtractOptions = {}): Extracted {
  const source = readSource(path, { maxBytes: opts.maxBytes });
  const csl = opts.csl === undefined ? findManifestFor(path) : opts.csl;
  const meta = documentMeta(source, source.text, csl);
  const { layers: _layers, ...extraction } = extractDoc(source.text, meta);
  return { source, extraction };
}

/**
 * The `extract --json` document of ../shared/CONTRACT.md. The extra layers
 * (dates, paragraphs, sentences, markers, diagnostics) extend the contract.
 */
export function contractJson(x: Extraction): Record<string, unknown> {
  const { csl: _csl, ...document } = x.document;
  return {
    document,
    sections: x.sections,
    notes: x.notes,
    citations: x.citations.map(({ fields: _f, ...c }) => c),
    works: x.works,
    entities: x.entities,
    mentions: x.mentions,
    ambiguousMentions: x.ambiguousMentions,
    unknownNames: x.unknownNames,
    events: x.events,
    figures: x.figures,
    dates: x.dates,
    quotes: x.quotes,
    claims: x.claims,
    markers: x.markers,
    commentary: x.commentary,
    bibliography: x.bibliography,
    paragraphs: x.paragraphs,
    sentences: x.sentences,
    diagnostics: x.diagnostics,
  };
}

/**
 * Test helper (not a test file): runs the whole text pipeline on a string,
 * with metadata made up for the purpose.
 */
import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../../src/core/types.js';
import { extractDoc } from '../../src/pipeline.js';

/** Metadata for a text that came from no file. */
export function testMeta(text: string, id = 'test'): DocumentMeta {
  return {
    id,
    path: `${id}.txt`,
    title: `Test document ${id}`,
    authors: [],
    year: null,
    kind: 'other',
    sourceKind: 'other',
    sha256: createHash('sha256').update(text).digest('hex'),
    chars: text.length,
    encoding: 'utf-8',
    metadataSource: 'inferred',
    csl: { type: 'document' },
  };
}

/** `extractDoc` on `text`, with made-up metadata. */
export function extract(text: string, id = 'test'): ReturnType<typeof extractDoc> {
  return extractDoc(text, testMeta(text, id));
}

/** The quotations of the knowledge base, with the documents they are in, for `kartoteka quotes`, the person card and the API. */
import type { QuoteRecord } from '../extract/quotes.js';
import type { Store } from './store.js';

export type KbQuote = QuoteRecord & { document: string };

/** Every quotation in document and text order, optionally only one speaker's (an entity id) or one document's. */
export function quotes(store: Store, f: { speaker?: string; document?: string } = {}): KbQuote[] {
  const out: KbQuote[] = [];
  for (const d of store.documents()) {
    if (f.document && d.id !== f.document) continue;
    for (const q of store.layer(d.id, 'quotes')) if (!f.speaker || q.speaker === f.speaker) out.push({ ...q, document: d.id });
  }
  return out;
}

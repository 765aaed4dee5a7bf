/**
 * A passage as a reader wants it: the body paragraphs holding a line, rejoined
 * across the footnote zones that cut them, markers shown as [n], and the notes
 * they point to printed whole beneath (page-split notes joined).
 */
import type { LinedSpan } from '../core/positions.js';
import type { Store } from '../kb/store.js';
import { visible } from './escape.js';
import { collapseLines } from '../text/body.js';

export interface Passage {
  document: string;
  line: number;
  paragraphs: { spans: LinedSpan[]; text: string }[];
  notes: { id: string; label: string; text: string; spans: LinedSpan[] }[];
  /** The passage as printed by `kartoteka show` (control characters made visible). */
  display: string;
}

export function renderPassage(store: Store, docId: string, line: number, count: number): Passage {
  const text = store.text(docId);
  const paragraphs = store.layer(docId, 'paragraphs');
  const markers = store.layer(docId, 'markers');
  const notes = store.layer(docId, 'notes');
  // The paragraph holding the line, else the first one after it; a line inside a note shows the paragraph of its marker.
  let lineToShow = line;
  const inNote = notes.find((n) => n.spans.some((s) => s.line <= line && line <= lineOfEnd(text, s)));
  if (inNote && inNote.markers[0]) lineToShow = inNote.markers[0].line;
  let first = paragraphs.findIndex((p) => p.spans.some((s) => s.line <= lineToShow && lineToShow <= lineOfEnd(text, s)));
  if (first < 0) first = paragraphs.findIndex((p) => p.spans[0]!.line >= lineToShow);
  if (first < 0) first = Math.max(0, paragraphs.length - 1);
  const chosen = paragraphs.slice(first, first + count);
  const shownNotes = new Set<string>();
  const out: Passage['paragraphs'] = chosen.map((p) => {
    const parts: string[] = [];
    for (const s of p.spans) {
      let pos = s.start;
      for (const m of markers) {
        if (m.start < s.start || m.end > s.end) continue;
        parts.push(text.slice(pos, m.start), `[${m.label}]`);
        pos = m.end;
        if (m.note) shownNotes.add(m.note);
      }
      parts.push(text.slice(pos, s.end), ' ');
    }
    return { spans: p.spans, text: collapseLines(parts.join('')) };
  });
  const noteList = notes.filter((n) => shownNotes.has(n.id)).map((n) => ({ id: n.id, label: n.label, text: n.text, spans: n.spans }));
  const lines: string[] = [];
  for (const p of out) {
    const where = p.spans.map((s) => `${s.line}–${lineOfEnd(text, s)}`).join(', ');
    lines.push(`${visible(docId)} lines ${where}`, wrap(visible(p.text), 88), '');
  }
  if (noteList.length) {
    lines.push('Notes');
    for (const n of noteList) {
      const where = n.spans.map((s) => `${s.line}–${lineOfEnd(text, s)}`).join(', ');
      lines.push(wrap(`[${n.label}] ${visible(n.text)}`, 88, '    ') + `\n    (lines ${where})`);
    }
    lines.push('');
  }
  if (!out.length) lines.push(`${visible(docId)} has no body text at line ${line}`);
  return { document: docId, line, paragraphs: out, notes: noteList, display: lines.join('\n') + '\n' };
}

/** The line of the last character of a span. */
function lineOfEnd(text: string, s: LinedSpan): number {
  let n = s.line;
  for (let i = s.start; i < s.end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

function wrap(s: string, width: number, indent = ''): string {
  const words = s.split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = indent + w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

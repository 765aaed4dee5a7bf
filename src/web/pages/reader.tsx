/**
 * The document reader: the ORIGINAL text, line by line as the file has it,
 * with mentions linked to their entities, note markers that open their note
 * (joined across page splits, with its parsed citations), the footnote zones
 * of the page, dates and event words marked. `line` scrolls to a line, `hl`
 * marks a passage by its original offsets.
 */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { DocumentSummary, NoteView, TextWindow } from '../api';
import { ErrorBox, href, replaceParams, Status, useApi, useReady } from '../ui';

const WINDOW = 400;

interface Seg {
  start: number;
  end: number;
  mention?: TextWindow['mentions'][number];
  marker?: TextWindow['markers'][number];
  note?: TextWindow['notes'][number];
  date?: TextWindow['dates'][number];
  event?: TextWindow['events'][number];
  target?: boolean;
}

/** Cuts [a, b) into pieces at every annotation boundary, each piece knowing what covers it. */
function segments(a: number, b: number, w: TextWindow, target: [number, number] | null): Seg[] {
  const cuts = new Set([a, b]);
  const add = (s: number, e: number) => {
    if (e <= a || s >= b) return;
    cuts.add(Math.max(a, s));
    cuts.add(Math.min(b, e));
  };
  const lists = [w.mentions, w.markers, w.notes, w.dates, w.events];
  for (const l of lists) for (const r of l) add(r.start, r.end);
  if (target) add(target[0], target[1]);
  const points = [...cuts].sort((x, y) => x - y);
  const out: Seg[] = [];
  const find = <T extends { start: number; end: number }>(l: readonly T[], s: number) => l.find((r) => r.start <= s && s < r.end);
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    out.push({
      start: s,
      end: e,
      mention: find(w.mentions, s),
      marker: find(w.markers, s),
      note: find(w.notes, s),
      date: find(w.dates, s),
      event: find(w.events, s),
      target: !!target && target[0] <= s && s < target[1],
    });
  }
  return out;
}

function Line({ n, a, b, w, target, openNote }: { n: number; a: number; b: number; w: TextWindow; target: [number, number] | null; openNote: (id: string) => void }) {
  const parts: ComponentChildren[] = [];
  for (const s of segments(a, b, w, target)) {
    const text = w.text.slice(s.start - w.start, s.end - w.start);
    const cls = [s.note && 'note-zone', s.date && 'date', s.event && 'event', s.target && 'target'].filter(Boolean).join(' ');
    const title = [s.date && `date ${s.date.edtf}`, s.event && `${s.event.type} ${s.event.date}`].filter(Boolean).join(' · ') || undefined;
    let el: ComponentChildren;
    if (s.marker?.note) {
      const id = s.marker.note;
      el = (
        <button type="button" class={`marker ${cls}`} data-note={id} title={`note ${s.marker.label}`} onClick={() => openNote(id)}>
          {text}
        </button>
      );
    } else if (s.mention) {
      el = (
        <a class={`mention mention-${s.mention.type ?? 'unknown'} ${cls}`} href={href(`/entity/${encodeURIComponent(s.mention.entity)}`)} title={s.mention.label}>
          {text}
        </a>
      );
    } else if (s.note) {
      const id = s.note.id;
      el = (
        <span class={cls} title={title ?? `note ${s.note.label}`} onClick={() => openNote(id)}>
          {text}
        </span>
      );
    } else el = cls || title ? <span class={cls} title={title}>{text}</span> : text;
    parts.push(el);
  }
  return (
    <div class="line" id={`L${n}`}>
      <a class="ln" href={`#L${n}`} onClick={(e) => {
        e.preventDefault();
        replaceParams({ line: n });
      }}>
        {n}
      </a>
      <span class="lt">{parts}</span>
    </div>
  );
}

/** The original offsets of each line of the window: [start, end) without the line break. */
function lineRanges(w: TextWindow): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  const t = w.text;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push([w.start + s, w.start + i]);
      if (c === 13 && t.charCodeAt(i + 1) === 10) i++;
      s = i + 1;
    }
  }
  if (s < t.length || out.length === 0) out.push([w.start + s, w.start + t.length]);
  return out;
}

export function Reader({ id, params }: { id: string; params: URLSearchParams }) {
  const line = Math.max(1, Number(params.get('line')) || 1);
  const hlm = /^(\d+)-(\d+)$/.exec(params.get('hl') ?? '');
  const target: [number, number] | null = hlm ? [Number(hlm[1]), Number(hlm[2])] : null;
  const noteId = params.get('note');
  const from = Math.max(1, line - 60 - ((line - 60) % 20 || 0));
  const enc = encodeURIComponent(id);
  const doc = useApi<{ document: DocumentSummary; sections: { title: string; level: number; line: number }[]; lines: number }>(`/api/documents/${enc}`);
  const win = useApi<TextWindow>(`/api/documents/${enc}/text?from=${from}&count=${WINDOW}`);
  const note = useApi<NoteView>(noteId ? `/api/documents/${enc}/notes/${encodeURIComponent(noteId)}` : null);
  useReady('reader', !!win.data && !!doc.data);
  useEffect(() => {
    if (!win.data) return;
    document.getElementById(`L${line}`)?.scrollIntoView({ block: 'center' });
  }, [win.data, line]);
  const params0 = { line, hl: params.get('hl'), note: noteId };
  const openNote = (n: string | null) => replaceParams({ ...params0, note: n });
  return (
    <section class="reader">
      <Status f={doc}>
        {(d) => (
          <div class="reader-head">
            <h1>{d.document.title}</h1>
            <p class="muted">
              {d.document.authors.join(', ')} {d.document.year ?? ''} · <span class={`kind kind-${d.document.kind}`}>{d.document.kind}</span> · {d.lines} lines
            </p>
            {d.sections.length > 0 && (
              <details class="toc">
                <summary>Sections ({d.sections.length})</summary>
                <ul>
                  {d.sections.map((s) => (
                    <li class={`lvl${s.level}`}>
                      <a href={href(`/doc/${enc}`, { line: s.line })}>{s.title}</a> <span class="muted">{s.line}</span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <form
              class="jump"
              onSubmit={(e) => {
                e.preventDefault();
                const v = Number(((e.target as HTMLFormElement).elements.namedItem('line') as HTMLInputElement).value);
                if (v > 0) replaceParams({ line: v });
              }}
            >
              <label>
                line <input name="line" size={6} inputMode="numeric" />
              </label>{' '}
              <button type="submit">go</button>
            </form>
          </div>
        )}
      </Status>
      <div class="reader-body">
        <Status f={win}>
          {(w) => (
            <div class="text" lang="en">
              {w.from > 1 && (
                <p>
                  <a href={href(`/doc/${enc}`, { line: Math.max(1, w.from - WINDOW + 60) })}>↑ lines before {w.from}</a>
                </p>
              )}
              {lineRanges(w).map(([a, b], i) => (
                <Line n={w.from + i} a={a} b={b} w={w} target={target} openNote={(n) => openNote(n)} />
              ))}
              {w.to < w.lines && (
                <p>
                  <a href={href(`/doc/${enc}`, { line: w.to + 61 })}>↓ lines after {w.to}</a>
                </p>
              )}
            </div>
          )}
        </Status>
        {noteId && (
          <aside class="note-panel" aria-label="note">
            <button type="button" class="close" aria-label="close the note" onClick={() => openNote(null)}>
              ×
            </button>
            {note.error && <ErrorBox error={note.error} />}
            {note.data && <NotePanel n={note.data} doc={enc} />}
          </aside>
        )}
      </div>
    </section>
  );
}

function NotePanel({ n, doc }: { n: NoteView; doc: string }) {
  return (
    <div class="note" data-note={n.id}>
      <h2>Note {n.label}</h2>
      <p class="muted small">
        {n.spans.length > 1 ? `split across ${n.spans.length} pieces of the page, shown whole: ` : ''}
        {n.spans.map((s, i) => (
          <>
            {i > 0 && ', '}
            <a href={href(`/doc/${doc}`, { line: s.line, note: n.id })}>line {s.line}</a>
          </>
        ))}
        {n.markers.length > 0 && (
          <>
            {' · marker at '}
            {n.markers.map((m) => (
              <a href={href(`/doc/${doc}`, { line: m.line, hl: `${m.start}-${m.end}`, note: n.id })}>line {m.line}</a>
            ))}
          </>
        )}
      </p>
      <p class="note-text">{n.text}</p>
      {n.citations.length > 0 && (
        <>
          <h3>
            {n.citations.length} citation{n.citations.length === 1 ? '' : 's'}
          </h3>
          <ol class="citations">
            {n.citations.map((c) => (
              <li class="citation">
                <div>{c.raw}</div>
                <div class="muted small">
                  <span class={`badge res-${c.resolution}`}>{c.resolution}</span>
                  {c.signal && <> · {c.signal}</>}
                  {c.locator && (
                    <>
                      {' '}
                      · {c.locator.label} {c.locator.value}
                    </>
                  )}
                  {c.work && (
                    <>
                      {' '}
                      ·{' '}
                      <a href={href(`/work/${encodeURIComponent(c.work.id)}`)}>
                        {c.work.type === 'manuscript' ? `${c.work.archive ?? ''} ${c.work.location ?? ''}` : [c.work.author, c.work.title, c.work.issued].filter(Boolean).join(', ')}
                      </a>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

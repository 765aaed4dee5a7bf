/** What every page shares: the route, fetching, links to passages, highlighted snippets, loading and errors. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, qs, type Event } from './api';

export interface Route {
  /** The path after '#', without the query: '/doc/whitewood2012'. */
  path: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const h = location.hash.replace(/^#/, '') || '/';
  const i = h.indexOf('?');
  return { path: i < 0 ? h : h.slice(0, i), params: new URLSearchParams(i < 0 ? '' : h.slice(i + 1)) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** A hash link: '#/path?query'. */
export const href = (path: string, params: Record<string, string | number | null | undefined> = {}) => `#${path}${qs(params)}`;

/** Changes the query of the current page without a new history entry. */
export function replaceParams(params: Record<string, string | number | null | undefined>): void {
  const r = currentRoute();
  history.replaceState(null, '', href(r.path, params));
  dispatchEvent(new HashChangeEvent('hashchange'));
}

export type Fetched<T> = { data: T | null; error: ApiError | Error | null; loading: boolean };

/** The answer of an API path (null: ask nothing), refetched when the path changes. */
export function useApi<T>(path: string | null): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ data: null, error: null, loading: !!path });
  useEffect(() => {
    if (!path) return setState({ data: null, error: null, loading: false });
    let live = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    get<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: Error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

/** Marks the page as interactive: its data is on screen (the tests and the benchmark wait for this). */
export function useReady(name: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    document.body.dataset.ready = name;
    performance.mark(`ready:${name}`);
    return () => {
      if (document.body.dataset.ready === name) delete document.body.dataset.ready;
    };
  }, [name, ready]);
}

export function Status<T>({ f, children }: { f: Fetched<T>; children: (data: T) => ComponentChildren }) {
  if (f.error) return <ErrorBox error={f.error} />;
  if (!f.data) return <p class="muted">Loading…</p>;
  return <>{children(f.data)}</>;
}

export function ErrorBox({ error }: { error: Error }) {
  return (
    <p class="error" role="alert">
      {error instanceof ApiError ? `${error.message} [${error.code}]` : error.message}
    </p>
  );
}

/** A link to a passage: the document at its line, the words highlighted. */
export function passageHref(doc: string, line: number, start?: number, end?: number): string {
  return href(`/doc/${encodeURIComponent(doc)}`, { line, hl: start !== undefined && end !== undefined ? `${start}-${end}` : null });
}

export function PassageLink({ doc, line, start, end, children }: { doc: string; line: number; start?: number; end?: number; children?: ComponentChildren }) {
  return (
    <a class="passage-link" href={passageHref(doc, line, start, end)}>
      {children ?? `${doc}:${line}`}
    </a>
  );
}

/** Text with some ranges marked; the text is always rendered as text, never as HTML. */
export function Marked({ text, ranges }: { text: string; ranges: { start: number; end: number }[] }) {
  const out: ComponentChildren[] = [];
  let pos = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start < pos) continue;
    out.push(text.slice(pos, r.start), <mark>{text.slice(r.start, r.end)}</mark>);
    pos = r.end;
  }
  out.push(text.slice(pos));
  return <>{out}</>;
}

export function Pager({ next, onNext, total, shown }: { next: string | null; onNext: (cursor: string) => void; total: number; shown: number }) {
  return (
    <p class="pager muted">
      {shown} of {total}
      {next && (
        <>
          {' '}
          <button type="button" onClick={() => onNext(next)}>
            more
          </button>
        </>
      )}
    </p>
  );
}

/** The colours of event types, shared by the timeline and the lists. */
const TYPE_COLORS: Record<string, string> = {
  arrest: '#c0392b',
  execution: '#7b241c',
  death: '#4a235a',
  suicide: '#6c3483',
  trial: '#d35400',
  sentence: '#e67e22',
  transfer: '#2874a6',
  appointment: '#1e8449',
  promotion: '#27ae60',
  demotion: '#a04000',
  dismissal: '#b9770e',
  expulsion: '#9a7d0a',
  reinstatement: '#148f77',
  rehabilitation: '#17a589',
  release: '#48c9b0',
  interrogation: '#922b21',
  confession: '#cb4335',
  speech: '#5b2c6f',
  report: '#2e86c1',
  letter: '#5dade2',
  order: '#1a5276',
  decree: '#154360',
  meeting: '#7d6608',
  publication: '#616a6b',
  birth: '#229954',
  other: '#909497',
};
export const typeColor = (t: string) => TYPE_COLORS[t] ?? '#909497';
export const EVENT_TYPES = Object.keys(TYPE_COLORS);

/** A text cut to its first `max` characters, '…' where it was cut. */
export const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}…` : s);

export function Title({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Kartoteka`;
  }, [children]);
  return <h1>{children}</h1>;
}

/** One event of a list: date, type, a flag when the sources dispute it, and its sentence linked to its passage. */
export function EventItem({ e }: { e: Event }) {
  return (
    <li class={e.conflicts.length ? 'conflicted' : ''}>
      <span class="date">{e.date.edtf}</span> <span class="etype" style={{ color: typeColor(e.type) }}>{e.type}</span>{' '}
      {e.conflicts.length > 0 && (
        <a class="conflict-flag" href={href('/conflicts', { id: e.conflicts[0] })} title="the sources disagree">
          ⚠ disputed
        </a>
      )}
      <div class="small">
        <PassageLink doc={e.document} line={e.line} start={e.start} end={e.end}>
          {e.document}:{e.line}
        </PassageLink>{' '}
        {clip(e.text, 220)}
      </div>
    </li>
  );
}

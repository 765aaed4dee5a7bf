/** Full-text search with facets (document, kind of source, entity, date range) and highlighted snippets. */
import { useEffect, useState } from 'preact/hooks';
import { qs, type SearchAnswer } from '../api';
import { href, Marked, passageHref, replaceParams, Status, Title, useApi, useReady } from '../ui';

const KEYS = ['q', 'document', 'kind', 'sourceKind', 'entity', 'from', 'to', 'cursor'] as const;

export function Search({ params }: { params: URLSearchParams }) {
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof KEYS)[number], string>;
  const [q, setQ] = useState(f.q);
  const [from, setFrom] = useState(f.from);
  const [to, setTo] = useState(f.to);
  useEffect(() => {
    setQ(f.q);
    setFrom(f.from);
    setTo(f.to);
  }, [f.q, f.from, f.to]);
  const ans = useApi<SearchAnswer>(f.q ? `/api/search${qs({ ...f, limit: 25 })}` : null);
  useReady('search', !f.q || !!ans.data || !!ans.error);
  const set = (patch: Partial<typeof f>) => replaceParams({ ...f, cursor: null, ...patch });
  return (
    <section>
      <Title>Search</Title>
      <form
        class="searchform"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim(), from, to });
        }}
      >
        <input type="search" name="q" aria-label="Words to find" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder='words, "a phrase", prefix*, -excluded' />
        <label>
          from <input name="from" size={10} placeholder="1937" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          to <input name="to" size={10} placeholder="1938-12" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {!f.q && <p class="muted">Case, accents and apostrophes are ignored: Tukhachevskii finds Tukhachevsky's and Tukhachevskiis.</p>}
      {f.q && (
        <Status f={ans}>
          {(a) => (
            <div class="with-facets">
              <aside class="facets">
                <Facet title="Document" items={a.facets.documents} active={f.document} onPick={(v) => set({ document: v })} />
                <Facet title="Kind of source" items={a.facets.sourceKinds} active={f.sourceKind} onPick={(v) => set({ sourceKind: v })} />
                <Facet title="Kind of document" items={a.facets.kinds} active={f.kind} onPick={(v) => set({ kind: v })} />
                <Facet title="Names" items={a.facets.entities} active={f.entity} onPick={(v) => set({ entity: v })} />
                {(f.from || f.to) && (
                  <p>
                    dates {f.from || '…'}–{f.to || '…'}{' '}
                    <button type="button" onClick={() => set({ from: '', to: '' })}>
                      ×
                    </button>
                  </p>
                )}
              </aside>
              <div class="hits">
                <p class="muted">
                  {a.total} passage{a.total === 1 ? '' : 's'}
                  {a.cut ? ' (the first 1,000 searched)' : ''}
                </p>
                <ol class="hits-list" start={Number(f.cursor || 0) + 1}>
                  {a.hits.map((h) => (
                    <li class="hit">
                      <a class="hit-where" href={passageHref(h.document, h.line, h.start, h.end)}>
                        {h.document}:{h.line}
                        {h.in === 'note' ? ` · note ${h.note}` : ''}
                      </a>
                      <div class="snippet">
                        <Marked text={h.snippet} ranges={h.snippetHighlights} />
                      </div>
                    </li>
                  ))}
                </ol>
                <p class="pager">
                  {f.cursor && (
                    <a href={href('/search', { ...f, cursor: Math.max(0, Number(f.cursor) - 25) || null })}>previous</a>
                  )}{' '}
                  {a.next && <a href={href('/search', { ...f, cursor: a.next })}>next</a>}
                </p>
              </div>
            </div>
          )}
        </Status>
      )}
    </section>
  );
}

function Facet({ title, items, active, onPick }: { title: string; items: { id: string; count: number; label?: string }[]; active: string; onPick: (v: string) => void }) {
  if (!items.length && !active) return null;
  return (
    <div class="facet">
      <h3>{title}</h3>
      {active && (
        <button type="button" class="facet-clear" onClick={() => onPick('')}>
          × {items.find((i) => i.id === active)?.label ?? active}
        </button>
      )}
      <ul>
        {items.slice(0, 12).map((i) => (
          <li>
            <button type="button" class={`facet-item ${i.id === active ? 'active' : ''}`} onClick={() => onPick(i.id)}>
              {i.label ?? i.id}
            </button>{' '}
            <span class="muted">{i.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

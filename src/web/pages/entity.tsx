/** People, organizations and places: the list, and the page of one with every spelling, timeline, quotations, mentions and companions. */
import { useState } from 'preact/hooks';
import { qs, type Card, type Entity } from '../api';
import { QuoteItem } from './quotes';
import { ClaimItem } from './debate';
import { EventItem, href, Marked, PassageLink, passageHref, replaceParams, Status, Title, useApi, useReady } from '../ui';

export function EntityList({ params }: { params: URLSearchParams }) {
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const cursor = params.get('cursor');
  const [text, setText] = useState(q);
  const list = useApi<{ entities: Entity[]; total: number; next: string | null }>(`/api/entities${qs({ q, type, cursor, limit: 100 })}`);
  useReady('entities', !!list.data);
  return (
    <section>
      <Title>People, organizations, places</Title>
      <form
        class="searchform"
        onSubmit={(e) => {
          e.preventDefault();
          replaceParams({ q: text.trim(), type });
        }}
      >
        <input name="q" aria-label="Name" placeholder="any spelling: Toukhatchevski, Тухачевский" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <select aria-label="Type" value={type} onChange={(e) => replaceParams({ q, type: (e.target as HTMLSelectElement).value })}>
          <option value="">all</option>
          <option value="person">people</option>
          <option value="organization">organizations</option>
          <option value="place">places</option>
        </select>
        <button type="submit">Find</button>
      </form>
      <Status f={list}>
        {(l) => (
          <>
            <table class="list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th class="num">Mentions</th>
                  <th>Other spellings</th>
                </tr>
              </thead>
              <tbody>
                {l.entities.map((e) => (
                  <tr>
                    <td>
                      <a href={href(`/entity/${encodeURIComponent(e.id)}`)}>{e.label}</a>
                    </td>
                    <td>{e.type}</td>
                    <td class="num">{e.mentions}</td>
                    <td class="muted small">{e.variants.slice(0, 8).join(', ')}{e.variants.length > 8 ? ', …' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="pager muted">
              {l.total} in all {l.next && <a href={href('/entities', { q, type, cursor: l.next })}>next</a>}
            </p>
          </>
        )}
      </Status>
    </section>
  );
}

interface MentionRow {
  document: string;
  surface: string;
  start: number;
  end: number;
  line: number;
  in: string;
  snippet: string;
}

export function EntityPage({ id }: { id: string }) {
  const enc = encodeURIComponent(id);
  const card = useApi<Card>(`/api/entities/${enc}`);
  const [doc, setDoc] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const mentions = useApi<{ mentions: MentionRow[]; total: number; next: string | null }>(`/api/entities/${enc}/mentions${qs({ document: doc, cursor, limit: 30 })}`);
  useReady('entity', !!card.data);
  return (
    <section class="entity">
      <Status f={card}>
        {(c) => (
          <>
            <Title>{c.entity.label}</Title>
            <p class="muted">
              {c.entity.type}
              {c.entity.born || c.entity.died ? ` · ${c.entity.born ?? '?'}–${c.entity.died ?? '?'}` : ''}
              {c.entity.rank ? ` · ${c.entity.rank}` : ''} · {c.mentions} mentions in {c.documents.length} document{c.documents.length === 1 ? '' : 's'}
            </p>
            {c.entity.descriptor && <p class="descriptor">{c.entity.descriptor}</p>}
            <div class="columns">
              <div>
                <h2>Spellings</h2>
                <p class="variants">{c.entity.variants.length ? c.entity.variants.join(' · ') : 'only the one above'}</p>
                {c.entity.posts && c.entity.posts.length > 0 && (
                  <>
                    <h2>Posts</h2>
                    <ul>
                      {c.entity.posts.map((p) => (
                        <li>
                          {p.post} {p.from || p.to ? <span class="muted">({p.from ?? '?'}–{p.to ?? ''})</span> : null}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <h2>In the documents</h2>
                <ul>
                  {c.documents.map((d) => (
                    <li>
                      <a href={href(`/doc/${encodeURIComponent(d.id)}`)}>{d.title}</a>: {d.mentions}, first as <PassageLink doc={d.id} line={d.first.line} start={d.first.start} end={d.first.end}>“{d.first.surface}” at line {d.first.line}</PassageLink>
                    </li>
                  ))}
                </ul>
                <h2>Named with</h2>
                <p class="together">
                  {c.together.length === 0 && <span class="muted">no one</span>}
                  {c.together.map((t, i) => (
                    <>
                      {i > 0 && ' · '}
                      <a href={href(`/entity/${encodeURIComponent(t.id)}`)}>{t.label}</a> <span class="muted small">{t.passages}</span>
                    </>
                  ))}
                </p>
                <p>
                  <a href={href('/network', { entity: id })}>The network around {c.entity.label}</a>
                </p>
              </div>
              <div>
                <h2>Timeline ({c.events.length})</h2>
                {c.events.length === 0 && <p class="muted">No dated events.</p>}
                <ol class="events">
                  {c.events.map((e) => (
                    <EventItem e={e} />
                  ))}
                </ol>
                <h2>Quotations ({c.quotes.length})</h2>
                {c.quotes.length === 0 && <p class="muted">None attributed to {c.entity.label} in these documents.</p>}
                <ol class="quotes">
                  {c.quotes.slice(0, 20).map((q) => (
                    <QuoteItem q={q} speaker={false} />
                  ))}
                </ol>
                {c.quotes.length > 20 && <a href={href('/quotes', { speaker: id })}>all {c.quotes.length} quotations</a>}
                {c.claims.length > 0 && (
                  <>
                    <h2>Views ({c.claims.length})</h2>
                    <ol class="claims">
                      {c.claims.slice(0, 30).map((x) => (
                        <ClaimItem c={x} holder={false} />
                      ))}
                    </ol>
                  </>
                )}
              </div>
            </div>
            <h2>Mentions</h2>
            <p>
              <select
                aria-label="Document"
                value={doc}
                onChange={(e) => {
                  setDoc((e.target as HTMLSelectElement).value);
                  setCursor(null);
                }}
              >
                <option value="">every document</option>
                {c.documents.map((d) => (
                  <option value={d.id}>{d.id}</option>
                ))}
              </select>
            </p>
            <Status f={mentions}>
              {(m) => (
                <>
                  <ol class="mentions">
                    {m.mentions.map((x) => {
                      const at = x.snippet.indexOf(x.surface, x.snippet.startsWith('…') ? 1 : 0);
                      return (
                        <li>
                          <a class="passage-link" href={passageHref(x.document, x.line, x.start, x.end)}>
                            {x.document}:{x.line}
                          </a>{' '}
                          <span class="snippet">
                            <Marked text={x.snippet} ranges={at >= 0 ? [{ start: at, end: at + x.surface.length }] : []} />
                          </span>
                        </li>
                      );
                    })}
                  </ol>
                  <p class="pager muted">
                    {m.total} mention{m.total === 1 ? '' : 's'}{' '}
                    {m.next && (
                      <button type="button" onClick={() => setCursor(m.next)}>
                        next
                      </button>
                    )}
                  </p>
                </>
              )}
            </Status>
          </>
        )}
      </Status>
    </section>
  );
}

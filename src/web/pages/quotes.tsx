/** Quotations: who is quoted as saying what, with the source each cites and the passage it stands in. */
import { qs, type Quote } from '../api';
import { clip, href, PassageLink, Status, Title, useApi, useReady } from '../ui';

/** One quotation: the words, the speaker, the work and page cited, a link to the passage. */
export function QuoteItem({ q, speaker = true }: { q: Quote; speaker?: boolean }) {
  const src = q.source;
  return (
    <li class="quote">
      {speaker && (
        <div class="small">
          {q.speaker ? <a href={href(`/entity/${encodeURIComponent(q.speaker)}`)}>{q.speakerName ?? q.speaker}</a> : <span>{q.speakerName ?? 'speaker unknown'}</span>}
          {q.turn ? <span class="muted"> (in dialogue)</span> : null}
          {q.quotedByName ? (
            <span class="muted">
              {' as quoted by '}
              {q.quotedBy ? <a href={href(`/entity/${encodeURIComponent(q.quotedBy)}`)}>{q.quotedByName}</a> : q.quotedByName}
            </span>
          ) : null}
        </div>
      )}
      <blockquote>{clip(q.text, 600)}</blockquote>
      <div class="muted small">
        <PassageLink doc={q.document} line={q.line} start={q.start} end={q.end}>
          {q.document}:{q.line}
        </PassageLink>
        {src ? (
          <>
            {' · cites '}
            {src.kind && <span class={`kind kind-${src.kind}`}>{src.kind}</span>} {[src.author, src.title, src.year].filter(Boolean).join(', ')}
            {src.locator ? `, ${src.locator.label === 'page' ? 'p.' : src.locator.label} ${src.locator.value}` : ''}
          </>
        ) : q.noteLabel ? (
          ` · cited in note ${q.noteLabel}`
        ) : (
          ' · no source given'
        )}
      </div>
    </li>
  );
}

export function QuotesPage({ params }: { params: URLSearchParams }) {
  const speaker = params.get('speaker') ?? '';
  const cursor = params.get('cursor');
  const list = useApi<{ quotes: Quote[]; total: number; next: string | null }>(`/api/quotes${qs({ speaker, cursor, limit: 50 })}`);
  useReady('quotes', !!list.data);
  return (
    <section>
      <Title>Quotations</Title>
      {speaker && (
        <p>
          Only <strong>{speaker}</strong> · <a href={href('/quotes')}>everyone</a>
        </p>
      )}
      <Status f={list}>
        {(l) => (
          <>
            <p class="muted">{l.total} quotations</p>
            <ol class="quotes">
              {l.quotes.map((q) => (
                <QuoteItem q={q} />
              ))}
            </ol>
            {l.next && <a href={href('/quotes', { speaker, cursor: l.next })}>next</a>}
          </>
        )}
      </Status>
    </section>
  );
}

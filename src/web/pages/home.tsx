/** The documents of the knowledge base and what was read off each. */
import type { DocumentSummary } from '../api';
import { href, Status, Title, useApi, useReady } from '../ui';

export function Home() {
  const docs = useApi<{ documents: DocumentSummary[]; total: number }>('/api/documents?limit=200');
  const stats = useApi<{ documents: number; chars: number; layers: Record<string, number> }>('/api/stats');
  useReady('home', !!docs.data && !!stats.data);
  return (
    <section>
      <Title>Documents</Title>
      <Status f={stats}>
        {(s) => (
          <p class="muted">
            {s.documents} documents, {s.chars.toLocaleString('en')} characters: {s.layers.mentions ?? 0} mentions, {s.layers.notes ?? 0} notes, {s.layers.citations ?? 0} citations,{' '}
            {s.layers.events ?? 0} events, {s.layers.figures ?? 0} figures.
          </p>
        )}
      </Status>
      <Status f={docs}>
        {(d) => (
          <table class="list">
            <thead>
              <tr>
                <th>Document</th>
                <th>Kind</th>
                <th>Year</th>
                <th class="num">Notes</th>
                <th class="num">Citations</th>
                <th class="num">Mentions</th>
                <th class="num">Events</th>
              </tr>
            </thead>
            <tbody>
              {d.documents.map((x) => (
                <tr>
                  <td>
                    <a href={href(`/doc/${encodeURIComponent(x.id)}`)}>{x.title}</a>
                    <div class="muted small">
                      {x.authors.join(', ')} · {x.id}
                    </div>
                  </td>
                  <td>
                    <span class={`kind kind-${x.kind}`}>{x.kind}</span>
                  </td>
                  <td>{x.year ?? ''}</td>
                  <td class="num">{x.counts.notes ?? 0}</td>
                  <td class="num">{x.counts.citations ?? 0}</td>
                  <td class="num">{x.counts.mentions ?? 0}</td>
                  <td class="num">{x.counts.events ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Status>
    </section>
  );
}

/** The contradictions between sources: each side with its value, its passages and their kinds of source, side by side. */
import { useEffect } from 'preact/hooks';
import type { Conflict } from '../api';
import { PassageLink, Status, Title, useApi, useReady } from '../ui';

export function Conflicts({ params }: { params: URLSearchParams }) {
  const id = params.get('id');
  const data = useApi<{ conflicts: Conflict[] }>('/api/conflicts');
  useReady('conflicts', !!data.data);
  useEffect(() => {
    if (data.data && id) document.getElementById(`c-${id}`)?.scrollIntoView({ block: 'start' });
  }, [data.data, id]);
  return (
    <section>
      <Title>Conflicts</Title>
      <p class="muted">Where the sources disagree on a date or a figure. Nothing is merged: every side keeps its passages, and each passage says what kind of source it is.</p>
      <Status f={data}>
        {(d) => (
          <>
            <p>{d.conflicts.length} conflicts</p>
            {d.conflicts.map((c) => (
              <article class={`conflict ${c.id === id ? 'chosen' : ''}`} id={`c-${c.id}`} data-conflict={c.id}>
                <h2>
                  <span class="badge">{c.kind}</span> {c.subject}
                </h2>
                <div class="sides">
                  {c.sides.map((s) => (
                    <div class="side">
                      <div class="value">{s.value}</div>
                      <ul>
                        {s.sources.map((src) => (
                          <li class="source">
                            <span class={`kind kind-${src.kind}`}>{src.kind}</span>{' '}
                            <PassageLink doc={src.document} line={src.line} start={src.start} end={src.end}>
                              {src.document}:{src.line}
                            </PassageLink>
                            <blockquote>{src.text}</blockquote>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
              </article>
            ))}
          </>
        )}
      </Status>
    </section>
  );
}

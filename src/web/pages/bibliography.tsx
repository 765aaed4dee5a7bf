/** The bibliography: the works cited, merged across documents, the archival files with their citations, and export. */
import { useState } from 'preact/hooks';
import { qs, type WorkSummary } from '../api';
import { href, PassageLink, replaceParams, Status, Title, useApi, useReady } from '../ui';

interface ArchiveGroup {
  archive: string | null;
  name: string | null;
  files: { location: string; work: string; citations: number; documents: number; cited: { document: string; note: string | null; line: number; start: number; end: number; list: string | null }[] }[];
}

const workLine = (w: WorkSummary) => (w.type === 'manuscript' ? `${w.archive ?? ''}, ${w.location ?? ''}` : [w.author, w.title, w.issued].filter(Boolean).join('. '));

export function Bibliography({ params }: { params: URLSearchParams }) {
  const q = params.get('q') ?? '';
  const cursor = params.get('cursor');
  const [text, setText] = useState(q);
  const works = useApi<{ works: { work: WorkSummary; documents: string[]; citations: number }[]; total: number; next: string | null }>(`/api/works${qs({ q, cursor, limit: 100 })}`);
  const archives = useApi<{ archives: ArchiveGroup[] }>('/api/archives');
  useReady('bibliography', !!works.data && !!archives.data);
  return (
    <section>
      <Title>Bibliography</Title>
      <p>
        Export every work: <a href="/api/export/csl-json" download="kartoteka.json">CSL-JSON</a> · <a href="/api/export/bibtex" download="kartoteka.bib">BibTeX</a> ·{' '}
        <a href="/api/export/ris" download="kartoteka.ris">RIS</a>
      </p>
      <h2>Archival files</h2>
      <Status f={archives}>
        {(a) => (
          <div class="archives">
            {a.archives.map((g) => (
              <details>
                <summary>
                  <strong>{g.archive ?? '(archive not named)'}</strong> {g.name && <span class="muted">{g.name}</span>} · {g.files.length} files,{' '}
                  {g.files.reduce((n, f) => n + f.citations, 0)} citations
                </summary>
                <table class="list">
                  <tbody>
                    {g.files.map((f) => (
                      <tr>
                        <td>
                          <a href={href(`/work/${encodeURIComponent(f.work)}`)}>{f.location}</a>
                        </td>
                        <td class="num">{f.citations}</td>
                        <td class="small">
                          {f.cited.slice(0, 6).map((c) => (
                            <>
                              <PassageLink doc={c.document} line={c.line} start={c.start} end={c.end}>
                                {c.document}:{c.line}
                                {c.note !== null ? ` n. ${c.note}` : ''}
                                {c.list ? `, l. ${c.list}` : ''}
                              </PassageLink>{' '}
                            </>
                          ))}
                          {f.cited.length > 6 ? '…' : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ))}
          </div>
        )}
      </Status>
      <h2>Works</h2>
      <form
        class="searchform"
        onSubmit={(e) => {
          e.preventDefault();
          replaceParams({ q: text.trim() });
        }}
      >
        <input name="q" aria-label="Author, title, archive" placeholder="author, title, year, archive" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <button type="submit">Find</button>
      </form>
      <Status f={works}>
        {(w) => (
          <>
            <table class="list">
              <thead>
                <tr>
                  <th>Work</th>
                  <th>Type</th>
                  <th class="num">Citations</th>
                  <th>Cited in</th>
                </tr>
              </thead>
              <tbody>
                {w.works.map((x) => (
                  <tr>
                    <td>
                      <a href={href(`/work/${encodeURIComponent(x.work.id)}`)}>{workLine(x.work)}</a>
                    </td>
                    <td class="small">{x.work.type}</td>
                    <td class="num">{x.citations}</td>
                    <td class="small">{x.documents.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="pager muted">
              {w.total} works {w.next && <a href={href('/bibliography', { q, cursor: w.next })}>next</a>}
            </p>
          </>
        )}
      </Status>
    </section>
  );
}

interface WorkAnswer {
  work: Record<string, unknown> & { id: string; type: string };
  summary: WorkSummary;
  documents: string[];
  citations: { document: string; citation: string; note: string | null; line: number; start: number; end: number; raw: string; resolution: string; locator: { label: string; value: string } | null; passage: { start: number; end: number; line: number; text: string } | null }[];
}

export function WorkPage({ id }: { id: string }) {
  const w = useApi<WorkAnswer>(`/api/works/${encodeURIComponent(id)}`);
  useReady('work', !!w.data);
  return (
    <section>
      <Status f={w}>
        {(a) => (
          <>
            <Title>{workLine(a.summary) || a.work.id}</Title>
            <p class="muted">
              {a.work.type} · cited {a.citations.length} times in {a.documents.join(', ')}
            </p>
            <details>
              <summary>CSL-JSON</summary>
              <pre class="csl">{JSON.stringify(a.work, null, 2)}</pre>
            </details>
            <ol class="citations">
              {a.citations.map((c) => (
                <li class="citation">
                  <PassageLink doc={c.document} line={c.line} start={c.start} end={c.end}>
                    {c.document}:{c.line}
                    {c.note !== null ? ` note ${c.note}` : ''}
                  </PassageLink>{' '}
                  <span class={`badge res-${c.resolution}`}>{c.resolution}</span>
                  {c.locator ? ` ${c.locator.label} ${c.locator.value}` : ''}
                  <div>{c.raw}</div>
                  {c.passage && (
                    <blockquote>
                      <PassageLink doc={c.document} line={c.passage.line} start={c.passage.start} end={c.passage.end}>
                        line {c.passage.line}
                      </PassageLink>{' '}
                      {c.passage.text}
                    </blockquote>
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </Status>
    </section>
  );
}

/**
 * The historiographical debate: each interpretation of the purge with who
 * supports, rejects or reports it, the kind of source each view is read from,
 * and every claim one click from its passage.
 */
import { qs, type Claim, type DebatePosition } from '../api';
import { clip, href, PassageLink, Status, Title, useApi, useReady } from '../ui';

const TOPICS: [string, string][] = [
  ['military-purge', 'Why the army was purged'],
  ['mass-operations', 'Why the mass operations'],
];

const EVIDENCE: Record<Claim['evidence'], string> = {
  attribution: 'attributed',
  'note-list': 'listed in a note',
  'own-voice': "the author's own",
};

/** One claim: stance, the passage's words, where it is, how it is known. */
export function ClaimItem({ c, holder = true }: { c: Claim; holder?: boolean }) {
  return (
    <li class={`claim stance-${c.stance}`}>
      <span class={`badge stance-${c.stance}`}>{c.stance}</span>{' '}
      {holder && (c.holder ? <a href={href(`/entity/${encodeURIComponent(c.holder)}`)}>{c.holderName}</a> : <span>{c.holderName}</span>)}
      {!holder && <a href={href('/debate', { topic: c.interpretation })}>{c.interpretation}</a>}{' '}
      <span class={`kind kind-${c.sourceKind}`}>{c.sourceKind}</span> <span class="muted small">({EVIDENCE[c.evidence]}{c.reportedBy && c.reportedBy !== c.holder ? `, reported by ${c.reportedBy}` : ''})</span>
      <div class="small">
        “{clip(c.text, 280)}”{' '}
        <PassageLink doc={c.document} line={c.line} start={c.start} end={c.end}>
          {c.document}:{c.line}
        </PassageLink>
      </div>
    </li>
  );
}

export function DebatePage({ params }: { params: URLSearchParams }) {
  const topic = params.get('topic') ?? 'military-purge';
  const d = useApi<{ interpretations: DebatePosition[] }>(`/api/debate${qs({ topic })}`);
  useReady('debate', !!d.data);
  return (
    <section>
      <Title>The debate</Title>
      <p>
        {TOPICS.map(([id, label]) => (
          <>
            {id === topic ? <strong>{label}</strong> : <a href={href('/debate', { topic: id })}>{label}</a>}
            {' · '}
          </>
        ))}
      </p>
      <Status f={d}>
        {(x) => (
          <div class="debate">
            {x.interpretations.map((i) => (
              <article class="interpretation" id={`i-${i.id}`}>
                <h2>{i.label}</h2>
                <p>{i.statement}</p>
                <p class="muted small">
                  {i.supports} for · {i.rejects} against · {i.reports} reporting
                  {i.opposes.length > 0 && (
                    <>
                      {' · opposed by '}
                      {i.opposes.map((o, k) => (
                        <>
                          {k > 0 && ', '}
                          <a href={href('/debate', { topic: o })}>{o}</a>
                        </>
                      ))}
                    </>
                  )}
                </p>
                {i.holders.length === 0 && <p class="muted">No one in these documents is read as holding or rejecting it.</p>}
                <ul class="holders">
                  {i.holders.map((h) => (
                    <li>
                      <details>
                        <summary>
                          <span class={`badge stance-${h.stances[0]}`}>{h.stances[0]}</span>{' '}
                          {h.holder ? <a href={href(`/entity/${encodeURIComponent(h.holder)}`)}>{h.holderName}</a> : h.holderName}{' '}
                          {h.sourceKinds.map((k) => (
                            <span class={`kind kind-${k}`}>{k}</span>
                          ))}{' '}
                          <span class="muted small">
                            {h.claims.length} passage{h.claims.length === 1 ? '' : 's'} in {h.documents.join(', ')}
                          </span>
                        </summary>
                        <ol class="claims">
                          {h.claims.map((c) => (
                            <ClaimItem c={c} holder={false} />
                          ))}
                        </ol>
                      </details>
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </div>
        )}
      </Status>
    </section>
  );
}

/**
 * The network: people linked by the passages that name them together and the
 * events they share, drawn with sigma. The strip above is the timeline:
 * brushing it limits the network to passages and events of those dates.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { qs, type Network, type TimelineMark } from '../api';
import { href, replaceParams, Status, Title, useApi, useReady } from '../ui';
import { TimelineChart } from './timeline';

function draw(container: HTMLElement, net: Network): Sigma {
  const g = new Graph({ type: 'undirected' });
  const maxDeg = Math.max(1, ...net.nodes.map((n) => n.degree));
  net.nodes.forEach((n, i) => {
    // A deterministic start (a spiral by rank) so that the same answer gives the same picture.
    const a = i * 2.39996;
    const r = Math.sqrt(i + 1);
    g.addNode(n.id, { label: n.label, x: r * Math.cos(a), y: r * Math.sin(a), size: 3 + 12 * Math.sqrt(n.degree / maxDeg), color: '#2e4a7d' });
  });
  const maxW = Math.max(1, ...net.edges.map((e) => e.weight));
  for (const e of net.edges) {
    if (!g.hasEdge(e.source, e.target)) g.addEdge(e.source, e.target, { size: 0.5 + 3 * (e.weight / maxW), color: e.events > 0 ? '#c0392b88' : '#99999966', weight: e.weight });
  }
  if (g.order > 1) forceAtlas2.assign(g, { iterations: 120, settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: g.order > 200 } });
  const s = new Sigma(g, container, { renderEdgeLabels: false, labelRenderedSizeThreshold: 6, defaultEdgeType: 'line' });
  s.on('clickNode', ({ node }) => {
    location.hash = href(`/entity/${encodeURIComponent(node)}`).slice(1);
  });
  return s;
}

export function NetworkPage({ params }: { params: URLSearchParams }) {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const entity = params.get('entity') ?? '';
  const net = useApi<Network>(`/api/network${qs({ from, to, entity, limit: 120 })}`);
  const events = useApi<{ events: TimelineMark[] }>('/api/timeline');
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!net.data || !box.current) return;
    let s: Sigma | null = null;
    try {
      s = draw(box.current, net.data);
      setFailed(null);
    } catch (e) {
      // No WebGL (an old or locked-down browser): the list below still shows who is linked to whom.
      setFailed((e as Error).message);
    }
    return () => s?.kill();
  }, [net.data]);
  useReady('network', !!net.data && !!events.data);
  return (
    <section>
      <Title>Network</Title>
      <p class="muted">
        People named in the same passage, or taking part in the same event (red links). Brush the timeline to see the network of a range of dates; click a person to open their page.
        {entity && (
          <>
            {' '}
            Around <strong>{entity}</strong> · <a href={href('/network', { from, to })}>everyone</a>
          </>
        )}
      </p>
      <Status f={events}>{(e) => <TimelineChart compact events={e.events} range={from && to ? [from, to] : null} onBrush={(r) => replaceParams({ from: r?.[0], to: r?.[1], entity })} />}</Status>
      <p class="range-line">
        {from && to ? (
          <>
            <strong class="range">
              {from} – {to}
            </strong>{' '}
            <button type="button" onClick={() => replaceParams({ entity })}>
              all dates
            </button>
          </>
        ) : (
          'all dates'
        )}
      </p>
      <Status f={net}>
        {(n) => (
          <>
            <p class="muted" data-nodes={n.nodes.length} data-edges={n.edges.length}>
              {n.nodes.length} people, {n.edges.length} links
              {n.cut === 'rows' ? ' (only the most linked people are shown)' : n.cut === 'time' ? ' (cut short: the time budget ran out)' : ''}
            </p>
            {failed && <p class="error">The graph cannot be drawn in this browser ({failed}); the links are listed below.</p>}
            <div ref={box} class="sigma-box" />
            <details>
              <summary>The strongest links, as a list</summary>
              <ol class="links">
                {n.edges.slice(0, 60).map((e) => (
                  <li>
                    <a href={href(`/entity/${encodeURIComponent(e.source)}`)}>{n.nodes.find((x) => x.id === e.source)?.label}</a> —{' '}
                    <a href={href(`/entity/${encodeURIComponent(e.target)}`)}>{n.nodes.find((x) => x.id === e.target)?.label}</a>{' '}
                    <span class="muted small">
                      {e.passages} passages, {e.events} events
                    </span>
                  </li>
                ))}
              </ol>
            </details>
          </>
        )}
      </Status>
    </section>
  );
}

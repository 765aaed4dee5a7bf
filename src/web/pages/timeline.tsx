/**
 * The timeline: every dated event as a mark on its type's lane (vague dates as
 * bars spanning their bounds), disputed dates ringed in red. The wheel zooms,
 * a drag brushes a range, which filters the list below and the network.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { qs, type Event, type TimelineMark } from '../api';
import { EventItem, href, replaceParams, Status, Title, typeColor, useApi, useReady } from '../ui';

const DAY = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDay = (d: number) => new Date(Math.round(d) * DAY).toISOString().slice(0, 10);

const W = 1000;
const LEFT = 110;
const RIGHT = 10;

function ticks(d0: number, d1: number): { at: number; label: string; major: boolean }[] {
  const y0 = new Date(d0 * DAY).getUTCFullYear();
  const y1 = new Date(d1 * DAY).getUTCFullYear();
  const years = y1 - y0;
  const out: { at: number; label: string; major: boolean }[] = [];
  if (years > 3) {
    const step = years > 60 ? 10 : years > 25 ? 5 : years > 10 ? 2 : 1;
    for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) out.push({ at: Date.UTC(y, 0, 1) / DAY, label: String(y), major: true });
  } else {
    for (let y = y0; y <= y1; y++) {
      for (let m = 0; m < 12; m++) {
        const at = Date.UTC(y, m, 1) / DAY;
        if (at < d0 || at > d1) continue;
        out.push({ at, label: m === 0 ? String(y) : years > 1 ? '' : new Date(at * DAY).toLocaleString('en', { month: 'short', timeZone: 'UTC' }), major: m === 0 });
      }
    }
  }
  return out;
}

export interface ChartProps {
  events: TimelineMark[];
  /** The brushed range, ISO days. */
  range: [string, string] | null;
  onBrush: (r: [string, string] | null) => void;
  /** One lane for all types (the compact strip above the network). */
  compact?: boolean;
  hidden?: ReadonlySet<string>;
}

export function TimelineChart({ events, range, onBrush, compact, hidden }: ChartProps) {
  const shown = events.filter((e) => !hidden?.has(e.type));
  const full = useMemo((): [number, number] => {
    if (!events.length) return [toDay('1930-01-01'), toDay('1940-01-01')];
    let a = Infinity;
    let b = -Infinity;
    for (const e of events) {
      a = Math.min(a, toDay(e.date.min));
      b = Math.max(b, toDay(e.date.max));
    }
    const pad = Math.max(30, (b - a) * 0.02);
    return [a - pad, b + pad];
  }, [events]);
  const [domain, setDomain] = useState<[number, number] | null>(null);
  const [d0, d1] = domain ?? full;
  const [drag, setDrag] = useState<[number, number] | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const types = useMemo(() => {
    if (compact) return ['all'];
    const n = new Map<string, number>();
    for (const e of events) n.set(e.type, (n.get(e.type) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  }, [events, compact]);
  const lane = compact ? 22 : 16;
  const H = 26 + types.length * lane;
  const x = (d: number) => LEFT + ((d - d0) / (d1 - d0)) * (W - LEFT - RIGHT);
  const dayAt = (clientX: number) => {
    const r = svg.current!.getBoundingClientRect();
    const px = ((clientX - r.left) / r.width) * W;
    return d0 + ((px - LEFT) / (W - LEFT - RIGHT)) * (d1 - d0);
  };
  const laneOf = (t: string) => (compact ? 0 : types.indexOf(t));
  const brush = drag ?? (range ? [toDay(range[0]), toDay(range[1])] : null);
  return (
    <svg
      ref={svg}
      class={`timeline-chart ${compact ? 'compact' : ''}`}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="timeline of events: drag to choose a range, wheel to zoom, double-click to reset"
      onWheel={(ev) => {
        ev.preventDefault();
        const at = dayAt(ev.clientX);
        const k = ev.deltaY > 0 ? 1.25 : 0.8;
        const a = Math.max(full[0], at - (at - d0) * k);
        const b = Math.min(full[1], at + (d1 - at) * k);
        if (b - a > 5) setDomain([a, b]);
      }}
      onDblClick={() => {
        setDomain(null);
        onBrush(null);
      }}
      onPointerDown={(ev) => {
        if (ev.button !== 0) return;
        (ev.currentTarget as SVGSVGElement).setPointerCapture(ev.pointerId);
        const d = dayAt(ev.clientX);
        setDrag([d, d]);
      }}
      onPointerMove={(ev) => {
        if (!drag) return;
        setDrag([drag[0], dayAt(ev.clientX)]);
      }}
      onPointerUp={() => {
        if (!drag) return;
        const [a, b] = drag[0] < drag[1] ? drag : [drag[1], drag[0]];
        setDrag(null);
        if (Math.abs(x(b) - x(a)) < 4) return;
        onBrush([fromDay(Math.max(a, full[0])), fromDay(Math.min(b, full[1]))]);
      }}
    >
      {ticks(d0, d1).map((t) => (
        <g>
          <line x1={x(t.at)} x2={x(t.at)} y1={0} y2={H - 18} class={t.major ? 'tick major' : 'tick'} />
          {t.label && (
            <text x={x(t.at) + 2} y={H - 6} class="tick-label">
              {t.label}
            </text>
          )}
        </g>
      ))}
      {types.map((t, i) => (
        <text x={4} y={i * lane + lane - 4} class="lane-label" fill={compact ? '#555' : typeColor(t)}>
          {compact ? `${shown.length} events` : t}
        </text>
      ))}
      <clipPath id="plot">
        <rect x={LEFT} y={0} width={W - LEFT - RIGHT} height={H} />
      </clipPath>
      <g clip-path="url(#plot)">
        {shown.map((e) => {
          const a = toDay(e.date.min);
          const b = toDay(e.date.max) + 1;
          const y = laneOf(e.type) * lane + lane / 2;
          const title = `${e.date.edtf} ${e.type}${e.who ? ` — ${e.who}` : ''} (${e.document}:${e.line})`;
          const disputed = e.disputed;
          if (b - a > 40) {
            return (
              <rect x={x(a)} y={y - 2} width={Math.max(2, x(b) - x(a))} height={4} fill={typeColor(e.type)} opacity={0.25} class={disputed ? 'ev disputed' : 'ev'}>
                <title>{title}</title>
              </rect>
            );
          }
          return (
            <circle cx={x((a + b) / 2)} cy={y} r={disputed ? 5 : 3.5} fill={typeColor(e.type)} class={disputed ? 'ev disputed' : 'ev'} data-event={e.id}>
              <title>{disputed ? `DISPUTED — ${title}` : title}</title>
            </circle>
          );
        })}
      </g>
      {brush && <rect class="brush" x={Math.min(x(brush[0]), x(brush[1]))} y={0} width={Math.abs(x(brush[1]) - x(brush[0]))} height={H - 18} />}
    </svg>
  );
}

export function TimelinePage({ params }: { params: URLSearchParams }) {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const marks = useApi<{ events: TimelineMark[]; total: number; cut: string | null }>('/api/timeline');
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useApi<{ events: Event[]; total: number; next: string | null }>(`/api/events${qs({ from, to, cursor, limit: 200 })}`);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  useReady('timeline', !!marks.data && !!list.data);
  const range: [string, string] | null = from && to ? [from, to] : null;
  return (
    <section>
      <Title>Timeline</Title>
      <p class="muted">Drag across the chart to choose a range; the wheel zooms, a double-click resets. Red rings mark dates the sources dispute.</p>
      <Status f={marks}>
        {(a) => {
          const types = [...new Set(a.events.map((e) => e.type))];
          return (
            <>
              <TimelineChart
                events={a.events}
                range={range}
                hidden={hidden}
                onBrush={(r) => {
                  setCursor(null);
                  replaceParams({ from: r?.[0], to: r?.[1] });
                }}
              />
              {a.cut && <p class="muted">Only the first {a.events.length} of {a.total} events are drawn ({a.cut === 'time' ? 'the time budget ran out' : 'too many to draw'}).</p>}
              <p class="legend">
                {types.map((t) => (
                  <label class="legend-item">
                    <input
                      type="checkbox"
                      checked={!hidden.has(t)}
                      onChange={() => {
                        const h = new Set(hidden);
                        if (h.has(t)) h.delete(t);
                        else h.add(t);
                        setHidden(h);
                      }}
                    />
                    <span class="swatch" style={{ background: typeColor(t) }} /> {t}
                  </label>
                ))}
              </p>
            </>
          );
        }}
      </Status>
      <Status f={list}>
        {(l) => {
          const shown = l.events.filter((e) => !hidden.has(e.type));
          return (
            <>
              <p>
                {range ? (
                  <>
                    <strong class="range">
                      {range[0]} – {range[1]}
                    </strong>
                    : {l.total} events ·{' '}
                    <a class="to-network" href={href('/network', { from: range[0], to: range[1] })}>
                      the network of these dates
                    </a>{' '}
                    · <button type="button" onClick={() => replaceParams({})}>clear</button>
                  </>
                ) : (
                  <>{l.total} events</>
                )}
              </p>
              <ol class="events" start={Number(cursor ?? 0) + 1}>
                {shown.map((e) => (
                  <EventItem e={e} />
                ))}
              </ol>
              {l.next && (
                <p>
                  <button type="button" onClick={() => setCursor(l.next)}>
                    the next 200
                  </button>
                </p>
              )}
            </>
          );
        }}
      </Status>
    </section>
  );
}


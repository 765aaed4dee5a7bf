/**
 * The map of places and military districts, drawn offline: country outlines
 * from world-atlas (Natural Earth) projected with d3-geo; places as circles
 * sized by mentions, districts as squares at their headquarters.
 */
import { geoConicEqualArea, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { useState } from 'preact/hooks';
import type { MapData } from '../api';
import { href, Status, Title, useApi, useReady } from '../ui';

const W = 960;
const H = 560;
// Centred on the Soviet Union and Europe, where the texts' places are.
const projection = geoConicEqualArea().parallels([40, 65]).rotate([-45, 0]).center([0, 52]).scale(620).translate([W / 2, H / 2]);
const path = geoPath(projection);
const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
const countries = feature(topo, topo.objects.countries);
const outlines = (countries.type === 'FeatureCollection' ? countries.features : [countries]).map((f) => path(f) ?? '');

export function MapPage() {
  const data = useApi<MapData>('/api/places');
  const [show, setShow] = useState({ places: true, districts: true });
  useReady('map', !!data.data);
  return (
    <section>
      <Title>Map</Title>
      <p class="muted">Places named in the documents (circles, by number of mentions) and the military districts (squares, at their headquarters). Click one to see where it is named.</p>
      <p>
        <label>
          <input type="checkbox" checked={show.places} onChange={() => setShow({ ...show, places: !show.places })} /> places
        </label>{' '}
        <label>
          <input type="checkbox" checked={show.districts} onChange={() => setShow({ ...show, districts: !show.districts })} /> military districts
        </label>
      </p>
      <Status f={data}>
        {(d) => {
          const max = Math.max(1, ...d.places.map((p) => p.mentions));
          return (
            <>
              <svg class="map" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="map of the places and military districts named">
                <rect width={W} height={H} class="sea" />
                {outlines.map((p) => (
                  <path d={p} class="country" />
                ))}
                {show.places &&
                  d.places.map((p) => {
                    const xy = projection([p.lon, p.lat]);
                    if (!xy || xy[0] < 0 || xy[0] > W || xy[1] < 0 || xy[1] > H) return null;
                    return (
                      <a href={href(`/entity/${encodeURIComponent(p.id)}`)} class="place">
                        <circle cx={xy[0]} cy={xy[1]} r={2.5 + 14 * Math.sqrt(p.mentions / max)} class={`place-dot kind-${p.kind}`}>
                          <title>
                            {p.label} ({p.kind}): {p.mentions} mentions in {p.documents} documents
                          </title>
                        </circle>
                        {p.mentions >= max / 12 && (
                          <text x={xy[0] + 5} y={xy[1] - 5} class="place-label">
                            {p.label}
                          </text>
                        )}
                      </a>
                    );
                  })}
                {show.districts &&
                  d.districts.map((m) => {
                    const xy = projection([m.headquarters.lon, m.headquarters.lat]);
                    if (!xy) return null;
                    return (
                      <a href={href(`/entity/${encodeURIComponent(m.id)}`)} class="district">
                        <rect x={xy[0] - 5} y={xy[1] - 5} width={10} height={10} class="district-mark">
                          <title>
                            {m.label}, headquarters {m.headquarters.label}: {m.mentions} mentions
                          </title>
                        </rect>
                      </a>
                    );
                  })}
              </svg>
              <div class="columns">
                <div>
                  <h2>Places ({d.places.length})</h2>
                  <ol class="compact">
                    {d.places.map((p) => (
                      <li>
                        <a href={href(`/entity/${encodeURIComponent(p.id)}`)}>{p.label}</a> <span class="muted small">{p.mentions}</span>
                      </li>
                    ))}
                  </ol>
                </div>
                <div>
                  <h2>Military districts ({d.districts.length})</h2>
                  <ol class="compact">
                    {d.districts.map((m) => (
                      <li>
                        <a href={href(`/entity/${encodeURIComponent(m.id)}`)}>{m.label}</a> <span class="muted small">({m.headquarters.label}) {m.mentions}</span>
                      </li>
                    ))}
                  </ol>
                </div>
              </div>
            </>
          );
        }}
      </Status>
    </section>
  );
}

/** The web app: one page per question a historian asks, routed by the URL's hash. */
import { render } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { useState } from 'preact/hooks';
import './style.css';
import { href, useRoute } from './ui';
import { Home } from './pages/home';
import { Search } from './pages/search';
import { Reader } from './pages/reader';
import { EntityPage, EntityList } from './pages/entity';
import { TimelinePage } from './pages/timeline';
import { Conflicts } from './pages/conflicts';
import { QuotesPage } from './pages/quotes';
import { DebatePage } from './pages/debate';
import { Bibliography, WorkPage } from './pages/bibliography';

// The network (sigma, WebGL) and the map (the world's outlines) are loaded only when opened.
const NetworkPage = lazy(() => import('./pages/network').then((m) => ({ default: m.NetworkPage })));
const MapPage = lazy(() => import('./pages/map').then((m) => ({ default: m.MapPage })));

const NAV: [string, string][] = [
  ['/', 'Documents'],
  ['/search', 'Search'],
  ['/entities', 'People'],
  ['/timeline', 'Timeline'],
  ['/network', 'Network'],
  ['/map', 'Map'],
  ['/quotes', 'Quotations'],
  ['/debate', 'Debate'],
  ['/conflicts', 'Conflicts'],
  ['/bibliography', 'Bibliography'],
];

function Header({ path }: { path: string }) {
  const [q, setQ] = useState('');
  return (
    <header>
      <a class="brand" href="#/">
        Kartoteka
      </a>
      <nav>
        {NAV.map(([p, label]) => (
          <a href={`#${p}`} class={path === p || (p !== '/' && path.startsWith(p)) ? 'active' : ''}>
            {label}
          </a>
        ))}
      </nav>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim()) location.hash = href('/search', { q: q.trim() }).slice(1);
        }}
      >
        <input type="search" name="q" placeholder="Search the sources" aria-label="Search the sources" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </form>
    </header>
  );
}

function Page() {
  const route = useRoute();
  const [, first, rest] = /^\/([^/]*)\/?(.*)$/.exec(route.path) ?? [];
  const id = rest ? decodeURIComponent(rest) : '';
  const p = route.params;
  let page;
  switch (first) {
    case '':
      page = <Home />;
      break;
    case 'search':
      page = <Search params={p} />;
      break;
    case 'doc':
      page = <Reader id={id} params={p} />;
      break;
    case 'entities':
      page = <EntityList params={p} />;
      break;
    case 'entity':
      page = <EntityPage id={id} />;
      break;
    case 'timeline':
      page = <TimelinePage params={p} />;
      break;
    case 'network':
      page = <NetworkPage params={p} />;
      break;
    case 'map':
      page = <MapPage />;
      break;
    case 'quotes':
      page = <QuotesPage params={p} />;
      break;
    case 'debate':
      page = <DebatePage params={p} />;
      break;
    case 'conflicts':
      page = <Conflicts params={p} />;
      break;
    case 'bibliography':
      page = <Bibliography params={p} />;
      break;
    case 'work':
      page = <WorkPage id={id} />;
      break;
    default:
      page = <p class="error">There is no page {route.path}.</p>;
  }
  return (
    <>
      <Header path={route.path} />
      <main>
        <Suspense fallback={<p class="muted">Loading…</p>}>{page}</Suspense>
      </main>
    </>
  );
}

render(<Page />, document.getElementById('app')!);

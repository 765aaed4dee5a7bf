/** The API's answers as the pages use them, and one way to ask for them. */

export interface Span {
  start: number;
  end: number;
  line: number;
}

export interface DocumentSummary {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  kind: string;
  chars: number;
  counts: Record<string, number>;
}

export interface EdtfDate {
  text: string;
  edtf: string;
  min: string;
  max: string;
  precision: string;
}

export interface Event {
  id: string;
  type: string;
  date: EdtfDate;
  participants: { entity: string; role: string }[];
  place: string | null;
  text: string;
  start: number;
  end: number;
  line: number;
  document: string;
  assertedBy?: string | null;
  conflicts: string[];
}

/** An event as the timeline draws it (the events route has its sentence). */
export interface TimelineMark {
  id: string;
  type: string;
  date: { edtf: string; min: string; max: string; precision: string };
  who: string | null;
  document: string;
  line: number;
  start: number;
  end: number;
  disputed: boolean;
}

export interface Entity {
  id: string;
  type: 'person' | 'organization' | 'place';
  label: string;
  variants: string[];
  mentions: number;
}

export interface SearchHit {
  document: string;
  start: number;
  end: number;
  line: number;
  snippet: string;
  score: number;
  in: 'body' | 'note';
  note?: string;
  snippetHighlights: { start: number; end: number }[];
}

export interface Facet {
  id: string;
  count: number;
  label?: string;
  type?: string;
}

export interface SearchAnswer {
  hits: SearchHit[];
  total: number;
  next: string | null;
  cut: 'rows' | null;
  facets: { documents: Facet[]; kinds: Facet[]; sourceKinds: Facet[]; entities: Facet[] };
}

export interface TextWindow {
  document: string;
  from: number;
  to: number;
  lines: number;
  start: number;
  end: number;
  text: string;
  mentions: { entity: string; type: string | null; label: string; surface: string; start: number; end: number; line: number }[];
  markers: { label: string; note: string | null; start: number; end: number; line: number }[];
  notes: { id: string; label: string; start: number; end: number; line: number }[];
  events: { id: string; type: string; date: string; start: number; end: number; line: number }[];
  dates: { edtf: string; text: string; start: number; end: number; line: number }[];
  sections: { title: string; level: number; line: number }[];
}

export interface WorkSummary {
  id: string;
  type: string;
  title: string | null;
  author: string | null;
  issued: string | null;
  archive: string | null;
  location: string | null;
}

export interface NoteView {
  document: string;
  id: string;
  label: string;
  text: string;
  spans: Span[];
  markers: Span[];
  citations: { id: string; raw: string; start: number; end: number; line: number; signal: string | null; resolution: string; locator: { label: string; value: string } | null; work: WorkSummary | null }[];
}

export interface Quote {
  id: string;
  text: string;
  speaker: string | null;
  speakerName: string | null;
  turn: string | null;
  quotedBy?: string | null;
  quotedByName?: string | null;
  noteLabel?: string | null;
  source: { start: number; end: number; line: number; raw: string; author: string | null; title: string | null; year: string | null; locator: { label: string; value: string } | null; kind?: string } | null;
  start: number;
  end: number;
  line: number;
  document: string;
}

export interface Claim {
  id: string;
  interpretation: string;
  stance: 'supports' | 'rejects' | 'reports';
  holder: string | null;
  holderName: string;
  reportedBy: string | null;
  evidence: 'attribution' | 'note-list' | 'own-voice';
  note: string | null;
  quote: string | null;
  cue: string;
  sourceKind: string;
  text: string;
  start: number;
  end: number;
  line: number;
  in: 'body' | 'note';
  document: string;
}

export interface DebatePosition {
  id: string;
  label: string;
  statement: string;
  topic: string;
  opposes: string[];
  supports: number;
  rejects: number;
  reports: number;
  holders: { holder: string | null; holderName: string; stances: string[]; documents: string[]; sourceKinds: string[]; claims: Claim[] }[];
}

export interface Card {
  entity: { id: string; type: string; label: string; variants: string[]; descriptor?: string; born?: string; died?: string; rank?: string; posts?: { post: string; org?: string; from?: string; to?: string }[]; cyrillic?: Record<string, string> };
  mentions: number;
  documents: { id: string; title: string; mentions: number; first: Span & { surface: string } }[];
  events: Event[];
  quotes: Quote[];
  claims: Claim[];
  together: { id: string; label: string; passages: number }[];
}

export interface ConflictSource {
  document: string;
  kind: string;
  start: number;
  end: number;
  line: number;
  text: string;
}

export interface Conflict {
  id: string;
  kind: string;
  subject: string;
  about: Record<string, string | null>;
  sides: { value: string; sources: ConflictSource[] }[];
}

export interface Network {
  nodes: { id: string; label: string; mentions: number; degree: number }[];
  edges: { source: string; target: string; weight: number; passages: number; events: number }[];
  cut: 'rows' | 'time' | null;
}

export interface MapData {
  places: { id: string; label: string; kind: string; lat: number; lon: number; mentions: number; documents: number }[];
  districts: { id: string; label: string; headquarters: { id: string; label: string; lat: number; lon: number }; mentions: number; documents: number }[];
}

/** An error answer of the API, carried to the page that shows it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A query string from the given parameters, leaving out the empty ones. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

const cache = new Map<string, Promise<unknown>>();

/** GETs an API path; answers are cached for the page's life (the API is read-only). */
export function get<T>(path: string): Promise<T> {
  let p = cache.get(path);
  if (!p) {
    p = fetch(path, { headers: { accept: 'application/json' } }).then(async (r) => {
      const body = (await r.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      if (!r.ok) throw new ApiError(r.status, body?.error?.code ?? 'E_HTTP', body?.error?.message ?? `${r.status} ${r.statusText}`);
      return body;
    });
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T>;
}

/** The first and last day an EDTF-like filter bound means, for comparisons with ISO days. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

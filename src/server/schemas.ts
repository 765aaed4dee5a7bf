/**
 * The JSON Schemas of the API: what each route accepts (fastify validates
 * queries and parameters with them) and what it answers (the OpenAPI document
 * publishes them, and the tests validate every answer against them).
 */
export type Schema = Record<string, unknown>;

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({ type: 'object', properties, required });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const span = obj({ start: int, end: int, line: int });

/** Shared shapes, published under components/schemas. */
export const COMPONENTS: Record<string, Schema> = {
  Error: obj({ error: obj({ code: str, message: str }) }),
  Span: span,
  Document: obj(
    {
      id: str,
      path: str,
      title: str,
      authors: arr(str),
      year: nullable(int),
      kind: str,
      sourceKind: str,
      sha256: str,
      chars: int,
      counts: { type: 'object', additionalProperties: int },
      ingestedAt: str,
    },
    ['id', 'title', 'authors', 'year', 'kind', 'chars', 'counts'],
  ),
  SearchHit: obj(
    { document: str, start: int, end: int, line: int, snippet: str, score: { type: 'number' }, in: { enum: ['body', 'note'] }, passage: { type: 'object' }, snippetHighlights: arr(obj({ start: int, end: int })) },
    ['document', 'start', 'end', 'line', 'snippet', 'score'],
  ),
  Entity: obj({ id: str, type: { enum: ['person', 'organization', 'place'] }, label: str, variants: arr(str), mentions: int }),
  EdtfDate: obj({ text: str, edtf: str, min: str, max: str, precision: str }),
  Event: obj(
    {
      id: str,
      type: str,
      date: ref('EdtfDate'),
      participants: arr(obj({ entity: str, role: str })),
      place: nullable(str),
      text: str,
      start: int,
      end: int,
      line: int,
      document: str,
      conflicts: arr(str),
    },
    ['id', 'type', 'date', 'participants', 'text', 'start', 'end', 'line', 'document'],
  ),
  Figure: obj({ id: str, value: { type: 'number' }, max: nullable({ type: 'number' }), approx: { type: 'boolean' }, measure: str, text: str, start: int, end: int, line: int, document: str }),
  ConflictSource: obj({ document: str, kind: str, sourceKind: str, start: int, end: int, line: int, text: str }),
  Conflict: obj({
    id: str,
    kind: { enum: ['date', 'figure', 'attribute', 'claim'] },
    subject: str,
    about: { type: 'object' },
    sides: arr(obj({ value: str, sources: arr(ref('ConflictSource')) })),
  }),
  Quote: obj(
    {
      id: str,
      text: str,
      speaker: nullable(str),
      speakerName: nullable(str),
      turn: nullable(str),
      quotedBy: nullable(str),
      quotedByName: nullable(str),
      citation: nullable(str),
      note: nullable(str),
      noteLabel: nullable(str),
      source: nullable(obj({ start: int, end: int, line: int, raw: str, author: nullable(str), title: nullable(str), year: nullable(str), locator: {}, kind: str }, ['start', 'end', 'line', 'raw', 'author', 'title', 'year', 'locator'])),
      insertions: arr(obj({ start: int, end: int })),
      start: int,
      end: int,
      line: int,
      document: str,
    },
    ['id', 'text', 'speaker', 'citation', 'source', 'start', 'end', 'line', 'document'],
  ),
  Claim: obj(
    {
      id: str,
      interpretation: str,
      stance: { enum: ['supports', 'rejects', 'reports'] },
      holder: nullable(str),
      holderName: str,
      reportedBy: nullable(str),
      evidence: { enum: ['attribution', 'note-list', 'own-voice'] },
      note: nullable(str),
      quote: nullable(str),
      cue: str,
      sourceKind: str,
      text: str,
      spans: arr(span),
      start: int,
      end: int,
      line: int,
      in: { enum: ['body', 'note'] },
      document: str,
    },
    ['id', 'interpretation', 'stance', 'holder', 'holderName', 'reportedBy', 'evidence', 'sourceKind', 'text', 'start', 'end', 'line', 'document'],
  ),
  WorkSummary: obj({ id: str, type: str, title: nullable(str), author: nullable(str), issued: nullable(str), archive: nullable(str), location: nullable(str) }),
};

/** The query parameters of a paged list. */
export const PAGE: Record<string, Schema> = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50, description: 'items per page (at most 200)' },
  cursor: { type: 'string', pattern: '^[0-9]{1,9}$', description: 'the `next` of the previous page' },
};

const DATE = { type: 'string', pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$', description: 'a year, month or day: 1937, 1937-05, 1937-05-22' };
const ID = { type: 'string', minLength: 1, maxLength: 200 };

/** The answer of a paged list whose items are under `key`. */
export const page = (key: string, item: Schema, extra: Record<string, Schema> = {}): Schema =>
  obj({ [key]: arr(item), total: int, next: nullable(str), ...extra }, [key, 'total', 'next', ...Object.keys(extra)]);

export const Q = {
  search: {
    q: { type: 'string', minLength: 1, maxLength: 500, description: 'words, "a phrase", prefix*, -excluded, a OR b' },
    document: ID,
    kind: { type: 'string', maxLength: 40 },
    sourceKind: { type: 'string', maxLength: 40, description: 'monograph, article, thesis, memoir, press, document-collection, archival-file, speech, partisan-compilation, encyclopedia, other' },
    entity: ID,
    from: DATE,
    to: DATE,
    ...PAGE,
  },
  documents: { kind: { type: 'string', maxLength: 40 }, ...PAGE },
  window: {
    from: { type: 'integer', minimum: 1, default: 1, description: 'first line' },
    count: { type: 'integer', minimum: 1, maximum: 2000, default: 300, description: 'lines (at most 2000)' },
  },
  entities: {
    q: { type: 'string', maxLength: 200 },
    type: { enum: ['person', 'organization', 'place'] },
    ...PAGE,
  },
  mentions: { document: ID, ...PAGE },
  events: {
    from: DATE,
    to: DATE,
    entity: ID,
    type: { type: 'string', maxLength: 40 },
    document: ID,
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'events per page (at most 500; /api/timeline gives them all for drawing)' },
    cursor: PAGE.cursor!,
  },
  timeline: { from: DATE, to: DATE, entity: ID, type: { type: 'string', maxLength: 40 } },
  figures: { measure: { type: 'string', maxLength: 80 }, document: ID, ...PAGE },
  network: {
    from: DATE,
    to: DATE,
    entity: ID,
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 150, description: 'most people (at most 500)' },
  },
  works: {
    q: { type: 'string', maxLength: 200 },
    archive: { type: 'string', maxLength: 200 },
    document: ID,
    ...PAGE,
  },
  archives: { archive: { type: 'string', maxLength: 200 }, document: ID },
  exportQ: { document: ID },
  quotes: { speaker: ID, document: ID, ...PAGE },
  claims: {
    interpretation: ID,
    holder: ID,
    stance: { enum: ['supports', 'rejects', 'reports'] },
    topic: { enum: ['military-purge', 'mass-operations'] },
    document: ID,
    ...PAGE,
  },
  debate: { topic: ID },
  citations: { work: ID, resolution: { enum: ['full', 'ibid', 'short', 'unresolved'] }, ...PAGE },
} satisfies Record<string, Record<string, Schema>>;

export { obj, arr, ref, str, int, nullable, span, ID };

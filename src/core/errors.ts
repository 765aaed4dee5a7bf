/**
 * The one error catalogue. Every failure a user can cause has a code here, a
 * message that says what happened and what to do, and is printed by the CLI
 * as one line naming the file (and line, where it helps). docs/errors.md lists
 * the same codes; test/errors.test.ts keeps the two in agreement.
 */
export const ERRORS = {
  E_NOT_FOUND: 'no such file or directory',
  E_UNREADABLE: 'cannot read the file (permission denied or I/O error)',
  E_EMPTY: 'the file is empty: there is no text to read',
  E_BINARY: 'the file is binary, not text',
  E_ENCODING: 'the text is not UTF-8, Windows-1251 or Latin-1: re-save it as UTF-8',
  E_TOO_LARGE: 'the file is larger than the size limit (raise it with --max-size)',
  E_MANIFEST: 'the corpus manifest (corpus.json) is not valid',
  E_DB: 'the database cannot be opened or is not a Kartoteka database',
  E_NO_DOCUMENT: 'no such document in the knowledge base',
  E_QUERY: 'the search query is not valid',
  E_USAGE: 'the command was called wrongly',
  E_NO_ENTITY: 'no entity of that name in the authority file, or several',
  E_INTERNAL: 'the server failed to answer; its log says why',
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** A failure caused by input or usage: shown to the user as one line, exit code non-zero. */
export class KartotekaError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The file at fault, as the user named it. */
    readonly file?: string,
    /** What exactly was wrong; defaults to the catalogue's message. */
    detail?: string,
    /** 1-based line at fault, where it helps. */
    readonly line?: number,
  ) {
    super(detail ?? ERRORS[code]);
    this.name = 'KartotekaError';
  }

  /** `file:line: message [CODE]`, the one-line form the CLI prints. */
  oneLine(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message.replace(/\s+/g, ' ')} [${this.code}]`;
  }
}

/**
 * A positioned problem in the content that does not stop the pipeline (a
 * note whose marker is missing, a citation that did not parse). Rule ids read
 * `stage:what`, e.g. `notes:marker-missing`.
 */
export interface Diagnostic {
  rule: string;
  severity: 'warning' | 'info';
  message: string;
  start?: number;
  end?: number;
  line?: number;
}

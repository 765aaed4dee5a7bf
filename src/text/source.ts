/**
 * Reading a source file into its ORIGINAL text (see core/positions.ts): the
 * bytes decoded, a byte-order mark dropped, nothing else changed (CRLF and
 * lone CR line ends stay as they are, so offsets stay true to the file).
 *
 * Accepted: UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, and, when
 * the bytes are not valid UTF-8, Windows-1251 (Cyrillic) or Latin-1 (decoded
 * as Windows-1252, its superset), chosen by scoring how the high bytes sit in
 * words. Everything else is refused with a KartotekaError naming the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { KartotekaError } from '../core/errors.js';

/** A decoded source file. */
export interface Source {
  /** The path as the caller named it. */
  path: string;
  /** The original text: decoded, BOM dropped, line ends untouched. */
  text: string;
  /** The encoding the bytes were decoded from. */
  encoding: SourceEncoding;
  /** SHA-256 of the raw bytes, lower-case hex. */
  sha256: string;
  /** Size of the file in bytes. */
  bytes: number;
}

export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'latin-1';

/** Default size limit of readSource: 100 MB (MiB). */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/** Share of C0 control characters (other than \t \n \r \f) above which a text counts as binary. */
const MAX_CONTROL_SHARE = 0.1;

/**
 * Reads and decodes a text file (synchronously). The size is checked with
 * stat before anything is read.
 * @throws KartotekaError E_NOT_FOUND, E_USAGE (a directory or other non-file),
 *   E_UNREADABLE, E_TOO_LARGE, E_EMPTY, E_BINARY, E_ENCODING.
 */
export function readSource(path: string, opts: { maxBytes?: number } = {}): Source {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw fsError(e, path);
  }
  if (st.isDirectory()) {
    throw new KartotekaError('E_USAGE', path, 'is a directory, not a text file: name a file inside it');
  }
  if (!st.isFile()) {
    throw new KartotekaError('E_USAGE', path, 'is not a regular file (a device, pipe or socket): name a text file');
  }
  if (st.size > maxBytes) throw tooLarge(path, st.size, maxBytes);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw fsError(e, path);
  }
  // The file may have grown between stat and read.
  if (buf.length > maxBytes) throw tooLarge(path, buf.length, maxBytes);
  const decoded = decodeBytes(buf, path);
  return {
    path,
    ...decoded,
    sha256: createHash('sha256').update(buf).digest('hex'),
    bytes: buf.length,
  };
}

function tooLarge(path: string, size: number, max: number): KartotekaError {
  return new KartotekaError(
    'E_TOO_LARGE',
    path,
    `the file is ${size} bytes (${human(size)}), over the size limit of ${max} bytes (${human(max)}): raise the limit with --max-size`,
  );
}

function human(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${+(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  return `${+(n / 1024 ** 3).toFixed(1)} GB`;
}

function fsError(e: unknown, path: string): KartotekaError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new KartotekaError('E_NOT_FOUND', path, 'no such file (check the path and its spelling)');
  }
  if (code === 'EISDIR') {
    return new KartotekaError('E_USAGE', path, 'is a directory, not a text file: name a file inside it');
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new KartotekaError('E_UNREADABLE', path, 'cannot read the file: permission denied (check its permissions)');
  }
  const why = e instanceof Error ? e.message : String(e);
  return new KartotekaError('E_UNREADABLE', path, `cannot read the file (${code ?? 'I/O error'}): ${why}`);
}

// ---------------------------------------------------------------------------
// Decoding

/** Magic numbers of common binary formats, with how to name them to the user. */
const MAGIC: { bytes: number[]; kind: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'a PNG image' },
  { bytes: [...Buffer.from('%PDF-')], kind: 'a PDF: extract its text first' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (or a DOCX/ODT/EPUB document: save it as plain text first)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'a ZIP archive (empty)' },
  { bytes: [0x1f, 0x8b], kind: 'a GZIP archive: unpack it first' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [...Buffer.from('GIF87a')], kind: 'a GIF image' },
  { bytes: [...Buffer.from('GIF89a')], kind: 'a GIF image' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'an ELF executable' },
  { bytes: [...Buffer.from('SQLite format 3\0')], kind: 'an SQLite database' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], kind: 'a Microsoft Office document (.doc/.xls): save it as plain text first' },
];

function magicKind(buf: Buffer): string | null {
  for (const m of MAGIC) {
    if (buf.length >= m.bytes.length && m.bytes.every((b, i) => buf[i] === b)) return m.kind;
  }
  return null;
}

/**
 * Decodes the bytes of a text file (see the module comment for what is
 * accepted). `path` only names the file in errors.
 * @throws KartotekaError E_EMPTY, E_BINARY, E_ENCODING.
 */
export function decodeBytes(buf: Buffer, path: string): Omit<Source, 'path' | 'sha256' | 'bytes'> {
  if (buf.length === 0) throw new KartotekaError('E_EMPTY', path, 'the file is empty (0 bytes): there is no text to read');

  const kind = magicKind(buf);
  if (kind) throw new KartotekaError('E_BINARY', path, `the file is binary, not text: it is ${kind}`);

  let encoding: SourceEncoding;
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0 && buf.length >= 4) {
    throw new KartotekaError('E_ENCODING', path, 'the file is UTF-32, which is not supported: re-save it as UTF-8', 1);
  } else if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    encoding = buf[0] === 0xff ? 'utf-16le' : 'utf-16be';
    text = decodeUtf16(buf, encoding, path);
  } else {
    const nul = buf.indexOf(0);
    if (nul >= 0) throw nulError(buf, nul, path);
    const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    encoding = bom ? 'utf-8-bom' : 'utf-8';
    const bad = firstInvalidUtf8(buf, bom ? 3 : 0);
    if (bad < 0) {
      // TextDecoder drops a leading BOM (ignoreBOM defaults to false).
      text = new TextDecoder('utf-8').decode(buf);
    } else if (bom) {
      throw encodingError(buf, bad, path, 'the file starts with a UTF-8 byte-order mark but is not valid UTF-8');
    } else {
      const guess = guessLegacy(buf);
      if (!guess) {
        throw encodingError(buf, bad, path, 'the file is not valid UTF-8, and it does not read as Windows-1251 (Cyrillic) or Latin-1 text either');
      }
      encoding = guess;
      text = guess === 'latin-1' ? decodeWindows1252(buf) : new TextDecoder('windows-1251').decode(buf);
    }
  }

  if (text.length === 0) throw new KartotekaError('E_EMPTY', path, 'the file holds only a byte-order mark: there is no text to read');
  if (/^\s*$/.test(text)) throw new KartotekaError('E_EMPTY', path, 'the file holds only white space: there is no text to read');

  const controls = countControls(text);
  if (controls > MAX_CONTROL_SHARE * text.length) {
    const pct = Math.round((100 * controls) / text.length);
    throw new KartotekaError('E_BINARY', path, `the file is binary, not text: ${pct}% of its characters are control characters`);
  }
  return { text, encoding };
}

/**
 * Windows-1252 as WHATWG defines it ("latin1" is its label). Node's
 * TextDecoder('windows-1252') decodes as plain ISO-8859-1 (0x85 stays U+0085,
 * not "…"), so the 0x80-0x9F row is mapped here; the five undefined bytes
 * keep their C1 code points, as WHATWG has it.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(buf: Buffer): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < buf.length; start += CHUNK) {
    const end = Math.min(buf.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** C0 control characters other than \t \n \f \r (NUL included). */
function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) n++;
  }
  return n;
}

function decodeUtf16(buf: Buffer, encoding: 'utf-16le' | 'utf-16be', path: string): string {
  if (buf.length % 2 !== 0) {
    throw new KartotekaError('E_ENCODING', path, `the file starts with a UTF-16 byte-order mark but has an odd number of bytes (${buf.length}): it is truncated or not UTF-16`);
  }
  const text = new TextDecoder(encoding).decode(buf);
  // Look for an unpaired surrogate (the lenient decoder made it U+FFFD; find it in the raw units).
  const le = encoding === 'utf-16le';
  const units = (buf.length - 2) / 2;
  for (let i = 0; i < units; i++) {
    const u = le ? buf.readUInt16LE(2 + 2 * i) : buf.readUInt16BE(2 + 2 * i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? (le ? buf.readUInt16LE(4 + 2 * i) : buf.readUInt16BE(4 + 2 * i)) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    } else if (!(u >= 0xdc00 && u <= 0xdfff)) continue;
    const line = lineAt(text, i);
    throw new KartotekaError('E_ENCODING', path, `the file is not valid ${encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'}: an unpaired surrogate at byte offset ${2 + 2 * i} (line ${line}): re-save it as UTF-8`, line);
  }
  return text;
}

/** 1-based line of string offset `pos`, counting \n, \r\n and lone \r as core/positions.ts does. */
function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < pos) i++;
      line++;
    }
  }
  return line;
}

/** 1-based line of byte offset `pos`, for bytes that are ASCII-compatible up to `pos`. */
function lineAtByte(buf: Buffer, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) {
    const c = buf[i];
    if (c === 10) line++;
    else if (c === 13) {
      if (buf[i + 1] === 10 && i + 1 < pos) i++;
      line++;
    }
  }
  return line;
}

function encodingError(buf: Buffer, offset: number, path: string, what: string): KartotekaError {
  const line = lineAtByte(buf, offset);
  const hex = buf[offset]!.toString(16).toUpperCase().padStart(2, '0');
  return new KartotekaError(
    'E_ENCODING',
    path,
    `${what}: the first invalid UTF-8 sequence is byte 0x${hex} at byte offset ${offset} (line ${line}); re-save the file as UTF-8`,
    line,
  );
}

function nulError(buf: Buffer, offset: number, path: string): KartotekaError {
  // Many NULs at alternate positions: UTF-16 text that lost (or never had) its BOM.
  let even = 0;
  let odd = 0;
  const n = Math.min(buf.length, 4096);
  for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const utf16 = Math.max(even, odd) > n / 4 && Math.min(even, odd) < n / 50;
  const hint = utf16
    ? ' (it looks like UTF-16 without a byte-order mark: re-save it as UTF-8)'
    : '';
  return new KartotekaError('E_BINARY', path, `the file is binary, not text: it holds a NUL byte at byte offset ${offset}${hint}`, utf16 ? undefined : lineAtByte(buf, offset));
}

/**
 * Byte offset of the first byte that does not begin (or continue) a valid
 * UTF-8 sequence, from `from`; -1 when the rest is valid. Rejects overlong
 * forms, surrogates and code points above U+10FFFF, as TextDecoder does.
 */
function firstInvalidUtf8(buf: Buffer, from: number): number {
  const n = buf.length;
  let i = from;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Windows-1251 or Latin-1?

/** A legacy guess must explain at least this share of the high bytes. */
const MIN_LEGACY_SCORE = 0.85;

const isAsciiLetter = (b: number): boolean => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

// Windows-1251: А-я (C0-FF), Ёё, and the Ukrainian/Belarusian Ґґ Єє Її Іі Ўў.
const CP1251_UPPER_EXTRA = new Set([0xa8, 0xa5, 0xaa, 0xaf, 0xb2, 0xa1]);
const CP1251_LOWER_EXTRA = new Set([0xb8, 0xb4, 0xba, 0xbf, 0xb3, 0xa2]);
const isCyr = (b: number): boolean => b >= 0xc0 || CP1251_UPPER_EXTRA.has(b) || CP1251_LOWER_EXTRA.has(b);
const isCyrUpper = (b: number): boolean => (b >= 0xc0 && b <= 0xdf) || CP1251_UPPER_EXTRA.has(b);
/** Punctuation of Windows-1251 that a Cyrillic text plausibly holds: „ … – — ‘ ’ “ ” • « » № § ° nbsp © ® ± · etc. */
const CP1251_PUNCT = new Set([
  0x82, 0x84, 0x85, 0x86, 0x87, 0x89, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9b,
  0xa0, 0xa4, 0xa6, 0xa7, 0xa9, 0xab, 0xac, 0xad, 0xae, 0xb0, 0xb1, 0xb5, 0xb6, 0xb7, 0xb9, 0xbb,
]);
/** The ten commonest Russian letters (о е а и н т с р в л) as lower-case Windows-1251 bytes; ~2/3 of running Russian text. */
const RUSSIAN_TOP = new Set([0xee, 0xe5, 0xe0, 0xe8, 0xed, 0xf2, 0xf1, 0xf0, 0xe2, 0xeb]);

// Windows-1252: letters in C0-FF but × ÷, plus Š Œ Ž š œ ž Ÿ.
const isLat = (b: number): boolean =>
  (b >= 0xc0 && b !== 0xd7 && b !== 0xf7) || b === 0x8a || b === 0x8c || b === 0x8e || b === 0x9a || b === 0x9c || b === 0x9e || b === 0x9f;
const isLatUpper = (b: number): boolean => (b >= 0xc0 && b <= 0xde) || b === 0x8a || b === 0x8c || b === 0x8e || b === 0x9f;
/** Defined non-letters of Windows-1252 above 0x7F: € ‚ „ … † ‡ ‰ ‹ ‘ ’ “ ” • – — ™ ›, and all of A0-BF. */
const isLatPunct = (b: number): boolean =>
  (b >= 0xa0 && b <= 0xbf) || b === 0xd7 || b === 0xf7 || [0x80, 0x82, 0x84, 0x85, 0x86, 0x87, 0x89, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9b].includes(b);

/**
 * Decides whether bytes that are not UTF-8 read as Windows-1251 or Latin-1,
 * or neither. Both readings are scored as the share of high bytes (>= 0x80)
 * they explain:
 * - Windows-1251: Cyrillic letters in words of Cyrillic letters only (not
 *   glued to Latin letters), without lower→upper case flips inside a word,
 *   plus common punctuation; a long enough text must also show Russian
 *   letter frequencies.
 * - Latin-1: accented letters inside Latin words (at most two in a row, no
 *   case flips), plus defined punctuation; accented letters must be a
 *   minority of all letters.
 * Random bytes, C1 controls and many control characters fit neither.
 */
function guessLegacy(buf: Buffer): 'windows-1251' | 'latin-1' | null {
  let high = 0;
  let controls = 0;
  for (const b of buf) {
    if (b >= 0x80) high++;
    else if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) controls++;
  }
  if (high === 0 || controls > MAX_CONTROL_SHARE * buf.length) return null;
  const s1251 = scoreCp1251(buf) / high;
  const s1252 = scoreLatin(buf) / high;
  const best = Math.max(s1251, s1252);
  if (best < MIN_LEGACY_SCORE) return null;
  // Ties (high bytes that are only punctuation both share) go to Latin-1.
  return s1251 > s1252 ? 'windows-1251' : 'latin-1';
}

/** Number of high bytes the Windows-1251 reading explains. */
function scoreCp1251(buf: Buffer): number {
  let good = 0;
  let cyrTotal = 0;
  let top = 0;
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (!(isCyr(b) || isAsciiLetter(b))) {
      if (CP1251_PUNCT.has(b)) good++;
      i++;
      continue;
    }
    // A word: a run of letters of either script.
    let j = i;
    let cyr = 0;
    let ascii = 0;
    let flips = 0;
    let prevLower = false;
    for (; j < n; j++) {
      const c = buf[j]!;
      if (isCyr(c)) {
        cyr++;
        const upper = isCyrUpper(c);
        if (upper && prevLower) flips++;
        prevLower = !upper;
        if (RUSSIAN_TOP.has(upper ? c + 0x20 : c)) top++;
      } else if (isAsciiLetter(c)) {
        ascii++;
        prevLower = false;
      } else break;
    }
    cyrTotal += cyr;
    if (cyr > 0 && ascii === 0) good += Math.max(0, cyr - 2 * flips);
    i = j;
  }
  // Enough letters to judge: they should look like Russian (or a close Cyrillic language).
  if (cyrTotal >= 40 && top < 0.4 * cyrTotal) return good / 2;
  return good;
}

/** Number of high bytes the Latin-1 (Windows-1252) reading explains. */
function scoreLatin(buf: Buffer): number {
  let good = 0;
  let highLetters = 0;
  let letters = 0;
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (!(isLat(b) || isAsciiLetter(b))) {
      if (isLatPunct(b)) good++;
      i++;
      continue;
    }
    let j = i;
    let hi = 0;
    let ascii = 0;
    let run = 0;
    let maxRun = 0;
    let flips = 0;
    let prevLower = false;
    for (; j < n; j++) {
      const c = buf[j]!;
      if (isLat(c)) {
        hi++;
        run++;
        maxRun = Math.max(maxRun, run);
        const upper = isLatUpper(c);
        if (upper && prevLower) flips++;
        prevLower = !upper;
      } else if (isAsciiLetter(c)) {
        ascii++;
        run = 0;
        const upper = c <= 0x5a;
        // A flip next to an accented letter ("mÉtÉo"); McDonald-style flips among ASCII are fine.
        if (upper && prevLower && j > i && isLat(buf[j - 1]!)) flips++;
        prevLower = !upper;
      } else break;
    }
    letters += hi + ascii;
    highLetters += hi;
    if (hi > 0 && maxRun <= 2 && (ascii > 0 || hi === 1) && hi <= ascii + 1) good += Math.max(0, hi - 2 * flips);
    i = j;
  }
  // Accented letters are a minority in any Latin-script language.
  if (highLetters > 0.3 * letters) return good / 2;
  return good;
}

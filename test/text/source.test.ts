import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { throwsK } from '../support.js';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KartotekaError, type ErrorCode } from '../../src/core/errors.js';
import { LineIndex } from '../../src/core/positions.js';
import { DEFAULT_MAX_BYTES, readSource } from '../../src/text/source.js';

const dir = mkdtempSync(join(tmpdir(), 'kartoteka-source-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Writes `bytes` to a fresh temp file and returns its path. */
function file(bytes: Buffer | string, name = `f${n++}.txt`): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}


/** Deterministic pseudo-random bytes in 1..255 (no NUL, which would make the file binary). */
function randomBytes(len: number, seed = 7): Buffer {
  const out = Buffer.alloc(len);
  let s = seed;
  for (let i = 0; i < len; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 1 + (s >> 8) % 255;
  }
  return out;
}

/** Encodes `text` in Windows-1251 (Russian letters, Ёё, and ASCII only). */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      if (ch === '—') return 0x97;
      if (ch === '«') return 0xab;
      if (ch === '»') return 0xbb;
      if (ch === '№') return 0xb9;
      throw new Error(`not in the test's cp1251 table: ${ch}`);
    }),
  );
}

test('UTF-8 with a BOM: the BOM is dropped and offsets start after it', () => {
  const p = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Тухачевский\nline two', 'utf8')]));
  const s = readSource(p);
  assert.equal(s.encoding, 'utf-8-bom');
  assert.equal(s.text, 'Тухачевский\nline two');
  assert.equal(s.text.indexOf('Тухачевский'), 0);
  assert.equal(new LineIndex(s.text).lineOf(s.text.indexOf('line two')), 2);
});

test('plain UTF-8 is read as utf-8, with the size and the SHA-256 of the raw bytes', () => {
  const bytes = Buffer.from('Marshal Tukhachevskii was arrested on 22 May 1937.\n', 'utf8');
  const p = file(bytes);
  const s = readSource(p);
  assert.equal(s.encoding, 'utf-8');
  assert.equal(s.path, p);
  assert.equal(s.bytes, bytes.length);
  assert.equal(s.sha256, createHash('sha256').update(bytes).digest('hex'));
});

test('CRLF and lone CR line ends are kept exactly as they are', () => {
  const text = 'first\r\nsecond\rthird\nfourth\r\n';
  const s = readSource(file(text));
  assert.equal(s.text, text);
  assert.equal(s.text.length, Buffer.byteLength(text));
});

test('a Windows-1251 Russian text is decoded as Cyrillic', () => {
  const text =
    'Приказ народного комиссара обороны СССР № 082.\r\n' +
    'Маршал Тухачевский был арестован 22 мая 1937 года — «военный заговор» был объявлен раскрытым.\r\n' +
    'Её судьба неизвестна.\r\n';
  const s = readSource(file(cp1251(text)));
  assert.equal(s.encoding, 'windows-1251');
  assert.equal(s.text, text);
});

test('a Latin-1 French text is decoded with its accents', () => {
  const text = "Le maréchal Toukhatchevski fut arrêté à Moscou; l'été 1937 vit déjà la purge s'étendre à toute l'armée. Où était la vérité ?\n";
  const s = readSource(file(Buffer.from(text, 'latin1')));
  assert.equal(s.encoding, 'latin-1');
  assert.equal(s.text, text);
});

test('a Latin-1 German text is decoded with its umlauts and ß', () => {
  const text = 'Die Säuberung der Roten Armee begann im Mai 1937. Überlebende berichteten später über große Verluste.\n';
  const s = readSource(file(Buffer.from(text, 'latin1')));
  assert.equal(s.encoding, 'latin-1');
  assert.equal(s.text, text);
});

test('Latin-1 reads bytes 0x80-0x9F as Windows-1252 punctuation (dashes, curly quotes)', () => {
  const s = readSource(file(Buffer.from('An en dash \x96 and \x93quotes\x94 in a caf\xe9.', 'latin1')));
  assert.equal(s.encoding, 'latin-1');
  assert.equal(s.text, 'An en dash – and “quotes” in a café.');
});

test('UTF-16LE and UTF-16BE with a BOM are accepted', () => {
  const text = 'Ежов\r\nYezhov';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le.subarray(2)).swap16();
  const s1 = readSource(file(le));
  assert.equal(s1.encoding, 'utf-16le');
  assert.equal(s1.text, text);
  const s2 = readSource(file(Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
  assert.equal(s2.encoding, 'utf-16be');
  assert.equal(s2.text, text);
});

test('an empty file is E_EMPTY', () => {
  const p = file('');
  throwsK(() => readSource(p), 'E_EMPTY', /empty \(0 bytes\)/, p);
});

test('a file holding only a BOM is E_EMPTY', () => {
  const p = file(Buffer.from([0xef, 0xbb, 0xbf]));
  throwsK(() => readSource(p), 'E_EMPTY', /only a byte-order mark/, p);
});

test('a file holding only white space is E_EMPTY', () => {
  const p = file(' \r\n\t\n  ');
  throwsK(() => readSource(p), 'E_EMPTY', /only white space/, p);
});

test('PNG bytes are E_BINARY naming a PNG image', () => {
  const p = file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  throwsK(() => readSource(p), 'E_BINARY', /a PNG image/, p);
});

test('a PDF is E_BINARY asking for its text to be extracted first', () => {
  const p = file('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
  throwsK(() => readSource(p), 'E_BINARY', /a PDF: extract its text first/, p);
});

test('NUL bytes in a file without a UTF-16 BOM are E_BINARY naming the offset', () => {
  const p = file(Buffer.from('some text\0more text', 'latin1'));
  throwsK(() => readSource(p), 'E_BINARY', /NUL byte at byte offset 9/, p);
});

test('random bytes are E_ENCODING naming the byte offset and line of the first invalid UTF-8 sequence', () => {
  const rnd = randomBytes(2000);
  rnd[0] = 0x80 | (rnd[0]! & 0x3f); // a stray continuation byte: invalid where the random part starts
  const p = file(Buffer.concat([Buffer.from('ok\r\nok\rok\n'), rnd]));
  const e = throwsK(() => readSource(p), 'E_ENCODING', /not valid UTF-8.*byte offset 10 \(line 4\)/, p);
  assert.equal(e.line, 4);
});

test('C1 control bytes that are letters in neither code page are E_ENCODING', () => {
  const p = file(Buffer.from('abc \x81\x8d\x90 def \x9d\n', 'latin1'));
  throwsK(() => readSource(p), 'E_ENCODING', /does not read as Windows-1251 .* or Latin-1.*byte 0x81 at byte offset 4 \(line 1\)/, p);
});

test('a file over maxBytes is E_TOO_LARGE naming its size and the limit', () => {
  const p = file('x'.repeat(2048));
  throwsK(() => readSource(p, { maxBytes: 1000 }), 'E_TOO_LARGE', /2048 bytes .* limit of 1000 bytes/, p);
});

test('a file over the default limit of 100 MB is refused without being read', () => {
  const p = file('');
  truncateSync(p, DEFAULT_MAX_BYTES + 1); // sparse: takes no disk space
  throwsK(() => readSource(p), 'E_TOO_LARGE', /limit of 104857600 bytes \(100 MB\)/, p);
});

test('a missing path is E_NOT_FOUND', () => {
  const p = join(dir, 'no-such-file.txt');
  throwsK(() => readSource(p), 'E_NOT_FOUND', /no such file/, p);
});

test('a directory given as a file is E_USAGE', () => {
  const p = join(dir, 'a-folder');
  mkdirSync(p);
  throwsK(() => readSource(p), 'E_USAGE', /is a directory, not a text file/, p);
});

test('an unreadable file is E_UNREADABLE', (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root, which can read any file');
    return;
  }
  const p = file('secret');
  chmodSync(p, 0o000);
  try {
    throwsK(() => readSource(p), 'E_UNREADABLE', /permission denied/, p);
  } finally {
    chmodSync(p, 0o644);
  }
});

test('HTML and a few control characters are still text', () => {
  const text = '<html><body><p>Bell \x07 and escape \x1b[0m in <b>text</b>.</p>\f\n</body></html>\n';
  const s = readSource(file(text));
  assert.equal(s.text, text);
});

test('a text that is more than 10% control characters is E_BINARY', () => {
  const p = file('ab\x01\x02\x03cdefgh\x1b\x07ij');
  throwsK(() => readSource(p), 'E_BINARY', /\d+% of its characters are control characters/, p);
});

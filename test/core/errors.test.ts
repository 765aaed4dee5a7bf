import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS, KartotekaError } from '../../src/core/errors.js';
import { ROOT } from '../support.js';

const doc = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');

test('every error code in the catalogue is documented in docs/errors.md, and no other', () => {
  const documented = new Set([...doc.matchAll(/`(E_[A-Z_]+)`/g)].map((m) => m[1]));
  assert.deepEqual([...documented].sort(), Object.keys(ERRORS).sort());
});

test('every diagnostic rule the code emits is documented', () => {
  const src = readFileSync(join(ROOT, 'src', 'notes', 'zones.ts'), 'utf8');
  for (const m of src.matchAll(/rule: '([a-z]+:[a-z-]+)'/g)) assert.ok(doc.includes(`\`${m[1]}\``), `${m[1]} is not in docs/errors.md`);
});

test('an error prints as one line naming the file, the line and the code', () => {
  const e = new KartotekaError('E_ENCODING', 'corpus/a.txt', 'invalid byte 0xff at\noffset 12', 3);
  assert.equal(e.oneLine(), 'corpus/a.txt:3: invalid byte 0xff at offset 12 [E_ENCODING]');
});

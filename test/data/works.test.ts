/** data/works.json: the curated kinds of source are well formed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadData } from '../../src/core/data.js';
import { SOURCE_KINDS } from '../../src/core/types.js';

interface Entry {
  author: string;
  title: string;
  kind: string;
  why: string;
}

test('every curated work has an author, a title, a known kind and a reason, once', () => {
  const works = loadData<{ works: Entry[] }>('works.json').works;
  assert.ok(works.length > 0);
  const seen = new Set<string>();
  for (const w of works) {
    assert.ok(w.author.trim() && w.title.trim(), JSON.stringify(w));
    assert.ok((SOURCE_KINDS as readonly string[]).includes(w.kind), `${w.title}: kind ${w.kind}`);
    assert.ok(w.why.trim().length > 10, `${w.title}: say why`);
    const key = `${w.author}|${w.title}`.toLowerCase();
    assert.ok(!seen.has(key), `${key} twice`);
    seen.add(key);
  }
});

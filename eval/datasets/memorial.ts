/**
 * Dates and event types on Memorial's list of people shot in Moscow
 * (../shared/datasets/memorial, the 1,123 military rows): each record's text
 * ("род. 1897, ... Расстрелян 9.08.1938. ...") is read for events about the
 * record's person, and the execution and birth found are scored against the
 * list's own `shot_date` and `born` columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prf } from '../score.js';
import { findDates, newContext, type DateMention } from '../../src/time/dates.js';
import { sentenceEvents } from '../../src/extract/events.js';
import { splitSentences } from '../../src/text/body.js';
import { dateAgrees } from '../events.js';

/** RFC 4180 rows. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.length > 1);
}

/** "9.08.1938" → "1938-08-09"; "1897" → "1897". */
export function memorialDate(s: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s.trim());
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return /^\d{4}$/.test(s.trim()) ? s.trim() : null;
}

export function evalMemorial(shared: string) {
  const rows = csvRows(readFileSync(join(shared, 'datasets', 'memorial', 'moscow_shot_persons_military_subset.csv'), 'utf8'));
  const head = rows[0]!;
  const col = (n: string) => head.indexOf(n);
  const tally = { execution: { right: 0, predicted: 0, gold: 0 }, birth: { right: 0, predicted: 0, gold: 0 } };
  const errors: string[] = [];
  for (const r of rows.slice(1)) {
    const text = r[col('full_text')] ?? '';
    const want = { execution: memorialDate(r[col('shot_date')] ?? ''), birth: memorialDate(r[col('born')] ?? '') };
    const ctx = newContext();
    const dates: DateMention[] = findDates(text, ctx).dates;
    const found = splitSentences(text).flatMap((s) =>
      sentenceEvents({ text: text.slice(s.start, s.end), offset: s.start, dates: dates.filter((d) => d.start >= s.start && d.end <= s.end), mentions: [], implicitSubject: 'record' }, []),
    );
    for (const type of ['execution', 'birth'] as const) {
      const g = want[type];
      const p = found.filter((e) => e.type === type);
      if (g) tally[type].gold++;
      tally[type].predicted += p.length;
      if (g && p.some((e) => dateAgrees(g, e.date))) tally[type].right++;
      else if (g && errors.length < 30) errors.push(`${type} ${r[col('name')]}: list ${g}, found ${p.map((e) => e.date.edtf).join(', ') || 'nothing'}`);
    }
  }
  return [
    {
      stage: 'events (datasets)',
      document: 'Memorial, people shot in Moscow (military rows)',
      scores: {
        'executions (date)': prf(tally.execution.right, tally.execution.predicted, tally.execution.gold),
        'births (date)': prf(tally.birth.right, tally.birth.predicted, tally.birth.gold),
      },
      errors,
    },
  ];
}

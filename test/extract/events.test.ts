import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../core/doc.js';

/** Events of a made-up text as "type participant date" strings (main participant first). */
function events(text: string): string[] {
  return extract(text).events.map((e) => `${e.type} ${e.participants.filter((p) => p.role === 'subject').map((p) => p.entity).join('+') || '-'} ${e.date.edtf}`);
}

const MAY = 'The military purge began in May 1937.\n\n';

test('an arrest with the year taken from the context, the sentence as provenance', () => {
  const text = `${MAY}On 14 May Avgust Kork, the head of the Frunze Academy, was immediately arrested.\n`;
  const x = extract(text);
  const e = x.events.find((v) => v.type === 'arrest')!;
  assert.equal(e.date.edtf, '1937-05-14');
  assert.equal(e.date.text, '14 May');
  assert.deepEqual(e.participants, [{ entity: 'kork-avgust', role: 'subject' }]);
  assert.equal(text.slice(e.start, e.end), 'On 14 May Avgust Kork, the head of the Frunze Academy, was immediately arrested.');
  assert.equal(text.slice(e.trigger.start, e.trigger.end), 'arrested');
  assert.equal(e.line, 3);
});

test('one sentence, several events: each who undergoes it, alongside whom', () => {
  const text = `${MAY}Iona Iakir and Ieronim Uborevich were arrested on 22 May, alongside Robert Eideman, the head of Osoaviakhim.\n`;
  assert.deepEqual(events(text).sort(), ['arrest eideman-robert 1937-05-22', 'arrest iakir-iona 1937-05-22', 'arrest uborevich-ieronim 1937-05-22']);
});

test('a pronoun and a following sentence take the people and the date before them', () => {
  const text = `${MAY}The officers, including Tukhachevskii, Iakir and Kork, were put on trial on 11 June. All were found guilty and immediately executed.\n`;
  const got = events(text);
  for (const who of ['tukhachevskii-mikhail', 'iakir-iona', 'kork-avgust']) {
    for (const type of ['trial', 'sentence', 'execution']) assert.ok(got.includes(`${type} ${who} 1937-06-11`), `${type} ${who}: ${got.join('; ')}`);
  }
});

test('voices: the NKVD arrested X (agent), the arrest of X, X sent a report to Y (recipient), a relative date', () => {
  const x = extract(`${MAY}In May the NKVD arrested Mikhail Tukhachevskii. On 10 May Voroshilov sent a report to Stalin. The following day Gamarnik committed suicide.\n`);
  const arrest = x.events.find((e) => e.type === 'arrest')!;
  assert.deepEqual(arrest.participants, [{ entity: 'tukhachevskii-mikhail', role: 'subject' }, { entity: 'nkvd', role: 'agent' }]);
  const report = x.events.find((e) => e.type === 'report')!;
  assert.deepEqual(report.participants, [{ entity: 'voroshilov-kliment', role: 'subject' }, { entity: 'stalin-iosif', role: 'recipient' }]);
  assert.equal(report.date.edtf, '1937-05-10');
  const suicide = x.events.find((e) => e.type === 'suicide')!;
  assert.equal(suicide.date.edtf, '1937-05-11');
  assert.equal(suicide.date.text, 'The following day');
});

test('negated, hypothetical and future statements are not events of that date; "not ... until" dates the event', () => {
  const got = events(`${MAY}Tukhachevskii was not arrested on 10 May. Kork would probably be made deputy in June. Iakir was not arrested until 28 May.\n`);
  assert.deepEqual(got, ['arrest iakir-iona 1937-05-28']);
});

test('a claim keeps who asserts it', () => {
  const x = extract(`${MAY}Molotov claimed that Tukhachevskii was arrested on 22 May.\n`);
  const e = x.events.find((v) => v.type === 'arrest')!;
  assert.equal(e.assertedBy, 'molotov-viacheslav');
  assert.deepEqual(e.participants, [{ entity: 'tukhachevskii-mikhail', role: 'subject' }]);
});

test('years in a citation are not events, and an adjective is no arrest', () => {
  const x = extract(`${MAY}Two arrested officers wrote to Stalin.¹\n\n¹ R. Conquest, The Great Terror (London, 1968), p. 201.\n`);
  assert.deepEqual(x.events.filter((e) => e.type === 'arrest'), []);
  assert.ok(!x.events.some((e) => e.date.edtf === '1968'));
});

test('an impossible date is a diagnostic, not an event', () => {
  const x = extract(`${MAY}Kork was arrested on 31 February 1937.\n`);
  assert.deepEqual(x.events.filter((e) => e.type === 'arrest'), []);
  assert.ok(x.diagnostics.some((d) => d.rule === 'dates:impossible' && /31 February/.test(d.message)));
});

/** The timeline and conflicts commands: the stored events in date order, and the contradictions between sources. */
import type { Command } from 'commander';
import { KartotekaError } from '../core/errors.js';
import { conflicts, timeline, type TimelineEvent } from '../kb/events.js';
import { findEntity } from '../kb/names.js';
import { authority } from '../names/authority.js';
import { DEFAULT_DB, fail, out, withExistingStore } from './common.js';
import { clip, oneLine } from './escape.js';
import { quotes } from '../kb/quotes.js';
import { debate, debateTopic } from '../kb/debate.js';

const label = (id: string | null) => (id ? (authority().byId.get(id)?.label ?? id) : '—');

/** One event as a line: date, type, who, the document and line it comes from. */
export function eventLine(e: TimelineEvent): string {
  const who = e.participants.map((p) => `${label(p.entity)}${p.role === 'subject' ? '' : ` (${p.role})`}`).join(', ');
  const claim = e.assertedBy ? `  [according to ${label(e.assertedBy)}]` : '';
  return `${e.date.edtf.padEnd(23)} ${e.type.padEnd(14)} ${oneLine(who || '—')}${claim}  ${oneLine(e.document)}:${e.line}  "${oneLine(e.date.text)}"`;
}

export function addEventCommands(program: Command): void {
  program
    .command('timeline')
    .description('the dated events of the knowledge base in date order, each with the passage it comes from')
    .option('--from <date>', 'leave out events before this date (1937, 1937-05 or 1937-05-22)')
    .option('--to <date>', 'leave out events after this date')
    .option('--person <name>', 'only the events of this person (any spelling, or an entity id)')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print { events: [...] } as JSON')
    .action((o: { from?: string; to?: string; person?: string; db: string; json?: boolean }) => {
      try {
        const entity = o.person ? findEntity(o.person).id : undefined;
        withExistingStore(o.db, (s) => {
          const events = timeline(s, { from: o.from, to: o.to, entity });
          if (o.json) return out({ events });
          for (const e of events) process.stdout.write(`${eventLine(e)}\n`);
          process.stderr.write(`${events.length} event${events.length === 1 ? '' : 's'}\n`);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('conflicts')
    .description('where sources disagree: the same event on different dates, the same count with different numbers; every side with its passages')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print { conflicts: [...] } as JSON')
    .action((o: { db: string; json?: boolean }) => {
      try {
        withExistingStore(o.db, (s) => {
          const list = conflicts(s);
          if (o.json) return out({ conflicts: list });
          for (const c of list) {
            process.stdout.write(`\n${c.kind}: ${oneLine(c.subject)}\n`);
            for (const side of c.sides) {
              process.stdout.write(`  ${oneLine(side.value)}\n`);
              for (const src of side.sources) process.stdout.write(`    ${oneLine(src.document)}:${src.line} (${src.kind})  ${oneLine(clip(src.text, 160))}\n`);
            }
          }
          process.stderr.write(`${list.length} conflict${list.length === 1 ? '' : 's'}\n`);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('quotes')
    .description('quotations with their speaker and the source each cites (work and page), and the passage they stand in')
    .option('--speaker <name>', 'only what this person is quoted as saying (any spelling, or an entity id)')
    .option('--document <ref>', 'only the quotations of this document (id, path or prefix)')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print { quotes: [...] } as JSON')
    .action((o: { speaker?: string; document?: string; db: string; json?: boolean }) => {
      try {
        const speaker = o.speaker ? findEntity(o.speaker).id : undefined;
        withExistingStore(o.db, (s) => {
          const doc = o.document ? s.document(o.document) : null;
          if (o.document && !doc) throw new KartotekaError('E_NO_DOCUMENT', undefined, `no document "${o.document}" in ${o.db}`);
          const list = quotes(s, { speaker, document: doc?.id });
          if (o.json) return out({ quotes: list });
          for (const q of list) {
            const src = q.source
              ? `${q.source.author ?? '?'}, ${q.source.title ?? '?'}${q.source.locator ? `, ${q.source.locator.label === 'page' ? 'p.' : q.source.locator.label} ${q.source.locator.value}` : ''}`
              : q.noteLabel
                ? `cited in note ${q.noteLabel}`
                : 'no source given';
            const words = clip(q.text, 160);
            const by = q.quotedByName ? ` (as quoted by ${q.quotedByName})` : '';
            process.stdout.write(`${oneLine(q.speakerName ?? '?')}${oneLine(by)}: "${oneLine(words)}"\n    ${oneLine(q.document)}:${q.line}  (${oneLine(src)})\n`);
          }
          process.stderr.write(`${list.length} quotation${list.length === 1 ? '' : 's'}\n`);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('debate [topic]')
    .description('the interpretations of the purge (military-purge, mass-operations, or one interpretation id) with who supports, rejects or reports each, in which documents, on which passages, from what kind of source')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print { interpretations: [...] } as JSON')
    .action((topic: string | undefined, o: { db: string; json?: boolean }) => {
      try {
        debateTopic(topic);
        withExistingStore(o.db, (s) => {
          const list = debate(s, topic);
          if (o.json) return out({ interpretations: list });
          for (const i of list) {
            process.stdout.write(`${i.label} [${i.id}] — ${i.supports} for, ${i.rejects} against, ${i.reports} reporting\n`);
            for (const h of i.holders) {
              const where = h.claims.map((c) => `${c.document}:${c.line}`).slice(0, 4).join(', ');
              process.stdout.write(`    ${h.stances[0]!.padEnd(8)} ${oneLine(h.holderName)} (${h.sourceKinds.join(', ')})  ${oneLine(where)}${h.claims.length > 4 ? ` +${h.claims.length - 4}` : ''}\n`);
            }
          }
          process.stderr.write(`${list.length} interpretation${list.length === 1 ? '' : 's'}, ${list.reduce((a, i) => a + i.holders.length, 0)} holders\n`);
        });
      } catch (e) {
        fail(e);
      }
    });
}

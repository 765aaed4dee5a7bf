/** The timeline and conflicts commands: the stored events in date order, and the contradictions between sources. */
import type { Command } from 'commander';
import { conflicts, timeline, type TimelineEvent } from '../kb/events.js';
import { findEntity } from '../kb/names.js';
import { authority } from '../names/authority.js';
import { DEFAULT_DB, fail, out, withExistingStore } from './common.js';
import { oneLine } from './escape.js';

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
              for (const src of side.sources) process.stdout.write(`    ${oneLine(src.document)}:${src.line} (${src.kind})  ${oneLine(src.text.length > 160 ? `${src.text.slice(0, 157)}…` : src.text)}\n`);
            }
          }
          process.stderr.write(`${list.length} conflict${list.length === 1 ? '' : 's'}\n`);
        });
      } catch (e) {
        fail(e);
      }
    });
}


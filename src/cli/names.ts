/**
 * The commands about people, organizations and places: `person` (the card),
 * `names` (entities and their mention counts, or `--unknown` names for the
 * curator), and the curator's `merge`, `split` and `decisions`.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { KartotekaError } from '../core/errors.js';
import { authority, type Entity } from '../names/authority.js';
import { anchorDecisions, documentMentions, entityCard, findEntity, mentionCounts, quoteAt, unknownClusters } from '../kb/names.js';
import type { Decision, Store } from '../kb/store.js';
import { DEFAULT_DB, fail, out, withExistingStore } from './common.js';
import { oneLine } from './escape.js';
import { eventLine } from './events.js';

function curator(who: string | undefined): string {
  if (who) return who;
  try {
    return process.env.KARTOTEKA_CURATOR ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

function needWhy(why: string | undefined): string {
  if (!why || !why.trim()) throw new KartotekaError('E_USAGE', undefined, 'a curator decision needs --why: say what the evidence is');
  return why.trim();
}

/** `DOC:OFFSET` or `DOC:LINE:COL` → the document and the original offset. */
function mentionAt(store: Store, at: string): { doc: string; pos: number } {
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(at);
  if (!m) throw new KartotekaError('E_USAGE', undefined, `--at wants DOC:OFFSET or DOC:LINE:COLUMN, not "${at}"`);
  const meta = store.document(m[1]!);
  if (!meta) throw new KartotekaError('E_NO_DOCUMENT', m[1]!, 'no such document in the knowledge base');
  const text = store.text(meta.id);
  let pos = Number(m[2]);
  if (m[3] !== undefined) {
    let line = 1;
    let i = 0;
    while (line < pos && i < text.length) if (text[i++] === '\n') line++;
    pos = i + Number(m[3]) - 1;
  }
  if (pos < 0 || pos >= text.length) throw new KartotekaError('E_USAGE', meta.id, `offset ${pos} is outside the text (0..${text.length - 1})`);
  return { doc: meta.id, pos };
}

function entityLine(e: Entity, n?: number): string {
  const count = n === undefined ? '' : `  ${n} mention${n === 1 ? '' : 's'}`;
  return `${oneLine(e.id)}  ${e.type}  ${oneLine(e.label)}${count}  — ${oneLine(e.descriptor)}`;
}

export function addNameCommands(program: Command): void {
  program
    .command('person')
    .description('the card of a person (or organization or place), found by any spelling, Latin or Cyrillic')
    .argument('<name...>', 'a name in any spelling, or an entity id')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print the card as JSON')
    .action((words: string[], o: { db: string; json?: boolean }) => {
      try {
        const entity = findEntity(words.join(' '));
        withExistingStore(o.db, (s) => {
          const card = entityCard(s, entity);
          if (o.json) return out(card);
          const e = card.entity;
          process.stdout.write(`${entityLine(e)}\n`);
          if ('cyrillic' in e && e.cyrillic) {
            const c = e.cyrillic;
            process.stdout.write(`  ${oneLine(typeof c === 'string' ? c : [c.family, c.given, c.patronymic].filter(Boolean).join(' '))}\n`);
          }
          if (e.type === 'person') {
            const life = [e.born && `born ${e.born}`, e.died && `died ${e.died}`].filter(Boolean).join(', ');
            if (life) process.stdout.write(`  ${life}\n`);
            if (e.rank) process.stdout.write(`  rank: ${oneLine(e.rank)}\n`);
            for (const p of e.posts ?? []) process.stdout.write(`  ${oneLine(p.post)}${p.from || p.to ? ` (${p.from ?? '?'}–${p.to ?? ''})` : ''}\n`);
          }
          process.stdout.write(`  also written: ${oneLine(e.variants.slice(0, 25).join(', '))}${e.variants.length > 25 ? ', …' : ''}\n`);
          process.stdout.write(`\n${card.mentions} mention${card.mentions === 1 ? '' : 's'} in ${card.documents.length} document${card.documents.length === 1 ? '' : 's'}\n`);
          for (const d of card.documents) {
            process.stdout.write(`  ${oneLine(d.id)}  ${d.mentions}  first at line ${d.first.line} ("${oneLine(d.first.surface)}")  ${oneLine(d.title)}\n`);
          }
          if (card.events.length) {
            process.stdout.write(`\n${card.events.length} dated event${card.events.length === 1 ? '' : 's'}\n`);
            for (const ev of card.events) process.stdout.write(`  ${eventLine(ev)}\n`);
          }
          if (card.ambiguous.length) process.stdout.write(`\n${card.ambiguous.length} undecided mention(s) that may be this ${e.type} (see --json)\n`);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('names')
    .description('the entities mentioned, with counts; with --unknown, personal names no authority record holds, clustered by spelling')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--unknown', 'list the unknown names for a curator')
    .option('--type <type>', 'person, organization or place')
    .option('--json', 'print as JSON')
    .action((o: { db: string; unknown?: boolean; type?: string; json?: boolean }) => {
      try {
        withExistingStore(o.db, (s) => {
          if (o.unknown) {
            const clusters = unknownClusters(s);
            if (o.json) return out({ unknown: clusters });
            for (const c of clusters) {
              const ex = c.examples[0]!;
              process.stdout.write(
                `${String(c.count).padStart(4)}  ${oneLine(c.name)}${c.spellings.length > 1 ? `  (${oneLine(c.spellings.slice(1, 6).map((x) => x.surface).join(', '))})` : ''}  [${c.evidence.join(', ')}]  ${oneLine(ex.document)}:${ex.line}\n`,
              );
            }
            process.stderr.write(`${clusters.length} unknown name${clusters.length === 1 ? '' : 's'}; record a decision with kartoteka merge ENTITY NAME --why ...\n`);
            return;
          }
          if (o.type && !['person', 'organization', 'place'].includes(o.type)) {
            throw new KartotekaError('E_USAGE', undefined, `--type is person, organization or place, not "${o.type}"`);
          }
          const counts = mentionCounts(s);
          const list = authority()
            .entities.filter((e) => (counts.get(e.id) ?? 0) > 0 && (!o.type || e.type === o.type))
            .map((e) => ({ entity: e, mentions: counts.get(e.id)! }))
            .sort((a, b) => b.mentions - a.mentions || a.entity.id.localeCompare(b.entity.id));
          if (o.json) return out({ entities: list.map((x) => ({ id: x.entity.id, type: x.entity.type, label: x.entity.label, mentions: x.mentions })) });
          for (const x of list) process.stdout.write(`${entityLine(x.entity, x.mentions)}\n`);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('merge')
    .description('record that B is A: an unknown name or a spelling (or a duplicate entity) becomes the entity A everywhere')
    .argument('<a>', 'the entity (id or name)')
    .argument('<b>', 'an unknown name, a spelling, or another entity id')
    .requiredOption('--why <text>', 'the evidence for the decision')
    .option('--who <name>', 'the curator (default: $KARTOTEKA_CURATOR or the login name)')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print the decision as JSON')
    .action((a: string, b: string, o: { why: string; who?: string; db: string; json?: boolean }) => {
      try {
        const target = findEntity(a);
        const why = needWhy(o.why);
        withExistingStore(o.db, (s) => {
          const subject = authority().byId.get(b.trim())?.id ?? b.trim();
          if (subject === target.id) throw new KartotekaError('E_USAGE', undefined, `cannot merge ${target.id} into itself`);
          const d = s.addDecision({ action: 'merge', target: target.id, subject, relink: null, document: null, start: null, end: null, quote: null, who: curator(o.who), at: new Date().toISOString(), why });
          report(s, d, o.json);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('split')
    .description('record that B is not A: a spelling, a merged entity, or (with --at) one mention is taken from A')
    .argument('<a>', 'the entity (id or name)')
    .argument('[b]', 'a spelling or an entity id merged earlier (not needed with --at)')
    .option('--at <DOC:OFFSET>', 'split only the mention at this place (DOC:OFFSET or DOC:LINE:COLUMN)')
    .option('--to <entity>', 'the entity the split mentions belong to instead (default: none; they become unknown names)')
    .requiredOption('--why <text>', 'the evidence for the decision')
    .option('--who <name>', 'the curator')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print the decision as JSON')
    .action((a: string, b: string | undefined, o: { at?: string; to?: string; why: string; who?: string; db: string; json?: boolean }) => {
      try {
        const target = findEntity(a);
        const why = needWhy(o.why);
        const relink = o.to ? findEntity(o.to).id : null;
        if (!b && !o.at) throw new KartotekaError('E_USAGE', undefined, 'split needs a spelling or entity B, or --at DOC:OFFSET for one mention');
        withExistingStore(o.db, (s) => {
          let anchor: Pick<Decision, 'document' | 'start' | 'end' | 'quote'> = { document: null, start: null, end: null, quote: null };
          let subject = b ? (authority().byId.get(b.trim())?.id ?? b.trim()) : '';
          if (o.at) {
            const { doc, pos } = mentionAt(s, o.at);
            const m = documentMentions(s, doc).mentions.find((x) => x.entity === target.id && x.start <= pos && pos < x.end);
            if (!m) throw new KartotekaError('E_USAGE', doc, `no mention of ${target.id} at offset ${pos}`);
            anchor = { document: doc, start: m.start, end: m.end, quote: quoteAt(s.text(doc), m.start, m.end) };
            subject ||= m.surface;
          }
          const d = s.addDecision({ action: 'split', target: target.id, subject, relink, ...anchor, who: curator(o.who), at: new Date().toISOString(), why });
          report(s, d, o.json);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('decisions')
    .description("the curators' merges and splits, with who, when and why, and whether each still finds its passage (exact, fuzzy, orphan)")
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print as JSON')
    .action((o: { db: string; json?: boolean }) => {
      try {
        withExistingStore(o.db, (s) => {
          const ds = s.decisions();
          const anchors = anchorDecisions(s, ds);
          const list = ds.map((d) => {
            const a = anchors.get(d.id);
            return { ...d, anchor: a ? a.anchor : null, now: a && a.anchor !== 'orphan' ? { start: a.start, end: a.end } : null };
          });
          if (o.json) return out({ decisions: list });
          for (const d of list) {
            const where = d.document ? `  ${oneLine(d.document)}:${d.start}  ${d.anchor}` : '';
            process.stdout.write(`#${d.id}  ${d.action}  ${oneLine(d.target)} ${d.action === 'merge' ? '←' : '∌'} ${oneLine(d.subject)}${d.relink ? ` → ${oneLine(d.relink)}` : ''}${where}  ${oneLine(d.who)} ${d.at}  "${oneLine(d.why)}"\n`);
          }
          const orphans = list.filter((d) => d.anchor === 'orphan').length;
          if (orphans) process.stderr.write(`${orphans} decision(s) no longer find their passage (orphan): they are kept and shown, not applied\n`);
        });
      } catch (e) {
        fail(e);
      }
    });
}

function report(s: Store, d: Decision, json?: boolean): void {
  if (json) return out({ decision: d });
  const moved = s.documents().reduce((n, doc) => n + documentMentions(s, doc.id).mentions.filter((m) => m.decision === d.id).length, 0);
  process.stdout.write(`recorded #${d.id}: ${d.action} ${oneLine(d.target)} ${oneLine(d.subject)} (${oneLine(d.who)}, ${d.at}); ${moved} mention(s) now follow it\n`);
}

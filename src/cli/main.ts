/**
 * The command line of Kartoteka (../shared/CONTRACT.md is its machine face).
 * Commands with --json print exactly one JSON document on stdout; progress
 * and messages go to stderr. A failure prints one line naming the file (and
 * line) at fault and exits non-zero.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KartotekaError } from '../core/errors.js';
import { contractJson, extractFile } from '../extract.js';
import { ingest } from '../ingest.js';
import { type SearchHit } from '../kb/store.js';
import { archivalFiles, citationsOfWork, findWork, mergedWorks, openExistingStore } from '../kb/citations.js';
import { EXPORT_FORMATS, exportWorks, isExportFormat, toCslItem, workLine } from '../export/formats.js';
import { DEFAULT_MAX_BYTES } from '../text/source.js';
import { oneLine, visible } from './escape.js';
import { renderPassage } from './show.js';
import { DEFAULT_DB, fail, out, positiveInt, withExistingStore, withStore } from './common.js';
import { addNameCommands } from './names.js';
import { addEventCommands } from './events.js';
import { addServeCommand, serve } from './serve.js';
import { entityCard, findEntity } from '../kb/names.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** A search hit as one line: `document:line (note n)  snippet`. */
function hitLine(h: SearchHit): string {
  return `${visible(h.document)}:${h.line}${h.in === 'note' ? ` (note ${h.note})` : ''}  ${oneLine(h.snippet)}`;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('kartoteka')
    .description('A provenance-first knowledge base for historians: every fact points at the passage it came from.')
    .version('0.1.0')
    // Usage errors go through the catalogue: one line, [E_USAGE], exit 2.
    .exitOverride()
    .configureOutput({ writeErr: (str) => (str.startsWith('error:') ? undefined : process.stderr.write(str)) });

  program
    .command('extract')
    .description('run the whole pipeline on one file and print every layer (no database)')
    .argument('<file>', 'a text file (UTF-8, Windows-1251 or Latin-1)')
    .option('--json', 'print the extraction as JSON (the default and only output)')
    .option('--max-size <bytes>', 'refuse files larger than this', positiveInt, DEFAULT_MAX_BYTES)
    .action((file: string, o: { maxSize: number }) => {
      try {
        out(contractJson(extractFile(file, { maxBytes: o.maxSize }).extraction));
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('ingest')
    .description('add text files, or folders of them (with their corpus.json), to the knowledge base')
    .argument('<paths...>', 'files or folders')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--max-size <bytes>', 'refuse files larger than this', positiveInt, DEFAULT_MAX_BYTES)
    .option('--workers <n>', 'extraction threads (default: one per core)', positiveInt)
    .option('--json', 'print the result as JSON')
    .action(async (paths: string[], o: { db: string; maxSize: number; workers?: number; json?: boolean }) => {
      try {
        const rows = await ingest(paths, o.db, { maxBytes: o.maxSize, progress: true, workers: o.workers });
        const failed = rows.filter((r) => r.status === 'failed');
        if (o.json) out({ documents: rows });
        else for (const r of rows) if (r.status !== 'failed') process.stderr.write(`${r.status.padEnd(9)} ${visible(r.id ?? '')}  ${visible(r.path)}\n`);
        for (const r of failed) process.stderr.write(`kartoteka: ${visible(r.error ?? r.path)}\n`);
        if (!o.json) process.stderr.write(`${rows.length - failed.length} of ${rows.length} files ingested into ${o.db}\n`);
        if (failed.length) process.exitCode = 1;
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('search')
    .description('full-text search over body text and notes (case, accents and apostrophes ignored; "phrases", prefix*)')
    .argument('<query...>', 'words, "a phrase", prefix*, -excluded, a OR b')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--limit <n>', 'most hits', positiveInt, 20)
    .option('--document <ref>', 'only this document (id, path or prefix)')
    .option('--json', 'print the hits as JSON')
    .action((words: string[], o: { db: string; limit: number; document?: string; json?: boolean }) => {
      try {
        const hits = withStore(o.db, (s) => s.search(words.join(' '), { limit: o.limit, document: o.document }));
        if (o.json) return out({ hits });
        if (!hits.length) process.stderr.write('no hits\n');
        for (const h of hits) process.stdout.write(`${hitLine(h)}\n`);
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('show')
    .description('print a passage of a document with its notes beneath, markers shown as [n]')
    .argument('<doc>', 'document id, path or prefix')
    .option('--line <n>', 'the line to show the passage of', positiveInt)
    .option('--paragraphs <n>', 'how many paragraphs to show', positiveInt, 1)
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print the passage, its paragraphs and notes as JSON')
    .action((ref: string, o: { db: string; line?: number; paragraphs: number; json?: boolean }) => {
      try {
        withStore(o.db, (s) => {
          const doc = s.document(ref);
          if (!doc) throw new KartotekaError('E_NO_DOCUMENT', ref, `no document '${ref}' in ${o.db}`);
          const passage = renderPassage(s, doc.id, o.line ?? 1, o.paragraphs);
          if (o.json) out(passage);
          else process.stdout.write(passage.display);
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('stats')
    .description('documents and records in the knowledge base')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print as JSON')
    .action((o: { db: string; json?: boolean }) => {
      try {
        withStore(o.db, (s) => {
          const stats = s.stats();
          const documents = s.documents().map(({ csl: _csl, ...d }) => d);
          if (o.json) return out({ ...stats, documents });
          process.stdout.write(`${stats.documents} documents, ${stats.chars.toLocaleString('en')} characters\n`);
          for (const d of documents) {
            const c = d.counts;
            process.stdout.write(
              `  ${visible(d.id).padEnd(32)} ${String(d.kind).padEnd(12)} notes ${String(c.notes ?? 0).padStart(4)}  markers ${String(c.markers ?? 0).padStart(4)}  paragraphs ${String(c.paragraphs ?? 0).padStart(4)}  ${oneLine(d.title).slice(0, 60)}\n`,
            );
          }
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('export')
    .description(`write the works of the knowledge base, merged across documents, in a bibliographic format (${EXPORT_FORMATS.join(', ')})`)
    .argument('<format>', EXPORT_FORMATS.join(' | '))
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--document <ref>', 'only the works of this document (id, path or prefix)')
    .action((format: string, o: { db: string; document?: string }) => {
      try {
        if (!isExportFormat(format)) {
          throw new KartotekaError('E_USAGE', undefined, `unknown export format "${format}": use ${EXPORT_FORMATS.join(', ')}`);
        }
        const works = withExistingStore(o.db, (s) => mergedWorks(s, { document: o.document }).map((e) => e.work));
        process.stdout.write(exportWorks(format, works));
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('sources')
    .description('the archival files cited (archive, fond, opis, delo), how often and where, sorted by archive and number')
    .option('--archive <name>', 'only this archive: its abbreviation (RGVA) or full Russian or English name')
    .option('--document <ref>', 'only the citations of this document (id, path or prefix)')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print the archives and their files as JSON')
    .action((o: { db: string; archive?: string; document?: string; json?: boolean }) => {
      try {
        const groups = withExistingStore(o.db, (s) => archivalFiles(s, { archive: o.archive, document: o.document }));
        if (o.json) return out({ archives: groups });
        if (!groups.length) process.stderr.write(o.archive ? `no files of ${visible(o.archive)} are cited\n` : 'no archival files are cited\n');
        for (const g of groups) {
          const n = g.files.reduce((a, f) => a + f.citations, 0);
          process.stdout.write(
            `${oneLine(g.archive ?? '(archive not named)')}${g.name ? `  ${oneLine(g.name)}` : ''}  ` +
              `(${g.files.length} file${g.files.length === 1 ? '' : 's'}, ${n} citation${n === 1 ? '' : 's'})\n`,
          );
          for (const f of g.files) {
            process.stdout.write(
              `  ${oneLine(f.location)}  ${f.citations} citation${f.citations === 1 ? '' : 's'} in ${f.documents} document${f.documents === 1 ? '' : 's'}  [${f.work}]\n`,
            );
            for (const c of f.cited) {
              const where = `${oneLine(c.document)}:${c.line}${c.note !== null ? `  note ${oneLine(c.note)}` : ''}`;
              process.stdout.write(`      ${where}${c.list ? `  l. ${oneLine(c.list)}` : ''}\n`);
            }
          }
        }
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('cited')
    .description('a work and every citation resting on it (full, Ibid., short), with the passage each note supports')
    .argument('<work...>', 'a work id, or words of its title and authors')
    .option('--db <path>', 'the knowledge base', DEFAULT_DB)
    .option('--json', 'print the work (CSL-JSON) and its citations as JSON')
    .action((words: string[], o: { db: string; json?: boolean }) => {
      try {
        const asked = words.join(' ');
        withExistingStore(o.db, (s) => {
          const m = findWork(s, asked);
          if (m.kind === 'none') throw new KartotekaError('E_QUERY', undefined, `no work matches "${asked}" in ${o.db}`);
          if (m.kind === 'many') {
            for (const e of m.candidates.slice(0, 30)) process.stderr.write(`  ${oneLine(e.work.id)}  ${oneLine(workLine(e.work))}\n`);
            if (m.candidates.length > 30) process.stderr.write(`  … and ${m.candidates.length - 30} more\n`);
            throw new KartotekaError(
              'E_QUERY',
              undefined,
              `"${asked}" matches ${m.candidates.length} works (listed above): give more words or one of the ids`,
            );
          }
          const { work, documents } = m.entry;
          const citations = citationsOfWork(s, work.id);
          if (o.json) return out({ work: toCslItem(work), documents, citations });
          process.stdout.write(`${oneLine(work.id)}  ${oneLine(work.type)}\n${oneLine(workLine(work))}\n`);
          const docs = new Set(citations.map((c) => c.document)).size;
          process.stdout.write(`\n${citations.length} citation${citations.length === 1 ? '' : 's'} in ${docs} document${docs === 1 ? '' : 's'}\n`);
          for (const c of citations) {
            const loc = c.locator ? `  ${c.locator.label} ${oneLine(c.locator.value)}` : '';
            process.stdout.write(
              `\n${oneLine(c.document)}:${c.line}${c.note !== null ? `  note ${oneLine(c.note)}` : ''}  ${c.resolution}${loc}\n` +
                `    ${oneLine(c.raw)}\n`,
            );
            if (c.passage) process.stdout.write(`    line ${c.passage.line}: ${oneLine(c.passage.text)}\n`);
          }
        });
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('demo')
    .description('the main job on the embedded default: build a knowledge base from the shipped sample corpus and show what it holds')
    .option('--db <path>', 'the knowledge base to build', './kartoteka-demo.db')
    .option('--serve', 'then serve the web app over it (what `npm start` does)')
    .option('--port <n>', 'with --serve: the port', positiveInt, 8080)
    .action(async (o: { db: string; serve?: boolean; port: number }) => {
      try {
        const corpus = join(ROOT, 'examples', 'corpus');
        const rows = await ingest([corpus], o.db, { progress: true });
        for (const r of rows) process.stdout.write(`${r.status.padEnd(9)} ${visible(r.id ?? '')} ${r.error ? visible(r.error) : ''}\n`);
        withStore(o.db, (s) => {
          const st = s.stats();
          process.stdout.write(`\n${st.documents} documents in ${o.db}: ${Object.entries(st.layers).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
          const q = 'Tukhachevskii';
          process.stdout.write(`\nkartoteka search ${q} --db ${o.db}\n`);
          for (const h of s.search(q, { limit: 5 })) process.stdout.write(`  ${hitLine(h)}\n`);
          const first = s.documents().find((d) => (d.counts.notes ?? 0) > 0);
          if (first) {
            const notes = s.layer(first.id, 'notes');
            const line = notes[0]?.markers[0]?.line ?? 1;
            process.stdout.write(`\nkartoteka show ${first.id} --line ${line} --db ${o.db}\n`);
            process.stdout.write(renderPassage(s, first.id, line, 1).display);
          }
          // One person followed through the corpus, found by a spelling none of the texts uses.
          const card = entityCard(s, findEntity('Toukhatchevski'));
          process.stdout.write(`\nkartoteka person Toukhatchevski --db ${o.db}\n  ${visible(card.entity.label)}: ${card.mentions} mentions in ${card.documents.length} documents\n`);
          for (const d of card.documents) process.stdout.write(`    ${visible(d.id)}: ${d.mentions}, first at line ${d.first.line} ("${visible(d.first.surface)}")\n`);
        });
        if (rows.some((r) => r.status === 'failed')) process.exitCode = 1;
        if (o.serve) {
          const address = await serve(o.db, { port: o.port, host: '127.0.0.1' });
          process.stdout.write(`\nThe web app: open ${address}/ in a browser (Ctrl-C stops it)\n`);
        }
      } catch (e) {
        fail(e);
      }
    });

  addNameCommands(program);
  addEventCommands(program);
  addServeCommand(program);
  return program;
}

/** Runs the CLI; commander's usage errors become one catalogued line. */
export async function run(argv: string[]): Promise<void> {
  // A reader that went away (`| head`) ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(0);
      fail(new KartotekaError('E_USAGE', undefined, `${e.message.replace(/^error:\s*/, '')} (see kartoteka --help)`));
    }
    fail(e);
  }
}

const invoked = process.argv[1] ? resolve(process.argv[1]) : '';
if (invoked.endsWith('kartoteka') || invoked.endsWith('kartoteka.js') || invoked === fileURLToPath(import.meta.url)) {
  void run(process.argv);
}

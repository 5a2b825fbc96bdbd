// The `mus` command line: commander wiring only. Each command loads its own modules when
// it runs, so `mus --help` and `mus tally` never load pdfkit or the fonts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { noticeLine, problemLine, type ProblemTexts } from './content/problem-lines.js';
import { describeFailure, UserError } from './errors.js';
import { maxCopies } from './limits.js';
import { excerpt, visible, visibleLines } from './text.js';
import { defaultContentDir, packageRoot } from './paths.js';
import type { NoticeLine } from './responses/types.js';

const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface BuildCommandOptions {
  out: string;
  content: string;
  responses?: string;
  leaders?: string;
  employees?: string;
  allowSmallGroups?: boolean;
  skipInvalid?: boolean;
  copies?: Record<'leader' | 'employee', number>;
  tilgang?: number;
  workshop?: string;
}

interface TallyCommandOptions {
  content: string;
  json?: boolean;
  leaders?: string;
  employees?: string;
  skipInvalid?: boolean;
  workshop?: string;
  spotCheck?: number;
}

const skipInvalidHelp =
  'count the returned tests and files that can be counted, and list the others instead of stopping';

const program = new Command()
  .name('mus')
  .description(
    'Printed material for MUS-testen: tests, A3 result posters and a facilitation checklist, built from YAML content, with posters pre-filled from the answers.',
  )
  .version(version, '-V, --version')
  .option('--debug', 'show stack traces for errors')
  .showHelpAfterError();

const contentOption = () =>
  new Option('-c, --content <dir>', 'content folder (YAML), e.g. content/da').default(
    defaultContentDir,
    'content/da in the package',
  );

// Scanned tests carry a fingerprint of the workshop lines they were printed with, so the
// tally needs the same workshop file as the build.
const workshopOption = () =>
  new Option(
    '--workshop <file>',
    'your workshop (workplace, unit, date, …) from this file instead of workshop.yaml in the content folder',
  );

const answersHelp =
  'answers: a YAML or JSON file, a survey export (CSV, xlsx) with a role column, returned fillable tests (PDF), or a folder of such files';

program
  .command('build')
  .description('write the material set (PDF) into the output folder; with answers, the result posters come pre-filled')
  .argument('[answers...]', answersHelp)
  .option('-o, --out <dir>', 'output folder, relative to the current folder', 'out')
  .addOption(contentOption())
  .option(
    '--responses <file|folder>',
    `the same as giving the answers as arguments (${answersHelp.replace('answers: ', '')})`,
  )
  .option('--leaders <file|folder>', "pre-fill the posters with the leaders' answers in this file or folder")
  .option('--employees <file|folder>', "pre-fill the posters with the employees' answers in this file or folder")
  .option(
    '--allow-small-groups',
    'show per-statement counts on the posters even for employee groups below the anonymity threshold',
  )
  .option('--skip-invalid', skipInvalidHelp)
  .option(
    '--copies <n|leaders,employees>',
    'also write print-ready files of numbered copies of each paper test (their sheets pair up when scanned): N of each, or e.g. 2,9 for 2 leader and 9 employee tests',
    parseCopies,
  )
  .option('--tilgang <n>', 'the checklist with this approach only (1 or 2); both when not given', approachNumber)
  .addOption(workshopOption())
  .action(async (answers: string[], opts: BuildCommandOptions) => {
    const { runBuild } = await import('./app/build.js');
    const [file, ...files] = opts.responses ? [opts.responses, ...answers] : answers;
    const written = await runBuild({
      contentDir: opts.content,
      outDir: opts.out,
      responses: { file, files, leader: opts.leaders, employee: opts.employees },
      allowSmallGroups: opts.allowSmallGroups,
      skipInvalid: opts.skipInvalid,
      tilgang: opts.tilgang,
      workshopFile: opts.workshop,
      notice: printNotice,
      copies: opts.copies,
    });
    for (const file of written) process.stdout.write(`${visibleLines(file)}\n`);
  });

program
  .command('tally')
  .description('count the answers (what the pre-filled posters show)')
  .argument('[answers...]', answersHelp)
  .option('--leaders <file|folder>', "the leaders' answers")
  .option('--employees <file|folder>', "the employees' answers")
  .option('--json', 'print the numbers as JSON')
  .option('--skip-invalid', skipInvalidHelp)
  .option('--spot-check <n>', 'scans: also list the n least sure rows read, to compare with the paper', parseSpotCheck)
  .addOption(contentOption())
  .addOption(workshopOption())
  .action(async (files: string[], opts: TallyCommandOptions) => {
    const [file, ...more] = files;
    if (!file && !opts.leaders && !opts.employees) {
      throw new UserError({
        file: 'mus tally',
        message: 'give the answers (a file or folder), or --leaders FILE and/or --employees FILE',
      });
    }
    const { runTally } = await import('./app/tally.js');
    const sources = { file, files: more, leader: opts.leaders, employee: opts.employees };
    await runTally(
      {
        sources,
        contentDir: opts.content,
        json: Boolean(opts.json),
        skipInvalid: opts.skipInvalid,
        workshopFile: opts.workshop,
        spotCheck: opts.spotCheck,
      },
      { stdout: (s) => process.stdout.write(visibleLines(s)), notice: printNotice },
    );
  });

program
  .command('app')
  .description('start the local web app (in the browser): a workshop from material to result, without a terminal')
  .option('--port <n>', 'listen on this port (127.0.0.1 only); a free one when not given', parsePort, 0)
  .option('--dir <folder>', 'the folder of the workshops (one folder each)', 'workshops')
  .option('--no-open', 'do not open the browser; only print the address')
  .addOption(contentOption())
  .action(async (opts: { port: number; dir: string; open: boolean; content: string }) => {
    const { startApp } = await import('./web/start.js');
    await startApp({
      dir: opts.dir,
      contentDir: opts.content,
      port: opts.port,
      open: opts.open,
      print: (line) => process.stdout.write(`${line}\n`),
    });
  });

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535)
    throw new UserError({ file: '--port', message: `"${value.slice(0, 20)}" is not a port from 1 to 65535` });
  return port;
}

function parseSpotCheck(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 10_000)
    throw new UserError({
      file: '--spot-check',
      message: `"${value.slice(0, 20)}" is not a number of rows from 1 to 10000`,
    });
  return n;
}

/** --copies N (N of each test) or L,E (L leader tests, E employee tests). */
function parseCopies(value: string): Record<'leader' | 'employee', number> {
  const parts = value.split(',').map((p) => p.trim());
  const counts = parts.map(Number);
  if (parts.length > 2 || parts.some((p, i) => !/^\d+$/.test(p) || counts[i] < 1 || counts[i] > maxCopies))
    throw new UserError({
      file: '--copies',
      message: `"${excerpt(value, 20)}" is not a number of copies from 1 to ${maxCopies}, or two of them as leaders,employees (e.g. 2,9)`,
    });
  return { leader: counts[0], employee: counts[counts.length - 1] };
}

/** --tilgang's value as a number; whether the checklist has that approach is checked against the content. */
function approachNumber(text: string): number {
  if (!/^[1-9][0-9]*$/.test(text.trim())) {
    throw new UserError({
      file: '--tilgang',
      message: `"${excerpt(text)}" is not an approach number; give 1 or 2`,
    });
  }
  return Number(text);
}

/**
 * Notices from reading the answers (e.g. ignored columns of a survey export) go to stderr,
 * never stdout, worded by the content's problems.yaml as the problems are.
 */
function printNotice(notice: NoticeLine): void {
  // a notice is one line: a line end in it came from an input
  process.stderr.write(`${visible(noticeLine(notice, problemTexts()))}\n`);
}

/** The content's problem texts (loaded before a command runs); none before that. */
let texts: ProblemTexts = {};
const problemTexts = (): ProblemTexts => texts;

/** User errors are one line each on stderr; anything else is a bug, with the stack behind --debug. */
async function report(err: unknown): Promise<void> {
  const debug = Boolean(program.opts().debug) || process.argv.includes('--debug');
  if (err instanceof UserError) {
    // Worded by the content when it has a text for the problem (problems.yaml), else as the code says.
    const texts = problemTexts();
    process.stderr.write(`${visibleLines(err.problems.map((p) => problemLine(p, texts)).join('\n'))}\n`);
    if (debug) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
    return;
  }
  const failure = describeFailure(err, debug);
  process.stderr.write(failure.text);
  process.exitCode = failure.exitCode;
}

// The content folder of the command being run: its problems.yaml words the problems reported.
let contentDir = defaultContentDir;
program.hook('preAction', async (_program, command) => {
  const given = command.opts().content;
  if (typeof given === 'string') contentDir = given;
  const { loadProblemTexts } = await import('./content/problems.js');
  try {
    texts = loadProblemTexts(contentDir);
  } catch {
    // a broken problems.yaml leaves the code's own words
  }
});

/**
 * Output nobody reads any more (`mus tally | head -c1`: the pipe closed) ends the program
 * quietly; output that cannot be written (`> /dev/full`) is one line on stderr and exit 1,
 * never Node's unhandled-error stack.
 */
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`mus: the output cannot be written (${err.code ?? err.message})\n`);
  process.exit(1);
});

program.parseAsync(process.argv).catch(report);

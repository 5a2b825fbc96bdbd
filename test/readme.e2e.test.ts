// The documentation's commands work as written. Every `npx mus …` command in README.md and
// docs/*.md — in a code block or inline — is run, in document order, in a team's folder laid
// out as the recipes describe: the files they name are the repository's examples and test
// fixtures under the names the documents give them, and the scan is a synthetic copier scan
// of the printed tests. The README stays a front door (≤ 6 KB), and its links lead somewhere.
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { fixture, repoRoot, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';
import { printTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack } from './helpers/scan/stack.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const docFiles = [
  'README.md',
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** The `npx mus …` commands of a Markdown text: lines of its code blocks, and inline code. */
function musCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)) {
    for (const line of block[1].split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command.startsWith('npx mus ')) commands.push(command);
    }
  }
  const prose = markdown.replace(/^```[a-z]*\n[\s\S]*?^```/gm, '');
  // `npx mus …` with an ellipsis stands for any command, not one to run.
  for (const span of prose.matchAll(/`(npx mus [^`]*)`/g)) if (!span[1].includes('…')) commands.push(span[1].trim());
  return commands;
}

const commands = docFiles.flatMap((file) =>
  musCommands(readFileSync(join(repoRoot, file), 'utf8')).map((command) => ({ file, command })),
);
/** Each command once (the guide repeats the README's), named with the documents that show it. */
const distinct = [...new Set(commands.map((c) => c.command))].map((command) => {
  const files = [...new Set(commands.filter((c) => c.command === command).map((c) => c.file))];
  return [`${files.join(', ')}: ${command}`, command] as const;
});

/**
 * A team's folder as the documents describe it, made of the repository's own files: the
 * example answers and workshop, the survey exports and returned tests of test/fixtures, a
 * copy of the content, and a copier's scan of filled-in paper tests.
 */
async function teamFolder(): Promise<string> {
  const dir = tempDir('mus-docs-');
  const team = join(dir, 'lageret');
  mkdirSync(join(team, 'svar'), { recursive: true });
  cpSync(join(repoRoot, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(repoRoot, 'content/da'), join(dir, 'content/da'), { recursive: true });
  cpSync(join(repoRoot, 'content/da'), join(dir, 'content/en'), { recursive: true }); // docs/content.md: "copy content/da"
  cpSync(join(repoRoot, 'examples/workshop.yaml'), join(team, 'workshop.yaml'));
  cpSync(join(repoRoot, 'examples/svar.yaml'), join(team, 'indtastet.yaml'));
  cpSync(fixture('exports/excel-ledere.csv'), join(team, 'ledere.csv'));
  cpSync(fixture('exports/forms-medarbejdere.xlsx'), join(team, 'medarbejdere.xlsx'));
  cpSync(fixture('exports/google-begge.csv'), join(team, 'svar.csv'));
  for (const file of ['pdftk-leder.pdf', 'pdftk-medarbejder.pdf', 'poppler-leder.pdf', 'mupdf-medarbejder.pdf'])
    cpSync(fixture(`returned/${file}`), join(team, 'svar', file));
  // Printed as the recipes print them, with the team's workshop: its lines are on the test.
  const content = loadContent(join(repoRoot, 'content/da'), { workshopFile: join(team, 'workshop.yaml') });
  const [leader, employee] = [await printTest(content, 'leader'), await printTest(content, 'employee')];
  const scan = await scanStack(
    [
      { test: leader, answers: randomAnswers(20, 31).map((a) => a ?? 0) },
      { test: employee, answers: randomAnswers(20, 32).map((a) => a ?? 1) },
      { test: employee, answers: randomAnswers(20, 33) },
    ],
    { dpi: 150, encoding: 'jpeg', seed: 34 },
  );
  writeFileSync(join(team, 'scan.pdf'), scan);
  return dir;
}

/** The anchors a Markdown viewer gives the headings: lower case, punctuation dropped, spaces as hyphens. */
const headingAnchors = (markdown: string) =>
  [...markdown.replace(/^```[a-z]*\n[\s\S]*?^```/gm, '').matchAll(/^#+ (.*)$/gm)].map((m) =>
    m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s/g, '-'),
  );

/** The words of a command as the shell would split these (no quotes are used in the documents). */
const words = (command: string) => command.replace(/^npx mus /, '').split(/\s+/);

describe('the commands in README.md and docs/', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await teamFolder();
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are there: the four recipes, and the example answers', () => {
    const inReadme = commands.filter((c) => c.file === 'README.md').map((c) => c.command);
    expect(inReadme).toContain('npx mus tally examples/svar.yaml');
    expect(inReadme.some((c) => c.includes('--copies') && c.includes('--tilgang 1'))).toBe(true);
    expect(inReadme.some((c) => c.includes('lageret/scan.pdf') && c.startsWith('npx mus build'))).toBe(true);
    expect(inReadme.some((c) => c.includes('lageret/svar/') && c.includes('--tilgang 2'))).toBe(true);
    expect(inReadme.some((c) => c.includes('--leaders') && c.includes('--employees'))).toBe(true);
    expect(commands.filter((c) => c.file === 'docs/vejledning.md').length).toBeGreaterThanOrEqual(4);
  });

  it('build each team into an output folder of its own (a second team in out/ replaces the first)', () => {
    const builds = commands.filter((c) => /^npx mus build(?! --help)/.test(c.command));
    expect(builds.length).toBeGreaterThan(0);
    for (const { file, command } of builds) expect(command, file).toMatch(/--out out\/[a-z]/);
  });

  it.each(distinct)('%s', (_, command) => {
    const args = words(command);
    const result = runMus(args, { cwd: dir });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stderr).toBe(0);
    if (args.includes('--help')) {
      expect(result.stdout).toMatch(/^Usage: mus /);
    } else if (args[0] === 'build') {
      // Every file it names is written, inside the output folder the command gives.
      const out = resolve(dir, args[args.indexOf('--out') + 1]);
      const written = result.stdout.trim().split('\n');
      expect(written.length, result.stdout).toBeGreaterThanOrEqual(9); // the blank set: 7 documents + 2 fillable tests
      for (const file of written) {
        expect(relative(out, resolve(dir, file)).startsWith('..'), file).toBe(false);
        expect(existsSync(resolve(dir, file)), file).toBe(true);
      }
    } else {
      expect(result.stdout).toMatch(args.includes('--json') ? /^\{/ : /Antal besvarelser/);
      if (args.includes('--json')) expect(JSON.parse(result.stdout)).toHaveProperty('leaders');
    }
  });

  it('the scan is read: its leader and two employees give the comparison poster', () => {
    const command = distinct.map(([, c]) => c).find((c) => c.startsWith('npx mus build') && c.includes('scan.pdf'));
    expect(command).toBeDefined();
    const result = runMus(words(command ?? ''), { cwd: dir });
    expect(result.stdout).toContain('resultatskema-sammenligning.pdf');
    expect(result.stderr).not.toMatch(/scan\.pdf/); // no page refused, none to look at
  });
});

describe('README.md', () => {
  it('is a front door: at most 6 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(6 * 1024);
  });

  it('starts with the set-up commands', () => {
    const lines = readme.split('\n');
    expect(lines[3]).toBe('npm install && npm start   # builds the blank material set into out/');
    expect(lines[4]).toMatch(/^npm install && npm test\s/);
    expect(lines[5]).toMatch(/^npm link\s/);
    expect(lines[6]).toMatch(/^mus app\s/); // started and checked in web-command.e2e.test.ts
  });

  it("says how to get Node 20, that npx works in the repo only, and not to accept npx's offer", () => {
    expect(readme).toMatch(/Node\.js 20/);
    expect(readme).toContain('nodejs.org');
    expect(readme).toContain('apt install nodejs');
    expect(readme).toMatch(/Inside this repository, `npx mus …` runs the repository's own `mus`/);
    expect(readme).toMatch(/unrelated package that happens to be called `mus`[^.]*answer \*\*no\*\*/);
  });

  it("the command `npm link` installs is the package's bin, a Node script", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toEqual(['mus']);
    const bin = join(repoRoot, pkg.bin.mus);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    accessSync(bin, constants.X_OK);
  });
});

describe('the documents', () => {
  const all = [...docFiles, 'bench/README.md'];

  it.each(all)('%s: every link within the repository leads to a file, and to a heading in it', (file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    for (const [, target, anchor] of text.matchAll(/\]\(([^)#\s]*)(?:#([^)\s]+))?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const linked = target === '' ? join(repoRoot, file) : resolve(repoRoot, file, '..', target);
      expect(existsSync(linked), `${file}: ${target}`).toBe(true);
      if (anchor)
        expect(headingAnchors(readFileSync(linked, 'utf8')), `${file}: ${target}#${anchor}`).toContain(anchor);
    }
  });

  it.each(all)('%s: names no machine path', (file) => {
    const text = readFileSync(join(repoRoot, file), 'utf8');
    expect(text).not.toMatch(/\/work\/|\/tmp\/|\.\.\/shared/);
  });
});

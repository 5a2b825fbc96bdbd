// A document is one folder, one registry line, a template, a content file and a file name in
// meta.yaml: a throw-away poster, made here from a temporary folder with block kinds the
// renderer has, is loaded, checked and built like the registered ones, and read back.
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { runBuild } from '../src/app/build.js';
import { documents, fileName } from '../src/app/documents.js';
import { loadContent } from '../src/documents/load.js';
import { registry } from '../src/documents/registry.js';
import type { Content } from '../src/content/model.js';
import type { DocumentKind } from '../src/documents/types.js';
import { defaultContentDir } from '../src/paths.js';
import { fixture, repoRoot, fewLeadersNotice } from './helpers/cli.js';
import { A3, flat, readPdf, tempDir } from './helpers/pdf.js';
import { loadProblemTexts, noticeLine } from '../src/content/problems.js';

/** The throw-away document's folder: its template, and a content folder with its texts and file name. */
function trialFolder(texts: string) {
  const dir = tempDir('mus-registry-');
  mkdirSync(join(dir, 'templates'));
  writeFileSync(
    join(dir, 'templates', 'trial.hbs'),
    [
      'title: {{{q title}}}',
      'paper: A3',
      'pages: fixed',
      'blocks:',
      '  - {kind: heading, level: 1, text: {{{q title}}} }',
      '  - {kind: paragraph, text: {{{q respondents}}} }',
      '  - kind: list',
      '    style: bullet',
      '    items:',
      '{{#each points}}',
      '      - {{{q this}}}',
      '{{/each}}',
      '',
    ].join('\n'),
  );
  const content = join(dir, 'da');
  cpSync(join(repoRoot, 'content/da'), content, { recursive: true });
  writeFileSync(join(content, 'proeve.yaml'), texts);
  appendFileSync(join(content, 'meta.yaml'), '  trialPoster: proeveplakat.pdf\n');
  return { dir, content };
}

const trialSchema = z
  .object({ title: z.string(), respondents: z.string(), points: z.array(z.string()).min(1) })
  .strict();
type TrialTexts = z.infer<typeof trialSchema>;

/** The registration, as its folder would export it: content part, file key, template, paper, view. */
const trialKind = (templateDir: string): DocumentKind => ({
  id: 'trial',
  content: { key: 'trial', file: 'proeve.yaml', schema: trialSchema },
  documents: [
    {
      id: 'trialPoster',
      template: 'trial',
      templateDir,
      paper: 'A3',
      answers: 'optional',
      view: (content, tallies) => {
        const texts = (content as Content & { trial: TrialTexts }).trial;
        const counted = tallies ? (tallies.leader?.respondents ?? 0) + (tallies.employee?.respondents ?? 0) : '___';
        return { ...texts, respondents: `${texts.respondents}: ${counted}` };
      },
    },
  ],
});

const trialTexts = 'title: Prøveplakat\nrespondents: Besvarelser\npoints:\n  - Første punkt\n  - Andet punkt\n';

describe('the registry', () => {
  it('holds every document content/da/meta.yaml names a file for, each once, in its order', () => {
    const files = (parse(readFileSync(join(repoRoot, 'content/da/meta.yaml'), 'utf8')) as { files: object }).files;
    expect(documents.flatMap((d) => [d.id, ...(d.fillable ? [d.fillable.id] : [])])).toEqual(Object.keys(files));
    expect(Object.keys(files)).toHaveLength(10);
  });

  it('names each kind once, and its template after it', () => {
    expect(registry.map((kind) => kind.id)).toEqual([
      'test',
      'poster',
      'checklist',
      'comparison',
      'dialogue',
      'action-plan',
    ]);
    for (const kind of registry) for (const d of kind.documents) expect(d.template, d.id).toBe(kind.id);
  });
});

describe('a document added from its own folder', () => {
  it('is built beside the registered ones, pre-filled from the answers, and reads back', async () => {
    const { dir, content } = trialFolder(trialTexts);
    const kinds = [...registry, trialKind(join(dir, 'templates'))];
    const out = join(dir, 'out');
    const notices: string[] = [];
    const written = await runBuild({
      contentDir: content,
      outDir: out,
      kinds,
      responses: { file: fixture('eksempel-svar.yaml') },
      notice: (n) => notices.push(noticeLine(n, loadProblemTexts(defaultContentDir))),
    });
    expect(notices).toEqual([fewLeadersNotice(2).trim()]); // the example has two leaders
    // Every registered document still, the comparison poster too (both groups answered), and the new one.
    const registered = loadContent(defaultContentDir);
    const expected = documents.flatMap((d) => [d.id, ...(d.fillable ? [d.fillable.id] : [])]);
    expect(readdirSync(out).sort()).toEqual(
      [...expected.map((id) => fileName(registered, id)), 'proeveplakat.pdf'].sort(),
    );
    expect(written.map((p) => p.split(/[\\/]/).pop())).toContain('proeveplakat.pdf');

    const pdf = await readPdf(join(out, 'proeveplakat.pdf'));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0].width).toBeCloseTo(A3.width, 1);
    expect(pdf.pages[0].height).toBeCloseTo(A3.height, 1);
    expect(pdf.info.Title).toBe('Prøveplakat');
    // The answers file's rows, counted here: 2 leaders and 9 employees.
    const answers = parse(readFileSync(fixture('eksempel-svar.yaml'), 'utf8')) as Record<string, unknown[]>;
    expect(answers.leaders.length + answers.employees.length).toBe(11);
    const text = flat(pdf.text);
    for (const line of ['Prøveplakat', 'Besvarelser: 11', 'Første punkt', 'Andet punkt']) expect(text).toContain(line);
  }, 120_000);

  it('has its content file checked like the others, named by file, line and field', () => {
    const { dir, content } = trialFolder('title: Prøveplakat\npoints: []\nfarve: rød\n');
    const kinds = [...registry, trialKind(join(dir, 'templates'))];
    expect(() => loadContent(content, { kinds })).toThrow(
      /^.*proeve\.yaml:1:1 respondents: is missing\n.*proeve\.yaml:2:9 points: .*\n.*proeve\.yaml:1:1: unknown field farve$/,
    );
  });

  it('needs its file name in meta.yaml, and the registered documents do not know it', () => {
    const { dir, content } = trialFolder(trialTexts);
    writeFileSync(
      join(content, 'meta.yaml'),
      readFileSync(join(content, 'meta.yaml'), 'utf8').replace('  trialPoster: proeveplakat.pdf\n', ''),
    );
    expect(() => loadContent(content, { kinds: [...registry, trialKind(join(dir, 'templates'))] })).toThrow(
      /meta\.yaml:\d+:\d+ files\.trialPoster: is missing$/,
    );
    const { content: withName } = trialFolder(trialTexts);
    expect(() => loadContent(withName)).toThrow(/meta\.yaml:\d+:\d+ files: unknown field trialPoster$/);
  });
});

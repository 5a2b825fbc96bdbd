// Returned tests as the PDF readers people use fill them in: the committed files of
// test/fixtures/returned/ (pdftk, Poppler, MuPDF, pypdf, a qpdf rewrite, and files from the
// previous writer; see make-fixtures.sh there), and files filled here with pdf.js (as
// Firefox does) and pdf-lib. Each must tally exactly as the same answers typed in YAML.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFName, PDFDocument, PDFString } from 'pdf-lib';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillForm, fillWithPdfjs } from './fixtures/forms/fill.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

const fixtures = join(repoRoot, 'test/fixtures/returned');
const answersYaml = join(fixtures, 'answers.yaml');
const sheets = parse(readFileSync(answersYaml, 'utf8')) as {
  leaders: { answers: (string | null)[] }[];
  employees: { answers: (string | null)[] }[];
};
const answers = { leder: sheets.leaders[0].answers, medarbejder: sheets.employees[0].answers };
const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];
const filled = tempDir('mus-returned-');
const stderrLines = (stderr: string) => stderr.trim().split('\n').filter(Boolean);
let typed: unknown; // the tally of answers.yaml

/** Tallies files with the CLI; the parsed JSON and the notices. */
function tally(files: string[], ...flags: string[]) {
  const result = runMus(['tally', ...files, '--json', ...flags]);
  return {
    ...result,
    json: result.code === 0 ? JSON.parse(result.stdout) : undefined,
    lines: stderrLines(result.stderr),
  };
}

beforeAll(async () => {
  typed = tally([answersYaml]).json;
  const out = tempDir('mus-returned-blank-');
  expect(runMus(['build', '--out', out]).code).toBe(0);
  for (const group of ['leder', 'medarbejder'] as const) {
    const blank = readFileSync(join(out, `mus-test-${group}-udfyldelig.pdf`));
    const positions = answers[group].map((a) => (a === null ? null : labels.indexOf(a)));
    writeFileSync(join(filled, `pdfjs-${group}.pdf`), await fillWithPdfjs(blank, positions));
    writeFileSync(join(filled, `pdflib-${group}.pdf`), await fillForm(blank, answers[group]));
  }
}, 60_000);

const pairs: [string, string, string][] = [
  ...['pdftk', 'poppler', 'mupdf', 'pypdf', 'qpdf'].map((tool): [string, string, string] => [
    tool,
    join(fixtures, `${tool}-leder.pdf`),
    join(fixtures, `${tool}-medarbejder.pdf`),
  ]),
  ['pdf.js (filled now)', join(filled, 'pdfjs-leder.pdf'), join(filled, 'pdfjs-medarbejder.pdf')],
  ['pdf-lib (filled now)', join(filled, 'pdflib-leder.pdf'), join(filled, 'pdflib-medarbejder.pdf')],
  // The previous writer's label state names (/Sj#E6ldent), rewritten by qpdf and pdftk as /Sj#e6ldent.
  [
    'the previous release, through qpdf and pdftk',
    join(fixtures, 'old-qpdf-leder.pdf'),
    join(fixtures, 'old-pdftk-medarbejder.pdf'),
  ],
  [
    'the previous release, filled with pdf-lib',
    join(fixtures, 'old-qpdf-leder.pdf'),
    join(fixtures, 'old-pdflib-medarbejder.pdf'),
  ],
];

describe('returned tests filled by each reader', () => {
  it('the answers typed in YAML tally to the numbers worked out by hand', () => {
    const { json, code } = tally([answersYaml]);
    expect(code).toBe(0);
    const { leaders, employees } = json;
    expect([leaders.respondents, leaders.complete, leaders.incomplete]).toEqual([1, 0, 1]);
    expect(leaders.statements.slice(0, 5)).toMatchObject([
      { counts: [1, 0, 0, 0, 0], unanswered: 0 },
      { counts: [0, 1, 0, 0, 0], unanswered: 0 },
      { counts: [0, 0, 1, 0, 0], unanswered: 0 },
      { counts: [0, 0, 0, 1, 0], unanswered: 0 },
      { counts: [0, 0, 0, 0, 0], unanswered: 1 },
    ]);
    expect(leaders.statements[11]).toMatchObject({ counts: [0, 0, 0, 0, 0], unanswered: 1 });
    expect(leaders.statements[19]).toMatchObject({ counts: [0, 0, 0, 0, 1], unanswered: 0 });
    expect(employees.statements.slice(0, 5)).toMatchObject([
      { counts: [0, 0, 0, 0, 1], unanswered: 0 },
      { counts: [0, 0, 0, 1, 0], unanswered: 0 },
      { counts: [0, 0, 0, 0, 0], unanswered: 1 },
      { counts: [0, 1, 0, 0, 0], unanswered: 0 },
      { counts: [1, 0, 0, 0, 0], unanswered: 0 },
    ]);
    expect(employees.statements[19]).toMatchObject({ counts: [0, 0, 0, 0, 0], unanswered: 1 });
  });

  it.each(pairs)('%s: tallies exactly as the same answers in YAML', (_, leader, employee) => {
    const fromPdfs = tally([leader, employee]);
    expect(fromPdfs.stderr).toBe('');
    expect(fromPdfs.code).toBe(0);
    expect(fromPdfs.json).toEqual(typed);
  });

  it("a folder of every reader's files counts each of them", () => {
    const dir = tempDir('mus-returned-all-');
    for (const [tool, leader, employee] of pairs) {
      const name = tool.replace(/\W+/g, '-');
      copyFileSync(leader, join(dir, `${name}-leder.pdf`));
      copyFileSync(employee, join(dir, `${name}-medarbejder.pdf`));
    }
    const { json, code, lines } = tally([dir]);
    expect(code).toBe(0);
    // The two rows from the previous release share their leader file: that one is named as identical.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/: 2 filer med nøjagtig de samme svar; de er alle talt med/);
    expect(json.leaders.respondents).toBe(pairs.length);
    expect(json.employees.respondents).toBe(pairs.length);
    expect(json.leaders.statements[0]).toMatchObject({ counts: [pairs.length, 0, 0, 0, 0], unanswered: 0 });
    expect(json.employees.statements[2]).toMatchObject({ counts: [0, 0, 0, 0, 0], unanswered: pairs.length });
  });
});

describe('returned tests that cannot be counted as they are', () => {
  /** A fixture changed with pdf-lib's low-level API, as a broken or odd filler might leave it. */
  async function changed(file: string, change: (doc: PDFDocument) => void): Promise<Uint8Array> {
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    change(doc);
    return doc.save({ updateFieldAppearances: false });
  }
  const group = (doc: PDFDocument, n: number) => doc.getForm().getRadioGroup(`udsagn-${n}`).acroField;

  it('two ticked boxes, a value naming no box, and a value against the ticked box: each reported for its statement, and skipped with --skip-invalid', async () => {
    const dir = tempDir('mus-returned-bad-');
    // Statement 4 is Oftest; a second box (Aldrig) switched on too.
    writeFileSync(
      join(dir, 'to-kryds.pdf'),
      await changed(join(fixtures, 'pdftk-leder.pdf'), (doc) =>
        group(doc, 4).getWidgets()[0].setAppearanceState(PDFName.of('0')),
      ),
    );
    writeFileSync(
      join(dir, 'ukendt.pdf'),
      await changed(join(fixtures, 'poppler-medarbejder.pdf'), (doc) =>
        group(doc, 6).dict.set(PDFName.of('V'), PDFName.of('7')),
      ),
    );
    writeFileSync(
      join(dir, 'uenig.pdf'),
      await changed(join(fixtures, 'mupdf-leder.pdf'), (doc) =>
        group(doc, 2).dict.set(PDFName.of('V'), PDFString.of('Oftest')),
      ),
    );
    copyFileSync(join(fixtures, 'mupdf-medarbejder.pdf'), join(dir, 'god.pdf'));

    const stopped = tally([dir]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toBe('');
    expect(stopped.lines).toEqual([
      `${join(dir, 'to-kryds.pdf')}: statement 4 has 2 boxes ticked (Aldrig and Oftest); only one answer can be counted, ask the person which they meant`,
      `${join(dir, 'uenig.pdf')}: statement 2 shows Sjældent ticked, but its value says Oftest; ask the person which they meant`,
      `${join(dir, 'ukendt.pdf')}: statement 6 has the value "7", which names none of its boxes; ask for the file again`,
    ]);

    const skipped = tally([dir], '--skip-invalid');
    expect(skipped.code).toBe(0);
    expect(skipped.json.leaders.respondents).toBe(0);
    expect(skipped.json.employees.respondents).toBe(1);
    expect(skipped.lines).toEqual([
      ...stopped.lines.map((line) => `${line} (sprunget over)`),
      '3 fil(er) kunne ikke tælles og er sprunget over; se problemet ved hver fil.',
    ]);
  });

  it('a password-protected file, and one encrypted for its permissions only, get their own line', () => {
    const files = [join(fixtures, 'password-leder.pdf'), join(fixtures, 'permissions-medarbejder.pdf')];
    const result = tally(files);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual(files.map((file) => `${file}: is password-protected; ask for an unprotected copy`));
  });

  it('identical files from two people are both counted, with one notice naming them', () => {
    const dir = tempDir('mus-returned-twins-');
    copyFileSync(join(fixtures, 'pdftk-medarbejder.pdf'), join(dir, 'anne.pdf'));
    copyFileSync(join(fixtures, 'pdftk-medarbejder.pdf'), join(dir, 'bo.pdf'));
    const { json, code, lines } = tally([dir]);
    expect(code).toBe(0);
    expect(json.employees.respondents).toBe(2);
    expect(json.employees.statements[0]).toMatchObject({ counts: [0, 0, 0, 0, 2], unanswered: 0 });
    expect(lines).toEqual([
      `${join(dir, 'anne.pdf')}, ${join(dir, 'bo.pdf')}: 2 filer med nøjagtig de samme svar; de er alle talt med. Har én person sendt den samme fil flere gange, så fjern de ekstra kopier.`,
    ]);
  });
});

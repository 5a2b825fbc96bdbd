// The fillable tests end to end, as the facilitator uses them: `mus build` writes them, the
// participants fill them in (here: pdf-lib with the known answers of fixtures/forms/answers.yaml)
// and send them back, and `mus tally` / `mus build --responses` read the folder of returned files.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answersFile, fillForm, knownAnswers } from './fixtures/forms/fill.js';
import { renderAll } from '../src/app/build.js';
import { loadContent } from '../src/documents/load.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

const out = tempDir('mus-forms-out-');
const returned = tempDir('mus-forms-returned-');
const blank = { leader: '', employee: '' };
const sheets = knownAnswers();

/** A folder with the given files: name → bytes. */
function folder(files: Record<string, Uint8Array | string>): string {
  const dir = tempDir('mus-forms-');
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

const returnedFile = (id: string) => readFileSync(join(returned, `${id}.pdf`));
const stderrLines = (stderr: string) => stderr.trim().split('\n').filter(Boolean);

beforeAll(async () => {
  const result = runMus(['build', '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  blank.leader = join(out, 'mus-test-leder-udfyldelig.pdf');
  blank.employee = join(out, 'mus-test-medarbejder-udfyldelig.pdf');
  // The participants' returned files, leaders and employees mixed in one folder.
  for (const [group, list] of [
    ['leader', sheets.leaders],
    ['employee', sheets.employees],
  ] as const) {
    for (const sheet of list)
      writeFileSync(join(returned, `${sheet.id}.pdf`), await fillForm(readFileSync(blank[group]), sheet.answers));
  }
}, 60_000);

describe('mus build writes the fillable tests', () => {
  it('next to the printed ones, byte-identical on every build', () => {
    const again = tempDir();
    expect(runMus(['build', '--out', again]).code).toBe(0);
    for (const name of ['mus-test-leder-udfyldelig.pdf', 'mus-test-medarbejder-udfyldelig.pdf']) {
      expect(readFileSync(join(again, name)).equals(readFileSync(join(out, name))), name).toBe(true);
    }
  });
});

describe('mus tally with returned tests', () => {
  it('counts a folder of returned tests exactly as the same answers typed into a responses file', () => {
    const fromPdfs = runMus(['tally', returned, '--json']);
    expect(fromPdfs.stderr).toBe('');
    expect(fromPdfs.code).toBe(0);
    const fromYaml = runMus(['tally', answersFile, '--json']);
    expect(fromYaml.code).toBe(0);
    expect(JSON.parse(fromPdfs.stdout)).toEqual(JSON.parse(fromYaml.stdout));

    // And the numbers themselves, worked out by hand in answers.yaml.
    const { leaders, employees } = JSON.parse(fromPdfs.stdout);
    expect([leaders.respondents, leaders.complete, leaders.incomplete]).toEqual([2, 1, 1]);
    expect(leaders.bands.map((b: { count: number }) => b.count)).toEqual([0, 0, 0, 0, 1]);
    expect(leaders.statements[0]).toMatchObject({ counts: [0, 0, 0, 1, 1], unanswered: 0, mean: 4.5 });
    expect(leaders.statements[19]).toMatchObject({ counts: [0, 0, 0, 0, 1], unanswered: 1, mean: 5 });
    expect([employees.respondents, employees.complete, employees.incomplete]).toEqual([5, 4, 1]);
    expect(employees.bands.map((b: { count: number }) => b.count)).toEqual([0, 1, 2, 1, 0]);
    expect(employees.tendency).toEqual([{ min: 41, max: 60 }]);
    expect(employees.statements[0]).toMatchObject({ counts: [1, 1, 1, 1, 1], unanswered: 0, mean: 3 });
    expect(employees.statements[1]).toMatchObject({ counts: [0, 1, 1, 1, 2], unanswered: 0, mean: 19 / 5 }); // 2 + 3 + 4 + 5 + 5 points
    expect(employees.statements[19]).toMatchObject({ counts: [0, 1, 1, 1, 1], unanswered: 1, mean: 3.5 });
  });

  it('takes the returned files one by one too', () => {
    const result = runMus([
      'tally',
      join(returned, 'L1.pdf'),
      join(returned, 'E1.pdf'),
      join(returned, 'E4.pdf'),
      '--json',
    ]);
    expect(result.code).toBe(0);
    const { leaders, employees } = JSON.parse(result.stdout);
    expect([leaders.respondents, employees.respondents]).toEqual([1, 2]);
  });

  it('counts identical returned files each (two people may answer alike), and names them in one notice', () => {
    const dir = folder({
      'E1.pdf': returnedFile('E1'),
      'E1 (kopi).pdf': returnedFile('E1'),
      'E2.pdf': returnedFile('E2'),
      'E2b.pdf': returnedFile('E2'),
      'E2c.pdf': returnedFile('E2'),
    });
    const result = runMus(['tally', dir, '--json']);
    expect(result.code).toBe(0);
    const { employees } = JSON.parse(result.stdout);
    expect(employees.respondents).toBe(5);
    // E1 ticks Sjældent (2 points) throughout, E2 Af og til (3): 2 + 3 of each.
    expect(employees.statements[0]).toMatchObject({ counts: [0, 2, 3, 0, 0], unanswered: 0 });
    expect(stderrLines(result.stderr)).toEqual([
      `${join(dir, 'E1 (kopi).pdf')}, ${join(dir, 'E1.pdf')}: 2 filer med nøjagtig de samme svar; de er alle talt med. Har én person sendt den samme fil flere gange, så fjern de ekstra kopier.`,
      `${join(dir, 'E2.pdf')}, ${join(dir, 'E2b.pdf')}, ${join(dir, 'E2c.pdf')}: 3 filer med nøjagtig de samme svar; de er alle talt med. Har én person sendt den samme fil flere gange, så fjern de ekstra kopier.`,
    ]);
  });

  it('reports a damaged file, a file that is no test, and a file from changed content, one line each, and stops', async () => {
    // A test made from content whose statement 1 has been reworded since (same version).
    const changedDir = tempDir('mus-forms-content-');
    cpSync(join(repoRoot, 'content/da'), changedDir, { recursive: true });
    const statementsFile = join(changedDir, 'udsagn.yaml');
    writeFileSync(
      statementsFile,
      readFileSync(statementsFile, 'utf8').replace('employee: MUS gennemføres', 'employee: MUS gennemføres hvert år'),
    );
    const [changed] = await renderAll(loadContent(changedDir), { only: ['mus-test-medarbejder-udfyldelig.pdf'] });
    const full = returnedFile('E2');
    const dir = folder({
      'E1.pdf': returnedFile('E1'),
      'E2.pdf': full.subarray(0, full.length - 5000),
      'E3.pdf': await fillForm(changed.bytes, sheets.employees[2].answers),
      'noter.pdf': 'ikke en pdf',
      'mus-test-medarbejder.pdf': readFileSync(join(out, 'mus-test-medarbejder.pdf')),
      'svar.docx': 'x',
    });
    const result = runMus(['tally', dir, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(stderrLines(result.stderr)).toEqual([
      `${join(dir, 'E2.pdf')}: is damaged: the PDF is cut short (no end marker); ask for the file again`,
      expect.stringMatching(
        /E3\.pdf: was made from other statements than .*content.da, though both say content version 2 /,
      ),
      expect.stringMatching(/mus-test-medarbejder\.pdf: is the printed test, not the fillable one/),
      `${join(dir, 'noter.pdf')}: is not a PDF file, so not a returned test`,
      expect.stringMatching(/svar\.docx: is not a returned test or a responses file \(only \.pdf, \.yaml/),
    ]);
  });

  it('with --skip-invalid counts the valid files and lists the skipped', () => {
    const dir = folder({
      'E1.pdf': returnedFile('E1'),
      'E4.pdf': returnedFile('E4'),
      'ødelagt.pdf': returnedFile('E2').subarray(0, 3000),
    });
    const result = runMus(['tally', dir, '--json', '--skip-invalid']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).employees.respondents).toBe(2);
    expect(stderrLines(result.stderr)).toEqual([
      `${join(dir, 'ødelagt.pdf')}: is damaged: the PDF is cut short (no end marker); ask for the file again (sprunget over)`,
      '1 fil(er) kunne ikke tælles og er sprunget over; se problemet ved hver fil.',
    ]);
  });

  it('reports a leader test in a folder given as --employees', () => {
    const dir = folder({ 'E1.pdf': returnedFile('E1'), 'L1.pdf': returnedFile('L1') });
    const result = runMus(['tally', '--employees', dir, '--json']);
    expect(result.code).toBe(1);
    expect(stderrLines(result.stderr)).toEqual([
      `${join(dir, 'L1.pdf')}: is the leader test, but was given as --employees (employees only)`,
    ]);
  });

  it('says when a returned test has nothing ticked', () => {
    const dir = folder({ 'E1.pdf': returnedFile('E1') });
    copyFileSync(blank.employee, join(dir, 'tom.pdf'));
    const result = runMus(['tally', dir, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).employees.respondents).toBe(2);
    expect(stderrLines(result.stderr)).toEqual([
      `${join(dir, 'tom.pdf')}: har ingen krydser; talt som en besvarelse uden svar. Er arket kommet med ved en fejl, så fjern det.`,
    ]);
  });
});

describe('mus build --responses with a folder of returned tests', () => {
  it('pre-fills the posters exactly as the same answers in a responses file do', () => {
    const fromPdfs = tempDir();
    const fromYaml = tempDir();
    const a = runMus(['build', '--responses', returned, '--out', fromPdfs]);
    // Nothing on stderr but the notice that a small leader group's answers can be recognised.
    expect(a.stderr.replace(/^resultatskema-leder\.pdf: svar fra kun \d+, færre end 5: [^\n]*\n/, '')).toBe('');
    expect(a.code).toBe(0);
    expect(runMus(['build', '--responses', answersFile, '--out', fromYaml]).code).toBe(0);
    for (const name of ['resultatskema-leder.pdf', 'resultatskema-medarbejder.pdf']) {
      expect(readFileSync(join(fromPdfs, name)).equals(readFileSync(join(fromYaml, name))), name).toBe(true);
    }
  });

  it('stops on an invalid file without touching the output folder', () => {
    const target = tempDir();
    expect(runMus(['build', '--out', target]).code).toBe(0);
    const before = readdirSync(target).map((name) => [name, statSync(join(target, name)).mtimeMs]);
    const dir = folder({ 'E1.pdf': returnedFile('E1'), 'kaput.pdf': returnedFile('E2').subarray(0, 4000) });
    mkdirSync(join(dir, 'gamle'));
    const result = runMus(['build', '--responses', dir, '--out', target]);
    expect(result.code).toBe(1);
    expect(stderrLines(result.stderr)).toEqual([
      `${join(dir, 'gamle')}: is a folder; files in folders inside ${dir} are not read`,
      `${join(dir, 'kaput.pdf')}: is damaged: the PDF is cut short (no end marker); ask for the file again`,
    ]);
    expect(readdirSync(target).map((name) => [name, statSync(join(target, name)).mtimeMs])).toEqual(before);
  });
});

// Counted wrong without a word (issue 26, 6), and the corrections file's guards: the same scan
// twice, a file of both groups given as --leaders, corrections that apply to nothing, a
// field value of the wrong kind. Each is an error or a notice naming the file.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { fixture, repoRoot, runMus } from './helpers/cli.js';
import { userError } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';
import { printTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack } from './helpers/scan/stack.js';

const content = loadContent(join(repoRoot, 'content/da'));
const cli = join(repoRoot, 'dist/src/cli.js');
const root = tempDir('mus-fault-counted-');
let scan: Uint8Array;
let folders = 0;

/** A folder holding the one-sheet scan, and whatever else is given. */
function scans(files: Record<string, string | Uint8Array> = {}): string {
  const dir = join(root, `scans-${++folders}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'scan.pdf'), scan);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

const correction = (sheet: string, statement: number | string, answer = 'Altid') =>
  `# rettelser\n- sheet: "scan.pdf:1"\n  statement: 3\n  answer: Oftest\n- sheet: "${sheet}"\n  statement: ${statement}\n  answer: ${answer}\n`;

beforeAll(async () => {
  const leaderTest = await printTest(content, 'leader');
  scan = await scanStack([{ test: leaderTest, answers: randomAnswers(20, 77) }], {
    dpi: 150,
    encoding: 'jpeg',
    seed: 5,
  });
}, 120_000);

describe('the same scan twice', () => {
  it('is counted once, with a notice naming both files', () => {
    const dir = scans();
    copyFileSync(join(dir, 'scan.pdf'), join(dir, 'scan-igen.pdf'));
    const result = runMus(['tally', dir, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).leaders.respondents).toBe(1);
    expect(result.stderr).toMatch(
      /scan(-igen)?\.pdf: er den samme fil som .*scan(-igen)?\.pdf \(helt ens\); talt med én gang/,
    );
  });
});

describe('corrections beside the scans that would apply to nothing are said, never ignored', () => {
  it('the correction as the review sheet names it is applied (the check lets it through)', () => {
    const result = runMus(['tally', scans({ 'rettelser.yaml': correction('scan.pdf:1', 4) }), '--json']);
    expect(result.code, result.stderr).toBe(0);
  });

  // A sheet not in the scans is a notice, not an error: removing a scan file (in the app too)
  // must not stop the tally over the corrections made for it.
  it('sheet 99: counted without it, and a notice naming the file and the sheet', () => {
    const result = runMus(['tally', scans({ 'rettelser.yaml': correction('99', 1) }), '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/rettelser\.yaml: har svar for ark 99, som ikke er i scanningerne; ikke brugt/);
  });

  for (const [what, sheet, statement, expected] of [
    ['statement 77', 'scan.pdf:1', 77, /rettelser\.yaml:5 entry 2: udsagn 77 findes ikke i testen \(1 til 20\)/],
    ['statement 1.5', 'scan.pdf:1', 1.5, /rettelser\.yaml:5 entry 2: udsagn 1\.5 findes ikke i testen/],
    ['statement −3', 'scan.pdf:1', -3, /rettelser\.yaml:5 entry 2: udsagn -3 findes ikke i testen/],
  ] as const) {
    it(what, () => {
      const line = userError(runMus(['tally', scans({ 'rettelser.yaml': correction(sheet, statement) })]));
      expect(line).toMatch(expected);
    });
  }
});

describe('the corrections file has the guards every file read has', () => {
  it('a FIFO named rettelser.yaml is refused at once, not waited on', () => {
    const dir = scans();
    execFileSync('mkfifo', [join(dir, 'rettelser.yaml')]);
    const result = spawnSync(process.execPath, [cli, 'tally', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(result.signal).toBeNull();
    expect(result.stderr).toMatch(/rettelser\.yaml: is not a regular file/);
    expect(result.status).toBe(1);
  });

  it('a link to /dev/zero is refused before it is read', () => {
    const dir = scans();
    symlinkSync('/dev/zero', join(dir, 'rettelser.yaml'));
    const result = spawnSync(process.execPath, [cli, 'tally', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(result.signal).toBeNull();
    expect(result.stderr).toMatch(/rettelser\.yaml: is (not a regular file|a link to a file outside the folder)/);
    expect(result.status).toBe(1);
  });

  it('a link out of the folder is not followed', () => {
    const dir = scans();
    const elsewhere = join(root, 'andet-sted.yaml');
    writeFileSync(elsewhere, correction('scan.pdf:1', 4));
    symlinkSync(elsewhere, join(dir, 'rettelser.yaml'));
    expect(userError(runMus(['tally', dir]))).toMatch(/rettelser\.yaml: is a link to a file outside the folder/);
  });

  it('a corrections file over 1 MB names the limit', () => {
    const big = `${'# '.padEnd(100, 'x')}\n`.repeat(12_000);
    expect(userError(runMus(['tally', scans({ 'rettelser.yaml': big })]))).toMatch(
      /rettelser\.yaml: is 1 MB; a corrections file is at most 1 MB|rettelser\.yaml: is \d+ (kB|MB); a corrections file is at most 1 MB/,
    );
  });
});

describe('a file of both groups given for one', () => {
  it('--leaders svar.yaml holding leaders and employees is an error, not 11 leaders', () => {
    const file = join(root, 'begge.yaml');
    copyFileSync(fixture('eksempel-svar.yaml'), file);
    const line = userError(runMus(['tally', '--leaders', file]));
    expect(line).toMatch(
      /begge\.yaml: holds both leaders' and employees' answers \(\d+ and \d+\), but was given as --leaders/,
    );
  });
});

describe('a returned test whose field value is of another kind', () => {
  it('/V [1] is an error for its statement, not an unanswered statement', async () => {
    const doc = await PDFDocument.load(readFileSync(join(repoRoot, 'test/fixtures/returned/pdftk-leder.pdf')));
    const field = doc.getForm().getField('udsagn-2');
    field.acroField.dict.set(PDFName.of('V'), doc.context.obj([PDFNumber.of(1)]));
    for (const kid of field.acroField.getWidgets()) kid.dict.set(PDFName.of('AS'), PDFName.of('Off'));
    const file = join(root, 'array-vaerdi.pdf');
    writeFileSync(file, await doc.save());
    expect(userError(runMus(['tally', file]))).toMatch(
      /array-vaerdi\.pdf: statement 2 has a value that is not a name or a text/,
    );
  });
});

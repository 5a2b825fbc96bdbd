// Nothing from an input reaches the terminal raw (issue 26, 3 and 4): ESC and OSC sequences,
// BEL, CR, LF, NUL and U+2028 planted in a CSV cell and header, a JSON key, id and value, a
// YAML key, an xlsx cell, a returned test's field value and metadata, and in the file names
// of returned tests and scans. No control byte may reach stdout or stderr except the line
// ends the program writes, each problem stays one line, and long keys are cut.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { utils, write } from '@e965/xlsx';
import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { errorText, excerpt, visible } from '../src/text.js';
import { formatProblem } from '../src/errors.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { pngClaiming } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';

/** What a participant may type: a title change, a screen clear, a fake line, and the rest. */
const planted = '\u001b]0;PWNED\u0007\u001b[2J\r\nFAKE: all files were counted\u0000\u2028\u009b31m\u202e';
/** The same in a text file (a NUL makes it a binary file, refused without quoting it). */
const plantedText = planted.replace('\u0000', '');
/** The same in a file name (no NUL or slash there). */
const plantedName = '\u001b]0;T\u0007\u001b[2J\rFAKE\n\u2028';

/** Control characters other than the program's own line ends, and the Unicode line separators. */
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;

function clean(result: ReturnType<typeof runMus>) {
  for (const [stream, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    const at = text.search(rawControl);
    expect(at, `${stream} has a control character: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 20))}`).toBe(
      -1,
    );
    expect(text).not.toMatch(/^FAKE/m);
  }
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code).not.toBe(2);
  // Every line is a problem or notice of its own, naming its file: none was broken in two.
  for (const line of result.stderr.trimEnd().split('\n')) expect(line.startsWith(dir), line).toBe(true);
}

const dir = tempDir('mus-fault-terminal-');
let folders = 0;
const folder = () => {
  const path = join(dir, `f${++folders}`);
  mkdirSync(path);
  return path;
};
const statements = Array.from({ length: 20 }, (_, i) => String(i + 1));
const answers = (first: string) => [first, ...Array(19).fill('Altid')];

describe('the one excerpt', () => {
  it('escapes every control character and cuts to the excerpt length', () => {
    expect(visible('a\u001b[2Jb\r\n\u0007\u0000\u2028\u009b')).toBe('a\\u001b[2Jb\\r\\n\\u0007\\u0000\\u2028\\u009b');
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(39)}…`);
    expect([...excerpt('x'.repeat(100))]).toHaveLength(40);
    // An escape is never cut in half, and counts at its shown length.
    expect(excerpt(`${'x'.repeat(36)}\u001b[2J`)).toBe(`${'x'.repeat(36)}…`);
    expect(excerpt('kort')).toBe('kort');
    expect(errorText(new Error(`first${planted}\nsecond`))).not.toMatch(rawControl);
  });

  it('a problem is one visible line whatever its file name and field hold', () => {
    const line = formatProblem({ file: `a${plantedName}.pdf`, field: `${'CPR '.repeat(400)}`, message: 'x' });
    expect(line).not.toMatch(rawControl);
    expect(line.length).toBeLessThan(200);
  });
});

describe('planted control characters never reach the terminal', () => {
  it('a CSV cell, a CSV header and the file name', () => {
    const at = folder();
    const header = ['Rolle', ...statements, JSON.stringify(plantedText)].join(';');
    const row = ['leder', ...answers(JSON.stringify(plantedText)), 'x'].join(';');
    writeFileSync(join(at, `svar${plantedName}.csv`), `${header}\n${row}\n`);
    const result = runMus(['tally', at]);
    clean(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"\\u001b]0;PWNED\\u0007');
  });

  it('a JSON key, id and value', () => {
    const at = folder();
    const data = { leaders: [{ id: planted, answers: answers(planted) }], [planted]: 1 };
    writeFileSync(join(at, 'svar.json'), JSON.stringify(data));
    const result = runMus(['tally', join(at, 'svar.json')]);
    clean(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('\\u001b]0;PWNED');
  });

  it('a YAML key and value', () => {
    const at = folder();
    writeFileSync(
      join(at, 'svar.yaml'),
      `leaders:\n  - ${JSON.stringify(answers(plantedText))}\n${JSON.stringify(plantedText)}: 1\n`,
    );
    const result = runMus(['tally', join(at, 'svar.yaml')]);
    clean(result);
    expect(result.code).toBe(1);
  });

  it('an xlsx cell', () => {
    const at = folder();
    const book = utils.book_new();
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([
        ['Rolle', ...statements],
        ['leder', ...answers(planted)],
      ]),
      'Svar',
    );
    writeFileSync(join(at, 'svar.xlsx'), write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const result = runMus(['tally', join(at, 'svar.xlsx')]);
    clean(result);
    expect(result.code).toBe(1);
  });

  it("a returned test's field value, its metadata and its file name", async () => {
    const at = folder();
    const fixture = readFileSync(join(repoRoot, 'test/fixtures/returned/pdftk-leder.pdf'));
    const valued = await PDFDocument.load(fixture);
    const field = valued.getForm().getField('udsagn-1');
    field.acroField.dict.set(PDFName.of('V'), PDFHexString.fromText(planted));
    writeFileSync(join(at, `leder${plantedName}.pdf`), await valued.save());
    const labelled = await PDFDocument.load(fixture, { updateMetadata: false });
    labelled.getInfoDict().set(PDFName.of('MusTest'), PDFHexString.fromText(planted));
    writeFileSync(join(at, `info${plantedName}.pdf`), await labelled.save());
    const result = runMus(['tally', at]);
    clean(result);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/leder\\u001b.*\\u001b\]0;PWNED/);
  });

  it('the file name of a scan', () => {
    const at = folder();
    writeFileSync(join(at, `side${plantedName}.png`), pngClaiming(40_000, 40_000));
    const result = runMus(['tally', at]);
    clean(result);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('side\\u001b]0;T\\u0007');
  });
});

describe('echoes are cut (issue 26, 4)', () => {
  it("a JSON key of 1 473 characters (someone's free text) is not echoed whole", () => {
    const at = folder();
    const key = `${'Karen Hansen CPR 010200-1234 '.repeat(50)}`.slice(0, 1473);
    writeFileSync(join(at, 'svar.json'), JSON.stringify({ leaders: [{ [key]: answers('Altid') }] }));
    const result = runMus(['tally', join(at, 'svar.json')]);
    expect(result.code).toBe(1);
    for (const line of result.stderr.trimEnd().split('\n')) expect(line.length).toBeLessThan(400);
    expect(result.stderr.split('CPR').length - 1).toBeLessThanOrEqual(4);
  });
});

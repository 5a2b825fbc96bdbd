// Survey exports (Microsoft Forms xlsx, Google Forms CSV, Excel CSV) straight into the tally:
// the committed samples against hand-checked tallies, the dialects, column matching, every
// error, notices, privacy, and the same tally whatever format the same answers come in.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { utils, write } from '@e965/xlsx';
import { noticeLine } from '../src/content/problem-lines.js';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadContent } from '../src/documents/load.js';
import type { Content } from '../src/content/model.js';
import { type NoticeLine, UserError } from '../src/errors.js';
import { createHeaderMatcher } from '../src/responses/readers/table/columns.js';
import { formatOf, readResponseSources, type ResponseSources } from '../src/responses/sources.js';
import { groupKeys } from '../src/content/groups.js';
import { answersByGroup } from '../src/responses/types.js';
import { tallyResponses, type GroupTally, type GroupTallies } from '../src/tally/tally.js';
import { googleRows, formsRows } from './fixtures/exports/make-fixtures.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const exportsDir = fileURLToPath(new URL('./fixtures/exports/', import.meta.url));
const sample = (name: string) => join(exportsDir, name);
const validAnswers = 'Aldrig, Sjældent, Af og til, Oftest, Altid or 1–5';

const content: Content = loadContent(join(repoRoot, 'content/da'));
const texts = content.numbered.map((s) => ({ leader: s.leader, employee: s.employee }));

const dir = tempDir('mus-exports-');
let fileCount = 0;
/** Writes a file into a fresh temp folder under its own name, and returns its path. */
function temp(name: string, data: string | Uint8Array): string {
  const folder = mkdtempSync(join(dir, `${++fileCount}-`));
  const file = join(folder, name);
  writeFileSync(file, data);
  return file;
}

type Row = (string | number | Date | null)[];
interface CsvStyle {
  delimiter?: string;
  bom?: boolean;
  eol?: string;
}
function csvText(rows: Row[], style: CsvStyle = {}): string {
  const { delimiter = ';', bom = false, eol = '\r\n' } = style;
  const field = (value: Row[number]) => {
    const text = value === null ? '' : value instanceof Date ? value.toISOString() : String(value);
    return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${bom ? '\uFEFF' : ''}${rows.map((r) => r.map(field).join(delimiter)).join(eol)}${eol}`;
}
function xlsxBytes(sheets: Record<string, Row[]>): Buffer {
  const book = utils.book_new();
  for (const [name, rows] of Object.entries(sheets))
    utils.book_append_sheet(book, utils.aoa_to_sheet(rows, { cellDates: true }), name);
  return write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

const numbered = (prefix = 'Spørgsmål ') => texts.map((_, i) => `${prefix}${i + 1}`);
const all = (value: string | number | null) => texts.map(() => value);

/** Read and tally, as the commands do. */
async function tally(sources: ResponseSources, notices?: (m: string) => void): Promise<GroupTallies> {
  const notice = notices && ((n: NoticeLine) => notices(noticeLine(n, {}))); // the code's own words
  return tallyResponses(answersByGroup(await readResponseSources(sources, content, { notice })), content);
}

/** The UserError an input gives. */
async function problem(sources: ResponseSources): Promise<string> {
  let thrown: unknown;
  await readResponseSources(sources, content).catch((error: unknown) => (thrown = error));
  expect(thrown, 'expected a UserError').toBeInstanceOf(UserError);
  return (thrown as UserError).message;
}

// ── the committed samples, against tallies worked out by hand (fixtures/exports/README.md) ──

interface ExpectedGroup {
  respondents: number;
  complete: number;
  bands: number[];
  tendency: string[];
  statements: { n: string; counts: number[]; unanswered: number }[];
}
const expectedSamples = JSON.parse(readFileSync(sample('expected.json'), 'utf8')) as Record<
  string,
  { given: 'file' | 'leaders' | 'employees'; leaders?: ExpectedGroup; employees?: ExpectedGroup }
>;

/** The hand-written compact form ("2-10": counts) as the tally's shape. */
function expand(expected: ExpectedGroup | undefined): GroupTally {
  const bandRanges = content.scoring.bands.map((b) => ({ min: b.min, max: b.max }));
  if (!expected)
    return {
      respondents: 0,
      complete: 0,
      incomplete: 0,
      bands: bandRanges.map((b) => ({ ...b, count: 0 })),
      tendency: [],
      statements: texts.map(() => ({ counts: [0, 0, 0, 0, 0], unanswered: 0 })),
    };
  const statements = expected.statements.flatMap(({ n, counts, unanswered }) => {
    const [from, to = from] = n.split('-').map(Number);
    return Array.from({ length: to - from + 1 }, () => ({ counts, unanswered }));
  });
  expect(statements).toHaveLength(texts.length);
  return {
    respondents: expected.respondents,
    complete: expected.complete,
    incomplete: expected.respondents - expected.complete,
    bands: bandRanges.map((b, i) => ({ ...b, count: expected.bands[i] })),
    tendency: expected.tendency.map((t) => {
      const [min, max] = t.split('–').map(Number);
      return { min, max };
    }),
    statements,
  };
}

describe('the committed sample exports', () => {
  it.each(Object.keys(expectedSamples))('%s gives the hand-checked tally', async (name) => {
    const expected = expectedSamples[name];
    const file = sample(name);
    const sources: ResponseSources = expected.given === 'file' ? { file } : { [groupKeys[expected.given]]: file };
    const notices: string[] = [];
    const result = await tally(sources, (m) => notices.push(m));
    expect(result.leader).toEqual(expand(expected.leaders));
    expect(result.employee).toEqual(expand(expected.employees));
    expect(notices).toHaveLength(1);
  });

  it('lists the ignored columns of each sample in one notice, and the role column is not among them', async () => {
    const notices: string[] = [];
    await tally({ employee: sample('forms-medarbejdere.xlsx') }, (m) => notices.push(m));
    await tally({ leader: sample('excel-ledere.csv') }, (m) => notices.push(m));
    await tally({ file: sample('google-begge.csv') }, (m) => notices.push(m));
    expect(notices).toEqual([
      `${sample('forms-medarbejdere.xlsx')}: ignored 7 columns that are not statements: "Id", "Starttidspunkt", "Fuldførelsestidspunkt", "Mail", "Navn", "Tidspunkt for seneste ændring", "Har du andre kommentarer?"`,
      `${sample('excel-ledere.csv')}: ignored 3 columns that are not statements: "Skema nr.", "Indtastet", "Bemærkninger"`,
      `${sample('google-begge.csv')}: ignored 3 columns that are not statements: "Tidsstempel", "E-mailadresse", "Har du kommentarer?"`,
    ]);
  });

  it('the Excel sample is the Danish dialect: BOM, semicolons, CRLF, a quoted field with ; quotes and a line break', () => {
    const bytes = readFileSync(sample('excel-ledere.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.match(/(?<!\r)\n/g)).toBeNull(); // every line ends in CRLF
    expect(text).toContain('"Godt; men ""kort""\r\nNy linje"');
  });

  it('both groups combine from two files of different formats', async () => {
    const result = await tally({ leader: sample('excel-ledere.csv'), employee: sample('forms-medarbejdere.xlsx') });
    expect(result.leader).toEqual(expand(expectedSamples['excel-ledere.csv'].leaders));
    expect(result.employee).toEqual(expand(expectedSamples['forms-medarbejdere.xlsx'].employees));
  });
});

// ── column headers ──

describe('matching headers to statements', () => {
  const read = (header: string) => {
    const reading = createHeaderMatcher(texts).read(header);
    return reading?.number ?? reading?.text.leader ?? reading?.text.employee;
  };

  it('reads numbers alone or after a word', () => {
    for (const header of [
      '7',
      '7.',
      ' 7 ',
      'Udsagn 7',
      'udsagn7',
      'Spørgsmål 7',
      'SPØRGSMÅL NR. 7',
      'Statement 7',
      'Q7',
      'q 7',
      'Question 07',
      'Spm. 7',
    ]) {
      expect(read(header), header).toBe(7);
    }
  });

  it('reads the text of either version, ignoring case, spacing and punctuation', () => {
    expect(read(texts[6].leader)).toBe(7);
    expect(read(texts[6].employee)).toBe(7);
    expect(read('  jeg GIVER den enkelte klare tilbagemeldinger på opgaveløsningen!! ')).toBe(7);
    expect(read('Jeg giver den enkelte, klare tilbage-meldinger på opgave løsningen')).toBe(7);
  });

  it('reads a number followed by the text', () => {
    expect(read(`7. ${texts[6].leader}`)).toBe(7);
    expect(read(`7) ${texts[6].employee}`)).toBe(7);
  });

  it('reads the row part after a question title: Title.Row (Microsoft) and Title [Row] (Google)', () => {
    expect(read(`Hvor godt fungerer din MUS?.${texts[6].leader}`)).toBe(7);
    expect(read(`Del 2. Selve MUS-samtalen.${texts[6].employee}`)).toBe(7);
    expect(read(`MUS-testen [${texts[6].employee}]`)).toBe(7);
    expect(read('MUS-testen [Udsagn 7]')).toBe(7);
    expect(read('Hvor godt fungerer din MUS?.7')).toBe(7);
  });

  it('leaves everything else alone', () => {
    for (const header of [
      'Id',
      'ID',
      'Starttidspunkt',
      'Start time',
      'Completion time',
      'Email',
      'Navn',
      'Tidsstempel',
      'Timestamp',
      'Tidspunkt for seneste ændring',
      'Kommentar 2',
      'Har du kommentarer til pkt. 3?',
      'Version 2.3',
      '',
      'Jeg giver den enkelte',
    ]) {
      expect(read(header), header).toBeUndefined();
    }
  });
});

// ── dialects and formats ──

describe('CSV dialects and file formats', () => {
  const header = ['Tidsstempel', ...numbered()];
  const rows: Row[] = [header, ['t1', ...all('Altid')], ['t2', ...all(2)], ['t3', ...all(null)]];
  const expectSheets = (result: GroupTallies) => {
    expect(result.leader.respondents).toBe(3);
    expect(result.leader.complete).toBe(2);
    expect(result.leader.statements[0]).toEqual({ counts: [0, 1, 0, 0, 1], unanswered: 1 });
  };

  it.each([
    ['semicolon, BOM, CRLF', { delimiter: ';', bom: true, eol: '\r\n' }],
    ['comma, LF', { delimiter: ',', bom: false, eol: '\n' }],
    ['tab, CR', { delimiter: '\t', bom: false, eol: '\r' }],
    ['semicolon, no BOM, LF', { delimiter: ';', eol: '\n' }],
  ])('finds the separator and line ends itself: %s', async (_name, style) => {
    expectSheets(await tally({ leader: temp('svar.csv', csvText(rows, style)) }));
  });

  it('finds the separator when headers hold the other separators', async () => {
    const withCommas = [
      ['Kommentar, fri tekst', ...texts.map((t) => t.leader)],
      ['a, b', ...all('Oftest')],
      ['', ...all('Oftest')],
    ];
    const result = await tally({ leader: temp('svar.csv', csvText(withCommas, { delimiter: ';' })) });
    expect(result.leader.respondents).toBe(2);
    expect(result.leader.bands.map((b) => b.count)).toEqual([0, 0, 0, 2, 0]);
  });

  it("honours Excel's sep= line and counts rows after it", async () => {
    const file = temp(
      'svar.csv',
      `sep=,\r\n${csvText([header, ['t', ...all('Altid')], ['t', ...all('Måske')]], { delimiter: ',' })}`,
    );
    expect(await problem({ leader: file })).toContain(`${file}: row 3, column "Spørgsmål 1": "Måske" is not an answer`);
  });

  it('reads Windows-1252 (older Excel "CSV (semikolonsepareret)") and UTF-16 text', async () => {
    const text = csvText([
      ['Bemærkning', ...numbered()],
      ['æøå', ...all('Sjældent')],
    ]);
    const cp1252 = Buffer.from(
      text.replace(/[^\x00-\x7f]/g, (c) => String.fromCharCode({ æ: 0xe6, ø: 0xf8, å: 0xe5 }[c] ?? 0x3f)),
      'latin1',
    );
    expect(cp1252.includes(Buffer.from('Sjældent', 'latin1'))).toBe(true);
    const fromCp1252 = await tally({ leader: temp('svar.csv', cp1252) });
    expect(fromCp1252.leader.statements[0].counts).toEqual([0, 1, 0, 0, 0]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/;/g, '\t'), 'utf16le')]);
    const fromUtf16 = await tally({ leader: temp('svar.txt', utf16) });
    expect(fromUtf16.leader.statements[0].counts).toEqual([0, 1, 0, 0, 0]);
  });

  // SheetJS's codepage tables are loaded for a binary .xls alone (readers/xlsx.ts): these
  // formats must read as an xlsx does, letters, sheet names and cell positions included.
  it.each([
    ['Excel 97–2003 (.xls)', 'svar.xls', 'biff8'],
    ['OpenDocument (.ods)', 'svar.ods', 'ods'],
    ['Excel binary (.xlsb)', 'svar.xlsb', 'xlsb'],
  ] as const)('reads a workbook saved as %s', async (_name, name, bookType) => {
    const book = utils.book_new();
    utils.book_append_sheet(book, utils.aoa_to_sheet([['Lavet af', 'Forms']]), 'Info');
    utils.book_append_sheet(book, utils.aoa_to_sheet(rows), 'Svar æøå');
    const bytes = write(book, { type: 'buffer', bookType }) as Buffer;
    const notices: string[] = [];
    expectSheets(await tally({ leader: temp(name, bytes) }, (m) => notices.push(m)));
    expect(notices.join('\n')).toContain('not read (no statements in the header): sheet "Info"');

    utils.book_append_sheet(book, utils.aoa_to_sheet([header, ['t', 'Måske']]), 'Ark ø');
    const file = temp(name, write(book, { type: 'buffer', bookType }) as Buffer);
    expect(await problem({ leader: file })).toBe(
      `${file}: sheet "Ark ø", row 2, column "Spørgsmål 1": "Måske" is not an answer (${validAnswers})`,
    );
  });

  it('reads Windows-1252 whose first special letter comes late in a long file', async () => {
    const rows: Row[] = [['Kommentar', ...numbered('Udsagn ')]]; // plain ASCII up to the last row
    for (let i = 0; i < 2000; i++) rows.push(['', ...all('Aldrig')]);
    rows.push(['blåbær', ...all('Aldrig')]);
    const bytes = Buffer.from(
      csvText(rows).replace(/[^\x00-\x7f]/g, (c) => String.fromCharCode({ æ: 0xe6, ø: 0xf8, å: 0xe5 }[c] ?? 0x3f)),
      'latin1',
    );
    expect(bytes.length).toBeGreaterThan(200_000);
    const result = await tally({ leader: temp('svar.csv', bytes) });
    expect(result.leader.respondents).toBe(2001);
  });

  it('reads quoted fields holding separators, quotes and line breaks, and counts rows as a spreadsheet does', async () => {
    const file = temp(
      'svar.csv',
      csvText([
        ['Kommentar', ...numbered()],
        ['to\r\nlinjer; "citat"', ...all(1)],
        ['', ...all('nej')],
      ]),
    );
    expect(await problem({ leader: file })).toMatch(
      new RegExp(`^${escapeRegex(file)}: row 3, column "Spørgsmål 1": "nej" is not an answer`),
    );
  });

  it('skips empty rows and reads short rows as empty cells', async () => {
    const text = csvText([['Id', ...numbered()], ['1', ...all('Altid')], [], ['', '', ''], ['2', 'Aldrig', 'Aldrig']]);
    const result = await tally({ leader: temp('svar.csv', text) });
    expect(result.leader.respondents).toBe(2);
    expect(result.leader.statements[2]).toEqual({ counts: [0, 0, 0, 0, 1], unanswered: 1 });
  });

  it('takes the format from the content: a workbook named .csv, CSV text named .xlsx, any extension', async () => {
    const rowsX: Row[] = [header, ['t', ...all('Oftest')]];
    const asCsv = temp('svar.csv', xlsxBytes({ Ark1: rowsX }));
    const asXlsx = temp('svar.xlsx', csvText(rowsX));
    const noExtension = temp('svar', csvText(rowsX, { delimiter: '\t' }));
    const yamlAsTxt = temp('svar.txt', stringify({ leaders: [all('Oftest')] }));
    expect([asCsv, asXlsx, noExtension, yamlAsTxt].map(formatOf)).toEqual(['xlsx', 'csv', 'csv', 'yaml']);
    for (const file of [asCsv, asXlsx, noExtension, yamlAsTxt]) {
      expect((await tally({ leader: file })).leader.bands[3].count, file).toBe(1);
    }
  });

  it('reads the sheet that holds the statements, and names it in messages when there are several', async () => {
    const file = temp(
      'svar.xlsx',
      xlsxBytes({ Info: [['Lavet af', 'Forms']], Svar: [header, ['t', ...all('Altid')], ['t', 'Tja']] }),
    );
    expect(await problem({ leader: file })).toBe(
      `${file}: sheet "Svar", row 3, column "Spørgsmål 1": "Tja" is not an answer (${validAnswers})`,
    );
  });

  it('uses the sheet row numbers when the data does not start in A1', async () => {
    const book = utils.book_new();
    const sheet = utils.aoa_to_sheet([header, ['t', ...all('Altid')], ['t', ...all(9)]], { origin: 'C4' });
    utils.book_append_sheet(book, sheet, 'Ark1');
    const file = temp('svar.xlsx', write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(await problem({ leader: file })).toContain(
      `${file}: row 6, column "Spørgsmål 1": 9 is not one of the points 1–5`,
    );
  });

  it('reads English Microsoft Forms headers and statement-only Likert headers', async () => {
    const rowsEn: Row[] = [
      ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', ...texts.map((t) => t.leader)],
      [1, new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 2)), 'anonymous', null, null, ...all('Af og til')],
    ];
    const notices: string[] = [];
    const result = await tally({ leader: temp('answers.xlsx', xlsxBytes({ Sheet1: rowsEn })) }, (m) => notices.push(m));
    expect(result.leader.bands[2].count).toBe(1);
    expect(notices[0]).toContain(
      'ignored 6 columns that are not statements: "ID", "Start time", "Completion time", "Email", "Name", "Last modified time"',
    );
  });
});

// ── errors ──

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('errors name the file, the row and the column', () => {
  it('an unknown answer: row and column in spreadsheet terms (the example from the issue)', () => {
    const rows: Row[] = [['Id', ...numbered()]];
    for (let i = 2; i <= 15; i++) rows.push([i - 1, ...all('Oftest')]);
    rows[13][7] = 'Måske'; // row 14, statement 7
    const folder = join(temp('svar.csv', csvText(rows)), '..');
    const result = runMus(['tally', '--leaders', 'svar.csv'], { cwd: folder });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n').pop()).toBe(
      `svar.csv: row 14, column "Spørgsmål 7": "Måske" is not an answer (${validAnswers})`,
    );
  });

  it('every missing statement is listed', async () => {
    const headers = numbered().filter((_, i) => ![2, 6, 11].includes(i));
    const file = temp('svar.csv', csvText([['Tidsstempel', ...headers, 'Kommentar']]));
    expect(await problem({ leader: file })).toBe(
      `${file}: no column for statements 3, 7 and 12 (a header is a statement's text, its number like "7", "Udsagn 7" or "Q7", ` +
        'or "7. " and the text, also after a question title as "Title.Row" or "Title [Row]")',
    );
  });

  it('two columns for one statement', async () => {
    const file = temp(
      'svar.csv',
      csvText([
        [...numbered(), `Titel [${texts[6].employee}]`],
        [...all('Altid'), 'Altid'],
      ]),
    );
    expect(await problem({ employee: file })).toBe(
      `${file}: columns G and U are both statement 7 ("Spørgsmål 7", "Titel [Min leder giver mig klare tilbagemeldinger på min op…"); keep one`,
    );
  });

  it('files given the wrong way round: employee statements given as --leaders', async () => {
    const file = temp('medarbejdere.csv', csvText([texts.map((t) => t.employee), all('Altid')]));
    expect(await problem({ leader: file })).toBe(
      `${file}: the headers are the employees' statements, but the file was given as --leaders; are --leaders and --employees swapped?`,
    );
    const right = temp('ledere.csv', csvText([texts.map((t) => t.leader), all('Altid')]));
    expect(await problem({ employee: right })).toMatch(
      /the headers are the leaders' statements, but the file was given as --employees/,
    );
  });

  it('a doubled column is named by its letters', async () => {
    const headers = numbered();
    const file = temp(
      'svar.csv',
      csvText([
        [...headers, headers[12]],
        [...all('Altid'), 'Altid'],
      ]),
    );
    expect(await problem({ employee: file })).toBe(
      `${file}: columns M and U are both "Spørgsmål 13" (statement 13); keep one`,
    );
  });

  it('a number that disagrees with the text after it', async () => {
    const headers = numbered();
    headers[6] = `7. ${texts[7].leader}`;
    const file = temp('svar.csv', csvText([headers]));
    const message = await problem({ leader: file });
    expect(message.split('\n')[0]).toMatch(
      new RegExp(
        `^${escapeRegex(file)}: column "7\\. Under MUS drøftes, hvordan [^"]*…": the number says statement 7, but the text is statement 8; correct one of them$`,
      ),
    );
    expect(message.split('\n')[1]).toMatch(/: no column for statement 7 /);
  });

  it('a single file without a role column, suggesting --leaders/--employees', async () => {
    const file = temp(
      'svar.csv',
      csvText([
        ['Tidsstempel', ...numbered()],
        ['t', ...all('Altid')],
      ]),
    );
    expect(await problem({ file })).toBe(
      `${file}: has no role column (a column saying leder or medarbejder in every row), so whose answers these are is not known; ` +
        `give the file as --leaders ${file} or --employees ${file}, or add a role question to the survey`,
    );
  });

  it('a group given twice', async () => {
    const both = temp(
      'begge.csv',
      csvText([
        ['Rolle', ...numbered()],
        ['Leder', ...all('Altid')],
        ['Medarbejder', ...all('Altid')],
      ]),
    );
    const leaders = temp('ledere.csv', csvText([numbered(), all('Altid')]));
    expect(await problem({ file: both, leader: leaders })).toBe(
      `${leaders}: leaders are given twice (also in ${both})`,
    );
  });

  it("a file given for one group that holds the other group's answers", async () => {
    const employees = temp(
      'svar.csv',
      csvText([
        ['Rolle', ...numbered()],
        ['medarbejder', ...all('Altid')],
      ]),
    );
    expect(await problem({ leader: employees })).toBe(
      `${employees}: column "Rolle": holds employees' answers, but was given as --leaders; give it as the responses file (mus tally FILE, mus build --responses FILE)`,
    );
    const mixed = temp(
      'svar.csv',
      csvText([
        ['Rolle', ...numbered()],
        ['leder', ...all('Altid')],
        ['medarbejder', ...all('Altid')],
      ]),
    );
    expect(await problem({ employee: mixed })).toContain(
      'column "Rolle": holds both leaders\' and employees\' answers, but was given as --employees',
    );
  });

  it('two role columns, and a row without a role', async () => {
    const two = temp(
      'svar.csv',
      csvText([
        ['Rolle', 'Gruppe', ...numbered()],
        ['Leder', 'ledere', ...all('Altid')],
      ]),
    );
    expect(await problem({ file: two })).toBe(
      `${two}: column "Rolle" and column "Gruppe" both say leder or medarbejder; keep one role column`,
    );
    const empty = temp(
      'svar.csv',
      csvText([
        ['Rolle', ...numbered()],
        ['Leder', ...all('Altid')],
        ['', ...all('Altid')],
      ]),
    );
    expect(await problem({ file: empty })).toBe(
      `${empty}: row 3, column "Rolle": is empty; write leder or medarbejder`,
    );
  });

  it('a value right of the last header (a separator too many)', async () => {
    const file = temp('svar.csv', csvText([numbered(), [...all('Altid'), 'x']]));
    expect(await problem({ leader: file })).toBe(
      `${file}: row 2: has a value in column U, right of the last header; is a separator missing or extra?`,
    );
  });

  it('many problems are cut to the first 20 and a count', async () => {
    const file = temp('svar.csv', csvText([numbered(), all('x'), all('y')]));
    const lines = (await problem({ leader: file })).split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe(`${file}: … and 20 more problems`);
  });

  it('an unclosed quote names the row it starts in', async () => {
    const file = temp('svar.csv', `${numbered().join(';')}\r\n${all(1).join(';')}\r\n"${all(1).join(';')}\r\n`);
    expect(await problem({ leader: file })).toBe(
      `${file}: row 3: CSV syntax error: a quoted field starts in this row and is never closed (a " is missing)`,
    );
  });

  it('files that are not exports: empty, binary, a broken workbook', async () => {
    const empty = temp('svar.csv', '');
    expect(await problem({ leader: empty })).toBe(`${empty}: the file is empty`);
    const blank = temp('svar.csv', '\uFEFF\r\n;;\r\n');
    expect(await problem({ leader: blank })).toBe(`${blank}: has no header row (the file holds no data)`);
    const binary = temp('svar.csv', Buffer.from([1, 2, 0, 4, 5]));
    expect(await problem({ leader: binary })).toBe(
      `${binary}: is a binary file, not CSV text; export the survey as CSV or as an Excel workbook (.xlsx)`,
    );
    const broken = temp('svar.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60, 7)]));
    expect(await problem({ leader: broken })).toMatch(
      new RegExp(`^${escapeRegex(broken)}: cannot be read as an Excel workbook`),
    );
    const missing = join(dir, 'findes-ikke.csv');
    expect(await problem({ leader: missing })).toBe(`${missing}: file not found`);
  });

  it('a header-only file is a group with zero respondents', async () => {
    const file = temp('svar.csv', csvText([['Tidsstempel', ...numbered()]]));
    const forLeaders = await tally({ leader: file });
    expect(forLeaders.leader.respondents).toBe(0);
    const asFile = await tally({ file });
    expect([asFile.leader.respondents, asFile.employee.respondents]).toEqual([0, 0]);
    const book = temp('svar.xlsx', xlsxBytes({ Sheet1: [['Id', ...texts.map((t) => t.employee)]] }));
    expect((await tally({ employee: book })).employee).toEqual(expand(undefined));
  });
});

// ── privacy and the command line ──

describe('names, e-mails and comments stay out of every output', () => {
  const personal = [
    ...formsRows.flatMap((r) => [r.name, r.mail, r.comment]),
    ...googleRows.flatMap((r) => [r.mail, r.comment]),
  ].filter((s) => s.length > 3);

  it('mus tally --json: pure JSON on stdout, the notice on stderr, no personal data anywhere', () => {
    const result = runMus(['tally', sample('google-begge.csv'), '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { employees: GroupTally };
    expect(json.employees.respondents).toBe(5);
    expect(result.stderr).toMatch(
      /google-begge\.csv: 3 kolonne\(r\) er ikke udsagn og er ikke læst: "Tidsstempel", "E-mailadresse", "Har du kommentarer\?"\. [^\n]*\n$/,
    );
    for (const text of personal) expect(result.stdout + result.stderr).not.toContain(text);
  });

  it('error messages quote answers, never the cells of other columns', async () => {
    const rows: Row[] = [
      ['Navn', 'Mail', 'Rolle', ...numbered()],
      ['Karen Testesen', 'karen@example.dk', 'Ledder', ...all('Altid')],
    ];
    const file = temp('svar.xlsx', xlsxBytes({ Sheet1: rows }));
    const message = await problem({ file });
    expect(message).toContain('has no role column');
    expect(message).not.toMatch(/Karen|example|Ledder/);
  });

  it('mus build --leaders/--employees: posters pre-filled, no personal data in the PDFs', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const result = runMus([
      'build',
      '--leaders',
      sample('excel-ledere.csv'),
      '--employees',
      sample('forms-medarbejdere.xlsx'),
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(3); // one notice per file, and one for the few leaders
    const poster = flat((await readPdf(join(out, 'resultatskema-medarbejder.pdf'))).text);
    expect(poster).toContain('Antal besvarelser: 6');
    for (const name of ['resultatskema-leder.pdf', 'resultatskema-medarbejder.pdf']) {
      const text = flat((await readPdf(join(out, name))).text);
      for (const value of personal) expect(text).not.toContain(value);
    }
  }, 60_000);
});

// ── the same answers, whatever the format ──

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  return { next, int, pick };
}

describe('the same answers give the same tally as YAML, CSV and xlsx', () => {
  const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i', async (seed) => {
    const r = random(seed);
    /** One answer in a random spelling: a label in some case, the alias, or the points. */
    const spell = (category: number | null): string | number | null => {
      if (category === null) return r.pick([null, '']);
      const label = labels[category];
      return r.pick([
        label,
        label.toUpperCase(),
        ` ${label.toLowerCase()} `,
        category + 1,
        String(category + 1),
        category === 3 ? 'Som oftest' : label,
      ]);
    };
    const group = () =>
      Array.from({ length: r.pick([0, 1, 3, 7, 40, 250]) }, () => texts.map(() => (r.next() < 0.08 ? null : r.int(5))));
    const answers = { leaders: group(), employees: group() };
    const spelled = {
      leaders: answers.leaders.map((a) => a.map(spell)),
      employees: answers.employees.map((a) => a.map(spell)),
    };

    const yaml = temp(
      'svar.yaml',
      stringify({
        leaders: spelled.leaders.map((a) => a.map((v) => (v === '' ? null : v))),
        employees: spelled.employees.map((a) => a.map((v) => (v === '' ? null : v))),
      }),
    );
    const expected = await tally({ file: yaml });

    // Headers in one of the accepted forms, in one text version per file, columns in a random order.
    const version = r.pick(['leader', 'employee'] as const);
    const headerStyle = r.pick(['number', 'udsagn', 'text', 'numberText', 'microsoft', 'google']);
    // A file per group has that group's wording (the other's is refused as swapped).
    const header = (i: number, v: 'leader' | 'employee' = version) =>
      ({
        number: `${i + 1}`,
        udsagn: `Udsagn ${i + 1}`,
        text: texts[i][v],
        numberText: `${i + 1}. ${texts[i][v]}`,
        microsoft: `Hvor godt fungerer jeres MUS?.${texts[i][v]}`,
        google: `MUS-testen [${texts[i][v]}]`,
      })[headerStyle]!;
    const order = texts.map((_, i) => i).sort(() => r.next() - 0.5);
    const extra = (n: number): Row => [n, `Navn ${n}`, r.pick(['', 'kort', 'med; semikolon, komma\r\nog "citat"'])];
    const table = (rows: (string | number | null)[][], role?: string[], v: 'leader' | 'employee' = version): Row[] => [
      ['Id', 'Navn', 'Kommentar', ...(role ? ['Rolle'] : []), ...order.map((i) => header(i, v))],
      ...rows.map((row, k) => [...extra(k + 1), ...(role ? [role[k]] : []), ...order.map((i) => row[i])]),
    ];
    const style: CsvStyle = { delimiter: r.pick([';', ',', '\t']), bom: r.next() < 0.5, eol: r.pick(['\r\n', '\n']) };

    // One file with a role column, and one file per group.
    const combinedRows = [...spelled.leaders, ...spelled.employees];
    const roles = [
      ...spelled.leaders.map(() => r.pick(['Leder', 'leder', 'LEDERE', 'leader'])),
      ...spelled.employees.map(() => r.pick(['Medarbejder', 'medarbejdere', 'Employee'])),
    ];
    const hasAny = combinedRows.length > 0;
    const variants: ResponseSources[] = [
      {
        leader: temp('ledere.csv', csvText(table(spelled.leaders, undefined, 'leader'), style)),
        employee: temp('medarbejdere.csv', csvText(table(spelled.employees, undefined, 'employee'), style)),
      },
      {
        leader: temp('ledere.xlsx', xlsxBytes({ Ark1: table(spelled.leaders, undefined, 'leader') })),
        employee: temp('medarbejdere.xlsx', xlsxBytes({ Ark1: table(spelled.employees, undefined, 'employee') })),
      },
    ];
    if (hasAny) {
      variants.push({ file: temp('begge.csv', csvText(table(combinedRows, roles), style)) });
      variants.push({ file: temp('begge.xlsx', xlsxBytes({ Ark1: table(combinedRows, roles) })) });
    }
    for (const sources of variants)
      expect(await tally(sources), JSON.stringify({ seed, headerStyle, version, style, sources })).toEqual(expected);
  });

  it('counts every row of a larger export (read in many chunks), in its group', async () => {
    const r = random(99);
    const rows = Array.from({ length: 20_000 }, () => texts.map(() => (r.next() < 0.05 ? null : labels[r.int(5)])));
    const roles = rows.map(() => r.pick(['Leder', 'Medarbejder']));
    const file = temp(
      'stor.csv',
      csvText([['Rolle', ...numbered()], ...rows.map((row, i) => [roles[i], ...row])], { bom: true }),
    );
    const result = await tally({ file });
    // Counted here from the generated rows, without the reader.
    const leaderRows = rows.filter((_, i) => roles[i] === 'Leder');
    expect(result.leader.respondents).toBe(leaderRows.length);
    expect(result.employee.respondents).toBe(20_000 - leaderRows.length);
    for (const s of [0, 7, texts.length - 1]) {
      expect(result.leader.statements[s]).toEqual({
        counts: labels.map((label) => leaderRows.filter((row) => row[s] === label).length),
        unanswered: leaderRows.filter((row) => row[s] === null).length,
      });
    }
  });
});

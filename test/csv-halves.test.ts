// A big CSV file tallied in two halves at once (csv-halves.ts) must give exactly what reading
// it in one piece gives: the same tally and notices, or the same messages with the same row
// numbers. Here the second half runs in this thread (the worker only moves it to another),
// and small files are split too; the last test runs the compiled worker.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/content/load.js';
import { UserError } from '../src/errors.js';
import { tallyCsvFile } from '../src/responses/csv.js';
import type { SecondHalf, SplitOptions } from '../src/responses/csv-halves.js';
import { tallyCsvRange } from '../src/responses/csv-range.js';
import { createTableReader, respondentList } from '../src/responses/table.js';
import type { TallyResult } from '../src/tally/tally.js';
import { repoRoot } from './helpers/cli.js';
import { seededRandom } from './helpers/random.js';
import { scratchFiles } from './helpers/scratch.js';

const content = loadContent(join(repoRoot, 'content/da'));
const write = scratchFiles('mus-csv-halves-', 'csv');

interface Outcome {
  result?: unknown;
  error?: string;
  notices: string[];
}

async function outcome(file: string, split: SplitOptions): Promise<Outcome> {
  const notices: string[] = [];
  try {
    return { result: await tallyCsvFile(file, content, { notices: (m) => notices.push(m) }, split), notices };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: error.message, notices };
  }
}

/** The second half in this thread, ready at once: the worker thread only moves it to another. */
function inThisThread(): SecondHalf {
  const stop = new AbortController();
  return { ready: Promise.resolve(true), run: (job) => tallyCsvRange(job, stop.signal), stop: () => stop.abort() };
}

/** Tallies a file in one piece and in halves; expects the same outcome, and returns it with how the halves went. */
async function bothWays(file: string): Promise<Outcome & { how: string }> {
  const whole = await outcome(file, { minBytes: Infinity });
  let how = '';
  const halves = await outcome(file, { minBytes: 0, startSecondHalf: inThisThread, report: (h) => (how = h) });
  expect(halves).toEqual(whole);
  return { ...whole, how };
}

const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];
const statements = content.numbered.map((s) => `Udsagn ${s.n}`);
const rowCount = 1600; // ~200 kB: the cut must fall past the 64 kB the dialect is found from

function table(cells: (i: number) => string[], header = ['Rolle', 'Id', ...statements]): string[][] {
  return [header, ...Array.from({ length: rowCount }, (_, i) => cells(i))];
}
const plainRow = (i: number) => [i % 4 === 0 ? 'leder' : 'medarbejder', `R${i}`, ...statements.map((_, s) => labels[(i * 7 + s) % 5])];
const csv = (rows: string[][], delimiter = ';', lineEnd = '\r\n') => rows.map((r) => r.join(delimiter)).join(lineEnd) + lineEnd;

describe('tallying a CSV file in two halves at once', () => {
  it('gives the tally of reading it in one piece, whatever the separator, line end and byte-order mark', async () => {
    for (const [delimiter, lineEnd, bom] of [[';', '\r\n', '\uFEFF'], [',', '\n', ''], ['\t', '\r\n', ''], [';', '\n', '\uFEFF']]) {
      const { how, result } = await bothWays(write(bom + csv(table(plainRow), delimiter, lineEnd)));
      expect(how).toBe('halves');
      expect(result).toMatchObject({ leaders: { respondents: 400 }, employees: { respondents: 1200 } });
    }
  });

  it('cuts between rows when every row has a quoted field with line breaks, separators and quotes', async () => {
    const comment = (i: number) => `"Hansen; ""Jens""${i % 2 ? '\r\n' : '\n'}linje ${i};\r\n"`;
    const rows = table((i) => [plainRow(i)[0], comment(i), ...plainRow(i).slice(2)], ['Rolle', 'Kommentar', ...statements]);
    const { how, result } = await bothWays(write(csv(rows)));
    expect(how).toBe('halves');
    expect(result).toMatchObject({ employees: { respondents: 1200 } });
  });

  it('reads a sep= line, empty rows and short rows as in one piece', async () => {
    const rows = table((i) => (i % 50 === 7 ? [] : i % 50 === 8 ? plainRow(i).slice(0, 5) : plainRow(i)));
    const { how } = await bothWays(write(`sep=;\r\n${csv(rows)}`));
    expect(how).toBe('halves');
  });

  it('reads the file in one piece when a stray quote makes the cut fall inside a quoted field', async () => {
    // One stray quote early (csv-parse keeps it as a letter) makes every quote count after it odd,
    // so the line break inside the quoted field past the middle looks like a row end.
    const rows = table((i) => {
      const row = plainRow(i);
      if (i === 3) row[1] = 'Skærm 24" bred';
      if (i >= rowCount / 2 - 5) row[1] = '"to\r\nlinjer"';
      return row;
    });
    const { how, result } = await bothWays(write(csv(rows)));
    expect(how).toMatch(/^first half: CsvError/); // the first half ends inside the quoted field
    expect(result).toMatchObject({ employees: { respondents: 1200 } });
  });

  it('gives the messages and row numbers of reading in one piece for problems in the second half', async () => {
    const last = rowCount + 1; // spreadsheet row of the last data row
    const cases: [string, (row: string[], i: number) => void, RegExp][] = [
      ['an unknown answer', (row, i) => i === rowCount - 2 && (row[5] = 'Måske'), new RegExp(`row ${last - 1}, column "Udsagn 4": "Måske" is not an answer`)],
      ['an extra column', (row, i) => i === rowCount - 1 && row.push('ekstra'), new RegExp(`row ${last}: has a value in column W`)],
      ['a role cell left empty', (row, i) => i === rowCount - 3 && (row[0] = ''), new RegExp(`row ${last - 2}, column "Rolle": is empty`)],
      ['a role column that is no role column', (row, i) => i === rowCount - 1 && (row[0] = 'chef'), /has no role column/],
      ['a quote never closed', (row, i) => i === rowCount - 4 && (row[1] = '"R'), new RegExp(`row ${last - 3}: CSV syntax error: a quoted field starts in this row and is never closed`)],
    ];
    for (const [name, change, message] of cases) {
      const rows = table((i) => {
        const row = plainRow(i);
        change(row, i);
        return row;
      });
      const { how, error } = await bothWays(write(csv(rows)));
      expect(error, name).toMatch(message);
      expect(how, name).toMatch(/^(second half|finish)/);
    }
  });

  it('gives the messages of reading in one piece for problems in the first half', async () => {
    const rows = table((i) => {
      const row = plainRow(i);
      if (i === 10) row[3] = 'Tja';
      return row;
    });
    const { how, error } = await bothWays(write(csv(rows)));
    expect(error).toMatch(/row 12, column "Udsagn 2": "Tja" is not an answer/);
    expect(how).toMatch(/^finish/);
  });

  it('keeps as role column only a column that holds roles in both halves, with the same notices', async () => {
    // "Afdeling" says roles until the second half; "Rolle" all the way; a column without a header holds text late.
    const header = ['Afdeling', 'Rolle', '', ...statements];
    const rows = table((i) => {
      const [role, , ...answers] = plainRow(i);
      return [i < rowCount - 10 ? role : 'Salg', role, i === rowCount - 1 ? 'note' : '', ...answers];
    }, header);
    const { how, result, notices } = await bothWays(write(csv(rows)));
    expect(how).toBe('halves');
    expect(result).toMatchObject({ leaders: { respondents: 400 } });
    expect(notices).toEqual([expect.stringMatching(/ignored 2 columns that are not statements: "Afdeling", \(column C\)$/)]);
    // The other way round: dropped in the first half only.
    const early = table((i) => {
      const [role, , ...answers] = plainRow(i);
      return [i === 5 ? 'Salg' : role, role, '', ...answers];
    }, header);
    expect((await bothWays(write(csv(early)))).how).toBe('halves');
  });

  it('says a file given as --leaders holds employees too, when they are only in the second half', async () => {
    const rows = table((i) => [i < rowCount - 1 ? 'leder' : 'medarbejder', ...plainRow(i).slice(1)]);
    const file = write(csv(rows));
    const whole = await tallyCsvFile(file, content, { group: 'leader' }, { minBytes: Infinity }).catch((e: Error) => e.message);
    let how = '';
    const halves = await tallyCsvFile(file, content, { group: 'leader' }, { minBytes: 0, startSecondHalf: inThisThread, report: (h) => (how = h) }).catch((e: Error) => e.message);
    expect(halves).toEqual(whole);
    expect(whole).toMatch(/column "Rolle": holds both leaders' and employees' answers, but was given as --leaders/);
    expect(how).toMatch(/^finish/);
  });

  it('reads a file that stops being UTF-8 in the second half as Windows-1252, as in one piece', async () => {
    const ascii = (i: number) => plainRow(i).map((cell) => (cell === 'Sjældent' ? 'Altid' : cell)); // the same bytes in both encodings
    const rows = table((i) => (i === rowCount - 1 ? ['medarbejder', 'blå', 'Sjældent', ...ascii(i).slice(3)] : ascii(i)));
    const { how, result } = await bothWays(write(Buffer.from(csv(rows), 'latin1')));
    expect(how).toMatch(/^second half: NotUtf8/);
    expect((result as TallyResult).employees.statements[0].counts[1]).toBe(1); // the one Sjældent, read as Windows-1252
  });

  it('gives what reading in one piece gives on random exports with quotes, line breaks, stray quotes and mistakes', async () => {
    const { next, pick } = seededRandom(7);
    const hows: string[] = [];
    for (let round = 0; round < 40; round++) {
      const delimiter = pick([';', ',', '\t']);
      const lineEnd = pick(['\r\n', '\n', '\r']);
      const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
      const comments = ['', 'kort', quoted(`med${delimiter} separator`), quoted(`to${lineEnd}linjer`), quoted('et ""citat"" her'), 'Skærm 24" bred', '"Som" oftest'];
      const rows = Array.from({ length: 1200 + Math.floor(next() * 800) }, (_, i) => {
        if (next() < 0.01) return '';
        const role = pick(['leder', 'Medarbejder', 'medarbejdere', 'LEDER']);
        const answers = statements.map(() => pick([...labels, 'altid', '3', '', ' Oftest ']));
        return [role, pick(comments), ...answers].join(delimiter);
      });
      // Now and then a mistake somewhere: an unknown answer, an extra cell, an empty role, a quote never closed.
      if (next() < 0.4) {
        const at = Math.floor(next() * rows.length);
        rows[at] = pick([
          `leder${delimiter}x${delimiter}Måske`,
          `${rows[at]}${delimiter}ekstra`,
          `${delimiter}${rows[at]}`,
          `leder${delimiter}"aldrig lukket${delimiter}Altid`,
        ]);
      }
      const header = ['Rolle', 'Kommentar', ...statements].join(delimiter);
      const text = `${next() < 0.3 ? '\uFEFF' : ''}${next() < 0.2 ? `sep=${delimiter}${lineEnd}` : ''}${[header, ...rows].join(lineEnd)}${lineEnd}`;
      hows.push((await bothWays(write(text))).how);
    }
    // Both ways must have been taken, or the comparison above proves little.
    expect(hows.filter((how) => how === 'halves').length).toBeGreaterThan(10);
    expect(hows.filter((how) => how !== 'halves').length).toBeGreaterThan(5);
  });
});

describe('the compiled worker thread', () => {
  it('tallies the second half of a big file in a worker thread, as in one piece', async () => {
    // The worker runs compiled JavaScript (npm test builds first), so this test uses dist/.
    const compiled = (await import(join(repoRoot, 'dist/src/responses/csv.js'))) as typeof import('../src/responses/csv.js');
    const halves = (await import(join(repoRoot, 'dist/src/responses/csv-halves.js'))) as typeof import('../src/responses/csv-halves.js');
    const rows = [['Rolle', 'Id', ...statements], ...Array.from({ length: 40_000 }, (_, i) => plainRow(i))];
    const file = write(`\uFEFF${csv(rows)}`);
    // Started and awaited first, so the test does not depend on how fast a thread starts.
    const second = halves.workerThread();
    expect(await second.ready).toBe(true);
    let how = '';
    const notices: string[] = [];
    const options = { minBytes: 0, report: (h: string) => (how = h), startSecondHalf: () => second };
    const inWorker = await compiled.tallyCsvFile(file, content, { notices: (m) => notices.push(m) }, options);
    expect(how).toBe('halves');
    expect(notices).toEqual([`${file}: ignored 1 column that is not statements: "Id"`]);
    expect(inWorker).toEqual(await tallyCsvFile(file, content, {}, { minBytes: Infinity }));
    expect(inWorker.leaders.respondents).toBe(10_000);
  });
});

describe('a table read in two parts', () => {
  const header = ['Rolle', ...statements];
  const sheet = (role: string, label: string) => [role, ...statements.map(() => label)];

  it('adds the second part’s sheets to the sinks of the column that is the role column in both', () => {
    const first = createTableReader(content, { file: 'a.csv' }, respondentList);
    const second = createTableReader(content, { file: 'a.csv' }, respondentList);
    first.row(header, 1);
    first.row(sheet('leder', 'Altid'), 2);
    second.row(header, 1);
    second.row(sheet('medarbejder', 'Aldrig'), 2);
    second.row(sheet('leder', 'Oftest'), 3);
    first.absorb(second.part((sink) => sink.respondents), (into, from) => into.respondents.push(...from));
    const groups = first.finish();
    expect(first.sheets).toBe(3);
    expect(groups.leader.respondents.map((r) => r.answers[0])).toEqual([4, 3]);
    expect(groups.employee.respondents.map((r) => r.answers[0])).toEqual([0]);
  });

  it('refuses a part of another table or one with problems, whose rows it cannot name', () => {
    const first = createTableReader(content, { file: 'a.csv' }, respondentList);
    first.row(header, 1);
    const other = createTableReader(content, { file: 'a.csv' }, respondentList);
    other.row(['Gruppe', ...statements], 1);
    expect(() => first.absorb(other.part((s) => s), () => {})).toThrow(/internal: taking in a part of another table/);
    const wrong = createTableReader(content, { file: 'a.csv' }, respondentList);
    wrong.row(header, 1);
    wrong.row(sheet('leder', 'Måske'), 2);
    expect(() => first.absorb(wrong.part((s) => s), () => {})).toThrow(/or one with problems/);
  });
});

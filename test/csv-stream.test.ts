// Streaming a CSV export into the tally (csv-parse's stream API, chunk by chunk) must give
// what reading the file whole gives: whatever the line ends, quotes and chunk boundaries,
// the same tally and the same messages.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/content/load.js';
import { UserError } from '../src/errors.js';
import { readCsvResponses, tallyCsvFile } from '../src/responses/csv.js';
import { csvInput, type ReadWindow } from '../src/responses/csv-input.js';
import { tallyResponses, type TallyResult } from '../src/tally/tally.js';
import { repoRoot } from './helpers/cli.js';
import { scratchFiles } from './helpers/scratch.js';

const content = loadContent(join(repoRoot, 'content/da'));
const write = scratchFiles('mus-csv-stream-', 'csv');

async function outcome(read: () => unknown): Promise<unknown> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: error.message };
  }
}

async function expectSameAsWhole(file: string): Promise<unknown> {
  const whole = await outcome(() => tallyResponses(readCsvResponses(file, content), content));
  expect(await outcome(() => tallyCsvFile(file, content))).toEqual(whole);
  return whole;
}

const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];
const header = ['Rolle', 'Navn', ...content.numbered.map((s) => `Udsagn ${s.n}`)];
function row(i: number, cells: (i: number, s: number) => string = (r, s) => labels[(r + s) % 5]): string[] {
  return [i % 4 === 0 ? 'leder' : 'medarbejder', `R${i}`, ...content.numbered.map((_, s) => cells(i, s))];
}

describe('streaming a CSV export', () => {
  it('tallies plain rows like csv-parse, with every line end, with or without a last line end', async () => {
    const rows = [header, ...Array.from({ length: 40 }, (_, i) => row(i))].map((r) => r.join(';'));
    for (const lineEnd of ['\n', '\r\n', '\r']) {
      for (const last of [lineEnd, '']) {
        const result = (await expectSameAsWhole(write(rows.join(lineEnd) + last))) as { employees: { respondents: number } };
        expect(result.employees.respondents).toBe(30);
      }
    }
  });

  it('reads quoted cells early or far into the file (past the first chunks)', async () => {
    const many = 6000; // ~1 MB: the stream reads 256 kB at a time
    for (const at of [0, 1, 3, many - 1]) {
      const rows = [header, ...Array.from({ length: many }, (_, i) => row(i))].map((r) => r.join(';'));
      // A quoted cell with the separator and a line break inside, and an escaped quote.
      rows[at + 1] = rows[at + 1].replace(`;R${at};`, `;"Hansen; ""Jens""\nR${at}";`);
      const result = (await expectSameAsWhole(write(`${rows.join('\r\n')}\r\n`))) as { leaders: { respondents: number } };
      expect(result.leaders.respondents).toBe(many / 4);
    }
  });

  it('reads UTF-8 whose letters are cut by the chunks it is read in, with and without a byte-order mark', async () => {
    // Ids of 1–3 Danish letters shift every row by a byte or two, so chunk ends fall inside letters.
    const rows = [header, ...Array.from({ length: 6000 }, (_, i) => row(i).map((cell, c) => (c === 1 ? 'æ'.repeat(1 + (i % 3)) : cell)))];
    const text = `${rows.map((r) => r.join(';')).join('\n')}\n`;
    for (const bom of ['', '\uFEFF']) {
      const result = (await expectSameAsWhole(write(bom + text))) as { employees: { respondents: number } };
      expect(result.employees.respondents).toBe(4500);
    }
  });

  it('reads a file that is UTF-8 only at its start as Windows-1252, unless it has a UTF-8 byte-order mark', async () => {
    const ascii = (r: number, s: number) => ['Aldrig', 'Oftest', 'Altid'][(r + s) % 3]; // the same in both encodings
    const rows = [header, ...Array.from({ length: 6000 }, (_, i) => row(i, ascii))].map((r) => r.join(';'));
    const late = Buffer.concat([Buffer.from(`${rows.join('\n')}\n`), Buffer.from(`medarbejder;blå;Sjældent;${row(1, ascii).slice(3).join(';')}\n`, 'latin1')]);
    const result = (await expectSameAsWhole(write(late))) as TallyResult;
    expect(result.employees.respondents).toBe(4501);
    expect(result.employees.statements[0].counts[1]).toBe(1); // the one Sjældent, read as Windows-1252
    const marked = write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), late]));
    expect(await outcome(() => tallyCsvFile(marked, content))).toEqual({
      error: `${marked}: starts with a UTF-8 byte-order mark but is not UTF-8 text; save it again as "CSV UTF-8"`,
    });
  });

  it('keeps empty lines, a sep= line, stray carriage returns and bad rows as csv-parse has them', async () => {
    const rows = [header, row(1), row(2)].map((r) => r.join(','));
    const cases = [
      `sep=,\n${rows.join('\n')}\n`,
      `${rows[0]}\n\n${rows[1]}\n\n\n${rows[2]}\n`,
      `${rows[0]}\n${rows[1]}\r\n${rows[2]}\n`,
      `${rows[0]}\n${rows[1]},ekstra\n${rows[2]}`,
      `${rows[0]}\n${row(3, () => 'Måske').join(',')}\n`,
      `${rows[0]}\n${rows[1]}\n"ikke lukket,${rows[2]}\n`,
    ];
    for (const text of cases) await expectSameAsWhole(write(text));
  });

  it('reads a window of the file whose end is lowered while it is read, even during a read', async () => {
    const bytes = Buffer.alloc(900_000, 'abcdefghij\n');
    const file = write(bytes);
    for (const lowerAfter of [0, 1, 2]) {
      const window: ReadWindow = { start: 5, end: Infinity };
      const chunks = csvInput(file, 'utf-8', window);
      const read: Uint8Array[] = [];
      for (let i = 0; i < lowerAfter; i++) read.push((await chunks.next()).value as Uint8Array);
      const pending = chunks.next(); // a read is now under way from window.next
      window.end = window.next! + 1000;
      for (let next = await pending; !next.done; next = await chunks.next()) read.push(next.value as Uint8Array);
      const expected = bytes.subarray(5, window.end + 1);
      expect(Buffer.concat(read).length).toBe(expected.length);
      expect(Buffer.concat(read).equals(expected)).toBe(true);
    }
  });
});

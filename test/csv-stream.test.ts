// Reading a CSV export through csv-parse's stream, chunk by chunk: whatever the line ends,
// quotes, encodings and chunk boundaries, every row is counted in its group. Expected
// numbers come from the rows the tests write, never from the reader.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { UserError } from '../src/errors.js';
import { readCsvResponses } from '../src/responses/readers/csv/read-csv.js';
import { answersByGroup } from '../src/responses/types.js';
import { tallyResponses, type GroupTallies } from '../src/tally/tally.js';
import { repoRoot } from './helpers/cli.js';
import { scratchFiles } from './helpers/scratch.js';

const content = loadContent(join(repoRoot, 'content/da'));
const write = scratchFiles('mus-csv-stream-', 'csv');

/** The tally of a file, or the message of the UserError it gives. */
async function outcome(file: string): Promise<GroupTallies | { error: string }> {
  try {
    return tallyResponses(answersByGroup(await readCsvResponses(file, content)), content);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: error.message };
  }
}
const tallied = async (file: string) => (await outcome(file)) as GroupTallies;

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
        const result = await tallied(write(rows.join(lineEnd) + last));
        expect(result.employee.respondents).toBe(30);
        expect(result.leader.respondents).toBe(10);
        // Statement 1 of leader row i (i = 0, 4, …, 36) is labels[i % 5]: 2 of each label.
        expect(result.leader.statements[0]).toEqual({ counts: [2, 2, 2, 2, 2], unanswered: 0 });
      }
    }
  });

  it('reads quoted cells early or far into the file (past the first chunks)', async () => {
    const many = 6000; // ~1 MB: the stream reads 256 kB at a time
    for (const at of [0, 1, 3, many - 1]) {
      const rows = [header, ...Array.from({ length: many }, (_, i) => row(i))].map((r) => r.join(';'));
      // A quoted cell with the separator and a line break inside, and an escaped quote.
      rows[at + 1] = rows[at + 1].replace(`;R${at};`, `;"Hansen; ""Jens""\nR${at}";`);
      const result = await tallied(write(`${rows.join('\r\n')}\r\n`));
      expect(result.leader.respondents).toBe(many / 4);
      expect(result.employee.respondents).toBe((many * 3) / 4);
    }
  });

  it('reads UTF-8 whose letters are cut by the chunks it is read in, with and without a byte-order mark', async () => {
    // Ids of 1–3 Danish letters shift every row by a byte or two, so chunk ends fall inside letters.
    const rows = [
      header,
      ...Array.from({ length: 6000 }, (_, i) => row(i).map((cell, c) => (c === 1 ? 'æ'.repeat(1 + (i % 3)) : cell))),
    ];
    const text = `${rows.map((r) => r.join(';')).join('\n')}\n`;
    for (const bom of ['', '\uFEFF']) {
      const result = await tallied(write(bom + text));
      expect(result.employee.respondents).toBe(4500);
      expect(result.leader.respondents).toBe(1500);
    }
  });

  it('reads a file that is UTF-8 only at its start as Windows-1252, unless it has a UTF-8 byte-order mark', async () => {
    const ascii = (r: number, s: number) => ['Aldrig', 'Oftest', 'Altid'][(r + s) % 3]; // the same in both encodings
    const rows = [header, ...Array.from({ length: 6000 }, (_, i) => row(i, ascii))].map((r) => r.join(';'));
    const late = Buffer.concat([
      Buffer.from(`${rows.join('\n')}\n`),
      Buffer.from(`medarbejder;blå;Sjældent;${row(1, ascii).slice(3).join(';')}\n`, 'latin1'),
    ]);
    const result = await tallied(write(late));
    expect(result.employee.respondents).toBe(4501);
    expect(result.employee.statements[0].counts[1]).toBe(1); // the one Sjældent, read as Windows-1252
    const marked = write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), late]));
    expect(await outcome(marked)).toEqual({
      error: `${marked}: starts with a UTF-8 byte-order mark but is not UTF-8 text; save it again as "CSV UTF-8"`,
    });
  });

  it('keeps empty lines, a sep= line, stray carriage returns and bad rows as csv-parse has them', async () => {
    const rows = [header, row(1), row(2)].map((r) => r.join(','));
    // row(1) and row(2) are employees; their statement 1 is labels[1] and labels[2].
    for (const text of [
      `sep=,\n${rows.join('\n')}\n`,
      `${rows[0]}\n\n${rows[1]}\n\n\n${rows[2]}\n`,
      `${rows[0]}\n${rows[1]}\r\n${rows[2]}\n`,
    ]) {
      const result = await tallied(write(text));
      expect(result.employee.respondents, text).toBe(2);
      expect(result.employee.statements[0].counts, text).toEqual([0, 1, 1, 0, 0]);
    }
    const extra = write(`${rows[0]}\n${rows[1]},ekstra\n${rows[2]}`);
    expect(await outcome(extra)).toEqual({
      error: `${extra}: row 2: has a value in column W, right of the last header; is a separator missing or extra?`,
    });
    const unknown = write(`${rows[0]}\n\n${row(3, () => 'Måske').join(',')}\n`);
    expect(((await outcome(unknown)) as { error: string }).error.split('\n')[0]).toBe(
      `${unknown}: row 3, column "Udsagn 1": "Måske" is not an answer (Aldrig, Sjældent, Af og til, Oftest, Altid or 1–5)`,
    );
    const unclosed = write(`${rows[0]}\n${rows[1]}\n"ikke lukket,${rows[2]}\n`);
    expect(await outcome(unclosed)).toEqual({
      error: `${unclosed}: row 3: CSV syntax error: a quoted field starts in this row and is never closed (a " is missing)`,
    });
  });
});

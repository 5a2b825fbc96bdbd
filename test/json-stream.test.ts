// The streaming JSON tally (large files) must count and complain exactly like reading the
// file whole: same tallies, same messages at the same line and column, whatever the chunk
// boundaries fall on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scoring } from '../src/content/model.js';
import { UserError } from '../src/errors.js';
import { tallyJsonFile } from '../src/responses/json-stream.js';
import { readResponses } from '../src/responses/read.js';
import { tallyResponseSources } from '../src/responses/sources.js';
import { tallyResponses } from '../src/tally/tally.js';
import { scratchFiles } from './helpers/scratch.js';

// The Danish scale on 3 statements, so totals are 3..15.
const scoring: Scoring = {
  scale: [
    { label: 'Aldrig', aliases: [], points: 1 },
    { label: 'Sjældent', aliases: [], points: 2 },
    { label: 'Af og til', aliases: [], points: 3 },
    { label: 'Oftest', aliases: ['Som oftest'], points: 4 },
    { label: 'Altid', aliases: [], points: 5 },
  ],
  bands: [
    { min: 3, max: 7, sentence: 'lav' },
    { min: 8, max: 11, sentence: 'middel' },
    { min: 12, max: 15, sentence: 'høj' },
  ],
  minGroupSize: 1,
};
const content = { scoring, numbered: [1, 2, 3] };

const write = scratchFiles('mus-json-stream-', 'json');

/** The outcome of a read: the tally, or the UserError's message. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: error.message };
  }
}
const whole = (file: string) => outcome(() => tallyResponses(readResponses(file, content), content));
const chunkSizes = [1, 2, 3, 7, 64, undefined];

/** Streams the file with several chunk sizes; every one must give the same as reading it whole. */
function expectSameAsWhole(file: string): unknown {
  const expected = whole(file);
  for (const chunkBytes of chunkSizes) {
    expect(outcome(() => tallyJsonFile(file, content, { chunkBytes })), `chunks of ${chunkBytes ?? 'default'} bytes`).toEqual(expected);
  }
  return expected;
}

describe('streaming a JSON responses file', () => {
  it('tallies like reading the file whole', () => {
    const fixture = fileURLToPath(new URL('./fixtures/responses/good.json', import.meta.url));
    const copy = write(readFileSync(fixture));
    expect(expectSameAsWhole(copy)).toHaveProperty('leaders.respondents');
    const result = expectSameAsWhole(
      write(
        '\uFEFF{"ledere": [["Altid", "altid", 5], [null, " SOM OFTEST ", "Af og til"], {"id": "A7", "answers": [1, 2, "Sj\\u00e6ldent"]}],\n' +
          ' "employees": [[1, 1, 1], [2.0, 3, 4], ["Aldrig", null, null]]}\n',
      ),
    ) as { leaders: { respondents: number }; employees: { respondents: number; complete: number } };
    expect(result.leaders.respondents).toBe(3);
    expect(result.employees).toMatchObject({ respondents: 3, complete: 2 });
  });

  it('reads sheets with an id like reading the file whole, in any key order and spacing', () => {
    const sheets = [
      '{"id": "A1", "answers": ["Altid", 4, null]}',
      '{ "answers" : [1, 2, 3] , "id" : 17 }',
      '{"answers": [1, 2, 3]}',
      '{"id": null, "answers": [3, 3, 3]}',
      '{"id": "\\u00c6 7", "answers": [5, 5, 5]}',
      '{"id": -1.5e2, "answers": [2, 2, 2]}',
      '{\n  "id": "B2",\n  "answers": [\n    "Oftest",\n    "Oftest",\n    "Oftest"\n  ]\n}',
      '{"answers": [1, 1, 1], "answers": [5, 5, 5]}',
    ];
    const result = expectSameAsWhole(write(`{"employees": [${sheets.join(', ')}]}`)) as { employees: { respondents: number } };
    expect(result.employees.respondents).toBe(sheets.length);
    for (const bad of ['{"id": true, "answers": [1, 2, 3]}', '{"id": "A", "answers": [1, 2]}', '{"id": "A"}', '{"id": "A", "answer": [1, 2, 3]}']) {
      expect(expectSameAsWhole(write(`{"employees": [${sheets[0]}, ${bad}]}`))).toHaveProperty('error');
    }
  });

  it('accepts empty groups and a file of empty groups', () => {
    for (const text of ['{}', ' { "leaders": [], "employees": null } ', '{"medarbejdere": [[3,3,3]]}']) expectSameAsWhole(write(text));
  });

  it('reports syntax errors at the same line and column', () => {
    const cases = [
      '{"leaders": [[1 2]]}',
      '{"leaders": [[Altid]]}',
      '{\n"leaders": [[1, 2, 3]]',
      "{'leaders': []}",
      '{"leaders": []} x',
      '{"leaders": ["Al\ntid"]}',
      '{\n  "leaders": [\n    ["Altid", "Oftest", 3],\n  ]\n}',
      '{"leaders": [[1, 2, 3],]}',
      '{"leaders": [[1, 2, 3]], }',
      '{"leaders" [[1, 2, 3]]}',
      '{"leaders": [[1, 2, 3]}',
      '{"leaders": [[1, 2, 3]',
      '{"leaders": [[1, 2, "3]]}',
      '{"leaders": [[1, 2, "\\x"]]}',
      '{"leaders": [[1, 2, "\\u12"]]}',
      '{"leaders": [[1, 2, -]]}',
      '{"leaders": [[1, 2, 01]]}',
      '{"leaders": [[1, 2, nul]]}',
      '{"leaders": [[1, 2, tru]]}',
      '{"leaders": [[1, 2, 3]], "x": {"a": [1, {"b": }]}}',
      '{"x": [1, 2 3]}',
      '{"x": {"a" 1}}',
      '{"x": [1, 2,',
      '{"leaders":',
      '[[1, 2, 3], [4, 5,]]',
    ];
    for (const text of cases) {
      const expected = expectSameAsWhole(write(text)) as { error?: string };
      expect(expected.error, text).toContain('JSON syntax error');
    }
  });

  it('reports every problem found by the validation walk, located', () => {
    const cases = [
      '{"leaders": [["Altid", "Måske", 3], {"id": "A7", "answers": [1, 2]}], "medarbejdere": "none"}',
      '{\n  "leaders": [\n    ["Altid", "Måske", 3],\n    {"id": "A7", "answers": [1, 2]}\n  ],\n  "medarbejdere": "none"\n}\n',
      '{"emplyees": [[1, 2, 3]]}',
      '{"leaders": [], "ledere": [[1, 2, 3]]}',
      '{"leaders": [[1, 2, 3, 4], [1, 2], [], [0, 6, 2.5], ["", true, {}], "Altid", null]}',
      '{"leaders": [{"id": 7, "answers": [1, 2, 3], "navn": "x"}, {"answers": "x"}, {"id": [], "answers": [1, 2, 3]}, {}]}',
      '{"employees": {"a": [1, 2, 3]}}',
      '"Altid"',
      '[[1, 2, 3]]',
      '42',
      `{"leaders": [${Array.from({ length: 30 }, () => '["Altid", "Måske", 3]').join(',\n')}]}`,
    ];
    for (const text of cases) {
      const expected = expectSameAsWhole(write(text)) as { error?: string };
      expect(expected.error, text).toBeDefined();
    }
  });

  it('reports files that are empty or not UTF-8 text like reading them whole', () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('  \n '),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]),
      Buffer.from('{"leaders": [["Altid", "Sjældent", 3]]}', 'latin1'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
    ]) {
      expectSameAsWhole(write(bytes));
    }
    const missing = `${write('')}-missing.json`;
    expect(whole(missing)).toEqual(outcome(() => tallyJsonFile(missing, content)));
  });

  it('a group given twice under the same key is an error, not silently the last one', () => {
    const file = write('{"leaders": [[1, 2, 3]],\n "leaders": [[3, 2, 1]]}');
    expect(outcome(() => tallyJsonFile(file, content))).toEqual({
      error: `${file}:2:2 leaders: "leaders" is given twice; give each group once`,
    });
  });

  it('counts a file given for one group in that group, and refuses one holding only the other group', () => {
    const both = write('{"leaders": [[1, 2, 3]], "employees": [[3, 3, 3], [2, 2, 2]]}');
    const result = tallyJsonFile(both, content, { group: 'employee' });
    expect(result.employees.respondents).toBe(3);
    expect(result.leaders.respondents).toBe(0);
    const leadersOnly = write('{"leaders": [[1, 2, 3]]}');
    expect(outcome(() => tallyJsonFile(leadersOnly, content, { group: 'employee' }))).toEqual({
      error: `${leadersOnly}: holds leaders' answers, but was given as --employees`,
    });
  });

  it('streams many sheets without holding them: every sheet is counted', () => {
    const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];
    const rows = Array.from({ length: 5000 }, (_, i) => JSON.stringify([labels[i % 5], (i % 3) + 1, i % 7 === 0 ? null : labels[(i * 3) % 5]]));
    const file = write(`{"leaders": [\n${rows.slice(0, 500).join(',\n')}\n],\n"employees": [\n${rows.slice(500).join(',\n')}\n]}\n`);
    const result = tallyJsonFile(file, content, { chunkBytes: 4096 });
    expect(result).toEqual(whole(file));
    expect(result.employees.respondents).toBe(4500);
  });

  it('is what the commands use for a large JSON file (1 MB and more)', async () => {
    const row = '["Altid", "Som oftest", 3]';
    const rows = Array.from({ length: 40_000 }, () => row).join(',\n');
    const file = write(`{"employees": [\n${rows}\n]}`);
    const statements = [1, 2, 3].map((n) => ({ leader: `udsagn ${n}`, employee: `udsagn ${n}` }));
    const result = await tallyResponseSources({ file }, { scoring, numbered: statements });
    expect(result).toEqual(whole(file));
    expect(result.employees.statements[1].counts).toEqual([0, 0, 0, 40_000, 0]);
    // A problem deep in the file is located as ever.
    const bad = write(`{"employees": [\n${rows}\n, ["Altid", "Måske", 3]]}`);
    await expect(tallyResponseSources({ file: bad }, { scoring, numbered: statements })).rejects.toThrow(
      `${bad}:40002:13 employees[40000][1]: statement 2: "Måske" is not an answer`,
    );
  });
});

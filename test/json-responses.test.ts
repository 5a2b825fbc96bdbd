// The JSON reader: positions from jsonc-parser for syntax errors and for problems in valid
// JSON, and a key given twice as an error (JSON.parse alone would keep the last one silently).
import { describe, expect, it } from 'vitest';
import type { Category } from '../src/content/model.js';
import { UserError } from '../src/errors.js';
import { parseJsonResponses, readJsonResponses } from '../src/responses/readers/json.js';
import { readResponseSources } from '../src/responses/sources.js';
import type { ResponsesContent } from '../src/responses/validate.js';
import { scratchFiles } from './helpers/scratch.js';

const scale: Category[] = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'].map((label, i) => ({
  label,
  aliases: [],
  points: i + 1,
}));
const content: ResponsesContent = { scoring: { scale }, numbered: [1, 2, 3] };
const valid = 'Aldrig, Sjældent, Af og til, Oftest, Altid or 1–5';
const write = scratchFiles('mus-json-', 'json');

function messageFor(text: string): string {
  try {
    parseJsonResponses(text, 'x.json', content);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${text}`);
}

describe('JSON syntax errors', () => {
  it('are worded for people, at the line and column of the mistake', () => {
    const cases: [string, string][] = [
      // Column counted by hand: the offending character is at index column - 1 of its line.
      ['{"leaders": [[1, 2, 3],]}', 'x.json:1:24: JSON syntax error: comma before "]"'],
      ['{"leaders": [[1, 2, 3]], }', 'x.json:1:26: JSON syntax error: comma before "}"'],
      ['{"leaders" [[1, 2, 3]]}', 'x.json:1:12: JSON syntax error: expected ":" after the key "leaders"'],
      ['{"leaders": [[1, 2, 3]}', 'x.json:1:23: JSON syntax error: expected "," or "]" after a list item'],
      ['{"x": {"a": 1 "b": 2}}', 'x.json:1:15: JSON syntax error: expected "," or "}" after a value in a mapping'],
      ['{"leaders": [[1, 2, 3]', 'x.json:1:23: JSON syntax error: unexpected end of file: "]" is missing'],
      ['{"leaders": [[1, 2, "3]]}', 'x.json:1:21: JSON syntax error: text in double quotes is not closed'],
      ['{"leaders": [[1, 2, "\\x"]]}', 'x.json:1:22: JSON syntax error: invalid escape "\\x" in a text'],
      ['{"leaders": [[1, 2, "\\u12"]]}', 'x.json:1:22: JSON syntax error: \\u must be followed by 4 hex digits'],
      [
        '{"leaders": [[1, 2, nul]]}',
        'x.json:1:21: JSON syntax error: unexpected "nul"; texts must be in double quotes',
      ],
      ['{"leaders":', 'x.json:1:12: JSON syntax error: unexpected end of file: a value is missing'],
      ['{"leaders": []} // svar', 'x.json:1:17: JSON syntax error: comments are not allowed in JSON'],
      [
        '{\n  "leaders": [\n    [1, 2,\n      3 4]]}',
        'x.json:4:9: JSON syntax error: expected "," or "]" after a list item',
      ],
    ];
    for (const [text, message] of cases) expect(messageFor(text), text).toBe(message);
  });
});

describe('problems in valid JSON', () => {
  it('are placed at the value or the key they are about', () => {
    const text =
      '{\n  "leaders": [\n    ["Altid", "Måske", 3],\n    {"id": "A7", "answers": [1, 2], "navn": "x"}\n  ],\n  "medarbejdere": "none"\n}\n';
    expect(messageFor(text).split('\n')).toEqual([
      `x.json:3:15 leaders sheet 1: statement 2: "Måske" is not an answer (${valid})`,
      'x.json:4:37 leaders sheet 2 navn: unknown key "navn" (expected id, answers)',
      'x.json:4:29 leaders sheet 2 answers: respondent "A7": has 2 answers, expected 3 (one per statement)',
      'x.json:6:19 medarbejdere: must be a list of respondents, found the text "none"',
    ]);
  });

  it('count columns in characters after Danish letters, and lines after a byte-order mark', () => {
    const file = write(Buffer.from('\uFEFF{"ledere": [["Sjældent", "Måske", 3]]}'));
    expect(() => readJsonResponses(file, content)).toThrow(
      `${file}:1:26 ledere sheet 1: statement 2: "Måske" is not an answer`,
    );
  });
});

describe('a key given twice', () => {
  it('is an error naming both lines, not the last one kept silently', () => {
    const text = '{\n  "leaders": [[1, 2, 3]],\n  "employees": [[3, 3, 3]],\n  "leaders": [[5, 5, 5], [4, 4, 4]]\n}';
    expect(messageFor(text)).toBe('x.json:4:3 leaders: "leaders" is given twice, on line 2 and line 4; keep one');
  });

  it('is an error inside a respondent too, and each one is listed', () => {
    const text =
      '{"employees": [\n  {"id": "B1", "answers": [1, 2, 3],\n   "answers": [3, 2, 1]},\n  {"id": "B2", "id": "B3", "answers": [1, 1, 1]}\n]}';
    expect(messageFor(text).split('\n')).toEqual([
      'x.json:3:4 employees sheet 1 answers: "answers" is given twice, on line 2 and line 3; keep one',
      'x.json:4:16 employees sheet 2 id: "id" is given twice, on line 4 and line 4; keep one',
    ]);
  });

  it('stops the commands before anything is counted', async () => {
    const file = write('{"leaders": [[1, 2, 3]],\n "leaders": [[3, 2, 1]]}');
    await expect(
      readResponseSources(
        { file },
        { scoring: { scale }, numbered: [1, 2, 3].map(() => ({ leader: '', employee: '' })) },
      ),
    ).rejects.toThrow(`${file}:2:2 leaders: "leaders" is given twice, on line 1 and line 2; keep one`);
  });

  it('is fine in different mappings, and a colon inside a text is no key', () => {
    const text = '{"leaders": [{"id": "A", "answers": [1, 2, 3]}, {"id": "kl. 10:30", "answers": [3, 2, 1]}]}';
    expect(parseJsonResponses(text, 'x.json', content).leader).toEqual([
      { id: 'A', answers: [0, 1, 2] },
      { id: 'kl. 10:30', answers: [2, 1, 0] },
    ]);
    const twice = '{"leaders": [{"id": "kl. 10:30", "answers": [1, 2, 3], "answers": [3, 2, 1]}]}';
    expect(messageFor(twice)).toBe(
      'x.json:1:56 leaders sheet 1 answers: "answers" is given twice, on line 1 and line 1; keep one',
    );
  });
});

describe('a JSON file given for one group', () => {
  const sourcesContent = { scoring: { scale }, numbered: [1, 2, 3].map(() => ({ leader: '', employee: '' })) };

  it('refuses one holding both groups (issue 26: counted as one group without a word), and one holding only the other group', async () => {
    const both = write('{"leaders": [[1, 2, 3]], "employees": [[3, 3, 3], [2, 2, 2]]}');
    await expect(readResponseSources({ employee: both }, sourcesContent)).rejects.toThrow(
      `${both}: holds both leaders' and employees' answers (1 and 2), but was given as --employees`,
    );
    const employeesOnly = write('{"employees": [[3, 3, 3], [2, 2, 2]]}');
    const read = await readResponseSources({ employee: employeesOnly }, sourcesContent);
    expect(read.employee).toHaveLength(2);
    expect(read.leader).toHaveLength(0);
    const leadersOnly = write('{"leaders": [[1, 2, 3]]}');
    await expect(readResponseSources({ employee: leadersOnly }, sourcesContent)).rejects.toThrow(
      `${leadersOnly}: holds leaders' answers, but was given as --employees`,
    );
  });
});

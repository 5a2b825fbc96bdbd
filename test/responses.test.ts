// Reading responses files: accepted spellings, and a located message for every kind of bad input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Category } from '../src/content/model.js';
import { UserError } from '../src/errors.js';
import { createAnswerMatcher } from '../src/responses/answers.js';
import { parseJsonResponses, readJsonResponses } from '../src/responses/readers/json.js';
import { parseYamlResponses, readYamlResponses } from '../src/responses/readers/yaml.js';
import type { ResponsesContent } from '../src/responses/validate.js';

// A hand-made content: the Danish scale, but only 3 statements so fixtures stay short.
const scale: Category[] = [
  { label: 'Aldrig', aliases: [], points: 1 },
  { label: 'Sjældent', aliases: [], points: 2 },
  { label: 'Af og til', aliases: [], points: 3 },
  { label: 'Oftest', aliases: ['Som oftest'], points: 4 },
  { label: 'Altid', aliases: [], points: 5 },
];
const content: ResponsesContent = {
  scoring: { scale },
  numbered: [1, 2, 3], // only their number matters here
};
const valid = 'Aldrig, Sjældent, Af og til, Oftest, Altid or 1–5';

// The reader the commands choose for a file of these names (src/responses/sources.ts); JSON is YAML too.
const readResponses = (file: string, c: ResponsesContent) =>
  (extname(file) === '.json' ? readJsonResponses : readYamlResponses)(file, c);
const parseResponses = (text: string, file: string, c: ResponsesContent, format: 'yaml' | 'json' | 'other' = 'other') =>
  (format === 'json' ? parseJsonResponses : parseYamlResponses)(text, file, c);

const fixtures = fileURLToPath(new URL('./fixtures/responses/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);

/** The UserError thrown for a file, so its message and problems can be inspected. */
function errorFor(read: () => unknown): UserError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError, but the file was accepted');
}
const errorForFile = (name: string) => errorFor(() => readResponses(fixture(name), content));
const lines = (error: UserError) => error.message.split('\n');

describe('answer matcher', () => {
  const matcher = createAnswerMatcher(scale);
  const category = (value: unknown) => {
    const result = matcher.match(value);
    if (!result.ok) throw new Error(result.reason);
    return result.category;
  };
  const reason = (value: unknown) => {
    const result = matcher.match(value);
    if (result.ok) throw new Error(`${String(value)} was accepted`);
    return result.reason;
  };

  it('matches labels regardless of case and whitespace', () => {
    expect(category('Aldrig')).toBe(0);
    expect(category('altid')).toBe(4);
    expect(category('  AF OG TIL ')).toBe(2);
    expect(category('af   og\ttil')).toBe(2);
    expect(category('SJÆLDENT')).toBe(1);
    // A decomposed å (a + ring), as some editors save it, is the same letter.
    const withRing = createAnswerMatcher([{ label: 'Både', aliases: [], points: 1 }, ...scale.slice(1)]);
    expect(withRing.match('Ba\u030Ade')).toEqual({ ok: true, category: 0 });
  });

  it('treats aliases as their category', () => {
    expect(category('Som oftest')).toBe(3);
    expect(category(' som  OFTEST')).toBe(3);
    expect(category('Oftest')).toBe(3);
  });

  it('accepts points as numbers and as texts', () => {
    expect(category(1)).toBe(0);
    expect(category(4)).toBe(3);
    expect(category('4')).toBe(3);
    expect(category(' 5 ')).toBe(4);
  });

  it('reads null as not answered', () => {
    expect(category(null)).toBeNull();
  });

  it('explains unknown labels with the valid answers', () => {
    expect(reason('Måske')).toBe(`"Måske" is not an answer (${valid})`);
    expect(reason('')).toContain('null for not answered');
  });

  it('refuses points outside the scale and non-integers', () => {
    expect(reason(0)).toBe(`0 is not one of the points 1–5 (${valid})`);
    expect(reason(6)).toBe(`6 is not one of the points 1–5 (${valid})`);
    expect(reason(2.5)).toBe(`2.5 is not a whole number of points (${valid})`);
    expect(reason('2.5')).toBe(`"2.5" is not a whole number of points (${valid})`);
    expect(reason(-1)).toContain('not one of the points');
  });

  it('refuses values of the wrong kind', () => {
    expect(reason(true)).toBe(`true is not an answer (${valid})`);
    expect(reason([1])).toBe(`a list is not an answer (${valid})`);
    expect(reason({ a: 1 })).toBe(`a mapping is not an answer (${valid})`);
  });

  it('lists non-consecutive points one by one', () => {
    const sparse = createAnswerMatcher([
      { label: 'Nej', aliases: [], points: 0 },
      { label: 'Ja', aliases: [], points: 2 },
    ]);
    expect(sparse.validAnswers).toBe('Nej, Ja or the points 0 or 2');
    const result = sparse.match(1);
    expect(result.ok || result.reason).toBe('1 is not one of the points 0 or 2 (Nej, Ja or the points 0 or 2)');
  });
});

describe('reading valid responses', () => {
  it('reads YAML with Danish keys, both respondent forms and an empty group', () => {
    expect(readResponses(fixture('good.yaml'), content)).toEqual({
      leader: [{ answers: [4, 3, 2] }, { id: 'A7', answers: [2, null, 3] }],
      employee: [],
    });
  });

  it('reads JSON with English keys', () => {
    expect(readResponses(fixture('good.json'), content)).toEqual({
      leader: [],
      employee: [{ answers: [4, 1, 0] }, { id: '12', answers: [null, null, 0] }],
    });
  });

  it('treats absent groups and null groups as empty', () => {
    expect(parseResponses('leaders:\n', 'x.yaml', content, 'yaml')).toEqual({ leader: [], employee: [] });
    expect(parseResponses('{}', 'x.json', content, 'json')).toEqual({ leader: [], employee: [] });
    expect(parseResponses('{"employees": null}', 'x.json', content, 'json')).toEqual({ leader: [], employee: [] });
  });

  it('reads YAML flow style and JSON alike when the extension says nothing (JSON is YAML)', () => {
    const expected = { leader: [{ answers: [4, 3, 2] }], employee: [] };
    expect(parseResponses('{"leaders": [["Altid", 4, 3]]}', 'svar.txt', content)).toEqual(expected);
    expect(parseResponses('{leaders: [[Altid, 4, 3]]}', 'svar.txt', content)).toEqual(expected);
    expect(parseResponses('leaders:\n  - [Altid, 4, 3]\n', 'svar.txt', content)).toEqual(expected);
  });

  it('drops a UTF-8 byte order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mus-responses-'));
    try {
      const file = join(dir, 'bom.json');
      writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"leaders": [[1, 2, 3]]}')]));
      expect(readResponses(file, content).leader).toEqual([{ answers: [0, 1, 2] }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad responses files', () => {
  it('reports a missing file', () => {
    const error = errorForFile('does-not-exist.yaml');
    expect(error.message).toBe(`${fixture('does-not-exist.yaml')}: file not found`);
  });

  it('reports an empty file, and one with only comments', () => {
    expect(errorForFile('empty.yaml').message).toBe(`${fixture('empty.yaml')}: the file is empty`);
    expect(errorFor(() => parseResponses('  \n\n', 'blank.yaml', content, 'yaml')).message).toBe(
      'blank.yaml: the file is empty',
    );
    expect(errorForFile('comments-only.yaml').message).toContain('comments-only.yaml: the file has no content');
  });

  it('reports YAML syntax errors where the quote was opened', () => {
    const [first] = lines(errorForFile('syntax-error.yaml'));
    expect(first).toBe(`${fixture('syntax-error.yaml')}:3:13: YAML syntax error: Missing closing "quote`);
  });

  it('reports other YAML syntax errors with their line', () => {
    const error = errorFor(() =>
      parseResponses('leaders:\n  - [1, 2, 3]\n   - [1, 2, 3]\n', 'indent.yaml', content, 'yaml'),
    );
    expect(error.message).toMatch(/^indent\.yaml:3:4: YAML syntax error: /);
    const duplicate = errorFor(() => parseResponses('leaders: []\nleaders: []\n', 'dup.yaml', content, 'yaml'));
    expect(duplicate.message).toMatch(/^dup\.yaml:2:1: YAML syntax error: .*unique/);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(errorForFile('syntax-error.json').message).toBe(
      `${fixture('syntax-error.json')}:4:3: JSON syntax error: comma before "]"`,
    );
    const cases: [string, string][] = [
      ['{"leaders": [[1 2]]}', 'x.json:1:17: JSON syntax error: expected "," or "]" after a list item'],
      ['{"leaders": [[Altid]]}', 'x.json:1:15: JSON syntax error: unexpected "Altid"; texts must be in double quotes'],
      ['{\n"leaders": [[1, 2, 3]]', 'x.json:2:23: JSON syntax error: unexpected end of file: "}" is missing'],
      ["{'leaders': []}", 'x.json:1:2: JSON syntax error: expected a key in double quotes'],
      ['{"leaders": []} x', 'x.json:1:17: JSON syntax error: unexpected text after the end of the JSON data'],
      [
        '{"leaders": ["Al\ntid"]}',
        'x.json:1:17: JSON syntax error: line break or control character inside a text in double quotes',
      ],
    ];
    for (const [text, message] of cases) {
      expect(errorFor(() => parseResponses(text, 'x.json', content, 'json')).message).toBe(message);
    }
  });

  it('reports a top level that is not a mapping', () => {
    expect(errorForFile('top-level-list.yaml').message).toBe(
      `${fixture('top-level-list.yaml')}:1:1: the top level must be a mapping with leaders, employees, ledere or medarbejdere, found a list`,
    );
    expect(errorFor(() => parseResponses('"Altid"', 'x.json', content, 'json')).message).toContain(
      'x.json:1:1: the top level must be a mapping',
    );
  });

  it('reports an unknown top-level key', () => {
    expect(errorForFile('unknown-key.yaml').message).toBe(
      `${fixture('unknown-key.yaml')}:2:1 emplyees: unknown key "emplyees" (expected leaders, employees, ledere or medarbejdere)`,
    );
  });

  it('reports groups that are not lists', () => {
    expect(lines(errorForFile('group-not-list.yaml'))).toEqual([
      `${fixture('group-not-list.yaml')}:1:10 leaders: must be a list of respondents, found the text "Altid"`,
      `${fixture('group-not-list.yaml')}:2:12 employees: must be a list of respondents, found a mapping`,
    ]);
  });

  it('reports respondents that are neither a list nor a mapping with answers', () => {
    expect(lines(errorForFile('respondent-not-list.yaml'))).toEqual([
      `${fixture('respondent-not-list.yaml')}:3:5 employees sheet 2: a respondent must be a list of 3 answers or a mapping {id, answers}, found the text "Altid"`,
      `${fixture('respondent-not-list.yaml')}:4:14 employees sheet 3 svar: unknown key "svar" (expected id, answers)`,
      `${fixture('respondent-not-list.yaml')}:4:5 employees sheet 3: respondent "B2": "answers" is missing (a list of 3 answers)`,
    ]);
  });

  it('reports too few and too many answers, saying how many', () => {
    expect(lines(errorForFile('wrong-count.yaml'))).toEqual([
      `${fixture('wrong-count.yaml')}:2:5 leaders sheet 1: has 2 answers, expected 3 (one per statement)`,
      `${fixture('wrong-count.yaml')}:3:5 leaders sheet 2: has 4 answers, expected 3 (one per statement)`,
      `${fixture('wrong-count.yaml')}:4:23 leaders sheet 3 answers: respondent "C3": has 0 answers, expected 3 (one per statement)`,
    ]);
  });

  it('reports unknown labels with the respondent id when given', () => {
    expect(lines(errorForFile('unknown-label.yaml'))).toEqual([
      `${fixture('unknown-label.yaml')}:2:13 employees sheet 1: statement 2: "Måske" is not an answer (${valid})`,
      `${fixture('unknown-label.yaml')}:3:35 employees sheet 2: respondent "A7": statement 3: "Nogle gange" is not an answer (${valid})`,
    ]);
  });

  it('reports points outside the scale and non-integer points', () => {
    expect(lines(errorForFile('bad-points.yaml'))).toEqual([
      `${fixture('bad-points.yaml')}:2:6 leaders sheet 1: statement 1: 0 is not one of the points 1–5 (${valid})`,
      `${fixture('bad-points.yaml')}:2:9 leaders sheet 1: statement 2: 6 is not one of the points 1–5 (${valid})`,
      `${fixture('bad-points.yaml')}:2:12 leaders sheet 1: statement 3: 2.5 is not a whole number of points (${valid})`,
      `${fixture('bad-points.yaml')}:3:6 leaders sheet 2: statement 1: "7" is not one of the points 1–5 (${valid})`,
    ]);
  });

  it('reports a group given under both its English and Danish key', () => {
    expect(errorForFile('both-aliases.yaml').message).toBe(
      `${fixture('both-aliases.yaml')}:3:1 ledere: both "leaders" and "ledere" are given; they are the same group, use one`,
    );
  });

  it('locates problems in JSON files too', () => {
    expect(lines(errorForFile('bad.json'))).toEqual([
      `${fixture('bad.json')}:3:15 leaders sheet 1: statement 2: "Måske" is not an answer (${valid})`,
      `${fixture('bad.json')}:4:29 leaders sheet 2 answers: respondent "A7": has 2 answers, expected 3 (one per statement)`,
      `${fixture('bad.json')}:6:19 medarbejdere: must be a list of respondents, found the text "none"`,
    ]);
  });

  it('reports all problems up to the cap, then how many more', () => {
    const rows = Array.from({ length: 30 }, () => '  - [Altid, Måske, 3]').join('\n');
    const error = errorFor(() => parseResponses(`leaders:\n${rows}\n`, 'many.yaml', content, 'yaml'));
    const reported = lines(error);
    expect(reported).toHaveLength(21);
    expect(reported[0]).toBe(`many.yaml:2:13 leaders sheet 1: statement 2: "Måske" is not an answer (${valid})`);
    expect(reported[19]).toMatch(/^many\.yaml:21:13 leaders sheet 20: statement 2: /);
    expect(reported[20]).toBe('many.yaml: … and 10 more problems');
  });

  describe('files that are not UTF-8 text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mus-responses-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, bytes: Buffer) => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      return file;
    };

    it('reports a binary file', () => {
      // The start of an xlsx (zip) file: someone passed the spreadsheet instead of an export.
      const file = write('svar.yaml', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
      const error = errorFor(() => readResponses(file, content));
      expect(error.message).toBe(
        `${file}:1:6: this is a binary file, not a text file of responses (export it as YAML or JSON)`,
      );
    });

    it('reports a Latin-1 file at the first non-UTF-8 character', () => {
      const file = write('latin1.yaml', Buffer.from('leaders:\n  - [Altid, Sjældent, 3]\n', 'latin1'));
      const error = errorFor(() => readResponses(file, content));
      expect(error.message).toBe(
        `${file}:2:15: the file is not UTF-8 text (byte 0xE6); it may be Latin-1 or Windows-1252, save it as UTF-8`,
      );
    });

    it('reports a UTF-16 file', () => {
      const file = write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]));
      expect(errorFor(() => readResponses(file, content)).message).toBe(
        `${file}: the file is UTF-16 text; save it as UTF-8`,
      );
    });

    it('reports a folder given instead of a file', () => {
      expect(errorFor(() => readResponses(dir, content)).message).toBe(`${dir}: is a folder, not a file`);
    });
  });
});

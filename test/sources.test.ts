// Responses files in a folder or given together: read by their readers (a CSV by its
// stream) and handed to src/responses/collect.ts, which counts the same bytes once.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { readResponseSources } from '../src/responses/sources.js';
import { repoRoot } from './helpers/cli.js';
import { tempFolder } from './helpers/scratch.js';
import { noticeLine } from '../src/content/problem-lines.js';

const content = loadContent(join(repoRoot, 'content/da'));
const statements = content.numbered.length;

const folder = (files: Record<string, string>) => tempFolder('mus-sources-', files);

const header = ['Rolle', 'Navn', ...content.numbered.map((s) => `Udsagn ${s.n}`)].join(';');
const csvRow = (role: string, name: string, label: string) =>
  [role, name, ...content.numbered.map(() => label)].join(';');
const csv = [
  header,
  csvRow('leder', 'Kim', 'Altid'),
  csvRow('medarbejder', 'Ida', 'Aldrig'),
  csvRow('medarbejder', 'Bo', 'Oftest'),
].join('\n');
const yaml = `employees:\n  - [${Array(statements).fill('Af og til').join(', ')}]\n`;

describe('responses files in a folder', () => {
  it('are each read once, in their groups, with one notice per file', async () => {
    const dir = folder({ 'a.csv': csv, 'b.yaml': yaml, 'c.csv': csv });
    const notices: string[] = [];
    const responses = await readResponseSources({ file: dir }, content, {
      notice: (line) => notices.push(noticeLine(line, {})),
    });
    // a.csv: 1 leader, 2 employees; b.yaml: 1 employee; c.csv has a.csv's bytes: counted once.
    expect(responses.leader).toHaveLength(1);
    expect(responses.employee).toHaveLength(3);
    expect(responses.leader[0].answers).toEqual(Array(statements).fill(4));
    expect(notices).toEqual([
      `${join(dir, 'a.csv')}: ignored 1 column that is not a statement: "Navn"`,
      `${join(dir, 'c.csv')}: is the same file as ${join(dir, 'a.csv')} (identical bytes); counted once`,
    ]);
  });

  it('stop at a file that cannot be read, or leave it out with skipInvalid', async () => {
    const dir = folder({ 'a.csv': csv, 'b.json': '{"employees": [[1, 2]' });
    await expect(readResponseSources({ file: dir }, content)).rejects.toThrow(
      `${join(dir, 'b.json')}:1:22: JSON syntax error: unexpected end of file: "]" is missing`,
    );
    const notices: string[] = [];
    const responses = await readResponseSources({ file: dir }, content, {
      skipInvalid: true,
      notice: (line) => notices.push(noticeLine(line, {})),
    });
    expect(responses.employee).toHaveLength(2);
    expect(notices.at(-1)).toBe('skipped 1 file that could not be counted (--skip-invalid)');
  });

  it('given with a group flag, are counted in that group', async () => {
    const employees = folder({ 'x.csv': [header, csvRow('medarbejder', 'Ida', 'Aldrig')].join('\n'), 'y.yaml': yaml });
    const responses = await readResponseSources({ employee: employees }, content);
    expect(responses.employee).toHaveLength(2);
    expect(responses.leader).toHaveLength(0);
  });
});

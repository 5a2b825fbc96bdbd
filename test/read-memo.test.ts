// What the running app keeps of each answer file (src/app/read-memo.ts): an unchanged file is
// not read again, a file whose bytes changed is, and a removed file is forgotten.
import { copyFileSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileMemo } from '../src/app/read-memo.js';
import { answersMemo, readWorkshopAnswers } from '../src/app/workshop-answers.js';
import { readWorkshopFolder, workshopContent } from '../src/app/workshop.js';
import { defaultContentDir } from '../src/paths.js';
import { fixture } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';
import { createWorkshop, testApp } from './helpers/web.js';

describe('FileMemo', () => {
  it('reads a file once while its bytes are the same, again when they change; forgets removed files', async () => {
    const dir = tempDir('mus-memo-');
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'one');
    const memo = new FileMemo();
    let reads = 0;
    const read = async () => `${++reads}:${readFileSync(file, 'utf8')}`;
    expect(await memo.recall(file, 'text', read)).toBe('1:one');
    expect(await memo.recall(file, 'text', read)).toBe('1:one');
    // Written again with the same bytes (a new time): hashed, not read again.
    writeFileSync(file, 'one');
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(await memo.recall(file, 'text', read)).toBe('1:one');
    // Other bytes of the same size: read again.
    writeFileSync(file, 'two');
    expect(await memo.recall(file, 'text', read)).toBe('2:two');
    expect(memo.readCount('text')).toBe(2);
    // Another kind of reading of the same file is its own.
    expect(await memo.recall(file, 'other', async () => 'x')).toBe('x');
    memo.keepOnly([]);
    expect(memo.size).toBe(0);
    // A reading that fails is tried again.
    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error('once');
      return 'ok';
    };
    await expect(memo.recall(file, 'flaky', flaky)).rejects.toThrow('once');
    fail = false;
    expect(await memo.recall(file, 'flaky', flaky)).toBe('ok');
  });

  it('a folder reading of the app reads each answer file once; a changed or removed file is read again', async () => {
    const app = await testApp();
    await createWorkshop(app, 'memo');
    const folder = readWorkshopFolder(app.root, 'memo')!;
    const content = workshopContent(defaultContentDir, folder);
    const answers = join(folder.dir, 'svar');
    copyFileSync(fixture('exports/google-begge.csv'), join(answers, 'google.csv'));
    copyFileSync(fixture('returned/pdftk-medarbejder.pdf'), join(answers, 'udfyldt.pdf'));
    const memo = answersMemo(content, folder);
    const csvFile = join(answers, 'google.csv');
    const first = await readWorkshopAnswers(folder, content);
    expect(memo.readCount('responses both', csvFile)).toBe(1);
    expect(memo.readCount('file')).toBe(2);
    // A change to the corrections file (what a decision writes) reads the folder again, but no file.
    writeFileSync(join(answers, 'rettelser.yaml'), '# none\n');
    const again = await readWorkshopAnswers(folder, content);
    expect(again).not.toBe(first);
    expect(again.tallies).toEqual(first.tallies);
    expect(memo.readCount('responses both', csvFile)).toBe(1);
    expect(memo.readCount('file')).toBe(2);
    // The CSV with one respondent less is read again, and counted so.
    const csv = readFileSync(join(answers, 'google.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(answers, 'google.csv'), `${csv.slice(0, -1).join('\n')}\n`);
    const changed = await readWorkshopAnswers(folder, content);
    expect(memo.readCount('responses both', csvFile)).toBe(2);
    expect(changed.tallies.leader.respondents + changed.tallies.employee.respondents).toBe(
      first.tallies.leader.respondents + first.tallies.employee.respondents - 1,
    );
    const remembered = memo.size;
    rmSync(join(answers, 'udfyldt.pdf'));
    await readWorkshopAnswers(folder, content);
    expect(memo.size).toBe(remembered - 1);
    await app.app.server.close();
  });
});

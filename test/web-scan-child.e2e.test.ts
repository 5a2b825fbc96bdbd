// The app reads a scan's pages in a child process that ends after the reading (src/app/
// scan-process.ts): what comes back is what the same reading gives in this process, bytes of
// the review pictures and all; a refusal comes back as the same UserError, the CLI's lines; a
// child that dies or hangs is an internal error naming the file, not a hang.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInChild } from '../src/app/scan-process.js';
import { scanPrinting } from '../src/app/scans.js';
import { readAnswerFile } from '../src/app/workshop-answers.js';
import { readWorkshopFolder, workshopContent } from '../src/app/workshop.js';
import { loadContent } from '../src/documents/load.js';
import { InternalError, UserError } from '../src/errors.js';
import { defaultContentDir } from '../src/paths.js';
import type { ReadMemo } from '../src/responses/memo.js';
import { readResponseSources } from '../src/responses/sources.js';
import { runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';
import { printTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack } from './helpers/scan/stack.js';
import { createWorkshop, testApp } from './helpers/web.js';

const content = loadContent(defaultContentDir);

/** The scan's pages as this process reads them: what the app's memo keeps of the file. */
async function readHere(file: string): Promise<unknown> {
  let pages: Promise<unknown> | undefined;
  const memo: ReadMemo = {
    recall(f, what, read) {
      const reading = read();
      if (what === 'scan pages' && f === file) pages = reading;
      return reading;
    },
  };
  const printing = { ...scanPrinting(content), reviewSheet: async () => new Uint8Array(0), writeBeside: () => {} };
  await readResponseSources({ file }, content, { printing, memo }).catch(() => undefined);
  return pages;
}

describe('a scan read in a child process', () => {
  it('gives what the same reading gives in this process, the doubtful row’s picture included', async () => {
    const answers = randomAnswers(20, 31);
    answers[4] = 0;
    const scan = await scanStack(
      [{ test: await printTest(content, 'leader'), answers, extra: [{ statement: 5, category: 2, style: 'x' }] }],
      { dpi: 150, encoding: 'jpeg', seed: 3 },
    );
    const file = join(tempDir('mus-child-'), 'skan.pdf');
    writeFileSync(file, scan);
    const there = (await readInChild({ file, contentDir: defaultContentDir })) as {
      read: { page: number; result: { kind: string; statements: { n: number; picture?: { data: Uint8Array } }[] } }[];
    };
    expect(there).toEqual(await readHere(file));
    expect(there.read.map((r) => [r.page, r.result.kind])).toEqual([
      [1, 'test'],
      [2, 'test'],
    ]);
    // The one row with two crosses needs a look; its picture crossed the process boundary as bytes.
    const pictured = there.read.flatMap((r) => r.result.statements.filter((s) => s.picture));
    expect(pictured.map((s) => s.n)).toEqual([5]);
    expect(pictured[0].picture?.data).toBeInstanceOf(Uint8Array);
    expect(pictured[0].picture?.data.length).toBeGreaterThan(1000);
  });

  it('a page that cannot be read: the app shows the line the CLI prints', async () => {
    const app = await testApp();
    await createWorkshop(app, 'skadet');
    const folder = readWorkshopFolder(app.root, 'skadet')!;
    const file = join(folder.dir, 'svar', 'skan.jpg');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 7)]));
    const reading = await readAnswerFile(folder, workshopContent(defaultContentDir, folder), 'skan.jpg', 'skan.jpg');
    const cli = runMus(['tally', file]);
    expect(cli.code).toBe(1);
    expect(reading.problems).toEqual(
      cli.stderr
        .trim()
        .split('\n')
        .map((line) => line.split(file).join('skan.jpg')),
    );
    await app.app.server.close();
  });

  it('a refusal before any page is the UserError this process would throw', async () => {
    const file = join(tempDir('mus-child-'), 'findes-ikke.pdf');
    const here = await readResponseSources({ file }, content, {}).catch((error: unknown) => error);
    const there = await readInChild({ file, contentDir: defaultContentDir }).catch((error: unknown) => error);
    expect(here).toBeInstanceOf(UserError);
    expect(there).toBeInstanceOf(UserError);
    expect((there as UserError).problems).toEqual((here as UserError).problems);
  });

  it('a child that is killed, or gives no answer in time, is an internal error naming the file', async () => {
    const file = join(tempDir('mus-child-'), 'skan.pdf');
    writeFileSync(file, 'x');
    const killed = await readInChild(
      { file, contentDir: defaultContentDir },
      { started: (child) => child.kill('SIGKILL') },
    ).catch((error: unknown) => error);
    expect(killed).toBeInstanceOf(InternalError);
    expect((killed as Error).message).toContain(file);
    expect((killed as Error).message).toContain('SIGKILL');
    const late = await readInChild({ file, contentDir: defaultContentDir }, { timeoutMs: 1 }).catch(
      (error: unknown) => error,
    );
    expect(late).toBeInstanceOf(InternalError);
    expect((late as Error).message).toContain(`reading the scan ${file} in its own process: no answer`);
  });
});

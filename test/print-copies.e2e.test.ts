// `mus build --copies`: a number per test (2 leaders, 9 employees), each copy paged on its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMus } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';
import { textRuns } from './helpers/raster.js';

describe('mus build --copies L,E', () => {
  const out = tempDir('mus-copies-');
  const built = runMus(['build', '--out', out, '--copies', '2,3', '--tilgang', '1']);

  it('writes 2 leader copies and 3 employee copies, and the checklist says how many of what', async () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect((await readPdf(join(out, 'mus-test-leder-2-ark.pdf'))).pages).toHaveLength(4);
    expect((await readPdf(join(out, 'mus-test-medarbejder-3-ark.pdf'))).pages).toHaveLength(6);
    const guide = flat((await readPdf(join(out, 'procesguide-tjekliste.pdf'))).text);
    expect(guide).toContain('2 × lederversion, 3 × medarbejderversion');
  }, 120_000);

  it('each copy is paged "Side 1 af 2", "Side 2 af 2", not across the file', async () => {
    const runs = await textRuns(readFileSync(join(out, 'mus-test-medarbejder-3-ark.pdf')));
    const labels = runs.map((page) => page.map((r) => r.str.trim()).find((s) => /^Side \d+ af \d+$/.test(s)));
    expect(labels).toEqual(['Side 1 af 2', 'Side 2 af 2', 'Side 1 af 2', 'Side 2 af 2', 'Side 1 af 2', 'Side 2 af 2']);
  }, 60_000);

  it('one number is that many of each test', async () => {
    const dir = tempDir('mus-copies-one-');
    expect(runMus(['build', '--out', dir, '--copies', '1']).stderr).toBe('');
    expect((await readPdf(join(dir, 'mus-test-leder-1-ark.pdf'))).pages).toHaveLength(2);
    expect((await readPdf(join(dir, 'mus-test-medarbejder-1-ark.pdf'))).pages).toHaveLength(2);
  }, 120_000);

  it.each(['2,', '1,2,3', '0,4'])('"%s" is one clear line', (value) => {
    const result = runMus(['build', '--out', tempDir(), '--copies', value]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `--copies: "${value}" is not a number of copies from 1 to 500, or two of them as leaders,employees (e.g. 2,9)\n`,
    );
  });
});

// What a rebuild reuses inside one process (shaped words, measured texts, encoded font
// subsets, parsed layouts) must not change a byte: builds in one process, one after another
// and with other input in between, equal the files of a fresh `mus build`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { renderAll } from '../src/build.js';
import { loadContent } from '../src/content/load.js';
import { readResponseSources } from '../src/responses/sources.js';
import { answerSheets } from '../src/responses/types.js';
import { tallyResponses } from '../src/tally/tally.js';
import { repoRoot, runMus, fixture } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

it('a rebuild in one process gives the bytes of a fresh build', async () => {
  const responses = fixture('eksempel-svar.yaml');
  const out = tempDir();
  const fresh = runMus(['build', '--out', out, '--responses', responses]);
  expect(fresh.stderr).toBe('');
  expect(fresh.code).toBe(0);

  const content = loadContent(join(repoRoot, 'content/da'));
  const result = tallyResponses(answerSheets(await readResponseSources({ file: responses }, content)), content);
  const tallies = { leader: result.leaders, employee: result.employees };
  for (let round = 0; round < 3; round++) {
    if (round === 1) await renderAll(content, {}); // the blank set in between
    const files = await renderAll(content, { tallies });
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      expect(Buffer.compare(file.bytes, readFileSync(join(out, file.name))), `${file.name}, build ${round + 1}`).toBe(0);
    }
  }
}, 60_000);

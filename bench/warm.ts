// Warm rebuilds inside one process, as a facilitator's editor loop would do them: fonts
// and templates are loaded by a first build; then (1) the content is read again and the
// whole set rebuilt, and (2) one content file is changed and one document rebuilt.
// Run as a child of run.ts; prints one JSON line with the times in ms.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { loadContent } from '../src/content/load.js';
import { defaultContentDir } from '../src/paths.js';

const rounds = Number(process.argv[2] ?? 10);
const work = mkdtempSync(join(tmpdir(), 'mus-bench-warm-'));
try {
  const contentDir = join(work, 'content');
  const outDir = join(work, 'out');
  cpSync(defaultContentDir, contentDir, { recursive: true });

  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };

  const firstMs = await time(() => build({ contentDir, outDir }, loadContent(contentDir)));

  const fullMs: number[] = [];
  for (let i = 0; i < rounds; i++) fullMs.push(await time(() => build({ contentDir, outDir }, loadContent(contentDir))));

  // One statement of the leader test changes; only that document is rebuilt.
  const statementsFile = join(contentDir, 'udsagn.yaml');
  const original = readFileSync(statementsFile, 'utf8');
  const line = /^(\s*- leader: )(.+)$/m.exec(original);
  if (!line) throw new Error('bench: no "- leader:" line in udsagn.yaml to change');
  const singleMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    writeFileSync(statementsFile, original.replace(line[0], `${line[1]}${line[2]} (${i % 2 ? 'ændret' : 'rettet'})`));
    singleMs.push(
      await time(() => build({ contentDir, outDir, only: ['mus-test-leder.pdf'] }, loadContent(contentDir))),
    );
  }
  process.stdout.write(`${JSON.stringify({ firstMs, fullMs, singleMs })}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

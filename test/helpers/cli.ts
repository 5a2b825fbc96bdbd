// Runs the compiled `mus` command as a user would (vitest's global set-up, helpers/build-first.ts, builds it when stale).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

export function runMus(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A sample file of the repository's own (test/fixtures/). */
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/**
 * What a build with 1 or 2 leaders' answers says on stderr (fewer than minGroupSize 5, shown all
 * the same: each leader's answers can be recognised on the poster).
 */
export const fewLeadersNotice = (count: number) =>
  `resultatskema-leder.pdf: svar fra kun ${count}, færre end 5: den enkeltes svar kan genkendes på plakaten (det står på den). Tal om det med gruppen, før plakaten hænges op.\n`;

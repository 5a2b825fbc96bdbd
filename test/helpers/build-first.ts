// vitest's global set-up: many tests run the built `mus` command (dist/), so it is built
// first whenever a source is newer than the last build — `npx vitest run` after editing
// src/ tests the edited code, and an unchanged tree is not built again.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** What `npm run build` reads. */
const inputs = ['src', 'bench', 'templates', 'tsconfig.json'];
/** What it writes last (the precompiled templates, after tsc): their oldest time is the build's. */
const lastStep = join(root, 'dist/templates');

function newest(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function builtAt(): number {
  if (!existsSync(lastStep)) return 0;
  const made = readdirSync(lastStep).filter((f) => f.endsWith('.js'));
  return made.length ? Math.min(...made.map((f) => statSync(join(lastStep, f)).mtimeMs)) : 0;
}

export default function buildFirst(): void {
  const changed = Math.max(...inputs.map((p) => newest(join(root, p))));
  if (changed <= builtAt()) return;
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status}): the tests need dist/`);
  process.stdout.write(`built dist/ before the tests (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

// The README's first steps work as written: the commands it shows with the shipped example
// answers run, and it says how to have `mus` on the PATH (and what not to accept from npx).
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The `npx mus …` commands in the README that use the shipped example answers. */
const exampleCommands = [...readme.matchAll(/`npx mus ([^`]*examples\/svar\.yaml[^`]*)`/g)].map((m) => m[1]);

describe('README', () => {
  it('shows commands with the example answers, and those files exist in the repo', () => {
    expect(exampleCommands.length).toBeGreaterThanOrEqual(2);
    expect(readme).not.toMatch(/`npx mus (build --responses|tally) svar\.yaml/); // a file nobody has
  });

  it.each(exampleCommands)('`npx mus %s` runs', (command) => {
    const args = command
      .replace(/\[[^\]]*\]/g, '')
      .trim()
      .split(/\s+/);
    const out = args[0] === 'build' ? ['--out', tempDir('mus-readme-')] : [];
    const result = runMus([...args, ...out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it("says how to have `mus` on the PATH anywhere, that npx works in the repo only, and not to accept npx's offer", () => {
    expect(readme).toContain('npm link');
    expect(readme).toMatch(/Inside this repository, `npx mus …` runs the repository's own `mus`/);
    expect(readme).toMatch(/unrelated package that happens to be called `mus`[^.]*answer \*\*no\*\*/);
  });

  it("the command `npm link` installs is the package's bin, a Node script", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toEqual(['mus']);
    const bin = join(repoRoot, pkg.bin.mus);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    accessSync(bin, constants.X_OK);
  });
});

// Content the person edits (meta.yaml) that breaks a rule of the build: one line naming the
// file and the field, exit 1, never "internal error".
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runMus } from './helpers/cli.js';
import { userError } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';

function contentWith(file: string, change: (text: string) => string): string {
  const dir = join(tempDir('mus-fault-content-'), 'da');
  cpSync(join(repoRoot, 'content', 'da'), dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('meta.yaml files', () => {
  it('a file name that is the name of the numbered copies is the content’s fault, named by field', () => {
    const dir = contentWith('meta.yaml', (t) =>
      t.replace('actionPlan: handleplan.pdf', 'actionPlan: mus-test-leder-30-ark.pdf'),
    );
    const out = tempDir('mus-fault-copies-name-');
    const result = runMus(['build', '--out', out, '--content', dir, '--copies', '30']);
    expect(userError(result)).toBe(
      `${join(dir, 'meta.yaml')} files.actionPlan: mus-test-leder-30-ark.pdf is also the name --copies 30 gives the numbered copies of leaderTest; choose another name`,
    );
    expect(readdirSync(out)).toEqual([]); // refused before anything was written
  });
});

describe('workshop files go through the guards of any file read', () => {
  it('a FIFO as workshop.yaml, given or in the content folder, is refused at once, not waited on', () => {
    const dir = contentWith('meta.yaml', (t) => t);
    execFileSync('mkfifo', [join(dir, 'workshop.yaml')]);
    for (const args of [
      ['--content', dir],
      ['--workshop', join(dir, 'workshop.yaml')],
    ]) {
      const started = Date.now();
      const line = userError(runMus(['build', '--out', tempDir('mus-fault-fifo-'), ...args]));
      expect(line).toBe(`${join(dir, 'workshop.yaml')}: is not a regular file`);
      expect(Date.now() - started).toBeLessThan(20_000);
    }
  });
});

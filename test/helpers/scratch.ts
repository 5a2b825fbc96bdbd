// Files a test writes for itself: a temp folder per test file, removed after its tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A writer of numbered scratch files (`svar-1.csv`, …); returns each file's path. */
export function scratchFiles(prefix: string, extension: string): (data: string | Uint8Array) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  return (data) => {
    const file = join(dir, `svar-${++files}.${extension}`);
    writeFileSync(file, data);
    return file;
  };
}

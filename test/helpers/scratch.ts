// Files a test writes for itself: temp folders, removed when the test file's tests are done.
// When one of the file's tests failed they are kept, and named on stderr, so that the PDFs a
// failing test read can be looked at; MUS_KEEP_TEMP=1 keeps them always.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

interface TaskLike {
  result?: { state?: string };
  tasks?: TaskLike[];
}
const failed = (task: TaskLike): boolean =>
  task.result?.state === 'fail' || (task.tasks ?? []).some((t: TaskLike) => failed(t));

// Each test file has its own copy of this module, so this runs once per file, after its tests.
// (vitest wants its first parameter destructured; the file is the second.)
// biome-ignore lint/correctness/noEmptyPattern: the context is not needed
afterAll(({}, file) => {
  const folders = made.splice(0);
  if (process.env.MUS_KEEP_TEMP === '1' || failed(file as TaskLike)) {
    if (folders.length) process.stderr.write(`temp folders kept for a look:\n  ${folders.join('\n  ')}\n`);
    return;
  }
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temp folder, removed after the test file's tests. */
export function tempDir(prefix = 'mus-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A scratch folder holding these files (name → contents). */
export function tempFolder(prefix: string, files: Record<string, string | Uint8Array>): string {
  const dir = tempDir(prefix);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

/** A writer of numbered scratch files (`svar-1.csv`, …); returns each file's path. */
export function scratchFiles(prefix: string, extension: string): (data: string | Uint8Array) => string {
  const dir = tempDir(prefix);
  let files = 0;
  return (data) => {
    const file = join(dir, `svar-${++files}.${extension}`);
    writeFileSync(file, data);
    return file;
  };
}

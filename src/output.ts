// Writing output safely: every file is written to a temporary name in the same folder and
// renamed into place, so a reader never sees a half-written PDF and a failed build never
// replaces good output.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFilesAtomically(dir: string, files: { name: string; bytes: Uint8Array }[]): string[] {
  mkdirSync(dir, { recursive: true });
  const temps = files.map((f) => ({ ...f, temp: join(dir, `.${f.name}.${process.pid}.tmp`), final: join(dir, f.name) }));
  try {
    for (const f of temps) writeFileSync(f.temp, f.bytes);
  } catch (err) {
    for (const f of temps) rmSync(f.temp, { force: true });
    throw err;
  }
  for (const f of temps) renameSync(f.temp, f.final);
  return temps.map((f) => f.final);
}

/** The date written into every PDF: SOURCE_DATE_EPOCH when set, else a fixed date. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date(Date.UTC(2024, 0, 1));
}

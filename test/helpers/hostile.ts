// The one-line exit-1 check every refusal must pass, and (from bombs.ts) the small hostile
// files the fault tests (test/faults*.test.ts) feed the program.
import { expect } from 'vitest';
import type { runMus } from './cli.js';

/** The stderr of a run that must fail as a user error: exactly one line, exit 1. */
export function userError(result: ReturnType<typeof runMus>): string {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  return lines[0];
}

export { jpegClaiming, odsRepeating, pdfWithImage, pngClaiming, tiffClaiming } from './bombs.js';

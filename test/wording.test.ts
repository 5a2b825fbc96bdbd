// The printed wording, read back from the built PDFs: Danish fixes of issue 16, the leader
// statements kept verbatim from the source test, and one word ("udsagn") for the statements.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, runMus } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const out = tempDir('mus-wording-');
const text: Record<string, string> = {};

beforeAll(async () => {
  const result = runMus(['build', '--out', out]);
  expect(result.stderr).toBe('');
  for (const name of ['mus-test-leder.pdf', 'mus-test-medarbejder.pdf', 'resultatskema-leder.pdf', 'procesguide-tjekliste.pdf']) {
    text[name] = flat((await readPdf(join(out, name))).text);
  }
}, 60_000);

const sourceLeaderStatements = readFileSync(fixture('seeds/leder-udsagn.txt'), 'utf8')
  .split('\n').filter((line) => line.trim() && !line.startsWith('#'));

describe('Danish wording', () => {
  it('the leader test prints the 20 statements of the source leader test verbatim', () => {
    expect(sourceLeaderStatements).toHaveLength(20);
    for (const statement of sourceLeaderStatements) expect(text['mus-test-leder.pdf']).toContain(statement);
  });

  it('employee statements 5 and 9 read "aftalt de temaer" and "eller min fortsatte karriere"', () => {
    const employee = text['mus-test-medarbejder.pdf'];
    expect(employee).toContain('Min leder og jeg har på forhånd aftalt de temaer for samtalen, som aktuelt er vigtigst');
    expect(employee).toContain('employability eller min fortsatte karriere)');
    expect(employee).not.toContain('eller fortsatte karriere');
  });

  it('both tests say "to trin – helt" with an en dash', () => {
    for (const name of ['mus-test-leder.pdf', 'mus-test-medarbejder.pdf']) {
      expect(text[name]).toContain('Testen består af to trin – helt nemt og simpelt.');
      expect(text[name]).not.toContain('to trin - helt');
    }
  });

  it('the statements are "udsagn" throughout: tests, poster and the checklist\'s calculation', () => {
    for (const name of ['mus-test-leder.pdf', 'mus-test-medarbejder.pdf', 'resultatskema-leder.pdf']) {
      expect(text[name], name).not.toMatch(/spørgsmål/i);
    }
    expect(text['mus-test-leder.pdf']).toContain('Ud for hvert udsagn sætter du et X');
    expect(text['procesguide-tjekliste.pdf']).toContain('Oversigt over spredning i besvarelser af udsagn');
    expect(text['procesguide-tjekliste.pdf']).not.toContain('besvarelser af spørgsmål');
  });
});

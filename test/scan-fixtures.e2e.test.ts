// Scans in the codecs copiers really write, made by real tools (test/fixtures/scans/
// make-fixtures.sh: Pillow's CCITT G4, wrapped into a PDF by img2pdf without re-encoding),
// the leader and employee tests filled in with the answers of test/fixtures/returned/
// answers.yaml. Each must tally exactly as those answers typed in YAML.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMus, repoRoot } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

const fixtures = join(repoRoot, 'test/fixtures/scans');
const typed = JSON.parse(runMus(['tally', join(repoRoot, 'test/fixtures/returned/answers.yaml'), '--json']).stdout);

/** The tally of a copy of the fixture (a scan's review files are written beside it). */
function tally(name: string) {
  const file = join(tempDir('mus-scan-fixture-'), name);
  copyFileSync(join(fixtures, name), file);
  const result = runMus(['tally', file, '--json']);
  expect(result.code).toBe(0);
  const { scans, ...json } = JSON.parse(result.stdout);
  return { json, scans, stderr: result.stderr };
}

describe("scans in a copier's codecs, made by real tools", () => {
  it('a PDF of four CCITT G4 pages (img2pdf): the tally of the typed answers', () => {
    const pdf = readFileSync(join(fixtures, 'scan-g4.pdf')).toString('latin1');
    expect(pdf.match(/\/CCITTFaxDecode/g)).toHaveLength(4);
    expect(pdf.match(/\/K -1/g)).toHaveLength(4); // G4, not G3
    const { json, scans, stderr } = tally('scan-g4.pdf');
    expect(json).toEqual(typed);
    expect(scans.pages).toBe(4);
    expect(stderr).toBe(''); // a clean reading says nothing, not even its summary
  }, 120_000);

  it('the same pages as one multi-page G4 TIFF: the tally of the typed answers', () => {
    const tiff = readFileSync(join(fixtures, 'scan-g4.tif'));
    expect(tiff.subarray(0, 4).toString('hex')).toBe('49492a00');
    const { json, scans } = tally('scan-g4.tif');
    expect(json).toEqual(typed);
    expect(scans.pages).toBe(4);
  }, 120_000);
});

// Structures built to exhaust a reader (issue 26, "also found"): deep nesting and loops that
// used to end in "internal error" (exit 2) are one line naming the file, exit 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { repoRoot, runMus } from './helpers/cli.js';
import { userError } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';

const dir = tempDir('mus-fault-structure-');

describe('nesting and loops', () => {
  it('a JSON file nested 5 000 levels deep (10 kB) names file, line and the limit', () => {
    const file = join(dir, 'dyb.json');
    writeFileSync(file, `{"leaders":\n${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(userError(runMus(['tally', file]))).toMatch(
      /dyb\.json:2:64: nests lists and mappings more than 64 levels deep/,
    );
  });

  it('a bracket inside a text does not count as nesting', () => {
    const file = join(dir, 'tekst.json');
    writeFileSync(
      file,
      JSON.stringify({ leaders: [{ id: `${'['.repeat(100)}"\\`, answers: Array(20).fill('Altid') }] }),
    );
    const result = runMus(['tally', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a scan PDF whose page tree holds itself', () => {
    const file = join(dir, 'sløjfe.pdf');
    writeFileSync(
      file,
      [
        '%PDF-1.4',
        '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj',
        '2 0 obj <</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>> endobj',
        '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</XObject<</Im 4 0 R>>>>/Contents 5 0 R>> endobj',
        '4 0 obj <</Type/XObject/Subtype/Image/Width 1/Height 1/ColorSpace/DeviceGray/BitsPerComponent 8/Length 1>>stream\nX\nendstream endobj',
        '5 0 obj <</Length 7>>stream\n/Im Do\nendstream endobj',
        'trailer <</Root 1 0 R/Size 6>>',
        '%%EOF',
      ].join('\n'),
    );
    expect(userError(runMus(['tally', file]))).toMatch(
      /sløjfe\.pdf( page 1)?: is (damaged \(its page tree loops or nests too deep\)|not a readable PDF)/,
    );
  });

  it('a returned test whose form-field tree loops', async () => {
    const doc = await PDFDocument.load(readFileSync(join(repoRoot, 'test/fixtures/returned/pdftk-leder.pdf')));
    // Our own printed test without its identity is what reads the whole form (getForm).
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    for (const key of info.keys()) info.delete(key);
    info.set(PDFName.of('Creator'), PDFString.of('mus-materialer'));
    const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
    const first = fields.get(0) as PDFRef;
    const parent = doc.context.register(doc.context.obj({ T: PDFString.of('p'), Kids: [first] }));
    doc.context.lookup(first, PDFDict).set(PDFName.of('Kids'), doc.context.obj([parent]));
    doc.context.lookup(first, PDFDict).set(PDFName.of('Parent'), parent);
    fields.set(0, parent);
    const file = join(dir, 'felt-sløjfe.pdf');
    writeFileSync(file, await doc.save());
    const line = userError(runMus(['tally', file]));
    expect(line).toMatch(/felt-sløjfe\.pdf: is (damaged|not a fillable MUS test)/);
  });
});

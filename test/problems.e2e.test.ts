// Problems worded by the content (content/da/problems.yaml) on the command line, as in the
// app: the workshop file given as answers, and a test printed to PDF; without the catalogue
// (another content), the code's English words.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { defaultContentDir } from '../src/paths.js';
import { fixture, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

describe('mus tally words a problem from the content', () => {
  it('in Danish with what to do, from problems.yaml; as the code says without one', async () => {
    const dir = tempDir('mus-problems-');
    const workshop = join(dir, 'lageret.yaml');
    writeFileSync(workshop, 'workplace: Lageret\nunit: Plukkerne\n');
    const danish = runMus(['tally', workshop]);
    expect(danish.code).toBe(1);
    expect(danish.stderr).toContain(
      'lageret.yaml:1:1: er workshoppens oplysninger (workshop.yaml), ikke svar. De hører til workshoppen: i mus app under "Ret oplysningerne", på kommandolinjen med --workshop.',
    );
    const doc = await PDFDocument.load(readFileSync(fixture('returned/pdftk-leder.pdf')), { updateMetadata: false });
    doc.getForm().flatten();
    const printed = join(dir, 'printet.pdf');
    writeFileSync(printed, await doc.save());
    expect(runMus(['tally', printed]).stderr).toContain(
      'printet.pdf: svarene kan ikke læses, fordi testen er printet til PDF i stedet for gemt',
    );
    const english = tempDir('mus-en-');
    for (const name of readdirSync(defaultContentDir)) {
      if (name !== 'problems.yaml') copyFileSync(join(defaultContentDir, name), join(english, name));
    }
    const plain = runMus(['tally', '--content', english, printed]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      'printet.pdf: holds no answer fields: it was printed to PDF instead of saved, so the crosses are only drawn and cannot be read; ask for the saved file',
    );
    expect(runMus(['tally', '--content', english, workshop]).stderr).toContain(
      'lageret.yaml:1:1: is a workshop file (the details printed on the material), not answers',
    );
  });
});

// Draws what a scanned paper test is read back by: four solid corner marks and the page
// code as a QR code (positions in sheet/page-code.ts). All of it sits in the margins, drawn as
// artifacts (screen readers skip it); the code takes a sliver of the type area's foot,
// which measuring reserves, so it never covers text.
import QRCode from 'qrcode';
import type { RegistrationBlock } from '../layout/schema.js';
import { fillPlaceholders } from '../text.js';
import { drawArtifact } from './context.js';
import type { BlockDrawer } from './blocks/block.js';
import { encodePageCode, markCentres, qrSquare, registration as geometry } from '../sheet/page-code.js';
import { paperSizes } from './styles.js';
import { InternalError } from '../errors.js';

/** The QR code's dark modules as runs along each row: [row, first column, length]. */
function qrRuns(text: string): [number, number, number][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'Q', version: 1 });
  if (modules.size !== geometry.qrModules)
    throw new InternalError(`page code: QR code is ${modules.size} modules, not ${geometry.qrModules}`);
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push([row, start, col - start]);
    }
  }
  return runs;
}

export const registration: BlockDrawer<RegistrationBlock> = {
  measure: () => geometry.reserve,
  draw(block, ctx) {
    const { doc } = ctx;
    const { width, height } = paperSizes[ctx.where.paper];
    const text = encodePageCode({
      group: block.group,
      page: block.page,
      sheet: block.sheet,
      fingerprint: block.fingerprint,
    });
    const qr = qrSquare(width, height);
    const m = geometry.qrModule;
    drawArtifact(ctx, () => {
      doc.fillColor('#000000');
      const half = geometry.markSize / 2;
      for (const c of markCentres(width, height))
        doc.rect(c.x - half, c.y - half, geometry.markSize, geometry.markSize);
      // Runs overlap by a hair so no white seams show between modules.
      for (const [row, col, length] of qrRuns(text))
        doc.rect(qr.x + col * m, qr.y + row * m, length * m + 0.05, m + 0.05);
      doc.fill();
      if (block.sheet !== undefined && block.sheetLabel) {
        const label = fillPlaceholders(block.sheetLabel, { sheet: block.sheet });
        doc.font('regular').fontSize(7).fillColor('#555555');
        doc.text(label, qr.x + qr.size + m * 4, qr.y + qr.size - 8, { lineBreak: false });
      }
    });
  },
};

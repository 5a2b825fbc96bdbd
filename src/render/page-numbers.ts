// "Side 2 af 3" at the foot of every page of a document of more than one page. The count is
// known only when every page is laid out, so the numbers are drawn last, on pdfkit's
// buffered pages (bufferPages + switchToPage, its public API for this).
import type { PaperSize } from '../layout/schema.js';
import { fillPlaceholders } from '../text.js';
import type { Pdf } from './context.js';
import { minMargin, mm, paperSizes } from './styles.js';

/** Type size of the page numbers: small, they are for putting the sheets in order. */
const sizes: Record<PaperSize, number> = { A4: 8, A3: 10 };

/**
 * Draws `label` ({{page}}, {{pages}}) centred (or at the left) in the bottom margin of every page, inside the
 * printable area (above the outer 10 mm), as a pagination artifact: screen readers skip it.
 */
export function numberPages(
  doc: Pdf,
  label: string,
  paper: PaperSize,
  align: 'left' | 'center' = 'center',
  pagesPerCopy?: number,
): void {
  const { start, count } = doc.bufferedPageRange();
  // Numbered copies of one document are paged per copy: each copy is what a participant gets.
  const pages = pagesPerCopy ?? count;
  if (pages < 2) return;
  const { width, height } = paperSizes[paper];
  const size = sizes[paper];
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    const text = fillPlaceholders(label, { page: (i % pages) + 1, pages });
    doc.font('regular').fontSize(size);
    const y = height - minMargin - mm(0.5) - doc.heightOfString(text, { lineBreak: false });
    doc.markContent('Artifact', { type: 'Pagination' });
    // Left: inside the type area's left edge, clear of the corner marks and of a centred page code.
    const x = align === 'left' ? mm(20) : 0;
    doc.fillColor('#333333').text(text, x, y, { width: width - x, align, lineBreak: false });
    doc.endMarkedContent();
  }
}

// `mus build --copies N`: beside each paper test, a print-ready file of N numbered copies
// (mus-test-leder-30-ark.pdf), drawn from the test's own layout (layout/copies.ts).
import type { Content } from '../content/model.js';
import { numberedCopies } from '../layout/copies.js';
import { renderTemplate } from '../layout/template.js';
import { renderPdf } from '../render/pdf.js';
import type { OutputFile } from './build.js';
import { documents, fileName } from './documents.js';
import { pdfMeta } from './pdf-meta.js';

export const copiesFileName = (testFile: string, count: number): string =>
  testFile.replace(/\.pdf$/, `-${count}-ark.pdf`);

export async function renderCopies(content: Content, count: number): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  for (const spec of documents.filter((d) => d.kind === 'test')) {
    const layout = await renderTemplate(spec.template, spec.view(content, undefined, {}));
    const name = copiesFileName(fileName(content, spec.id), count);
    const pdf = await renderPdf(numberedCopies(layout, count), pdfMeta(content, name));
    files.push({ name, bytes: pdf.bytes });
  }
  return files;
}

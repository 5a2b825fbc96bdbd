// `mus build --copies N`: beside each paper test, a print-ready file of N numbered copies
// (mus-test-leder-30-ark.pdf), drawn from the test's own layout (layout/copies.ts).
import { join } from 'node:path';
import type { Content } from '../content/model.js';
import { displayPath, UserError } from '../errors.js';
import { numberedCopies } from '../layout/copies.js';
import { renderTemplate } from '../layout/template.js';
import { renderPdf } from '../render/pdf.js';
import type { OutputFile } from './build.js';
import { documents, fileName } from './documents.js';
import { pdfMeta } from './pdf-meta.js';

export const copiesFileName = (testFile: string, count: number): string =>
  testFile.replace(/\.pdf$/, `-${count}-ark.pdf`);

/**
 * A document whose file name in meta.yaml is the name of a test's numbered copies would be
 * overwritten by them: the person's content to fix, said before anything is drawn.
 */
export function checkCopyNames(content: Content, count: number, contentDir: string): void {
  const copies = new Map(
    documents
      .filter((d) => d.kind === 'test')
      .map((d) => [copiesFileName(fileName(content, d.id), count).toLowerCase(), d.id]),
  );
  for (const spec of documents) {
    const name = fileName(content, spec.id);
    const test = copies.get(name.toLowerCase());
    if (test === undefined) continue;
    throw new UserError({
      file: displayPath(join(contentDir, 'meta.yaml')),
      field: `files.${spec.id}`,
      message: `${name} is also the name --copies ${count} gives the numbered copies of ${test}; choose another name`,
    });
  }
}

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

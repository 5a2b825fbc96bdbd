// `mus build --copies N` (or `L,E`): beside each paper test, a print-ready file of its
// number of numbered copies (mus-test-leder-2-ark.pdf), drawn from the test's own layout
// (layout/copies.ts).
import { join } from 'node:path';
import type { Content, Group } from '../content/model.js';
import { displayPath, UserError } from '../errors.js';
import { numberedCopies } from '../layout/copies.js';
import type { OutputFile } from './build.js';
import { documents, fileName } from './documents.js';
import { pdfMeta } from './pdf-meta.js';

export const copiesFileName = (testFile: string, count: number): string =>
  testFile.replace(/\.pdf$/, `-${count}-ark.pdf`);

/**
 * A document whose file name in meta.yaml is the name of a test's numbered copies would be
 * overwritten by them: the person's content to fix, said before anything is drawn.
 */
export function checkCopyNames(content: Content, copies: Record<Group, number>, contentDir: string): void {
  const names = new Map(
    documents
      .filter((d) => d.kind === 'test')
      .map((d) => [copiesFileName(fileName(content, d.id), copies[d.group!]).toLowerCase(), d]),
  );
  for (const spec of documents) {
    const name = fileName(content, spec.id);
    const test = names.get(name.toLowerCase());
    if (test === undefined) continue;
    throw new UserError({
      file: displayPath(join(contentDir, 'meta.yaml')),
      field: `files.${spec.id}`,
      message: `${name} is also the name --copies ${copies[test.group!]} gives the numbered copies of ${test.id}; choose another name`,
    });
  }
}

export async function renderCopies(content: Content, copies: Record<Group, number>): Promise<OutputFile[]> {
  const [{ renderTemplate }, { renderPdf }] = await Promise.all([
    import('../layout/template.js'),
    import('../render/pdf.js'),
  ]);
  const files: OutputFile[] = [];
  for (const spec of documents.filter((d) => d.kind === 'test')) {
    const count = copies[spec.group!];
    const layout = await renderTemplate(spec.template, spec.view(content, undefined, {}));
    const name = copiesFileName(fileName(content, spec.id), count);
    const pdf = await renderPdf(numberedCopies(layout, count), pdfMeta(content, name));
    files.push({ name, bytes: pdf.bytes });
  }
  return files;
}

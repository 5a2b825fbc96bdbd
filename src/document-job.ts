// One document of the set as a job: everything it needs is plain data (the view, the
// PDF's metadata, and for a test its fillable version's view and what its form needs of the
// content), and its result is files: the printed document, and the fillable version.
import type { Group } from './content/model.js';
import type { FormContent } from './content/form-identity.js';
import { renderTemplate } from './layout/template.js';
import { renderPdf, type PdfMeta, type RenderedPdf } from './render/pdf.js';

export interface DocumentJob {
  template: string;
  view: object;
  /** The printed document's metadata; its name is the file name. */
  meta: PdfMeta;
  /** Whether the printed document is among the files wanted (its fillable version may be all that is). */
  printed: boolean;
  /** The test to fill in on screen: rendered from its own view (the on-screen wording), then given its form. */
  fillable?: { file: string; group: Group; content: FormContent; view: object };
}

export type OutputFile = { name: string; bytes: Buffer };

/** A document drawn in memory: its template filled with the view, laid out and rendered. */
export async function renderDocument(template: string, view: object, meta: PdfMeta): Promise<RenderedPdf> {
  return renderPdf(await renderTemplate(template, view), meta);
}

export async function renderJob(job: DocumentJob): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  if (job.printed) files.push({ name: job.meta.name, bytes: (await renderDocument(job.template, job.view, job.meta)).bytes });
  if (job.fillable) {
    // Loaded only for tests: the other documents have no form.
    const { makeFillable } = await import('./forms/fillable.js');
    const { file, group, content, view } = job.fillable;
    const pdf = await renderDocument(job.template, view, { ...job.meta, name: file });
    const bytes = await makeFillable(pdf, { content, group });
    files.push({ name: file, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }); // no copy
  }
  return files;
}

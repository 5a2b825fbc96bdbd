// The build pipeline, in order: content → (responses → tally) → templates → layout → PDF → files.
// Every document is rendered in memory first; files are written only when all succeeded.
import { loadContent } from './content/load.js';
import type { Content } from './content/model.js';
import { documents, type DocumentSpec, type Tallies } from './documents.js';
import { renderTemplate } from './layout/template.js';
import type { PosterOptions } from './layout/views/poster.js';
import { buildDate, writeFilesAtomically } from './output.js';
import { renderPdf } from './render/pdf.js';

export interface BuildOptions extends PosterOptions {
  contentDir: string;
  outDir: string;
  /** Pre-fill the posters with these tallies. */
  tallies?: Tallies;
  /** Only these output files (by name); all when absent. */
  only?: string[];
}

export async function renderDocument(spec: DocumentSpec, content: Content, options: Omit<BuildOptions, 'contentDir' | 'outDir'>): Promise<Buffer> {
  const layout = renderTemplate(spec.template, spec.view(content, options.tallies, options));
  const pdf = await renderPdf(layout, { language: content.meta.language, author: content.meta.author, date: buildDate(), name: spec.file });
  return pdf.bytes;
}

export async function renderAll(content: Content, options: Omit<BuildOptions, 'contentDir' | 'outDir'>) {
  const specs = documents.filter((d) => !options.only || options.only.includes(d.file));
  const rendered = [];
  for (const spec of specs) rendered.push({ name: spec.file, bytes: await renderDocument(spec, content, options) });
  return rendered;
}

/** Builds the material set into options.outDir and returns the paths written. */
export async function build(options: BuildOptions, content: Content = loadContent(options.contentDir)): Promise<string[]> {
  const files = await renderAll(content, options);
  return writeFilesAtomically(options.outDir, files);
}

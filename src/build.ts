// The build pipeline, in order: content → (responses → tally) → templates → layout → PDF → files.
// Every document is rendered in memory first; files are written only when all succeeded.
import { loadContent } from './content/load.js';
import type { Content } from './content/model.js';
import { documents, type DocumentSpec, type Tallies } from './documents.js';
import { renderTemplate } from './layout/template.js';
import type { PosterOptions } from './layout/views/poster.js';
import { buildDate, writeFilesAtomically } from './output.js';
import { renderPdf, type RenderedPdf } from './render/pdf.js';

export interface BuildOptions extends PosterOptions {
  contentDir: string;
  outDir: string;
  /** Pre-fill the posters with these tallies. */
  tallies?: Tallies;
  /** Only these output files (by name); all when absent. */
  only?: string[];
}

/** A document rendered in memory, with where its tick boxes are (for the fillable tests). */
export async function renderDocumentPdf(spec: DocumentSpec, content: Content, options: Omit<BuildOptions, 'contentDir' | 'outDir'>): Promise<RenderedPdf> {
  const layout = renderTemplate(spec.template, spec.view(content, options.tallies, options));
  return renderPdf(layout, { language: content.meta.language, author: content.meta.author, date: buildDate(), name: spec.file });
}

export async function renderAll(content: Content, options: Omit<BuildOptions, 'contentDir' | 'outDir'>) {
  const wanted = (file: string) => !options.only || options.only.includes(file);
  const specs = documents.filter((d) => wanted(d.file) || (d.fillable !== undefined && wanted(d.fillable.file)));
  const rendered = [];
  for (const spec of specs) {
    const pdf = await renderDocumentPdf(spec, content, options);
    if (wanted(spec.file)) rendered.push({ name: spec.file, bytes: pdf.bytes });
    // The test to fill in on screen: the same pages, with a radio group over each statement's boxes.
    if (spec.fillable && wanted(spec.fillable.file)) {
      const { makeFillable } = await import('./forms/fillable.js');
      rendered.push({ name: spec.fillable.file, bytes: Buffer.from(await makeFillable(pdf, { content, group: spec.fillable.group })) });
    }
  }
  return rendered;
}

/** Builds the material set into options.outDir and returns the paths written. */
export async function build(options: BuildOptions, content: Content = loadContent(options.contentDir)): Promise<string[]> {
  const files = await renderAll(content, options);
  return writeFilesAtomically(options.outDir, files);
}

// The build pipeline, in order: content → (responses → tally) → templates → layout → PDF → files.
// Every document is rendered in memory first; files are written only when all succeeded.
import { saveCaches } from './cache/persistent.js';
import type { Content } from './content/model.js';
import type { DocumentJob, OutputFile } from './document-job.js';
import { documents, type DocumentSpec, type Tallies } from './documents.js';
import type { PosterOptions } from './layout/views/poster.js';
import { buildDate, writeFilesAtomically } from './output.js';
import type { PdfMeta, RenderedPdf } from './render/pdf.js';

export interface BuildOptions extends PosterOptions {
  contentDir: string;
  outDir: string;
  /** Pre-fill the posters with these tallies. */
  tallies?: Tallies;
  /** Only these output files (by name); all when absent. */
  only?: string[];
  /** Also write print-ready files of this many numbered copies of each paper test. */
  copies?: number;
}

type RenderOptions = Omit<BuildOptions, 'contentDir' | 'outDir'>;

function pdfMeta(spec: DocumentSpec, content: Content): PdfMeta {
  return { language: content.meta.language, author: content.meta.author, date: buildDate(), name: spec.file };
}

/** A document rendered in memory, with where its tick boxes are (for the fillable tests). */
export async function renderDocumentPdf(spec: DocumentSpec, content: Content, options: RenderOptions): Promise<RenderedPdf> {
  const { renderDocument } = await import('./document-job.js');
  return renderDocument(spec.template, spec.view(content, options.tallies, options), pdfMeta(spec, content));
}

function jobFor(spec: DocumentSpec, content: Content, options: RenderOptions, wanted: (file: string) => boolean): DocumentJob {
  const { meta, scoring, numbered } = content;
  return {
    template: spec.template,
    view: spec.view(content, options.tallies, options),
    meta: pdfMeta(spec, content),
    printed: wanted(spec.file),
    // What the fillable version needs of the content.
    fillable: spec.fillable && wanted(spec.fillable.file) ? { ...spec.fillable, content: { meta, scoring, numbered } } : undefined,
  };
}

export async function renderAll(content: Content, options: RenderOptions): Promise<OutputFile[]> {
  const wanted = (file: string) => !options.only || options.only.includes(file);
  const specs = documents.filter((d) => wanted(d.file) || (d.fillable !== undefined && wanted(d.fillable.file)));
  // Loaded here, not above: a build that stops at its content never loads pdfkit.
  const { renderJob } = await import('./document-job.js');
  const rendered: OutputFile[] = [];
  for (const spec of specs) rendered.push(...(await renderJob(jobFor(spec, content, options, wanted))));
  if (options.copies) rendered.push(...(await (await import('./print-copies.js')).renderCopies(content, options.copies)));
  return rendered;
}

/** Builds the material set into options.outDir and returns the paths written. */
export async function build(options: BuildOptions, given?: Content): Promise<string[]> {
  const content = given ?? (await import('./content/load.js')).loadContent(options.contentDir);
  const files = await renderAll(content, options);
  const written = writeFilesAtomically(options.outDir, files);
  saveCaches(); // after the output is safe: the caches only help the next build
  return written;
}

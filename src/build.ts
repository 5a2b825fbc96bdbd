// The build pipeline, in order: content → (responses → tally) → templates → layout → PDF → files.
// Every document is rendered in memory first; files are written only when all succeeded.
import { saveCaches } from './cache/persistent.js';
import { loadContent } from './content/load.js';
import type { Content } from './content/model.js';
import { documents, type DocumentSpec, type Tallies } from './documents.js';
import { renderTemplate } from './layout/template.js';
import type { PosterOptions } from './layout/views/poster.js';
import { buildDate, writeFilesAtomically } from './output.js';
import { renderPdf, type PdfMeta, type RenderedPdf } from './render/pdf.js';
import type { RenderLane } from './render/worker-lane.js';

export interface BuildOptions extends PosterOptions {
  contentDir: string;
  outDir: string;
  /** Pre-fill the posters with these tallies. */
  tallies?: Tallies;
  /** Only these output files (by name); all when absent. */
  only?: string[];
  /** A second thread that draws the documents no other document is made from (the CLI starts one). */
  lane?: RenderLane;
}

type RenderOptions = Omit<BuildOptions, 'contentDir' | 'outDir'>;

function pdfMeta(spec: DocumentSpec, content: Content): PdfMeta {
  return { language: content.meta.language, author: content.meta.author, date: buildDate(), name: spec.file };
}

/** A document rendered in memory, with where its tick boxes are (for the fillable tests). */
export async function renderDocumentPdf(spec: DocumentSpec, content: Content, options: RenderOptions): Promise<RenderedPdf> {
  const layout = await renderTemplate(spec.template, spec.view(content, options.tallies, options));
  return renderPdf(layout, pdfMeta(spec, content));
}

type Files = { name: string; bytes: Buffer }[];
type Outcome = { ok: true; files: Files } | { ok: false; error: unknown };

/** A promise's outcome as a value, so later documents are not left as unhandled rejections. */
const settle = (files: Promise<Files>): Promise<Outcome> =>
  files.then(
    (value): Outcome => ({ ok: true, files: value }),
    (error: unknown): Outcome => ({ ok: false, error }),
  );

export async function renderAll(content: Content, options: RenderOptions): Promise<Files> {
  const wanted = (file: string) => !options.only || options.only.includes(file);
  const specs = documents.filter((d) => wanted(d.file) || (d.fillable !== undefined && wanted(d.fillable.file)));
  const { lane } = options;
  let failed = false;
  try {
    // Documents with a fillable version stay in this thread (the fillable is made from their
    // bytes, with pdf-lib loaded here); the others go to the lane first, so both threads work.
    const inLane = new Map<number, Promise<Outcome>>();
    specs.forEach((spec, i) => {
      if (!lane || spec.fillable) return;
      const view = spec.view(content, options.tallies, options);
      inLane.set(i, settle(lane.render(spec.template, view, pdfMeta(spec, content)).then((pdf) => [{ name: spec.file, bytes: pdf.bytes }])));
    });
    const outcomes: Outcome[] = [];
    for (const [i, spec] of specs.entries()) {
      if (!inLane.has(i)) outcomes[i] = await settle(renderHere(spec, content, options, wanted));
    }
    for (const [i, outcome] of inLane) outcomes[i] = await outcome;
    // In document order, so the error reported is the one a build in one thread would report.
    const rendered: Files = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      rendered.push(...outcome.files);
    }
    return rendered;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    lane?.close(failed);
  }
}

/** Renders a document in this thread, and its fillable version when wanted. */
async function renderHere(spec: DocumentSpec, content: Content, options: RenderOptions, wanted: (file: string) => boolean): Promise<Files> {
  const pdf = await renderDocumentPdf(spec, content, options);
  const files: Files = wanted(spec.file) ? [{ name: spec.file, bytes: pdf.bytes }] : [];
  // The test to fill in on screen: the same pages, with a radio group over each statement's boxes.
  if (spec.fillable && wanted(spec.fillable.file)) {
    const { makeFillable } = await import('./forms/fillable.js');
    files.push({ name: spec.fillable.file, bytes: Buffer.from(await makeFillable(pdf, { content, group: spec.fillable.group })) });
  }
  return files;
}

/** Builds the material set into options.outDir and returns the paths written. */
export async function build(options: BuildOptions, content: Content = loadContent(options.contentDir)): Promise<string[]> {
  const files = await renderAll(content, options);
  const written = writeFilesAtomically(options.outDir, files);
  saveCaches(); // after the output is safe: the caches only help the next build
  return written;
}

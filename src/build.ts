// The build pipeline, in order: content → (responses → tally) → templates → layout → PDF → files.
// Every document is rendered in memory first; files are written only when all succeeded.
import { saveCaches } from './cache/persistent.js';
import { loadContent } from './content/load.js';
import type { Content } from './content/model.js';
import { renderJob, type DocumentJob, type OutputFile } from './document-job.js';
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
  /** A second thread that draws documents too (the command line starts one). */
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

function jobFor(spec: DocumentSpec, content: Content, options: RenderOptions, wanted: (file: string) => boolean): DocumentJob {
  const { meta, scoring, numbered } = content;
  return {
    template: spec.template,
    view: spec.view(content, options.tallies, options),
    meta: pdfMeta(spec, content),
    printed: wanted(spec.file),
    // What the fillable version needs of the content, as plain data for either thread.
    fillable: spec.fillable && wanted(spec.fillable.file) ? { ...spec.fillable, content: { meta, scoring, numbered } } : undefined,
  };
}

type Outcome = { ok: true; files: OutputFile[] } | { ok: false; error: unknown };

/** A promise's outcome as a value, so a failed document is reported in order, not as an unhandled rejection. */
const settle = (files: Promise<OutputFile[]>): Promise<Outcome> =>
  files.then(
    (value): Outcome => ({ ok: true, files: value }),
    (error: unknown): Outcome => ({ ok: false, error }),
  );

export async function renderAll(content: Content, options: RenderOptions): Promise<OutputFile[]> {
  const wanted = (file: string) => !options.only || options.only.includes(file);
  const specs = documents.filter((d) => wanted(d.file) || (d.fillable !== undefined && wanted(d.fillable.file)));
  const jobs = specs.map((spec) => jobFor(spec, content, options, wanted));
  const { lane } = options;
  let failed = false;
  try {
    // Both threads take documents until none are left: this one from the front, the lane
    // from the back, one at a time, so neither waits while the other still has work.
    const outcomes: Outcome[] = [];
    let front = 0;
    let back = jobs.length - 1;
    const here = async () => {
      while (front <= back) {
        const i = front++;
        outcomes[i] = await settle(renderJob(jobs[i]));
      }
    };
    const inLane = async (worker: RenderLane) => {
      while (front <= back) {
        const i = back--;
        outcomes[i] = await settle(worker.render(jobs[i]));
      }
    };
    await Promise.all([here(), lane ? inLane(lane) : undefined]);
    // In document order, so the error reported is the one a build in one thread would report.
    const rendered: OutputFile[] = [];
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

/** Builds the material set into options.outDir and returns the paths written. */
export async function build(options: BuildOptions, content: Content = loadContent(options.contentDir)): Promise<string[]> {
  const files = await renderAll(content, options);
  const written = writeFilesAtomically(options.outDir, files);
  saveCaches(); // after the output is safe: the caches only help the next build
  return written;
}

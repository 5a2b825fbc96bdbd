// The material of one workshop: built into its folder (materiale/) by the same runBuild
// `mus build` runs, and described for a face that lists it: which files belong to the
// workshop's approach, each file's paper size and page count, and a picture of its first
// page. Thumbnails are kept per file and its time of change, so a rebuilt file is redrawn.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Content } from '../content/model.js';
import { paperSizes } from '../sheet/paper.js';
import { replaceFile } from '../output.js';
import { documents, fileName } from './documents.js';
import { copiesFileName } from './print-copies.js';
import { stamp, workshopLayout, type WorkshopFolder } from './workshop.js';

export type MaterialKind = 'paperTest' | 'copies' | 'fillableTest' | 'poster' | 'checklist' | 'other';

export interface MaterialFile {
  name: string;
  kind: MaterialKind;
}

/** The files of the set a workshop of this approach uses: Tilgang 1 prints the tests, Tilgang 2 sends them to fill in on screen. */
export function materialFiles(content: Content, settings: WorkshopFolder['settings']): MaterialFile[] {
  const files: MaterialFile[] = [];
  for (const spec of documents) {
    if (spec.notMade?.(undefined)) continue; // made only from answers
    const name = fileName(content, spec.id);
    if (spec.kind === 'test') {
      if (settings.tilgang === 1) {
        files.push({ name, kind: 'paperTest' });
        if (settings.copies) files.push({ name: copiesFileName(name, settings.copies), kind: 'copies' });
      } else if (spec.fillable) files.push({ name: fileName(content, spec.fillable.id), kind: 'fillableTest' });
      continue;
    }
    const kind: MaterialKind = spec.kind === 'poster' ? 'poster' : spec.kind === 'checklist' ? 'checklist' : 'other';
    files.push({ name, kind });
  }
  return files;
}

const builtStamp = '.bygget';

/** What the material was built from: when this differs from the last build's, it is built again. */
function sourceStamp(folder: WorkshopFolder, contentDir: string): string {
  const files = [workshopLayout.details, workshopLayout.settings].map((f) => stamp(join(folder.dir, f)));
  return JSON.stringify([contentDir, ...files, stamp(join(contentDir, 'meta.yaml'))]);
}

const building = new Map<string, Promise<boolean>>();

/** Builds the workshop's material unless it is there from the same details; returns whether it was built. */
export async function ensureMaterial(folder: WorkshopFolder, contentDir: string): Promise<boolean> {
  // A page asks for many thumbnails at once: they wait for one build.
  const running = building.get(folder.dir);
  if (running) await running.catch(() => undefined);
  const build = buildIfChanged(folder, contentDir);
  building.set(folder.dir, build);
  try {
    return await build;
  } finally {
    if (building.get(folder.dir) === build) building.delete(folder.dir);
  }
}

async function buildIfChanged(folder: WorkshopFolder, contentDir: string): Promise<boolean> {
  const outDir = join(folder.dir, workshopLayout.material);
  const marker = join(outDir, builtStamp);
  const wanted = sourceStamp(folder, contentDir);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return false;
  // The renderer loads with the first build, not with the app: `mus app` listens sooner.
  const { runBuild } = await import('./build.js');
  await runBuild({
    contentDir,
    outDir,
    workshopFile: join(folder.dir, workshopLayout.details),
    tilgang: folder.settings.tilgang,
    // The web app's one number is that many of each test.
    copies: folder.settings.copies ? { leader: folder.settings.copies, employee: folder.settings.copies } : undefined,
  });
  replaceFile(marker, wanted);
  return true;
}

export interface PdfFacts {
  pages: number;
  /** "A4", "A3" or the size in millimetres. */
  paper: string;
  landscape: boolean;
}

/** Page count and paper size of a PDF, from its first page. */
export async function pdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const { width, height } = doc.getPage(0).getSize();
  const [short, long] = [Math.min(width, height), Math.max(width, height)];
  const named = Object.entries(paperSizes).find(
    ([, size]) => Math.abs(size.width - short) < 2 && Math.abs(size.height - long) < 2,
  );
  const mm = (pt: number) => Math.round((pt / 72) * 25.4);
  return {
    pages: doc.getPageCount(),
    paper: named ? named[0] : `${mm(width)} × ${mm(height)} mm`,
    landscape: width > height,
  };
}

const thumbnails = new Map<string, Buffer>();

/** The first page of a PDF file as a PNG `width` pixels wide; kept until the file changes. */
export async function thumbnail(file: string, width = 240): Promise<Buffer> {
  const key = `${file}\u0000${stamp(file)}\u0000${width}`;
  const known = thumbnails.get(key);
  if (known) return known;
  const png = await renderThumbnail(readFileSync(file), width);
  for (const old of thumbnails.keys()) if (old.startsWith(`${file}\u0000`)) thumbnails.delete(old);
  thumbnails.set(key, png);
  return png;
}

/** pdf.js draws the page onto a @napi-rs/canvas at the scale that makes it `width` pixels wide. */
export async function renderThumbnail(bytes: Uint8Array, width: number): Promise<Buffer> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { renderPage } = await import('../responses/readers/scan/decode.js');
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const page = await doc.getPage(1);
    const dpi = (width / page.getViewport({ scale: 1 }).width) * 72;
    const canvas = await renderPage(page, dpi);
    return canvas.toBuffer('image/png');
  } finally {
    await doc.destroy();
  }
}

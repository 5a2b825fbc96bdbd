// The project's own paper tests, printed in-process (as `mus build` does, and with
// --copies), rasterised page by page with pdf.js onto @napi-rs/canvas: the paper that
// synthetic scans are made of.
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Content, Group } from '../../../src/content/model.js';
import { numberedCopies } from '../../../src/layout/copies.js';
import { renderTemplate } from '../../../src/layout/template.js';
import { testView } from '../../../src/documents/test/test.js';
import type { BoxPosition } from '../../../src/render/context.js';
import { renderPdf } from '../../../src/render/pdf.js';

export interface PrintedTest {
  group: Group;
  content: Content;
  pdf: Uint8Array;
  /** Tick boxes as the renderer drew them; `page` counts across copies. */
  boxes: BoxPosition[];
  /** Pages of one copy. */
  pagesPerCopy: number;
  copies: number;
  /** Rasterised pages, by page index and dpi (the same blank paper is scanned many times). */
  rasters: Map<string, Canvas>;
}

export async function printTest(content: Content, group: Group, copies?: number): Promise<PrintedTest> {
  const layout = await renderTemplate('test', testView(content, group));
  const pdf = await renderPdf(copies ? numberedCopies(layout, copies) : layout, {
    language: 'da',
    author: 'test',
    date: new Date(0),
    name: 'test.pdf',
  });
  const pages = Math.max(...pdf.boxes.map((b) => b.page)) + 1;
  return {
    group,
    content,
    pdf: pdf.bytes,
    boxes: pdf.boxes,
    pagesPerCopy: pages / (copies ?? 1),
    copies: copies ?? 1,
    rasters: new Map(),
  };
}

/** Page `index` (0-based, across copies) of the printed test at `dpi`, as a fresh canvas to draw on. */
export async function paperPage(test: PrintedTest, index: number, dpi: number): Promise<Canvas> {
  const key = `${index}@${dpi}`;
  let raster = test.rasters.get(key);
  if (!raster) {
    const doc = await getDocument({ data: new Uint8Array(test.pdf), verbosity: 0 }).promise;
    const page = await doc.getPage(index + 1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    raster = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const ctx = raster.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, raster.width, raster.height);
    await page.render({ canvas: raster as never, canvasContext: ctx as never, viewport }).promise;
    await doc.destroy();
    test.rasters.set(key, raster);
  }
  const copy = createCanvas(raster.width, raster.height);
  copy.getContext('2d').drawImage(raster, 0, 0);
  return copy;
}

/** The boxes of statement n on page `index` (scale order), or none when n is on another page. */
export function boxesOf(test: PrintedTest, index: number, n: number): BoxPosition[] {
  return test.boxes.filter((b) => b.page === index && b.name === `udsagn-${n}`);
}

/** The statement numbers printed on page `page` (1-based) of one copy, in order. */
export function statementsOn(test: PrintedTest, page: number): number[] {
  const numbers = test.boxes
    .filter((b) => b.page === page - 1)
    .map((b) => Number(/^udsagn-(\d+)$/.exec(b.name ?? '')?.[1]))
    .filter((n) => n > 0);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

// Who reads the pages: worker threads, one per core for pages read mostly in JavaScript (1-bit,
// photos), one for a scan's JPEG or PNG pages, whose decoding sharp spreads over the cores
// itself (pages are independent); or this thread when there is one core or the workers'
// compiled file is not there (tests running the TypeScript sources).
// Results come back in the order pages were handed in, so sheets pair up as scanned.
import { errorText } from '../../../text.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Group } from '../../../content/model.js';
import { declaredSizes } from '../../image-size.js';
import { oneBitDeflateTiff } from './bits.js';
import { pageImage, type ScanPage } from './decode-image.js';
import { a4Shaped } from './image.js';
import type { PageContext, PageResult } from './read-page.js';

export interface PageReader {
  /** Pages that may be handed in before the first result is awaited. */
  capacity: number;
  read(page: ScanPage): Promise<PageResult>;
  close(): Promise<void>;
}

const reason = (error: unknown) => errorText(error);

/** One page, start to end, on whatever thread this runs. */
export async function readScanPage(page: ScanPage, ctx: PageContext): Promise<PageResult> {
  if (page.problem) return { kind: 'problem', message: page.problem };
  let image: Awaited<ReturnType<typeof pageImage>>;
  try {
    image = await pageImage(page);
  } catch (error) {
    return { kind: 'problem', message: `cannot be decoded as an image (${reason(error)})` };
  }
  // Loaded here, not with this module: the main thread hands pages to workers and never reads one.
  const { readPage } = await import('./read-page.js');
  return readPage(image, ctx);
}

/** The data a worker starts with (a test's geometry is sent when the worker asks for it). */
export interface WorkerStart {
  contentDir?: string;
}

/** What a worker is sent for one page, and the buffers moved to it rather than copied. */
export interface PageMessage {
  message: { id: number; page: ScanPage };
  transfer: ArrayBuffer[];
}

/**
 * A page as a message to a worker. A typed array is cloned with its whole buffer, and a PDF
 * page's JPEG is a view into the file's bytes (a Buffer's slice() is a view too): the page's
 * bytes are copied out into a buffer of their own, which is then moved to the worker, so a
 * worker gets one page's bytes per page, never the whole file.
 */
export function pageMessage(id: number, page: ScanPage): PageMessage {
  if (!page.encoded) return { message: { id, page }, transfer: [] };
  const encoded = new Uint8Array(page.encoded); // a copy, in a buffer of exactly its length
  return { message: { id, page: { ...page, encoded } }, transfer: [encoded.buffer] };
}

const workerFile = fileURLToPath(new URL('./page-worker.js', import.meta.url));

/**
 * Pages a worker is given at a time. A worker decodes and maps the pages it holds while the
 * test it needs is rendered here (once per test), instead of waiting idle with one. Two, not
 * more, for pages sharp decodes: with six, peak memory grew with the page count (377 MB for
 * 120 pages against 325 for 60; with two 317 and 312), as more decodes ran at once in the
 * native allocator. A 1-bit Deflate page is decoded in JavaScript (bits.ts) into a small grey
 * image: a worker holds more of them, and keeps the core busy while the test is rendered.
 */
const pagesPerWorker = 2;
const bitPagesPerWorker = 8;
/**
 * A scan's JPEG or PNG page (shaped like A4, not a phone's photo) is decoded by sharp on
 * libuv's threads, which spread over the cores by themselves, and read in ~5 ms: one worker
 * holding four of them keeps every core busy, where a worker per core cost each one's start
 * and warming (60 pages of 300 dpi grey JPEG: ~1.40 → ~1.28 s, 0.1 s less CPU). A 1-bit page
 * (decoded in JavaScript) or a photo (evened and searched in JavaScript) needs a worker per core.
 */
const scanPagesPerWorker = 4;
const nativeScan = (page: ScanPage) => {
  if (!page.encoded || oneBitDeflateTiff(page.encoded)) return false;
  const [size] = declaredSizes(page.encoded);
  return size !== undefined && a4Shaped(size.width, size.height);
};
function limitOf(page: ScanPage): number {
  if (!page.encoded) return pagesPerWorker;
  if (nativeScan(page)) return scanPagesPerWorker;
  return oneBitDeflateTiff(page.encoded) ? bitPagesPerWorker : pagesPerWorker;
}

/** A worker's messages: a page read (or failed), or a request for a test's geometry. */
type FromWorker = { id: number; result?: PageResult; error?: string } | { geometryOf: Group };

export async function openPageReader(ctx: PageContext): Promise<PageReader> {
  const threads = Math.min(4, availableParallelism());
  if (threads < 2 || !existsSync(workerFile)) {
    return { capacity: 1, read: (page) => readScanPage(page, ctx), close: async () => undefined };
  }
  const start: WorkerStart = { contentDir: ctx.contentDir };
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: (r: PageResult) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>();
  const queue: PageMessage[] = [];
  let failed: Error | undefined;
  let next = 0;
  // The pages of the file being read: the kind of the last page handed in.
  let limit = pagesPerWorker;
  const dispatch = () => {
    while (queue.length > 0) {
      // The least loaded worker, while any has room.
      const [worker, held] = [...load].reduce((a, b) => (b[1] < a[1] ? b : a));
      if (held >= limitOf(queue[0].message.page)) return;
      const { message, transfer } = queue.shift()!;
      load.set(worker, held + 1);
      worker.postMessage(message, transfer);
    }
  };
  const failAll = (error: Error) => {
    failed ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  // A test is rendered here when a worker first meets a page of it, not before: a reading of
  // leaders' tests alone never renders the employees' test, and pages are decoded meanwhile.
  const spawn = () => {
    const worker = new Worker(workerFile, { workerData: start });
    workers.push(worker);
    load.set(worker, 0);
    worker.on('message', (message: FromWorker) => {
      if ('geometryOf' in message) {
        const group = message.geometryOf;
        ctx.geometry(group).then(
          (geometry) => worker.postMessage({ group, geometry }),
          (error: unknown) => failAll(error instanceof Error ? error : new Error(String(error))),
        );
        return;
      }
      const { id, result, error } = message;
      const job = waiting.get(id);
      waiting.delete(id);
      load.set(worker, (load.get(worker) ?? 1) - 1);
      if (error !== undefined) job?.reject(new Error(error));
      else job?.resolve(result!);
      dispatch();
    });
    worker.on('error', failAll);
  };
  // One starts loading now, while the first page is taken out of its file; the others when a
  // page needs them (nativeScan).
  spawn();
  return {
    get capacity() {
      return workers.length * limit;
    },
    read: (page) =>
      new Promise<PageResult>((resolve, reject) => {
        if (failed) return reject(failed);
        limit = limitOf(page);
        while (workers.length < (nativeScan(page) ? 1 : threads)) spawn();
        const id = next++;
        waiting.set(id, { resolve, reject });
        queue.push(pageMessage(id, page));
        dispatch();
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

// The main thread's side of the render worker (worker.ts): starts it, hands it jobs, and
// turns its answers back into rendered PDFs, or into the same errors the main thread
// would have thrown (a UserError keeps its problems, so messages are identical).
import { Worker } from 'node:worker_threads';
import { UserError, type Problem } from '../errors.js';
import type { BoxPosition } from './context.js';
import type { PdfMeta, RenderedPdf } from './pdf.js';

export interface RenderJob {
  id: number;
  template: string;
  view: object;
  meta: PdfMeta;
}

export type WorkerAnswer =
  | { id: number; ok: true; bytes: Uint8Array; boxes: BoxPosition[] }
  | { id: number; ok: false; problems: Problem[] }
  | { id: number; ok: false; problems?: undefined; message: string; stack?: string };

export interface RenderLane {
  render(template: string, view: object, meta: PdfMeta): Promise<RenderedPdf>;
  /**
   * Ends the worker after its jobs, letting it save what it cached (the process waits for
   * that); with `abort`, at once (a build that failed).
   */
  close(abort?: boolean): void;
}

/**
 * Starts a render worker. Start it early: loading pdfkit and the fonts in the worker then
 * overlaps with what the main thread does before it has jobs (reading content, tallying).
 * Only from the compiled package (dist/), where worker.js exists.
 */
export function startRenderLane(): RenderLane {
  const worker = new Worker(new URL('./worker.js', import.meta.url));
  const pending = new Map<number, { resolve: (pdf: RenderedPdf) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closed = false;

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (answer: WorkerAnswer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.ok) waiting.resolve({ bytes: Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength), boxes: answer.boxes });
    else if (answer.problems) waiting.reject(new UserError(answer.problems));
    else waiting.reject(Object.assign(new Error(answer.message), { stack: answer.stack }));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the render worker stopped (exit code ${code})`)));

  return {
    render(template, view, meta) {
      const id = nextId++;
      return new Promise<RenderedPdf>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, template, view, meta } satisfies RenderJob);
      });
    },
    close(abort = false) {
      if (closed) return;
      closed = true;
      if (abort) void worker.terminate();
      else worker.postMessage('close');
    },
  };
}

// The main thread's side of the render worker (worker.ts): starts it, hands it jobs, and
// turns its answers back into files, or into the same errors the main thread would have
// thrown (a UserError keeps its problems, so messages are identical).
import { Worker } from 'node:worker_threads';
import type { DocumentJob, OutputFile } from '../document-job.js';
import { UserError, type Problem } from '../errors.js';

export interface WorkerJob {
  id: number;
  job: DocumentJob;
}

export type WorkerAnswer =
  | { id: number; ok: true; files: { name: string; bytes: Uint8Array }[] }
  | { id: number; ok: false; problems: Problem[] }
  | { id: number; ok: false; problems?: undefined; message: string; stack?: string };

export interface RenderLane {
  render(job: DocumentJob): Promise<OutputFile[]>;
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
  const pending = new Map<number, { resolve: (files: OutputFile[]) => void; reject: (error: Error) => void }>();
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
    if (answer.ok) waiting.resolve(answer.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) })));
    else if (answer.problems) waiting.reject(new UserError(answer.problems));
    else waiting.reject(Object.assign(new Error(answer.message), { stack: answer.stack }));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the render worker stopped (exit code ${code})`)));

  return {
    render(job) {
      const id = nextId++;
      return new Promise<OutputFile[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, job } satisfies WorkerJob);
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

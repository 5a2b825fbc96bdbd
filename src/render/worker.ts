// A second thread for a cold build: a build process has two cores and most of its time is
// one document after another, so documents are drawn here while the main thread draws
// others (build.ts hands them out). Each job is a DocumentJob; the answer is its files
// (their bytes transferred, not copied), or the error, as plain data.
import { parentPort } from 'node:worker_threads';
import { saveCaches } from '../cache/persistent.js';
import { renderJob } from '../document-job.js';
import { UserError } from '../errors.js';
import { loadFonts } from './fonts.js';
import type { WorkerAnswer, WorkerJob } from './worker-lane.js';

const port = parentPort;
if (!port) throw new Error('render/worker.js runs as a worker thread only');

// The fonts are read before the first job arrives, while the main thread reads the content.
loadFonts();

// One job at a time, in the order given; 'close' comes after the last job.
let queue = Promise.resolve();
port.on('message', (message: WorkerJob | 'close') => {
  queue = queue.then(async () => {
    if (message === 'close') {
      saveCaches();
      port.close(); // nothing keeps the thread alive after this: it ends
      return;
    }
    const answer = await render(message);
    port.postMessage(answer, answer.ok ? answer.files.map((f) => f.bytes.buffer as ArrayBuffer) : []);
  });
});

async function render({ id, job }: WorkerJob): Promise<WorkerAnswer> {
  try {
    // Copies of exactly each file's bytes, so whole buffers can be handed over.
    const files = (await renderJob(job)).map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    return { id, ok: true, files };
  } catch (error) {
    if (error instanceof UserError) return { id, ok: false, problems: error.problems };
    const err = error instanceof Error ? error : new Error(String(error));
    return { id, ok: false, message: err.message, stack: err.stack };
  }
}

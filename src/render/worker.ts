// A second thread for a cold build: a build process has two cores and most of its time is
// one document after another, so documents that do not depend on each other are drawn here
// while the main thread draws the rest. Each job is a template, its view and the PDF's
// metadata; the answer is the PDF's bytes (transferred, not copied) and its box positions.
import { parentPort } from 'node:worker_threads';
import { saveCaches } from '../cache/persistent.js';
import { UserError } from '../errors.js';
import { renderTemplate } from '../layout/template.js';
import { loadFonts } from './fonts.js';
import { renderPdf } from './pdf.js';
import type { RenderJob, WorkerAnswer } from './worker-lane.js';

const port = parentPort;
if (!port) throw new Error('render/worker.js runs as a worker thread only');

// The fonts are read before the first job arrives, while the main thread reads the content.
loadFonts();

// One job at a time, in the order given; 'close' comes after the last job.
let queue = Promise.resolve();
port.on('message', (message: RenderJob | 'close') => {
  queue = queue.then(async () => {
    if (message === 'close') {
      saveCaches();
      port.close(); // nothing keeps the thread alive after this: it ends
      return;
    }
    const answer = await render(message);
    port.postMessage(answer, answer.ok ? [answer.bytes.buffer as ArrayBuffer] : []);
  });
});

async function render(job: RenderJob): Promise<WorkerAnswer> {
  try {
    const pdf = await renderPdf(await renderTemplate(job.template, job.view), job.meta);
    // A copy of exactly the PDF's bytes, so the whole buffer can be handed over.
    return { id: job.id, ok: true, bytes: new Uint8Array(pdf.bytes), boxes: pdf.boxes };
  } catch (error) {
    if (error instanceof UserError) return { id: job.id, ok: false, problems: error.problems };
    const err = error instanceof Error ? error : new Error(String(error));
    return { id: job.id, ok: false, message: err.message, stack: err.stack };
  }
}

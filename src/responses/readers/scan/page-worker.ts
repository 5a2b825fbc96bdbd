// A worker thread of page-readers.ts: reads the pages it is sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { Group } from '../../../content/model.js';
import type { ScanPage } from './decode.js';
import { readScanPage, type WorkerStart } from './page-readers.js';

const start = workerData as WorkerStart;
const ctx = { contentDir: start.contentDir, geometry: async (group: Group) => start.geometries[group] };

parentPort?.on('message', ({ id, page }: { id: number; page: ScanPage }) => {
  readScanPage(page, ctx).then(
    (result) => parentPort?.postMessage({ id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id,
        error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
      }),
  );
});

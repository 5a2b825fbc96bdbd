// A worker thread of page-readers.ts: reads the pages it is sent, one at a time. It is
// started before the tests' geometry is known (rendering it takes the main thread a second,
// loading the reader here about as long): the geometry is its first message.
import { parentPort, workerData } from 'node:worker_threads';
import type { Group } from '../../../content/model.js';
import type { ScanPage } from './decode-image.js';
import type { TestGeometry } from './geometry.js';
import { readScanPage, type WorkerStart } from './page-readers.js';

const start = workerData as WorkerStart;
let geometries: (r: Record<Group, TestGeometry>) => void;
const known = new Promise<Record<Group, TestGeometry>>((resolve) => {
  geometries = resolve;
});
const ctx = { contentDir: start.contentDir, geometry: async (group: Group) => (await known)[group] };

parentPort?.on('message', (message: { id: number; page: ScanPage } | { geometries: Record<Group, TestGeometry> }) => {
  if ('geometries' in message) {
    geometries(message.geometries);
    return;
  }
  const { id, page } = message;
  readScanPage(page, ctx).then(
    (result) => parentPort?.postMessage({ id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id,
        error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error),
      }),
  );
});

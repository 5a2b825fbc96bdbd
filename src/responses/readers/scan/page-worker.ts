// A worker thread of page-readers.ts: reads the pages it is sent, several at once (decoding
// is native, off this thread). A test's geometry is asked of the main thread, which renders
// the test, when the first page of it is met; pages go on being decoded meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import type { Group } from '../../../content/model.js';
import type { ScanPage } from './decode-image.js';
import type { TestGeometry } from './geometry.js';
import { readScanPage, type WorkerStart } from './page-readers.js';
// The reader is loaded while the first page is on its way (page-readers.ts loads it lazily).
import './read-page.js';

const start = workerData as WorkerStart;
const asked = new Map<Group, { promise: Promise<TestGeometry>; resolve: (g: TestGeometry) => void }>();
const geometry = (group: Group): Promise<TestGeometry> => {
  let entry = asked.get(group);
  if (!entry) {
    let resolve!: (g: TestGeometry) => void;
    const promise = new Promise<TestGeometry>((r) => {
      resolve = r;
    });
    entry = { promise, resolve };
    asked.set(group, entry);
    parentPort?.postMessage({ geometryOf: group });
  }
  return entry.promise;
};
const ctx = { contentDir: start.contentDir, geometry };

parentPort?.on('message', (message: { id: number; page: ScanPage } | { group: Group; geometry: TestGeometry }) => {
  if ('geometry' in message) {
    asked.get(message.group)?.resolve(message.geometry);
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

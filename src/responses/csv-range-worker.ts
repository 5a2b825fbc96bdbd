// A worker thread that tallies the second half of a CSV file (csv-range.ts) for csv-halves.ts.
// It is started early and says when it is ready, so that where the file is cut can depend
// on how far the first thread got meanwhile; then it is sent the job.
import { parentPort } from 'node:worker_threads';
import { tallyCsvRange, type RangeJob } from './csv-range.js';

const port = parentPort!;
port.once('message', async (job: RangeJob) => port.postMessage(await tallyCsvRange(job)));
port.postMessage('ready');

// A worker thread that tallies a byte range of a CSV file (csv-range.ts) for csv-halves.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { tallyCsvRange, type RangeJob } from './csv-range.js';

parentPort?.postMessage(await tallyCsvRange(workerData as RangeJob));

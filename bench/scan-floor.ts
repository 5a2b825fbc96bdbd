// The floor for reading a scan: decoding its pages to grey pixels, one at a time in one
// thread, the way the reader does (responses/readers/scan/decode.ts), and nothing else.
//
//   node dist/bench/scan-floor.js SCAN.pdf
import { pageImage, scanPages } from '../src/responses/readers/scan/decode.js';

const file = process.argv[2];
if (!file) throw new Error('usage: node scan-floor.js SCAN.pdf');
let pages = 0;
for await (const page of scanPages(file)) if (!page.problem && (await pageImage(page)).width > 0) pages++;
if (pages === 0) throw new Error(`${file}: no page decoded`);

// The child process the app reads a scan in (scan-process.ts): one request on its channel, the
// same reading as `mus tally` of the file, and one answer — what the app's memo keeps of the
// file (its pages as read), or the UserError or internal error the reading ended with. Then
// the process ends, and the native memory of the reading with it.
import { loadContent } from '../documents/load.js';
import { UserError } from '../errors.js';
import type { ReadMemo } from '../responses/memo.js';
import { readResponseSources } from '../responses/sources.js';
import { decode, encode, type ScanAnswer, type ScanRequest } from './scan-process.js';
import { scanPrinting } from './scans.js';

async function answer(request: ScanRequest): Promise<ScanAnswer> {
  let pages: Promise<unknown> | undefined;
  // Only the reading of the pages is the app's to keep: the rest (pairing, corrections, the
  // review) the app does again from them, in its own process, on every change of the folder.
  const memo: ReadMemo = {
    recall(file, what, read) {
      const reading = read();
      if (what === 'scan pages' && file === request.file) pages = reading;
      return reading;
    },
  };
  try {
    const content = loadContent(request.contentDir, { workshopFile: request.workshopFile });
    const printing = { ...scanPrinting(content), reviewSheet: async () => new Uint8Array(0), writeBeside: () => {} };
    await readResponseSources({ file: request.file }, content, { printing, memo }).catch((error: unknown) => {
      if (!pages) throw error;
    });
    if (!pages) throw new Error('the file was not read as a scan');
    return { read: await pages };
  } catch (error) {
    if (error instanceof UserError) return { problems: error.problems };
    const e = error instanceof Error ? error : new Error(String(error));
    return { internal: { message: e.message, stack: e.stack } };
  }
}

process.once('message', async (message) => {
  const reply = encode(await answer(decode(String(message)) as ScanRequest));
  process.send!(reply, () => process.exit(0));
});

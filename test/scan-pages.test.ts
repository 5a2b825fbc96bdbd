// What a page reader's worker thread is sent for a scanned page: that page's bytes only, in a
// buffer of their own that is moved to the worker. A PDF page's JPEG is a view into the whole
// file's bytes, and a typed array is cloned with its whole buffer, so a careless message
// copies the whole file into the worker once per page (a 63 MB copier PDF, 120 times).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { scanPages, type ScanPage } from '../src/responses/readers/scan/decode.js';
import { pageMessage } from '../src/responses/readers/scan/page-readers.js';
import { repoRoot } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';
import { printTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack } from './helpers/scan/stack.js';

const content = loadContent(join(repoRoot, 'content/da'));
let file: string;
let fileSize: number;

beforeAll(async () => {
  const test = await printTest(content, 'leader');
  const answers = randomAnswers(content.numbered.length, 7);
  const bytes = await scanStack(
    [
      { test, answers },
      { test, answers },
    ],
    { dpi: 150, encoding: 'jpeg', seed: 3 },
  );
  file = join(tempDir('mus-scan-pages-'), 'scan.pdf');
  writeFileSync(file, bytes);
  fileSize = bytes.byteLength;
}, 60_000);

async function pagesOf(path: string): Promise<ScanPage[]> {
  const pages: ScanPage[] = [];
  for await (const page of scanPages(path)) pages.push(page);
  return pages;
}

/** The page as the worker receives it, through a real message port. */
function received(page: ScanPage, id = 0) {
  const { message, transfer } = pageMessage(id, page);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(message, transfer);
  const got = receiveMessageOnPort(port2)?.message as { id: number; page: ScanPage };
  port1.close();
  return { got, transfer };
}

describe('a scanned PDF page sent to a worker', () => {
  it('the JPEG pages come out of the PDF as views into the whole file (what makes the copy out needed)', async () => {
    const pages = await pagesOf(file);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    for (const page of pages) {
      expect(page.encoded).toBeDefined();
      expect(page.encoded!.buffer.byteLength).toBe(fileSize);
    }
  });

  it('arrives with its own JPEG bytes only, byte for byte, moved rather than copied', async () => {
    for (const page of await pagesOf(file)) {
      const encoded = page.encoded!;
      const { got, transfer } = received(page, page.page);
      expect(got.id).toBe(page.page);
      expect(got.page.page).toBe(page.page);
      expect(got.page.encoded!.byteLength).toBe(encoded.byteLength);
      expect(got.page.encoded!.buffer.byteLength).toBe(encoded.byteLength); // not the file's size
      expect(Buffer.from(got.page.encoded!).equals(Buffer.from(encoded))).toBe(true);
      expect(transfer).toHaveLength(1);
      expect(transfer[0].byteLength).toBe(0); // moved to the receiver: detached here
      expect(encoded.buffer.byteLength).toBe(fileSize); // the file's bytes are left as they were
    }
  });

  it('a page without bytes (decoded already, or a problem) is sent as it is, nothing moved', () => {
    const image = { width: 2, height: 1, data: new Uint8Array([0, 255]) };
    const decoded = received({ page: 3, image });
    expect(decoded.transfer).toEqual([]);
    expect(decoded.got.page).toEqual({ page: 3, image });
    expect(image.data.byteLength).toBe(2); // cloned, still usable here
    const problem = received({ page: 4, problem: 'cannot be decoded' });
    expect(problem.got.page).toEqual({ page: 4, problem: 'cannot be decoded' });
  });
});

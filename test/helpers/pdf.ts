// Reading generated PDFs back the way a person's tools would: text, pages, sizes, metadata.
import { readFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';

export interface PdfReadout {
  pages: { width: number; height: number; text: string }[];
  text: string;
  info: Record<string, unknown>;
  bytes: Buffer;
}

export async function readPdf(file: string): Promise<PdfReadout> {
  const bytes = await readFile(file);
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const info = await parser.getInfo({ parsePageInfo: true });
    const text = await parser.getText();
    const pages = info.pages.map((p, i) => ({ width: p.width, height: p.height, text: text.pages[i]?.text ?? '' }));
    return { pages, text: text.text, info: info.info as Record<string, unknown>, bytes };
  } finally {
    await parser.destroy();
  }
}

/** The pages of PDF bytes in memory: size, and text with white space folded. */
export async function pagesOfBytes(bytes: Uint8Array): Promise<{ width: number; height: number; text: string }[]> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const info = await parser.getInfo({ parsePageInfo: true });
    const text = await parser.getText();
    return info.pages.map((p, i) => ({
      width: p.width,
      height: p.height,
      text: text.pages[i].text.replace(/\s+/g, ' '),
    }));
  } finally {
    await parser.destroy();
  }
}

/** Text with line breaks and runs of spaces folded, so wrapped sentences can be found whole. */
export const flat = (text: string) => text.replace(/-\n/g, '-').replace(/\s+/g, ' ');

export { tempDir } from './scratch.js';

export const A4 = { width: 595.28, height: 841.89 };
export const A3 = { width: 841.89, height: 1190.55 };

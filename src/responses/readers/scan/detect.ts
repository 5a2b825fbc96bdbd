// Which inputs are scans: page images by their extension, and PDFs that hold images and no
// form (a returned fillable test has a form and no images). Cheap, and loads no decoder.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

export const imageExtensions = ['.png', '.jpg', '.jpeg', '.tif', '.tiff'] as const;
export const isImageFile = (file: string): boolean =>
  (imageExtensions as readonly string[]).includes(extname(file).toLowerCase());

/** The files a scan reading writes beside the scans, which reading a folder passes by. */
export const reviewFiles = ['gennemgang.pdf', 'rettelser.yaml'] as const;

export function isScanInput(file: string, bytes?: Uint8Array): boolean {
  if (isImageFile(file)) return true;
  if (extname(file).toLowerCase() !== '.pdf') return false;
  let data = bytes;
  try {
    data ??= readFileSync(file);
  } catch {
    return false; // the returned-test reader says why it cannot be read
  }
  // Searched as bytes: a copier's PDF is tens of megabytes, not worth a string.
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const images = ['/Subtype/Image', '/Subtype /Image'].some((key) => buffer.includes(key));
  return images && !buffer.includes('/AcroForm');
}

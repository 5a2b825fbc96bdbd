// Reading a page's code (the QR code in its bottom margin) with jsQR, from a small crop
// around where the marks say it is: decoding a crop is fast, and where it is found tells
// whether the page lies the right way up.
import jsQRModule from 'jsqr';
import { decodePageCode, qrSquare, registration, type PageCode } from '../../../render/page-code.js';
import { mm, paperSizes } from '../../../render/styles.js';
import { cropRgba, type GrayImage } from './image.js';
import { apply, type Affine } from './transform.js';

// jsQR is a CommonJS module whose types describe an ES default export.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** The code inside a rectangle of the image (pixels), or undefined. `text` is set when a QR code of someone else's was found. */
export function decodeIn(image: GrayImage, x0: number, y0: number, w: number, h: number): { code?: PageCode; text?: string } {
  const x = Math.max(0, Math.floor(x0));
  const y = Math.max(0, Math.floor(y0));
  const width = Math.min(image.width - x, Math.ceil(w));
  const height = Math.min(image.height - y, Math.ceil(h));
  if (width < 21 || height < 21) return {};
  const found = jsQR(cropRgba(image, x, y, width, height), width, height, { inversionAttempts: 'dontInvert' });
  if (!found) return {};
  return { code: decodePageCode(found.data), text: found.data };
}

/** The code where `transform` puts it: the page's code square with a margin for the quiet zone. */
export function readCode(image: GrayImage, transform: Affine): PageCode | undefined {
  const { width, height } = paperSizes.A4;
  const square = qrSquare(width, height);
  const pad = registration.qrModule * 4;
  const corners = [
    { x: square.x - pad, y: square.y - pad },
    { x: square.x + square.size + pad, y: square.y - pad },
    { x: square.x - pad, y: square.y + square.size + pad },
    { x: square.x + square.size + pad, y: square.y + square.size + pad },
  ].map((p) => apply(transform, p));
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return decodeIn(image, x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0).code;
}

/**
 * Any code of ours along the top or bottom of the image, when the marks were not found:
 * it tells a test page whose marks are damaged from a page that is no test at all.
 */
export function findCodeAnywhere(image: GrayImage): { code?: PageCode; text?: string } {
  const strip = Math.min(image.height, Math.round((mm(30) * image.width) / paperSizes.A4.width));
  const bottom = decodeIn(image, 0, image.height - strip, image.width, strip);
  return bottom.text !== undefined ? bottom : decodeIn(image, 0, 0, image.width, strip);
}

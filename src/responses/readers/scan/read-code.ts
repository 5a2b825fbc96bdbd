// Reading a page's code (the QR code in its bottom margin) with jsQR, from a small crop
// around where the marks say it is: decoding a crop is fast, and where it is found tells
// whether the page lies the right way up.
import { createRequire } from 'node:module';
import type jsQRModule from 'jsqr';
import { decodePageCode, qrSquare, registration, type PageCode } from '../../../sheet/page-code.js';
import { mm, paperSizes } from '../../../sheet/paper.js';
import { cropRgba, type GrayImage } from './image.js';
import { sampleCode } from './sample-code.js';
import { apply, type Affine } from './transform.js';

// jsQR is a CommonJS module (whose types describe an ES default export): required, not
// imported, since an import first scans its 10 000 lines for named exports, in every worker;
// and only when a code is not read by sampling it (sample-code.ts), which is seldom.
let loaded: typeof jsQRModule.default | undefined;
const jsQR = (...args: Parameters<typeof jsQRModule.default>) => {
  loaded ??= createRequire(import.meta.url)('jsqr') as typeof jsQRModule.default;
  return loaded(...args);
};

/**
 * The code inside a rectangle of the image (pixels), or undefined; `text` is set when any QR
 * code was found. `zoom` enlarges the crop first (smoothly): jsQR finds a code of 3 pixels a
 * module (0.5 mm at 150 dpi) unreliably, and one of 6 reliably.
 */
export function decodeIn(
  image: GrayImage,
  x0: number,
  y0: number,
  w: number,
  h: number,
  zoom = 1,
): { code?: PageCode; text?: string } {
  const x = Math.max(0, Math.floor(x0));
  const y = Math.max(0, Math.floor(y0));
  const width = Math.min(image.width - x, Math.ceil(w));
  const height = Math.min(image.height - y, Math.ceil(h));
  if (width < 21 || height < 21) return {};
  const rgba = zoom > 1 ? zoomed(image, x, y, width, height, zoom) : cropRgba(image, x, y, width, height);
  const scale = zoom > 1 ? zoom : 1;
  const found = jsQR(rgba, Math.round(width * scale), Math.round(height * scale), { inversionAttempts: 'dontInvert' });
  if (!found) return {};
  return { code: decodePageCode(found.data), text: found.data };
}

/** A crop enlarged by `zoom` with bilinear interpolation, as RGBA. */
function zoomed(image: GrayImage, x0: number, y0: number, w: number, h: number, zoom: number): Uint8ClampedArray {
  const W = Math.round(w * zoom);
  const H = Math.round(h * zoom);
  const out = new Uint8ClampedArray(W * H * 4);
  const at = (x: number, y: number) =>
    image.data[Math.min(image.height - 1, y0 + y) * image.width + Math.min(image.width - 1, x0 + x)];
  for (let Y = 0; Y < H; Y++) {
    const fy = Math.max(0, (Y + 0.5) / zoom - 0.5);
    const y = Math.floor(fy);
    const ty = fy - y;
    for (let X = 0; X < W; X++) {
      const fx = Math.max(0, (X + 0.5) / zoom - 0.5);
      const x = Math.floor(fx);
      const tx = fx - x;
      const top = at(x, y) * (1 - tx) + at(x + 1, y) * tx;
      const bottom = at(x, y + 1) * (1 - tx) + at(x + 1, y + 1) * tx;
      const k = (Y * W + X) * 4;
      out[k] = out[k + 1] = out[k + 2] = top * (1 - ty) + bottom * ty;
      out[k + 3] = 255;
    }
  }
  return out;
}

/** The code where `transform` puts it: the page's code square with room for its quiet zone. */
export function readCode(image: GrayImage, transform: Affine): PageCode | undefined {
  // Sampled where the marks put it (sample-code.ts); jsQR searches the crop when that fails.
  const sampled = sampleCode(image, transform);
  if (sampled) return sampled;
  const { width, height } = paperSizes.A4;
  const square = qrSquare(width, height);
  const pxPerModule = Math.hypot(transform.a, transform.d) * registration.qrModule;
  const zoom = pxPerModule < 6 ? Math.min(3, 6 / pxPerModule) : 1;
  // jsQR's thresholding depends on what the crop holds and how large: other crops when the first fails.
  for (const [modules, factor] of [
    [4, 1],
    [10, 1],
    [6, 1.5],
  ] as const) {
    const pad = registration.qrModule * modules;
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
    const { code } = decodeIn(image, x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0, Math.max(1, zoom) * factor);
    if (code) return code;
  }
  return undefined;
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

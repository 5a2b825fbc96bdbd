// A scanned page as the reader works on it: one byte of grey per pixel (0 black, 255 white),
// whatever the scan's codec and colour were.

import type { GrayImage } from '../../../sheet/gray-image.js';

export type { GrayImage };

/** Grey from RGBA pixels (the green channel weighs most in luma; a weighted sum buys nothing for black-on-white). */
export function grayFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    // Transparent pixels (PNGs without a background) are paper.
    data[i] = rgba[j + 3] < 128 ? 255 : (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
  }
  return { width, height, data };
}

/** A rectangle of the image as RGBA (what jsQR and image encoders take); outside the image is white. */
export function cropRgba(image: GrayImage, x0: number, y0: number, w: number, h: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < h; y++) {
    const sy = y0 + y;
    if (sy < 0 || sy >= image.height) continue;
    for (let x = 0; x < w; x++) {
      const sx = x0 + x;
      if (sx < 0 || sx >= image.width) continue;
      const v = image.data[sy * image.width + sx];
      const k = (y * w + x) * 4;
      out[k] = out[k + 1] = out[k + 2] = v;
    }
  }
  return out;
}

/** The grey at (x, y), white outside the image. */
export function pixel(image: GrayImage, x: number, y: number): number {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= image.width || yi >= image.height) return 255;
  return image.data[yi * image.width + xi];
}

/** Whether a picture of this size is shaped like an A4 page (either way round), as a scan is; a phone's 4:3 or 16:9 is not. */
export const a4Shaped = (width: number, height: number): boolean =>
  Math.abs(Math.max(width, height) / Math.min(width, height) - Math.SQRT2) <= 0.05;

/** The image turned a quarter turn anticlockwise: a page lying with its top to the right stands upright. */
export function turnLeft(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height);
  // Column x of the image, read top to bottom, is row (width - 1 - x) of the turned one.
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) out[(width - 1 - x) * height + y] = data[y * width + x];
  return { width: height, height: width, data: out };
}

// An office copier's scan of a page, made at test time: the page placed on the glass a
// little turned, scaled and shifted (or upside down), some blur and noise, then encoded as
// JPEG or as 1-bit pixels, and the pages wrapped into one PDF as a copier writes it.
import { deflateSync } from 'node:zlib';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { PDFDocument, PDFNumber, PDFOperator, PDFOperatorNames } from 'pdf-lib';
import sharp from 'sharp';

export interface Placement {
  /** Degrees, clockwise. */
  rotate?: number;
  scale?: number;
  /** Shift in millimetres. */
  dx?: number;
  dy?: number;
  upsideDown?: boolean;
  /** Blur radius in pixels. */
  blur?: number;
  /** Grey noise amplitude (0–255). */
  noise?: number;
}

/** The page as the copier sees it, on a glass the size of the page. */
export function place(page: Canvas, p: Placement, random: () => number): Canvas {
  const out = createCanvas(page.width, page.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  const pxPerMm = page.width / 210;
  if (p.blur) ctx.filter = `blur(${p.blur}px)`;
  ctx.translate(page.width / 2 + (p.dx ?? 0) * pxPerMm, page.height / 2 + (p.dy ?? 0) * pxPerMm);
  ctx.rotate((((p.rotate ?? 0) + (p.upsideDown ? 180 : 0)) * Math.PI) / 180);
  ctx.scale(p.scale ?? 1, p.scale ?? 1);
  ctx.drawImage(page, -page.width / 2, -page.height / 2);
  if (p.noise) {
    const image = ctx.getImageData(0, 0, out.width, out.height);
    const d = image.data;
    for (let i = 0; i < d.length; i += 4) {
      const n = (random() - 0.5) * 2 * p.noise;
      for (let c = 0; c < 3; c++) d[i + c] = Math.max(0, Math.min(255, d[i + c] + n));
    }
    ctx.putImageData(image, 0, 0);
  }
  return out;
}

export type ScanImage =
  | { kind: 'jpeg' | 'png'; bytes: Buffer; width: number; height: number }
  | { kind: 'bits'; bits: Buffer; width: number; height: number };

export async function asJpeg(page: Canvas, quality = 80): Promise<ScanImage> {
  return { kind: 'jpeg', bytes: await page.encode('jpeg', quality), width: page.width, height: page.height };
}

/** A greyscale JPEG (one component), as a copier's grey mode writes it. */
export async function asGreyJpeg(page: Canvas, quality = 80): Promise<ScanImage> {
  const { width, height } = page;
  const bytes = await sharp(page.data(), { raw: { width, height, channels: 4 } })
    .greyscale()
    // Without b-w, sharp writes the grey as three identical channels (an RGB JPEG).
    .toColourspace('b-w')
    .jpeg({ quality })
    .toBuffer();
  return { kind: 'jpeg', bytes, width, height };
}

export async function asPng(page: Canvas): Promise<ScanImage> {
  return { kind: 'png', bytes: await page.encode('png'), width: page.width, height: page.height };
}

/** 1 bit per pixel, 1 = white (DeviceGray), rows padded to bytes: what a copier's black-and-white mode keeps. */
export function asBits(page: Canvas, threshold = 150): ScanImage {
  const { width, height } = page;
  const d = page.getContext('2d').getImageData(0, 0, width, height).data;
  const row = Math.ceil(width / 8);
  const bits = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const k = (y * width + x) * 4;
      if (d[k + 1] >= threshold) bits[y * row + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return { kind: 'bits', bits, width, height };
}

/** One A4 page per image, the image filling the page. */
export async function scanPdf(images: ScanImage[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const image of images) {
    const page = pdf.addPage([595.28, 841.89]);
    if (image.kind !== 'bits') {
      const embedded = image.kind === 'jpeg' ? await pdf.embedJpg(image.bytes) : await pdf.embedPng(image.bytes);
      page.drawImage(embedded, { x: 0, y: 0, width: 595.28, height: 841.89 });
      continue;
    }
    // pdf-lib embeds no 1-bit images: the stream is written by hand (Flate; pdf.js reads it as it reads CCITT).
    const stream = pdf.context.stream(deflateSync(image.bits), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      Filter: 'FlateDecode',
    });
    const ref = pdf.context.register(stream);
    const name = page.node.newXObject('Scan', ref);
    page.pushOperators(
      PDFOperator.of(PDFOperatorNames.PushGraphicsState),
      PDFOperator.of(
        PDFOperatorNames.ConcatTransformationMatrix,
        [595.28, 0, 0, 841.89, 0, 0].map((n) => PDFNumber.of(n)),
      ),
      PDFOperator.of(PDFOperatorNames.DrawObject, [name]),
      PDFOperator.of(PDFOperatorNames.PopGraphicsState),
    );
  }
  return pdf.save({ useObjectStreams: false });
}

/**
 * What `place` does, in grey and in one pass, for the bench's corpus (hundreds of 300 dpi pages):
 * the page turned, scaled and shifted (bilinear), the back's print mirrored through it (multiply
 * at `showThrough`), a 3-tap blur and grey noise. `back` is the other side's grey pixels.
 */
export function placeGrey(
  page: Canvas,
  p: Placement,
  random: () => number,
  back?: { grey: Uint8Array; opacity: number },
): { grey: Uint8Array; width: number; height: number } {
  const W = page.width;
  const H = page.height;
  const rgba = page.getContext('2d').getImageData(0, 0, W, H).data;
  const src = new Float32Array(W * H);
  const a = back?.opacity ?? 0;
  for (let y = 0, i = 0; y < H; y++) {
    for (let x = 0; x < W; x++, i++) {
      const v = rgba[i * 4 + 1];
      src[i] = back ? v * (1 - a * (1 - back.grey[y * W + (W - 1 - x)] / 255)) : v;
    }
  }
  const pxPerMm = W / 210;
  const angle = (((p.rotate ?? 0) + (p.upsideDown ? 180 : 0)) * Math.PI) / 180;
  const s = p.scale ?? 1;
  const cos = Math.cos(angle) / s;
  const sin = Math.sin(angle) / s;
  const cx = W / 2 + (p.dx ?? 0) * pxPerMm;
  const cy = H / 2 + (p.dy ?? 0) * pxPerMm;
  // Inverse map: page = R(-angle)·(out - c)/s + page centre, at pixel centres.
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    const oy = y + 0.5 - cy;
    for (let x = 0; x < W; x++) {
      const ox = x + 0.5 - cx;
      const px = cos * ox + sin * oy + W / 2 - 0.5;
      const py = -sin * ox + cos * oy + H / 2 - 0.5;
      let v = 255;
      if (px >= 0 && py >= 0 && px < W - 1 && py < H - 1) {
        const x0 = px | 0;
        const y0 = py | 0;
        const tx = px - x0;
        const ty = py - y0;
        const k = y0 * W + x0;
        v = (src[k] * (1 - tx) + src[k + 1] * tx) * (1 - ty) + (src[k + W] * (1 - tx) + src[k + W + 1] * tx) * ty;
      }
      out[y * W + x] = v;
    }
  }
  const grey = new Uint8Array(W * H);
  const b = p.blur ? Math.min(0.5, p.blur * 0.4) : 0; // side weight of the 3-tap kernel
  const c0 = 1 - 2 * b;
  const noise = p.noise ?? 0;
  if (b > 0) {
    // Across, into src; then down, into grey (with the noise).
    for (let y = 0; y < H; y++) {
      const row = y * W;
      for (let x = 0; x < W; x++) {
        const l = out[row + (x > 0 ? x - 1 : x)];
        const r = out[row + (x < W - 1 ? x + 1 : x)];
        src[row + x] = c0 * out[row + x] + b * (l + r);
      }
    }
  } else src.set(out);
  for (let y = 0; y < H; y++) {
    const up = (y > 0 ? y - 1 : y) * W;
    const down = (y < H - 1 ? y + 1 : y) * W;
    const row = y * W;
    for (let x = 0; x < W; x++) {
      let v = b > 0 ? c0 * src[row + x] + b * (src[up + x] + src[down + x]) : src[row + x];
      if (noise) v += (random() - 0.5) * 2 * noise;
      grey[row + x] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { grey, width: W, height: H };
}

/** A grey image from `placeGrey` as the copier writes it: a one-component JPEG, or 1 bit a pixel. */
export async function encodeGrey(
  image: { grey: Uint8Array; width: number; height: number },
  encoding: 'grey-jpeg' | 'bits',
  quality = 80,
  threshold = 150,
): Promise<ScanImage> {
  const { grey, width, height } = image;
  if (encoding === 'grey-jpeg') {
    const bytes = await sharp(grey, { raw: { width, height, channels: 1 } })
      .jpeg({ quality })
      .toBuffer();
    return { kind: 'jpeg', bytes, width, height };
  }
  const row = Math.ceil(width / 8);
  const bits = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (grey[y * width + x] >= threshold) bits[y * row + (x >> 3)] |= 0x80 >> (x & 7);
  }
  return { kind: 'bits', bits, width, height };
}

/** A 1-bit page turned a quarter turn clockwise (a sheet fed sideways): (x, y) goes to (height − 1 − y, x). */
export function turnBitsRight(image: Extract<ScanImage, { kind: 'bits' }>): ScanImage {
  const { width, height, bits } = image;
  const row = Math.ceil(width / 8);
  const turnedRow = Math.ceil(height / 8);
  const out = Buffer.alloc(turnedRow * width);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (!(bits[y * row + (x >> 3)] & (0x80 >> (x & 7)))) continue;
      const X = height - 1 - y;
      out[x * turnedRow + (X >> 3)] |= 0x80 >> (X & 7);
    }
  return { kind: 'bits', bits: out, width: height, height: width };
}

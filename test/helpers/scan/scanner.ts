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

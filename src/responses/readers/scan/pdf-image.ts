// A scanned PDF page's one image as a file sharp decodes (decode-image.ts), when it is one
// that a copier writes: a JPEG is a JPEG file as it is; a CCITT G4 or Flate image (1-bit
// black-and-white, or 8-bit grey) is the same compressed bytes behind a small TIFF header,
// so that libtiff decodes it natively instead of pdf.js in JavaScript. Anything else (JBIG2,
// colour spaces, predictors, a page turned by /Rotate) is left to pdf.js.
import { PDFArray, PDFBool, PDFDict, type PDFDocument, PDFName, PDFNumber, PDFRawStream } from '../../../pdf-lib.js';

const name = (n: string) => PDFName.of(n);

/** The page's only image stream, when the page is one upright image. */
function onlyImage(doc: PDFDocument, index: number): PDFRawStream | undefined {
  const page = doc.getPage(index);
  const rotate = page.node.lookup(name('Rotate'));
  if (rotate instanceof PDFNumber && rotate.asNumber() % 360 !== 0) return undefined;
  const xobjects = page.node.Resources()?.lookup(name('XObject'));
  if (!(xobjects instanceof PDFDict)) return undefined;
  const entries = xobjects.entries();
  if (entries.length !== 1) return undefined;
  const stream = doc.context.lookup(entries[0][1]);
  if (!(stream instanceof PDFRawStream)) return undefined;
  return stream.dict.lookup(name('Subtype')) === name('Image') ? stream : undefined;
}

const numberOf = (dict: PDFDict | undefined, key: string, fallback: number) => {
  const value = dict?.lookup(name(key));
  return value instanceof PDFNumber ? value.asNumber() : fallback;
};

/** The page's image as a JPEG or TIFF file's bytes, or undefined to rasterise it with pdf.js. */
export function pageImageFile(doc: PDFDocument, index: number): Uint8Array | undefined {
  const stream = onlyImage(doc, index);
  if (!stream) return undefined;
  const dict = stream.dict;
  const filterValue = dict.lookup(name('Filter'));
  const filter = filterValue instanceof PDFArray && filterValue.size() === 1 ? filterValue.lookup(0) : filterValue;
  const decode = dict.lookup(name('Decode'));
  // An Adobe CMYK JPEG is drawn inverted by some decoders; pdf.js knows the Decode array.
  if (filter === name('DCTDecode')) return decode ? undefined : stream.contents;
  if (dict.has(name('ImageMask')) || dict.lookup(name('ColorSpace')) !== name('DeviceGray')) return undefined;
  const first = decode instanceof PDFArray ? decode.lookup(0) : undefined;
  const inverted = first instanceof PDFNumber && first.asNumber() === 1;
  const width = numberOf(dict, 'Width', 0);
  const height = numberOf(dict, 'Height', 0);
  const bits = numberOf(dict, 'BitsPerComponent', 1);
  if (width <= 0 || height <= 0) return undefined;
  const paramsValue = dict.lookup(name('DecodeParms'));
  const params =
    paramsValue instanceof PDFArray
      ? (paramsValue.lookup(0) as PDFDict | undefined)
      : (paramsValue as PDFDict | undefined);
  if (filter === name('CCITTFaxDecode')) {
    // G4 only (K < 0): what copiers write; G3's end-of-line conventions vary.
    if (numberOf(params, 'K', 0) >= 0 || numberOf(params, 'Columns', 1728) !== width) return undefined;
    if (params?.lookup(name('EncodedByteAlign')) === PDFBool.True) return undefined;
    const blackIs1 = params?.lookup(name('BlackIs1')) === PDFBool.True;
    // The codec's own sense is 1 = black, as TIFF's WhiteIsZero.
    return tiff({ width, height, bits: 1, compression: 4, whiteIsZero: blackIs1 === inverted }, stream.contents);
  }
  if (filter === name('FlateDecode')) {
    if ((bits !== 1 && bits !== 8) || numberOf(params, 'Predictor', 1) !== 1) return undefined;
    // PDF's DeviceGray: 0 is black, as TIFF's BlackIsZero.
    return tiff({ width, height, bits, compression: 8, whiteIsZero: inverted }, stream.contents);
  }
  return undefined;
}

interface TiffImage {
  width: number;
  height: number;
  bits: number;
  /** 4: CCITT G4; 8: zlib (Deflate). */
  compression: number;
  whiteIsZero: boolean;
}

/** A one-strip, one-channel little-endian TIFF around already compressed bytes. */
export function tiff(image: TiffImage, data: Uint8Array): Uint8Array {
  const entries: [tag: number, type: 3 | 4, value: number][] = [
    [256, 4, image.width],
    [257, 4, image.height],
    [258, 3, image.bits],
    [259, 3, image.compression],
    [262, 3, image.whiteIsZero ? 0 : 1],
    [273, 4, 0], // strip offset, set below
    [277, 3, 1],
    [278, 4, image.height],
    [279, 4, data.byteLength],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const header = new Uint8Array(8 + ifdSize);
  const view = new DataView(header.buffer);
  header.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  view.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, 1, true);
    if (tag === 273) view.setUint32(at + 8, header.byteLength, true);
    else if (type === 3) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
  });
  const file = new Uint8Array(header.byteLength + data.byteLength);
  file.set(header);
  file.set(data, header.byteLength);
  return file;
}

// The resource limits, in one place (docs/limits.md explains each). Answers come from
// participants: a file of a few hundred bytes can declare a picture of four billion pixels or a
// sheet of a hundred million cells, and decoding it first would take the memory of the machine.
// Every size a file declares is checked against these before anything is decoded or expanded,
// and a refusal is one line that names the file and the limit.

/** The largest file read as answers, scans, corrections or content. */
export const maxInputBytes = 200 * 1024 * 1024;

/** The largest content file (YAML): content files are a few kilobytes. */
export const maxContentBytes = 5 * 1024 * 1024;

/** Most pixels of one scanned image (a file, a TIFF frame or an image in a PDF): an A4 page at 1 000 dpi. */
export const maxImagePixels = 100_000_000;

/** Longest side of a scanned image in pixels: A4's long side at 1 200 dpi, and well inside what the decoders take. */
export const maxImageSide = 16_000;

/** Most cells a spreadsheet tab may declare (its range, or its repeated cells): 20 000 people × 100 columns. */
export const maxSheetCells = 2_000_000;

/** Most rows of one spreadsheet tab. */
export const maxSheetRows = 100_000;

/** Most numbered copies of each paper test (`mus build --copies`): each copy is a few hundred kB of PDF. */
export const maxCopies = 500;

/** The largest corrections file (rettelser.yaml) beside the scans: a few lines per sheet. */
export const maxCorrectionsBytes = 1024 * 1024;

/** Most levels of nesting in a JSON answers file (a real one has four). */
export const maxJsonDepth = 64;

/**
 * Most characters of one workshop detail (workshop.yaml, or the app's form): 200 fits in the
 * headers and boxes it is printed in on every document, a longer unit or name does not.
 */
export const maxWorkshopTextLength = 200;

/** Most characters of someone's data a message may quote. */
export const excerptLength = 40;

/** Bytes as "12 MB" / "512 kB", for messages that name a size limit. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}

/** A count as people write it in a message: 100 000 000. */
export const countText = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

export interface ImageSize {
  width: number;
  height: number;
}

/** Why an image of this size is not decoded, or undefined when it may be. */
export function imageSizeProblem({ width, height }: ImageSize): string | undefined {
  if (width <= maxImageSide && height <= maxImageSide && width * height <= maxImagePixels) return undefined;
  return `is an image of ${width} × ${height} pixels; a scanned page may have at most ${countText(maxImagePixels)} pixels and ${countText(maxImageSide)} on a side (scan at 300 dpi)`;
}

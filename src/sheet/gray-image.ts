// A picture of a scanned page or a part of it, as the scan reader works on it and the review
// sheet shows it: one byte of grey per pixel (0 black, 255 white), rows top to bottom.
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

// fontkit ships no type declarations; we only create font objects to hand to pdfkit.
declare module 'fontkit' {
  export function create(buffer: Buffer): unknown;
}

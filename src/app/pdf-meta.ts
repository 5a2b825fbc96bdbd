// What every PDF of a build says about itself beyond its layout: the content's language and
// author, and the build date (fixed, so the same input gives byte-identical files).
import type { Content } from '../content/model.js';
import { buildDate } from '../output.js';
import type { PdfMeta } from '../render/document.js';

/** The metadata of a PDF made from `content`; `name` is what messages call it (its file name). */
export function pdfMeta(content: Pick<Content, 'meta'>, name: string): PdfMeta {
  return { language: content.meta.language, author: content.meta.author, date: buildDate(), name };
}

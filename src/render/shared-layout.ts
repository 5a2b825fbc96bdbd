// Laid-out text shared by every document of a font. pdfkit makes an embedded font object
// per document, which lays out (pdfkit's `layout`: glyphs and positions, scaled to 1000
// units per em) each word it measures and each line it draws, and keeps words per document
// only. A rebuild measured and drew the same words and lines again in every document.
// The results depend only on the font and the text, and pdfkit only reads them once made
// (it copies before it changes anything), so they are kept per fontkit font, for all
// documents. Relies on pdfkit 0.20's EmbeddedFont (`font`, `layoutCache`, `layout`).

interface Layout {
  glyphs: unknown[] | null;
  positions: object[] | null;
  advanceWidth: number;
}

/** The parts of pdfkit's EmbeddedFont used here (a standard font has no `layoutCache`). */
export interface PdfkitFont {
  font?: object;
  layoutCache?: Record<string, unknown>;
  layout?(text: string, features?: unknown, onlyWidth?: boolean): Layout;
}

interface Shared {
  /** pdfkit's cache of laid-out words (keyed by word). */
  words: Record<string, unknown>;
  /** Whole texts: laid out, and measured only (no glyphs). */
  texts: Map<string, Layout>;
  widths: Map<string, Layout>;
}

let shared = new WeakMap<object, Shared>();
let documents = 0;

/** Called once per new document: renews the caches now and then, to bound a long-running process. */
export function newDocument(): void {
  if (++documents > 500) {
    documents = 0;
    shared = new WeakMap();
  }
}

const sharing = new WeakSet<PdfkitFont>();

/** Makes an embedded font of a document use the shared results (once per font object). */
export function shareLayouts(font: PdfkitFont): void {
  if (sharing.has(font) || !font.font || !font.layoutCache || !font.layout) return;
  sharing.add(font);
  let kept = shared.get(font.font);
  if (!kept) {
    kept = { words: Object.create(null) as Record<string, unknown>, texts: new Map(), widths: new Map() };
    shared.set(font.font, kept);
  }
  const { words, texts, widths } = kept;
  font.layoutCache = words;
  const layout = font.layout.bind(font);
  font.layout = (text, features, onlyWidth) => {
    if (features) return layout(text, features, onlyWidth);
    const cache = onlyWidth ? widths : texts;
    let result = cache.get(text);
    if (!result) {
      result = layout(text, features, onlyWidth);
      cache.set(text, result);
    }
    return result;
  };
}

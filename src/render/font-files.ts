// The font files the renderer embeds, apart from fonts.ts: that module loads fontkit, and the
// geometry cache (app/geometry-cache.ts) hashes these files without loading the renderer.
import { createRequire } from 'node:module';

export type FontName = 'regular' | 'bold';

/** Each font, as a module path in the source-sans package. */
export const fontFiles: Readonly<Record<FontName, string>> = {
  regular: 'source-sans/TTF/SourceSans3-Regular.ttf',
  bold: 'source-sans/TTF/SourceSans3-Bold.ttf',
};

/** Where a font file is on disk. */
export const fontPath = (name: FontName): string => createRequire(import.meta.url).resolve(fontFiles[name]);

// The embedded typeface: Source Sans 3 (SIL Open Font License), from the source-sans package.
// Fonts are parsed once per process and the fontkit objects are shared by every document:
// parsing is the largest cost of a build (see shared notes/performance.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type FontName = 'regular' | 'semibold' | 'bold';

const files: Record<FontName, string> = {
  regular: 'source-sans/TTF/SourceSans3-Regular.ttf',
  semibold: 'source-sans/TTF/SourceSans3-Semibold.ttf',
  bold: 'source-sans/TTF/SourceSans3-Bold.ttf',
};

export type Fonts = Record<FontName, unknown>;

let loaded: Fonts | undefined;

export function loadFonts(): Fonts {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const fonts = {} as Fonts;
  for (const [name, file] of Object.entries(files) as [FontName, string][]) {
    fonts[name] = fontkit.create(readFileSync(require.resolve(file)));
  }
  loaded = fonts;
  return fonts;
}

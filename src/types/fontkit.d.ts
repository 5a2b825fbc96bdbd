// fontkit ships no type declarations: the part of its public API used here (see fontkit's
// README: create, characterSet, glyphForCodePoint, layout).
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    codePoints: number[];
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    readonly advanceWidth: number;
  }
  export interface Font {
    /** Every code point the font maps to a glyph. */
    readonly characterSet: number[];
    glyphForCodePoint(codePoint: number): Glyph;
    layout(text: string, ...options: unknown[]): GlyphRun;
  }
  export function create(buffer: Buffer): Font;
}

// fontkit ships no type declarations: the part of its public API used here (see fontkit's
// README: create, glyphForCodePoint, getGlyph, layout, createSubset).
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
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    getGlyph(id: number, codePoints?: number[]): Glyph;
    createSubset(): Subset;
    layout(text: string, ...options: unknown[]): GlyphRun;
  }
  export interface Subset {
    /** Adds a glyph; returns its id in the subset. */
    includeGlyph(glyph: number | Glyph): number;
    encode(): Uint8Array;
  }
  export function create(buffer: Buffer): Font;
}

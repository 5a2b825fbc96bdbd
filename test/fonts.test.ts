// The fonts are parsed once per process and shared by every document (src/render/fonts.ts):
// what pdfkit gets from them must be what a fresh fontkit font gives, whatever was drawn
// before, and the text layer must not depend on the order the documents are drawn in.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import LineBreaker from 'linebreak';
import { describe, expect, it, vi } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { defaultContentDir } from '../src/paths.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const require = createRequire(import.meta.url);
const freshFont = (file: string) => fontkit.create(readFileSync(require.resolve(`source-sans/TTF/${file}`)));

/** A fresh copy of the program's modules: fonts loaded anew, nothing shaped yet. */
async function freshModules() {
  vi.resetModules();
  const fonts = await import('../src/render/fonts.js');
  const build = await import('../src/app/build.js');
  const { documents } = await import('../src/app/documents.js');
  return { ...fonts, ...build, documents };
}

const runOf = (run: fontkit.GlyphRun) => ({
  glyphs: run.glyphs.map((g) => [g.id, [...g.codePoints]]),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  advanceWidth: run.advanceWidth,
});

describe('the shared fonts', () => {
  it('hand pdfkit the glyphs, code points and positions a fresh fontkit font gives, every time', async () => {
    const { loadFonts } = await freshModules();
    const fresh = freshFont('SourceSans3-Regular.ttf');
    const shared = loadFonts().regular;
    // Ligatures (fi, ffl), kerning pairs (AV, To), Danish letters and digits.
    for (const word of ['fint', 'affløse', 'AVATAR', 'Tovholder', 'Værdien', 'æøåÆØÅ', '81–100', 'Sjældent']) {
      const expected = runOf(fresh.layout(word));
      for (let round = 0; round < 2; round++) {
        const run = shared.layout(word);
        expect(runOf(run), `${word}, round ${round + 1}`).toEqual(expected);
        // pdfkit scales the positions it gets in place: the next caller must not see that.
        for (const position of run.positions) position.xAdvance *= 1000;
      }
    }
  });

  it('shape every piece of text in the content as fontkit does with all its features (the mark features are left out only where they change nothing)', async () => {
    const { loadFonts } = await freshModules();
    const shared = loadFonts();
    const texts = new Set<string>();
    const walk = (value: unknown): void => {
      if (typeof value === 'string') texts.add(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(loadContent(defaultContentDir));
    // The pieces pdfkit shapes: a word with the spaces after it, as its line breaker cuts them.
    const pieces = new Set<string>();
    for (const text of texts) {
      const breaker = new LineBreaker(text);
      for (let from = 0, piece = breaker.nextBreak(); piece; from = piece.position, piece = breaker.nextBreak())
        pieces.add(text.slice(from, piece.position));
    }
    expect(pieces.size).toBeGreaterThan(500);
    for (const [name, file] of [
      ['regular', 'Regular'],
      ['bold', 'Bold'],
    ] as const) {
      const fresh = freshFont(`SourceSans3-${file}.ttf`);
      for (const piece of pieces)
        expect(runOf(shared[name].layout(piece)), `${name}: ${piece}`).toEqual(runOf(fresh.layout(piece)));
    }
  }, 60_000);

  it('shape a text with a combining mark with every feature: a decomposed "å" gets its ring placed', async () => {
    const { loadFonts } = await freshModules();
    const fresh = freshFont('SourceSans3-Regular.ttf');
    const decomposed = 'Ra\u030Ad og A\u030Ar';
    const full = runOf(fresh.layout(decomposed));
    // Without the mark features the ring would sit after the letter: the case tells them apart.
    expect(runOf(fresh.layout(decomposed, { ccmp: false, mark: false, mkmk: false }))).not.toEqual(full);
    expect(runOf(loadFonts().regular.layout(decomposed))).toEqual(full);
  });

  it('a glyph a font subset met first (as the part of a composite, without code points) still stands for its letter when a word is shaped later', async () => {
    const { loadFonts } = await freshModules();
    const bold = loadFonts().bold;
    const letter = 'Ǿ'; // used nowhere in the content; a composite glyph (Ø and an accent)
    const subset = bold.createSubset(); // as pdfkit embeds a document's font
    subset.includeGlyph(freshFont('SourceSans3-Bold.ttf').glyphForCodePoint(letter.codePointAt(0)!).id);
    subset.encode();
    expect(bold.layout(`${letter}1`).glyphs.map((g) => [...g.codePoints])).toEqual([[letter.codePointAt(0)], [49]]);
  });

  it('every document reads back the same text whichever order the documents are drawn in ("Trin 1." in full)', async () => {
    const content = loadContent(defaultContentDir);
    const texts = async (order: 'forward' | 'backward') => {
      const { documents, renderDocumentPdf } = await freshModules();
      const specs = order === 'forward' ? [...documents] : [...documents].reverse();
      const dir = tempDir('mus-fonts-');
      const read: Record<string, string> = {};
      for (const spec of specs) {
        const name = content.meta.files[spec.id];
        const file = join(dir, name);
        writeFileSync(file, (await renderDocumentPdf(spec, content, {})).bytes);
        read[name] = flat((await readPdf(file)).text);
      }
      return read;
    };
    const forward = await texts('forward');
    const backward = await texts('backward');
    expect(Object.keys(backward).sort()).toEqual(Object.keys(forward).sort());
    for (const file of Object.keys(forward)) expect(backward[file], file).toBe(forward[file]);
    for (const read of [forward, backward])
      expect(read['procesguide-tjekliste.pdf']).toContain('Trin 1. Oversigt over tendenser');
  }, 120_000);
});

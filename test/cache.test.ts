// The cache folder (content, shaped words, parsed layouts, font subsets) only makes a build
// faster: every way of building must give the same bytes, and a damaged or unwritable
// cache must not stop a build.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAll } from '../src/build.js';
import { loadContent } from '../src/content/load.js';
import { loadFonts } from '../src/render/fonts.js';
import { defaultContentDir } from '../src/paths.js';
import { runMus } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const names = [
  'mus-test-leder.pdf',
  'mus-test-leder-udfyldelig.pdf',
  'mus-test-medarbejder.pdf',
  'mus-test-medarbejder-udfyldelig.pdf',
  'resultatskema-leder.pdf',
  'resultatskema-medarbejder.pdf',
  'procesguide-tjekliste.pdf',
  'dialogplakat.pdf',
  'handleplan.pdf',
];

function buildWith(cache: string): Record<string, Buffer> {
  const out = tempDir();
  const result = runMus(['build', '--out', out], { env: { MUS_CACHE_DIR: cache } });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(out, name))]));
}

function expectSameFiles(actual: Record<string, Buffer>, expected: Record<string, Buffer>): void {
  for (const name of names) expect(actual[name].equals(expected[name]), name).toBe(true);
}

let uncached: Record<string, Buffer>;
beforeAll(() => {
  uncached = buildWith('off');
}, 60_000);

describe('the cache folder', () => {
  it('changes nothing: no cache, an empty cache and a filled cache give the same bytes', () => {
    const cache = tempDir('cache-');
    expectSameFiles(buildWith(cache), uncached); // fills it
    const files = readdirSync(cache).sort();
    expect(files).toEqual(expect.arrayContaining(['layout-procesguide.json', 'layout-resultatskema.json', 'layout-test.json', 'shaping-regular.json', 'subsets-regular.json']));
    const regular = JSON.parse(readFileSync(join(cache, 'shaping-regular.json'), 'utf8')) as { entries: [string, unknown][] };
    expect(regular.entries.map(([text]) => text)).toContain('leder ');
    expectSameFiles(buildWith(cache), uncached); // reads it
  }, 60_000);

  it('a damaged cache is ignored and written anew', () => {
    const cache = tempDir('cache-');
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'shaping-regular.json'), '{"key": "x", "entries": [["Samtalen", {"g": [1]}]');
    writeFileSync(join(cache, 'layout-test.json'), '[{"key": 3}]');
    writeFileSync(join(cache, 'subsets-bold.json'), '{"entries": 7}');
    expectSameFiles(buildWith(cache), uncached);
    expect(() => JSON.parse(readFileSync(join(cache, 'shaping-regular.json'), 'utf8'))).not.toThrow();
    expectSameFiles(buildWith(cache), uncached);
  }, 60_000);

  it('a cache folder that cannot be written does not stop the build', () => {
    const file = join(tempDir('cache-'), 'a-file');
    writeFileSync(file, 'not a folder');
    expectSameFiles(buildWith(join(file, 'cache')), uncached);
  }, 60_000);
});

describe('cached content', () => {
  it('an edited content file is read again: the change shows, and a broken edit is reported', async () => {
    const cache = tempDir('cache-');
    const content = join(tempDir('content-'), 'da');
    cpSync(defaultContentDir, content, { recursive: true });
    const build = () => {
      const out = tempDir();
      return { out, result: runMus(['build', '--content', content, '--out', out], { env: { MUS_CACHE_DIR: cache } }) };
    };
    expect(build().result.code).toBe(0);
    expect(readdirSync(cache)).toContain('content.json');
    const file = join(content, 'udsagn.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^(\s*- leader: ).+$/m, '$1Jeg læser indholdet igen'));
    const edited = build();
    expect(edited.result.code).toBe(0);
    expect(flat((await readPdf(join(edited.out, 'mus-test-leder.pdf'))).text)).toContain('Jeg læser indholdet igen');
    writeFileSync(file, original.replace(/^(\s*- leader: ).+$/m, '$1'));
    const broken = build().result;
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/udsagn\.yaml:\d+:\d+ themes\[0\]\.statements\[0\]\.leader: /);
  }, 60_000);
});

describe('stored shaping', () => {
  it('hands pdfkit the glyphs, code points, widths and positions fontkit gives', () => {
    const require = createRequire(import.meta.url);
    const fresh = fontkit.create(readFileSync(require.resolve('source-sans/TTF/SourceSans3-Regular.ttf'))) as unknown as Shaper;
    const stored = loadFonts().regular as Shaper;
    // Ligatures (fi, ffl), kerning pairs (AV, To), Danish letters and digits.
    for (const word of ['fint', 'affløse', 'AVATAR', 'Tovholder', 'Værdien', 'æøåÆØÅ', '81–100', 'Sjældent']) {
      for (let round = 0; round < 2; round++) {
        const a = fresh.layout(word);
        const b = stored.layout(word);
        expect(b.glyphs.map((g) => [g.id, [...g.codePoints], g.advanceWidth]), word).toEqual(a.glyphs.map((g) => [g.id, [...g.codePoints], g.advanceWidth]));
        expect(b.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]), word).toEqual(a.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]));
        expect(b.advanceWidth, word).toBe(a.advanceWidth);
      }
    }
  });

  it('a glyph the subsetter met first still stands for its letter when a word is shaped later', () => {
    const require = createRequire(import.meta.url);
    const fresh = fontkit.create(readFileSync(require.resolve('source-sans/TTF/SourceSans3-Bold.ttf'))) as unknown as Shaper & { glyphForCodePoint(cp: number): { id: number } };
    const bold = loadFonts().bold as Shaper & { getGlyph(id: number): unknown };
    const letter = 'Ǿ'; // used nowhere in the content, so not shaped before in this process
    bold.getGlyph(fresh.glyphForCodePoint(letter.codePointAt(0)!).id); // as the subsetter asks: no code points
    expect(bold.layout(`${letter}1`).glyphs.map((g) => [...g.codePoints])).toEqual([[letter.codePointAt(0)], [49]]);
  });
});

interface Shaper {
  layout(text: string): {
    glyphs: { id: number; codePoints: number[]; advanceWidth: number }[];
    positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
    advanceWidth: number;
  };
}

describe('the command line', () => {
  it('gives the same bytes as a build in the program (content read and checked, nothing cached)', async () => {
    const files = await renderAll(loadContent(defaultContentDir), {});
    expect(files.map((f) => f.name).sort()).toEqual([...names].sort());
    expectSameFiles(Object.fromEntries(files.map((f) => [f.name, f.bytes])), uncached);
  }, 60_000);
});

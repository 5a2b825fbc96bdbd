// Visual regression: every page of every document, blank and pre-filled from the shared
// example answers, rendered to a grey PNG and compared with the committed reference image.
// After an intended change of the look, refresh the references with
//   npm run test:update-images
// A failing comparison writes <name>-actual.png and <name>-diff.png to test/.output/.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { documents, fileName } from '../src/app/documents.js';
import { defaultContentDir } from '../src/paths.js';
import { repoRoot, runMus, fixture } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';
import { decodePng, encodeGray, renderPages, type PageImage } from './helpers/raster.js';

/** Rendering scale (1 = 72 dpi): enough to see a moved line, small enough to keep the repo light. */
const scale = 0.6;
/** pixelmatch's per-pixel colour threshold, and the share of pixels that may differ. */
const threshold = 0.1;
const maxDifferent = 0.005;

const referenceDir = join(repoRoot, 'test/reference-images');
const outputDir = join(repoRoot, 'test/.output');
const updating = process.env.UPDATE_IMAGES === '1';

// The sets are built when the file is collected, so that each page is its own test.
const sets = { blank: tempDir('mus-visual-blank-'), filled: tempDir('mus-visual-filled-') };
for (const [set, args] of [
  ['blank', []],
  ['filled', ['--responses', fixture('eksempel-svar.yaml')]],
] as const) {
  const result = runMus(['build', ...args, '--out', sets[set]]);
  if (result.code !== 0) throw new Error(`mus build (${set}) failed: ${result.stderr}`);
}

/** The documents of each set; a pre-filled document identical to the blank one is not repeated. */
const files = documents.map((d) => fileName(loadContent(defaultContentDir), d.id));
const docs = (['blank', 'filled'] as const).flatMap((set) =>
  files
    // A document made only with answers (the comparison poster) is in the pre-filled set alone.
    .filter((file) => existsSync(join(sets[set], file)))
    .filter(
      (file) =>
        set === 'blank' ||
        !existsSync(join(sets.blank, file)) ||
        !readFileSync(join(sets.filled, file)).equals(readFileSync(join(sets.blank, file))),
    )
    .map((file) => ({ set, file, bytes: readFileSync(join(sets[set], file)) })),
);

const rendered = await Promise.all(
  docs.map(async (doc) => ({ ...doc, pages: await renderPages(doc.bytes, scale, { gray: true }) })),
);
const pages = rendered.flatMap((doc) =>
  doc.pages.map((image, i) => ({
    name: `${doc.set}-${doc.file.replace(/\.pdf$/, '')}-p${i + 1}`,
    image,
  })),
);

function writeOutput(name: string, png: Buffer): string {
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, name);
  writeFileSync(path, png);
  return path;
}

/** Compares with the reference; returns a message when they differ too much. */
function compare(name: string, actual: PageImage): string | undefined {
  const referencePath = join(referenceDir, `${name}.png`);
  if (!existsSync(referencePath)) {
    const saved = writeOutput(`${name}-actual.png`, encodeGray(actual));
    return `no reference image ${referencePath}; the page is in ${saved}. Run \`npm run test:update-images\` if it is right.`;
  }
  const reference = decodePng(readFileSync(referencePath));
  if (reference.width !== actual.width || reference.height !== actual.height) {
    const saved = writeOutput(`${name}-actual.png`, encodeGray(actual));
    return `${name}: size ${actual.width}×${actual.height} differs from the reference ${reference.width}×${reference.height}; see ${saved}`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const different = pixelmatch(reference.data, actual.data, diff.data, actual.width, actual.height, { threshold });
  const share = different / (actual.width * actual.height);
  if (share <= maxDifferent) return undefined;
  const actualPath = writeOutput(`${name}-actual.png`, encodeGray(actual));
  const diffPath = writeOutput(`${name}-diff.png`, PNG.sync.write(diff));
  return (
    `${name}: ${(share * 100).toFixed(2)} % of the pixels differ from test/reference-images/${name}.png ` +
    `(at most ${maxDifferent * 100} % allowed). Diff: ${diffPath}, page as rendered: ${actualPath}. ` +
    'If the change is intended, run `npm run test:update-images`.'
  );
}

describe('visual regression: every page against its reference image', () => {
  it('covers every page of every document, blank and pre-filled', () => {
    for (const spec of documents) {
      const set = spec.notMade?.(undefined) ? 'filled' : 'blank';
      const file = fileName(loadContent(defaultContentDir), spec.id);
      expect(
        pages.some((p) => p.name.startsWith(`${set}-${file.replace(/\.pdf$/, '')}-p1`)),
        file,
      ).toBe(true);
    }
    expect(pages.some((p) => p.name.startsWith('filled-dialogplakat-'))).toBe(true);
    expect(pages.some((p) => p.name.startsWith('filled-resultatskema-'))).toBe(true);
  });

  it.each(pages.map((p) => [p.name, p] as const))('%s', (name, page) => {
    if (updating) {
      mkdirSync(referenceDir, { recursive: true });
      writeFileSync(join(referenceDir, `${name}.png`), encodeGray(page.image));
      return;
    }
    rmSync(join(outputDir, `${name}-diff.png`), { force: true });
    rmSync(join(outputDir, `${name}-actual.png`), { force: true });
    const problem = compare(name, page.image);
    expect(problem, problem).toBeUndefined();
  });

  it('has no reference images left over for pages that no longer exist', () => {
    const expected = new Set(pages.map((p) => `${p.name}.png`));
    const stale = existsSync(referenceDir)
      ? readdirSync(referenceDir).filter((f) => f.endsWith('.png') && !expected.has(f))
      : [];
    if (updating) {
      for (const file of stale) rmSync(join(referenceDir, file));
      return;
    }
    expect(stale, 'reference images without a page: run `npm run test:update-images` to remove them').toEqual([]);
  });
});

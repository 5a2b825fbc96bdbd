// The test's box geometry kept on disk (app/geometry-cache.ts): a second reading finds it
// without rendering, and without loading the renderer at all; another text is another file;
// a damaged file, a folder that cannot be written and MUS_CACHE=off only cost a rendering.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Group } from '../src/content/groups.js';
import type { Content } from '../src/content/model.js';
import { scanPrinting, testGeometry } from '../src/app/scans.js';
import { loadContent } from '../src/documents/load.js';
import type { TestGeometry } from '../src/responses/readers/scan/geometry.js';
import { repoRoot } from './helpers/cli.js';
import { tempDir } from './helpers/scratch.js';

// Which of the renderer's modules a fresh import loads (their mocks' factories run on the first import).
const loaded = new Set<string>();
const noted = (name: string) => async (original: () => Promise<unknown>) => {
  loaded.add(name);
  return original();
};
const renderer: Record<string, string> = {
  'render/pdf': '../src/render/pdf.js',
  'layout/template': '../src/layout/template.js',
  'render/fonts': '../src/render/fonts.js',
  pdfkit: 'pdfkit',
  fontkit: 'fontkit',
};

const content = loadContent(join(repoRoot, 'content/da'));
let rendered: Record<Group, TestGeometry>;

beforeAll(async () => {
  rendered = { leader: await testGeometry(content, 'leader'), employee: await testGeometry(content, 'employee') };
}, 60_000);

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A renderer that counts its calls (it renders for real). */
function counting() {
  const render = vi.fn((c: Content, group: Group) => testGeometry(c, group));
  return render;
}

/** A fresh cache folder, as MUS_CACHE_DIR; its files are listed by the returned function. */
function cacheDir(): { dir: string; files: () => string[] } {
  const dir = tempDir('mus-geometry-cache-');
  vi.stubEnv('MUS_CACHE_DIR', dir);
  vi.stubEnv('MUS_CACHE', undefined);
  return { dir, files: () => readdirSync(dir).sort() };
}

describe('geometry cache', () => {
  it('renders and stores a test once; the next reading finds it without rendering', async () => {
    const { dir, files } = cacheDir();
    const render = counting();
    const first = await scanPrinting(content, render).geometry('leader');
    expect(render).toHaveBeenCalledTimes(1);
    expect(first).toEqual(rendered.leader);
    expect(files()).toEqual([expect.stringMatching(/^geometry-[0-9a-f]{64}\.json$/)]);
    expect(JSON.parse(readFileSync(join(dir, files()[0]), 'utf8'))).toEqual(rendered.leader);

    const again = await scanPrinting(content, render).geometry('leader');
    expect(render).toHaveBeenCalledTimes(1);
    expect(again).toEqual(rendered.leader);
    // The other test is another file.
    expect(await scanPrinting(content, render).geometry('employee')).toEqual(rendered.employee);
    expect(render).toHaveBeenCalledTimes(2);
    expect(files()).toHaveLength(2);
  });

  it('finds a stored test without loading the renderer (pdfkit, fontkit, the templates)', async () => {
    cacheDir();
    await scanPrinting(content).geometry('leader'); // stores it
    // The program's modules afresh, the renderer's watched.
    vi.resetModules();
    for (const [name, path] of Object.entries(renderer)) vi.doMock(path, noted(name));
    try {
      const fresh = await import('../src/app/scans.js');
      const started = performance.now();
      const found = await fresh.scanPrinting(content).geometry('leader');
      const ms = performance.now() - started;
      expect(found).toEqual(rendered.leader);
      expect([...loaded]).toEqual([]);
      expect(ms).toBeLessThan(2000); // a few ms; the limit only catches a rendering on a slow machine
      // A test not stored yet loads them all: the watch sees a rendering.
      expect(await fresh.scanPrinting(content).geometry('employee')).toEqual(rendered.employee);
      expect([...loaded].sort()).toEqual(Object.keys(renderer).sort());
    } finally {
      for (const path of Object.values(renderer)) vi.doUnmock(path);
      loaded.clear();
    }
  });

  it('looks up both tests in prepare: rendered once, then found', async () => {
    const { files } = cacheDir();
    const render = counting();
    const first = scanPrinting(content, render);
    first.prepare?.();
    expect(await first.geometry('employee')).toEqual(rendered.employee);
    expect(await first.geometry('leader')).toEqual(rendered.leader);
    expect(render).toHaveBeenCalledTimes(2);
    expect(files()).toHaveLength(2);
    const second = scanPrinting(content, render);
    second.prepare?.();
    expect(await second.geometry('leader')).toEqual(rendered.leader);
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('keys a changed statement text to another file, and uses the boxes rendered for it', async () => {
    const { files } = cacheDir();
    const render = counting();
    await scanPrinting(content, render).geometry('leader');
    const long = `${content.numbered[0].leader} `.repeat(4).trim();
    const changed: Content = {
      ...content,
      numbered: content.numbered.map((s, i) => (i === 0 ? { ...s, leader: long } : s)),
    };
    const expected = await testGeometry(changed, 'leader');
    expect(expected).not.toEqual(rendered.leader); // the longer text moves the boxes
    const found = await scanPrinting(changed, render).geometry('leader');
    expect(render).toHaveBeenCalledTimes(2);
    expect(found).toEqual(expected);
    expect(files()).toHaveLength(2);
    // Each is found again under its own key.
    expect(await scanPrinting(changed, render).geometry('leader')).toEqual(expected);
    expect(await scanPrinting(content, render).geometry('leader')).toEqual(rendered.leader);
    expect(render).toHaveBeenCalledTimes(2);
  });

  const damaged: [string, (g: TestGeometry) => string][] = [
    ['bad JSON', (g) => JSON.stringify(g).slice(0, -20)],
    ['JSON of the wrong shape', (g) => JSON.stringify({ ...g, pages: [[{ n: 1, boxes: [{ x: 1, y: 2 }] }]] })],
    ['numbers that are not', (g) => JSON.stringify({ ...g, width: '595' })],
    ['the right shape for another fingerprint', (g) => JSON.stringify({ ...g, fingerprint: '000000000000' })],
    ['the right shape for the other group', (g) => JSON.stringify({ ...g, group: 'employee' })],
  ];
  it.each(damaged)('takes a file of %s for a miss: renders, and writes the file again', async (_, damage) => {
    const { dir, files } = cacheDir();
    const render = counting();
    await scanPrinting(content, render).geometry('leader');
    const file = join(dir, files()[0]);
    writeFileSync(file, damage(rendered.leader));
    expect(await scanPrinting(content, render).geometry('leader')).toEqual(rendered.leader);
    expect(render).toHaveBeenCalledTimes(2);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(rendered.leader);
    expect(files()).toHaveLength(1); // no temporary file left
  });

  it('reads without a cache when its folder cannot be made (a file in the way)', async () => {
    const dir = tempDir('mus-geometry-cache-');
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    vi.stubEnv('MUS_CACHE_DIR', join(blocker, 'cache'));
    const render = counting();
    expect(await scanPrinting(content, render).geometry('leader')).toEqual(rendered.leader);
    expect(await scanPrinting(content, render).geometry('leader')).toEqual(rendered.leader);
    expect(render).toHaveBeenCalledTimes(2);
    expect(readdirSync(dir)).toEqual(['a-file']);
  });

  it('neither writes nor reads with MUS_CACHE=off', async () => {
    const { files } = cacheDir();
    const render = counting();
    await scanPrinting(content, render).geometry('leader'); // stored while on
    expect(files()).toHaveLength(1);
    vi.stubEnv('MUS_CACHE', 'off');
    expect(await scanPrinting(content, render).geometry('leader')).toEqual(rendered.leader);
    expect(render).toHaveBeenCalledTimes(2); // not read
    expect(await scanPrinting(content, render).geometry('employee')).toEqual(rendered.employee);
    expect(files()).toHaveLength(1); // not written
  });
});

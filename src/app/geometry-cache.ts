// Where a test prints its tick boxes, remembered on disk, so that reading a scan need not load
// the renderer (pdfkit, fontkit, the templates: about half a second) to learn them again.
//
// Why it cannot be stale, only missed: the boxes are whatever the renderer draws, and the
// renderer is deterministic (the same inputs give a byte-identical PDF). Its inputs are the
// test's view (every text and setting the template is given, from the content), the
// templates, the fonts, the program's own code, the renderer's dependencies and Node itself.
// The file's name is a sha256 over all of them (their bytes, or a package's version), so a
// change to any one of them asks for another file, and the old one is never read again.
// A file is trusted no further than a miss: it is read only when its shape is right and its
// group and fingerprint are the view's; anything else renders the test, as without a cache.
//
// Where: MUS_CACHE_DIR, else node_modules/.cache/mus-materialer in the package (per
// installation, as find-cache-dir does; not a shared /tmp, where another user could plant a
// file). MUS_CACHE=off neither reads nor writes. A folder that cannot be written (a read-only
// installation) only makes every reading render. Computing the key loads nothing of the
// renderer: the view is plain data from the content, and the rest is files and versions.
import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Group } from '../content/groups.js';
import type { Content } from '../content/model.js';
import { testView } from '../documents/test/test.js';
import { replaceFile } from '../output.js';
import { packageRoot, templatesDir } from '../paths.js';
import { fontFiles, type FontName, fontPath } from '../render/font-files.js';
import type { TestGeometry } from '../responses/readers/scan/geometry.js';

/** Raised when the file's layout or meaning changes: older files are then never read. */
const formatVersion = 1;

/** The packages whose code draws the test (each with its own dependencies' versions). */
const rendererPackages = ['pdfkit', 'fontkit', 'linebreak', 'handlebars'];

/** The compiled code the program runs from: dist/src when built, src in the tests. */
const codeRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** How a test is rendered for its geometry (app/scans.ts testGeometry; the tests count its calls). */
export type RenderGeometry = (content: Content, group: Group) => Promise<TestGeometry>;

/** The folder of the cache, or undefined when MUS_CACHE=off. */
export function geometryCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MUS_CACHE === 'off') return undefined;
  return env.MUS_CACHE_DIR || join(packageRoot, 'node_modules', '.cache', 'mus-materialer');
}

/** The test of `group`: from the cache when there, else rendered and then stored. Throws only what `render` throws. */
export async function cachedGeometry(
  content: Content,
  group: Group,
  render: RenderGeometry,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestGeometry> {
  const file = cacheFile(content, group, env);
  const cached = file && readCached(file.path, group, file.fingerprint);
  if (cached) return cached;
  const geometry = await render(content, group);
  if (file) writeCached(file.path, geometry);
  return geometry;
}

/** The cache file of the test of `group`, and the fingerprint it must hold; undefined when off or unknowable. */
export function cacheFile(
  content: Content,
  group: Group,
  env: NodeJS.ProcessEnv = process.env,
): { path: string; fingerprint: string } | undefined {
  const dir = geometryCacheDir(env);
  if (!dir) return undefined;
  try {
    const view = testView(content, group);
    const hash = createHash('sha256');
    hash.update(`mus-materialer test geometry ${formatVersion}\0`);
    hash.update(installationDigest());
    hash.update(`\0labels\0${JSON.stringify(content.scoring.scale.map((c) => c.label))}`);
    hash.update(`\0view\0${JSON.stringify(view)}`);
    return { path: join(dir, `geometry-${hash.digest('hex')}.json`), fingerprint: view.registration.fingerprint };
  } catch {
    return undefined; // a file of the program unreadable: no key, so no cache
  }
}

/** What every test of this installation is drawn by, hashed once per process (it is the code running). */
let installation: string | undefined;
function installationDigest(): string {
  if (installation) return installation;
  const hash = createHash('sha256');
  hash.update(`node\0${process.version}\0`);
  hashFolder(hash, 'templates', templatesDir);
  for (const name of Object.keys(fontFiles) as FontName[]) hashFile(hash, `font ${name}`, fontPath(name));
  hashFolder(hash, 'code', codeRoot);
  const require = createRequire(import.meta.url);
  for (const name of rendererPackages) {
    const dir = packageDir(require, name);
    const manifest = readManifest(dir);
    hash.update(`package\0${name}\0${manifest.version}\0`);
    // Their own dependencies draw too (fontkit's glyph tables, pdfkit's line breaking).
    const own = createRequire(join(dir, 'package.json'));
    for (const dependency of Object.keys(manifest.dependencies ?? {}).sort())
      hash.update(`dependency\0${name}\0${dependency}\0${readManifest(packageDir(own, dependency)).version}\0`);
  }
  installation = hash.digest('hex');
  return installation;
}

/** Every file under `dir`, in a sorted order, each by its path and bytes. */
function hashFolder(hash: Hash, label: string, dir: string): void {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  for (const path of files.sort()) hashFile(hash, `${label} ${relative(dir, path)}`, path);
}

function hashFile(hash: Hash, label: string, path: string): void {
  const bytes = readFileSync(path);
  hash.update(`file\0${label}\0${bytes.length}\0`);
  hash.update(bytes);
}

/** A package's folder: found from its entry point, as some do not export their package.json. */
function packageDir(require: NodeJS.Require, name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      if (readManifest(dir).name === name) return dir;
    } catch {
      // no package.json here: look further up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json of ${name}`);
    dir = parent;
  }
}

const readManifest = (dir: string): { name?: string; version?: string; dependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

const finite = z.number().finite();
const geometrySchema = z
  .object({
    group: z.enum(['leader', 'employee']),
    fingerprint: z.string(),
    width: finite,
    height: finite,
    pages: z.array(
      z.array(
        z
          .object({
            n: z.number().int().positive(),
            boxes: z.array(z.object({ x: finite, y: finite, size: finite }).strict()),
          })
          .strict(),
      ),
    ),
  })
  .strict();

/** The stored geometry, when the file is there, whole and of this test; else undefined. */
function readCached(path: string, group: Group, fingerprint: string): TestGeometry | undefined {
  try {
    const parsed = geometrySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success || parsed.data.group !== group || parsed.data.fingerprint !== fingerprint) return undefined;
    return parsed.data;
  } catch {
    return undefined;
  }
}

/** Stores the geometry whole or not at all (a temporary file renamed); a failure only costs the next reading a render. */
function writeCached(path: string, geometry: TestGeometry): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    replaceFile(path, `${JSON.stringify(geometry)}\n`);
  } catch {
    // a read-only installation, a full disk: read without the cache
  }
}

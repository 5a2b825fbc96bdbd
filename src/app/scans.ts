// What the scan reader needs from the printing side, which responses/ does not reach: where
// the test draws its tick boxes, learnt from the renderer itself (the test is rendered from
// the content in this process), and the drawing of the review sheet. What a rendering learnt
// is kept on disk (geometry-cache.ts: node_modules/.cache/mus-materialer or MUS_CACHE_DIR,
// one file per test, named by a hash of the view, templates, fonts, code and the renderer's
// versions), so the renderer is loaded only for a test not seen before, and for the review
// sheet: `mus tally` of a file does without it.
import { groups, type Group } from '../content/groups.js';
import type { Content } from '../content/model.js';
import { replaceFile } from '../output.js';
import type { ScanPrinting, StatementBoxes, TestGeometry } from '../responses/readers/scan/geometry.js';
import { paperSizes } from '../sheet/paper.js';
import { pdfMeta } from './pdf-meta.js';
import { InternalError } from '../errors.js';
import { cachedGeometry, type RenderGeometry } from './geometry-cache.js';

/** The test of `group` as the content prints it: its boxes page by page, statement by statement. */
export async function testGeometry(content: Content, group: Group): Promise<TestGeometry> {
  const [{ renderTemplate }, { testView }, { renderPdf }] = await renderModules();
  const view = testView(content, group);
  const pdf = await renderPdf(await renderTemplate('test', view), pdfMeta(content, `${group} test`), {
    boxesOnly: true,
  });
  const labels = content.scoring.scale.map((c) => c.label);
  const pages: StatementBoxes[][] = [];
  const byName = new Map<string, StatementBoxes>();
  for (const box of pdf.boxes) {
    const n = /^udsagn-(\d+)$/.exec(box.name ?? '');
    const category = labels.indexOf(box.value ?? '');
    if (!n || category < 0) continue;
    let statement = byName.get(n[1]);
    if (!statement) {
      statement = { n: Number(n[1]), boxes: [] };
      byName.set(n[1], statement);
      (pages[box.page] ??= []).push(statement);
    }
    statement.boxes[category] = { x: box.x, y: box.y, size: box.size };
  }
  for (const statement of byName.values()) {
    if (statement.boxes.length !== labels.length || statement.boxes.some((b) => !b)) {
      throw new InternalError(
        `scan: statement ${statement.n} of the ${group} test has ${statement.boxes.filter(Boolean).length} boxes, not ${labels.length}`,
      );
    }
  }
  const { width, height } = paperSizes.A4;
  return { group, fingerprint: view.registration.fingerprint, width, height, pages: Array.from(pages, (p) => p ?? []) };
}

/** The renderer's modules (pdfkit, fontkit, the templates): a few hundred ms to load, loaded once. */
const importRenderer = () =>
  Promise.all([import('../layout/template.js'), import('../documents/test/test.js'), import('../render/pdf.js')]);
let loading: ReturnType<typeof importRenderer> | undefined;
const renderModules = () => (loading ??= importRenderer());

/**
 * The printing side for one reading: each test looked up once, when a scan first asks for it
 * (or `prepare` does), from the cache or else rendered. `render` is for the tests, to count renderings.
 */
export function scanPrinting(content: Content, render: RenderGeometry = testGeometry): ScanPrinting {
  const known = new Map<Group, Promise<TestGeometry>>();
  const geometry = (group: Group) => {
    let found = known.get(group);
    if (!found) known.set(group, (found = cachedGeometry(content, group, render)));
    return found;
  };
  return {
    geometry,
    // Both tests, while the page readers start: a cached test costs a few ms, and a test not
    // cached is rendered (and stored) now, not when the first page waits for it.
    prepare() {
      for (const group of groups) geometry(group).catch(() => undefined); // a failure shows when a page asks
    },
    async reviewSheet(sheet) {
      const [{ reviewSheetPdf }, { reviewFileName }] = await Promise.all([
        import('../render/review-sheet.js'),
        import('../responses/readers/scan/review.js'),
      ]);
      return reviewSheetPdf(sheet, pdfMeta(content, reviewFileName));
    },
    writeBeside: replaceFile,
  };
}

// What the scan reader needs from the printing side, which responses/ does not reach: where
// the test draws its tick boxes, learnt from the renderer itself (the test is rendered from
// the content in this process; no geometry is stored anywhere), and the drawing of the review
// sheet. Rendering is loaded only once a scan is read: `mus tally` of a file does without it.
import type { Group } from '../content/groups.js';
import type { Content } from '../content/model.js';
import { replaceFile } from '../output.js';
import type { ScanPrinting, StatementBoxes, TestGeometry } from '../responses/readers/scan/geometry.js';
import { paperSizes } from '../sheet/paper.js';
import { pdfMeta } from './pdf-meta.js';
import { InternalError } from '../errors.js';

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

/** The printing side for one reading: each test rendered once, when a scan first asks for it. */
export function scanPrinting(content: Content): ScanPrinting {
  const known = new Map<Group, Promise<TestGeometry>>();
  return {
    geometry(group) {
      let geometry = known.get(group);
      if (!geometry) known.set(group, (geometry = testGeometry(content, group)));
      return geometry;
    },
    prepare() {
      renderModules().catch(() => undefined); // a failure shows when a test is rendered
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

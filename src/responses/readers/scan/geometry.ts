// Where the test draws its tick boxes, from the renderer itself: the test is rendered from
// the content in this process (no geometry is stored anywhere), and its boxes, page by
// page and statement by statement, are what a scanned page is measured against.
import type { Content, Group } from '../../../content/model.js';
import { renderTemplate } from '../../../layout/template.js';
import { testView } from '../../../layout/views/test.js';
import { buildDate } from '../../../output.js';
import { renderPdf } from '../../../render/pdf.js';
import { paperSizes } from '../../../render/styles.js';

export interface BoxRect {
  x: number;
  y: number;
  size: number;
}

export interface StatementBoxes {
  /** 1-based statement number. */
  n: number;
  /** One box per category, in the scale's order. */
  boxes: BoxRect[];
}

export interface TestGeometry {
  group: Group;
  fingerprint: string;
  width: number;
  height: number;
  /** The statements on each page (index 0 = page 1). */
  pages: StatementBoxes[][];
}

/** The test of `group` as the content prints it. */
export async function testGeometry(content: Content, group: Group): Promise<TestGeometry> {
  const view = testView(content, group);
  const pdf = await renderPdf(await renderTemplate('test', view), { language: content.meta.language, author: content.meta.author, date: buildDate(), name: `${group} test` });
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
      throw new Error(`scan: statement ${statement.n} of the ${group} test has ${statement.boxes.filter(Boolean).length} boxes, not ${labels.length}`);
    }
  }
  const { width, height } = paperSizes.A4;
  return { group, fingerprint: view.registration.fingerprint, width, height, pages: Array.from(pages, (p) => p ?? []) };
}

/** Both tests' geometry, rendered once per reading. */
export function geometries(content: Content): (group: Group) => Promise<TestGeometry> {
  const known = new Map<Group, Promise<TestGeometry>>();
  return (group) => {
    let geometry = known.get(group);
    if (!geometry) known.set(group, (geometry = testGeometry(content, group)));
    return geometry;
  };
}

// The printed test's page: the marking rule at body size with its drawn example, the theme
// headings, RESULTAT in the original's words with a clarifying line, and nothing paper-only
// on the fillable test.
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { testView } from '../src/documents/test/test.js';
import { renderTemplate } from '../src/layout/template.js';
import { defaultContentDir } from '../src/paths.js';
import { renderPdf } from '../src/render/pdf.js';
import { strokedRects, textRuns } from './helpers/raster.js';

const content = loadContent(defaultContentDir);
const meta = { language: 'da-DK', author: 'test', date: new Date(Date.UTC(2024, 0, 1)), name: 't.pdf' };

async function drawn(group: 'leader' | 'employee', onScreen: boolean) {
  const layout = await renderTemplate('test', testView(content, group, onScreen));
  const pdf = await renderPdf(layout, meta);
  const runs = await textRuns(pdf.bytes);
  return { layout, pdf, runs, text: runs.map((page) => page.map((r) => r.str).join(' ')).join(' ') };
}

describe('the paper test', () => {
  it.each(['leader', 'employee'] as const)(
    '%s: the marking rule at body size (no grey note), with a box with an X and a filled box next to a box with an X',
    async (group) => {
      const { layout, runs } = await drawn(group, false);
      const marking = content.test.marking!;
      const block = layout.blocks.find((b) => b.kind === 'paragraph' && b.text === marking);
      expect(block).toBeDefined();
      expect(block).not.toHaveProperty('style');
      const example = layout.blocks[layout.blocks.indexOf(block!) + 1];
      expect(example).toMatchObject({ kind: 'markExample', items: [{ marks: ['x'] }, { marks: ['filled', 'x'] }] });
      // As large as the instructions above it, and at least 9 pt.
      const front = runs[0];
      const rule = front.find((r) => r.str.startsWith('Sæt ét X'))!;
      const intro = front.find((r) => r.str.startsWith('Testen består'))!;
      expect(rule.size).toBeCloseTo(intro.size, 1);
      expect(rule.size).toBeGreaterThanOrEqual(9);
      expect(front.some((r) => r.str.includes(content.test.markingExamples!.corrected))).toBe(true);
    },
  );

  it.each(['leader', 'employee'] as const)(
    '%s: every statement row is equally tall on both pages, its boxes centred at least 3 mm from the rules',
    async (group) => {
      const { pdf } = await drawn(group, false);
      const mm = 72 / 25.4;
      const rects = await strokedRects(pdf.bytes);
      const rows: { height: number; above: number; below: number }[] = [];
      for (const box of pdf.boxes) {
        // The grid cell the box is drawn in (the tick box itself is the smaller square inside it).
        const cell = rects[box.page].find(
          (r) =>
            r.lineWidth < 1 &&
            r.x <= box.x &&
            r.x + r.width >= box.x + box.size &&
            r.y <= box.y &&
            r.y + r.height >= box.y + box.size,
        )!;
        expect(cell, `box ${box.name}`).toBeDefined();
        if (box.value !== content.scoring.scale[0].label) continue; // one box per row
        rows.push({ height: cell.height, above: box.y - cell.y, below: cell.y + cell.height - box.y - box.size });
      }
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        expect(row.height).toBeCloseTo(rows[0].height, 1);
        expect(row.above).toBeGreaterThanOrEqual(3 * mm);
        expect(row.below).toBeGreaterThanOrEqual(3 * mm);
        expect(row.above).toBeCloseTo(row.below, 1);
      }
    },
  );

  it('theme headings are larger than the category labels and the statements', async () => {
    const { runs } = await drawn('employee', false);
    const all = runs.flat();
    for (const theme of content.statements.themes) {
      const heading = all.find((r) => r.str === theme.title)!;
      const label = all.find((r) => r.str === content.scoring.scale[0].label)!;
      const statement = all.find((r) => r.str.startsWith('MUS gennemføres'))!;
      expect(heading.size).toBeGreaterThan(label.size * 1.2);
      expect(heading.size).toBeGreaterThan(statement.size);
    }
  });

  it("RESULTAT keeps the original's words and adds what to multiply and that the crosses make 20", async () => {
    const { text } = await drawn('leader', false);
    expect(text).toContain('Tæl dine krydser i hver kategori og skriv antallet ind i skemaet.');
    expect(text).toContain('Efterfølgende udregner du pointene ved at gange.');
    expect(text).toContain('Gang antallet af krydser i hver kategori med point pr. kryds, og læg pointene sammen.');
    expect(text).toContain('Du har sat 20 krydser i alt');
    expect(text).toContain(content.test.result.columns.count);
    expect(text).toContain(content.test.turnOver);
  });
});

describe('the fillable test has nothing paper-only', () => {
  it.each(['leader', 'employee'] as const)(
    '%s: no "Vend ▸", no RESULTAT table to count in, no "Find den pointgruppe…", no marking rule',
    async (group) => {
      const { layout, text } = await drawn(group, true);
      expect(text).not.toContain(content.test.turnOver);
      expect(text).not.toContain(content.test.result.columns.count);
      expect(text).not.toContain(content.test.result.bandsIntro);
      expect(text).not.toContain(content.test.marking!);
      expect(layout.blocks.some((b) => b.kind === 'markExample')).toBe(false);
      expect(text).toContain(content.test.onScreen!.resultNote);
      expect(text).toContain(content.test.result.bandsHeading); // what a score means is still there
    },
  );
});

// The checklist's paper: parts flow (no forced page breaks), headings stay with what
// follows, every page of a document of more than one page is numbered, and one approach
// (Tilgang 1 or 2) prints on at most two A4 sheets duplex.
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { UserError } from '../src/errors.js';
import { renderTemplate } from '../src/layout/template.js';
import { checkApproach } from '../src/app/build.js';
import { checklistView } from '../src/documents/checklist/checklist.js';
import type { ViewOptions } from '../src/documents/types.js';
import { renderPdf } from '../src/render/pdf.js';
import { defaultContentDir } from '../src/paths.js';
import { A4, pagesOfBytes as pages } from './helpers/pdf.js';
import { textRuns } from './helpers/raster.js';
import { scratchFiles } from './helpers/scratch.js';

const content = loadContent(defaultContentDir);
const meta = {
  language: 'da-DK',
  author: 'test',
  date: new Date(Date.UTC(2024, 0, 1)),
  name: 'procesguide-tjekliste.pdf',
};
const scratch = scratchFiles('mus-checklist-', 'pdf');

async function checklist(options: ViewOptions) {
  const layout = await renderTemplate('checklist', checklistView(content, options));
  const pdf = await renderPdf(layout, meta);
  scratch(pdf.bytes); // kept for a look while the tests run
  return { layout, bytes: pdf.bytes, pages: await pages(pdf.bytes) };
}

const [first, second] = content.checklist.approaches;

describe('one approach, or both', () => {
  it.each([
    [1, first, second],
    [2, second, first],
  ] as const)("Tilgang %i alone: its own steps, not the other's, on 4 A4 pages", async (tilgang, mine, other) => {
    const { pages: printed } = await checklist({ tilgang });
    expect(printed).toHaveLength(4); // two sheets, both sides
    for (const page of printed) {
      expect(page.width).toBeCloseTo(A4.width, 1);
      expect(page.height).toBeCloseTo(A4.height, 1);
    }
    const text = printed.map((p) => p.text).join(' ');
    expect(text).toContain(mine.title);
    expect(text).not.toContain(other.title);
    // What both approaches share is still there.
    for (const heading of [
      content.checklist.toolsToBring.heading,
      content.checklist.calculation.heading,
      content.checklist.dialogue.heading,
    ]) {
      expect(text).toContain(heading);
    }
  });

  it('without the option, both approaches, in order, on 6 A4 pages', async () => {
    const { pages: printed } = await checklist({});
    expect(printed).toHaveLength(6); // three sheets, both sides
    const text = printed.map((p) => p.text).join(' ');
    expect(text.indexOf(first.title)).toBeGreaterThan(-1);
    expect(text.indexOf(second.title)).toBeGreaterThan(text.indexOf(first.title));
  });

  it('an approach the content does not have is one clear line', () => {
    let error: unknown;
    try {
      checkApproach(content, 3);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message.split('\n')[0]).toBe(
      '--tilgang: 3 is not an approach of the checklist; give 1 or 2',
    );
  });
});

describe('parts flow, headings stay with what follows', () => {
  it('the checklist has no forced page breaks', async () => {
    const { layout } = await checklist({});
    expect(layout.pages).toBe('flow');
    expect(layout.blocks.filter((b) => b.kind === 'pageBreak')).toHaveLength(0);
  });

  it.each([[undefined], [1], [2]])(
    'Tilgang %s: no page ends with a heading, and no page but the last is left mostly empty',
    async (tilgang) => {
      const { bytes, layout } = await checklist({ tilgang });
      const headings = layout.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
      const runs = await textRuns(bytes);
      runs.forEach((page, i) => {
        const text = page.filter((r) => r.str.trim() && !/^Side \d+ af \d+$/.test(r.str.trim()));
        const lowest = text.reduce((a, b) => (b.y > a.y ? b : a));
        // A heading's (last) line: its words, set larger than the body text (10.5 pt).
        expect(
          headings.some((h) => h.includes(lowest.str.trim())) && lowest.size > 10.6,
          `page ${i + 1} ends with the heading "${lowest.str}"`,
        ).toBe(false);
        if (i < runs.length - 1) expect(lowest.y / A4.height, `page ${i + 1} ends at`).toBeGreaterThan(0.6);
      });
    },
  );

  it('a heading goes on with what follows where the template says so (keepWithNext), not by its kind', async () => {
    // 67 body lines of space leave about 53 pt of the A4 page: room for a level-2 heading
    // (≈ 32 pt), not for the heading and four lines of the long paragraph after it.
    const long = Array(40).fill('Et langt afsnit, der fylder mere end en fjerdedel af siden.').join(' ');
    const flow = (keepWithNext: boolean) =>
      renderPdf(
        {
          title: 'x',
          paper: 'A4',
          pages: 'flow',
          blocks: [
            { kind: 'spacer', lines: 67 },
            { kind: 'heading', level: 2, text: 'Overskriften', ...(keepWithNext ? { keepWithNext } : {}) },
            { kind: 'paragraph', text: long },
          ],
        },
        meta,
      );
    const kept = await pages((await flow(true)).bytes);
    const loose = await pages((await flow(false)).bytes);
    expect(kept.map((p) => p.text.includes('Overskriften'))).toEqual([false, true]);
    expect(loose.map((p) => p.text.includes('Overskriften'))).toEqual([true, false]);
    expect(loose[1].text).toContain('Et langt afsnit');
  });
});

describe('nothing split or orphaned across pages', () => {
  it.each([[{}], [{ tilgang: 1 }], [{ tilgang: 2 }]] as const)(
    '%j: "Det skal du have med" on one page with all its items; no tools line opens a page; the last page holds more than the contact block',
    async (options) => {
      const view = checklistView(content, options as ViewOptions);
      const { pages: printed } = await checklist(options as ViewOptions);
      const flat = printed.map((p) => p.text.replace(/\s+/g, ' '));
      const heading = view.toolsToBring.heading;
      const on = flat.findIndex((text) => text.includes(heading));
      expect(on).toBeGreaterThanOrEqual(0);
      // Each item's first words on the heading's page (an item may wrap within its column).
      for (const item of view.toolsToBring.items) {
        const start = item.split(' ').slice(0, 3).join(' ');
        expect(flat[on], item).toContain(start);
      }
      const tools = content.checklist.phaseColumns.tools;
      printed.forEach((page, i) => expect(page.text.trimStart().startsWith(tools), `page ${i + 1}`).toBe(false));
      const contact = content.checklist.contact.heading;
      const last = flat[flat.length - 1];
      expect(last.indexOf(contact)).toBeGreaterThan(200); // other text comes before the contact block
    },
  );
});

describe('page numbers', () => {
  it('"Side n af N" at the foot of every page of the checklist, from content', async () => {
    const { bytes, pages: printed } = await checklist({ tilgang: 1 });
    const runs = await textRuns(bytes);
    printed.forEach((page, i) => {
      const label = `Side ${i + 1} af ${printed.length}`;
      expect(page.text).toContain(label);
      const run = runs[i].find((r) => r.str === label)!;
      expect(run.y).toBeGreaterThan(Math.max(...runs[i].filter((r) => r !== run).map((r) => r.y))); // below everything
      expect(A4.height - run.y).toBeGreaterThan((10 * 72) / 25.4); // inside the printable area
    });
  });

  it('the label comes from the layout (content), and a one-page document has none', async () => {
    const paragraph = { kind: 'paragraph', text: 'Et afsnit.' } as const;
    const layout = { title: 'x', paper: 'A4', pages: 'fixed', pageLabel: 'Page {{page}} of {{pages}}' } as const;
    const one = await pages((await renderPdf({ ...layout, blocks: [paragraph] }, meta)).bytes);
    expect(one).toHaveLength(1);
    expect(one[0].text).not.toContain('Page');
    const two = await pages(
      (await renderPdf({ ...layout, blocks: [paragraph, { kind: 'pageBreak' }, paragraph] }, meta)).bytes,
    );
    expect(two.map((p) => p.text.includes('Page 1 of 2') || p.text.includes('Page 2 of 2'))).toEqual([true, true]);
    expect(two[1].text).toContain('Page 2 of 2');
  });
});

describe('the whole set, tailored to the approach', () => {
  const read = async (options: ViewOptions) =>
    (await checklist(options)).pages
      .map((p) => p.text)
      .join(' ')
      .replace(/\s+/g, ' ');

  it.each([[undefined], [1], [2]])(
    'Tilgang %s: names the comparison poster, the dialogue poster and the action plan, also in "Det skal du have med"',
    async (tilgang) => {
      const view = checklistView(content, { tilgang });
      const text = await read({ tilgang });
      for (const name of ['Resultatskema med ledere og medarbejdere side om side', 'Dialogplakat', 'Handleplan'])
        expect(text).toContain(name);
      const bring = view.toolsToBring.items.join(' ');
      for (const name of ['side om side', 'Dialogplakat', 'handleplan']) expect(bring).toContain(name);
    },
  );

  it('"Vælg mellem to tilgange" only when both approaches are printed', async () => {
    const heading = content.checklist.choice.heading;
    expect(await read({})).toContain(heading);
    expect(await read({ tilgang: 1 })).not.toContain(heading);
    expect(await read({ tilgang: 2 })).not.toContain(heading);
  });

  it('Tilgang 1 brings printed tests and names scanning them; Tilgang 2 brings the returned files, not printed tests', () => {
    const one = checklistView(content, { tilgang: 1 }).toolsToBring.items.join(' | ');
    const two = checklistView(content, { tilgang: 2 }).toolsToBring.items.join(' | ');
    expect(one).toContain('MUS-testen printet');
    expect(one).toContain('scanner');
    expect(two).not.toContain('printet');
    expect(two).toContain('returnerede udfyldelige tests');
    // Both: each approach's own item says whose it is.
    const both = checklistView(content, {}).toolsToBring.items;
    expect(both.filter((item) => item.endsWith('(Tilgang 1)'))).toHaveLength(first.bring.length);
    expect(both.filter((item) => item.endsWith('(Tilgang 2)'))).toHaveLength(second.bring.length);
  });

  it('the print list: the test files, or with --copies how many of each', () => {
    const plain = checklistView(content, { tilgang: 1 }).toolsToBring.items[0];
    expect(plain).toContain('mus-test-leder.pdf, mus-test-medarbejder.pdf');
    const counted = checklistView(content, { tilgang: 1, copies: { leader: 2, employee: 9 } }).toolsToBring.items[0];
    expect(counted).toContain('2 × lederversion, 9 × medarbejderversion');
  });

  it("the guide's four steps are a numbered list, and the tools are at body size, not a grey note", async () => {
    const { layout } = await checklist({ tilgang: 1 });
    const steps = content.checklist.processOwner.process!.steps;
    const list = layout.blocks.find((b) => b.kind === 'list' && b.items[0] === steps[0]);
    expect(list).toMatchObject({ kind: 'list', style: 'number', items: steps });
    const tools = layout.blocks.filter((b) => b.kind === 'paragraph' && b.text.startsWith('Evt. brug af redskab'));
    expect(tools.length).toBeGreaterThan(0);
    for (const block of tools) expect(block).not.toHaveProperty('style', 'note');
  });
});

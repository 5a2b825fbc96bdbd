// How many A3 sheets a poster is, and why: step 2 (20 statements × the answer categories)
// was measured not to fit one A3 sheet with statements ≥ 14 pt and counts ≥ 20 pt, so a
// poster is step 1 on one sheet and step 2 on two; the checklist says so.
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { groups } from '../src/content/model.js';
import { renderTemplate } from '../src/layout/template.js';
import { checklistView } from '../src/documents/checklist/checklist.js';
import { posterView } from '../src/documents/poster/poster.js';
import { renderPdf } from '../src/render/pdf.js';
import { defaultContentDir } from '../src/paths.js';
import { readYamlResponses } from '../src/responses/readers/yaml.js';
import { answersByGroup } from '../src/responses/types.js';
import { tallyResponses } from '../src/tally/tally.js';
import { fixture } from './helpers/cli.js';
import { A3, pagesOfBytes as pagesOf } from './helpers/pdf.js';

const content = loadContent(defaultContentDir);
const tally = tallyResponses(answersByGroup(readYamlResponses(fixture('eksempel-svar.yaml'), content)), content);
const tallies = tally;
const meta = (name: string) => ({ language: 'da-DK', author: 'test', date: new Date(Date.UTC(2024, 0, 1)), name });

const cases = groups.flatMap(
  (group) =>
    [
      [group, 'blank'],
      [group, 'filled'],
    ] as const,
);

describe('a poster is three A3 sheets', () => {
  it.each(cases)('%s, %s: step 1 on sheet 1, step 2 on sheets 2 and 3, numbered', async (group, set) => {
    const view = posterView(content, group, set === 'filled' ? tallies[group] : undefined);
    const pages = await pagesOf((await renderPdf(await renderTemplate('poster', view), meta('poster.pdf'))).bytes);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(A3.width, 1);
      expect(page.height).toBeCloseTo(A3.height, 1);
    }
    expect(pages[0].text).toContain(content.resultSheet.step1.heading);
    for (const page of pages.slice(1)) expect(page.text).toContain(content.resultSheet.step2.heading);
    pages.forEach((page, i) => expect(page.text).toContain(`Side ${i + 1} af 3`));
  });

  it.each(cases)(
    '%s, %s: all of step 2 on one sheet does not fit at 14 pt statements and 20 pt counts',
    async (group, set) => {
      const view = posterView(content, group, set === 'filled' ? tallies[group] : undefined);
      const oneSheet = { ...view, step2Pages: [{ themes: view.step2Pages.flatMap((page) => page.themes) }] };
      expect(oneSheet.step2Pages[0].themes.flatMap((t) => t.statements)).toHaveLength(20);
      const layout = await renderTemplate('poster', oneSheet);
      await expect(renderPdf(layout, meta('poster.pdf'))).rejects.toThrow(
        /is too long for the A3 sheet \(page 2 of poster\.pdf\) even at the smallest type \(14 pt\)/,
      );
    },
  );

  it('the checklist tells to bring a poster of three sheets for each group', async () => {
    const pages = await pagesOf(
      (await renderPdf(await renderTemplate('checklist', checklistView(content)), meta('guide.pdf'))).bytes,
    );
    const text = pages.map((p) => p.text).join(' ');
    expect(text).toContain('Resultatskemaer i A3 – ét for ledere og ét for medarbejdere, hvert på 3 ark');
    expect(text).not.toContain('{{');
  });
});

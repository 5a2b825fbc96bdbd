// How many A3 sheets a poster is, and why. Blank: step 2 (20 statements × the answer
// categories to write in) was measured not to fit one A3 sheet with statements ≥ 14 pt, so
// it is step 1 on one sheet and step 2 on two. Pre-filled: one sheet, a stacked bar per
// statement (its short label ≥ 14 pt, counts ≥ 20 pt). The checklist says so.
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { groups } from '../src/content/model.js';
import { renderTemplate } from '../src/layout/template.js';
import { checklistView } from '../src/documents/checklist/checklist.js';
import { posterView } from '../src/documents/poster/poster.js';
import { comparisonView } from '../src/documents/comparison/comparison.js';
import { renderPdf } from '../src/render/pdf.js';
import { defaultContentDir } from '../src/paths.js';
import { readYamlResponses } from '../src/responses/readers/yaml.js';
import { answersByGroup } from '../src/responses/types.js';
import { tallyResponses } from '../src/tally/tally.js';
import { fixture } from './helpers/cli.js';
import { A3, pagesOfBytes as pagesOf } from './helpers/pdf.js';
import { textRuns } from './helpers/raster.js';

const content = loadContent(defaultContentDir);
const tally = tallyResponses(answersByGroup(readYamlResponses(fixture('eksempel-svar.yaml'), content)), content);
const tallies = tally;
const meta = (name: string) => ({ language: 'da-DK', author: 'test', date: new Date(Date.UTC(2024, 0, 1)), name });

describe('a blank poster is three A3 sheets to write in', () => {
  it.each(groups)('%s: step 1 on sheet 1, step 2 on sheets 2 and 3, numbered', async (group) => {
    const view = posterView(content, group);
    const pages = await pagesOf((await renderPdf(await renderTemplate('poster', view), meta('poster.pdf'))).bytes);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page.width).toBeCloseTo(A3.width, 1);
      expect(page.height).toBeCloseTo(A3.height, 1);
    }
    expect(pages[0].text).toContain(content.resultSheet.step1.heading);
    for (const page of pages.slice(1)) expect(page.text).toContain(content.resultSheet.step2.heading);
    pages.forEach((page, i) => expect(page.text).toContain(`Side ${i + 1} af 3`));
    // The fill-in orders are the blank poster's.
    expect(pages[0].text).toContain('Angiv, hvor mange');
  });

  it.each(groups)('%s: all of step 2 to write in on one sheet does not fit at 14 pt statements', async (group) => {
    const view = posterView(content, group);
    const oneSheet = { ...view, step2Pages: [{ themes: view.step2Pages.flatMap((page) => page.themes) }] };
    expect(oneSheet.step2Pages[0].themes.flatMap((t) => t.statements)).toHaveLength(20);
    const layout = await renderTemplate('poster', oneSheet);
    await expect(renderPdf(layout, meta('poster.pdf'))).rejects.toThrow(
      /is too long for the A3 sheet \(page 2 of poster\.pdf\) even at the smallest type \(14 pt\)/,
    );
  });
});

describe('a pre-filled poster is one A3 sheet', () => {
  const filled = async (group: (typeof groups)[number]) => {
    const bytes = (
      await renderPdf(await renderTemplate('poster', posterView(content, group, tallies[group])), meta('p.pdf'))
    ).bytes;
    return { pages: await pagesOf(bytes), runs: (await textRuns(bytes))[0] };
  };

  it.each(groups)('%s: step 1 and every statement on one sheet, unnumbered', async (group) => {
    const { pages } = await filled(group);
    expect(pages).toHaveLength(1);
    expect(pages[0].width).toBeCloseTo(A3.width, 1);
    expect(pages[0].height).toBeCloseTo(A3.height, 1);
    const text = pages[0].text.replace(/\s+/g, ' ');
    expect(text).toContain(content.resultSheet.step1.heading);
    expect(text).toContain(content.resultSheet.step2.heading);
    for (const s of content.numbered) expect(text).toContain(s.short!);
    expect(text).not.toContain('Side 1 af');
  });

  it.each(groups)('%s: statements ≥ 14 pt, counts in the bars ≥ 20 pt', async (group) => {
    const { runs } = await filled(group);
    for (const s of content.numbered) {
      const run = runs.find((r) => r.str === s.short)!;
      expect(run, s.short).toBeDefined();
      expect(run.size).toBeGreaterThanOrEqual(14 - 0.01);
      // The counts of its bar: the runs on its line right of the statement column.
      const counts = runs.filter((r) => /^\d+$/.test(r.str) && Math.abs(r.y - run.y) < 12 && r.x > A3.width * 0.45);
      const [unanswered, ...bar] = [...counts].sort((a, b) => b.x - a.x);
      expect(bar.length, s.short).toBeGreaterThan(0);
      for (const c of bar) expect(c.size).toBeGreaterThanOrEqual(20 - 0.01);
      expect(unanswered.str).toBe(String(tallies[group].statements[s.n - 1].unanswered));
    }
  });

  it.each(groups)('%s: no fill-in orders; the texts say what the numbers show', async (group) => {
    const { pages } = await filled(group);
    const text = pages[0].text.replace(/\s+/g, ' ');
    expect(text).not.toMatch(/Angiv/);
    expect(text).toContain(`Antal besvarelser: ${tallies[group].respondents}.`);
    expect(text).toContain(content.resultSheet.step2.filledHeader);
  });
});

describe('the checklist says how many sheets', () => {
  it('a blank poster of three sheets, a pre-filled one of one, for each group', async () => {
    const pages = await pagesOf(
      (await renderPdf(await renderTemplate('checklist', checklistView(content)), meta('guide.pdf'))).bytes,
    );
    const text = pages
      .map((p) => p.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('blanke til at skrive i er 3 ark hver, udfyldte 1 ark hver');
    expect(text).not.toContain('{{');
  });
});

describe('counts take singular and plural from content', () => {
  const few = (respondents: number) => ({
    ...tallies.leader,
    respondents,
    complete: respondents,
  });

  it('the leaders\' poster says when each answer can be recognised: "Med 1 leder", "Med 2 ledere"', () => {
    expect(posterView(content, 'leader', few(1)).recognisableNote).toMatch(/^Med 1 leder kan/);
    expect(posterView(content, 'leader', few(2)).recognisableNote).toMatch(/^Med 2 ledere kan/);
    expect(posterView(content, 'leader', few(5)).recognisableNote).toBe('');
    expect(posterView(content, 'leader').recognisableNote).toBe('');
  });

  it('the comparison poster: "Kun 1 medarbejder har svaret", "Kun 2 medarbejdere har svaret"', () => {
    const note = (n: number) =>
      comparisonView(content, { leader: tallies.leader, employee: { ...tallies.employee, respondents: n } })
        .smallGroupNote;
    expect(note(1)).toMatch(/^Kun 1 medarbejder har svaret/);
    expect(note(2)).toMatch(/^Kun 2 medarbejdere har svaret/);
  });
});

describe('the comparison poster says its tie rule', () => {
  it('equal differences as printed across the cut at five: the ones left out are named, with the rule', () => {
    const view = comparisonView(content, tallies);
    const marked = view.pages.flatMap((page) => page.themes.flatMap((t) => t.rows)).filter((r) => r.mark);
    expect(marked).toHaveLength(5);
    const smallest = marked.map((r) => r.difference).sort()[0];
    const tied = view.pages
      .flatMap((page) => page.themes.flatMap((t) => t.rows))
      .filter((r) => !r.mark && r.difference === smallest)
      .map((r) => r.n);
    expect(tied.length).toBeGreaterThan(0); // the example has one (statement 17 at −1,6)
    expect(view.tieNote).toBe(
      `Udsagn ${tied.join(', ')} har også ${smallest.replace('−', '')}, men ikke DIALOG: den uafrundede forskel afgør.`,
    );
  });

  it('no note when the fifth difference is not shared', () => {
    // Leaders all Altid; of 10 employees, n answer Oftest to statement n ≤ 10: differences −0,1 × n.
    const tally = (respondents: number, oftest: (n: number) => number) => ({
      ...tallies.leader,
      respondents,
      complete: respondents,
      statements: content.numbered.map((s) => ({
        counts: [0, 0, 0, oftest(s.n), respondents - oftest(s.n)],
        unanswered: 0,
      })),
    });
    const view = comparisonView(content, {
      leader: tally(2, () => 0),
      employee: tally(10, (n) => (n <= 10 ? n : 0)),
    });
    const marked = view.pages.flatMap((page) => page.themes.flatMap((t) => t.rows)).filter((r) => r.mark);
    expect(marked.map((r) => r.n)).toEqual([6, 7, 8, 9, 10]);
    expect(view.tieNote).toBe('');
  });
});

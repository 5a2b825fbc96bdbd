// Print-grade output: margins an office printer can print, black-and-white safe cues,
// vector-only drawing, tick boxes a pen can hit, A3 type legible from across the room,
// and text that never overflows: too-long content stops the build, naming the line.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadContent } from '../src/documents/load.js';
import { documents, fileName } from '../src/app/documents.js';
import { renderTemplate } from '../src/layout/template.js';
import { renderPdf } from '../src/render/pdf.js';
import { shadeFor, shadeSteps } from '../src/render/blocks/table.js';
import { minBox, minMargin, mm, scaledStyle, typeStyles } from '../src/render/styles.js';
import { repoRoot, runMus, fixture } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';
import { inside, pageContents, renderPages, strokedRects, textRuns, type TextRun } from './helpers/raster.js';

const contentDir = join(repoRoot, 'content/da');
const expectedTally = JSON.parse(readFileSync(fixture('eksempel-svar.expected.json'), 'utf8')) as Record<
  'leaders' | 'employees',
  { statements: { counts: number[]; unanswered: number }[] }
>;
const bands = (parse(readFileSync(join(contentDir, 'skala.yaml'), 'utf8')) as { bands: { min: number; max: number }[] })
  .bands;
const sets = { blank: tempDir('mus-print-blank-'), filled: tempDir('mus-print-filled-') };
const pdfsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();

beforeAll(() => {
  for (const [name, args] of [
    ['blank', []],
    ['filled', ['--responses', fixture('eksempel-svar.yaml')]],
  ] as const) {
    const result = runMus(['build', ...args, '--out', sets[name]]);
    expect(result.stderr, name).toBe('');
    expect(result.code, name).toBe(0);
  }
}, 60_000);

/** Every PDF of both sets, as [label, path]. */
const allPdfs = () =>
  Object.entries(sets).flatMap(([set, dir]) => pdfsIn(dir).map((f) => [`${set}/${f}`, join(dir, f)] as const));

describe('paper and margins', () => {
  it('both sets hold every document of the material', () => {
    const names = loadContent(contentDir);
    for (const [set, dir] of Object.entries(sets)) {
      // The comparison poster is made only with answers from both groups.
      for (const spec of documents)
        if (set === 'filled' || !spec.notMade?.(undefined)) expect(pdfsIn(dir)).toContain(fileName(names, spec.id));
    }
    expect(pdfsIn(sets.blank)).not.toContain('resultatskema-sammenligning.pdf');
  });

  it('the type area keeps at least 10 mm from every edge', () => {
    for (const paper of ['A4', 'A3'] as const) expect(typeStyles[paper].margin).toBeGreaterThanOrEqual(minMargin);
  });

  it('every page is blank in the outer 10 mm (nothing drawn where a printer cannot print)', async () => {
    // The paper tests' registration marks and page code are the one exception: they sit
    // between 5 and 10 mm from the edge (a scan is read by them), checked below.
    const scale = 0.5;
    const band = Math.floor(minMargin * scale) - 1; // pixels, rounded inwards
    const edge = Math.floor(mm(5) * scale) - 1;
    for (const [label, file] of allPdfs()) {
      const test = /mus-test-/.test(file);
      const pages = await renderPages(readFileSync(file), scale, { gray: true });
      pages.forEach((page, p) => {
        const allowed = test
          ? registrationAreas(page.width / scale, page.height / scale).map((r) => r.map((v) => v * scale))
          : [];
        let inked = 0;
        let outside = 0;
        for (let y = 0; y < page.height; y++) {
          for (let x = 0; x < page.width; x++) {
            if (x >= band && x < page.width - band && y >= band && y < page.height - band) continue;
            if (page.data[(y * page.width + x) * 4] >= 250) continue;
            if (x < edge || x >= page.width - edge || y < edge || y >= page.height - edge) outside++;
            else if (!allowed.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1)) inked++;
          }
        }
        expect(outside, `${label} page ${p + 1}: pixels drawn in the outer 5 mm`).toBe(0);
        expect(inked, `${label} page ${p + 1}: pixels drawn in the outer 10 mm`).toBe(0);
      });
    }
  }, 120_000);
});

/** Where a test's corner marks and page code may ink (points: x0, y0, x1, y1, with 2 pt for anti-aliasing). */
function registrationAreas(width: number, height: number): number[][] {
  const mark = [mm(9) - 2, mm(13) + 2]; // 4 mm squares, 9 mm from the edges
  const qr = mm(10.5); // 21 modules of 0.5 mm, centred, 8 mm above the bottom edge
  return [
    [mark[0], mark[0], mark[1], mark[1]],
    [width - mark[1], mark[0], width - mark[0], mark[1]],
    [mark[0], height - mark[1], mark[1], height - mark[0]],
    [width - mark[1], height - mark[1], width - mark[0], height - mark[0]],
    [(width - qr) / 2 - 2, height - mm(8) - qr - 2, (width + qr) / 2 + 2, height - mm(8) + 2],
  ];
}

describe('vector drawing and black-and-white printing', () => {
  it('no raster images: lines, boxes, bars and shading are vector', () => {
    for (const [label, file] of allPdfs()) {
      const raw = readFileSync(file).toString('latin1');
      expect(raw, label).not.toMatch(/\/Subtype\s*\/Image/);
    }
  });

  it('every colour used is a grey: nothing relies on hue', async () => {
    for (const [label, file] of allPdfs()) {
      for (const content of await pageContents(readFileSync(file))) {
        for (const m of content.matchAll(/(?:^|\n)([\d.]+) ([\d.]+) ([\d.]+) (scn|SCN|rg|RG)\b/g)) {
          expect(m[1] === m[2] && m[2] === m[3], `${label}: colour ${m[0].trim()}`).toBe(true);
        }
      }
    }
  });

  it('shades for shares of the answers are clearly separate grey steps, darker for more', () => {
    const levels = shadeSteps.map((s) => s.level);
    for (let i = 1; i < levels.length; i++) expect(levels[i - 1] - levels[i]).toBeGreaterThanOrEqual(25);
    expect(shadeFor(0)).toBe('#ffffff');
    expect(shadeFor(1)).toBe(shadeFor(0.6));
    expect(levels[levels.length - 1]).toBeGreaterThanOrEqual(128); // black numbers stay readable on it
  });

  it('the pre-filled posters use several distinguishable greys behind the counts', async () => {
    const contents = await pageContents(readFileSync(join(sets.filled, 'resultatskema-medarbejder.pdf')));
    const greys = new Set<number>();
    for (const page of contents.slice(1)) {
      // Fills of single cells (narrower than a full-width header or theme row).
      for (const m of page.matchAll(/[\d.]+ [\d.]+ ([\d.]+) [\d.]+ re\n\/DeviceRGB cs\n([\d.]+) \2 \2 scn\nf\n/g)) {
        if (Number(m[1]) < 100) greys.add(Number(m[2]));
      }
    }
    const shades = [...greys].filter((g) => g < 1).sort();
    expect(shades.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...shades)).toBeGreaterThanOrEqual(0.5); // black numbers stay readable on them
    for (let i = 1; i < shades.length; i++) expect(shades[i] - shades[i - 1]).toBeGreaterThanOrEqual(0.09);
  });

  it('each count sits on its grey: the step for its share of the 9 employees, in its own row and column', async () => {
    // eksempel-svar.yaml has 9 employees; the steps start at 0 (white), above 0, 1/5, 2/5, 3/5.
    const greyOfCount = { 0: 255, 1: 230, 2: 204, 3: 204, 4: 174, 5: 174, 6: 142 };
    const bytes = readFileSync(join(sets.filled, 'resultatskema-medarbejder.pdf'));
    await expectCountsOnTheirGreys(bytes, expectedTally.employees.statements, greyOfCount);
  });

  it('a share of exactly 1/5, 2/5 or 3/5 takes the darker step (5 employees)', async () => {
    const answers = (k: number) => [
      ['Sjældent', 'Af og til', 'Af og til', 'Oftest', 'Oftest'][k],
      ['Aldrig', 'Aldrig', 'Altid', 'Altid', 'Altid'][k],
      ...Array(18).fill('Oftest'),
    ];
    const file = join(tempDir('mus-print-steps-'), 'svar.yaml');
    writeFileSync(file, `medarbejdere:\n${[0, 1, 2, 3, 4].map((k) => `  - [${answers(k).join(', ')}]\n`).join('')}`);
    const out = tempDir('mus-print-steps-out-');
    expect(runMus(['build', '--responses', file, '--out', out]).code).toBe(0);
    const statements = [
      { counts: [0, 1, 2, 2, 0], unanswered: 0 },
      { counts: [2, 0, 0, 0, 3], unanswered: 0 },
      ...Array(18).fill({ counts: [0, 0, 0, 5, 0], unanswered: 0 }),
    ];
    const greyOfCount = { 0: 255, 1: 204, 2: 174, 3: 142, 5: 142 };
    await expectCountsOnTheirGreys(readFileSync(join(out, 'resultatskema-medarbejder.pdf')), statements, greyOfCount);
  });

  it('the TENDENS frame is drawn around the row of the band with the most respondents, and only that row', async () => {
    const ranges = bands.map((b) => `${b.min}–${b.max}`);
    for (const [poster, tendency] of [
      ['resultatskema-leder.pdf', '81–100'], // 2 of 2 leaders
      ['resultatskema-medarbejder.pdf', '61–80'], // 5 of the 8 employees with every answer
    ] as const) {
      const bytes = readFileSync(join(sets.filled, poster));
      const [runs] = await textRuns(bytes);
      const frames = (await strokedRects(bytes))[0].filter((r) => r.lineWidth >= 3);
      expect(frames, poster).toHaveLength(1);
      const framed = runs.filter((r) => inside(r, frames[0])).map((r) => r.str);
      expect(framed, poster).toContain('TENDENS');
      expect(
        framed.filter((s) => ranges.includes(s)),
        poster,
      ).toEqual([tendency]);
      // The label sits in the frame, on the band's row.
      const label = runs.find((r) => r.str === 'TENDENS')!;
      const band = runs.find((r) => r.str === tendency)!;
      expect(Math.abs(label.y - band.y), poster).toBeLessThan(10);
    }
  });

  it('the five DIALOG frames are drawn around the rows of the five largest differences, each with its label', async () => {
    const bytes = readFileSync(join(sets.filled, 'resultatskema-sammenligning.pdf'));
    const [runs, rects] = [await textRuns(bytes), await strokedRects(bytes)];
    const framedStatements: number[] = [];
    let labels = 0;
    expect(runs[0].map((r) => r.str)).not.toContain('DIALOG');
    // Page 1 is step 1, whose heavy frames mark each group's tendency; the statements follow.
    for (const [p, page] of runs.entries()) {
      if (p === 0) continue;
      const frames = rects[p].filter((r) => r.lineWidth >= 3);
      for (const frame of frames) {
        const numbers = page.filter((r) => inside(r, frame) && /^\d+\.$/.test(r.str));
        expect(numbers, 'one statement in each frame').toHaveLength(1);
        framedStatements.push(Number.parseInt(numbers[0].str, 10));
        expect(page.filter((r) => inside(r, frame) && r.str === 'DIALOG')).toHaveLength(1);
      }
      const dialogue = page.filter((r) => r.str === 'DIALOG');
      for (const label of dialogue)
        expect(
          frames.some((f) => inside(label, f)),
          'a label outside the frames',
        ).toBe(true);
      labels += dialogue.length;
    }
    // Worked by hand in fixtures/eksempel-svar.comparison.yaml.
    expect(framedStatements.sort((a, b) => a - b)).toEqual([8, 10, 12, 13, 16]);
    expect(labels).toBe(5);
  });

  it('the tendency row is marked by a heavy frame and the label TENDENS, not by colour', async () => {
    for (const poster of ['resultatskema-leder.pdf', 'resultatskema-medarbejder.pdf']) {
      const bytes = readFileSync(join(sets.filled, poster));
      const [first] = await pageContents(bytes);
      expect(first, poster).toMatch(/\n4 w\n/);
      const pdf = await readPdf(join(sets.filled, poster));
      expect(pdf.pages[0].text, poster).toContain('TENDENS');
      const blank = await readPdf(join(sets.blank, poster));
      expect(blank.pages[0].text, poster).not.toContain('TENDENS');
    }
  });
});

describe('tick boxes', () => {
  it("the tests' tick boxes are at least 5 mm and all recorded for the fillable forms", async () => {
    const content = loadContent(contentDir);
    for (const spec of documents.filter((d) => d.template === 'test')) {
      const layout = await renderTemplate(spec.template, spec.view(content, undefined, {}));
      const { boxes } = await renderPdf(layout, {
        language: 'da-DK',
        author: 'test',
        date: new Date(0),
        name: fileName(content, spec.id),
      });
      expect(boxes).toHaveLength(content.numbered.length * content.scoring.scale.length);
      for (const box of boxes) {
        expect(box.size).toBeGreaterThanOrEqual(minBox);
        expect(box.name).toMatch(/^udsagn-\d+$/);
        expect(content.scoring.scale.map((c) => c.label)).toContain(box.value);
      }
    }
  });

  it("tick boxes keep their size when a page's type is shrunk to fit", () => {
    for (const paper of ['A4', 'A3'] as const) {
      const style = typeStyles[paper];
      expect(style.box).toBeGreaterThanOrEqual(minBox);
      expect(scaledStyle(style, style.minTableText / style.tableText).box).toBe(style.box);
    }
  });

  it("the checklist's tick boxes are drawn at least 5 mm wide", async () => {
    const contents = await pageContents(readFileSync(join(sets.blank, 'procesguide-tjekliste.pdf')));
    const squares = contents
      .flatMap((c) => [...c.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re\n\/DeviceRGB CS\n[^\n]+ SCN\nS\n/g)])
      .map((m) => [Number(m[3]), Number(m[4])])
      .filter(([w, h]) => Math.abs(w - h) < 0.01 && w < mm(20));
    expect(squares.length).toBeGreaterThan(20);
    for (const [w] of squares) expect(w + 1).toBeGreaterThanOrEqual(minBox); // outer edge: + line width
  });
});

describe('A3 posters are legible at 3 m', () => {
  const content = loadContent(contentDir);
  const statements = content.numbered.flatMap((s) => [s.leader, s.employee]);
  const isStatementLine = (run: TextRun) => run.str.length > 3 && statements.some((s) => s.includes(run.str.trim()));

  it.each(['blank', 'filled'] as const)(
    '%s: statements ≥ 14 pt, counts ≥ 20 pt, headings larger than statements',
    async (set) => {
      for (const poster of ['resultatskema-leder.pdf', 'resultatskema-medarbejder.pdf']) {
        const pages = await textRuns(readFileSync(join(sets[set], poster)));
        const runs = pages.flat();
        const statementRuns = runs.filter(isStatementLine);
        expect(statementRuns.length, poster).toBeGreaterThan(20);
        const statementSize = Math.min(...statementRuns.map((r) => r.size));
        expect(statementSize, poster).toBeGreaterThanOrEqual(14);
        for (const title of [content.resultSheet.step1.heading, content.resultSheet.step2.heading]) {
          const heading = runs.find((r) => r.str.startsWith(title.slice(0, 12)));
          expect(heading, title).toBeDefined();
          expect(heading!.size).toBeGreaterThan(statementSize * 1.2);
        }
        const counts = runs.filter((r) => /^\d+$/.test(r.str.trim()));
        if (set === 'filled') expect(counts.length, poster).toBeGreaterThan(20);
        for (const count of counts) expect(count.size, `${poster} count "${count.str}"`).toBeGreaterThanOrEqual(20);
      }
    },
  );

  it('the pre-filled posters print every count as a number', async () => {
    const text = flat((await readPdf(join(sets.filled, 'resultatskema-medarbejder.pdf'))).text);
    expect(text).toMatch(/MUS gennemføres \d+ \d+ \d+ \d+ \d+ \d+/);
  });
});

/** A copy of the Danish content with some files changed by `edit`. */
function contentWith(edits: Record<string, (text: string) => string>): string {
  const dir = join(tempDir('mus-long-'), 'da');
  cpSync(contentDir, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, `the edit of ${file} must change it`).not.toBe(before);
    writeFileSync(path, after);
  }
  return dir;
}

/** The 1-based line of the first occurrence of `needle` in a content file. */
const lineOf = (dir: string, file: string, needle: string) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

const statement4 = 'Jeg har forberedt mig efter et fælles MUS-koncept';
const band41 = 'Jeres MUS-proces kan blive bedre, så den skaber mere værdi.';
const repeat = (text: string, times: number) => Array.from({ length: times }, () => text).join(' ');

/** Builds into a folder that already holds an old PDF; returns the result and that folder. */
function buildInto(content: string) {
  const out = tempDir('mus-long-out-');
  writeFileSync(join(out, 'mus-test-leder.pdf'), 'old PDF');
  const result = runMus(['build', '--content', content, '--out', out]);
  return { ...result, out };
}

function expectNothingWritten(out: string) {
  expect(readdirSync(out)).toEqual(['mus-test-leder.pdf']);
  expect(readFileSync(join(out, 'mus-test-leder.pdf'), 'utf8')).toBe('old PDF');
}

describe('text never overflows: it wraps, shrinks within limits, or stops the build', () => {
  it('longer statements and band sentences still fit: wrapped and shrunk, A4 tests on 2 pages, A3 statements ≥ 14 pt', async () => {
    const dir = contentWith({
      'udsagn.yaml': (t) =>
        t.replace(
          `leader: ${statement4}`,
          `leader: ${statement4}, så jeg kender rammerne, formålet med samtalen og de spørgsmål, vi skal tale om`,
        ),
      'skala.yaml': (t) =>
        t.replace(
          `sentence: ${band41}`,
          `sentence: ${band41.slice(0, -1)}, hvis I giver den tid, forberedelse og opfølgning i hverdagen.`,
        ),
    });
    const { code, stderr, out } = buildInto(dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const test = await readPdf(join(out, 'mus-test-leder.pdf'));
    expect(test.pages.length).toBe(2);
    expect(flat(test.text)).toContain('så jeg kender rammerne, formålet med samtalen');
    const runs = (await textRuns(readFileSync(join(out, 'resultatskema-leder.pdf')))).flat();
    const lines = runs.filter((r) => r.str.includes('kender rammerne') || r.str.includes('opfølgning'));
    expect(lines.length).toBe(2);
    for (const line of lines) expect(line.size).toBeGreaterThanOrEqual(14);
  });

  it('a very long statement stops the build: file, line and statement named, exit 1, nothing written', () => {
    const dir = contentWith({
      'udsagn.yaml': (t) => t.replace(`leader: ${statement4}`, `leader: ${repeat(statement4, 14)}`),
    });
    const { code, stderr, out } = buildInto(dir);
    expect(code).toBe(1);
    const line = lineOf(dir, 'udsagn.yaml', `leader: ${statement4} ${statement4}`);
    expect(stderr.trim()).toBe(
      `${join(dir, 'udsagn.yaml')}:${line} statement 4 "${statement4.slice(0, 39)}…": is too long for the A3 sheet (page 2 of resultatskema-leder.pdf) even at the smallest type (14 pt); shorten it`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expectNothingWritten(out);
  });

  it('a very long band sentence stops the build naming the band', () => {
    const dir = contentWith({
      'skala.yaml': (t) => t.replace(`sentence: ${band41}`, `sentence: ${repeat(band41, 40)}`),
    });
    const { code, stderr, out } = buildInto(dir);
    expect(code).toBe(1);
    const line = lineOf(dir, 'skala.yaml', `sentence: ${band41} ${band41}`);
    expect(stderr).toMatch(
      new RegExp(
        `^${join(dir, 'skala.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line} band 41–60: is too long for the A4 sheet \\(page 2 of mus-test-leder\\.pdf\\)`,
      ),
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expectNothingWritten(out);
  });

  it('a single word too wide for its column stops the build instead of being cut', () => {
    const word = 'Medarbejderudviklingssamtalekompetenceudviklingsforløbsplanlægningsværktøjsgennemgang';
    const dir = contentWith({ 'udsagn.yaml': (t) => t.replace(`leader: ${statement4}`, `leader: ${word}${word}`) });
    const { code, stderr, out } = buildInto(dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/udsagn\.yaml:\d+ statement 4 ".*": is too long for the A\d sheet/);
    expectNothingWritten(out);
  });

  it('a checklist paragraph longer than a page stops the build quoting its start', () => {
    const first = 'Vi anbefaler først og fremmest';
    const dir = contentWith({
      'procesguide.yaml': (t) =>
        t.replace(
          /^(\s+- )(Vi anbefaler først og fremmest.*)$/m,
          (_, dash: string, text: string) => `${dash}${repeat(text, 30)}`,
        ),
    });
    const { code, stderr, out } = buildInto(dir);
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      new RegExp(`^procesguide-tjekliste\\.pdf: the text "${first}.*…" is too long for one A4 page; shorten it$`),
    );
    expectNothingWritten(out);
  });

  it('a stale temp file is not left behind by a failed build', () => {
    const dir = contentWith({
      'udsagn.yaml': (t) => t.replace(`leader: ${statement4}`, `leader: ${repeat(statement4, 14)}`),
    });
    const { out } = buildInto(dir);
    expect(readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(existsSync(join(out, 'resultatskema-leder.pdf'))).toBe(false);
  });
});

/**
 * Finds each statement's row on a pre-filled group poster by its number, checks the counts
 * printed level with it, and samples the cell just left of each count: its grey must be the
 * one `greyOfCount` gives for that count.
 */
async function expectCountsOnTheirGreys(
  bytes: Uint8Array,
  statements: { counts: number[]; unanswered: number }[],
  greyOfCount: Record<number, number>,
): Promise<void> {
  const [runs, images] = [await textRuns(bytes), await renderPages(bytes, 1, { gray: true })];
  const found = new Set<number>();
  for (const [p, page] of runs.entries()) {
    for (const number of page.filter((r) => /^\d+\.$/.test(r.str))) {
      const n = Number.parseInt(number.str, 10);
      const counts = page
        .filter((r) => r.x > number.x + 200 && Math.abs(r.y - number.y) < 8 && /^\d+$/.test(r.str))
        .sort((a, b) => a.x - b.x);
      expect(
        counts.map((r) => Number(r.str)),
        `statement ${n}`,
      ).toEqual([...statements[n - 1].counts, statements[n - 1].unanswered]);
      for (const [c, count] of statements[n - 1].counts.entries()) {
        const run = counts[c];
        const [x, y] = [Math.round(run.x - 5), Math.round(run.y - run.size * 0.35)];
        const grey = images[p].data[(y * images[p].width + x) * 4];
        const where = `statement ${n}, category ${c + 1}: ${count}`;
        expect(grey, where).toBeGreaterThanOrEqual(greyOfCount[count] - 2);
        expect(grey, where).toBeLessThanOrEqual(greyOfCount[count] + 2);
      }
      found.add(n);
    }
  }
  expect(found.size).toBe(20);
}

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
import { repoRoot, runMus, fixture, fewLeadersNotice } from './helpers/cli.js';
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
    // eksempel-svar.yaml has two leaders: the small-group notice is the one line expected
    expect(result.stderr, name).toBe(name === 'filled' ? fewLeadersNotice(2) : '');
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
    // The paper tests' corner marks and page code too: a scan must find them on a skewed copy.
    const scale = 0.5;
    const band = Math.floor(minMargin * scale) - 1; // pixels, rounded inwards
    const edge = Math.floor(mm(5) * scale) - 1;
    for (const [label, file] of allPdfs()) {
      const pages = await renderPages(readFileSync(file), scale, { gray: true });
      pages.forEach((page, p) => {
        let inked = 0;
        let outside = 0;
        for (let y = 0; y < page.height; y++) {
          for (let x = 0; x < page.width; x++) {
            if (x >= band && x < page.width - band && y >= band && y < page.height - band) continue;
            if (page.data[(y * page.width + x) * 4] >= 250) continue;
            if (x < edge || x >= page.width - edge || y < edge || y >= page.height - edge) outside++;
            else inked++;
          }
        }
        expect(outside, `${label} page ${p + 1}: pixels drawn in the outer 5 mm`).toBe(0);
        expect(inked, `${label} page ${p + 1}: pixels drawn in the outer 10 mm`).toBe(0);
      });
    }
  }, 120_000);
});

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

  it("each count of a statement's bar sits on its category's grey, the categories nobody chose left out (9 employees)", async () => {
    const bytes = readFileSync(join(sets.filled, 'resultatskema-medarbejder.pdf'));
    await expectCountsOnTheirGreys(bytes, expectedTally.employees.statements);
  });

  it('the most-answered category of each statement is framed heavily, each of them when tied (5 employees)', async () => {
    const answers = (k: number) => [
      ['Sjældent', 'Af og til', 'Af og til', 'Oftest', 'Oftest'][k],
      ['Aldrig', 'Aldrig', 'Altid', 'Altid', 'Altid'][k],
      ...Array(18).fill('Oftest'),
    ];
    const file = join(tempDir('mus-print-steps-'), 'svar.yaml');
    writeFileSync(file, `medarbejdere:\n${[0, 1, 2, 3, 4].map((k) => `  - [${answers(k).join(', ')}]\n`).join('')}`);
    const out = tempDir('mus-print-steps-out-');
    expect(runMus(['build', '--responses', file, '--out', out]).code).toBe(0);
    const bytes = readFileSync(join(out, 'resultatskema-medarbejder.pdf'));
    const statements = [
      { counts: [0, 1, 2, 2, 0], unanswered: 0 },
      { counts: [2, 0, 0, 0, 3], unanswered: 0 },
      ...Array(18).fill({ counts: [0, 0, 0, 5, 0], unanswered: 0 }),
    ];
    await expectCountsOnTheirGreys(bytes, statements);
    const framed = await framedCounts(bytes);
    // Worked by hand: statement 1 has two categories with 2 answers, statement 2 one with 3.
    expect(framed.get(1)).toEqual(['2', '2']);
    expect(framed.get(2)).toEqual(['3']);
    for (let n = 3; n <= 20; n++) expect(framed.get(n), `statement ${n}`).toEqual(['5']);
  });

  it("on the 9 employees' poster, the framed counts are each statement's largest", async () => {
    const framed = await framedCounts(readFileSync(join(sets.filled, 'resultatskema-medarbejder.pdf')));
    expect(framed.size).toBe(20);
    for (const [n, counts] of framed) {
      const { counts: all } = expectedTally.employees.statements[n - 1];
      const most = Math.max(...all);
      expect(counts, `statement ${n}`).toEqual(all.filter((c) => c === most).map(String));
    }
  });

  it('the TENDENS frame is drawn around the column of the band with the most respondents, and only that one', async () => {
    const ranges = bands.map((b) => `${b.min}–${b.max}`);
    const rangeOf = (run: TextRun) => ranges.find((r) => run.str === r || run.str.startsWith(`${r} `));
    for (const [poster, tendency, count] of [
      ['resultatskema-leder.pdf', '81–100', '2'], // 2 of 2 leaders
      ['resultatskema-medarbejder.pdf', '61–80', '5'], // 5 of the 8 employees with every answer
    ] as const) {
      const bytes = readFileSync(join(sets.filled, poster));
      const [runs] = await textRuns(bytes);
      // The heavy frames of step 1 (step 2's frame each statement's most-answered count).
      const frames = (await strokedRects(bytes))[0].filter(
        (r) => r.lineWidth >= 3 && runs.some((run) => inside(run, r) && rangeOf(run)),
      );
      expect(frames, poster).toHaveLength(1);
      const framed = runs.filter((r) => inside(r, frames[0]));
      expect(framed.map(rangeOf).filter(Boolean), poster).toEqual([tendency]);
      expect(framed.map((r) => r.str).join(' '), poster).toContain('TENDENS');
      // The band's count is in the frame too, and is the only count there.
      expect(
        framed.filter((r) => /^\d+$/.test(r.str)).map((r) => r.str),
        poster,
      ).toEqual([count]);
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
  // The blank grid prints each group's wording, the pre-filled sheet the neutral short labels.
  const shorts = content.numbered.map((s) => s.short!);
  const isStatementLine = (run: TextRun) =>
    run.str.length > 3 && [...statements, ...shorts].some((s) => s.includes(run.str.trim()));

  it.each(['blank', 'filled'] as const)(
    '%s: statements ≥ 14 pt, counts ≥ 20 pt, headings larger than statements',
    async (set) => {
      for (const poster of ['resultatskema-leder.pdf', 'resultatskema-medarbejder.pdf']) {
        const pages = await textRuns(readFileSync(join(sets[set], poster)));
        const runs = pages.flat();
        const statementRuns = runs.filter(isStatementLine);
        expect(statementRuns.length, poster).toBeGreaterThanOrEqual(20); // one line per statement at least
        const statementSize = Math.min(...statementRuns.map((r) => r.size));
        expect(statementSize, poster).toBeGreaterThanOrEqual(14);
        for (const title of [content.resultSheet.step1.heading, content.resultSheet.step2.heading]) {
          const heading = runs.find((r) => r.str.startsWith(title.slice(0, 12)));
          expect(heading, title).toBeDefined();
          expect(heading!.size).toBeGreaterThan(statementSize * 1.2);
        }
        // The pre-filled sheet's unanswered column is quieter, at the statements' size.
        const unanswered = runs.find((r) => r.str.trim() === content.resultSheet.step2.unansweredColumn);
        const inUnanswered = (r: TextRun) => set === 'filled' && r.x >= unanswered!.x - 10;
        if (set === 'filled') expect(unanswered, poster).toBeDefined();
        const counts = runs.filter((r) => /^\d+$/.test(r.str.trim()) && !inUnanswered(r));
        if (set === 'filled') expect(counts.length, poster).toBeGreaterThan(20);
        for (const r of runs.filter((r) => /^\d+$/.test(r.str.trim()) && inUnanswered(r)))
          expect(r.size, poster).toBeGreaterThanOrEqual(14);
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
      `${join(dir, 'udsagn.yaml')}:${line} statement 4 "${statement4.slice(0, 39)}…": is too long for the A4 sheet (page 1 of mus-test-leder.pdf) even at the smallest type (8.5 pt); shorten it`,
    ); // the test's statement rows are all as tall as the tallest, so the test is the first to overflow
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

/** The greys of the answer categories in the bars, lightest (Aldrig) to darkest (Altid), as 0–255. */
const categoryLevels = [242, 198, 153, 109, 64];

/** The runs printed level with each statement's number on a pre-filled group poster, left to right. */
async function countsByStatement(bytes: Uint8Array) {
  const rows = new Map<number, { page: number; counts: TextRun[] }>();
  for (const [p, page] of (await textRuns(bytes)).entries()) {
    for (const number of page.filter((r) => /^\d+\.$/.test(r.str))) {
      const counts = page
        .filter((r) => r.x > number.x + 200 && Math.abs(r.y - number.y) < 8 && /^\d+$/.test(r.str))
        .sort((a, b) => a.x - b.x);
      rows.set(Number.parseInt(number.str, 10), { page: p, counts });
    }
  }
  return rows;
}

/**
 * Checks each statement's counts (the chosen categories, then the unanswered) and samples the
 * bar just left of each count: its grey must be its category's.
 */
async function expectCountsOnTheirGreys(
  bytes: Uint8Array,
  statements: { counts: number[]; unanswered: number }[],
): Promise<void> {
  const [rows, images] = [await countsByStatement(bytes), await renderPages(bytes, 1, { gray: true })];
  expect(rows.size).toBe(20);
  for (const [n, { page, counts }] of rows) {
    const { counts: expected, unanswered } = statements[n - 1];
    const chosen = expected.flatMap((count, c) => (count > 0 ? [{ count, c }] : []));
    expect(
      counts.map((r) => Number(r.str)),
      `statement ${n}`,
    ).toEqual([...chosen.map((k) => k.count), unanswered]);
    for (const [i, { count, c }] of chosen.entries()) {
      const run = counts[i];
      // Left of the digits, inside the segment's padding: clear of the frame and the seam.
      const [x, y] = [Math.round(run.x - 4), Math.round(run.y - run.size * 0.35)];
      const grey = images[page].data[(y * images[page].width + x) * 4];
      const where = `statement ${n}, category ${c + 1}: ${count}`;
      expect(grey, where).toBeGreaterThanOrEqual(categoryLevels[c] - 3);
      expect(grey, where).toBeLessThanOrEqual(categoryLevels[c] + 3);
    }
  }
}

/** Per statement, the counts inside a heavy frame (the tendency's frame in step 1 left out). */
async function framedCounts(bytes: Uint8Array): Promise<Map<number, string[]>> {
  const [rows, rects] = [await countsByStatement(bytes), await strokedRects(bytes)];
  const framed = new Map<number, string[]>();
  for (const [n, { page, counts }] of rows) {
    const frames = rects[page].filter((r) => r.lineWidth >= 3);
    framed.set(
      n,
      counts.filter((run) => frames.some((f) => inside(run, f))).map((run) => run.str),
    );
  }
  return framed;
}

// Accessibility (PDF/UA-oriented): every PDF is tagged with a real structure that a screen
// reader can follow: title and language, headings, tables with header cells, lists,
// decoration as artifacts, and a reading order that follows the page.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFObject,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { repoRoot, runMus, fixture, fewLeadersNotice } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';
import { pageContents } from './helpers/raster.js';

const content = loadContent(join(repoRoot, 'content/da'));
const expected = JSON.parse(readFileSync(fixture('eksempel-svar.expected.json'), 'utf8')) as Record<
  'leaders' | 'employees',
  { statements: { counts: number[]; unanswered: number }[] }
>;
const sets = { blank: tempDir('mus-a11y-blank-'), filled: tempDir('mus-a11y-filled-') };

/** A structure element as read back from the file. */
interface Element {
  type: string;
  attributes: Record<string, string>;
  title?: string;
  children: Element[];
  /** Marked content of this element itself: page index and MCID. */
  content: { page: number; mcid: number }[];
}

interface Tagged {
  pdf: PDFDocument;
  root: Element;
  catalog: PDFDict;
}

const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);
const text = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

async function readTagged(file: string): Promise<Tagged> {
  const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const { context } = pdf;
  const pageIndex = new Map(pdf.getPages().map((p, i) => [p.ref.toString(), i]));
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? context.lookup(o) : o);

  function element(dict: PDFDict): Element {
    const A = lookup(dict.get(PDFName.of('A')));
    const attributes: Record<string, string> = {};
    if (A instanceof PDFDict) {
      for (const [key, value] of A.entries())
        attributes[key.decodeText()] =
          name(value) ?? (value instanceof PDFNumber ? String(value.asNumber()) : String(value));
    }
    const el: Element = {
      type: name(dict.get(PDFName.of('S'))) ?? '?',
      attributes,
      title: text(lookup(dict.get(PDFName.of('T')))),
      children: [],
      content: [],
    };
    const pg = dict.get(PDFName.of('Pg'));
    const page = pg ? (pageIndex.get(pg.toString()) ?? -1) : -1;
    const kids = lookup(dict.get(PDFName.of('K')));
    const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [kids];
    for (const kid of list) {
      const k = lookup(kid);
      if (k instanceof PDFNumber) el.content.push({ page, mcid: k.asNumber() });
      else if (k instanceof PDFDict && name(k.get(PDFName.of('Type'))) === 'MCR') {
        const mcrPage = pageIndex.get(String(k.get(PDFName.of('Pg')))) ?? page;
        el.content.push({ page: mcrPage, mcid: (k.get(PDFName.of('MCID')) as PDFNumber).asNumber() });
      } else if (k instanceof PDFDict && k.has(PDFName.of('S'))) el.children.push(element(k));
    }
    return el;
  }

  const catalog = pdf.catalog;
  const treeRoot = lookup(catalog.get(PDFName.of('StructTreeRoot')));
  expect(treeRoot, `${file}: StructTreeRoot`).toBeInstanceOf(PDFDict);
  const top = lookup((treeRoot as PDFDict).get(PDFName.of('K')));
  const first = top instanceof PDFArray ? lookup(top.get(0)) : top;
  expect(first, `${file}: the structure tree has a root element`).toBeInstanceOf(PDFDict);
  return { pdf, root: element(first as PDFDict), catalog };
}

/** Every element below `el`, depth first (document order). */
const descendants = (el: Element): Element[] => el.children.flatMap((c) => [c, ...descendants(c)]);
const contentOf = (el: Element): { page: number; mcid: number }[] => [...el.content, ...el.children.flatMap(contentOf)];

const files = () =>
  Object.entries(sets).flatMap(([set, dir]) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.pdf'))
      .sort()
      .map((f) => ({ label: `${set}/${f}`, file: join(dir, f), doc: f })),
  );

const tagged = new Map<string, Tagged>();

beforeAll(async () => {
  for (const [set, args] of [
    ['blank', []],
    ['filled', ['--responses', fixture('eksempel-svar.yaml')]],
  ] as const) {
    const result = runMus(['build', ...args, '--out', sets[set]]);
    // eksempel-svar.yaml has two leaders: the small-group notice is the one line expected
    expect(result.stderr, set).toBe(set === 'filled' ? fewLeadersNotice(2) : '');
    expect(result.code, set).toBe(0);
  }
  for (const { label, file } of files()) tagged.set(label, await readTagged(file));
}, 60_000);

describe('document-level accessibility metadata', () => {
  it('every PDF: title shown in the window title, language da-DK, marked as tagged, PDF/UA identified', async () => {
    for (const { label, file } of files()) {
      const { catalog, pdf } = tagged.get(label)!;
      const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? pdf.context.lookup(o) : o);
      expect(text(catalog.get(PDFName.of('Lang'))), label).toBe('da-DK');
      const markInfo = lookup(catalog.get(PDFName.of('MarkInfo'))) as PDFDict;
      expect(String(markInfo.get(PDFName.of('Marked'))), label).toBe('true');
      const prefs = lookup(catalog.get(PDFName.of('ViewerPreferences'))) as PDFDict;
      expect(String(prefs.get(PDFName.of('DisplayDocTitle'))), label).toBe('true');
      const title = pdf.getTitle();
      expect(title, label).toBeTruthy();
      const xmp = readFileSync(file).toString('utf8');
      expect(xmp, label).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(xmp, label).toContain(`<rdf:li xml:lang="x-default">${title}</rdf:li>`);
    }
  });

  it('a title with & and < in the content still gives valid XMP metadata and the exact title', async () => {
    const dir = join(tempDir('mus-a11y-content-'), 'da');
    cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
    const file = join(dir, 'procesguide.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Procesguide & tjekliste <A4>"'));
    const out = tempDir('mus-a11y-out-');
    const result = runMus(['build', '--content', dir, '--out', out]);
    expect(result.stderr).toBe('');
    const bytes = readFileSync(join(out, 'procesguide-tjekliste.pdf'));
    expect(bytes.toString('utf8')).toContain(
      '<rdf:li xml:lang="x-default">Procesguide &amp; tjekliste &lt;A4&gt;</rdf:li>',
    );
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('Procesguide & tjekliste <A4>');
  });

  it('every font is embedded, subset, and maps back to Unicode (text extracts correctly)', async () => {
    for (const { label } of files()) {
      const { pdf } = tagged.get(label)!;
      const fonts = pdf.context
        .enumerateIndirectObjects()
        .map(([, o]) => o)
        .filter(
          (o): o is PDFDict =>
            o instanceof PDFDict &&
            name(o.get(PDFName.of('Type'))) === 'Font' &&
            name(o.get(PDFName.of('Subtype'))) === 'Type0',
        );
      expect(fonts.length, label).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(name(font.get(PDFName.of('BaseFont'))), label).toMatch(/^[A-Z]{6}\+SourceSans3-/);
        expect(font.has(PDFName.of('ToUnicode')), label).toBe(true);
      }
    }
  });
});

describe('structure tree', () => {
  it('every PDF: a Document element whose first child is the H1 title; headings never skip a level', () => {
    for (const { label } of files()) {
      const { root } = tagged.get(label)!;
      expect(root.type, label).toBe('Document');
      expect(root.children[0]?.type, label).toBe('H1');
      let deepest = 0;
      for (const el of descendants(root).filter((e) => /^H\d$/.test(e.type))) {
        const level = Number(el.type.slice(1));
        expect(level, `${label}: ${el.type} after H${deepest}`).toBeLessThanOrEqual(deepest + 1);
        deepest = level;
      }
    }
  });

  it('every PDF: reading order follows the page: marked content in tree order is in page and drawing order', () => {
    for (const { label } of files()) {
      const { root, pdf } = tagged.get(label)!;
      const order = contentOf(root);
      expect(order.length, label).toBeGreaterThan(10);
      for (let i = 1; i < order.length; i++) {
        const [a, b] = [order[i - 1], order[i]];
        const inOrder = b.page > a.page || (b.page === a.page && b.mcid > a.mcid);
        expect(
          inOrder,
          `${label}: MCID ${b.mcid} on page ${b.page + 1} comes after MCID ${a.mcid} on page ${a.page + 1}`,
        ).toBe(true);
      }
      // Every page's content is reached from the tree, pages in order.
      expect(new Set(order.map((c) => c.page)).size, label).toBe(pdf.getPageCount());
      expect(order[0].page, label).toBe(0);
    }
  });

  it('every PDF: all drawing is tagged content or an artifact (nothing unmarked)', async () => {
    for (const { label, file } of files()) {
      const pages = await pageContents(readFileSync(file));
      pages.forEach((stream, p) => {
        let depth = 0;
        const mcids: number[] = [];
        for (const line of stream.split('\n')) {
          if (/\bBDC$|\bBMC$/.test(line)) depth++;
          else if (line === 'EMC') depth--;
          else if (
            depth === 0 &&
            (line === 'BT' || / re$/.test(line) || /^[fSsBb]\*?$/.test(line) || / [lc]$/.test(line))
          ) {
            throw new Error(`${label} page ${p + 1}: "${line}" drawn outside marked content`);
          }
          const mcid = /^\/MCID (\d+)$/.exec(line);
          if (mcid) mcids.push(Number(mcid[1]));
        }
        expect(depth, `${label} page ${p + 1}: marked content balanced`).toBe(0);
        expect(mcids, `${label} page ${p + 1}: MCIDs in drawing order`).toEqual(mcids.map((_, i) => i));
      });
    }
  });

  it('the tests: statements as a table with column headers and a row header per statement', () => {
    for (const doc of ['mus-test-leder.pdf', 'mus-test-medarbejder.pdf']) {
      const { root } = tagged.get(`blank/${doc}`)!;
      const tables = root.children.filter((e) => e.type === 'Table');
      const statementTables = tables.slice(0, content.statements.themes.length);
      let statements = 0;
      statementTables.forEach((table, t) => {
        expect(
          table.children.every((tr) => tr.type === 'TR'),
          doc,
        ).toBe(true);
        // The theme's own row (one header cell across the table), then the column headers.
        const [title, header, ...rows] = table.children;
        expect(title.children.map((c) => c.type)).toEqual(['TH']);
        expect(
          header.children.map((c) => c.type),
          doc,
        ).toEqual(Array(2 + content.scoring.scale.length).fill('TH'));
        for (const th of header.children) expect(th.attributes.Scope).toBe('Column');
        expect(rows).toHaveLength(content.statements.themes[t].statements.length);
        for (const row of rows) {
          expect(row.children.map((c) => c.type)).toEqual(['TD', 'TH', ...content.scoring.scale.map(() => 'TD')]);
          expect(row.children[1].attributes.Scope).toBe('Row');
          statements++;
        }
      });
      expect(statements).toBe(content.numbered.length);
      expect(tables.length, `${doc}: statements, RESULTAT and the bands`).toBe(content.statements.themes.length + 2);
      // The steps of the instructions are a numbered list.
      const list = root.children.find((e) => e.type === 'L')!;
      expect(list.children.map((li) => li.type)).toEqual(content.test.leader.steps.map(() => 'LI'));
      for (const li of list.children) expect(li.children.map((c) => c.type)).toEqual(['Lbl', 'LBody']);
    }
  });

  it('the posters: H1 and H2 headings, band table and statement tables with theme rows spanning the table', () => {
    const bandCount = content.scoring.bands.length;
    for (const set of ['blank', 'filled'] as const) {
      for (const doc of ['resultatskema-leder.pdf', 'resultatskema-medarbejder.pdf']) {
        const label = `${set}/${doc}`;
        const { root } = tagged.get(label)!;
        const types = root.children.map((e) => e.type);
        expect(types.filter((t) => t === 'H2').length, label).toBeGreaterThanOrEqual(2);
        const tables = root.children.filter((e) => e.type === 'Table');
        expect(tables.length).toBeGreaterThanOrEqual(2);
        const [bands, ...statements] = tables;
        if (set === 'blank') {
          // A row per band to write in: the band (TH, Scope Row), its sentence, the count.
          expect(bands.children, label).toHaveLength(1 + bandCount);
          expect(bands.children[1].children[0]).toMatchObject({ type: 'TH', attributes: { Scope: 'Row' } });
        } else {
          // The bands side by side: a column per band (TH, Scope Column), a row of sentences, a row of counts.
          expect(bands.children, label).toHaveLength(3);
          expect(bands.children[0].children.map((c) => [c.type, c.attributes.Scope])).toEqual(
            Array(bandCount).fill(['TH', 'Column']),
          );
          for (const row of bands.children.slice(1))
            expect(row.children.map((c) => c.type)).toEqual(Array(bandCount).fill('TD'));
        }
        const themeRows = statements.flatMap((t) => t.children).filter((tr) => tr.children.length === 1);
        expect(themeRows).toHaveLength(content.statements.themes.length);
        for (const tr of themeRows)
          expect(tr.children[0]).toMatchObject({
            type: 'TH',
            attributes: { Scope: 'Column', ColSpan: expect.any(String) },
          });
        // The blank grid's row starts with the number cell (TD), the statement (TH) after it; the
        // pre-filled poster's row header holds both, its bar's counts follow in one TD.
        const header = set === 'blank' ? 1 : 0;
        const statementRows = statements
          .flatMap((t) => t.children)
          .filter((tr) => tr.children[header]?.attributes.Scope === 'Row');
        expect(statementRows, label).toHaveLength(content.numbered.length);
      }
    }
  });

  it("the pre-filled poster: the TENDENS label is read in its band's column header, the header of its count", async () => {
    const { root } = tagged.get('filled/resultatskema-medarbejder.pdf')!;
    const bands = root.children.find((e) => e.type === 'Table')!;
    expect(bands.children[0].children.every((th) => th.type === 'TH')).toBe(true);
    const text = flat((await readPdf(join(sets.filled, 'resultatskema-medarbejder.pdf'))).text);
    // 61–80: 5 of the 8 employees with every answer; only that header says TENDENS.
    expect(text).toContain(`61–80 ${content.resultSheet.step1.tendencyLabel}`);
    expect(text.split(content.resultSheet.step1.tendencyLabel)).toHaveLength(3); // the header and the intro's key
  });

  it('the checklist: lists of items with tick boxes as artifacts, and headings down to H4 for the steps', () => {
    const { root } = tagged.get('blank/procesguide-tjekliste.pdf')!;
    const types = descendants(root).map((e) => e.type);
    for (const type of ['H1', 'H2', 'H3', 'H4', 'L', 'LI', 'LBody', 'P']) expect(types, type).toContain(type);
    for (const list of root.children.filter((e) => e.type === 'L')) {
      for (const li of list.children) {
        expect(li.type).toBe('LI');
        expect(li.children.map((c) => c.type).at(-1)).toBe('LBody');
      }
    }
  });
});

describe('extracted text', () => {
  /** Asserts that each string occurs in the text, in this order. */
  function expectInOrder(text: string, parts: string[], label: string) {
    let at = -1;
    for (const part of parts) {
      const next = text.indexOf(part, at + 1);
      expect(next, `${label}: "${part}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
  }

  it('the tests read in page order: title, instructions, statements 1–20, RESULTAT, the bands', async () => {
    for (const [doc, group] of [
      ['mus-test-leder.pdf', 'leader'],
      ['mus-test-medarbejder.pdf', 'employee'],
    ] as const) {
      const text = flat((await readPdf(join(sets.blank, doc))).text);
      const texts = content.test[group];
      expectInOrder(
        text,
        [
          texts.title,
          texts.subtitle,
          ...texts.steps.map((s) => s.slice(0, 30)),
          ...content.numbered.map((s) => `${s.n}. ${s[group]}`),
          content.test.result.title,
          ...content.scoring.bands.map((b) => b.sentence),
        ],
        doc,
      );
    }
  });

  it('the posters read bands then statements in order, with their counts after them', async () => {
    for (const [doc, group] of [
      ['resultatskema-leder.pdf', 'leader'],
      ['resultatskema-medarbejder.pdf', 'employee'],
    ] as const) {
      const text = flat((await readPdf(join(sets.filled, doc))).text);
      expectInOrder(
        text,
        [
          content.resultSheet[group].title,
          content.resultSheet.step1.heading,
          ...content.scoring.bands.map((b) => b.sentence),
          content.resultSheet.step2.heading,
          // Each statement's neutral label, then its bar's counts (categories nobody chose have
          // no segment) and the unanswered, as tallied by hand in eksempel-svar.expected.json.
          ...content.numbered.flatMap((s) => {
            const { counts, unanswered } = expected[group === 'leader' ? 'leaders' : 'employees'].statements[s.n - 1];
            return [`${s.n}. ${s.short!}`, `${[...counts.filter((c) => c > 0), unanswered].join(' ')}`];
          }),
        ],
        doc,
      );
    }
  });

  it('the checklist reads each approach as FØR, UNDER, EFTER with æ, ø and å intact', async () => {
    const text = flat((await readPdf(join(sets.blank, 'procesguide-tjekliste.pdf'))).text);
    const guide = content.checklist;
    expectInOrder(
      text,
      [
        guide.title,
        ...guide.approaches.flatMap((a) => [
          a.title,
          ...a.phases.flatMap((p) => [p.name, ...p.steps.map((s) => s.title)]),
        ]),
        guide.toolsToBring.heading,
        guide.calculation.heading,
        guide.dialogue.heading,
      ],
      'procesguide-tjekliste.pdf',
    );
    for (const word of ['FØR', 'Præsentér', 'Spørgsmål', 'Drøftelser', 'Værdien', 'på']) expect(text).toContain(word);
  });
});

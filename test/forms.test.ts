// The fillable tests, in process: the form fields pdf-lib adds over pdfkit's tick boxes, the
// identity the files carry, and reading returned files back (filled with pdf-lib, like a reader).
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, type PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderAll, renderDocumentPdf } from '../src/app/build.js';
import { loadContent } from '../src/documents/load.js';
import type { Content, Group } from '../src/content/model.js';
import { documents } from '../src/app/documents.js';
import { UserError } from '../src/errors.js';
import { makeFillable } from '../src/forms/fillable.js';
import { formIdentity } from '../src/content/form-identity.js';
import { readReturnedForm } from '../src/responses/readers/returned-form.js';
import { buildDate } from '../src/output.js';
import type { RenderedPdf } from '../src/render/pdf.js';
import { fillForm, knownAnswers } from './fixtures/forms/fill.js';
import { repoRoot } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const content = loadContent(join(repoRoot, 'content/da'));
const labels = content.scoring.scale.map((c) => c.label);
const files: Record<Group, string> = {
  leader: 'mus-test-leder-udfyldelig.pdf',
  employee: 'mus-test-medarbejder-udfyldelig.pdf',
};
const rendered = {} as Record<Group, RenderedPdf>;
const fillable = {} as Record<Group, Uint8Array>;

beforeAll(async () => {
  for (const group of ['leader', 'employee'] as const) {
    const spec = documents.find((d) => d.fillable?.group === group)!;
    expect(content.meta.files[spec.fillable!.id]).toBe(files[group]);
    rendered[group] = await renderDocumentPdf(spec, content, {}, true);
    fillable[group] = await makeFillable(rendered[group], { content, group });
  }
}, 60_000);

/** The statements hash worked out from the content files themselves, as the form's identity describes it. */
function hashOfContentFiles(group: Group): string {
  const read = (file: string) => parse(readFileSync(join(repoRoot, 'content/da', file), 'utf8'));
  const scale = (read('skala.yaml') as { scale: { label: string }[] }).scale.map((c) => c.label);
  const themes = (read('udsagn.yaml') as { themes: { statements: Record<Group, string>[] }[] }).themes;
  const statements = themes.flatMap((t) => t.statements.map((s) => s[group]));
  return createHash('sha256').update(JSON.stringify({ scale, statements })).digest('hex').slice(0, 16);
}

const name = (value: unknown) => (value instanceof PDFName ? value.decodeText() : undefined);
const keys = (dict: PDFDict) => dict.keys().map((k) => k.decodeText());

async function fields(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
  const list = acroForm
    .lookup(PDFName.of('Fields'), PDFArray)
    .asArray()
    .map((ref) => doc.context.lookup(ref, PDFDict));
  return { doc, acroForm, list };
}

/** Reads a file, returning the problem line instead of throwing. */
async function problemOf(bytes: Uint8Array, from: Content = content): Promise<string> {
  try {
    await readReturnedForm(bytes, 'svar.pdf', from);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toHaveLength(1);
    return (error as UserError).message;
  }
  throw new Error('expected a problem');
}

describe('the fillable tests', () => {
  it.each(['leader', 'employee'] as const)(
    '%s: one radio group per statement, one widget per category (on-state /0 … /4, labels in /Opt) with its own on and Off appearances',
    async (group) => {
      const { doc, acroForm, list } = await fields(fillable[group]);
      expect(acroForm.has(PDFName.of('NeedAppearances'))).toBe(false);
      expect(list.map((f) => f.lookup(PDFName.of('T'), PDFString).decodeText())).toEqual(
        content.numbered.map((s) => `udsagn-${s.n}`),
      );
      for (const field of list) {
        expect(name(field.get(PDFName.of('FT')))).toBe('Btn');
        expect(field.lookup(PDFName.of('Ff'), PDFNumber).asNumber() & (1 << 15)).toBe(1 << 15); // radio
        expect(name(field.get(PDFName.of('V')))).toBe('Off');
        expect(
          field
            .lookup(PDFName.of('Opt'), PDFArray)
            .asArray()
            .map((o) => (o as PDFHexString).decodeText()),
        ).toEqual(labels);
        const widgets = field
          .lookup(PDFName.of('Kids'), PDFArray)
          .asArray()
          .map((ref) => doc.context.lookup(ref, PDFDict));
        expect(widgets).toHaveLength(labels.length);
        widgets.forEach((widget, c) => {
          expect(name(widget.get(PDFName.of('Subtype')))).toBe('Widget');
          expect(name(widget.get(PDFName.of('AS')))).toBe('Off');
          const ap = widget.lookup(PDFName.of('AP'), PDFDict);
          // ASCII on-state names by position: tools that rewrite the file keep them as they are.
          for (const kind of ['N', 'D']) expect(keys(ap.lookup(PDFName.of(kind), PDFDict))).toEqual([String(c), 'Off']);
          const normal = ap.lookup(PDFName.of('N'), PDFDict);
          expect(normal.get(PDFName.of(String(c)))).toBeInstanceOf(PDFRef); // a stream of its own, not a shared dictionary entry
        });
      }
    },
  );

  it.each(['leader', 'employee'] as const)('%s: the widgets lie exactly on the printed boxes', async (group) => {
    const { doc, list } = await fields(fillable[group]);
    const pages = doc.getPages();
    const widgets = list.flatMap((field) =>
      field
        .lookup(PDFName.of('Kids'), PDFArray)
        .asArray()
        .map((ref) => ({ ref, dict: doc.context.lookup(ref, PDFDict) })),
    );
    const boxes = rendered[group].boxes.filter((b) => b.name?.startsWith('udsagn-'));
    expect(widgets).toHaveLength(boxes.length);
    widgets.forEach(({ ref, dict }, i) => {
      const box = boxes[i];
      const page = pages[box.page];
      const [x1, y1, x2, y2] = dict
        .lookup(PDFName.of('Rect'), PDFArray)
        .asArray()
        .map((n) => (n as PDFNumber).asNumber());
      // pdfkit measures y from the top, PDF from the bottom.
      expect(x1).toBeCloseTo(box.x, 1);
      expect(y1).toBeCloseTo(page.getHeight() - box.y - box.size, 1);
      expect(x2 - x1).toBeCloseTo(box.size, 1);
      expect(y2 - y1).toBeCloseTo(box.size, 1);
      expect(page.node.lookup(PDFName.of('Annots'), PDFArray).asArray()).toContain(ref);
      expect(dict.get(PDFName.of('P'))).toBe(page.ref);
    });
  });

  it('carries the test, the content version and a hash of the statements; no JavaScript, no actions', async () => {
    for (const group of ['leader', 'employee'] as const) {
      const { doc } = await fields(fillable[group]);
      const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
      const text = (key: string) => (info.lookup(PDFName.of(key)) as PDFString).decodeText();
      expect(text('MusTest')).toBe(group);
      expect(text('MusContentVersion')).toBe(content.meta.version);
      expect(text('MusStatements')).toBe(hashOfContentFiles(group));
      expect(text('Keywords')).toContain(
        `mus-test=${group}; mus-content-version=2; mus-statements=${hashOfContentFiles(group)}`,
      );
      const raw = Buffer.from(fillable[group]).toString('latin1');
      expect(raw).not.toMatch(/\/(JavaScript|JS|AA|OpenAction|NeedAppearances)\b/);
    }
    expect(hashOfContentFiles('leader')).not.toBe(hashOfContentFiles('employee'));
  });

  it("hashes the scale labels and the group's statements: the first 16 hex digits of SHA-256, texts in NFC", () => {
    const scale = ['Nej', 'Ja'].map((label, i) => ({ label, aliases: [], points: i + 1 }));
    const tiny = {
      meta: { version: '1' },
      scoring: { scale },
      numbered: [{ leader: 'Jeg får feedback', employee: 'Min leder giver feedback' }],
    };
    // printf '%s' '{"scale":["Nej","Ja"],"statements":["Jeg får feedback"]}' | sha256sum | cut -c1-16
    expect(formIdentity(tiny, 'leader')).toEqual({ group: 'leader', version: '1', statements: '967319347eec4632' });
    // printf '%s' '{"scale":["Nej","Ja"],"statements":["Min leder giver feedback"]}' | sha256sum | cut -c1-16
    expect(formIdentity(tiny, 'employee').statements).toBe('75577188f9af034c');
    // "å" typed as "a" and a combining ring (as some Mac programs save it) is the same text.
    const decomposed = { ...tiny, numbered: [{ leader: 'Jeg fa\u030Ar feedback', employee: '' }] };
    expect(formIdentity(decomposed, 'leader').statements).toBe('967319347eec4632');
  });

  it("keeps pdfkit's pages, dates and producer, and its tagged structure, with each widget tagged as a Form", async () => {
    const { doc, list } = await fields(fillable.leader);
    expect(doc.getTitle()).toBe(content.test.leader.title);
    expect(doc.getCreationDate()?.getTime()).toBe(buildDate().getTime());
    expect(doc.getModificationDate()?.getTime()).toBe(buildDate().getTime());
    expect(doc.getProducer()).not.toMatch(/pdf-lib/);
    const original = await PDFDocument.load(rendered.leader.bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(original.getPageCount());

    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray).asArray();
    const parentOf = new Map<number, unknown>();
    for (let i = 0; i < nums.length; i += 2) parentOf.set((nums[i] as PDFNumber).asNumber(), nums[i + 1]);
    const keysSeen = new Set<number>();
    for (const field of list) {
      for (const ref of field.lookup(PDFName.of('Kids'), PDFArray).asArray()) {
        const key = doc.context.lookup(ref, PDFDict).lookup(PDFName.of('StructParent'), PDFNumber).asNumber();
        keysSeen.add(key);
        const element = doc.context.lookup(parentOf.get(key) as PDFRef, PDFDict);
        expect(name(element.get(PDFName.of('S')))).toBe('Form');
        expect(element.lookup(PDFName.of('K'), PDFDict).get(PDFName.of('Obj'))).toBe(ref);
        // Hung into the table cell of its box.
        expect(name(doc.context.lookup(element.get(PDFName.of('P')) as PDFRef, PDFDict).get(PDFName.of('S')))).toBe(
          'TD',
        );
      }
    }
    expect(keysSeen.size).toBe(content.numbered.length * labels.length);
    expect(root.lookup(PDFName.of('ParentTreeNextKey'), PDFNumber).asNumber()).toBe(Math.max(...keysSeen) + 1);
  });

  it('is byte-identical when made twice', async () => {
    const again = await makeFillable(rendered.employee, { content, group: 'employee' });
    expect(Buffer.from(again).equals(Buffer.from(fillable.employee))).toBe(true);
  });

  it('is built by renderAll next to the printed test, and only when asked for', async () => {
    const built = await renderAll(content, { only: [files.leader] });
    expect(built.map((f) => f.name)).toEqual([files.leader]);
    expect(Buffer.from(built[0].bytes).equals(Buffer.from(fillable.leader))).toBe(true);
  });

  it('is seen by pdf.js (the viewer of Firefox) as 20 radio groups of five options each', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const filled = await fillForm(fillable.leader, knownAnswers().leaders[1].answers);
    const doc = await pdfjs.getDocument({ data: new Uint8Array(filled), verbosity: 0 }).promise;
    try {
      const objects = (await doc.getFieldObjects()) as Record<
        string,
        { type?: string; exportValues?: string; value?: unknown }[]
      >;
      expect(Object.keys(objects)).toHaveLength(content.numbered.length);
      const buttons = objects['udsagn-1'].filter((o) => o.type === 'radiobutton');
      expect(buttons.map((b) => b.exportValues)).toEqual(['0', '1', '2', '3', '4']);
      expect(buttons[0].value).toBe('3'); // L2 ticked Oftest (the fourth category) for statement 1
      expect(objects['udsagn-20'].filter((o) => o.type === 'radiobutton')[0].value).toBe('Off');
      const annotations = await (await doc.getPage(1)).getAnnotations();
      expect(
        annotations
          .filter((a: { fieldType?: string }) => a.fieldType === 'Btn')
          .every((a: { hasAppearance: boolean }) => a.hasAppearance),
      ).toBe(true);
    } finally {
      await doc.destroy();
    }
  });
});

describe('the on-screen wording of the fillable tests', () => {
  /** The text of a test's printed and fillable versions, built from the content in `dir`. */
  async function texts(dir: string, group: Group) {
    const spec = documents.find((d) => d.fillable?.group === group)!;
    const from = loadContent(dir);
    const printedFile = from.meta.files[spec.id];
    const screenFile = from.meta.files[spec.fillable!.id];
    const built = await renderAll(from, { only: [printedFile, screenFile] });
    const out = tempDir('mus-forms-wording-');
    const text = async (name: string) => {
      writeFileSync(join(out, name), built.find((f) => f.name === name)!.bytes);
      return flat((await readPdf(join(out, name))).text);
    };
    return { printed: await text(printedFile), screen: await text(screenFile) };
  }

  it.each(['leader', 'employee'] as const)(
    '%s: says click, save and send back, and that RESULTAT is not needed on screen; the printed test keeps its X',
    async (group) => {
      const { printed, screen } = await texts(join(repoRoot, 'content/da'), group);
      expect(screen).toContain('Ud for hvert spørgsmål klikker du i feltet ud for den svarkategori');
      expect(screen).toContain('Gem filen, når du har svaret, og send den tilbage.');
      expect(screen).toContain('RESULTAT behøver du ikke udfylde på skærmen.');
      expect(screen).not.toMatch(/sætter du et X|Tæl antal krydser|Tæl dine krydser/);
      expect(screen).not.toContain('Send den til');
      expect(printed).toContain('Ud for hvert spørgsmål sætter du et X ud for den svarkategori');
      expect(printed).toContain('Tæl dine krydser i hver kategori');
      expect(printed).not.toMatch(/klikker|Gem filen|på skærmen/);
    },
  );

  it('says to whom and by when after its send-back step, when workshop.yaml gives them', async () => {
    const dir = tempDir('mus-forms-content-');
    cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
    writeFileSync(join(dir, 'workshop.yaml'), 'returnTo: Anne Hansen, anne@firma.dk\ndeadline: fredag den 6. marts\n');
    const { screen } = await texts(dir, 'employee');
    expect(screen).toContain(
      'og send den tilbage. Send den udfyldte test til Anne Hansen, anne@firma.dk. Svarfrist: fredag den 6. marts.',
    );
  });
});

describe('reading returned tests', () => {
  const index = (answers: (string | null)[]) => answers.map((a) => (a === null ? null : labels.indexOf(a)));

  it('reads the ticked category of every statement, and null for the unticked', async () => {
    for (const [group, sheets] of [
      ['leader', knownAnswers().leaders],
      ['employee', knownAnswers().employees],
    ] as const) {
      for (const sheet of sheets) {
        const form = await readReturnedForm(await fillForm(fillable[group], sheet.answers), `${sheet.id}.pdf`, content);
        expect(form).toEqual({ group, answers: index(sheet.answers) });
      }
    }
  });

  it('reads a form left empty as all unanswered', async () => {
    const form = await readReturnedForm(await fillForm(fillable.employee, []), 'tom.pdf', content);
    expect(form.answers).toEqual(content.numbered.map(() => null));
  });

  it('reads files from readers that only set the widgets, or dropped the custom metadata', async () => {
    const answers = knownAnswers().employees[2].answers;
    for (const options of [{ appearanceStateOnly: true }, { dropCustomInfo: true }]) {
      const form = await readReturnedForm(await fillForm(fillable.employee, answers, options), 'e3.pdf', content);
      expect(form).toEqual({ group: 'employee', answers: index(answers) });
    }
  });

  it('reports a damaged file, a file that is no PDF, and a PDF that is no fillable test', async () => {
    const filled = await fillForm(fillable.leader, knownAnswers().leaders[0].answers);
    expect(await problemOf(filled.subarray(0, Math.floor(filled.length / 2)))).toMatch(
      /^svar\.pdf: is damaged: the PDF is cut short/,
    );
    const garbled = Buffer.from(filled);
    garbled.fill(0x41, 2000, garbled.length - 2000); // the middle overwritten, the end marker kept
    expect(await problemOf(garbled)).toMatch(/^svar\.pdf: is damaged/);
    expect(await problemOf(Buffer.from('Hej, her er mine svar: Altid, Altid, Oftest'))).toBe(
      'svar.pdf: is not a PDF file, so not a returned test',
    );
    expect(await problemOf(new Uint8Array())).toMatch(/is empty/);
    expect(await problemOf(rendered.leader.bytes)).toMatch(/is the printed test, not the fillable one/); // our own printed test
  });

  it('reports a file made from changed statements, and one made from another content version', async () => {
    const dir = tempDir('mus-forms-content-');
    cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
    const statementsFile = join(dir, 'udsagn.yaml');
    writeFileSync(
      statementsFile,
      readFileSync(statementsFile, 'utf8').replace('leader: MUS gennemføres', 'leader: MUS gennemføres hvert år'),
    );
    const changed = loadContent(dir);
    const fromChanged = await makeFillable(rendered.leader, { content: changed, group: 'leader' });
    const filled = await fillForm(fromChanged, knownAnswers().leaders[0].answers);
    expect(await problemOf(filled)).toMatch(
      /^svar\.pdf: was made from other statements than .*, though both say content version 2 \(were the statements changed without raising the version/,
    );
    // The employee statements did not change: an employee form still fits.
    expect((await readReturnedForm(await fillForm(fillable.employee, []), 'e.pdf', changed)).group).toBe('employee');

    const newer = { ...content, meta: { ...content.meta, version: '3' } };
    expect(await problemOf(filled, newer)).toMatch(/was made from content version 2, but .* is version 3/);
  });

  it('reports a value that names none of the boxes, cut to a short excerpt', async () => {
    const doc = await PDFDocument.load(await fillForm(fillable.leader, ['Altid', 'Altid', 'Altid']));
    doc.getForm().getRadioGroup('udsagn-3').acroField.dict.set(PDFName.of('V'), PDFName.of('Måske'));
    expect(await problemOf(await doc.save())).toBe(
      'svar.pdf: statement 3 has the value "Måske", which names none of its boxes; ask for the file again',
    );
    const long = 'Jens Peter Hansen, afdeling for løn og personale, Aarhus';
    doc.getForm().getRadioGroup('udsagn-3').acroField.dict.set(PDFName.of('V'), PDFString.of(long));
    const line = await problemOf(await doc.save());
    expect(line).toBe(
      `svar.pdf: statement 3 has the value "${long.slice(0, 39)}…", which names none of its boxes; ask for the file again`,
    );
  });
});

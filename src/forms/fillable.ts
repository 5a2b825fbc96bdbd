// Turns a rendered test (pdfkit's bytes and where it drew the tick boxes) into a test that
// can be filled in on screen: one radio group per statement, one widget per answer
// category, each widget with its own appearance streams (an X for its on-state, named after
// the category, and an empty /Off), so no reader has to make appearances (no NeedAppearances).
// The pages, fonts and tagged structure pdfkit wrote are kept as they are; nothing computes
// (no JavaScript); the file carries which test it is (see identity.ts).
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFContext,
} from './pdf-lib.js';
import type { Group } from '../content/model.js';
import type { RenderedPdf } from '../render/pdf.js';
import type { BoxPosition } from '../render/context.js';
import { fieldName, formIdentity, identityKeywords, infoKeys, type FormContent } from './identity.js';

/** Field flags (PDF 32000-1, 12.7.4.2.1): a radio group. Clicking the chosen button again clears it. */
const radioFlag = 1 << 15;
/** Annotation flags: printed with the page. */
const printFlag = 1 << 2;

/**
 * The on-state name of a category: its label. PDF names are bytes; viewers show them as
 * PDFDocEncoding, which is Latin-1 for the Danish letters, so a label that fits Latin-1 is
 * written so (/Sj#E6ldent, /Af#20og#20til), any other as UTF-8.
 */
export function stateName(label: string): PDFName {
  const text = label.normalize('NFC');
  const latin1 = /^[\u0020-\u007e\u00a0-\u00ff]*$/.test(text);
  const bytes = latin1 ? text : Buffer.from(text, 'utf8').toString('latin1');
  // PDFName.of decodes #XX in its input, so a literal # is given escaped.
  return PDFName.of(bytes.replace(/#/g, '#23'));
}

// The names looked up or set for every structure element and widget, made once:
// PDFName.of decodes its input each time it is called.
const names = {
  K: PDFName.of('K'),
  S: PDFName.of('S'),
  Obj: PDFName.of('Obj'),
  MCID: PDFName.of('MCID'),
  TR: PDFName.of('TR'),
  TD: PDFName.of('TD'),
  Off: PDFName.of('Off'),
  StructParent: PDFName.of('StructParent'),
};

const round = (value: number) => Math.round(value * 100) / 100;
const num = (value: number) => String(round(value));

/** The X drawn in a ticked box: two strokes inset from the printed square, in black. */
function crossStream(context: PDFContext, size: number): PDFRef {
  const inset = size * 0.22;
  const a = num(inset);
  const b = num(size - inset);
  const ops = `q 0 G ${num(size * 0.12)} w 1 J ${a} ${a} m ${b} ${b} l S ${a} ${b} m ${b} ${a} l S Q`;
  return context.register(context.stream(ops, formXObject(size)));
}

/** The empty appearance of an unticked box: the printed square shows through. */
function emptyStream(context: PDFContext, size: number): PDFRef {
  return context.register(context.stream('', formXObject(size)));
}

/** The "pressed" look while the mouse is down: a light grey square inside the box. */
function pressedStream(context: PDFContext, size: number, cross: boolean): PDFRef {
  const inset = num(size * 0.1);
  const side = num(size * 0.8);
  let ops = `q 0.85 g ${inset} ${inset} ${side} ${side} re f Q`;
  if (cross) {
    const a = num(size * 0.22);
    const b = num(size * 0.78);
    ops += ` q 0 G ${num(size * 0.12)} w 1 J ${a} ${a} m ${b} ${b} l S ${a} ${b} m ${b} ${a} l S Q`;
  }
  return context.register(context.stream(ops, formXObject(size)));
}

const formXObject = (size: number) => ({
  Type: 'XObject',
  Subtype: 'Form',
  BBox: [0, 0, round(size), round(size)],
  Resources: {},
});

/** Boxes of each statement's field, in statement order; a missing or odd field is a template bug. */
function fieldBoxes(boxes: readonly BoxPosition[], content: FormContent, group: Group): BoxPosition[][] {
  const labels = content.scoring.scale.map((c) => c.label);
  return content.numbered.map((_, i) => {
    const name = fieldName(i + 1);
    const own = boxes.filter((box) => box.name === name);
    const values = own.map((box) => box.value);
    if (own.length !== labels.length || labels.some((label, i) => values[i] !== label)) {
      throw new Error(`fillable ${group} test: the boxes of ${name} are [${values.join(', ')}], expected one per category [${labels.join(', ')}]`);
    }
    return own;
  });
}

/**
 * The tagged structure to hang the form fields into: for each statement, the TD element of
 * each answer box (table rows ending in one TD per category, in reading order, as the test
 * template lays them out), or, if the structure does not look like that, the Document element.
 */
interface FormTagging {
  /** The /Nums of the structure's parent tree (flat, as pdfkit writes it). */
  nums: PDFArray;
  nextKey: number;
  structRoot: PDFDict;
  cell: (statement: number, category: number) => PDFRef;
}

function findTagging(doc: PDFDocument, statements: number, categories: number): FormTagging | undefined {
  const { context } = doc;
  const structRoot = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!structRoot) return undefined;
  const parentTree = structRoot.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  const nums = parentTree?.lookupMaybe(PDFName.of('Nums'), PDFArray);
  const nextKey = structRoot.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber);
  if (!parentTree || !nums || parentTree.has(PDFName.of('Kids')) || !nextKey) return undefined;

  const rows: PDFRef[][] = [];
  const kidsOf = (element: PDFDict): PDFRef[] => {
    const k = element.get(names.K);
    const list = k instanceof PDFArray ? k.asArray() : [k];
    return list.filter((item): item is PDFRef => item instanceof PDFRef);
  };
  // Names are interned by pdf-lib: the same name is the same object.
  const type = (ref: PDFRef) => context.lookupMaybe(ref, PDFDict)?.lookupMaybe(names.S, PDFName);
  const walk = (element: PDFDict, depth: number) => {
    if (depth > 50) return;
    const kids = kidsOf(element);
    if (element.lookupMaybe(names.S, PDFName) === names.TR) {
      const cells = kids.slice(-categories);
      if (kids.length > categories && cells.every((kid) => type(kid) === names.TD)) rows.push(cells);
      return;
    }
    for (const kid of kids) {
      const child = context.lookupMaybe(kid, PDFDict);
      if (child && !child.has(names.Obj) && !child.has(names.MCID)) walk(child, depth + 1);
    }
  };
  walk(structRoot, 0);

  const documentElement = kidsOf(structRoot)[0];
  if (rows.length === statements) return { nums, nextKey: nextKey.asNumber(), structRoot, cell: (s, c) => rows[s][c] };
  if (!documentElement) return undefined;
  return { nums, nextKey: nextKey.asNumber(), structRoot, cell: () => documentElement };
}

/** Adds a widget to the page's /Annots without pdf-lib's page normalising (which wraps the content in q/Q). */
function addAnnot(context: PDFContext, page: PDFDict, ref: PDFRef): void {
  const annots = page.lookupMaybe(PDFName.Annots, PDFArray);
  if (annots) annots.push(ref);
  else page.set(PDFName.Annots, context.obj([ref]));
}

/** Adds `formRef` as the last kid of the structure element `parentRef`. */
function appendKid(context: PDFContext, parentRef: PDFRef, formRef: PDFRef): void {
  const parent = context.lookup(parentRef, PDFDict);
  const k = parent.get(names.K);
  if (k instanceof PDFArray) k.push(formRef);
  else parent.set(names.K, k === undefined ? context.obj([formRef]) : context.obj([k, formRef]));
}

/** An appearance subdictionary: the on-state and /Off. */
function states(context: PDFContext, on: PDFName, onRef: PDFRef, offRef: PDFRef): PDFDict {
  const dict = context.obj({});
  dict.set(on, onRef);
  dict.set(names.Off, offRef);
  return dict;
}

export interface FillableMeta {
  /** The content the test was rendered from (statements, scale, version). */
  content: FormContent;
  group: Group;
}

/** The fillable version of a rendered test, as PDF bytes (deterministic: same input, same bytes). */
export async function makeFillable(rendered: RenderedPdf, meta: FillableMeta): Promise<Uint8Array> {
  const { content, group } = meta;
  // parseSpeed and objectsPerTick Infinity: pdf-lib otherwise waits a timer tick every 50–100 objects (~25 ms idle per test).
  const doc = await PDFDocument.load(rendered.bytes, { updateMetadata: false, parseSpeed: Infinity });
  const { context } = doc;
  const pages = doc.getPages();
  const boxesByField = fieldBoxes(rendered.boxes, content, group);
  const labels = content.scoring.scale.map((c) => c.label);
  const tagging = findTagging(doc, boxesByField.length, labels.length);

  // One set of appearance streams serves every widget of the same size.
  const appearances = new Map<number, { on: PDFRef; off: PDFRef; downOn: PDFRef; downOff: PDFRef }>();
  const appearanceFor = (size: number) => {
    const key = round(size);
    let found = appearances.get(key);
    if (!found) {
      found = { on: crossStream(context, size), off: emptyStream(context, size), downOn: pressedStream(context, size, true), downOff: pressedStream(context, size, false) };
      appearances.set(key, found);
    }
    return found;
  };

  const fieldRefs: PDFRef[] = [];
  boxesByField.forEach((boxes, s) => {
    const statement = { n: s + 1, text: content.numbered[s][group] };
    const fieldRef = context.nextRef();
    const widgetRefs: PDFRef[] = [];
    boxes.forEach((box, c) => {
      const page = pages[box.page];
      if (!page) throw new Error(`fillable ${group} test: box on page ${box.page + 1}, which does not exist`);
      const pageHeight = page.getHeight();
      const bottom = pageHeight - box.y - box.size;
      const ap = appearanceFor(box.size);
      const on = stateName(labels[c]);
      const widget = context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        F: printFlag,
        Rect: [round(box.x), round(bottom), round(box.x + box.size), round(bottom + box.size)],
        P: page.ref,
        Parent: fieldRef,
        AS: 'Off',
        AP: { N: states(context, on, ap.on, ap.off), D: states(context, on, ap.downOn, ap.downOff) },
      });
      const widgetRef = context.register(widget);
      widgetRefs.push(widgetRef);
      addAnnot(context, page.node, widgetRef);

      if (tagging) {
        const parentRef = tagging.cell(s, c);
        const form = context.obj({
          Type: 'StructElem',
          S: 'Form',
          P: parentRef,
          Pg: page.ref,
          Alt: PDFHexString.fromText(labels[c]), // the field's TU names the statement
          K: { Type: 'OBJR', Obj: widgetRef, Pg: page.ref },
        });
        const formRef = context.register(form);
        appendKid(context, parentRef, formRef);
        widget.set(names.StructParent, PDFNumber.of(tagging.nextKey));
        tagging.nums.push(PDFNumber.of(tagging.nextKey));
        tagging.nums.push(formRef);
        tagging.nextKey += 1;
      }
    });
    const field = context.obj({
      FT: 'Btn',
      Ff: radioFlag,
      T: PDFString.of(fieldName(statement.n)),
      TU: PDFHexString.fromText(`${statement.n}. ${statement.text}`),
      V: 'Off',
      Kids: widgetRefs,
    });
    context.assign(fieldRef, field);
    fieldRefs.push(fieldRef);
  });

  if (tagging) {
    tagging.structRoot.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(tagging.nextKey));
    const parentTree = tagging.structRoot.lookup(PDFName.of('ParentTree'), PDFDict);
    if (parentTree.has(PDFName.of('Limits'))) parentTree.set(PDFName.of('Limits'), context.obj([0, tagging.nextKey - 1]));
  }

  // No NeedAppearances, no default appearance fonts: every widget brings its own appearances.
  doc.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: fieldRefs }));

  const identity = formIdentity(content, group);
  const info = context.lookupMaybe(context.trailerInfo.Info, PDFDict) ?? context.obj({});
  if (!context.trailerInfo.Info) context.trailerInfo.Info = context.register(info);
  info.set(PDFName.of(infoKeys.group), PDFString.of(identity.group));
  info.set(PDFName.of(infoKeys.version), PDFHexString.fromText(identity.version));
  info.set(PDFName.of(infoKeys.statements), PDFString.of(identity.statements));
  info.set(PDFName.Keywords, PDFHexString.fromText(identityKeywords(identity)));

  // Dates, producer and ID are pdfkit's (fixed by the build); pdf-lib adds none of its own.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

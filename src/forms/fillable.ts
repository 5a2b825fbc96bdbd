// Turns a rendered test (pdfkit's bytes and where it drew the tick boxes) into a test that
// can be filled in on screen, with pdf-lib: one radio group per statement, one widget per
// answer category. The on-state of a category's widget is named after its position in the
// group (/0 … /4), and the group's /Opt array holds the category labels as text strings
// (ISO 32000-1 §12.7.4.2.4): ASCII names survive every tool that rewrites the file, where
// label names (/Sj#E6ldent) came back re-encoded. Each widget has its own appearance streams
// (an X, and an empty /Off), so no reader has to make appearances (no NeedAppearances);
// nothing computes (no JavaScript). Each widget is tagged as a Form in the table cell of its
// box, and the file carries which test it is (see content/form-identity.ts).
import type { Group } from '../content/model.js';
import type { BoxPosition } from '../render/context.js';
import type { RenderedPdf } from '../render/pdf.js';
import {
  formFieldName,
  formIdentity,
  identityKeywords,
  infoKeys,
  onStateName,
  type FormContent,
} from '../content/form-identity.js';
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
} from '../pdf-lib.js';
import { InternalError } from '../errors.js';

/** Field flags (PDF 32000-1, 12.7.4.2.1): a radio group. Clicking the chosen button again clears it. */
const radioFlag = 1 << 15;
/** Annotation flags: printed with the page. */
const printFlag = 1 << 2;

const round = (value: number) => Math.round(value * 100) / 100;
const num = (value: number) => String(round(value));

/** The X drawn in a ticked box: two strokes inset from the printed square, in black. */
function crossOps(size: number): string {
  const a = num(size * 0.22);
  const b = num(size * 0.78);
  return `q 0 G ${num(size * 0.12)} w 1 J ${a} ${a} m ${b} ${b} l S ${a} ${b} m ${b} ${a} l S Q`;
}

/** The "pressed" look while the mouse is down: a light grey square inside the box (with the X when on). */
function pressedOps(size: number, cross: boolean): string {
  const ops = `q 0.85 g ${num(size * 0.1)} ${num(size * 0.1)} ${num(size * 0.8)} ${num(size * 0.8)} re f Q`;
  return cross ? `${ops} ${crossOps(size)}` : ops;
}

/** Boxes of each statement's field, in statement order; a missing or odd field is a template bug. */
function fieldBoxes(boxes: readonly BoxPosition[], content: FormContent, group: Group): BoxPosition[][] {
  const labels = content.scoring.scale.map((c) => c.label);
  return content.numbered.map((_, i) => {
    const name = formFieldName(i + 1);
    const own = boxes.filter((box) => box.name === name);
    const values = own.map((box) => box.value);
    if (own.length !== labels.length || labels.some((label, i) => values[i] !== label)) {
      throw new InternalError(
        `fillable ${group} test: the boxes of ${name} are [${values.join(', ')}], expected one per category [${labels.join(', ')}]`,
      );
    }
    return own;
  });
}

/** Adds an entry to an array value of a dictionary, making the array when there is none (or a single value). */
function appendTo(context: PDFContext, dict: PDFDict, key: string, item: PDFRef): void {
  const current = dict.get(PDFName.of(key));
  const resolved = current instanceof PDFRef ? context.lookup(current) : current;
  if (resolved instanceof PDFArray) resolved.push(item);
  else dict.set(PDFName.of(key), current === undefined ? context.obj([item]) : context.obj([current, item]));
}

/** Structure tagging (PDF/UA): a Form element per widget, hung into its box's table cell. */
class Tagging {
  private readonly root: PDFDict | undefined;
  private readonly document: PDFRef | undefined;
  private nextKey: number;
  private readonly entries: [number, PDFRef][] = [];

  constructor(private readonly doc: PDFDocument) {
    this.root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
    this.nextKey = this.root?.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
    const kids = this.root?.get(PDFName.of('K'));
    this.document = kids instanceof PDFRef ? kids : kids instanceof PDFArray ? (kids.get(0) as PDFRef) : undefined;
  }

  /** Tags a widget; returns its StructParent key, or undefined in an untagged file. */
  tag(widget: PDFRef, page: PDFRef, cellNumber: number | undefined, alt: string): number | undefined {
    if (!this.root) return undefined;
    const context = this.doc.context;
    const cell = cellNumber === undefined ? this.document : PDFRef.of(cellNumber);
    if (!cell || !context.lookupMaybe(cell, PDFDict))
      throw new InternalError('fillable: no structure element to tag the form field in');
    const form = context.register(
      context.obj({
        Type: 'StructElem',
        S: 'Form',
        P: cell,
        Pg: page,
        Alt: PDFHexString.fromText(alt),
        K: { Type: 'OBJR', Obj: widget, Pg: page },
      }),
    );
    appendTo(context, context.lookup(cell, PDFDict), 'K', form);
    const key = this.nextKey++;
    this.entries.push([key, form]);
    return key;
  }

  /** Writes the new keys into the parent tree (a flat number tree, as pdfkit writes it). */
  finish(): void {
    if (!this.root || this.entries.length === 0) return;
    const tree = this.root.lookup(PDFName.of('ParentTree'), PDFDict);
    const nums = tree.lookup(PDFName.of('Nums'), PDFArray);
    for (const [key, form] of this.entries) {
      nums.push(PDFNumber.of(key));
      nums.push(form);
    }
    const limits = tree.lookupMaybe(PDFName.of('Limits'), PDFArray);
    if (limits) limits.set(1, PDFNumber.of(this.nextKey - 1));
    this.root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(this.nextKey));
  }
}

export interface FillableMeta {
  /** The content the test was rendered from (statements, scale, version). */
  content: FormContent;
  group: Group;
}

/** The fillable version of a rendered test, as PDF bytes (deterministic: same input, same bytes). */
export async function makeFillable(rendered: RenderedPdf, meta: FillableMeta): Promise<Uint8Array> {
  const { content, group } = meta;
  // updateMetadata: false keeps pdfkit's producer and (fixed) dates; parsing and saving in
  // one go (no pause every few objects for a browser's event loop).
  const doc = await PDFDocument.load(rendered.bytes, { updateMetadata: false, parseSpeed: Infinity });
  const context = doc.context;
  const boxesByField = fieldBoxes(rendered.boxes, content, group);
  const labels = content.scoring.scale.map((c) => c.label);
  const pages = doc.getPages();
  const tagging = new Tagging(doc);

  // One set of appearance streams serves every widget of the same size.
  const appearances = new Map<number, { on: PDFRef; off: PDFRef; downOn: PDFRef; downOff: PDFRef }>();
  const appearanceFor = (size: number) => {
    const key = round(size);
    let found = appearances.get(key);
    if (!found) {
      const xobject = (ops: string) =>
        context.register(
          context.stream(ops, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, key, key], Resources: {} }),
        );
      found = {
        on: xobject(crossOps(size)),
        off: xobject(''),
        downOn: xobject(pressedOps(size, true)),
        downOff: xobject(pressedOps(size, false)),
      };
      appearances.set(key, found);
    }
    return found;
  };

  const fields: PDFRef[] = [];
  boxesByField.forEach((boxes, s) => {
    const n = s + 1;
    const field = context.nextRef();
    const widgets = boxes.map((box, c) => {
      const page = pages[box.page];
      if (page === undefined)
        throw new InternalError(`fillable ${group} test: box on page ${box.page + 1}, which does not exist`);
      const bottom = page.getHeight() - box.y - box.size; // pdfkit measures y from the top
      const ap = appearanceFor(box.size);
      const on = onStateName(c);
      const widget = context.nextRef();
      const dict = context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        F: printFlag,
        Rect: [box.x, bottom, box.x + box.size, bottom + box.size].map(round),
        P: page.ref,
        Parent: field,
        AS: 'Off',
        AP: { N: { [on]: ap.on, Off: ap.off }, D: { [on]: ap.downOn, Off: ap.downOff } },
      });
      const key = tagging.tag(widget, page.ref, box.cell, labels[c]); // the field's TU names the statement
      if (key !== undefined) dict.set(PDFName.of('StructParent'), PDFNumber.of(key));
      context.assign(widget, dict);
      appendTo(context, page.node, 'Annots', widget);
      return widget;
    });
    context.assign(
      field,
      context.obj({
        FT: 'Btn',
        Ff: radioFlag,
        T: PDFString.of(formFieldName(n)),
        TU: PDFHexString.fromText(`${n}. ${content.numbered[s][group]}`),
        V: 'Off',
        Opt: labels.map((label) => PDFHexString.fromText(label)),
        Kids: widgets,
      }),
    );
    fields.push(field);
  });
  tagging.finish();
  // No NeedAppearances, no default appearance fonts: every widget brings its own appearances.
  doc.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: fields }));

  const identity = formIdentity(content, group);
  const info = context.lookup(context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of(infoKeys.group), PDFString.of(identity.group));
  info.set(PDFName.of(infoKeys.version), PDFHexString.fromText(identity.version));
  info.set(PDFName.of(infoKeys.statements), PDFString.of(identity.statements));
  info.set(PDFName.of('Keywords'), PDFHexString.fromText(identityKeywords(identity)));

  // Dates and producer are pdfkit's (fixed by the build); pdf-lib adds no ID or date of its own.
  return doc.save({
    useObjectStreams: false,
    updateFieldAppearances: false,
    addDefaultPage: false,
    objectsPerTick: Infinity,
  });
}

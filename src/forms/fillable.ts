// Turns a rendered test (pdfkit's bytes and where it drew the tick boxes) into a test that
// can be filled in on screen: one radio group per statement, one widget per answer
// category, each widget with its own appearance streams (an X for its on-state, named after
// the category, and an empty /Off), so no reader has to make appearances (no NeedAppearances).
// The pages, fonts and tagged structure pdfkit wrote are kept as they are (see
// pdfkit-file.ts: the file is copied with the few objects that change replaced); each widget
// is tagged as a Form in the table cell of its box; nothing computes (no JavaScript); the
// file carries which test it is (see identity.ts).
import type { Group } from '../content/model.js';
import type { RenderedPdf } from '../render/pdf.js';
import type { BoxPosition } from '../render/context.js';
import { fieldName, formIdentity, identityKeywords, infoKeys, stateNameBytes, type FormContent } from './identity.js';
import {
  appended, array, dict, entry, has, hexText, literal, name, PdfkitFile, ref, refIn, refsIn, Revision, stream, withEntry, withSet, withValue,
} from './pdfkit-file.js';

/** Field flags (PDF 32000-1, 12.7.4.2.1): a radio group. Clicking the chosen button again clears it. */
const radioFlag = 1 << 15;
/** Annotation flags: printed with the page. */
const printFlag = 1 << 2;

const round = (value: number) => Math.round(value * 100) / 100;
const num = (value: number) => String(round(value));

/** The X drawn in a ticked box: two strokes inset from the printed square, in black. */
function crossOps(size: number): string {
  const inset = size * 0.22;
  const a = num(inset);
  const b = num(size - inset);
  return `q 0 G ${num(size * 0.12)} w 1 J ${a} ${a} m ${b} ${b} l S ${a} ${b} m ${b} ${a} l S Q`;
}

/** The "pressed" look while the mouse is down: a light grey square inside the box. */
function pressedOps(size: number, cross: boolean): string {
  const inset = num(size * 0.1);
  const side = num(size * 0.8);
  let ops = `q 0.85 g ${inset} ${inset} ${side} ${side} re f Q`;
  if (cross) {
    const a = num(size * 0.22);
    const b = num(size * 0.78);
    ops += ` q 0 G ${num(size * 0.12)} w 1 J ${a} ${a} m ${b} ${b} l S ${a} ${b} m ${b} ${a} l S Q`;
  }
  return ops;
}

/** An appearance: a form XObject the size of the box. */
const appearance = (size: number, ops: string): string =>
  stream([['Type', '/XObject'], ['Subtype', '/Form'], ['BBox', array(['0', '0', num(size), num(size)])], ['Resources', dict([])]], ops);

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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The structure tree root with annotations added to its parent tree: pdfkit writes the tree
 * as `/ParentTree <<\n  /Limits [a b]\n  /Nums [\n    key value…\n]\n>>`.
 */
function withParentTreeEntries(root: string, entries: string[], nextKey: number): string {
  const nums = root.indexOf('\n  /Nums [');
  const end = root.indexOf('\n]\n>>', nums);
  if (nums === -1 || end === -1) throw new Error('fillable: unexpected parent tree in the structure tree root');
  let revised = `${root.slice(0, end)}${entries.map((e) => `\n    ${e}`).join('')}${root.slice(end)}`;
  revised = revised.replace(/\n {2}\/Limits \[(\d+) \d+\]\n/, (_, first: string) => `\n  /Limits [${first} ${nextKey - 1}]\n`);
  return withValue(revised, 'ParentTreeNextKey', String(nextKey));
}

export interface FillableMeta {
  /** The content the test was rendered from (statements, scale, version). */
  content: FormContent;
  group: Group;
}

/** The fillable version of a rendered test, as PDF bytes (deterministic: same input, same bytes). */
export async function makeFillable(rendered: RenderedPdf, meta: FillableMeta): Promise<Uint8Array> {
  const { content, group } = meta;
  const file = new PdfkitFile(rendered.bytes);
  const revision = new Revision(file);
  const boxesByField = fieldBoxes(rendered.boxes, content, group);
  const labels = content.scoring.scale.map((c) => c.label);
  const onStates = labels.map((label) => name(stateNameBytes(label)));

  const catalog = file.object(file.root);
  const pages = refsIn(file.object(refIn(catalog, 'Pages')), 'Kids');
  // Tagged (PDF/UA): each widget becomes a Form element, in its box's table cell.
  const structRoot = has(catalog, 'StructTreeRoot') ? refIn(catalog, 'StructTreeRoot') : undefined;
  const rootBody = structRoot === undefined ? undefined : file.object(structRoot);
  let nextKey = rootBody === undefined ? 0 : Number(entry(rootBody, 'ParentTreeNextKey'));
  const documentElement = rootBody === undefined ? undefined : refsIn(rootBody, 'K')[0];

  const heights = new Map<number, number>();
  const heightOf = (page: number): number => {
    let height = heights.get(page);
    if (height === undefined) {
      const box = /^\[0 0 [\d.]+ ([\d.]+)\]$/.exec(entry(file.object(page), 'MediaBox'));
      if (!box) throw new Error(`fillable ${group} test: unexpected page size`);
      height = Number(box[1]);
      heights.set(page, height);
    }
    return height;
  };

  // One set of appearance streams serves every widget of the same size.
  const appearances = new Map<number, { on: number; off: number; downOn: number; downOff: number }>();
  const appearanceFor = (size: number) => {
    const key = round(size);
    let found = appearances.get(key);
    if (!found) {
      found = { on: revision.reserve(), off: revision.reserve(), downOn: revision.reserve(), downOff: revision.reserve() };
      revision.set(found.on, appearance(size, crossOps(size)));
      revision.set(found.off, appearance(size, ''));
      revision.set(found.downOn, appearance(size, pressedOps(size, true)));
      revision.set(found.downOff, appearance(size, pressedOps(size, false)));
      appearances.set(key, found);
    }
    return found;
  };

  const annots = new Map<number, string[]>(); // page → its widgets
  const cellKids = new Map<number, string[]>(); // table cell → its Form elements
  const parentTree: string[] = [];
  const fields: string[] = [];
  boxesByField.forEach((boxes, s) => {
    const statement = { n: s + 1, text: content.numbered[s][group] };
    const field = revision.reserve();
    const widgets: string[] = [];
    boxes.forEach((box, c) => {
      const page = pages[box.page];
      if (page === undefined) throw new Error(`fillable ${group} test: box on page ${box.page + 1}, which does not exist`);
      const bottom = heightOf(page) - box.y - box.size;
      const ap = appearanceFor(box.size);
      const widget = revision.reserve();
      const entries: [string, string][] = [
        ['Type', '/Annot'],
        ['Subtype', '/Widget'],
        ['F', String(printFlag)],
        ['Rect', array([box.x, bottom, box.x + box.size, bottom + box.size].map(num))],
        ['P', ref(page)],
        ['Parent', ref(field)],
        ['AS', '/Off'],
        ['AP', dict([
          ['N', dict([[onStates[c].slice(1), ref(ap.on)], ['Off', ref(ap.off)]])],
          ['D', dict([[onStates[c].slice(1), ref(ap.downOn)], ['Off', ref(ap.downOff)]])],
        ])],
      ];
      if (structRoot !== undefined) {
        const cell = box.cell ?? documentElement;
        if (cell === undefined) throw new Error(`fillable ${group} test: no structure element to tag the form field in`);
        const form = revision.reserve();
        revision.set(form, dict([
          ['Type', '/StructElem'],
          ['S', '/Form'],
          ['P', ref(cell)],
          ['Pg', ref(page)],
          ['Alt', hexText(labels[c])], // the field's TU names the statement
          ['K', dict([['Type', '/OBJR'], ['Obj', ref(widget)], ['Pg', ref(page)]])],
        ]));
        push(cellKids, cell, ref(form));
        entries.push(['StructParent', String(nextKey)]);
        parentTree.push(`${nextKey} ${ref(form)}`);
        nextKey += 1;
      }
      revision.set(widget, dict(entries));
      widgets.push(ref(widget));
      push(annots, page, ref(widget));
    });
    revision.set(field, dict([
      ['FT', '/Btn'],
      ['Ff', String(radioFlag)],
      ['T', literal(fieldName(statement.n))],
      ['TU', hexText(`${statement.n}. ${statement.text}`)],
      ['V', '/Off'],
      ['Kids', array(widgets)],
    ]));
    fields.push(ref(field));
  });

  // The objects that change: pages get their widgets, cells their Form elements, the
  // structure root its parent tree entries, the catalog the form.
  for (const [page, widgets] of annots) {
    const body = file.object(page);
    revision.set(page, has(body, 'Annots') ? withValue(body, 'Annots', appended(entry(body, 'Annots'), widgets)) : withEntry(body, 'Annots', array(widgets)));
  }
  for (const [cell, kids] of cellKids) {
    const body = file.object(cell);
    revision.set(cell, withValue(body, 'K', appended(entry(body, 'K'), kids)));
  }
  if (structRoot !== undefined && rootBody !== undefined) revision.set(structRoot, withParentTreeEntries(rootBody, parentTree, nextKey));
  // No NeedAppearances, no default appearance fonts: every widget brings its own appearances.
  revision.set(file.root, withEntry(catalog, 'AcroForm', dict([['Fields', array(fields)]])));

  const identity = formIdentity(content, group);
  let info = file.object(file.info);
  info = withSet(info, infoKeys.group, literal(identity.group));
  info = withSet(info, infoKeys.version, hexText(identity.version));
  info = withSet(info, infoKeys.statements, literal(identity.statements));
  info = withSet(info, 'Keywords', hexText(identityKeywords(identity)));
  revision.set(file.info, info);

  // Dates, producer and ID are pdfkit's (fixed by the build); nothing is added of its own.
  return revision.bytes();
}

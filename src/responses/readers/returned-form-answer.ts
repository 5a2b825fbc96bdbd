// The answer of one returned radio group (one statement): the box the person sees ticked,
// i.e. the widget whose appearance state /AS is not /Off, taken by its place in the group
// (or its /Opt label) — never by reading meaning into a state name, which tools rewrite
// (/Sj#E6ldent came back as /Sj#e6ldent, or re-decoded as another encoding). The field's
// value /V is checked against it, and names the box when a filler switched none on;
// anything that does not add up is a reason, not a guess.
import { quote } from '../../text.js';
import { decodeUtf8OrLatin1 } from '../../text-decode.js';
import { normalizeLabel, type AnswerMatch } from '../answers.js';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFRef, PDFString } from '../../pdf-lib.js';

/**
 * A name's text. Its #xx escapes are decoded in either case (pdf-lib 1.17 decodes only
 * upper-case hex, ISO 32000-1 §7.3.5 allows both); the bytes are read as UTF-8 when they
 * are valid UTF-8, else as Latin-1 (PDFDocEncoding for the Danish letters).
 */
function nameText(name: PDFName): string {
  const raw = Buffer.from(name.asBytes()).toString('latin1');
  const bytes = Buffer.from(
    raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
  return decodeUtf8OrLatin1(bytes);
}

/** The text of a name or string value; undefined for anything else. */
export function valueText(value: unknown): string | undefined {
  if (value instanceof PDFName) return nameText(value);
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

interface Box {
  /** The category, in scale order. */
  category: number;
  /** Whether the person sees it ticked. */
  ticked: boolean;
  /** What a value /V naming this box may be: its on-state names, its /AS, its label. */
  names: Set<string>;
}

const key = (text: string) => normalizeLabel(text);

/**
 * The answer of a radio group whose boxes are, in order, the categories `labels`. A group
 * with another number of boxes is a damaged file (the identity check has made sure the
 * file was made from these statements and this scale).
 */
export function radioAnswer(field: PDFDict, labels: readonly string[]): AnswerMatch {
  const { context } = field;
  const resolve = (item: unknown) =>
    item instanceof PDFRef ? context.lookupMaybe(item, PDFDict) : item instanceof PDFDict ? item : undefined;
  const kids = field.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? [field];
  const widgets = kids.map(resolve);
  if (widgets.length !== labels.length || widgets.some((w) => w === undefined)) {
    return {
      ok: false,
      reason: `has ${widgets.length} answer boxes instead of ${labels.length}; the file is damaged, ask for it again`,
    };
  }
  const options = field.lookupMaybe(PDFName.of('Opt'), PDFArray)?.asArray().map(valueText);
  const byLabel = new Map(labels.map((label, i) => [key(label), i]));

  const boxes: Box[] = [];
  for (const [position, widget] of (widgets as PDFDict[]).entries()) {
    // The category of a box: its /Opt label when the group has one, else its place.
    const option = options?.[position];
    const category = option === undefined ? position : byLabel.get(key(option));
    if (category === undefined)
      return { ok: false, reason: `has a box labelled ${quote(option ?? '')}, which is not a category of the content` };
    const names = new Set([key(labels[category])]);
    const normal = widget.lookupMaybe(PDFName.of('AP'), PDFDict)?.lookupMaybe(PDFName.of('N'), PDFDict);
    for (const name of normal?.keys() ?? []) if (nameText(name) !== 'Off') names.add(key(nameText(name)));
    const state = widget.lookup(PDFName.of('AS'));
    const ticked = state instanceof PDFName && nameText(state) !== 'Off';
    if (ticked) names.add(key(nameText(state)));
    boxes.push({ category, ticked, names });
  }

  const ticked = boxes.filter((box) => box.ticked);
  if (ticked.length > 1) {
    const which = ticked.map((box) => labels[box.category]).join(' and ');
    return {
      ok: false,
      reason: `has ${ticked.length} boxes ticked (${which}); only one answer can be counted, ask the person which they meant`,
    };
  }

  const value = field.lookup(PDFName.of('V'));
  let chosen = valueText(value);
  // A value of another kind (an array, a number) names no box: the file was not written by a form filler.
  if (value !== undefined && chosen === undefined && value !== PDFNull) {
    return {
      ok: false,
      reason: 'has a value that is not a name or a text (the file is damaged); ask for the file again',
    };
  }
  if (chosen === 'Off' || chosen === '') chosen = undefined;
  // Some fillers (pypdf) store the state name as a string, written as a name: "/2".
  if (chosen !== undefined && !(value instanceof PDFName) && chosen.startsWith('/')) chosen = chosen.slice(1);
  if (chosen !== undefined) {
    const named = boxes.filter((box) => box.names.has(key(chosen)));
    if (named.length !== 1) {
      const names = named.length === 0 ? 'names none of its boxes' : 'names more than one of its boxes';
      return { ok: false, reason: `has the value ${quote(chosen)}, which ${names}; ask for the file again` };
    }
    if (ticked.length > 0 && named[0] !== ticked[0]) {
      return {
        ok: false,
        reason: `shows ${labels[ticked[0].category]} ticked, but its value says ${labels[named[0].category]}; ask the person which they meant`,
      };
    }
    // A value naming one box, with no box switched on: fillers that set only the field's
    // value (pypdf 3) leave the widgets to the viewer, which shows that box ticked.
    return { ok: true, category: named[0].category };
  }
  return { ok: true, category: ticked.length === 1 ? ticked[0].category : null };
}

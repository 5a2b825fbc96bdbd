// How many cells an OpenDocument spreadsheet declares, counted from its XML before SheetJS
// expands it: one cell with `number-rows-repeated="100000"` on its row and
// `number-columns-repeated="1000"` is a 926-byte file that SheetJS turns into 100 million
// cell objects. Only cells that hold something are expanded (an empty repeated cell is how
// LibreOffice pads every sheet to its full width), so those are the ones counted.
import { countText, maxSheetCells, maxSheetRows } from '../limits.js';
import { quote } from '../text.js';

interface Declared {
  /** The table's name as the XML has it. */
  table: string;
  rows: number;
  cells: number;
}

interface Zip {
  read(data: Uint8Array, options: { type: 'buffer' }): unknown;
  find(container: unknown, path: string): { content?: Uint8Array } | null;
}

const tags = /<(\/?)(?:[\w.-]+:)?(covered-table-cell|table-cell|table-row|table)(?=[\s/>])([^>]*?)(\/?)>/g;
const repeated = (attributes: string, name: string) => {
  const match = new RegExp(`${name}-repeated\\s*=\\s*["']\\s*(\\d+)`).exec(attributes);
  return match ? Math.max(1, Number(match[1])) : 1;
};

/** The cells and rows each table of an .ods content.xml expands to, largest first. */
export function odsDeclared(xml: string): Declared {
  let worst: Declared = { table: '', rows: 0, cells: 0 };
  let table = '';
  let row = 0;
  let rowRepeat = 1;
  let rows = 0;
  let cells = 0;
  for (const [, close, tag, attributes, selfClosing] of xml.matchAll(tags)) {
    if (tag === 'table') {
      if (close || selfClosing) {
        if (cells > worst.cells || rows > worst.rows) worst = { table, rows, cells };
      } else {
        table = /\bname\s*=\s*"([^"]*)"/.exec(attributes)?.[1] ?? '';
        row = rows = cells = 0;
      }
    } else if (tag === 'table-row') {
      if (close) row += rowRepeat;
      else {
        rowRepeat = repeated(attributes, 'number-rows');
        if (selfClosing) row += rowRepeat;
      }
    } else if (!close && !selfClosing) {
      // A cell with content (not `<table:table-cell …/>`): copied into every repeated row and column.
      cells += rowRepeat * repeated(attributes, 'number-columns');
      rows = Math.max(rows, row + rowRepeat);
    }
  }
  if (cells > worst.cells || rows > worst.rows) worst = { table, rows, cells };
  return worst;
}

/** An OpenDocument file: a zip whose directory names `content.xml` (names are stored as they are). */
export const isOds = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('content.xml');

/** Why an .ods file is too large to read, or undefined; `zip` is SheetJS's zip reader. */
export function odsSizeProblem(bytes: Uint8Array, zip: Zip): string | undefined {
  let xml: string;
  try {
    const content = zip.find(zip.read(bytes, { type: 'buffer' }), 'content.xml')?.content;
    if (!content) return undefined; // an xlsx, or no spreadsheet: SheetJS says what it is
    xml = Buffer.from(content).toString('utf8');
  } catch {
    return undefined; // a damaged zip: SheetJS says so
  }
  const declared = odsDeclared(xml);
  return sheetSizeProblem({ ...declared, name: declared.table });
}

/** Why a tab of this many rows and cells is not read, or undefined. */
export function sheetSizeProblem({ name, rows, cells }: { name: string; rows: number; cells: number }) {
  if (rows <= maxSheetRows && cells <= maxSheetCells) return undefined;
  const tab = `sheet ${quote(name)}`;
  return `${tab} declares ${countText(rows)} rows and ${countText(cells)} cells (with its repeated rows and columns); a sheet is read up to ${countText(maxSheetRows)} rows and ${countText(maxSheetCells)} cells`;
}

// The typing template ("indtastningsark"): a workbook for typing a stack of paper tests, one
// row per paper sheet — a role column (leder/medarbejder, as the table reader finds a role
// column) and one column per statement, headed as the reader finds statements ("Udsagn 7"),
// every answer cell a drop-down of the scale's categories. SheetJS writes the workbook but
// not data validation, so the list is added to the sheet's XML here; the zip is written
// again dated as the PDFs are, so the same workshop gives the same bytes.
import { unzipSync, zipSync } from 'fflate';
import type { Content } from '../content/model.js';
import { buildDate } from '../output.js';

export interface TemplateTexts {
  /** The role column's header. */
  role: string;
  /** A statement column's header, with {{n}}. */
  statement: string;
  /** The tab's name. */
  tab: string;
}

/** Column letters of a 0-based index (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A list validation: an inline list is at most 255 characters, and its items cannot hold a comma. */
function listValidation(items: string[], sqref: string): string {
  const list = items.join(',');
  if (items.some((item) => item.includes(',') || item.includes('"')) || list.length > 255)
    throw new Error(`internal: the drop-down list ${list} cannot be written inline`);
  return (
    `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref}">` +
    `<formula1>"${escapeXml(list)}"</formula1></dataValidation>`
  );
}

/** Where <dataValidations> goes in a worksheet: before the first of these parts (the schema's order). */
const after = [
  '<hyperlinks',
  '<printOptions',
  '<pageMargins',
  '<pageSetup',
  '<headerFooter',
  '<drawing',
  '<legacyDrawing',
  '<tableParts',
  '<extLst',
  '</worksheet>',
];

/** The template for `rows` paper sheets, as xlsx bytes. */
export async function typingTemplate(content: Content, texts: TemplateTexts, rows: number): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const header = [texts.role, ...content.numbered.map((s) => texts.statement.replace('{{n}}', String(s.n)))];
  const sheet = XLSX.utils.aoa_to_sheet([header]);
  sheet['!cols'] = [{ wch: 14 }, ...content.numbered.map(() => ({ wch: 11 }))];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, texts.tab);
  const written = unzipSync(new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: false })));
  const part = 'xl/worksheets/sheet1.xml';
  const xml = new TextDecoder().decode(written[part]);
  const last = rows + 1;
  const roles = [content.resultSheet.leader.group, content.resultSheet.employee.group];
  const categories = content.scoring.scale.map((c) => c.label);
  const validations =
    `<dataValidations count="2">${listValidation(roles, `A2:A${last}`)}` +
    `${listValidation(categories, `B2:${columnName(content.numbered.length)}${last}`)}</dataValidations>`;
  const at = Math.min(...after.map((tag) => xml.indexOf(tag)).filter((i) => i >= 0));
  written[part] = new TextEncoder().encode(xml.slice(0, at) + validations + xml.slice(at));
  // SheetJS dates the workbook's properties; the file's date is the build date, as every output's.
  const mtime = buildDate();
  const core = 'docProps/core.xml';
  if (written[core]) {
    const iso = mtime.toISOString().replace(/\.\d{3}Z$/, 'Z');
    written[core] = new TextEncoder().encode(
      new TextDecoder().decode(written[core]).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, `$1${iso}`),
    );
  }
  return zipSync(Object.fromEntries(Object.entries(written).map(([name, bytes]) => [name, [bytes, { mtime }]])));
}

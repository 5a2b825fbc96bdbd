// The layout description: what a template produces and the renderer draws.
// Plain data (no pdfkit), so documents can be tested without drawing them.
// Templates say *what* is on a page; the renderer decides *how* each kind looks.

export type PaperSize = 'A4' | 'A3';

export interface LayoutDocument {
  title: string;
  /** Short description for the PDF metadata. */
  subject?: string;
  paper: PaperSize;
  /**
   * 'fixed': every page is given by the template (pageBreak blocks) and must fit; text is
   * shrunk within limits, and the build stops if it still cannot fit (tests, posters).
   * 'flow': blocks run onto new pages as needed (the checklist).
   */
  pages: 'fixed' | 'flow';
  blocks: Block[];
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | SpacerBlock
  | PageBreakBlock
  | RegistrationBlock;

export interface HeadingBlock {
  kind: 'heading';
  /** 1 title, 2 section, 3 subsection, 4 step (tagged H1–H4). */
  level: 1 | 2 | 3 | 4;
  text: string;
  /** 'band': set on a full-width grey band (the FØR / UNDER / EFTER phases). */
  style?: 'band';
  /** Where the text comes from, for "too long" messages. */
  source?: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  style?: 'lead' | 'body' | 'note' | 'big';
  /** Where the text comes from, for "too long" messages. */
  source?: string;
}

export interface ListBlock {
  kind: 'list';
  /** bullet •, number 1., check: a tick box before each item (checklists). */
  style: 'bullet' | 'number' | 'check';
  items: string[];
}

export interface SpacerBlock {
  kind: 'spacer';
  /** In body text lines. */
  lines: number;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

/**
 * The marks a scanned paper test is read back by (render/registration.ts): four corner
 * marks and a page code, drawn in the margins of the page the block is on.
 */
export interface RegistrationBlock {
  kind: 'registration';
  group: 'leader' | 'employee';
  /** The page of the test this block is on (1-based; copies repeat the pages). */
  page: number;
  /** What the test printed, 12 hex digits (layout/views/test.ts). */
  fingerprint: string;
  /** The sheet's number in a print run of numbered copies. */
  sheet?: number;
  /** Printed beside the code when there is a sheet number, e.g. "Ark {sheet}". */
  sheetLabel?: string;
}

export interface TableColumn {
  /**
   * Relative width: a column of 4 is four times a column of 1. A column is widened (at the
   * expense of the others) when its header or a word in it would not fit otherwise.
   */
  width: number;
  align?: 'left' | 'center' | 'right';
  /** The cells of this column name their row (tagged TH with Scope Row): the statement. */
  rowHeader?: boolean;
}

export type Cell =
  | { text: string; bold?: boolean; source?: string; align?: 'left' | 'center' | 'right' }
  /** An empty tick box (≥ 5 mm) to put an X in; name/value identify it as a form choice. */
  | { box: true; name?: string; value?: string }
  /** An empty area to write in by hand. */
  | { field: true }
  /** A pre-filled count; shade 0..1 is how large a share of the row it is (drawn as grey). */
  | { count: number; shade: number }
  /** A pre-filled count drawn as a bar; share 0..1 of the largest. */
  | { bar: number; share: number };

export interface TableRow {
  cells: Cell[];
  /** Emphasised row (the tendency band), drawn with a heavy frame and a label. */
  mark?: string;
}

export interface TableSection {
  /** A row across the whole table naming the section (a theme). */
  title?: string;
  /** Header cells for this section (repeated per theme in the tests). */
  header?: string[];
  rows: TableRow[];
}

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  /** Header cells shown once above all sections. */
  header?: string[];
  sections: TableSection[];
  /**
   * Row height: compact text rows, rows to write a number in, rows with tick boxes, or rows
   * to write counts in on a poster.
   */
  rows: 'compact' | 'write' | 'boxes' | 'poster' | 'posterLarge';
  /** Alternative text for screen readers summarising the table. */
  summary?: string;
  /**
   * On a fixed page, every row may grow by up to this share of the normal row height to
   * take up the room left at the bottom of the page (a poster table that fills its sheet).
   */
  grow?: number;
}

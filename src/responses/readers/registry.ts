// Every answer format, registered once: which files each reader takes and how it reads them.
// sources.ts picks a responses file's reader from here (see formatOf there for how a file's
// first bytes may overrule its extension); collect.ts sorts a folder's files by it.
import { extname } from 'node:path';
import type { SourcesContent } from '../sources.js';
import type { ReadOptions, Responses } from '../types.js';
import { readCsvResponses } from './csv/read-csv.js';
import { readJsonResponses } from './json.js';
import { imageExtensions, isScanInput } from './scan/detect.js';
import { readXlsxResponses } from './xlsx.js';
import { readYamlResponses } from './yaml.js';

export type Format = 'yaml' | 'json' | 'csv' | 'xlsx';

/** A reader of responses files: any number of respondents, of one group or both. */
interface ResponsesFileReader {
  format: Format;
  /** The extensions it takes, lower case. */
  extensions: readonly string[];
  read: (file: string, content: SourcesContent, options: ReadOptions) => Responses | Promise<Responses>;
  /** A table knows its group from a role column or a tab's name and checks a file given for one group itself. */
  checksGroup: boolean;
}

const responsesFileReaders: readonly ResponsesFileReader[] = [
  { format: 'yaml', extensions: ['.yaml', '.yml'], read: readYamlResponses, checksGroup: false },
  { format: 'json', extensions: ['.json'], read: readJsonResponses, checksGroup: false },
  { format: 'csv', extensions: ['.csv', '.tsv'], read: readCsvResponses, checksGroup: true },
  // SheetJS reads the older .xls and OpenDocument .ods too.
  { format: 'xlsx', extensions: ['.xlsx', '.xlsm', '.xls', '.ods'], read: readXlsxResponses, checksGroup: true },
];

/** The reader of a format. */
export const readerOf = (format: Format): ResponsesFileReader =>
  responsesFileReaders.find((reader) => reader.format === format)!;

/** The format a file's extension names, if any. */
export const formatOfExtension = (file: string): Format | undefined => {
  const extension = extname(file).toLowerCase();
  return responsesFileReaders.find((reader) => reader.extensions.includes(extension))?.format;
};

/**
 * Readers of paper, read whole by collect.ts: scanned paper tests (PDFs of page images, or
 * the images; read together, as a paper sheet's pages may be in two files) and returned
 * fillable tests (one respondent each). The first whose `takes` holds reads the file.
 */
type PaperKind = 'scan' | 'returned-form';
interface PaperReader {
  kind: PaperKind;
  extensions: readonly string[];
  takes: (file: string, bytes: Uint8Array) => boolean;
}

const isPdf = (file: string): boolean => extname(file).toLowerCase() === '.pdf';

export const paperReaders: readonly PaperReader[] = [
  { kind: 'scan', extensions: ['.pdf', ...imageExtensions], takes: isScanInput }, // a PDF of images and no form
  { kind: 'returned-form', extensions: ['.pdf'], takes: (file) => isPdf(file) },
];

/** Whether a file is read as paper (by its name: a PDF or a page image). */
export const isPaperFile = (file: string): boolean =>
  paperReaders.some((reader) => reader.extensions.includes(extname(file).toLowerCase()));

/** Every extension a folder's files are read by, as messages list them. */
export const readableExtensions: readonly string[] = [
  ...new Set([
    '.pdf',
    ...responsesFileReaders.flatMap((r) => r.extensions),
    ...paperReaders.flatMap((r) => r.extensions),
  ]),
];

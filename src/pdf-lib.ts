// pdf-lib, loaded from its single-file build: the package's main entry is ~300 CommonJS
// files, whose loading alone cost a build ~0.2 s; the bundle is the same release, one file.
// Everything in src/ takes pdf-lib from here, so its classes are one set (instanceof holds).
import { createRequire } from 'node:module';

type PdfLib = typeof import('pdf-lib');
const pdfLib = createRequire(import.meta.url)('pdf-lib/dist/pdf-lib.min.js') as PdfLib;

export const PDFArray = pdfLib.PDFArray;
export type PDFArray = import('pdf-lib').PDFArray;
export const PDFBool = pdfLib.PDFBool;
export type PDFBool = import('pdf-lib').PDFBool;
export const PDFDict = pdfLib.PDFDict;
export type PDFDict = import('pdf-lib').PDFDict;
export const PDFDocument = pdfLib.PDFDocument;
export type PDFDocument = import('pdf-lib').PDFDocument;
export const PDFHexString = pdfLib.PDFHexString;
export type PDFHexString = import('pdf-lib').PDFHexString;
export const PDFName = pdfLib.PDFName;
export type PDFName = import('pdf-lib').PDFName;
export const PDFNull = pdfLib.PDFNull;
export const PDFNumber = pdfLib.PDFNumber;
export type PDFNumber = import('pdf-lib').PDFNumber;
export const PDFRawStream = pdfLib.PDFRawStream;
export type PDFRawStream = import('pdf-lib').PDFRawStream;
export const PDFRef = pdfLib.PDFRef;
export type PDFRef = import('pdf-lib').PDFRef;
export const PDFStream = pdfLib.PDFStream;
export type PDFStream = import('pdf-lib').PDFStream;
export const PDFString = pdfLib.PDFString;
export type PDFString = import('pdf-lib').PDFString;
export type { PDFContext } from 'pdf-lib';

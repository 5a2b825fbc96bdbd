// The floor for a cold build: a process that only loads pdfkit and writes one empty A4
// page. Nothing a build does can be cheaper than this.
import { writeFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const out = process.argv[2];
if (!out) throw new Error('usage: node floor.js OUT.pdf');
const doc = new PDFDocument({ size: 'A4' });
const chunks: Buffer[] = [];
doc.on('data', (chunk: Buffer) => chunks.push(chunk));
doc.on('end', () => writeFileSync(out, Buffer.concat(chunks)));
doc.end();

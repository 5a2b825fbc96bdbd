import { readFileSync } from 'node:fs';
const cpu = () => { const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
let last = cpu(); const out = [];
const mark = (l) => { const n = cpu(); out.push(`${l}:${n - last}`); last = n; };
mark('node');
const { loadContent } = await import('./dist/src/content/load.js'); mark('content-mod');
const { documents } = await import('./dist/src/app/documents.js');
const { renderDocumentPdf } = await import('./dist/src/app/build.js'); mark('build-mods');
await import('pdfkit'); mark('pdfkit');
const content = loadContent('content/da', {}); mark('content');
const { makeFillable } = await import('./dist/src/forms/fillable.js'); mark('pdf-lib mod');
for (const spec of documents) {
  if (spec.notMade?.(undefined)) continue;
  await renderDocumentPdf(spec, content, {}); mark(spec.id);
  if (spec.fillable) { const pdf = await renderDocumentPdf(spec, content, {}, true); mark('render-' + spec.fillable.id);
    const { meta, scoring, numbered } = content; await makeFillable(pdf, { content: { meta, scoring, numbered }, group: spec.fillable.group }); mark('form'); }
}
console.log(out.join(' '), 'total', cpu());

// `mus app` with scanned paper tests: the doubtful row is decided on the review page, written
// to the corrections file the CLI reads, and the result page shows the numbers `mus tally`
// gives of the same folder; the pre-filled posters carry them.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answersMemo } from '../src/app/workshop-answers.js';
import { readWorkshopFolder, workshopContent } from '../src/app/workshop.js';
import { loadContent } from '../src/documents/load.js';
import { defaultContentDir } from '../src/paths.js';
import { fixture, runMus } from './helpers/cli.js';
import { pagesOfBytes } from './helpers/pdf.js';
import { printTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack } from './helpers/scan/stack.js';
import { createWorkshop, multipart, pageText, testApp, type TestApp } from './helpers/web.js';

const content = loadContent(defaultContentDir);
let app: TestApp;
const leader = randomAnswers(20, 700);
leader[1] = 1; // statement 2: Sjældent, and a second cross in Oftest

beforeAll(async () => {
  app = await testApp();
  await createWorkshop(app, 'skannet');
  const [leaderTest, employeeTest] = await Promise.all([printTest(content, 'leader'), printTest(content, 'employee')]);
  const scan = await scanStack(
    [
      { test: leaderTest, answers: leader, extra: [{ statement: 2, category: 3, style: 'x' }] },
      { test: employeeTest, answers: randomAnswers(20, 701) },
    ],
    { dpi: 150, encoding: 'jpeg', seed: 5 },
  );
  const upload = multipart([
    { name: 'kopimaskine.pdf', bytes: scan },
    { name: 'google.csv', bytes: readFileSync(fixture('exports/google-begge.csv')) },
    { name: 'udfyldt.pdf', bytes: readFileSync(fixture('returned/pdftk-medarbejder.pdf')) },
  ]);
  const response = await app.request({ method: 'POST', url: '/w/skannet/svar', ...upload });
  if (response.statusCode !== 303) throw new Error(response.body);
}, 180_000);
afterAll(() => app.app.server.close());

const answers = () => join(app.root, 'skannet', 'svar');

/** The counts of a result page's group sections, in order: step 1's bands, then each statement's cells. */
function pageNumbers(html: string): { respondents: number; numbers: number[] }[] {
  return html
    .split('<section class="group">')
    .slice(1)
    .filter((section) => !section.includes('class="compare"'))
    .map((section) => ({
      respondents: Number(/<p>(\d+) besvarelser<\/p>/.exec(section)?.[1]),
      numbers: [...section.matchAll(/<td class="num">(\d+)<\/td>|<span class="count">(\d+)<\/span>/g)].map((m) =>
        Number(m[1] ?? m[2]),
      ),
    }));
}

describe('Svar, Gennemgang and Resultat with a scan', () => {
  it('lists the scan as what it was read as, with its doubtful row, beside the other files', async () => {
    const text = pageText((await app.get('/w/skannet/svar')).body);
    expect(text).toContain('kopimaskine.pdf scannet, 2 ark 1 svar skal ses igennem');
    expect(text).toContain('udfyldt.pdf udfyldt test, medarbejder');
    expect(text).toMatch(/google\.csv tabel \(csv\), \d+ besvarelser/);
    expect(text).toContain('1 svar på de scannede ark skal ses igennem');
  }, 120_000);

  it('shows the doubtful row with the picture of its boxes; the decision goes to rettelser.yaml as the CLI reads it', async () => {
    const page = await app.get('/w/skannet/gennemgang');
    const text = pageText(page.body);
    expect(text).toContain('1 tilbage');
    expect(text).toContain('Ark kopimaskine.pdf:1 · udsagn 2 · kopimaskine.pdf, side 1');
    expect(text).toContain(content.numbered[1].leader);
    const picture = await app.get(/src="([^"]+\.png[^"]*)"/.exec(page.body)![1].replace(/&amp;/g, '&'));
    expect(picture.headers['content-type']).toBe('image/png');
    expect(picture.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // A row the reading did not flag is not decided here.
    const other = await app.post('/w/skannet/gennemgang', { sheet: 'svar-001.pdf:1', statement: '3', answer: '0' });
    expect(other.statusCode).toBe(404);
    const before = pageNumbers((await app.get('/w/skannet/resultat')).body);
    // What the app read of the scan: its pages, once (the Svar page and the folder reading alike).
    const skannet = readWorkshopFolder(app.root, 'skannet')!;
    const memo = answersMemo(workshopContent(defaultContentDir, skannet), skannet);
    const scan = join(answers(), 'svar-001.pdf');
    expect(memo.readCount('scan pages', scan)).toBe(1);
    const decided = await app.post('/w/skannet/gennemgang', { sheet: 'svar-001.pdf:1', statement: '2', answer: '1' });
    expect(decided.statusCode).toBe(303);
    const corrections = parse(readFileSync(join(answers(), 'rettelser.yaml'), 'utf8'));
    expect(corrections).toEqual([{ sheet: 'svar-001.pdf:1', statement: 2, answer: 'Sjældent' }]);
    expect(pageText((await app.get('/w/skannet/gennemgang')).body)).toContain('Der er ingen svar at se igennem.');
    const after = pageNumbers((await app.get('/w/skannet/resultat')).body);
    expect(after).not.toEqual(before);
    // The decision re-applied the corrections to the pages read before: no scan was read again.
    const svar = pageText((await app.get('/w/skannet/svar')).body);
    expect(svar).toContain('kopimaskine.pdf scannet, 2 ark');
    expect(svar).not.toContain('skal ses igennem');
    expect(memo.readCount('scan pages', scan)).toBe(1);
    expect(memo.readCount('file', scan)).toBe(1);
    // A scan whose bytes changed is read again (a PDF may end with anything after %%EOF).
    appendFileSync(scan, '\n');
    expect(pageNumbers((await app.get('/w/skannet/resultat')).body)).toEqual(after);
    expect(memo.readCount('scan pages', scan)).toBe(2);
  }, 120_000);

  it('the result page shows the numbers mus tally gives of the same folder, and the posters carry them', async () => {
    const tally = runMus([
      'tally',
      '--json',
      '--skip-invalid',
      '--workshop',
      join(app.root, 'skannet', 'workshop.yaml'),
      answers(),
    ]);
    expect(tally.code).toBe(0);
    const json = JSON.parse(tally.stdout);
    const html = (await app.get('/w/skannet/resultat')).body;
    const expected = [json.leaders, json.employees]
      .filter((group) => group.respondents > 0)
      .map((group) => ({
        respondents: group.respondents,
        numbers: [
          ...group.bands.map((b: { count: number }) => b.count),
          ...group.statements.flatMap((s: { counts: number[]; unanswered: number }) => [...s.counts, s.unanswered]),
        ],
      }));
    expect(pageNumbers(html)).toEqual(expected);
    expect(html).toContain('class="compare"');
    expect((html.match(/<strong class="tag">DIALOG<\/strong>/g) ?? []).length).toBe(5);
    const zip = await app.get('/w/skannet/plakater.zip');
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual([
      'dialogplakat.pdf',
      'resultatskema-leder.pdf',
      'resultatskema-medarbejder.pdf',
      'resultatskema-sammenligning.pdf',
    ]);
    const poster = await pagesOfBytes(files['resultatskema-leder.pdf']);
    expect(poster[0].text).toContain(`Antal besvarelser: ${json.leaders.respondents}`);
    expect(existsSync(join(app.root, 'skannet', 'plakater', 'resultatskema-leder.pdf'))).toBe(true);
    const one = await app.get('/w/skannet/plakater/resultatskema-sammenligning.pdf');
    expect(one.headers['content-type']).toBe('application/pdf');
    expect((await app.get('/w/skannet/plakater/handleplan.pdf')).statusCode).toBe(404);
  }, 180_000);
});

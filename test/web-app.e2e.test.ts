// `mus app` end to end in a real browser: Chromium from the npm package @sparticuz/chromium
// (so `npm ci` brings it), driven by playwright-core. A facilitator's whole workshop: create
// it, download the material, drop a scan with a doubtful row, a returned fillable test and a
// survey export, decide the row with the keyboard alone, and find on the result page and in
// the downloaded poster what `mus tally` gives of the same files. Each page is checked with
// axe-core and photographed at a laptop's and a phone's size (test/.output/web/).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { unzipSync } from 'fflate';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { defaultContentDir } from '../src/paths.js';
import { createApp, type App } from '../src/web/server.js';
import { fixture, repoRoot, runMus } from './helpers/cli.js';
import { pagesOfBytes, tempDir } from './helpers/pdf.js';
import { printTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack } from './helpers/scan/stack.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const shots = join(repoRoot, 'test', '.output', 'web');

let app: App;
let url: string;
let browser: Browser;
let page: Page;
const root = join(tempDir('mus-web-e2e-'), 'workshops');
const files = tempDir('mus-web-e2e-files-');
const cspErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  app = await createApp({ root, contentDir: defaultContentDir });
  url = await app.listen(0);
  browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) cspErrors.push(message.text());
  });
  // The answers a facilitator gets back: a returned fillable test and a survey export (the scan: below).
  writeFileSync(join(files, 'udfyldt.pdf'), readFileSync(fixture('returned/pdftk-medarbejder.pdf')));
  writeFileSync(join(files, 'forms.csv'), readFileSync(fixture('exports/google-begge.csv')));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.server.close();
});

/** axe-core in the page: no serious or critical violations. */
async function checkAccessibility(name: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    name,
  ).toEqual([]);
}

/** Photographs the page at a laptop's and a phone's size; `whole` for the laptop's too when what matters is below the window (the file list). */
async function photograph(name: string, whole = false): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}-1280.png`), fullPage: whole });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(shots, `${name}-390.png`), fullPage: true }); // the whole page, to look at
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function download(click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await file.path());
}

describe('a workshop in the browser', () => {
  it('creates a workshop from the form', async () => {
    await page.goto(url);
    expect(page.url()).not.toContain('token'); // exchanged for the cookie
    await checkAccessibility('home');
    await photograph('1-workshops');
    await page.getByRole('link', { name: 'Opret en ny workshop' }).click();
    await page.getByLabel('Navn på workshoppen').fill('lageret');
    await page.getByLabel('Arbejdsplads').fill('Lageret A/S');
    await page.getByLabel('Dato').fill('12. marts 2026');
    await page.getByLabel('Tilgang 1. En samlet fælles proces').check();
    await page.getByLabel('Antal nummererede eksemplarer').fill('2');
    await checkAccessibility('form');
    await photograph('2-ny-workshop');
    await page.getByRole('button', { name: 'Gem og lav materialet' }).click();
    await page.waitForURL(/\/w\/lageret\/materiale$/, { timeout: 120_000 });
  }, 180_000);

  it('shows the material with thumbnails; the zip holds its PDFs', async () => {
    await page.waitForFunction(
      () => [...document.querySelectorAll('.document img')].every((img) => (img as HTMLImageElement).naturalWidth > 0),
      undefined,
      { timeout: 120_000 },
    );
    expect(await page.locator('.document').count()).toBe(9);
    await checkAccessibility('material');
    await photograph('3-materiale');
    const zip = unzipSync(
      new Uint8Array(await download(() => page.getByRole('link', { name: 'Hent alt (zip)' }).click())),
    );
    expect(Object.keys(zip)).toHaveLength(9);
    const test = await pagesOfBytes(zip['mus-test-leder-2-ark.pdf']);
    expect(test).toHaveLength(4);
    const checklist = await pagesOfBytes(zip['procesguide-tjekliste.pdf']);
    expect(checklist[0].text).toContain('Lageret A/S');
  }, 180_000);

  it('reads the dropped answers, each as what it is, and counts them per group', async () => {
    // A copier's scan of the tests printed for this workshop, with a doubtful row (two crosses in statement 5).
    const printed = loadContent(defaultContentDir, { workshopFile: join(root, 'lageret', 'workshop.yaml') });
    const [leaderTest, employeeTest] = await Promise.all([
      printTest(printed, 'leader'),
      printTest(printed, 'employee'),
    ]);
    const doubled = randomAnswers(20, 800);
    doubled[4] = 0;
    const scan = await scanStack(
      [
        { test: leaderTest, answers: doubled, extra: [{ statement: 5, category: 2, style: 'x' }] },
        { test: employeeTest, answers: randomAnswers(20, 801) },
      ],
      { dpi: 150, encoding: 'jpeg', seed: 9 },
    );
    writeFileSync(join(files, 'scannet.pdf'), scan);
    await page.getByRole('link', { name: 'Svar', exact: true }).click();
    await page.locator('#files').setInputFiles(['scannet.pdf', 'udfyldt.pdf', 'forms.csv'].map((f) => join(files, f)));
    await page.getByRole('button', { name: 'Læg filerne ind' }).click();
    await page.waitForSelector('table.files', { timeout: 180_000 });
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('scannet.pdf scannet, 2 ark');
    expect(text).toContain('udfyldt.pdf udfyldt test, medarbejder');
    const csv = JSON.parse(runMus(['tally', '--json', join(files, 'forms.csv')]).stdout);
    expect(text).toContain(`Ledere: ${1 + csv.leaders.respondents} besvarelser`);
    expect(text).toContain(`Medarbejdere: ${2 + csv.employees.respondents} besvarelser`);
    await checkAccessibility('answers');
    await photograph('4-svar', true); // docs/app/4-svar.png: the file list is below the drop zone
  }, 240_000);

  it('decides the doubtful row with the keyboard alone', async () => {
    await page.getByRole('link', { name: '1 svar på de scannede ark skal ses igennem' }).click();
    await page.waitForFunction(
      () => ((document.querySelector('.boxes img') as HTMLImageElement)?.naturalWidth ?? 0) > 0,
    );
    expect(await page.locator('.counter').innerText()).toBe('1 tilbage');
    await checkAccessibility('review');
    await photograph('5-gennemgang');
    await page.keyboard.press('1'); // Aldrig
    await page.keyboard.press('Enter');
    await page.getByText('Der er ingen svar at se igennem.').waitFor({ timeout: 120_000 });
  }, 180_000);

  it('types in a paper sheet with the keys 1–5', async () => {
    await page.goto(url.replace(/\/\?token=.*/, '/w/lageret/indtast?gruppe=employee'));
    await checkAccessibility('entry');
    await page.locator('input[name="s1"]').first().focus();
    for (let n = 1; n <= 20; n++) await page.keyboard.press(String(((n - 1) % 5) + 1));
    await photograph('6-indtast');
    await page.keyboard.press('Enter'); // the focus is on the save button after the last row
    await page.getByText('Arket er gemt').waitFor();
  }, 120_000);

  it('the result page and the downloaded poster show what mus tally gives of the same files', async () => {
    await page.getByRole('link', { name: 'Resultat' }).click();
    await page.waitForSelector('section.group', { timeout: 180_000 });
    const tally = JSON.parse(
      runMus([
        'tally',
        '--json',
        '--skip-invalid',
        '--workshop',
        join(root, 'lageret', 'workshop.yaml'),
        join(root, 'lageret', 'svar'),
      ]).stdout,
    );
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`${tally.leaders.respondents} besvarelser`);
    expect(text).toContain(`${tally.employees.respondents} besvarelser`);
    // Leader statement 5 was decided Aldrig: the scan's row, counted.
    const cells = await page.locator('section.group').first().locator('tr[data-n="5"] .count').allInnerTexts();
    expect(cells.map(Number)).toEqual([...tally.leaders.statements[4].counts, tally.leaders.statements[4].unanswered]);
    await checkAccessibility('result');
    await photograph('7-resultat');
    const zip = unzipSync(
      new Uint8Array(await download(() => page.getByRole('link', { name: 'Hent plakater (zip)' }).click())),
    );
    const poster = await pagesOfBytes(zip['resultatskema-leder.pdf']);
    expect(poster[0].text).toContain(`Antal besvarelser: ${tally.leaders.respondents}`);
    expect(cspErrors).toEqual([]);
  }, 300_000);
});

// Pages lying on their side: a phone held sideways (its picture 4032 × 3024, the page's top to
// the right or left) and a scan fed sideways (an A4 image on its long side). Both read the
// answers drawn, as the page upright does; `--json` says each photo's turn and how far its
// marks are from a rectangle (its perspective).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { degrees, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPrinting } from '../src/app/scans.js';
import { noticeLine } from '../src/content/problems.js';
import { loadContent } from '../src/documents/load.js';
import { readScans } from '../src/responses/readers/scan/read-scans.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { tempFolder } from './helpers/scratch.js';
import { phonePhoto } from './helpers/scan/phone.js';
import { printTest, type PrintedTest } from './helpers/scan/printed.js';
import { scanPdf, turnBitsRight } from './helpers/scan/scanner.js';
import { scanImages } from './helpers/scan/stack.js';

const content = loadContent(join(repoRoot, 'content/da'));
let leaderTest: PrintedTest;

// The plan drawn (category index, null blank); statements 1–12 on the front, 13–20 on the back.
const answers = [3, 0, null, 4, 1, 2, 2, 0, 4, null, 1, 3, 0, 2, 4, null, 1, 3, 3, 0];
const front = answers.slice(0, 12);

beforeAll(async () => {
  leaderTest = await printTest(content, 'leader');
}, 60_000);

const folder = (files: Record<string, Uint8Array>) => tempFolder('mus-scan-turn-', files);

async function read(dir: string, names: string[]) {
  const notices: string[] = [];
  const result = await readScans(
    names.map((name) => ({ file: join(dir, name) })),
    content,
    { printing: scanPrinting(content), notice: (line) => notices.push(noticeLine(line, {})) },
  );
  return { result, notices };
}

describe('a phone held sideways', () => {
  it('the same page upright, turned 90° and turned 270° in the picture: each read as drawn, with its turn', async () => {
    const plan = { test: leaderTest, page: 1, answers, pen: 'x' as const };
    const shot = { tilt: 0.06, rotate: 2, seed: 21 };
    const upright = await phonePhoto(plan, shot);
    const right = await phonePhoto(plan, { ...shot, turn: 90 });
    const left = await phonePhoto(plan, { ...shot, turn: 270, format: 'png', width: 2448, height: 3264 });
    expect([right.width, right.height, left.width, left.height]).toEqual([4032, 3024, 3264, 2448]);
    // The page's top-left mark lies top right in the picture turned clockwise, bottom left anticlockwise.
    expect(right.marks[0].x > right.width / 2 && right.marks[0].y < right.height / 2).toBe(true);
    expect(left.marks[0].x < left.width / 2 && left.marks[0].y > left.height / 2).toBe(true);
    const dir = folder({ 'lige.jpg': upright.bytes, 'hoejre.jpg': right.bytes, 'venstre.png': left.bytes });
    for (const name of ['lige.jpg', 'hoejre.jpg', 'venstre.png']) {
      const { result } = await read(dir, [name]);
      expect(result.problems, name).toEqual([]);
      // The front alone: its rows read, none flagged (the back's rows are listed as missing).
      expect(
        result.flagged.filter((row) => row.statement <= 12),
        name,
      ).toEqual([]);
      expect(result.responses.leader[0].answers.slice(0, 12), name).toEqual(front);
    }
    const { result, notices } = await read(dir, ['lige.jpg', 'hoejre.jpg', 'venstre.png']);
    expect(result.report.photos.map(({ file, turn }) => ({ file, turn }))).toEqual([
      { file: 'lige.jpg', turn: 0 },
      { file: 'hoejre.jpg', turn: 90 },
      { file: 'venstre.png', turn: 270 },
    ]);
    // A photo is taken any way round: its turn is in --json, not said.
    expect(notices.filter((line) => /sideways/.test(line))).toEqual([]);
  }, 300_000);

  it('--json: a photo tilted 15 % (far edge narrower) says so, turned or not; one from straight above says a rectangle', async () => {
    const plan = { test: leaderTest, page: 1, answers, pen: 'x' as const };
    // Far edge 15 % narrower than the near: the marks' rows (7 % in from the ends) differ by about
    // 1.065 / 0.935 ≈ 1.14, and the marks' columns (179 mm apart) lean in by
    // atan(0.15 × 179 / 2 / 297) ≈ 2.6° each.
    const tilted = await phonePhoto(plan, { tilt: 0.15, lean: 0, rotate: 3, turn: 90, seed: 22 });
    const flat = await phonePhoto(plan, { tilt: 0, lean: 0, rotate: 0, light: { bright: 1, dark: 0.85 }, seed: 23 });
    const dir = folder({ 'skraa.jpg': tilted.bytes, 'flad.jpg': flat.bytes });
    const result = runMus(['tally', dir, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const photos = JSON.parse(result.stdout).scans.photos as Record<string, unknown>[];
    expect(photos.map((p) => [p.file, p.page, p.turn])).toEqual([
      ['flad.jpg', 1, 0],
      ['skraa.jpg', 1, 90],
    ]);
    const [flad, skraa] = photos as { cornerAngle: number; sideRatio: number }[];
    expect(skraa.sideRatio).toBeGreaterThan(1.11);
    expect(skraa.sideRatio).toBeLessThan(1.17);
    expect(skraa.cornerAngle).toBeGreaterThan(2.2);
    expect(skraa.cornerAngle).toBeLessThan(3);
    expect(flad.sideRatio).toBeGreaterThanOrEqual(1);
    expect(flad.sideRatio).toBeLessThan(1.01);
    expect(flad.cornerAngle).toBeGreaterThanOrEqual(0);
    expect(flad.cornerAngle).toBeLessThan(0.3);
  }, 300_000);
});

describe('a photo held sideways with a corner mark cut off', () => {
  it('is refused with the photo advice, never read from three marks nor skipped', async () => {
    // The same shot as the refused upright photo (scan-photo.e2e.test.ts), the phone turned: the
    // sheet fills the picture and lies off-centre, so one corner mark falls outside it.
    const cut = await phonePhoto(
      { test: leaderTest, page: 1, answers, pen: 'x' },
      { fill: 0.97, dx: 0.1, rotate: -3, seed: 6, turn: 90 },
    );
    const inside = cut.marks.filter((m) => m.x > 0 && m.y > 0 && m.x < cut.width && m.y < cut.height);
    expect([cut.width > cut.height, inside.length]).toEqual([true, 3]);
    const result = runMus(['tally', folder({ 'foto.jpg': cut.bytes })]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/foto\.jpg page 1: er et foto af en side af MUS-testen, men ikke alle fire hjørnemærker/);
    expect(lines[0]).toMatch(/Tag billedet lige ovenfra, hele arket med\.$/);
  }, 240_000);
});

describe('a scan fed sideways', () => {
  let dir: string;
  beforeAll(async () => {
    const [frontPage, backPage] = await scanImages([{ test: leaderTest, answers, pen: 'x' }], {
      dpi: 150,
      encoding: 'grey-jpeg',
      seed: 24,
    });
    if (frontPage.kind === 'bits' || backPage.kind === 'bits') throw new Error('grey JPEG pages expected');
    // The front lying with its top to the right (a JPEG), the back with its top to the left (a PNG).
    const side = await sharp(frontPage.bytes).rotate(90).jpeg({ quality: 85 }).toBuffer();
    const other = await sharp(backPage.bytes).rotate(270).png().toBuffer();
    const sizes = await Promise.all([side, other].map(async (b) => (await sharp(b).metadata()).width));
    expect(sizes).toEqual([frontPage.height, backPage.height]);
    // The same two in a PDF of landscape pages, as a scanner writes a sheet fed sideways.
    const pdf = await PDFDocument.create({ updateMetadata: false });
    for (const image of [await pdf.embedJpg(side), await pdf.embedPng(other)])
      pdf.addPage([841.89, 595.28]).drawImage(image, { x: 0, y: 0, width: 841.89, height: 595.28 });
    dir = folder({ '1-forside.jpg': side, '2-bagside.png': other, 'scan.pdf': await pdf.save() });
  }, 240_000);

  it('both sides read as drawn, not as photos, each said to be read turned', async () => {
    const { result, notices } = await read(dir, ['1-forside.jpg', '2-bagside.png']);
    expect(result.problems).toEqual([]);
    expect(result.flagged).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(result.report.photos).toEqual([]);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/1-forside\.jpg page 1: was scanned sideways; read turned$/);
    expect(notices[1]).toMatch(/2-bagside\.png page 1: was scanned sideways; read turned$/);
  }, 240_000);

  it('in a PDF of landscape pages: read as drawn, said for each page', async () => {
    const { result, notices } = await read(dir, ['scan.pdf']);
    expect(result.problems).toEqual([]);
    expect(result.flagged).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/scan\.pdf page 1: was scanned sideways; read turned$/);
    expect(notices[1]).toMatch(/scan\.pdf page 2: was scanned sideways; read turned$/);
  }, 240_000);

  it('in a PDF whose pages say /Rotate (the pixels lie sideways, a viewer shows them upright): read as drawn, as upright pages', async () => {
    // A scanner may keep the pixels as scanned and record the turn in the page: such a page is
    // drawn by pdf.js as a viewer shows it (pdf-image.ts leaves /Rotate to it), upright, so it is
    // read as an upright page and not said to be sideways.
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const images = [
      await pdf.embedJpg(readFileSync(join(dir, '1-forside.jpg'))),
      await pdf.embedPng(readFileSync(join(dir, '2-bagside.png'))),
    ];
    for (const [image, turn] of [
      [images[0], 270],
      [images[1], 90],
    ] as const) {
      const page = pdf.addPage([841.89, 595.28]);
      page.drawImage(image, { x: 0, y: 0, width: 841.89, height: 595.28 });
      page.setRotation(degrees(turn));
    }
    const rotated = folder({ 'roteret.pdf': await pdf.save() });
    const { result, notices } = await read(rotated, ['roteret.pdf']);
    expect(result.problems).toEqual([]);
    expect(result.flagged).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(notices.filter((line) => /sideways|upside down/.test(line))).toEqual([]);
  }, 240_000);

  it('black-and-white at 300 dpi (1-bit), both sides turned clockwise in a PDF: read as drawn', async () => {
    const pages = await scanImages([{ test: leaderTest, answers, pen: 'x' }], { dpi: 300, encoding: 'bits', seed: 25 });
    const turned = pages.map((page) => {
      if (page.kind !== 'bits') throw new Error('1-bit pages expected');
      return turnBitsRight(page);
    });
    expect(turned.map((page) => [page.width, page.height])).toEqual(pages.map((page) => [page.height, page.width]));
    const bw = folder({ 'sh.pdf': await scanPdf(turned) });
    const { result, notices } = await read(bw, ['sh.pdf']);
    expect(result.problems).toEqual([]);
    expect(result.flagged).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(notices.filter((line) => /was scanned sideways; read turned$/.test(line))).toHaveLength(2);
  }, 240_000);
});

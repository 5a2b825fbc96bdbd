// Phone photos of paper tests (helpers/scan/phone.ts): the sheet lies on a table, seen in
// perspective and turned, lit unevenly, as a 12 MP JPEG or an 8 MP PNG. Read when all four
// corner marks are in the picture, mapped by a homography; refused with advice, naming the
// file and page, when one is not, also among readable pages of a scan (never a skip).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPrinting } from '../src/app/scans.js';
import { noticeLine } from '../src/content/problems.js';
import { loadContent } from '../src/documents/load.js';
import { decodeImageBytes } from '../src/responses/readers/scan/decode-image.js';
import { readScans } from '../src/responses/readers/scan/read-scans.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { userError } from './helpers/hostile.js';
import { tempFolder } from './helpers/scratch.js';
import { corpusPhotos, corpusSheet, profiles } from './helpers/scan/corpus.js';
import { phonePhoto } from './helpers/scan/phone.js';
import { printTest, type PrintedTest } from './helpers/scan/printed.js';
import { scanPdf } from './helpers/scan/scanner.js';
import { scanImages } from './helpers/scan/stack.js';

const content = loadContent(join(repoRoot, 'content/da'));
let leaderTest: PrintedTest;

// Aldrig 0, Sjældent 1, Af og til 2, Oftest 3, Altid 4; statements 1–12 on the front, 13–20 on the back.
const answers = [0, 4, 2, null, 3, 1, 1, 4, 0, 2, 3, null, 4, 4, 0, 1, null, 2, 3, 0];
const labelled = [
  'Aldrig',
  'Altid',
  'Af og til',
  null,
  'Oftest',
  'Sjældent',
  'Sjældent',
  'Altid',
  'Aldrig',
  'Af og til',
  'Oftest',
  null,
  'Altid',
  'Altid',
  'Aldrig',
  'Sjældent',
  null,
  'Af og til',
  'Oftest',
  'Aldrig',
];

beforeAll(async () => {
  leaderTest = await printTest(content, 'leader');
}, 60_000);

const folder = (files: Record<string, Uint8Array>) => tempFolder('mus-scan-photo-', files);

async function read(files: string[]) {
  const notices: string[] = [];
  const result = await readScans(
    files.map((file) => ({ file })),
    content,
    { printing: scanPrinting(content), notice: (line) => notices.push(noticeLine(line, {})) },
  );
  return { result, notices };
}

describe('phone photos of a test', () => {
  it('front as a 12 MP JPEG in perspective and turned, back as an 8 MP PNG upside down: read exactly, both said to be photos', async () => {
    const front = await phonePhoto(
      { test: leaderTest, page: 1, answers, pen: 'x' },
      { tilt: 0.08, rotate: 3, seed: 1 },
    );
    const back = await phonePhoto(
      { test: leaderTest, page: 2, answers, pen: 'x' },
      { width: 2448, height: 3264, format: 'png', upsideDown: true, tilt: 0.05, lean: -0.03, rotate: -2, seed: 2 },
    );
    expect([front.width * front.height, back.width * back.height]).toEqual([12_192_768, 7_990_272]);
    const dir = folder({ '1-forside.jpg': front.bytes, '2-bagside.png': back.bytes });
    const { result, notices } = await read([join(dir, '1-forside.jpg'), join(dir, '2-bagside.png')]);
    expect(result.problems).toEqual([]);
    expect(result.flagged).toEqual([]);
    const labels = content.scoring.scale.map((c) => c.label);
    expect(result.responses.leader.map((r) => r.answers.map((a) => (a === null ? null : labels[a])))).toEqual([
      labelled,
    ]);
    expect(result.report.photos.map(({ file, page, turn }) => ({ file, page, turn }))).toEqual([
      { file: '1-forside.jpg', page: 1, turn: 0 },
      { file: '2-bagside.png', page: 1, turn: 180 },
    ]);
    expect(notices).toContain(
      'scans: 2 pages read (0 from three corner marks, 2 photos); 0 rows flagged, 0 rows corrected',
    );
  }, 240_000);

  it('strong uneven light (half as bright in one corner) and a shadow across the sheet: no clean row flagged, every answer read', async () => {
    const photo = await phonePhoto(
      { test: leaderTest, page: 1, answers, pen: 'x' },
      { light: { bright: 1, dark: 0.5, shadow: 0.45 }, tilt: 0.1, rotate: -4, seed: 3 },
    );
    const dir = folder({ 'foto.jpg': photo.bytes });
    const { result } = await read([join(dir, 'foto.jpg')]);
    expect(result.problems).toEqual([]);
    // The front alone: nothing on it flagged (the back's statements are listed as missing).
    expect(result.flagged.filter((row) => row.statement <= 12)).toEqual([]);
    expect(result.flagged.map((row) => row.statement)).toEqual([13, 14, 15, 16, 17, 18, 19, 20]);
    // The front alone: its 12 statements read, the back's counted unanswered (a half sheet).
    expect(result.responses.leader[0].answers.slice(0, 12)).toEqual(answers.slice(0, 12));
    expect(result.responses.leader[0].answers.slice(12)).toEqual(Array(8).fill(null));
  }, 240_000);

  it('a picture shaped like A4 (a scanner app) with the page filling it in perspective: mapped through all four marks, a photo', async () => {
    const photo = await phonePhoto(
      { test: leaderTest, page: 1, answers, pen: 'x' },
      { width: 2480, height: 3508, fill: 0.99, tilt: 0.06, rotate: 0.5, seed: 12 },
    );
    const dir = folder({ 'app.jpg': photo.bytes });
    const { result } = await read([join(dir, 'app.jpg')]);
    expect(result.problems).toEqual([]);
    expect(result.flagged.filter((row) => row.statement <= 12)).toEqual([]);
    expect(result.responses.leader[0].answers.slice(0, 12)).toEqual(answers.slice(0, 12));
    expect(result.report.photos.map(({ file, page, turn }) => ({ file, page, turn }))).toEqual([
      { file: 'app.jpg', page: 1, turn: 0 },
    ]);
    expect(result.report.fromThreeMarks).toEqual([]);
  }, 240_000);

  it('a 12 MP photo is decoded at a third of its width by the JPEG codec (shrink-on-load), not at full size', async () => {
    const photo = await phonePhoto({ test: leaderTest, page: 1, answers: [] }, { seed: 4 });
    const image = await decodeImageBytes(photo.bytes);
    expect([image.width, image.height]).toEqual([1008, 1344]);
  }, 120_000);
});

describe("faint pencil on the bench corpus's phone photos: read as drawn, or flagged, never unanswered", () => {
  // Sheets 44 (leader) and 69 (employee) of the corpus's phone-photo profile, made as the bench
  // makes them: the back an 8 MP JPEG, lit unevenly, its 4th and 8th answers (statements 16
  // and 20) a light pencil X. Measured against the whole picture's median grey, graphite in the
  // bright part of the page read as paper: 44's statement 20 and 69's statement 16 unanswered.
  const drawn = {
    44: [
      'Af og til',
      'Sjældent',
      null,
      'Oftest',
      'Altid',
      'Af og til',
      'Altid',
      'Af og til',
      'Aldrig',
      'Altid',
      'Sjældent',
      'Oftest',
      'Aldrig',
      'Sjældent',
      'Oftest',
      'Sjældent',
      'Af og til',
      'Af og til',
      'Altid',
      'Altid',
    ],
    69: [
      'Altid',
      'Altid',
      'Aldrig',
      'Sjældent',
      'Aldrig',
      'Altid',
      'Sjældent',
      'Sjældent',
      'Oftest',
      null,
      'Af og til',
      'Altid',
      'Altid',
      'Af og til',
      'Aldrig',
      'Sjældent',
      'Sjældent',
      'Altid',
      'Af og til',
      'Aldrig',
    ],
  };
  it.each([
    { s: 44, group: 'leader', pencil: 20, answer: 'Altid' },
    { s: 69, group: 'employee', pencil: 16, answer: 'Sjældent' },
  ] as const)(
    'sheet $s ($group test): statement $pencil, a pencil X in "$answer", and every other row as drawn',
    async ({ s, group, pencil, answer }) => {
      const tests = { leader: leaderTest, employee: await printTest(content, 'employee') };
      const profile = profiles.findIndex((p) => p.name === 'phone photo');
      const sheet = corpusSheet(tests, content.numbered.length, profile, s);
      const labels = content.scoring.scale.map((c) => c.label);
      // The corpus still draws these sheets (else the test would hold another photo against them).
      expect(sheet.answers.map((a) => (a === null ? null : labels[a]))).toEqual(drawn[s]);
      const [front, back] = await corpusPhotos(profiles[profile], sheet, s);
      expect([back.width, back.height, back.format]).toEqual([2448, 3264, 'jpeg']);
      const dir = folder({ [`sheet-${s}-1.jpg`]: front.bytes, [`sheet-${s}-2.jpg`]: back.bytes });
      const { result } = await read([join(dir, `sheet-${s}-1.jpg`), join(dir, `sheet-${s}-2.jpg`)]);
      expect(result.problems).toEqual([]);
      const flagged = new Set(result.flagged.map((row) => row.statement));
      const readings = result.responses[group][0].answers.map((a, i) =>
        flagged.has(i + 1) ? 'flagged' : a === null ? null : labels[a],
      );
      expect(readings[pencil - 1]).toBe(answer);
      // Every other row too, none flagged: on sheet 69 the map puts statement 14 about 0.2 mm off,
      // the frame spilling into its empty "Altid" box, which is read where the frames are (align.ts).
      expect(result.flagged).toEqual([]);
      expect(readings).toEqual(drawn[s]);
    },
    240_000,
  );
});

describe('a photo with a corner mark outside the picture is refused with advice', () => {
  let cut: Awaited<ReturnType<typeof phonePhoto>>;
  beforeAll(async () => {
    // The sheet fills the picture, lies to the right and turned: its bottom-right corner is cut off.
    cut = await phonePhoto(
      { test: leaderTest, page: 1, answers, pen: 'x' },
      { fill: 0.97, dx: 0.1, rotate: -3, seed: 6 },
    );
    const [, , , bottomRight] = cut.marks;
    expect(bottomRight.x > cut.width || bottomRight.y > cut.height).toBe(true);
    for (const mark of cut.marks.slice(0, 3))
      expect(mark.x > 0 && mark.y > 0 && mark.x < cut.width && mark.y < cut.height).toBe(true);
  }, 120_000);

  it('alone: one line naming the file and page, in the content\'s words ("tag billedet lige ovenfra, hele arket med"), exit 1', () => {
    const line = userError(runMus(['tally', folder({ 'foto.jpg': cut.bytes })]));
    expect(line).toMatch(/foto\.jpg page 1: er et foto af en side af MUS-testen, men ikke alle fire hjørnemærker/);
    expect(line).toMatch(/Tag billedet lige ovenfra, hele arket med\.$/);
  }, 120_000);

  it('as page 3 of a scan whose pages 1–2 read: an error naming file and page, never a skip, exit 1', async () => {
    const scanned = await scanImages([{ test: leaderTest, answers, pen: 'x' }], {
      dpi: 150,
      encoding: 'grey-jpeg',
      seed: 8,
    });
    const pdf = await scanPdf([...scanned, { kind: 'jpeg', bytes: cut.bytes, width: cut.width, height: cut.height }]);
    const dir = folder({ 'scan.pdf': pdf });
    const result = runMus(['tally', join(dir, 'scan.pdf')]);
    const line = userError(result);
    expect(line).toMatch(/scan\.pdf page 3: er et foto af en side af MUS-testen/);
    expect(result.stderr).not.toMatch(/skipped/);
  }, 120_000);
});

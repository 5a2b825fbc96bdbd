// A fuzz test of every reader (issue 26): random bytes, and random mutations of the fixtures,
// fed to each reader in this process for a fixed number of iterations from a fixed seed (a
// failure repeats). Each must give a result or a UserError (exit 1) — never another error
// (exit 2), a crash of the process or a hang. A few runs go through the `mus` command too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadContent } from '../src/documents/load.js';
import { UserError } from '../src/errors.js';
import { parseJsonResponses } from '../src/responses/readers/json.js';
import { readCsvResponses } from '../src/responses/readers/csv/read-csv.js';
import { readReturnedForm } from '../src/responses/readers/returned-form.js';
import { scanPages } from '../src/responses/readers/scan/decode.js';
import { readScanPage } from '../src/responses/readers/scan/page-readers.js';
import { readXlsxResponses } from '../src/responses/readers/xlsx.js';
import { parseYamlResponses } from '../src/responses/readers/yaml.js';
import { fixture, repoRoot, runMus } from './helpers/cli.js';
import { pdfWithImage } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';
import { seededRandom } from './helpers/random.js';

const content = loadContent(join(repoRoot, 'content/da'));
const dir = tempDir('mus-fuzz-');
mkdirSync(join(dir, 'files'));

type Random = ReturnType<typeof seededRandom>;
const int = (random: Random, n: number) => Math.floor(random.next() * n);
const randomBytes = (random: Random, n: number) => Uint8Array.from({ length: n }, () => int(random, 256));
/** Values that trip parsers: boundaries, huge numbers, control bytes, brackets. */
const tokens = [
  '\u0000',
  '\u001b[2J',
  '99999999999',
  '-1',
  '1e999',
  '[[[[',
  '{{',
  '"',
  '\\',
  '\r\n',
  '\uffff',
  '%PDF-',
  'endobj',
  '<<',
  '>>',
  ' 0 R',
  'stream\n',
].map((t) => Buffer.from(t, 'utf8'));

/** One random change of the bytes: flipped bytes, a token put in, a range cut out or doubled, the end cut off. */
function mutate(bytes: Uint8Array, random: Random): Uint8Array {
  const b = Buffer.from(bytes);
  const at = int(random, Math.max(1, b.length));
  switch (int(random, 6)) {
    case 0: {
      for (let i = 0; i < 1 + int(random, 8); i++) b[int(random, b.length)] = int(random, 256);
      return b;
    }
    case 1:
      return Buffer.concat([b.subarray(0, at), random.pick(tokens), b.subarray(at)]);
    case 2:
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(random, 200))]);
    case 3: {
      const end = Math.min(b.length, at + 1 + int(random, 400));
      return Buffer.concat([b.subarray(0, end), b.subarray(at, end), b.subarray(end)]);
    }
    case 4:
      return b.subarray(0, at);
    default:
      return Buffer.concat([b.subarray(0, at), randomBytes(random, 1 + int(random, 64)), b.subarray(at)]);
  }
}

let files = 0;
/** The bytes as a file of this extension (the file readers take a path). */
function asFile(bytes: Uint8Array, extension: string): string {
  const file = join(dir, 'files', `f${++files}${extension}`);
  writeFileSync(file, bytes);
  return file;
}

/** A reader's outcome must be a result or a UserError; anything else fails the test with the input that caused it. */
async function survives(reader: () => unknown, input: () => string): Promise<'result' | 'user error'> {
  try {
    await reader();
    return 'result';
  } catch (error) {
    if (error instanceof UserError) return 'user error';
    throw new Error(`${input()}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

/** Runs `iterations` mutations (a first few of random bytes) through a reader. */
async function fuzz(seed: number, iterations: number, original: Uint8Array, read: (bytes: Uint8Array) => unknown) {
  const random = seededRandom(seed);
  const outcomes = { result: 0, 'user error': 0 };
  for (let i = 0; i < iterations; i++) {
    let bytes: Uint8Array = i < iterations / 10 ? randomBytes(random, 1 + int(random, 2048)) : mutate(original, random);
    if (i >= iterations / 10) for (let k = int(random, 3); k > 0; k--) bytes = mutate(bytes, random);
    const shown = bytes;
    outcomes[
      await survives(
        () => read(bytes),
        () => `seed ${seed}, iteration ${i}, ${shown.length} bytes`,
      )
    ]++;
  }
  return outcomes;
}

const yamlText = readFileSync(fixture('eksempel-svar.yaml'));
const jsonText = Buffer.from(JSON.stringify(parse(yamlText.toString('utf8'))));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('every reader survives random and mutated input', () => {
  it('JSON', async () => {
    const outcomes = await fuzz(1, 400, jsonText, (b) => parseJsonResponses(text(b), 'fuzz.json', content));
    // The mutations are small enough that some files still read: the fuzzing reaches the validation.
    expect(outcomes.result).toBeGreaterThan(0);
    expect(outcomes['user error']).toBeGreaterThan(0);
  });

  it('YAML', async () => {
    const outcomes = await fuzz(2, 400, yamlText, (b) => parseYamlResponses(text(b), 'fuzz.yaml', content));
    expect(outcomes.result).toBeGreaterThan(0);
  });

  it('CSV', async () => {
    const csv = readFileSync(join(repoRoot, 'test/fixtures/exports/excel-ledere.csv'));
    const outcomes = await fuzz(3, 200, csv, (b) => readCsvResponses(asFile(b, '.csv'), content, { group: 'leader' }));
    expect(outcomes.result).toBeGreaterThan(0);
  });

  it('xlsx and ods', async () => {
    const xlsx = readFileSync(join(repoRoot, 'test/fixtures/exports/forms-medarbejdere.xlsx'));
    await fuzz(4, 60, xlsx, (b) => readXlsxResponses(asFile(b, '.xlsx'), content, { group: 'employee' }));
  }, 60_000);

  it('returned fillable tests (PDF)', async () => {
    const form = readFileSync(join(repoRoot, 'test/fixtures/returned/pdftk-leder.pdf'));
    const outcomes = await fuzz(5, 40, form, (b) => readReturnedForm(b, 'fuzz.pdf', content));
    expect(outcomes['user error']).toBeGreaterThan(0);
  }, 120_000);

  describe('scans (decoding, and the page reader on what decodes)', () => {
    const noGeometry = {
      geometry: async () => {
        throw new Error('fuzz: a mutated page was read as a test page');
      },
    };
    const readAll = async (file: string) => {
      for await (const page of scanPages(file)) await readScanPage(page, noGeometry);
    };
    const canvas = createCanvas(120, 170);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 120, 170);
    ctx.fillStyle = '#000';
    for (let y = 10; y < 160; y += 12) ctx.fillRect(10, y, 40 + (y % 50), 4);

    it('JPEG', async () => {
      await fuzz(6, 40, canvas.encodeSync('jpeg', 80), (b) => readAll(asFile(b, '.jpg')));
    }, 60_000);

    it('PNG', async () => {
      await fuzz(7, 40, canvas.encodeSync('png'), (b) => readAll(asFile(b, '.png')));
    }, 60_000);

    it('PDF', async () => {
      await fuzz(8, 20, await pdfWithImage(40, 56), (b) => readAll(asFile(b, '.pdf')));
    }, 120_000);
  });
});

describe('the mus command on mutated files: exit 0 or 1, never 2 or a signal', () => {
  it('a handful of mutated answers files', () => {
    const random = seededRandom(9);
    const at = join(dir, 'cli');
    mkdirSync(at);
    for (const [name, original] of [
      ['svar.json', jsonText],
      ['svar.yaml', yamlText],
      ['svar.csv', readFileSync(join(repoRoot, 'test/fixtures/exports/excel-ledere.csv'))],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const file = join(at, `${i}-${name}`);
        writeFileSync(file, mutate(mutate(original, random), random));
        const result = runMus(['tally', file]);
        expect([0, 1], `${file}: ${result.stderr}`).toContain(result.code);
      }
    }
  }, 120_000);
});

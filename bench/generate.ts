// Generated responses files for the tally benchmark: the same pseudo-random answer sheets
// (fixed seed) written as JSON, CSV, an Excel workbook or YAML, a row per sheet as an export would have them.
// Answers are mostly labels as a form exports them, some points, some lower case, a few empty.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

export type DataFormat = 'json' | 'csv' | 'xlsx' | 'yaml';

const labels = ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid'];
export const statementCount = 20;

/** A small deterministic generator (xorshift32), so every run tallies the same data. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

type Answer = string | number | null;

function* sheets(count: number, seed = 2024): Generator<Answer[]> {
  const next = random(seed);
  for (let i = 0; i < count; i++) {
    const tendency = Math.floor(next() * 5); // people answer around their own level
    const answers: Answer[] = [];
    for (let s = 0; s < statementCount; s++) {
      const r = next();
      const category = Math.max(0, Math.min(4, tendency + Math.round((next() - 0.5) * 2.4)));
      if (r < 0.02) answers.push(null);
      else if (r < 0.2) answers.push(category + 1);
      else if (r < 0.25) answers.push(labels[category].toLowerCase());
      else answers.push(labels[category]);
    }
    yield answers;
  }
}

/** Leaders are a tenth of the sheets; the first of them, as a file lists them. */
export function leaderCount(count: number): number {
  return Math.max(1, Math.round(count / 10));
}

const header = ['Gruppe', 'Id', ...Array.from({ length: statementCount }, (_, i) => `Udsagn ${i + 1}`)];

/** A workbook of one sheet, as Microsoft Forms' "Open in Excel" gives it (SheetJS, as the reader uses). */
function writeWorkbook(file: string, count: number): number {
  const xlsx = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');
  const leaders = leaderCount(count);
  const rows: Answer[][] = [header];
  let i = 0;
  for (const answers of sheets(count)) {
    rows.push([i < leaders ? 'leder' : 'medarbejder', `R${i + 1}`, ...answers]);
    i++;
  }
  const book = xlsx.utils.book_new();
  xlsx.utils.book_append_sheet(book, xlsx.utils.aoa_to_sheet(rows), 'Ark1');
  // Shared strings, as Excel writes them (each label stored once, the cells point to it).
  const bytes = xlsx.write(book, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer;
  writeFileSync(file, bytes);
  return bytes.length;
}

/** Writes `count` answer sheets to `file`; returns its size in bytes. */
export function writeResponses(file: string, format: DataFormat, count: number): number {
  if (format === 'xlsx') return writeWorkbook(file, count);
  const fd = openSync(file, 'w');
  let pending: string[] = [];
  let pendingLength = 0;
  let size = 0;
  const write = (text: string) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 1 << 20) flush();
  };
  const flush = () => {
    size += writeSync(fd, pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  const leaders = leaderCount(count);
  try {
    if (format === 'csv') {
      write(`${header.join(';')}\n`);
      let i = 0;
      for (const answers of sheets(count)) {
        const group = i < leaders ? 'leder' : 'medarbejder';
        write(`${group};R${i + 1};${answers.map((a) => (a === null ? '' : String(a))).join(';')}\n`);
        i++;
      }
    } else {
      const [open, item, between, close] =
        format === 'json'
          ? ['{"leaders": [\n', (a: Answer[]) => `  ${JSON.stringify(a)}`, ',\n', '\n]']
          : ['leaders:\n', (a: Answer[]) => `  - ${JSON.stringify(a)}`, '\n', '\n'];
      write(open);
      let i = 0;
      for (const answers of sheets(count)) {
        if (i === leaders) write(format === 'json' ? `${close},\n"employees": [\n` : `${close}employees:\n`);
        else if (i > 0) write(between);
        write(item(answers));
        i++;
      }
      write(format === 'json' ? `${close}}\n` : close);
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return size;
}

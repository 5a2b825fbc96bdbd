// The output folder is the program's to change, and nothing outside it (issue 26, 5): names
// read back from a replacement journal are checked like any input, a broken journal never
// breaks the next build, a person's own files are left alone, and two builds do not replace
// one set at the same time. Also the --out values that used to give "internal error".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverOutput, writeFilesAtomically } from '../src/output.js';
import { fixture, repoRoot, runMus } from './helpers/cli.js';
import { userError } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';

const dead = 999_999_999; // no such process
const set = (text: string) => [
  { name: 'a.pdf', bytes: Buffer.from(`${text} a`) },
  { name: 'b.pdf', bytes: Buffer.from(`${text} b`) },
];

/** An output folder inside a parent folder that holds a file nobody may touch. */
function outWithPrecious() {
  const parent = tempDir('mus-fault-journal-');
  const out = join(parent, 'out');
  mkdirSync(out);
  writeFileSync(join(parent, 'precious.txt'), 'mine');
  return { parent, out };
}

describe('a planted or broken journal', () => {
  it('naming ../precious.txt does not delete a file outside the output folder', () => {
    const { parent, out } = outWithPrecious();
    const journal = { files: [{ name: '../precious.txt', existed: false }] };
    writeFileSync(join(out, `.mus-replacing-${dead}-set.json`), JSON.stringify(journal));
    writeFilesAtomically(out, set('new'));
    expect(readFileSync(join(parent, 'precious.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(out).sort()).toEqual(['a.pdf', 'b.pdf']);
  });

  it('does not move a planted file out of the folder', () => {
    const { parent, out } = outWithPrecious();
    mkdirSync(join(out, `.mus-old-${dead}-..`));
    writeFileSync(join(out, `.mus-old-${dead}-..`, 'planted.txt'), 'planted');
    const journal = { files: [{ name: '../planted.txt', existed: true }] };
    writeFileSync(join(out, `.mus-replacing-${dead}-set.json`), JSON.stringify(journal));
    recoverOutput(out);
    expect(existsSync(join(parent, 'planted.txt'))).toBe(false);
  });

  it("does not delete a person's own file named in it", () => {
    const { out } = outWithPrecious();
    writeFileSync(join(out, 'noter.docx'), 'mine');
    const journal = { files: [{ name: 'noter.docx', existed: false }] };
    writeFileSync(join(out, `.mus-replacing-${dead}-set.json`), JSON.stringify(journal));
    recoverOutput(out);
    expect(readFileSync(join(out, 'noter.docx'), 'utf8')).toBe('mine');
  });

  for (const [what, text] of [
    ['null', 'null'],
    ['a list', '[1, 2]'],
    ['entries of the wrong kind', '{"files": [null, 7, {"name": 3}, {"name": "a.pdf"}]}'],
    ['half a journal', '{"files": [{"name": "a.'],
  ] as const) {
    it(`holding ${what} is discarded, and the build after it succeeds`, () => {
      const { out } = outWithPrecious();
      writeFileSync(join(out, `.mus-replacing-${dead}-set.json`), text);
      expect(writeFilesAtomically(out, set('new')).map((p) => p.slice(out.length + 1))).toEqual(['a.pdf', 'b.pdf']);
      expect(readdirSync(out).sort()).toEqual(['a.pdf', 'b.pdf']);
    });
  }

  it('holding null: mus build exits 0, not 2', () => {
    const { out } = outWithPrecious();
    writeFileSync(join(out, `.mus-replacing-${dead}-set.json`), 'null');
    const result = runMus(['build', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe("a person's own files in the output folder", () => {
  it('.notes.pdf.2024.tmp is kept; a release-0.1 leftover of a file of the set goes', () => {
    const { out } = outWithPrecious();
    writeFileSync(join(out, '.notes.pdf.2024.tmp'), 'mine');
    writeFileSync(join(out, `.a.pdf.${dead}.tmp`), 'left by release 0.1');
    writeFilesAtomically(out, set('new'));
    expect(readdirSync(out).sort()).toEqual(['.notes.pdf.2024.tmp', 'a.pdf', 'b.pdf']);
  });
});

describe('the lock on the output folder', () => {
  it('a build running into the folder keeps another out: one line naming its process, nothing changed', () => {
    const { out } = outWithPrecious();
    writeFilesAtomically(out, set('old'));
    writeFileSync(join(out, '.mus-lock'), `${process.ppid}\n`); // a process that is running
    const attempt = () => writeFilesAtomically(out, set('new'));
    expect(attempt).toThrow(new RegExp(`another build \\(process ${process.ppid}\\) is writing into this folder`));
    expect(readFileSync(join(out, 'a.pdf'), 'utf8')).toBe('old a');
  });

  it('the lock of a process that is gone is taken over, and released after the build', () => {
    const { out } = outWithPrecious();
    writeFileSync(join(out, '.mus-lock'), `${dead}\n`);
    writeFilesAtomically(out, set('new'));
    expect(readdirSync(out).sort()).toEqual(['a.pdf', 'b.pdf']);
  });

  it('a lock holding rubbish is taken over too', () => {
    const { out } = outWithPrecious();
    writeFileSync(join(out, '.mus-lock'), '\u0000\u0000garbage');
    writeFilesAtomically(out, set('new'));
    expect(readdirSync(out).sort()).toEqual(['a.pdf', 'b.pdf']);
  });
});

describe('an interrupted replacement is repaired before answers are read', () => {
  it('mus tally of a folder puts back the old file a killed build left half replaced', () => {
    const dir = tempDir('mus-fault-tally-repair-');
    const answers = readFileSync(fixture('eksempel-svar.yaml'));
    writeFileSync(join(dir, `.mus-old-${dead}-svar.pdf`), 'old');
    writeFileSync(join(dir, 'svar.pdf'), 'half new');
    writeFileSync(
      join(dir, `.mus-replacing-${dead}-set.json`),
      JSON.stringify({ files: [{ name: 'svar.pdf', existed: true }] }),
    );
    writeFileSync(join(dir, 'svar.yaml'), answers);
    runMus(['tally', dir]);
    expect(readFileSync(join(dir, 'svar.pdf'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['svar.pdf', 'svar.yaml']);
  });
});

describe('--out values that gave "internal error"', () => {
  it("--out '' is one line", () => {
    expect(userError(runMus(['build', '--out', '']))).toMatch(/^--out: no folder given/);
  });

  it('a 300-character folder name (ENAMETOOLONG) is one line', () => {
    const out = join(tempDir('mus-fault-long-'), 'x'.repeat(300));
    expect(userError(runMus(['build', '--out', out]))).toMatch(/the folder name is too long/);
  });

  it('--out equal to the responses folder is refused before anything is written', () => {
    const dir = tempDir('mus-fault-same-');
    writeFileSync(join(dir, 'svar.yaml'), readFileSync(fixture('eksempel-svar.yaml')));
    const line = userError(runMus(['build', dir, '--out', dir]));
    expect(line).toMatch(/^--out: .* is the folder the answers are read from/);
    expect(readdirSync(dir)).toEqual(['svar.yaml']);
  });

  it('--copies 9999 names the limit', () => {
    expect(userError(runMus(['build', '--out', tempDir('mus-fault-copies-'), '--copies', '9999']))).toBe(
      '--copies: "9999" is not a number of copies from 1 to 500, or two of them as leaders,employees (e.g. 2,9)',
    );
  });
});

describe('stdout that goes nowhere', () => {
  const tally = ['dist/src/cli.js', 'tally', fixture('eksempel-svar.yaml')];
  it('`| head -c1` ends quietly, without a stack', async () => {
    const child = spawn(process.execPath, tally, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/Error|at /);
    expect(code).toBe(0);
  });

  it('`> /dev/full` is one line and exit 1', async () => {
    const child = spawn('sh', ['-c', `"${process.execPath}" ${tally.join(' ')} > /dev/full`], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('mus: the output cannot be written (ENOSPC)\n');
    expect(code).toBe(1);
  });
});

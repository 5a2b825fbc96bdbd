// Faults and bad content (issue 15): every case gives exit 1 and one clear line naming the
// file or option, never "internal error"; a failed or killed build leaves the output folder
// byte-for-byte as it was, without temporary files.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { utils, write } from '@e965/xlsx';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recoverOutput, replaceFile, writeFilesAtomically } from '../src/output.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const contentDir = join(repoRoot, 'content/da');
const cli = join(repoRoot, 'dist/src/cli.js');
/** Preloaded into a build to stop it at a chosen file-system call (see the file). */
const stopAt = pathToFileURL(join(repoRoot, 'test/helpers/stop-at.mjs')).href;

/** A copy of the Danish content with one file replaced by `bytes` (or edited as text). */
function contentWith(file: string, change: (text: string) => string | Uint8Array): string {
  const dir = join(tempDir('mus-fault-content-'), 'da');
  cpSync(contentDir, dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

/** Every file of a folder with its bytes, to compare a folder before and after. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => {
        const path = join(dir, name);
        return [name, statSync(path).isDirectory() ? 'folder' : readFileSync(path).toString('base64')];
      }),
  );
}

function builtOut(): string {
  const out = tempDir('mus-fault-out-');
  expect(runMus(['build', '--out', out]).code).toBe(0);
  return out;
}

/** The stderr of a run that must fail as a user error: exactly one line, exit 1. */
function userError(result: ReturnType<typeof runMus>): string {
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code, result.stderr).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

const asRoot = process.getuid?.() === 0;

/** A tmpfs of `kilobytes`, or undefined where this machine does not let the tests mount one. */
function tinyFilesystem(kilobytes: number): string | undefined {
  if (!asRoot) return undefined;
  const dir = tempDir('mus-fault-fs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return undefined;
  }
}

const unmount = (dir: string) => execFileSync('umount', [dir]);

describe('a failed build leaves the output folder as it was', () => {
  it('a folder where a poster should be: exit 1 naming it, no file replaced, no temp files', () => {
    const out = builtOut();
    rmSync(join(out, 'resultatskema-leder.pdf'));
    mkdirSync(join(out, 'resultatskema-leder.pdf'));
    const before = snapshot(out);
    const edited = contentWith('meta.yaml', (t) => t.replace(/version: .*/, 'version: "9.9"'));
    const line = userError(runMus(['build', '--out', out, '--content', edited]));
    expect(line).toMatch(/resultatskema-leder\.pdf: is a folder, where the build must write a PDF/);
    expect(snapshot(out)).toEqual(before);
  });

  it('--out naming a file says so', () => {
    const file = join(tempDir('mus-fault-'), 'README.md');
    writeFileSync(file, 'hello');
    expect(userError(runMus(['build', '--out', file]))).toMatch(/^--out: .*README\.md is a file, not a folder$/);
    expect(readFileSync(file, 'utf8')).toBe('hello');
  });

  it.skipIf(asRoot)('a read-only output folder says so (skipped as root: root may write anywhere)', () => {
    const out = builtOut();
    const before = snapshot(out);
    chmodSync(out, 0o555);
    try {
      expect(userError(runMus(['build', '--out', out]))).toMatch(/cannot be written to|read-only/);
    } finally {
      chmodSync(out, 0o755);
    }
    expect(snapshot(out)).toEqual(before);
  });

  it('a full disk says so, and nothing is changed (a tiny tmpfs; skipped where mounting is not allowed)', (ctx) => {
    const mounted = tinyFilesystem(300);
    if (!mounted) return ctx.skip();
    try {
      writeFileSync(join(mounted, 'notes.txt'), 'kept');
      const before = snapshot(mounted);
      expect(userError(runMus(['build', '--out', mounted]))).toMatch(
        /the disk is full while writing .*; nothing was changed/,
      );
      expect(snapshot(mounted)).toEqual(before);
    } finally {
      unmount(mounted);
    }
  });

  it('a read-only file system says so (a read-only tmpfs; skipped where mounting is not allowed)', (ctx) => {
    const mounted = tinyFilesystem(8192);
    if (!mounted) return ctx.skip();
    try {
      writeFileSync(join(mounted, 'notes.txt'), 'kept');
      execFileSync('mount', ['-o', 'remount,ro', mounted]);
      const before = snapshot(mounted);
      expect(userError(runMus(['build', '--out', mounted]))).toMatch(/the folder is read-only; nothing was changed/);
      expect(snapshot(mounted)).toEqual(before);
    } finally {
      unmount(mounted);
    }
  });

  it('a build killed while it replaces the set is undone by the next build', () => {
    // The state a SIGKILL between two renames leaves: a journal, old copies, one new file in place.
    const out = tempDir('mus-fault-kill-');
    writeFilesAtomically(out, [
      { name: 'a.pdf', bytes: Buffer.from('old a') },
      { name: 'b.pdf', bytes: Buffer.from('old b') },
    ]);
    const dead = 999_999_999; // no such process
    writeFileSync(join(out, `.mus-old-${dead}-a.pdf`), 'old a');
    writeFileSync(join(out, 'a.pdf'), 'new a');
    writeFileSync(join(out, `.mus-tmp-${dead}-b.pdf`), 'new b');
    writeFileSync(
      join(out, `.mus-replacing-${dead}-set.json`),
      JSON.stringify({
        files: [
          { name: 'a.pdf', existed: true },
          { name: 'b.pdf', existed: true },
          { name: 'c.pdf', existed: false },
        ],
      }),
    );
    writeFileSync(join(out, 'c.pdf'), 'new c');
    writeFileSync(join(out, `.resultatskema-leder.pdf.${dead}.tmp`), 'left by release 0.1');
    recoverOutput(out, ['resultatskema-leder.pdf']); // a release-0.1 leftover of a file of the set
    expect(snapshot(out)).toEqual({
      'a.pdf': Buffer.from('old a').toString('base64'),
      'b.pdf': Buffer.from('old b').toString('base64'),
    });
  });

  // A build stopped by test/helpers/stop-at.mjs just before the Nth link (old copies kept
  // aside, no journal yet) or the Nth rename (N - 1 new files in place), then SIGKILLed.
  const allFiles = 9; // 7 documents and 2 fillable tests
  let built: string | undefined;
  /** A folder holding the blank set, built once for all the cases. */
  const setToKill = () => {
    built ??= builtOut();
    const out = tempDir('mus-fault-kill-');
    cpSync(built, out, { recursive: true });
    return out;
  };
  it.each([
    ['link:2', 0],
    ['rename:2', 1],
    ['rename:8', 7],
  ] as const)(
    'a SIGKILL before %s (%i new files in place) is undone: the next build finds a whole set and leaves no temp files',
    async (point, replaced) => {
      const out = setToKill();
      const before = snapshot(out);
      expect(Object.keys(before)).toHaveLength(allFiles);
      // Another date changes every file, so each file in place shows which set it is from.
      const child = spawn(process.execPath, ['--import', stopAt, cli, 'build', '--out', out], {
        env: { ...process.env, MUS_TEST_STOP_AT: point, SOURCE_DATE_EPOCH: '1800000000' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const stopped = await new Promise<string>((resolve, reject) => {
        let said = '';
        child.stderr.on('data', (chunk) => {
          said += chunk;
          if (said.includes('stopped before')) resolve(said);
        });
        child.on('exit', (code) => reject(new Error(`the build ended (exit ${code}) before ${point}: ${said}`)));
      });
      expect(stopped).toMatch(/\.pdf/);
      const killed = snapshot(out); // the folder as the kill leaves it
      child.kill('SIGKILL');
      await exited;

      const visible = Object.keys(killed).filter((n) => !n.startsWith('.'));
      expect(visible).toEqual(Object.keys(before));
      expect(visible.filter((n) => killed[n] !== before[n])).toHaveLength(replaced);
      expect(Object.keys(killed).some((n) => n.startsWith('.mus-replacing-'))).toBe(point.startsWith('rename'));
      expect(Object.keys(killed).filter((n) => n.startsWith('.mus-tmp-'))).toHaveLength(allFiles - replaced);

      // What the next build does first: the old set put back whole, nothing else left.
      const copy = tempDir('mus-fault-kill-copy-');
      cpSync(out, copy, { recursive: true });
      recoverOutput(copy);
      expect(snapshot(copy)).toEqual(before);

      // The next build itself: the whole set, as a build into an untouched folder makes it.
      expect(runMus(['build', '--out', out]).code).toBe(0);
      expect(snapshot(out)).toEqual(before);
    },
  );
});

describe('a file beside the scans (the corrections a person edits) is replaced whole or not at all', () => {
  it('the new text replaces the old, with no temporary file left', () => {
    const dir = tempDir('mus-replace-');
    const file = join(dir, 'rettelser.yaml');
    writeFileSync(file, 'edited by hand\n');
    replaceFile(file, 'the new corrections\n');
    expect(readFileSync(file, 'utf8')).toBe('the new corrections\n');
    expect(readdirSync(dir)).toEqual(['rettelser.yaml']);
  });

  it('when the file cannot be replaced, what was there stays and the temporary file goes', () => {
    const dir = tempDir('mus-replace-');
    const target = join(dir, 'rettelser.yaml');
    mkdirSync(target); // a folder by that name: the rename over it fails
    writeFileSync(join(target, 'kept.txt'), 'kept');
    expect(() => replaceFile(target, 'new')).toThrow();
    expect(readFileSync(join(target, 'kept.txt'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['rettelser.yaml']);
  });
});

describe('content that would print wrong is refused', () => {
  it('a content file saved as Windows-1252 names the file and line and says to save as UTF-8', () => {
    const dir = contentWith('udsagn.yaml', (t) => Buffer.from(t, 'latin1'));
    const line = userError(runMus(['build', '--out', tempDir(), '--content', dir]));
    expect(line).toMatch(/udsagn\.yaml:\d+: is not UTF-8 .*save the file as UTF-8/);
  });

  it('a content file saved as UTF-16 says it is UTF-16', () => {
    const dir = contentWith('meta.yaml', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]));
    expect(userError(runMus(['build', '--out', tempDir(), '--content', dir]))).toMatch(
      /meta\.yaml: is saved as UTF-16; save it as UTF-8/,
    );
  });

  it('an answer category whose word is too wide for its column is named by skala.yaml and line, not the statement beside it that grew tall', () => {
    const dir = contentWith('skala.yaml', (t) =>
      t.replace('  - label: Sjældent\n', '  - label: Sjældentmegetlangtordsomikkekanbrydesnogensinde\n'),
    );
    const line = userError(runMus(['build', '--out', tempDir(), '--content', dir]));
    expect(line).toMatch(
      /skala\.yaml:7 answer category 2 "Sjældentmeget.*": is too long for the A[34] sheet \(page \d of [a-z-]+\.pdf\): a word in it needs its column \d+\.\d times as wide/,
    );
  });

  it('a byte-order mark before UTF-8 content is fine', () => {
    const dir = contentWith('meta.yaml', (t) => `\uFEFF${t}`);
    expect(runMus(['build', '--out', tempDir(), '--content', dir]).code).toBe(0);
  });

  it('a YAML alias bomb names the file, exit 1', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${'bcdefghij'[i - 1]}: &${'bcdefghij'[i - 1]} [${Array(9)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(',')}]`,
      );
    const dir = contentWith('meta.yaml', (t) => `${t}\n${bomb.join('\n')}\n`);
    expect(userError(runMus(['build', '--out', tempDir(), '--content', dir]))).toMatch(
      /meta\.yaml: cannot be read as YAML/,
    );
  });

  it('a placeholder typo names file, line and the placeholders that exist', () => {
    const dir = contentWith('resultatskema.yaml', (t) =>
      t.replace('ikke er medregnet i trin 1: {{count}}', 'ikke er medregnet i trin 1: {{cout}}'),
    );
    const line = userError(runMus(['build', '--out', tempDir(), '--content', dir]));
    expect(line).toMatch(
      /resultatskema\.yaml:\d+:\d+ step1\.incompleteNote: unknown placeholder \{\{cout\}\}; this text takes \{\{count\}\}/,
    );
  });

  it('a placeholder in a text that takes none is refused too', () => {
    const dir = contentWith('test.yaml', (t) => t.replace(/(title: )(.*)/, '$1"{{unit}} $2"'));
    expect(userError(runMus(['build', '--out', tempDir(), '--content', dir]))).toMatch(
      /test\.yaml:\d+:\d+ .*title: unknown placeholder \{\{unit\}\}; this text takes no placeholders/,
    );
  });

  it('the checklist names the answer categories from the scale, so a renamed label is followed', async () => {
    const dir = contentWith('skala.yaml', (t) => t.replace(/label: Oftest\b/, 'label: Næsten altid'));
    const out = tempDir();
    expect(runMus(['build', '--out', out, '--content', dir]).code).toBe(0);
    const text = flat((await readPdf(join(out, 'procesguide-tjekliste.pdf'))).text);
    expect(text).toContain('(Aldrig, Sjældent, Af og til, Næsten altid, Altid)');
  });

  it('a content path that is a folder, or no regular file, is one line', () => {
    const dir = contentWith('meta.yaml', (t) => t);
    rmSync(join(dir, 'meta.yaml'));
    mkdirSync(join(dir, 'meta.yaml'));
    expect(userError(runMus(['build', '--out', tempDir(), '--content', dir]))).toMatch(
      /meta\.yaml: is a folder, not a file/,
    );
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  for (const value of ['99999999999999', 'abc', '-1', '1.5']) {
    it(`"${value}" is one clear error`, () => {
      const line = userError(runMus(['build', '--out', tempDir()], { env: { SOURCE_DATE_EPOCH: value } }));
      expect(line).toMatch(/^SOURCE_DATE_EPOCH: ".*" is not a date: give whole seconds since 1970/);
    });
  }

  it('an empty value means unset', () => {
    expect(runMus(['build', '--out', tempDir()], { env: { SOURCE_DATE_EPOCH: '' } }).code).toBe(0);
  });
});

it('leaves no temp files after a good build', () => {
  const out = builtOut();
  expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  expect(existsSync(join(out, 'mus-test-leder.pdf'))).toBe(true);
});

describe('answers: nothing leaked, nothing miscounted, nothing that hangs', () => {
  const dir = tempDir('mus-fault-answers-');
  const personal = 'Karen Hansen <karen@firma.dk> CPR 010200-1234';
  const leaks = (text: string) =>
    text.includes('010200-1234') || text.includes('karen@firma.dk') || text.includes('root:');
  const statementHeaders = Array.from({ length: 20 }, (_, i) => String(i + 1));

  it('a YAML file of personal lines is described, not quoted', () => {
    const file = join(dir, 'personer.yaml');
    writeFileSync(file, `${Array(600).fill(personal).join('\n')}\n`);
    const result = runMus(['tally', file]);
    const line = userError(result);
    expect(line.length).toBeLessThan(300);
    expect(leaks(result.stderr)).toBe(false);
    expect(line).toMatch(/found a text of \d+ characters/);
  });

  it('a CSV without a header row says so without its values', () => {
    const file = join(dir, 'uden-overskrift.csv');
    writeFileSync(
      file,
      `Karen Hansen,karen@firma.dk,${Array(20).fill('Altid').join(',')}\nOle Olsen,ole@firma.dk,${Array(20).fill('Aldrig').join(',')}\n`,
    );
    const result = runMus(['tally', file]);
    expect(userError(result)).toMatch(/uden-overskrift\.csv: has no header row/);
    expect(result.stderr).not.toMatch(/Karen|ole@/);
  });

  it('a link in a responses folder to a file outside it is not followed', () => {
    const folder = join(dir, 'mappe-med-link');
    mkdirSync(folder);
    writeFileSync(join(folder, 'svar.yaml'), `leaders:\n  - [${Array(20).fill('Altid').join(', ')}]\n`);
    symlinkSync('/etc/passwd', join(folder, 'passwd.yaml'));
    const result = runMus(['tally', folder]);
    expect(result.stderr).toMatch(/passwd\.yaml: is a link to a file outside the folder; it is not followed/);
    expect(leaks(result.stderr + result.stdout)).toBe(false);
    expect(result.code).toBe(1);
  });

  it('a FIFO, given or inside a folder, is refused at once', () => {
    const fifo = join(dir, 'rør.csv');
    execFileSync('mkfifo', [fifo]);
    const given = spawnSync(process.execPath, [cli, 'tally', fifo], { encoding: 'utf8', timeout: 20_000 });
    expect(given.signal).toBeNull();
    expect(given.stderr).toMatch(/rør\.csv: is not a regular file/);
    const folder = join(dir, 'mappe-med-rør');
    mkdirSync(folder);
    execFileSync('mkfifo', [join(folder, 'rør.json')]);
    const inFolder = spawnSync(process.execPath, [cli, 'tally', folder], { encoding: 'utf8', timeout: 20_000 });
    expect(inFolder.signal).toBeNull();
    expect(inFolder.stderr).toMatch(/rør\.json: is not a regular file/);
  });

  it('/dev/zero linked as an answers file is refused before it is read', () => {
    const file = join(dir, 'zero.json');
    symlinkSync('/dev/zero', file);
    const result = spawnSync(process.execPath, [cli, 'tally', file], { encoding: 'utf8', timeout: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.stderr).toMatch(/zero\.json: is not a regular file/);
    expect(result.status).toBe(1);
  });

  it('an xlsx with a sheet per group counts every sheet', () => {
    const row = (answer: string) => Array(20).fill(answer);
    const book = utils.book_new();
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([statementHeaders, ...Array.from({ length: 4 }, () => row('Altid'))]),
      'Ledere',
    );
    utils.book_append_sheet(
      book,
      utils.aoa_to_sheet([statementHeaders, ...Array.from({ length: 8 }, () => row('Aldrig'))]),
      'Medarbejdere',
    );
    utils.book_append_sheet(book, utils.aoa_to_sheet([['Oprettet af', 'HR']]), 'Info');
    const file = join(dir, 'to-ark.xlsx');
    writeFileSync(file, write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const result = runMus(['tally', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const tally = JSON.parse(result.stdout) as Record<
      'leaders' | 'employees',
      { respondents: number; bands: { min: number; count: number }[] }
    >;
    expect(tally.leaders.respondents).toBe(4);
    expect(tally.employees.respondents).toBe(8);
    expect(tally.leaders.bands.find((b) => b.min === 81)?.count).toBe(4); // 20 × Altid = 100 points
    expect(tally.employees.bands.find((b) => b.min === 0)?.count).toBe(8); // 20 × Aldrig = 20 points
    expect(result.stderr).toMatch(/ikke læst, fordi overskriften ikke har udsagn: fanerne "Info"/);
  });

  it('a CSV with only its header gives a notice, not posters of 0 answers without a word', () => {
    const file = join(dir, 'kun-overskrift.csv');
    writeFileSync(file, `Rolle,${statementHeaders.join(',')}\n`);
    const result = runMus(['tally', file]);
    expect(result.stderr).toMatch(/kun-overskrift\.csv: der er ingen svar i den \(kun en overskriftsrække\)/);
  });
});

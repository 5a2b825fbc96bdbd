// Content the person edits (meta.yaml) that breaks a rule of the build: one line naming the
// file and the field, exit 1, never "internal error".
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runMus } from './helpers/cli.js';
import { userError } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';

const rmFile = (file: string) => rmSync(file);

function contentWith(file: string, change: (text: string) => string): string {
  const dir = join(tempDir('mus-fault-content-'), 'da');
  cpSync(join(repoRoot, 'content', 'da'), dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('meta.yaml files', () => {
  it('a file name that is the name of the numbered copies is the content’s fault, named by field', () => {
    const dir = contentWith('meta.yaml', (t) =>
      t.replace('actionPlan: handleplan.pdf', 'actionPlan: mus-test-leder-30-ark.pdf'),
    );
    const out = tempDir('mus-fault-copies-name-');
    const result = runMus(['build', '--out', out, '--content', dir, '--copies', '30']);
    expect(userError(result)).toBe(
      `${join(dir, 'meta.yaml')} files.actionPlan: mus-test-leder-30-ark.pdf is also the name --copies 30 gives the numbered copies of leaderTest; choose another name`,
    );
    expect(readdirSync(out)).toEqual([]); // refused before anything was written
  });
});

describe('workshop files go through the guards of any file read', () => {
  it('a FIFO as workshop.yaml, given or in the content folder, is refused at once, not waited on', () => {
    const dir = contentWith('meta.yaml', (t) => t);
    execFileSync('mkfifo', [join(dir, 'workshop.yaml')]);
    for (const args of [
      ['--content', dir],
      ['--workshop', join(dir, 'workshop.yaml')],
    ]) {
      const started = Date.now();
      const line = userError(runMus(['build', '--out', tempDir('mus-fault-fifo-'), ...args]));
      expect(line).toBe(`${join(dir, 'workshop.yaml')}: is not a regular file`);
      expect(Date.now() - started).toBeLessThan(20_000);
    }
  });
});

describe('workshop texts are checked against their limit in workshop.yaml', () => {
  it('a 5 000-character unit is named by its line in workshop.yaml, before any document is laid out', () => {
    // Before, it was blamed on mus-test-leder.pdf ("too long for the A4 sheet") after every document was laid out.
    const dir = tempDir('mus-fault-workshop-long-');
    const file = join(dir, 'workshop.yaml');
    writeFileSync(file, `workplace: Kommunen\n# the unit, as typed\nunit: ${'x'.repeat(5000)}\n`);
    const out = tempDir('mus-fault-workshop-out-');
    expect(userError(runMus(['build', '--workshop', file, '--out', out]))).toBe(
      `${file}:3:7 unit: is too long: a workshop detail is at most 200 characters (it is printed in the documents' headers)`,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('200 characters, the limit, is printed', () => {
    const dir = tempDir('mus-fault-workshop-200-');
    const file = join(dir, 'workshop.yaml');
    const unit = 'Afdeling for ting og sager '.repeat(8).slice(0, 200);
    writeFileSync(file, `unit: "${unit}"\n`);
    const result = runMus(['build', '--workshop', file, '--out', tempDir('mus-fault-workshop-out-')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('a link out of its folder is not followed, for every file read from a folder', () => {
  const outside = tempDir('mus-fault-link-outside-');
  writeFileSync(join(outside, 'secret.yaml'), 'unit: from elsewhere\n');
  const refused = (file: string) =>
    `${file}: is a link to a file outside the folder; it is not followed (copy the file into the folder instead)`;

  it('workshop.yaml in the content folder', () => {
    const dir = contentWith('meta.yaml', (t) => t);
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'workshop.yaml'));
    const line = userError(runMus(['build', '--content', dir, '--out', tempDir('mus-fault-link-out-')]));
    expect(line).toBe(refused(join(dir, 'workshop.yaml')));
  });

  it('workshop.yaml given with --workshop (a workshop folder of the app, say)', () => {
    const dir = tempDir('mus-fault-link-ws-');
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'workshop.yaml'));
    const line = userError(
      runMus(['build', '--workshop', join(dir, 'workshop.yaml'), '--out', tempDir('mus-fault-link-out-')]),
    );
    expect(line).toBe(refused(join(dir, 'workshop.yaml')));
  });

  it('a content file', () => {
    const dir = contentWith('meta.yaml', (t) => t);
    renameSync(join(dir, 'skala.yaml'), join(outside, 'skala.yaml'));
    symlinkSync(join(outside, 'skala.yaml'), join(dir, 'skala.yaml'));
    const line = userError(runMus(['build', '--content', dir, '--out', tempDir('mus-fault-link-out-')]));
    expect(line).toBe(refused(join(dir, 'skala.yaml')));
  });

  it('a link inside the folder is followed', () => {
    const dir = contentWith('meta.yaml', (t) => t);
    writeFileSync(join(dir, 'vores-workshop.yaml'), 'unit: Salg\n');
    symlinkSync('vores-workshop.yaml', join(dir, 'workshop.yaml'));
    const result = runMus(['build', '--content', dir, '--out', tempDir('mus-fault-link-out-')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it("the app's workshop folder: its details, settings and received-names files", async () => {
    const { readWorkshopFolder } = await import('../src/app/workshop.js');
    const { receivedFiles } = await import('../src/app/received.js');
    const root = tempDir('mus-fault-link-app-');
    const make = (name: string) => {
      const dir = join(root, name);
      mkdirSync(join(dir, 'svar'), { recursive: true });
      writeFileSync(join(dir, 'workshop.yaml'), 'unit: Salg\n');
      writeFileSync(join(dir, 'indstillinger.yaml'), 'tilgang: 1\n');
      return dir;
    };
    const details = make('detaljer');
    rmFile(join(details, 'workshop.yaml'));
    symlinkSync(join(outside, 'secret.yaml'), join(details, 'workshop.yaml'));
    expect(() => readWorkshopFolder(root, 'detaljer')).toThrow(
      /workshop\.yaml: is a link to a file outside the folder/,
    );
    const settings = make('indstillinger');
    writeFileSync(join(outside, 'settings.yaml'), 'tilgang: 2\n');
    rmFile(join(settings, 'indstillinger.yaml'));
    symlinkSync(join(outside, 'settings.yaml'), join(settings, 'indstillinger.yaml'));
    expect(() => readWorkshopFolder(root, 'indstillinger')).toThrow(
      /indstillinger\.yaml: is a link to a file outside the folder/,
    );
    const received = make('modtaget');
    writeFileSync(join(outside, 'names.json'), '{}');
    writeFileSync(join(received, 'svar', 'a.yaml'), 'x: 1\n');
    symlinkSync(join(outside, 'names.json'), join(received, 'modtaget.json'));
    const folder = readWorkshopFolder(root, 'modtaget')!;
    expect(() => receivedFiles(folder)).toThrow(/modtaget\.json: is a link to a file outside the folder/);
  });
});

describe('characters the typeface lacks are named, not printed as boxes without a word', () => {
  it('in a content file (by line) and in workshop.yaml (by field): a notice each, as U+XXXX, and the material is made', () => {
    const dir = contentWith('test.yaml', (t) => t.replace(/^( {2}title: .*)$/m, '$1 \u{1F680}'));
    writeFileSync(
      join(dir, 'workshop.yaml'),
      'unit: "Salg \u{1F600}"\nfacilitator: "Ωmega 中文"\nworkplace: "Ærø ✓"\n',
    );
    const out = tempDir('mus-fault-glyph-out-');
    const result = runMus(['build', '--content', dir, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const line =
      readFileSync(join(dir, 'test.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('\u{1F680}')) + 1;
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${join(dir, 'test.yaml')}:${line} test.leader.title: has a character the typeface lacks, U+1F680; it prints as an empty box (□): write it another way`,
      `${join(dir, 'workshop.yaml')} unit: has a character the typeface lacks, U+1F600; it prints as an empty box (□): write it another way`,
      `${join(dir, 'workshop.yaml')} facilitator: has characters the typeface lacks, U+4E2D, U+6587; they print as empty boxes (□): write them another way`,
    ]);
    expect(readdirSync(out)).toContain('handleplan.pdf');
  });
});

// A fault of the program is an InternalError carrying what caused it: the CLI says one line
// "internal error: …" and exits 2, and --debug shows the whole stack with the cause chain.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFailure, InternalError, UserError } from '../src/errors.js';
import { renderTemplate } from '../src/layout/template.js';
import { encodePageCode } from '../src/sheet/page-code.js';

describe('InternalError', () => {
  it('keeps its cause', () => {
    const cause = new TypeError('x is undefined');
    const err = new InternalError('reading went wrong', { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('InternalError');
    expect(err.cause).toBe(cause);
  });

  it('is what the program throws for a state only a bug reaches', () => {
    expect(() => encodePageCode({ group: 'leader', page: 12, fingerprint: '0123456789ab' })).toThrow(InternalError);
  });

  const dir = mkdtempSync(join(tmpdir(), 'mus-internal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('carries the parser error of a template that writes broken YAML as its cause', async () => {
    writeFileSync(join(dir, 'broken.hbs'), 'paper: [a4\nblocks: ]\n');
    const err = await renderTemplate('broken', {}, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalError);
    expect((err as Error).message).toMatch(/broken\.hbs produced invalid layout YAML/);
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect(((err as Error).cause as Error).name).toBe('YAMLException');
  });
});

describe('what the CLI prints for an error', () => {
  const cause = new RangeError('index 7 out of range');
  const fault = new InternalError('a sheet has 2 answers, expected 3', { cause });

  it('a bug is one line "internal error", exit 2', () => {
    const { text, exitCode } = describeFailure(fault, false);
    expect(exitCode).toBe(2);
    expect(text).toBe('mus: internal error: a sheet has 2 answers, expected 3 (run with --debug for details)\n');
  });

  it('under --debug, the stack and each cause in the chain', () => {
    const outer = new InternalError('building the posters failed', { cause: fault });
    const { text, exitCode } = describeFailure(outer, true);
    expect(exitCode).toBe(2);
    const lines = text.split('\n');
    expect(lines[0]).toBe('mus: internal error:');
    expect(lines[1]).toBe('InternalError: building the posters failed');
    expect(text).toMatch(/\n {4}at .*internal-error\.test\.ts/); // the stack's frames
    const first = lines.indexOf('caused by: InternalError: a sheet has 2 answers, expected 3');
    const second = lines.indexOf('caused by: RangeError: index 7 out of range');
    expect(first).toBeGreaterThan(1);
    expect(second).toBeGreaterThan(first);
  });

  it('a cause chain that loops is shown once, and a cause that is no Error as text', () => {
    const a = new InternalError('a');
    const b = new InternalError('b', { cause: a });
    a.cause = b;
    const looped = describeFailure(a, true).text;
    expect(looped.match(/InternalError: a$/gm)).toHaveLength(1);
    expect(looped.match(/InternalError: b$/gm)).toHaveLength(1);
    const plain = describeFailure(new InternalError('c', { cause: 'a string' }), true).text;
    expect(plain).toMatch(/\ncaused by: a string\n$/);
  });

  it('control characters in a cause do not reach the terminal', () => {
    const { text } = describeFailure(new InternalError('outer', { cause: new Error('\u001b]0;pwned\u0007') }), true);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('a user error stays one line per problem, exit 1, its stack only under --debug', () => {
    const err = new UserError({ file: 'svar.csv', line: 3, message: 'no such answer' });
    expect(describeFailure(err, false)).toEqual({ text: 'svar.csv:3: no such answer\n', exitCode: 1 });
    expect(describeFailure(err, true).text).toMatch(/^svar\.csv:3: no such answer\nUserError: /);
  });
});

// The app reads a scan's pages in a child process (scan-child.ts) that ends after the reading:
// the image decoders, the canvas and the page-reading threads' native memory (which the C
// allocator keeps for the process once freed) go with it, and the long-running app is back
// near its idle size. The child runs the same reading as the CLI (readResponseSources) and
// hands back what the app's memo keeps of the file (read-memo.ts: its pages as read), as JSON.
// The CLI reads in its own process, which ends anyway.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';
import { InternalError, type Problem, UserError } from '../errors.js';

/** What the child is asked: one scan file, read with the content of one workshop. */
export interface ScanRequest {
  file: string;
  contentDir: string;
  /** The workshop's details file (workshop.yaml) the content was loaded with, when there is one. */
  workshopFile?: string;
}

/** What the child answers: what was read, or the error the reading ended with. */
export type ScanAnswer =
  | { read: unknown }
  | { problems: Problem[] }
  | { internal: { message: string; stack?: string } };

// Plain JSON holds neither bytes (the pictures of rows to review) nor ±Infinity/NaN.
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array)
      return { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
    return v;
  });
}

export function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$bytes === 'string') return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
      if (typeof o.$number === 'string') return Number(o.$number);
    }
    return v;
  });
}

export interface ChildOptions {
  /** How long a reading may take before the child is ended (a 120-page scan takes ~15 s on a busy machine). */
  timeoutMs?: number;
  /** Sees the child once started (a test ends it to see how a dead child is reported). */
  started?: (child: ChildProcess) => void;
}

// Beside this module when compiled; run as TypeScript (the tests), the compiled child in dist/.
const beside = fileURLToPath(new URL('./scan-child.js', import.meta.url));
const childEntry = existsSync(beside) ? beside : join(packageRoot, 'dist', 'src', 'app', 'scan-child.js');

/** The scan's pages read in a child process: its result, its UserError, or an internal error naming the file. */
export function readInChild<T>(request: ScanRequest, options: ChildOptions = {}): Promise<T> {
  const { timeoutMs = 10 * 60_000 } = options;
  return new Promise<T>((resolve, reject) => {
    const child = fork(childEntry, [], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
      // The app's node flags, but not its debugger's port, which the child could not take too.
      execArgv: process.execArgv.filter((flag) => !flag.startsWith('--inspect')),
    });
    let answer: ScanAnswer | undefined;
    let stderr = '';
    let timedOut = false;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const died = (why: string) =>
      new InternalError(
        `reading the scan ${request.file} in its own process: ${why}${stderr.trim() ? `\n${stderr.trim()}` : ''}`,
      );
    child.on('message', (message) => {
      try {
        answer = decode(String(message)) as ScanAnswer;
      } catch (error) {
        reject(new InternalError(`reading the scan ${request.file}: the answer was not JSON`, { cause: error }));
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new InternalError(`reading the scan ${request.file}: its process could not run`, { cause: error }));
    });
    // 'close', not 'exit': the answer may still be in the channel when the process has ended.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return reject(died(`no answer in ${Math.round(timeoutMs / 1000)} s; ended`));
      if (!answer)
        return reject(
          died(signal ? `the process was ended (${signal})` : `the process ended (${code}) without an answer`),
        );
      if ('read' in answer) return resolve(answer.read as T);
      if ('problems' in answer) return reject(new UserError(answer.problems));
      const error = died(answer.internal.message);
      if (answer.internal.stack) error.stack = `${error.stack}\nin the child: ${answer.internal.stack}`;
      reject(error);
    });
    child.send(encode(request));
    options.started?.(child);
  });
}

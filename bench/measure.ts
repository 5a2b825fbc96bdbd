// Running benchmarked commands as new processes and summarising repeated measurements.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The preload that reports peak memory and CPU time of a child (compiled from probe.cts). */
const probe = join(here, 'probe.cjs');

export interface Run {
  /** Wall time from spawn to exit, as the person waiting sees it. */
  wallMs: number;
  /** User + system CPU time of the child. */
  cpuMs: number;
  /** Peak resident memory of the child. */
  maxRssKb: number;
  stdout: string;
}

/** Runs `node ARGS` as a new process; throws with its stderr when it exits other than with `status` (0). */
export function runNode(
  args: string[],
  options: { cwd?: string; captureStdout?: boolean; env?: NodeJS.ProcessEnv; status?: number } = {},
): Run {
  const dir = mkdtempSync(join(tmpdir(), 'mus-bench-probe-'));
  const report = join(dir, 'usage.json');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--require', probe, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, MUS_BENCH_PROBE: report },
      stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    if (result.status !== (options.status ?? 0)) {
      throw new Error(`node ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
    }
    const usage = JSON.parse(readFileSync(report, 'utf8')) as { maxRssKb: number; cpuMs: number };
    return { wallMs, ...usage, stdout: result.stdout ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time, CPU time and peak memory of repeated runs. */
export interface Summary {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  runs: number;
}

export function summarize(runs: Run[]): Summary {
  return {
    ms: round(median(runs.map((r) => r.wallMs))),
    cpuMs: round(median(runs.map((r) => r.cpuMs))),
    maxRssMb: round(Math.max(...runs.map((r) => r.maxRssKb)) / 1024),
    runs: runs.length,
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Runs each command `rounds` times, interleaved (a, b, c, a, b, c, …), so that a noisy
 * machine slows the baseline and the measured commands alike.
 */
export function interleaved<K extends string>(
  rounds: number,
  commands: Record<K, () => Run | undefined>,
): Record<K, Run[]> {
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, [] as Run[]])) as Record<K, Run[]>;
  for (let i = 0; i < rounds; i++) {
    for (const key of Object.keys(commands) as K[]) {
      const run = commands[key]();
      if (run) runs[key].push(run);
    }
  }
  return runs;
}

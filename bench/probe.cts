// Preloaded into benchmarked child processes (`node --require probe.cjs …`): at exit it
// writes the process's peak memory and CPU time to the file named by MUS_BENCH_PROBE,
// so the bench needs no `/usr/bin/time`.
import { writeFileSync } from 'node:fs';

const target = process.env.MUS_BENCH_PROBE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const report = { maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
    writeFileSync(target, JSON.stringify(report));
  });
}

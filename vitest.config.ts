import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The tests build many edited content sets: they get a cache folder of their own, so
    // they neither depend on nor crowd out what real builds keep (src/cache/persistent.ts).
    env: { MUS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'mus-test-cache-')) },
  },
});

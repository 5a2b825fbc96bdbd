import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when a source is newer than it, so no test runs stale compiled code.
    globalSetup: ['test/helpers/build-first.ts'],
    // Many tests run whole builds as a new process: on a busy two-core machine one takes
    // several seconds, so the limits catch a hang, not a slow machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

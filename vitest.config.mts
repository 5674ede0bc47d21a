import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    // Two test files at a time (the default is one on a 2-core machine): most wait on real
    // servers and browsers, each on its own ports and temp dirs, so the suite runs ~40 % faster.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});

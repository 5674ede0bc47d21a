import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});

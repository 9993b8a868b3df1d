import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/real-cluster/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The simulated cluster spawns real processes; two workers suit the 2-core machines.
    maxWorkers: 2,
  },
});

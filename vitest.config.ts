import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // some tests start the CLI as a process: slow on a loaded 2-core machine, not wrong
          testTimeout: 30_000,
          include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts', 'graders/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          // trials of every scenario at once, each attempt in its own namespace
          maxConcurrency: Number(process.env.CRASHLAB_E2E_CONCURRENCY ?? 8),
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
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

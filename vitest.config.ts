import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // Several tests read the whole registry or all ~1,000 product files: a few seconds alone, more
    // on a busy 2-core machine, where vitest's 5 s default failed them for time, not for a wrong value.
    testTimeout: 30_000,
  },
});

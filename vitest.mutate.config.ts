// The unit tests as Stryker runs them against each mutant: no e2e, no test that builds and spawns the CLI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/plugin-example.test.ts'],
    testTimeout: 60_000,
    // Tests that run the built CLI (dist/) skip themselves: no mutant of src/ reaches it.
    env: { CLAWDOC_MUTATION: '1' },
  },
});

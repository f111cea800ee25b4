// The unit tests as Stryker runs them against each mutant: no e2e, no test that builds and spawns the CLI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Socket-timing tests (probes, snapshot, hostile exits) race real timeouts: under the runner's load they flake
    // and abort the dry run. They cover src/probe and src/host, whose mutants are then judged by the other tests only.
    exclude: ['test/e2e/**', 'test/plugin-example.test.ts', 'test/probe/**', 'test/host/**', 'test/hostile/**'],
    testTimeout: 60_000,
    // Tests that run the built CLI (dist/) skip themselves: no mutant of src/ reaches it.
    env: { CLAWDOC_MUTATION: '1' },
  },
});

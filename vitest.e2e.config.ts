import { defineConfig } from 'vitest/config';

/** Browser journeys: the real server in-process on a fresh PostgreSQL database, driven by Debian's Chromium. */
export default defineConfig({
  test: {
    // The database cell under failure (e2e/cluster-failover.spec.ts, ~4–8 min) runs here too, and alone with
    // `npm run test:cluster`. Its ports are a block below the ephemeral range, so it cannot collide with the other
    // files' servers (freePort); files run one at a time.
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['server/test/global-setup.ts', 'e2e/support/ensure-web-build.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

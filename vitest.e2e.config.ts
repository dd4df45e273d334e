import { defineConfig } from 'vitest/config';

/** Browser journeys: the real server in-process on a fresh PostgreSQL database, driven by Debian's Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    // The database cell (Patroni, etcd, haproxy) has its own command, `npm run test:cluster` (vitest.cluster.config.ts).
    exclude: ['e2e/cluster-failover.spec.ts'],
    globalSetup: ['server/test/global-setup.ts', 'e2e/support/ensure-web-build.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

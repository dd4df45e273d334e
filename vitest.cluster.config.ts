import { defineConfig } from 'vitest/config';

/**
 * The database cell under failure (issue 19): three PostgreSQL nodes under Patroni with etcd, haproxy and two app
 * instances on loopback: the primary killed mid-intake, then the synchronous standby, then the network to the primary
 * cut. A few minutes; needs the Debian packages postgresql-15, patroni, etcd-server and haproxy. Also part of
 * `npm test` (vitest.e2e.config.ts); this config runs it alone (`npm run test:cluster`).
 */
export default defineConfig({
  test: {
    include: ['e2e/cluster-failover.spec.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 450_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

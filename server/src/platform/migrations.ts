import path from 'node:path';
import fs from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Db } from './database.js';
import { projectRoot } from './paths.js';
import { systemClock, type Clock } from './clock.js';

export const migrationsDir = path.join(projectRoot, 'server/db/migrations');
/** Migration files are `<UTC timestamp YYYYMMDDHHMMSS>-<verb>-<object>.sql`; checked here and by a test. */
export const migrationNamePattern = /^\d{14}-[a-z0-9]+(-[a-z0-9]+)*\.sql$/;
// Any constant works; it serialises concurrent starts of several instances.
const MIGRATION_LOCK = 746_118_2025;

export async function listMigrations(dir = migrationsDir): Promise<string[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  for (const f of files) {
    if (!migrationNamePattern.test(f)) throw new Error(`Tên migration không đúng quy ước: ${f}`);
  }
  return files;
}

/**
 * Applies pending forward-only migrations, each in its own transaction. A session-level advisory lock makes
 * concurrent starts wait for each other, so several instances can start on one database at once.
 */
export async function migrate(db: Db, dir = migrationsDir, clock: Clock = systemClock): Promise<string[]> {
  const client = await db.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL)`);
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration')).rows.map((r) => [
        r.name,
        r.checksum,
      ]),
    );
    for (const name of await listMigrations(dir)) {
      const sql = await fs.readFile(path.join(dir, name), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`Migration ${name} đã bị sửa sau khi áp dụng (migrations chỉ được thêm mới).`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migration (name, checksum, applied_at) VALUES ($1, $2, $3)', [name, checksum, clock.now()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${name} thất bại: ${(err as Error).message}`, { cause: err });
      }
      applied.push(name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return applied;
}

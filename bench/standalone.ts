import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createPool, type Db } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';

/**
 * A benchmark's database: an admin connection (BENCH_DATABASE_ADMIN_URL, for the drop at the end) and the URL of the
 * database `name`, created when `create` (an existing one, `--db=NAME`, is reused).
 */
export async function benchDatabase(name: string, create: boolean): Promise<{ admin: pg.Client; url: string }> {
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (create) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { admin, url: url.toString() };
}

/**
 * Runs one benchmark on its own database (created, migrated, dropped unless `keep`; or an existing one, `reuse`) and
 * writes its lines into BENCHMARKS.md between `<!-- section -->` markers, leaving the other sections as they are.
 */
export async function runStandalone(
  o: { section: string; reuse?: string; keep?: boolean },
  body: (db: Db, dataDir: string, dbName: string) => Promise<string[]>,
): Promise<void> {
  const dbName = o.reuse ?? `motcua_bench_${o.section.replace(/-/g, '_')}_${Date.now()}`;
  const { admin, url } = await benchDatabase(dbName, !o.reuse);
  const db = createPool(url, 20);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `motcua-bench-${o.section}-`));
  try {
    await migrate(db);
    const lines = await body(db, dataDir, dbName);
    await writeSection(o.section, lines);
    process.stdout.write(lines.join('\n'));
  } finally {
    await db.end();
    if (o.keep || o.reuse) process.stdout.write(`\nkept database ${dbName}\n`);
    else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Replaces the lines between `<!-- section -->` and `<!-- /section -->` in BENCHMARKS.md (appends them the first time). */
export async function writeSection(name: string, lines: string[]): Promise<void> {
  const file = path.resolve('BENCHMARKS.md');
  const current = await fs.readFile(file, 'utf8').catch(() => '');
  const marker = new RegExp(`<!-- ${name} -->[\\s\\S]*<!-- /${name} -->\\n?`);
  const section = `<!-- ${name} -->\n${lines.join('\n')}<!-- /${name} -->\n`;
  await fs.writeFile(file, marker.test(current) ? current.replace(marker, () => section) : `${current.trimEnd()}\n\n${section}`);
}

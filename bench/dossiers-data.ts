/**
 * The database of the dossier benchmark (bench/dossiers.ts): migrated, the demo data loaded (its desk, officer and
 * procedures are the ones the intake runs against), and optionally `dossiers` generated dossiers of other provinces
 * around it (bench/queues-data.ts), so the tables and their indexes have a province's size while the intake desk's
 * day starts empty. A generated database can be kept and measured again (`--keep`, `--db=`): a million dossiers take
 * several minutes of CPU, the measurement a few.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { benchDatabase } from './standalone.js';
import { loadConfig } from '../server/src/platform/config.js';
import { systemClock } from '../server/src/platform/clock.js';
import { createPool } from '../server/src/platform/database.js';
import { migrate } from '../server/src/platform/migrations.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { loadDemoData } from '../server/src/seed/load-demo.js';
import { generateQueueData } from './queues-data.js';

export type DossierDb = { name: string; url: string; generated: number; pool: pg.Pool; drop: () => Promise<void> };


export async function dossierDb(o: { dossiers: number; reuse?: string; keep?: boolean; log?: (m: string) => void }): Promise<DossierDb> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const name = o.reuse ?? `motcua_dbench_${Date.now()}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const { admin, url } = await benchDatabase(name, !o.reuse);
  let pool = createPool(url, 4);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-dbench-'));
  let generated: number;
  try {
    await migrate(pool);
    if (o.reuse) {
      const comment = (await pool.query<{ c: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()`)).rows[0]?.c;
      if (!comment) throw new Error(`${name} was not made by this benchmark (no description)`);
      generated = (JSON.parse(comment) as { dossiers: number }).dossiers;
      log(`reusing ${name}: ${generated.toLocaleString('en')} generated dossiers`);
    } else {
      const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'false', DEMO_PASSWORD: process.env.DEMO_PASSWORD });
      await loadDemoData({ config, db: pool, clock: systemClock, files: diskFileStore(dataDir, systemClock) });
      generated = 0;
      if (o.dossiers > 0) {
        log(`generating ${o.dossiers.toLocaleString('en')} dossiers…`);
        const g = await generateQueueData(pool, { dossiers: o.dossiers, provinces: 3, communes: 100, now: new Date() }, log);
        generated = g.dossiers;
      }
      await pool.query(`VACUUM ANALYZE`);
      await pool.query(`COMMENT ON DATABASE ${name} IS '${JSON.stringify({ dossiers: generated, demo: true })}'`);
    }
  } catch (err) {
    await pool.end();
    if (!o.reuse && !o.keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    throw err;
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  // The backends that migrated and loaded the data end here: a backend sends its table statistics to pg_stat_* when it
  // ends (else up to 10 s later), so the rows it wrote are not counted as written by the first requests probed after.
  await pool.end();
  pool = createPool(url, 4);
  return {
    name,
    url,
    generated,
    pool,
    drop: async () => {
      await pool.end();
      if (o.keep || o.reuse) log(`kept database ${name}`);
      else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

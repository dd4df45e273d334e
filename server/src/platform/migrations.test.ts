import pg from 'pg';
import { inject, describe, expect, it } from 'vitest';
import { withDatabase } from '../../test/global-setup.js';
import { createPool } from './database.js';
import { listMigrations, migrate, migrationNamePattern } from './migrations.js';

describe('migrations', () => {
  it('every file follows <UTC timestamp>-<verb>-<object>.sql', async () => {
    const files = await listMigrations();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(migrationNamePattern);
  });

  it('several instances starting at once apply each migration exactly once', async () => {
    const adminUrl = inject('pgAdminUrl');
    const name = `motcua_t_${inject('pgTemplate').split('_')[2]}_mig_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const pools = [0, 1, 2].map(() => createPool(withDatabase(adminUrl, name), 2));
    try {
      const results = await Promise.all(pools.map((p) => migrate(p)));
      const files = await listMigrations();
      expect(results.flat().sort()).toEqual(files);
      const { rows } = await pools[0]!.query('SELECT count(*)::int AS n FROM schema_migration');
      expect(rows[0].n).toBe(files.length);
      expect(await migrate(pools[0]!)).toEqual([]);
      // The extensions the catalogue search needs are there.
      const ext = await pools[0]!.query(`SELECT vn_fold('Đăng ký khai sinh — HỘ NGHÈO') AS f`);
      expect(ext.rows[0].f).toBe('dang ky khai sinh - ho ngheo');
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('the audit log refuses updates and deletes', async () => {
    const { freshDatabase } = await import('../../test/db.js');
    const { db, drop } = await freshDatabase();
    try {
      await db.query(`INSERT INTO audit_log (action, entity, entity_id, at) VALUES ('x', 'y', 'z', now())`);
      await expect(db.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await drop();
    }
  });
});

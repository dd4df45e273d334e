import pg from 'pg';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import { APP_ROLE, connectionPrivileges, ensureLoginRole, type Db } from './database.js';
import { recordAudit } from '../modules/audit/audit.repo.js';
import { verifyAuditChain } from '../modules/audit/use-cases/verify-chain.js';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let app: Db;

beforeAll(async () => {
  fresh = await freshDatabase({ asAppRole: true });
  app = fresh.db;
});
afterAll(() => fresh.drop());

const code = async (sql: string, params: unknown[] = []) =>
  app.query(sql, params).then(
    () => 'ok',
    (err: { code?: string }) => err.code,
  );

describe('the application connects with row rights only', () => {
  it('is neither superuser nor owner and cannot create, alter, drop or truncate anything', async () => {
    const p = await connectionPrivileges(app);
    expect(p).toMatchObject({ user: 'motcua_test_app', superuser: false, ownsSchema: false, canCreate: false });
    expect(await code('CREATE TABLE intruder (x int)')).toBe('42501');
    expect(await code('ALTER TABLE dossier ADD COLUMN intruder int')).toBe('42501');
    expect(await code('DROP TABLE report_target')).toBe('42501');
    expect(await code('TRUNCATE staff_session')).toBe('42501');
    expect(await code('CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$')).toBe('42501');
  });

  it('may only insert into and read the append-only tables; the audit chain head is out of its reach', async () => {
    await recordAudit(app, { actorId: null, actorName: 'Thử', action: 'test.role', entity: 'system', entityId: 'roles', unitPaths: [], at: new Date('2026-11-25T02:00:00Z') });
    expect((await app.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.role'`)).rows[0].n).toBe(1);
    for (const [table, column] of [['audit_log', 'action'], ['dossier_action', 'note'], ['payment_event', 'kind']]) {
      expect(await code(`UPDATE ${table} SET ${column} = ${column} WHERE false`), table).toBe('42501');
      expect(await code(`DELETE FROM ${table} WHERE false`), table).toBe('42501');
      expect(await code(`TRUNCATE ${table}`), table).toBe('42501');
    }
    expect(await code('UPDATE audit_chain_head SET seq = 0')).toBe('42501');
    expect(await code(`DELETE FROM schema_migration`)).toBe('42501');
    expect((await verifyAuditChain(app)).firstBreak).toBeNull();
  });

  it('has row rights on every table of the schema, including those added by later migrations', async () => {
    const { rows } = await app.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT has_table_privilege($1, c.oid, 'SELECT')`,
      [APP_ROLE],
    );
    expect(rows.map((r) => r.table)).toEqual([]);
  });

  it('creating the login role is idempotent and safe when many databases do it at once', async () => {
    const admins = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
        await c.connect();
        return c;
      }),
    );
    try {
      await Promise.all(admins.map((c) => ensureLoginRole(c, 'motcua_test_race', null)));
      const { rows } = await admins[0]!.query(`SELECT pg_has_role('motcua_test_race', $1, 'MEMBER') AS member, rolsuper FROM pg_roles WHERE rolname = 'motcua_test_race'`, [APP_ROLE]);
      expect(rows[0]).toEqual({ member: true, rolsuper: false });
    } finally {
      await Promise.all(admins.map((c) => c.end()));
    }
  });
});

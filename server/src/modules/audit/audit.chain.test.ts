import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { buildStaff, buildUnitTree } from '../../../test/factories.js';
import { withTransaction } from '../../platform/database.js';
import { recordAudit } from './audit.repo.js';
import { verifyAuditChain } from './use-cases/verify-chain.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../../..');

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'admin.xa', [{ role: 'admin', unit: tree.communeA }]);
  await buildStaff(t.ctx.db, 'admin.tinhkhac', [{ role: 'admin', unit: tree.otherProvince }]);
  await buildStaff(t.ctx.db, 'thanhtra.xa', [{ role: 'inspector', unit: tree.communeA }]);
});
afterAll(() => t.close());

describe('tamper-evident audit trail', () => {
  it('links concurrent writers into one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        withTransaction(t.ctx.db, async (tx) => {
          await recordAudit(tx, { actorId: null, actorName: 'Thử', action: 'test.concurrent', entity: 'system', entityId: `c${i}`, after: { i }, unitPaths: [], at: new Date('2026-11-25T02:00:00Z') });
          await tx.query('SELECT pg_sleep(0.005)');
        }),
      ),
    );
    const report = await verifyAuditChain(t.ctx.db);
    expect(report.firstBreak).toBeNull();
    expect(report.entries).toBeGreaterThanOrEqual(24);
    const { rows } = await t.ctx.db.query<{ n: number; distinctPrev: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT prev_hash)::int AS "distinctPrev" FROM audit_log WHERE prev_hash IS NOT NULL`,
    );
    expect(rows[0]!.distinctPrev).toBe(rows[0]!.n);
  });

  it('records the actor id, the client address and the before/after values of a change made over HTTP', async () => {
    const admin = await login(t.app, 'admin.xa');
    const target = await buildStaff(t.ctx.db, 'canbo.doi.ten', [{ role: 'specialist', unit: tree.officeA }]);
    const res = await injectAs(t.app, admin, { method: 'PATCH', url: `/api/users/${target}`, payload: { fullName: 'Tên Mới', phone: '0912000321' }, remoteAddress: '203.0.113.7' });
    expect(res.statusCode).toBe(200);
    const { rows } = await t.ctx.db.query(`SELECT actor_id, ip, before->>'fullName' AS b, after->>'fullName' AS a FROM audit_log WHERE entity_id = $1 AND action = 'user.updated'`, [target]);
    const adminId = (await t.ctx.db.query(`SELECT id FROM staff_user WHERE username = 'admin.xa'`)).rows[0].id;
    expect(rows[0]).toEqual({ actor_id: adminId, ip: '203.0.113.7', b: 'Cán bộ canbo.doi.ten', a: 'Tên Mới' });
  });

  it('shows each reader only the entries of the units inside their scope', async () => {
    const inspector = await login(t.app, 'thanhtra.xa');
    const seen = (await injectAs(t.app, inspector, { method: 'GET', url: '/api/audit?limit=200' })).json().items as { entityId: string; action: string }[];
    expect(seen.some((e) => e.action === 'user.updated')).toBe(true);
    expect(seen.some((e) => e.action === 'test.concurrent')).toBe(false);
    const other = await login(t.app, 'admin.tinhkhac');
    const foreign = (await injectAs(t.app, other, { method: 'GET', url: '/api/audit?limit=200' })).json().items as { action: string; entityId: string }[];
    expect(foreign.some((e) => e.action === 'user.updated')).toBe(false);
    // System entries concern no unit: a reader at a province sees them.
    expect(foreign.some((e) => e.action === 'test.concurrent')).toBe(true);
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });

  it("keeps one province's portal work out of another province's trail (site, members)", async () => {
    const admin = await login(t.app, 'admin.tinh');
    await buildStaff(t.ctx.db, 'bientap.tinh', [{ role: 'specialist', unit: tree.communeA }]);
    const site = { slug: 'tinh-thu-audit', title: 'Trang tỉnh thử', address: '1 Lê Lợi', phone: '0229 3871 000', feedbackPhone: '0229 3871 999', email: 'tinhthu@example.gov.vn', mapLat: 20.25, mapLng: 105.97, leaders: [], menu: [] };
    expect((await injectAs(t.app, admin, { method: 'PUT', url: `/api/info-portal/sites/${tree.province.id}`, payload: site })).statusCode).toBe(200);
    expect((await injectAs(t.app, admin, { method: 'POST', url: `/api/info-portal/sites/${tree.province.id}/members`, payload: { username: 'bientap.tinh', role: 'editor' } })).statusCode).toBe(200);
    const own = (await injectAs(t.app, admin, { method: 'GET', url: '/api/audit?limit=200' })).json().items as { action: string }[];
    expect(own.map((e) => e.action)).toEqual(expect.arrayContaining(['portal.site.create', 'portal.member.add']));
    const other = await login(t.app, 'admin.tinhkhac');
    const foreign = (await injectAs(t.app, other, { method: 'GET', url: '/api/audit?limit=200' })).json().items as { action: string }[];
    expect(foreign.filter((e) => e.action.startsWith('portal.'))).toEqual([]);
  });

  it('npm run audit:verify passes an intact chain and names the first entry a superuser edited', async () => {
    const env = { ...process.env, DATABASE_URL: t.url, MIGRATION_DATABASE_URL: '' };
    const ok = await run('npx', ['tsx', 'server/src/scripts/audit-verify.ts'], { cwd: root, env });
    expect(ok.stdout).toMatch(/Audit chain intact: \d+ entries/);

    const victim = (await t.ctx.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'user.updated' LIMIT 1`)).rows[0]!.id;
    const su = new pg.Client({ connectionString: t.url });
    await su.connect();
    try {
      // A superuser can switch the append-only trigger off; the chain still tells.
      await su.query(`SET session_replication_role = replica`);
      await su.query(`UPDATE audit_log SET after = jsonb_set(after, '{fullName}', '"Người Khác"') WHERE id = $1`, [victim]);
    } finally {
      await su.end();
    }
    const failed = await run('npx', ['tsx', 'server/src/scripts/audit-verify.ts'], { cwd: root, env }).then(
      () => null,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain(`BROKEN at entry id=${victim}`);
  });
});

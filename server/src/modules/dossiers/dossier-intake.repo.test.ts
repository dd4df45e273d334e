import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import type { Queryable } from '../../platform/database.js';
import { loadIntakeContext } from './dossier-intake.repo.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let admin: Awaited<ReturnType<typeof login>>;
let procedureId: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => new Date('2026-11-02T01:30:00Z') } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin', [{ role: 'admin', unit: tree.province }]);
  admin = await login(t.app, 'admin');
  const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ name: 'Đăng ký khai sinh' }) } });
  expect(res.statusCode, res.body).toBe(201);
  procedureId = res.json().id;
  const pub = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  expect(pub.statusCode, pub.body).toBe(200);
});
afterAll(() => t.close());

/** The database as the intake reads it, keeping which version contents each answer left out (null). */
function watched(): { q: Queryable; omitted: boolean[][] } {
  const omitted: boolean[][] = [];
  const q: Queryable = {
    query: (async (config: unknown, values?: unknown[]) => {
      const r = await t.ctx.db.query(config as string, values);
      omitted.push((r.rows[0]?.versions as { content: unknown }[]).map((v) => v.content === null));
      return r;
    }) as Queryable['query'],
  };
  return { q, omitted };
}

const args = () => ({ receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id, procedureId, idempotencyKey: 'k', from: '2026-01-01', to: '2027-12-31' });

describe('the intake context keeps the contents of published versions it has read', () => {
  it('reads a version content once, then the held one (frozen), and a new version in full', async () => {
    const { q, omitted } = watched();
    const first = await loadIntakeContext(q, args());
    const again = await loadIntakeContext(q, args());
    expect(omitted).toEqual([[false], [true]]);
    expect(again.versions[0]!.content).toBe(first.versions[0]!.content);
    expect(again.versions[0]!.content.name).toBe('Đăng ký khai sinh');
    expect(Object.isFrozen(again.versions[0]!.content.steps[0])).toBe(true);

    // An amendment is a new version: read in full beside the held one.
    expect((await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/revisions` })).statusCode).toBe(201);
    const draft = await injectAs(t.app, admin, { method: 'PUT', url: `/api/procedures/${procedureId}/draft`, payload: buildProcedureContent({ name: 'Đăng ký khai sinh (sửa đổi)' }) });
    expect(draft.statusCode, draft.body).toBe(200);
    const pub = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '2/QĐ', decisionDate: '2026-11-01', effectiveFrom: '2026-11-02' } });
    expect(pub.statusCode, pub.body).toBe(200);
    const amended = await loadIntakeContext(q, args());
    expect(omitted[2]).toEqual([false, true]);
    expect(amended.versions.map((v) => [v.versionNo, v.state, v.content.name])).toEqual([
      [2, 'published', 'Đăng ký khai sinh (sửa đổi)'],
      [1, 'superseded', 'Đăng ký khai sinh'],
    ]);
  });

  it('the database refuses to change the content of a version that is not a draft', async () => {
    const { rows } = await t.ctx.db.query<{ id: string; state: string }>(`SELECT id, state FROM procedure_version WHERE procedure_id = $1 ORDER BY version_no`, [procedureId]);
    for (const v of rows) {
      expect(v.state).not.toBe('draft');
      await expect(t.ctx.db.query(`UPDATE procedure_version SET content = jsonb_set(content, '{name}', '"Khác"') WHERE id = $1`, [v.id])).rejects.toMatchObject({ code: '55000' });
    }
    const names = await t.ctx.db.query<{ name: string }>(`SELECT content->>'name' AS name FROM procedure_version WHERE procedure_id = $1 ORDER BY version_no`, [procedureId]);
    expect(names.rows.map((r) => r.name)).toEqual(['Đăng ký khai sinh', 'Đăng ký khai sinh (sửa đổi)']);
  });
});

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';

/**
 * The desk's procedure picker ranks what the officer typed as words of the name first: "giam ho" is "Đăng ký giám
 * hộ", though the poor-household procedure's long text holds "giảm" and "hộ" many times.
 */
type Seed = Parameters<typeof buildProcedureContent>[0] & { code: string };
const seeds = JSON.parse(fs.readFileSync(new URL('../../../seed/procedures.json', import.meta.url), 'utf8')) as Seed[];
const seed = (code: string) => seeds.find((p) => p.code === code)!;

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let desk: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  const admin = await login(t.app, 'admin.tinh');
  desk = await login(t.app, 'motcua');
  // Every seeded procedure with its real text, as on the demo.
  for (const { code } of seeds) {
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent(seed(code)) } });
    expect(res.statusCode, res.body).toBe(201);
    const pub = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${res.json().id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(pub.statusCode, pub.body).toBeLessThan(300);
    ids[code] = res.json().id;
  }
});
afterAll(() => t.close());

const search = async (q: string) => {
  const r = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/receivable-procedures?receivingUnitId=${tree.deskA.id}&q=${encodeURIComponent(q)}` });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { name: string }[]).map((p) => p.name);
};

describe('the procedure picker ranks words of the name first', () => {
  it.each([
    ['giam ho', 'Đăng ký giám hộ'],
    ['giam', 'Đăng ký giám hộ'], // what the list shows while the officer is still typing
    ['GIÁM HỘ', 'Đăng ký giám hộ'],
    ['dang ky giam ho', 'Đăng ký giám hộ'],
    ['ho ngheo', 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm'],
    ['ho can ngheo', 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm'],
  ])('"%s" → %s first', async (q, first) => {
    expect((await search(q))[0]).toBe(first);
  });
});

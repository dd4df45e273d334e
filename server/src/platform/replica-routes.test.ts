import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../test/app.js';
import { seedDesk } from '../../test/dossier-fixtures.js';
import type { ReadRouter } from './read-replicas.js';
import { lsnKey, signLsn } from './read-replicas.js';

/**
 * Which requests may be served by a read replica (issue 19): the stale-tolerant ones — public catalogue and its
 * detail, the unit sites' pages, reports, dashboards, exports — and nothing an officer acts on (a dossier, a work
 * queue, the session). A router that records every request for a replica stands in for DATABASE_REPLICA_URLS; it
 * answers with the primary's pool, so the pages work as usual.
 */
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let asked = 0;
let lastSeen: string | null = null;
let dossierId = '';

beforeAll(async () => {
  t = await buildTestApp();
  s = await seedDesk(t.app, t.ctx.db);
  const site = { slug: 'phuong-ban-sao', title: 'Trang thông tin điện tử phường Bản Sao', address: '1 Lê Lợi', phone: '0277 3851 000', feedbackPhone: '0277 3851 999', email: 'bansao@example.gov.vn', mapLat: 10.8, mapLng: 105.6, leaders: [], menu: [] };
  const created = await injectAs(t.app, s.admin, { method: 'PUT', url: `/api/info-portal/sites/${s.tree.communeA.id}`, payload: site });
  expect(created.statusCode, created.body).toBe(200);
  dossierId = (await s.receive()).id;
  const spy: ReadRouter = {
    forRead: async (seen) => {
      asked++;
      lastSeen = seen;
      return t.ctx.db;
    },
    writePosition: async () => '0/0',
    end: async () => {},
  };
  t.ctx.reads = spy;
}, 120_000);
afterAll(() => t.close());

async function routed(who: Session | null, url: string, cookie?: string): Promise<{ status: number; replica: boolean }> {
  asked = 0;
  const res = await injectAs(t.app, who, { method: 'GET', url, ...(cookie ? { headers: { cookie: who ? `${cookie}; ${who.cookie}` : cookie } } : {}) });
  return { status: res.statusCode, replica: asked > 0 };
}

describe('reads routed to a replica', () => {
  it.each([
    ['/api/catalog/procedures?q=thu%20tuc', 'public catalogue search'],
    ['/api/catalog/facets', 'catalogue filters'],
    ['/trang', 'list of unit sites'],
    ['/trang/phuong-ban-sao', "a unit site's home"],
    ['/trang/phuong-ban-sao/thu-tuc', "a site's procedures"],
    ['/trang/phuong-ban-sao/tin-moi', "a site's latest news"],
    ['/trang/phuong-ban-sao/gioi-thieu/lien-he', "a site's required page"],
    ['/trang/phuong-ban-sao/bai-viet/chua-co', 'an article (none here: 404, read on the replica all the same)'],
    ['/trang/phuong-ban-sao/trang/chua-co', "a site's own page"],
  ])('%s (%s): replica', async (url) => {
    const r = await routed(null, url);
    expect(r.status).toBeLessThan(500);
    expect(r.replica).toBe(true);
  });

  it('catalogue detail: replica', async () => {
    const r = await routed(null, `/api/catalog/procedures/${s.procedureId}`);
    expect(r).toEqual({ status: 200, replica: true });
  });

  it.each([
    ['dashboard', 'admin', (u: string) => `/api/reports/summary?unitId=${u}&from=2026-01-01&to=2026-12-31`],
    ['ranking', 'admin', (u: string) => `/api/reports/ranking?unitId=${u}&year=2026`],
    ['satisfaction summary', 'leader', (u: string) => `/api/satisfaction/summary?unitId=${u}&from=2026-01-01&to=2026-12-31`],
    ['catalogue export', 'admin', (u: string) => `/api/procedures/export?ownerUnitId=${u}`],
    ['daily reports list', 'admin', () => '/api/reports/daily'],
    ['daily report (none by that id: 404)', 'admin', () => '/api/reports/daily/00000000-0000-4000-8000-000000000000'],
  ] as const)("an officer's %s → replica", async (_name, who, url) => {
    const r = await routed(s[who], url(s.tree.communeA.id));
    expect(r.status).toBeLessThan(500);
    expect(r.status).not.toBe(403);
    expect(r.replica).toBe(true);
  });

  it("the person's last write position travels with the read (read-your-writes)", async () => {
    await routed(null, '/api/catalog/facets', `mc_lsn=${signLsn('0/3000060', lsnKey(t.ctx))}`);
    expect(lastSeen).toBe('0/3000060');
    await routed(null, '/api/catalog/facets');
    expect(lastSeen).toBeNull();
  });

  it.each([
    ['unsigned', 'mc_lsn=FFFFFFFF/FFFFFFFF'],
    ['signed with another key', `mc_lsn=${signLsn('FFFFFFFF/FFFFFFFF', Buffer.alloc(32, 7))}`],
    ['a signature moved to another position', `mc_lsn=FFFFFFFF/FFFFFFFF.${signLsn('0/3000060', Buffer.alloc(32, 7)).split('.')[1]}`],
    ['garbage', 'mc_lsn=garbage.x'],
  ])('a forged write position (%s) cannot pin anyone to the primary', async (_name, cookie) => {
    expect(await routed(null, `/api/catalog/procedures/${s.procedureId}`, cookie)).toEqual({ status: 200, replica: true });
    expect(lastSeen).toBeNull();
  });

  it.each([
    () => `/api/dossiers/${dossierId}`,
    () => '/api/auth/me',
  ])('what an officer acts on stays on the primary (%#)', async (url) => {
    const r = await routed(s.desk, url());
    expect(r).toEqual({ status: 200, replica: false });
  });
});

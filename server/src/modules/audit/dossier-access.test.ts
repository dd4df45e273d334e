import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../../test/app.js';
import { multipart, pdf, registerCitizen } from '../../../test/citizens.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { isPersonalNumberSearch } from './dossier-access.repo.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let an: Session & { id: string };
let binh: Session & { id: string };
let dossierId: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => new Date('2026-11-25T02:00:00Z') }, asAppRole: true });
  s = await seedDesk(t.app, t.ctx.db);
  an = await registerCitizen(t.app, { identifier: 'an.xem@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01' });
  binh = await registerCitizen(t.app, { identifier: 'binh.xem@example.vn', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03' });
  const up = multipart({ name: 'to-khai.pdf', content: pdf('to khai xem') }, { name: 'Tờ khai' });
  const docs = (await injectAs(t.app, an, { method: 'POST', url: '/api/citizen/documents', payload: up.payload, headers: up.headers })).json() as { sha256: string }[];
  const res = await injectAs(t.app, an, {
    method: 'POST',
    url: '/api/citizen/dossiers',
    payload: { idempotencyKey: 'xem-ho-so-1', procedureId: s.procedureId, resolvingUnitId: s.tree.communeA.id, eform: { hoTen: APPLICANT.fullName }, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: docs[0]!.sha256 }] },
  });
  expect(res.statusCode, res.body).toBe(201);
  dossierId = res.json().id;
});
afterAll(() => t.close());

describe("every look at a dossier's personal data leaves a trace the citizen sees", () => {
  it('records opening, searching by CCCD and downloading a document, by whom, from which unit; the citizen reads it', async () => {
    expect((await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}/views` })).json()).toEqual([]);
    expect((await injectAs(t.app, s.desk, { method: 'GET', url: `/api/dossiers/${dossierId}` })).statusCode).toBe(200);
    const found = await injectAs(t.app, s.desk, { method: 'GET', url: `/api/dossiers?queue=all&q=${APPLICANT.idNumber}` });
    expect(found.json().items.map((i: { id: string }) => i.id)).toContain(dossierId);
    // A search by name is not a look at a personal number: nothing recorded for it.
    await injectAs(t.app, s.desk, { method: 'GET', url: `/api/dossiers?queue=all&q=${encodeURIComponent('Nguyễn Văn')}` });
    const files = (await injectAs(t.app, s.desk, { method: 'GET', url: `/api/dossiers/${dossierId}/files` })).json() as { sha256: string }[];
    expect(files.length).toBeGreaterThan(0);
    expect((await injectAs(t.app, s.desk, { method: 'GET', url: `/api/dossiers/${dossierId}/files/${files[0]!.sha256}` })).statusCode).toBe(200);
    // Another commune's officer is refused, and a refused look records nothing.
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: `/api/dossiers/${dossierId}` })).statusCode).toBe(404);

    const views = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}/views` });
    expect(views.statusCode).toBe(200);
    const rows = views.json() as { actorName: string; unitName: string; purpose: string; detail: string | null; at: string }[];
    expect(rows.map((r) => r.purpose).sort()).toEqual(['file', 'open', 'search']);
    for (const r of rows) expect(r).toMatchObject({ actorName: 'Cán bộ motcua', unitName: s.tree.deskA.name, at: '2026-11-25T02:00:00.000Z' });
    expect(JSON.stringify(rows)).not.toContain(APPLICANT.idNumber);
    const ip = await t.ctx.db.query(`SELECT DISTINCT ip FROM dossier_access WHERE dossier_id = $1`, [dossierId]);
    expect(ip.rows).toEqual([{ ip: '127.0.0.1' }]);
  });

  it('only the citizen whose dossier it is reads the trace; nobody can rewrite it', async () => {
    expect((await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}/views` })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}/views` })).statusCode).toBe(401);
    expect((await injectAs(t.app, s.desk, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}/views` })).statusCode).toBe(401);
    await expect(t.ctx.db.query(`DELETE FROM dossier_access WHERE dossier_id = $1`, [dossierId])).rejects.toThrow(/permission denied/);
  });

  it('tells a personal number from a name or a dossier code', () => {
    expect(isPersonalNumberSearch('087090001234')).toBe(true);
    expect(isPersonalNumberSearch('0912 345 678')).toBe(true);
    expect(isPersonalNumberSearch('+84912345678')).toBe(true);
    expect(isPersonalNumberSearch('Nguyễn Văn An')).toBe(false);
    expect(isPersonalNumberSearch('000.00.25.H12-261125-0001')).toBe(false);
    expect(isPersonalNumberSearch(undefined)).toBe(false);
  });
});

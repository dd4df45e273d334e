import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { multipart, pdf, registerCitizen } from '../../../test/citizens.js';
import { buildStaff } from '../../../test/factories.js';
import type { Log } from '../../platform/log.js';
import { citizenStoreErrors } from './citizen-store.errors.js';
import { httpCitizenStore, simulatorCitizenStore, type CitizenStore } from './citizen-store.adapter.js';
import { pushDueResults } from './citizen-store.jobs.js';
import { setCitizenStore } from './citizen-store.routes.js';

let t: TestApp;
let now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Vietnam
const clock = { now: () => now };
const quiet: Log = { info: () => {}, warn: () => {}, error: () => {} } as unknown as Log;
let seed: Awaited<ReturnType<typeof seedDesk>>;
let an: Session & { id: string }, binh: Session & { id: string }, claimant: Session & { id: string };
let otherReader: Session;
let dossierId: string;
let sim: CitizenStore;

const simCount = async () => Number((await t.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM citizen_store_sim_document`)).rows[0]!.n);
const pushRows = async () => (await t.ctx.db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM citizen_store_push WHERE dossier_id = $1`, [dossierId])).rows;
const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

beforeAll(async () => {
  t = await buildTestApp({ clock });
  seed = await seedDesk(t.app, t.ctx.db);
  sim = simulatorCitizenStore(t.ctx.db, clock);
  await buildStaff(t.ctx.db, 'lanhdao.b', [{ role: 'leader', unit: seed.tree.communeB }]);
  otherReader = await login(t.app, 'lanhdao.b');
  an = await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01', gender: 'male' });
  claimant = await registerCitizen(t.app, { identifier: 'gia@example.vn', idNumber: APPLICANT.idNumber, fullName: 'Người Nhận Vơ', birthDate: '1990-05-01', gender: 'male' });
  binh = await registerCitizen(t.app, { identifier: '0912345678', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03', gender: 'female' });
  // The desk checks An's and Bình's cards; the claimant's number stays a claim.
  for (const c of [{ s: an, n: APPLICANT.idNumber }, { s: binh, n: '079195000123' }]) {
    const v = await injectAs(t.app, seed.desk, { method: 'POST', url: `/api/citizen-accounts/${c.s.id}/verify-id`, payload: { idNumber: c.n, unitId: seed.tree.deskA.id } });
    expect(v.statusCode, v.body).toBe(204);
  }
});
afterAll(() => t.close());

const act = async (s: Session, action: string) => {
  const r = await injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${dossierId}/actions`, payload: { action } });
  expect(r.statusCode, r.body).toBe(200);
};

describe('a result reaches the holder\'s national store', () => {
  it('the result event writes the outbox row; nothing is sent from the request', async () => {
    dossierId = (await seed.receive()).id;
    await act(seed.desk, 'forward');
    await act(seed.specialist, 'claim');
    await act(seed.specialist, 'forward');
    const m = multipart({ name: 'giay-chung-nhan-ket-hon.pdf', content: pdf('ket-qua-ket-hon') }, { documentName: 'Giấy chứng nhận kết hôn', kind: 'result' });
    expect((await injectAs(t.app, seed.leader, { method: 'POST', url: `/api/dossiers/${dossierId}/files`, payload: m.payload, headers: m.headers })).statusCode).toBe(201);
    expect(await pushRows()).toEqual([]); // attached before the result: not yet a result of the dossier
    await act(seed.leader, 'approve');
    expect(await pushRows()).toEqual([{ status: 'pending', attempts: 0 }]);
    expect(await simCount()).toBe(0);
  });

  it('is pushed once across an outage and a lost answer, then never again', async () => {
    let calls = 0;
    const down: CitizenStore = { ...sim, put: async () => (calls++, Promise.reject(citizenStoreErrors.unavailable())) };
    expect(await pushDueResults(t.ctx, down, quiet)).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await pushDueResults(t.ctx, down, quiet)).toMatchObject({ claimed: 0 }); // waits its backoff (1 minute)
    advance(1);
    // The store keeps the document but the answer is lost on the way back: we must send again, and it must stay one.
    const lostAnswer: CitizenStore = { ...sim, put: async (d) => (calls++, await sim.put(d), Promise.reject(new Error('socket hang up'))) };
    expect(await pushDueResults(t.ctx, lostAnswer, quiet)).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await simCount()).toBe(1);
    advance(5);
    expect(await pushDueResults(t.ctx, sim, quiet)).toMatchObject({ claimed: 1, sent: 1 });
    expect(calls).toBe(2);
    expect(await simCount()).toBe(1);
    expect(await pushRows()).toEqual([{ status: 'sent', attempts: 3 }]);
    advance(24 * 60);
    expect(await pushDueResults(t.ctx, sim, quiet)).toMatchObject({ claimed: 0 });
    const [doc] = await sim.list(APPLICANT.idNumber);
    expect(doc).toMatchObject({ name: 'Giấy chứng nhận kết hôn', dossierCode: expect.any(String), digitised: true });
    expect(await sim.list('079195000123')).toEqual([]);
  });

  it('returning the result to the applicant adds nothing to the outbox', async () => {
    await act(seed.desk, 'return_result');
    expect((await pushRows()).length).toBe(1);
  });

  it('the holder\'s own dossier page lists the electronic result with its download, whatever the delivery; nobody else\'s', async () => {
    const page = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().resultDelivery).not.toBe('online');
    const result = (page.json().files as { kind: string; documentName: string; sha256: string }[]).filter((f) => f.kind === 'result');
    expect(result.map((f) => f.documentName)).toEqual(['Giấy chứng nhận kết hôn']);
    const file = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}/files/${result[0]!.sha256}` });
    expect([file.statusCode, file.rawPayload.equals(pdf('ket-qua-ket-hon'))]).toEqual([200, true]);
    expect([403, 404]).toContain((await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}` })).statusCode);
    expect([403, 404]).toContain((await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/dossiers/${dossierId}/files/${result[0]!.sha256}` })).statusCode);
  });

  it('the officer sees where each result stands; other units and strangers do not', async () => {
    const ok = await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${dossierId}/citizen-store` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toMatchObject([{ documentName: 'Giấy chứng nhận kết hôn', status: 'sent' }]);
    expect((await injectAs(t.app, otherReader, { method: 'GET', url: `/api/dossiers/${dossierId}/citizen-store` })).statusCode).toBe(404);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/dossiers/${dossierId}/citizen-store` })).statusCode).toBe(401);
    expect((await injectAs(t.app, an, { method: 'GET', url: `/api/dossiers/${dossierId}/citizen-store` })).statusCode).toBe(401);
    expect((await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/not-a-uuid/citizen-store` })).statusCode).toBe(400);
  });
});

describe('a document from the store is reused in a new dossier', () => {
  let storeId: string;
  it('the holder lists their store; an unproven claim of the same number and strangers see nothing', async () => {
    const list = await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/national-store' });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toMatchObject([{ name: 'Giấy chứng nhận kết hôn', digitised: true, takenDocumentId: null }]);
    storeId = list.json().items[0].storeId;
    const claim = await injectAs(t.app, claimant, { method: 'GET', url: '/api/citizen/national-store' });
    expect(claim.statusCode).toBe(403);
    expect(claim.json()).toMatchObject({ code: 'CITIZEN_STORE.ID_NOT_VERIFIED', message: expect.stringContaining('chưa được xác minh') });
    expect((await injectAs(t.app, binh, { method: 'GET', url: '/api/citizen/national-store' })).json().items).toEqual([]);
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/citizen/national-store' })).statusCode).toBe(401);
    expect((await injectAs(t.app, seed.desk, { method: 'GET', url: '/api/citizen/national-store' })).statusCode).toBe(401);
  });

  it('only the holder takes it; garbage ids are refused and change nothing', async () => {
    const countDocs = async () => Number((await t.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM citizen_document`)).rows[0]!.n);
    const before = await countDocs();
    expect((await injectAs(t.app, binh, { method: 'POST', url: `/api/citizen/national-store/${storeId}/take` })).statusCode).toBe(404);
    expect((await injectAs(t.app, claimant, { method: 'POST', url: `/api/citizen/national-store/${storeId}/take` })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'POST', url: `/api/citizen/national-store/${storeId}/take` })).statusCode).toBe(401);
    const bad = await injectAs(t.app, an, { method: 'POST', url: `/api/citizen/national-store/${encodeURIComponent('../../etc passwd')}/take` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('COMMON.VALIDATION');
    // The router's own refusals (a parameter over its maximum length, a broken percent-encoding) in our shape, in Vietnamese.
    const long = await injectAs(t.app, an, { method: 'POST', url: `/api/citizen/national-store/${'a'.repeat(101)}/take` });
    expect([long.statusCode, long.json()]).toEqual([400, { code: 'COMMON.PARAM_TOO_LONG', message: 'Đường dẫn có tham số dài quá mức cho phép.', messageEn: 'A path parameter is too long.' }]);
    const broken = await injectAs(t.app, an, { method: 'POST', url: '/api/citizen/national-store/%E0%A4%A/take' });
    expect([broken.statusCode, broken.json().code, broken.json().message]).toEqual([400, 'COMMON.BAD_URL', 'Đường dẫn không hợp lệ (mã hóa ký tự sai).']);
    expect(await countDocs()).toBe(before);
  });

  it('taken and attached, the component is flagged as from the store (DuocLayTuKhoDMQG) and shown so to the officer', async () => {
    const taken = await injectAs(t.app, an, { method: 'POST', url: `/api/citizen/national-store/${storeId}/take` });
    expect(taken.statusCode, taken.body).toBe(201);
    const again = await injectAs(t.app, an, { method: 'POST', url: `/api/citizen/national-store/${storeId}/take` });
    expect(again.json().id).toBe(taken.json().id);
    expect((await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/national-store' })).json().items[0].takenDocumentId).toBe(taken.json().id);
    // The taken copy keeps its provenance (issue 16): the national store's, its issuer, issue date and dossier code —
    // also while the national store cannot be reached.
    const [meta] = await sim.list(APPLICANT.idNumber);
    const expected = { source: 'local', documentId: taken.json().id, storeId, issuer: meta!.issuer, date: meta!.issuedAt, dossierCode: meta!.dossierCode };
    const pick = (items: Record<string, unknown>[]) => items.filter((i) => i.name === 'Giấy chứng nhận kết hôn').map((i) => ({ source: i.source, documentId: i.documentId, storeId: i.storeId, issuer: i.issuer, date: i.date, dossierCode: i.dossierCode }));
    expect(pick((await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/kho' })).json().items)).toEqual([expected]);
    expect(meta!.issuer).toBe('Phường An Thử');
    expect(meta!.dossierCode).toMatch(/^\S+$/);
    setCitizenStore(t.ctx, { ...sim, list: () => Promise.reject(citizenStoreErrors.unavailable()) });
    try {
      const down = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/kho' })).json();
      expect(down.nationalStore).toBe('unavailable');
      expect(pick(down.items)).toEqual([expected]);
    } finally {
      setCitizenStore(t.ctx, sim);
    }
    const submitted = await injectAs(t.app, an, {
      method: 'POST',
      url: '/api/citizen/dossiers',
      payload: { idempotencyKey: 'reuse-from-store-1', procedureId: seed.procedureId, resolvingUnitId: seed.tree.communeA.id, eform: { hoTen: APPLICANT.fullName }, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: taken.json().sha256 }] },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const files = (await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${submitted.json().id}/files` })).json();
    expect(files).toMatchObject([{ documentName: 'Tờ khai đăng ký khai sinh', digitised: true, fromNationalStore: true }]);
    // An upload stays an upload.
    const up = multipart({ name: 'to-khai.pdf', content: pdf('to-khai-tai-len') }, { name: 'Tờ khai' });
    const uploaded = await injectAs(t.app, an, { method: 'POST', url: '/api/citizen/documents', payload: up.payload, headers: up.headers });
    const sha = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/documents' })).json().find((d: { name: string }) => d.name === 'Tờ khai').sha256;
    expect(uploaded.statusCode).toBe(201);
    const second = await injectAs(t.app, an, {
      method: 'POST',
      url: '/api/citizen/dossiers',
      payload: { idempotencyKey: 'uploaded-1', procedureId: seed.procedureId, resolvingUnitId: seed.tree.communeA.id, eform: { hoTen: APPLICANT.fullName }, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: sha }] },
    });
    expect((await injectAs(t.app, seed.desk, { method: 'GET', url: `/api/dossiers/${second.json().id}/files` })).json()[0].fromNationalStore).toBe(false);
  });

  it('a store outage is a 503 with a Vietnamese message, not a 5xx crash', async () => {
    setCitizenStore(t.ctx, { put: () => Promise.reject(citizenStoreErrors.unavailable()), list: () => Promise.reject(citizenStoreErrors.unavailable()), get: () => Promise.reject(citizenStoreErrors.unavailable()) });
    const res = await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/national-store' });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('CITIZEN_STORE.UNAVAILABLE');
    setCitizenStore(t.ctx, sim);
  });
});

describe('the HTTP adapter against the simulator\'s protocol', () => {
  it('puts idempotently, lists and reads by holder, and refuses a wrong token', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/sim/kho`;
    const store = httpCitizenStore(base, t.ctx.config.citizenStoreToken);
    const doc = { idNumber: '079195000123', sourceKey: 'http-test-1', name: 'Trích lục', issuer: 'UBND xã', dossierCode: null, issuedAt: now.toISOString(), fileName: 'a.pdf', mediaType: 'application/pdf', content: pdf('http') };
    const a = await store.put(doc);
    expect((await store.put(doc)).storeId).toBe(a.storeId);
    expect((await store.list('079195000123')).map((d) => d.storeId)).toEqual([a.storeId]);
    expect((await store.get('079195000123', a.storeId))?.content.equals(pdf('http'))).toBe(true);
    expect(await store.get(APPLICANT.idNumber, a.storeId)).toBeNull();
    await expect(httpCitizenStore(base, 'wrong-token-wrong-token').list('079195000123')).rejects.toMatchObject({ code: 'CITIZEN_STORE.UNAVAILABLE' });
  });
});

describe('the portal\'s "Kho dữ liệu": one list of the local and the national store', () => {
  type Kho = { items: { key: string; source: string; documentId: string | null; storeId: string | null; name: string; issuer: string | null; date: string; dossierCode: string | null }[]; nationalStore: string };
  const kho = async (s: Session | null) => injectAs(t.app, s, { method: 'GET', url: '/api/citizen/kho' });

  it('a result pushed to the national store for a dossier received at the desk is listed to its holder, with issuer, date and code', async () => {
    // Bình's dossier was received at the desk (no account of hers on it): its result reaches her only through the store.
    const { id, code } = await seed.receive();
    await t.ctx.db.query(`UPDATE dossier SET applicant = applicant || '{"idNumber": "079195000123", "fullName": "Trần Thị Bình"}'::jsonb WHERE id = $1`, [id]);
    const step = async (s: Session, action: string) => expect((await injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action } })).statusCode).toBe(200);
    await step(seed.desk, 'forward');
    await step(seed.specialist, 'claim');
    await step(seed.specialist, 'forward');
    const m = multipart({ name: 'trich-luc.pdf', content: pdf('trich-luc-binh') }, { documentName: 'Trích lục kết hôn', kind: 'result' });
    expect((await injectAs(t.app, seed.leader, { method: 'POST', url: `/api/dossiers/${id}/files`, payload: m.payload, headers: m.headers })).statusCode).toBe(201);
    await step(seed.leader, 'approve');
    const before = (await kho(binh)).json() as Kho;
    expect(before.items.filter((i) => i.name === 'Trích lục kết hôn')).toEqual([]);
    expect(await pushDueResults(t.ctx, sim, quiet)).toMatchObject({ sent: 1 });

    const res = await kho(binh);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as Kho;
    expect(view.nationalStore).toBe('available');
    const item = view.items.find((i) => i.name === 'Trích lục kết hôn')!;
    expect(item).toMatchObject({ source: 'national', documentId: null, issuer: 'Phường An Thử', dossierCode: code, date: now.toISOString() });
    expect(item.storeId).toMatch(/^KHO-/);
    // Nobody else sees it: not An, not a signed-out visitor, not an officer.
    expect(((await kho(an)).json() as Kho).items.map((i) => i.storeId)).not.toContain(item.storeId);
    expect((await kho(null)).statusCode).toBe(401);
    expect((await kho(seed.desk)).statusCode).toBe(401);

    // Taken from the store, it is one entry, local now (offered by the submission's picker), still marked as the store's.
    const taken = await injectAs(t.app, binh, { method: 'POST', url: `/api/citizen/national-store/${item.storeId}/take` });
    expect(taken.statusCode, taken.body).toBe(201);
    const after = ((await kho(binh)).json() as Kho).items.filter((i) => i.name === 'Trích lục kết hôn');
    expect(after).toEqual([expect.objectContaining({ source: 'local', documentId: taken.json().id, storeId: item.storeId })]);
    const picker = (await injectAs(t.app, binh, { method: 'GET', url: '/api/citizen/documents' })).json() as { id: string }[];
    expect(picker.map((d) => d.id)).toContain(taken.json().id);
  });

  it('An, whose taken result is in both stores, sees each document once', async () => {
    const view = (await kho(an)).json() as Kho;
    const names = view.items.map((i) => i.name);
    expect(names.filter((n) => n === 'Giấy chứng nhận kết hôn')).toHaveLength(1);
    expect(view.items.find((i) => i.name === 'Giấy chứng nhận kết hôn')).toMatchObject({ source: 'local', storeId: expect.stringMatching(/^KHO-/) });
  });

  it('an unproven number lists the local store only and says why; an outage of the national store too', async () => {
    const claim = await kho(claimant);
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toEqual({ items: [], nationalStore: 'unverified' });
    setCitizenStore(t.ctx, { put: () => Promise.reject(citizenStoreErrors.unavailable()), list: () => Promise.reject(citizenStoreErrors.unavailable()), get: () => Promise.reject(citizenStoreErrors.unavailable()) });
    try {
      const down = (await kho(an)).json() as Kho;
      expect(down.nationalStore).toBe('unavailable');
      expect(down.items.every((i) => i.source === 'local')).toBe(true);
      expect(down.items.map((i) => i.name)).toContain('Giấy chứng nhận kết hôn');
    } finally {
      setCitizenStore(t.ctx, sim);
    }
  });
});

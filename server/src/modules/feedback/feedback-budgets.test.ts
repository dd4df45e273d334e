import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';

// A small per-address budget (4 a minute), so each purpose runs out quickly.
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
const now = new Date('2026-11-25T02:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now }, env: { TRACKING_PER_MINUTE: '4' } });
  s = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

const from = (ip: string) => (url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, payload, remoteAddress: ip });
const sender = { name: 'Trần Thị Hoa', address: 'Số 9 đường Lê Lợi, phường An Thử', phone: '0987654321', email: null };
const item = () => ({ unitId: s.tree.deskA.id, subject: 'Đèn đường hỏng', content: 'Đèn đường trước chợ không sáng đã một tuần.', sender });

describe('separate per-address budgets for sending, proving a number + phone, and suggestions (walk 17 finding 10)', () => {
  it('wrong proofs use up only the proof budget: the same address still sends, and still gets suggestions', async () => {
    const post = from('203.0.113.7');
    const proofs = [];
    // Different numbers, so the per-number hold (authoriseSenderProof) is not what stops them.
    for (let i = 0; i < 5; i++) proofs.push((await post('/api/feedback/public/track', { code: `PAKN-2026-KHONG-0000${i}`, phone: '0912345678' })).statusCode);
    expect(proofs).toEqual([404, 404, 404, 404, 429]);
    expect((await post('/api/feedback/public/track', { code: 'PAKN-2026-KHONG-00009', phone: '0912345678' })).json().code).toBe('COMMON.RATE_LIMITED');
    const sent = await post('/api/feedback/public', item());
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await post('/api/feedback/public/similar', { unitId: s.tree.deskA.id, text: 'Đèn đường hỏng trước chợ' })).statusCode).toBe(200);
  });

  it('sending uses up only the sending budget: the same address still proves its number + phone', async () => {
    const post = from('203.0.113.8');
    const sends = [];
    for (let i = 0; i < 5; i++) sends.push((await post('/api/feedback/public', item())).statusCode);
    expect(sends).toEqual([201, 201, 201, 201, 429]);
    const { rows } = await t.ctx.db.query<{ code: string }>(`SELECT code FROM feedback ORDER BY code DESC LIMIT 1`);
    const tracked = await post('/api/feedback/public/track', { code: rows[0]!.code, phone: sender.phone });
    expect(tracked.statusCode, tracked.body).toBe(200);
    // Another address has its own budgets.
    expect((await from('203.0.113.9')('/api/feedback/public', item())).statusCode).toBe(201);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';
import type { LedgerEntry } from '../dossiers/dossier-events.rules.js';
import { aggregateStepTimes, stepStints } from './step-time.rules.js';

const vn = (s: string) => new Date(`${s}+07:00`);

describe('step stints from the ledger (pure)', () => {
  const opening = { channel: 'desk' as const, submittedAt: '2026-12-07T02:00:00Z', resultDelivery: 'desk' as const, stepCount: 3 };
  const schedule = { code: 'X', receivedAt: '2026-12-07T02:00:00Z', countingFrom: '2026-12-07T02:00:00Z', dueAt: '2026-12-08T10:00:00Z', stepCount: 3, stepDues: [null, null, null] };
  it('cuts the time by step and holder (the queue wait is the officer\'s who took or handed on the step); the supplement wait and the time after approval are no step time', () => {
    const log: LedgerEntry[] = [
      { at: vn('2026-12-07T09:00'), actorId: 'd', event: { type: 'accept', opening, schedule } },
      { at: vn('2026-12-07T10:00'), actorId: 'd', event: { type: 'forward' } },
      { at: vn('2026-12-07T10:20'), actorId: 's', event: { type: 'claim', assigneeId: 's' } },
      { at: vn('2026-12-07T11:00'), actorId: 's', event: { type: 'request_supplement' } },
      { at: vn('2026-12-08T09:00'), actorId: 'd', event: { type: 'supplement_received', waitedWorkingMinutes: 300, countingFrom: '2026-12-08T02:00:00Z', newDueAt: '2026-12-09T02:00:00Z', stepDues: [] } },
      { at: vn('2026-12-08T09:30'), actorId: 's', event: { type: 'forward' } },
      { at: vn('2026-12-08T10:00'), actorId: 'l', event: { type: 'approve' } },
      { at: vn('2026-12-08T11:00'), actorId: 'd', event: { type: 'return_result', receivedBy: null } },
    ];
    expect(stepStints(log).map((s) => [s.stepIndex, s.assigneeId, s.from.toISOString(), s.to.toISOString()])).toEqual([
      // Forwarded by the desk officer 'd', claimed by 's', approved by 'l': each named, not "Chưa phân công".
      [0, 'd', vn('2026-12-07T09:00').toISOString(), vn('2026-12-07T10:00').toISOString()],
      [1, 's', vn('2026-12-07T10:00').toISOString(), vn('2026-12-07T10:20').toISOString()],
      [1, 's', vn('2026-12-07T10:20').toISOString(), vn('2026-12-07T11:00').toISOString()],
      // Back from the supplement: the same step and holder start a new stint.
      [1, 's', vn('2026-12-08T09:00').toISOString(), vn('2026-12-08T09:30').toISOString()],
      [2, 'l', vn('2026-12-08T09:30').toISOString(), vn('2026-12-08T10:00').toISOString()],
    ]);
  });
  it('a step nobody took or handed on stays without an officer (withdrawn while waiting in the queue)', () => {
    const log: LedgerEntry[] = [
      { at: vn('2026-12-07T09:00'), actorId: 'd', event: { type: 'accept', opening, schedule } },
      { at: vn('2026-12-07T10:00'), actorId: 'd', event: { type: 'forward' } },
      { at: vn('2026-12-07T11:00'), actorId: 'd', event: { type: 'withdraw' } },
    ];
    expect(stepStints(log).map((s) => [s.stepIndex, s.assigneeId])).toEqual([[0, 'd'], [1, null]]);
  });
  it('sums by unit, step and officer', () => {
    const rows = aggregateStepTimes([
      { dossierId: 'a', unitId: 'u', stepName: 'Thẩm định', officerId: 's', workingMinutes: 40, elapsedMinutes: 40 },
      { dossierId: 'a', unitId: 'u', stepName: 'Thẩm định', officerId: 's', workingMinutes: 30, elapsedMinutes: 1320 },
      { dossierId: 'b', unitId: 'u', stepName: 'Thẩm định', officerId: 's', workingMinutes: 20, elapsedMinutes: 20 },
      { dossierId: 'b', unitId: 'u', stepName: 'Thẩm định', officerId: null, workingMinutes: 20, elapsedMinutes: 20 },
    ]);
    expect(rows).toEqual([
      { unitId: 'u', stepName: 'Thẩm định', officerId: 's', stints: 3, dossiers: 2, workingMinutes: 90, averageWorkingMinutes: 30, maxWorkingMinutes: 40, elapsedMinutes: 1380 },
      { unitId: 'u', stepName: 'Thẩm định', officerId: null, stints: 1, dossiers: 1, workingMinutes: 20, averageWorkingMinutes: 20, maxWorkingMinutes: 20, elapsedMinutes: 20 },
    ]);
  });
});

// The clock the server sees; the test moves it between actions.
let nowMs = vn('2026-12-07T09:00').getTime();
const clock = { now: () => new Date(nowMs) };
let t: TestApp;
let seed: Awaited<ReturnType<typeof seedDesk>>;
let headB: Session;

beforeAll(async () => {
  t = await buildTestApp({ clock });
  seed = await seedDesk(t.app, t.ctx.db);
  await buildStaff(t.ctx.db, 'truongphong.b', [{ role: 'head', unit: seed.tree.communeB }]);
  headB = await login(t.app, 'truongphong.b');
}, 120_000);
afterAll(() => t?.close());

describe('GET /api/reports/step-times: working time per step, unit and officer (hand-computed)', () => {
  it('two dossiers walked through the three steps give the table worked out by hand on the 07:30–11:30, 13:30–17:30 calendar', async () => {
    const at = (s: string) => void (nowMs = vn(s).getTime());
    const act = async (s: Session, id: string, action: string) => {
      const r = await injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action } });
      expect(r.statusCode, r.body).toBe(200);
    };
    at('2026-12-07T09:00');
    const d1 = (await seed.receive()).id;
    const d2 = (await seed.receive()).id;
    at('2026-12-07T09:30');
    await act(seed.desk, d2, 'forward');
    at('2026-12-07T10:00');
    await act(seed.specialist, d2, 'claim');
    at('2026-12-07T10:30');
    await act(seed.desk, d1, 'forward');
    at('2026-12-07T11:00');
    await act(seed.specialist, d1, 'claim');
    at('2026-12-07T11:30');
    await act(seed.specialist, d2, 'forward');
    at('2026-12-07T14:00');
    await act(seed.leader, d2, 'approve');
    at('2026-12-07T15:00');
    await act(seed.specialist, d1, 'forward');
    at('2026-12-08T08:30');
    await act(seed.leader, d1, 'approve');

    const res = await injectAs(t.app, seed.leader, { method: 'GET', url: `/api/reports/step-times?unitId=${seed.tree.communeA.id}&from=2026-12-07&to=2026-12-08` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { truncated: boolean; rows: { unitName: string; stepName: string; officerName: string | null; stints: number; dossiers: number; workingMinutes: number; averageWorkingMinutes: number; maxWorkingMinutes: number; elapsedMinutes: number }[] };
    expect(body.truncated).toBe(false);
    const table = body.rows.map((r) => [r.stepName, r.officerName, r.stints, r.dossiers, r.workingMinutes, r.averageWorkingMinutes, r.maxWorkingMinutes, r.elapsedMinutes]);
    expect(table).toEqual([
      // d1 Mon 15:00 → Tue 08:30: 15:00–17:30 + 07:30–08:30 = 210 (elapsed 1050); d2 11:30 → 14:00: 13:30–14:00 = 30 (elapsed 150).
      // The specialist: held d1 11:00 → 15:00 = 30 + 90 = 120 (elapsed 240), d2 10:00 → 11:30 = 90; and the queue waits
      // before their claims, d1 10:30 → 11:00 and d2 09:30 → 10:00 (30 each): 4 stints, 270 minutes.
      ['Thẩm định', 'Cán bộ chuyenvien', 4, 2, 270, 67.5, 120, 390],
      // The leader who approved: the signing step is theirs (not "Chưa phân công").
      ['Ký duyệt', 'Cán bộ lanhdao', 2, 2, 240, 120, 210, 1200],
      // The desk officer who forwarded: d1 09:00 → 10:30 = 90; d2 09:00 → 09:30 = 30.
      ['Tiếp nhận hồ sơ', 'Cán bộ motcua', 2, 2, 120, 60, 90, 120],
    ]);

    // Monday only: d1's signature step ended on Tuesday and is left out.
    const monday = await injectAs(t.app, seed.leader, { method: 'GET', url: `/api/reports/step-times?unitId=${seed.tree.communeA.id}&from=2026-12-07&to=2026-12-07` });
    const sign = (monday.json() as typeof body).rows.find((r) => r.stepName === 'Ký duyệt')!;
    expect([sign.stints, sign.workingMinutes]).toEqual([1, 30]);
  });

  it("is scope-checked: another commune's head and a desk officer are refused; a bad range is a 400", async () => {
    const url = `/api/reports/step-times?unitId=${seed.tree.communeA.id}&from=2026-12-07&to=2026-12-08`;
    expect((await injectAs(t.app, headB, { method: 'GET', url })).statusCode).toBe(403);
    expect((await injectAs(t.app, seed.desk, { method: 'GET', url })).statusCode).toBe(403);
    const own = await injectAs(t.app, headB, { method: 'GET', url: `/api/reports/step-times?unitId=${seed.tree.communeB.id}&from=2026-12-07&to=2026-12-08` });
    expect((own.json() as { rows: unknown[] }).rows).toEqual([]);
    expect((await injectAs(t.app, seed.leader, { method: 'GET', url: `/api/reports/step-times?unitId=${seed.tree.communeA.id}&from=2026-12-09&to=2026-12-08` })).statusCode).toBe(400);
  });
});

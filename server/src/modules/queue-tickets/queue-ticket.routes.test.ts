import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildStaff, buildUnit, buildUnitTree } from '../../../test/factories.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-11-25T01:30:00Z'); // 08:30 Wednesday in Vietnam
let desk: Session, deskB: Session, otherProvinceDesk: Session, specialist: Session;
let deskBId: string;

const take = (s: Session | null, deskUnitId: string) => injectAs(t.app, s, { method: 'POST', url: '/api/queue-tickets', payload: { deskUnitId } });
const call = (s: Session | null, deskUnitId: string, counterNo: unknown) => injectAs(t.app, s, { method: 'POST', url: '/api/queue-tickets/call-next', payload: { deskUnitId, counterNo } });
const display = (deskUnitId: string) => injectAs(t.app, null, { method: 'GET', url: `/api/queue-tickets/display/${deskUnitId}` });

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  const b = await buildUnit(t.ctx.db, { kind: 'desk', parent: tree.communeB, name: 'Bộ phận một cửa xã Bình Thử' });
  deskBId = b.id;
  const otherCommune = await buildUnit(t.ctx.db, { kind: 'commune', parent: tree.otherProvince, name: 'Xã Khác' });
  const otherDesk = await buildUnit(t.ctx.db, { kind: 'desk', parent: otherCommune, name: 'Bộ phận một cửa xã Khác' });
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'motcua.b', [{ role: 'desk_officer', unit: b }]);
  await buildStaff(t.ctx.db, 'motcua.khac', [{ role: 'desk_officer', unit: otherDesk }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  [desk, deskB, otherProvinceDesk, specialist] = (await Promise.all(['motcua', 'motcua.b', 'motcua.khac', 'chuyenvien'].map((u) => login(t.app, u)))) as [Session, Session, Session, Session];
});
afterAll(() => t.close());

describe('queue tickets of a one-stop hall', () => {
  it('numbers per desk and per Vietnamese day, from the injected clock', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await take(desk, tree.deskA.id)).json());
    expect(numbers.map((n) => n.number)).toEqual([1, 2, 3]);
    expect(numbers[0]).toMatchObject({ day: '2026-11-25', calledAt: null, counterNo: null, takenAt: now.toISOString() });
    // Another desk has its own numbers.
    expect((await take(deskB, deskBId)).json().number).toBe(1);
    // 23:30 UTC is already the next day in Vietnam: numbering restarts.
    now = new Date('2026-11-25T17:30:00Z');
    expect((await take(desk, tree.deskA.id)).json()).toMatchObject({ number: 1, day: '2026-11-26' });
    now = new Date('2026-11-25T09:00:00Z');
    expect((await take(desk, tree.deskA.id)).json()).toMatchObject({ number: 4, day: '2026-11-25' });
  });

  it('calls the oldest waiting number to each counter, and the hall screen shows them', async () => {
    now = new Date('2026-11-25T09:05:00Z');
    expect((await call(desk, tree.deskA.id, 2)).json()).toMatchObject({ number: 1, counterNo: 2, calledAt: now.toISOString() });
    now = new Date('2026-11-25T09:06:00Z');
    expect((await call(desk, tree.deskA.id, 1)).json()).toMatchObject({ number: 2, counterNo: 1 });
    now = new Date('2026-11-25T09:07:00Z');
    expect((await call(desk, tree.deskA.id, 2)).json()).toMatchObject({ number: 3, counterNo: 2 });
    const screen = await display(tree.deskA.id);
    expect(screen.statusCode, screen.body).toBe(200);
    expect(screen.json()).toEqual({
      deskName: tree.deskA.name,
      day: '2026-11-25',
      waiting: 1,
      counters: [
        { counterNo: 1, number: 2, calledAt: '2026-11-25T09:06:00.000Z' },
        { counterNo: 2, number: 3, calledAt: '2026-11-25T09:07:00.000Z' },
      ],
      lastCall: { counterNo: 2, number: 3, calledAt: '2026-11-25T09:07:00.000Z' },
    });
    expect((await call(desk, tree.deskA.id, 1)).json().number).toBe(4);
    const none = await call(desk, tree.deskA.id, 1);
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'QUEUE_TICKET.NONE_WAITING', message: 'Không còn số nào đang chờ.' });
  });

  it('only desk officers of that desk (or above) give and call its numbers; the screen is public', async () => {
    const before = (await display(tree.deskA.id)).json();
    expect((await take(otherProvinceDesk, tree.deskA.id)).statusCode).toBe(403);
    expect((await call(otherProvinceDesk, tree.deskA.id, 1)).statusCode).toBe(403);
    expect((await call(deskB, tree.deskA.id, 1)).statusCode).toBe(403);
    expect((await take(specialist, tree.deskA.id)).statusCode).toBe(403);
    expect((await take(null, tree.deskA.id)).statusCode).toBe(401);
    expect((await call(null, tree.deskA.id, 1)).statusCode).toBe(401);
    for (const bad of [0, 100, 'một', null]) {
      const res = await call(desk, tree.deskA.id, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('COMMON.VALIDATION');
    }
    expect((await take(desk, 'not-a-uuid')).statusCode).toBe(400);
    expect((await take(desk, '00000000-0000-4000-8000-000000000000')).json().code).toBe('QUEUE_TICKET.DESK_NOT_FOUND');
    expect((await display('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/queue-tickets/display/garbage' })).statusCode).toBe(400);
    // Nothing changed through the refused calls.
    expect((await display(tree.deskA.id)).json()).toEqual(before);
  });
});

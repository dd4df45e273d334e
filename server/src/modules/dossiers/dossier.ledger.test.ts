import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../identity/permissions.policy.js';
import { chooseDeliveryByPost } from '../postal/use-cases/choose-post-delivery.js';
import { diffStates, foldDossier } from './dossier-events.rules.js';
import { markOverdue } from './dossier.jobs.js';
import { lockDossierWithSteps } from './dossier.repo.js';
import { readLedgerState, readLog } from './dossier.ledger.js';
import { allowedActions, type DossierStatus } from './dossier.rules.js';
import { decideOnlineDossier } from './use-cases/accept-online.js';
import { actOnDossier } from './use-cases/act-on-dossier.js';
import { attachFile } from './use-cases/attach-file.js';
import { receiveDossier } from './use-cases/receive-dossier.js';
import { submitOnline } from './use-cases/submit-online.js';

/**
 * Property: after any sequence of intakes (desk and online), actions through the real use cases, scans, delivery
 * changes, overdue scans and clock moves, every dossier's row and steps equal the fold of its action log.
 */
let t: TestApp;
let now = new Date('2026-11-02T01:30:00Z');
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let actor: Actor;
const procedures: string[] = [];
const dossiers: string[] = [];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin', [{ role: 'admin', unit: tree.province }]);
  const roles = ['desk_officer', 'specialist', 'head', 'leader'] as const;
  const userId = await buildStaff(t.ctx.db, 'tatca', roles.map((role) => ({ role, unit: tree.province })));
  actor = { userId, username: 'tatca', fullName: 'Cán bộ thử', grants: roles.map((role) => ({ role, unitId: tree.province.id, unitPath: tree.province.path })) };
  const admin = await login(t.app, 'admin');
  for (const [i, content] of [
    buildProcedureContent(),
    buildProcedureContent({ code: '1.000894', name: 'Đăng ký kết hôn', onlineLevel: 'partial', processingTime: { amount: 3, unit: 'working_day' },
      steps: [
        { name: 'Tiếp nhận', role: 'desk_officer', unitCode: null, workingDays: 0.5 },
        { name: 'Thẩm định', role: 'specialist', unitCode: null, workingDays: 2 },
        { name: 'Ký duyệt', role: 'leader', unitCode: null, workingDays: 0.5 },
      ] }),
  ].entries()) {
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content } });
    expect(res.statusCode, res.body).toBe(201);
    const pub = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${res.json().id}/publish`, payload: { decisionNo: `${i + 1}/QĐ`, decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(pub.statusCode, pub.body).toBeLessThan(300);
    procedures.push(res.json().id);
  }
});
afterAll(() => t.close());

type Op =
  | { kind: 'intake'; proc: number; delivery: 'desk' | 'post'; accept: boolean }
  | { kind: 'online'; proc: number; decide: 'accept' | 'reject_intake' | 'wait' }
  | { kind: 'act'; pick: number; choice: number; back: number }
  | { kind: 'wait'; minutes: number }
  | { kind: 'other'; pick: number; change: 'scan' | 'post' | 'overdue' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('intake' as const), proc: fc.nat(1), delivery: fc.constantFrom('desk' as const, 'post' as const), accept: fc.constantFrom(true, true, true, false) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), proc: fc.nat(1), decide: fc.constantFrom('accept' as const, 'accept' as const, 'reject_intake' as const, 'wait' as const) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('act' as const), pick: fc.nat(), choice: fc.nat(), back: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 3 * 24 * 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('other' as const), pick: fc.nat(), change: fc.constantFrom('scan' as const, 'post' as const, 'overdue' as const) }) },
);

const applicant = { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: null, address: null, addressUnitId: null, phone: '0912345678', email: 'an@example.vn' } as const;
let keySeq = 0;

async function run(op: Op): Promise<string | null> {
  const deps = { db: t.ctx.db, clock: { now: () => now }, config: t.ctx.config, files: t.ctx.files };
  const pick = (n: number) => (dossiers.length === 0 ? null : dossiers[n % dossiers.length]!);
  try {
    switch (op.kind) {
      case 'intake': {
        const { id } = await receiveDossier(deps, actor, {
          idempotencyKey: `ledger-${++keySeq}`, procedureId: procedures[op.proc]!, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id,
          applicant, documents: [], eform: { hoTen: 'Bé' }, outcome: op.accept ? 'accept' : 'incomplete', missing: op.accept ? [] : [{ name: 'Tờ khai', count: 1 }],
          reason: op.accept ? null : 'Thiếu tờ khai', resultDelivery: op.delivery,
        });
        dossiers.push(id);
        return id;
      }
      case 'online': {
        const id = await submitOnline(deps, { kind: 'officer', actor, citizenId: null }, {
          idempotencyKey: `ledger-online-${++keySeq}`, procedureId: procedures[op.proc]!, resolvingUnitId: tree.communeA.id, applicant,
          eform: { hoTen: 'Bé' }, files: [], documentNames: ['Tờ khai đăng ký khai sinh'], resultDelivery: 'desk',
        });
        dossiers.push(id);
        if (op.decide !== 'wait') await decideOnlineDossier(deps, actor, id, { action: op.decide, note: op.decide === 'reject_intake' ? 'Thiếu giấy tờ' : null });
        return id;
      }
      case 'act': {
        const id = pick(op.pick);
        if (!id) return null;
        const { state } = (await readLedgerState(t.ctx.db, id, { lock: false }))!;
        const offered = allowedActions({ ...state, status: state.status as DossierStatus, maxApologies: 1 }).filter((a) => a !== 'accept' && a !== 'reject_intake');
        if (offered.length === 0) return id;
        // Half the time the dossier moves on (so sequences reach the later steps), otherwise any action offered.
        const onward = offered.filter((a) => ['forward', 'approve', 'return_result', 'supplement_received', 'transfer_back'].includes(a));
        const list = op.choice % 2 === 0 && onward.length > 0 ? onward : offered;
        const due = state.dueAt ?? now;
        await actOnDossier(deps, actor, id, {
          action: list[Math.floor(op.choice / 2) % list.length]!, note: 'Lý do thử', backTo: state.stepIndex > 0 ? op.back % state.stepIndex : undefined,
          newDueAt: new Date(due.getTime() + 3 * 86_400_000).toISOString(), targetUnitId: tree.communeB.id, assigneeId: actor.userId, receivedBy: 'Nguyễn Văn An',
        });
        return id;
      }
      case 'wait':
        now = new Date(now.getTime() + op.minutes * 60_000);
        return null;
      case 'other': {
        const id = pick(op.pick);
        if (!id) return null;
        if (op.change === 'scan') await attachFile(deps, actor, id, { content: PDF, fileName: 'to-khai.pdf', documentName: 'Tờ khai', kind: 'component' });
        else if (op.change === 'post') await chooseDeliveryByPost(deps, actor, id, { address: 'Số 1 Trần Hưng Đạo', phone: null });
        else await markOverdue(deps);
        return op.change === 'overdue' ? null : id;
      }
    }
  } catch (err) {
    // Refused actions (not allowed now, a window passed…) change nothing; anything else is a failure.
    if (!(err instanceof DomainError)) throw err;
    return null;
  }
}

/** Row vs fold for one dossier: the list of columns that differ (empty when the row is the fold of the log). */
async function drift(id: string): Promise<string[]> {
  const row = (await readLedgerState(t.ctx.db, id, { lock: false }))!.state;
  return diffStates(row, foldDossier(await readLog(t.ctx.db, id)));
}

describe('the dossier row is the fold of its log', () => {
  it('after every step of random legal sequences, for every dossier', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 40 }), async (ops) => {
        for (const op of ops) {
          await run(op);
          // After each step every dossier agrees (the overdue scan touches several at once).
          for (const id of dossiers) expect(await drift(id), id).toEqual([]);
        }
      }),
      { numRuns: 8 },
    );
    // The sequences reached past intake.
    const { rows } = await t.ctx.db.query<{ action: string }>(`SELECT DISTINCT action FROM dossier_action`);
    const seen = rows.map((r) => r.action);
    for (const a of ['accept', 'submit', 'forward']) expect(seen, a).toContain(a);
  }, 180_000);

  it('along a full life with every kind of event, step by step', async () => {
    const deps = { db: t.ctx.db, clock: { now: () => now }, config: t.ctx.config, files: t.ctx.files };
    now = new Date('2026-11-16T01:30:00Z'); // a Monday, 08:30 in Vietnam
    const id = (await run({ kind: 'intake', proc: 1, delivery: 'desk', accept: true }))!;
    const walk: [string, () => Promise<unknown>][] = [
      ['claim', () => actOnDossier(deps, actor, id, { action: 'claim', note: null })],
      ['forward', () => actOnDossier(deps, actor, id, { action: 'forward', note: null })],
      ['assign', () => actOnDossier(deps, actor, id, { action: 'assign', note: null, assigneeId: actor.userId })],
      ['request_supplement', () => actOnDossier(deps, actor, id, { action: 'request_supplement', note: 'Thiếu bản sao' })],
      ['wait', async () => (now = new Date(now.getTime() + 26 * 3_600_000))],
      ['supplement_received', () => actOnDossier(deps, actor, id, { action: 'supplement_received', note: null })],
      ['transfer', () => actOnDossier(deps, actor, id, { action: 'transfer', note: null, targetUnitId: tree.communeB.id })],
      ['transfer_back', () => actOnDossier(deps, actor, id, { action: 'transfer_back', note: null })],
      ['scan', () => attachFile(deps, actor, id, { content: PDF, fileName: 'kq.pdf', documentName: 'Kết quả', kind: 'result' })],
      ['forward', () => actOnDossier(deps, actor, id, { action: 'forward', note: null })],
      ['send_back', () => actOnDossier(deps, actor, id, { action: 'send_back', note: 'Chưa đủ', backTo: 1 })],
      ['forward', () => actOnDossier(deps, actor, id, { action: 'forward', note: null })],
      ['post', () => chooseDeliveryByPost(deps, actor, id, { address: 'Số 1 Trần Hưng Đạo', phone: null })],
      ['wait', async () => (now = new Date(now.getTime() + 20 * 86_400_000))],
      ['overdue', () => markOverdue(deps)],
      ['approve', () => actOnDossier(deps, actor, id, { action: 'approve', note: null })],
    ];
    for (const [name, step] of walk) {
      await step();
      expect(await drift(id), name).toEqual([]);
    }
    const { rows } = await t.ctx.db.query<{ action: string }>(`SELECT action FROM dossier_action WHERE dossier_id = $1 ORDER BY id`, [id]);
    expect(rows.map((r) => r.action)).toEqual(['accept', 'claim', 'forward', 'assign', 'request_supplement', 'supplement_received', 'transfer', 'transfer_back', 'attach_file', 'forward', 'send_back', 'forward', 'result_delivery_changed', 'overdue_marked', 'approve']);
    const row = (await readLedgerState(t.ctx.db, id, { lock: false }))!.state;
    expect(row).toMatchObject({ status: 'result_ready', resultDelivery: 'post', supplementCount: 1, finishClass: 'late' });
    expect(row.pausedMinutes).toBeGreaterThan(0);
  }, 60_000);

  it('a row changed behind the ledger no longer matches its fold', async () => {
    const id = dossiers.find(Boolean)!;
    await t.ctx.db.query(`UPDATE dossier SET apology_count = apology_count + 1 WHERE id = $1`, [id]);
    expect((await drift(id)).some((d) => d.startsWith('apologyCount'))).toBe(true);
  });
});

describe('an action reuses the state its locked read saw (issue 12: one round trip less)', () => {
  it('the version it locked: after waiting for another writer, it reads again and sees what that writer committed', async () => {
    const id = (await run({ kind: 'intake', proc: 1, delivery: 'desk', accept: true }))!;
    const c1 = await t.ctx.db.connect();
    const c2 = await t.ctx.db.connect();
    try {
      await c1.query('BEGIN');
      const first = (await lockDossierWithSteps(c1, id))!;
      // Uncontended: the state is the ledger's own locked read, field for field.
      expect(first.ledger).toEqual(await readLedgerState(c1, id, { lock: true }));
      expect(first.ledger?.state.steps[0]?.assigneeId).toBeNull();
      await c2.query('BEGIN');
      const waiting = lockDossierWithSteps(c2, id);
      await new Promise((r) => setTimeout(r, 100));
      // Another writer changes the row and a step, and commits while the second read waits for the lock.
      await c1.query(`UPDATE dossier_step SET assignee_id = $2 WHERE dossier_id = $1 AND step_index = 0`, [id, actor.userId]);
      await c1.query(`UPDATE dossier SET assignee_id = $2 WHERE id = $1`, [id, actor.userId]);
      await c1.query('COMMIT');
      const second = (await waiting)!;
      // A statement that waited sees the new row but the steps of its older snapshot: read again, the step is the committed one.
      expect(second.dossier.assigneeId).toBe(actor.userId);
      expect(second.ledger?.state.steps[0]?.assigneeId).toBe(actor.userId);
      expect(second.ledger).toEqual(await readLedgerState(c2, id, { lock: true }));
      await c2.query('ROLLBACK');
    } finally {
      c1.release();
      c2.release();
    }
  });
});

describe('an action that writes only its event needs no transaction (issue 12): it writes only on the version it read', () => {
  /** The pool as actOnDossier sees it: what it sends outside a transaction, whether it opened one, and a writer to run between its read and its write. */
  const watched = (between: () => Promise<void>) => {
    const sent: string[] = [];
    let transactions = 0;
    let pending: (() => Promise<void>) | null = between;
    const db = new Proxy(t.ctx.db, {
      get(target, prop) {
        if (prop === 'connect') return () => ((transactions += 1), target.connect());
        if (prop !== 'query') return Reflect.get(target, prop, target);
        return async (config: string | { text: string }, values?: unknown[]) => {
          const text = typeof config === 'string' ? config : config.text;
          sent.push(/FOR UPDATE/.test(text) ? 'locked read' : /AS version/.test(text) ? 'read' : /^WITH sq AS/.test(text.trim()) ? 'write' : text.trim().split(/\s+/)[0]!);
          const result = await target.query(config as string, values);
          if (pending && /AS version/.test(text)) {
            const run = pending;
            pending = null;
            await run();
          }
          return result;
        };
      },
    });
    return { db, sent, transactions: () => transactions };
  };
  const deps = (db: typeof t.ctx.db) => ({ db, clock: { now: () => now }, config: t.ctx.config });
  const forwardsOf = async (id: string) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier_action WHERE dossier_id = $1 AND action = 'forward'`, [id])).rows[0]!.n;
  const noticesOf = async (id: string) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_outbox WHERE dossier_id = $1`, [id])).rows[0]!.n;

  it('uncontended: one read and one write, no BEGIN, no lock; the row is the fold of its log', async () => {
    const id = (await run({ kind: 'intake', proc: 1, delivery: 'desk', accept: true }))!;
    const w = watched(async () => {});
    await actOnDossier(deps(w.db), actor, id, { action: 'forward', note: null });
    expect(w.sent).toEqual(['read', 'write']);
    expect(w.transactions()).toBe(0);
    expect((await readLedgerState(t.ctx.db, id, { lock: false }))!.state).toMatchObject({ status: 'processing', stepIndex: 1 });
    expect(await forwardsOf(id)).toBe(1);
    expect(await drift(id)).toEqual([]);
  });

  it('a writer between its read and its write: nothing of the stale decision is written; decided again under the lock, on what that writer left', async () => {
    const id = (await run({ kind: 'intake', proc: 1, delivery: 'desk', accept: true }))!;
    const notices = await noticesOf(id);
    // The same forward lands first from another request (a double click on two tabs): the dossier is at step 1.
    const w = watched(() => actOnDossier(deps(t.ctx.db), actor, id, { action: 'forward', note: null }));
    await actOnDossier(deps(w.db), actor, id, { action: 'forward', note: null });
    // Its write found another version and wrote nothing; under the lock the dossier (now at step 1, processing) moved on once more.
    expect(w.sent).toEqual(['read', 'write']);
    expect(w.transactions()).toBe(1);
    const { state } = (await readLedgerState(t.ctx.db, id, { lock: false }))!;
    expect(state).toMatchObject({ status: 'processing', stepIndex: 2 });
    expect(await forwardsOf(id)).toBe(2);
    // The acceptance was told on each of the applicant's channels (SMS, e-mail); so is each forward that happened, and
    // nothing of the stale one.
    expect(notices).toBe(2);
    expect(await noticesOf(id)).toBe(notices + 2 * 2);
    expect(await drift(id)).toEqual([]);
  });

  it('a writer between that makes the action wrong: refused under the lock with what is allowed now, nothing written', async () => {
    const id = (await run({ kind: 'intake', proc: 0, delivery: 'desk', accept: true }))!;
    // Claimed by nobody, then withdrawn by the desk between the officer's read and write.
    const w = watched(async () => {
      await actOnDossier(deps(t.ctx.db), actor, id, { action: 'withdraw', note: 'Công dân rút hồ sơ' });
    });
    const before = await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier_action WHERE dossier_id = $1`, [id]);
    const refused = await actOnDossier(deps(w.db), actor, id, { action: 'forward', note: null }).then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('DOSSIER.ACTION_NOT_ALLOWED');
    const after = await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier_action WHERE dossier_id = $1`, [id]);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    expect((await readLedgerState(t.ctx.db, id, { lock: false }))!.state.status).toBe('withdrawn');
    expect(await drift(id)).toEqual([]);
  });

  it('the approval, which numbers and delivers the results too, stays in one transaction', async () => {
    const id = (await run({ kind: 'intake', proc: 1, delivery: 'desk', accept: true }))!;
    for (let i = 0; i < 3; i++) {
      const { state } = (await readLedgerState(t.ctx.db, id, { lock: false }))!;
      if (allowedActions({ ...state, status: state.status as DossierStatus, maxApologies: 1 }).includes('approve')) break;
      await actOnDossier(deps(t.ctx.db), actor, id, { action: 'forward', note: null });
    }
    const w = watched(async () => {});
    await actOnDossier(deps(w.db), actor, id, { action: 'approve', note: null });
    expect(w.sent).toEqual([]);
    expect(w.transactions()).toBe(1);
    expect((await readLedgerState(t.ctx.db, id, { lock: false }))!.state.status).toBe('result_ready');
  });
});

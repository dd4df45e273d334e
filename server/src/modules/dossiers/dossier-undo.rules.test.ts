import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve, foldDossier, type LedgerEntry } from './dossier-events.rules.js';
import { checkUndoForward, UNDO_WINDOW_MINUTES } from './dossier-undo.rules.js';

const T0 = new Date('2026-11-30T02:00:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);
const opening = { channel: 'desk' as const, submittedAt: T0.toISOString(), resultDelivery: 'desk' as const, stepCount: 3 };
const accept: LedgerEntry = {
  at: T0, actorId: 'desk',
  event: { type: 'accept', opening, schedule: { code: 'X-1', receivedAt: T0.toISOString(), countingFrom: T0.toISOString(), dueAt: min(4320).toISOString(), stepCount: 3, stepDues: [min(240).toISOString(), min(2000).toISOString(), min(4320).toISOString()] } },
};
const forward = (at: number, actorId = 'desk', assigneeId?: string): LedgerEntry => ({ at: min(at), actorId, event: assigneeId ? { type: 'forward', assigneeId, assigneeName: 'B' } : { type: 'forward' } });

describe('undo of a forward — cases', () => {
  it('the sender, within the window, unopened: restores exactly the state before the forward', () => {
    const log = [accept, forward(30, 'desk', 'cv2')];
    const r = checkUndoForward(log, 'desk', min(30 + UNDO_WINDOW_MINUTES), false);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const after = evolve(foldDossier(log), { at: min(35), actorId: 'desk', event: { type: 'forward_undone', restore: r.restore } });
    expect(after).toEqual(foldDossier([accept]));
  });
  it.each([
    ['someone else', [accept, forward(30)], 'cv1', 31, false, 'Chỉ người đã chuyển'],
    ['after the window', [accept, forward(30)], 'desk', 30 + UNDO_WINDOW_MINUTES + 0.01, false, 'Đã quá'],
    ['opened by the receiver', [accept, forward(30)], 'desk', 31, true, 'Người nhận đã mở'],
    ['acted on since (claimed)', [accept, forward(30), { at: min(31), actorId: 'cv1', event: { type: 'claim', assigneeId: 'cv1' } } as LedgerEntry], 'desk', 32, false, 'không phải là chuyển bước'],
    ['nothing forwarded', [accept], 'desk', 1, false, 'không phải là chuyển bước'],
  ] as const)('refused: %s', (_l, log, actor, at, opened, reason) => {
    const r = checkUndoForward(log as readonly LedgerEntry[], actor, min(at), opened);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reasonVi).toContain(reason);
  });
});

describe('undo of a forward — property', () => {
  it('after any chain of forwards, an allowed undo folds back to the state before the last one', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: UNDO_WINDOW_MINUTES * 60 }), fc.boolean(), (n, secs, named) => {
      const log: LedgerEntry[] = [accept];
      for (let i = 0; i < n; i++) log.push(forward(10 * (i + 1), 'desk', named ? `o${i}` : undefined));
      const lastAt = log[log.length - 1]!.at;
      const r = checkUndoForward(log, 'desk', new Date(lastAt.getTime() + secs * 1000), false);
      expect(r.ok).toBe(true);
      if (r.ok) expect(evolve(foldDossier(log), { at: min(999), actorId: 'desk', event: { type: 'forward_undone', restore: r.restore } })).toEqual(foldDossier(log.slice(0, -1)));
    }));
  });
});

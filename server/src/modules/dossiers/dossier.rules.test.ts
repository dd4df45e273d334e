import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionsByStatus, allowedActions, applyAction, currentStepLabel, dossierActions, dossierStatuses, isClosed, nationalStatusCode, type DossierState } from './dossier.rules.js';

const start = (stepCount = 4): DossierState => ({ status: 'awaiting_acceptance', stepIndex: 0, stepCount, supplementCount: 0, apologyCount: 0, maxApologies: 1 });

describe('dossier state machine', () => {
  it('walks intake → steps → result → return', () => {
    let s = start(3);
    for (const a of ['accept', 'forward', 'forward', 'approve', 'return_result'] as const) {
      const r = applyAction(s, a);
      expect(r.ok, a).toBe(true);
      if (r.ok) s = r.state;
    }
    expect(s.status).toBe('returned');
    expect(nationalStatusCode[s.status]).toBe(10);
  });

  it('every status × action outside the table is refused, naming the allowed actions', () => {
    for (const status of dossierStatuses) {
      for (const action of dossierActions) {
        const s: DossierState = { ...start(3), status, stepIndex: 1 };
        const r = applyAction(s, action);
        const inTable = (actionsByStatus[status] as readonly string[]).includes(action);
        if (!inTable) {
          expect(r.ok, `${status}/${action}`).toBe(false);
          if (!r.ok) expect(r.allowed).toEqual(allowedActions(s));
        }
      }
    }
  });

  it('the apology (hẹn lại) is possible once only', () => {
    let s: DossierState = { ...start(), status: 'processing', stepIndex: 1 };
    const first = applyAction(s, 'apologise');
    expect(first.ok).toBe(true);
    if (first.ok) s = first.state;
    expect(applyAction(s, 'apologise').ok).toBe(false);
  });

  it('approve only at the last step, forward never past it, send back only to an earlier step', () => {
    const s: DossierState = { ...start(3), status: 'processing', stepIndex: 2 };
    expect(allowedActions(s)).toContain('approve');
    expect(allowedActions(s)).not.toContain('forward');
    expect(applyAction(s, 'send_back', { backTo: 2 }).ok).toBe(false);
    expect(applyAction(s, 'send_back', { backTo: 0 })).toMatchObject({ ok: true, state: { status: 'received', stepIndex: 0 } });
  });

  it('with the desk\'s return step last, approve at the step before it moves the result ready on to the desk', () => {
    const signing: DossierState = { ...start(4), status: 'processing', stepIndex: 2, deskReturnLast: true };
    expect(allowedActions(signing)).toContain('approve');
    expect(allowedActions(signing)).not.toContain('forward');
    expect(allowedActions({ ...signing, stepIndex: 1 })).not.toContain('approve');
    expect(applyAction(signing, 'approve')).toMatchObject({ ok: true, state: { status: 'result_ready', stepIndex: 3 } });
    // An older dossier forwarded on to the desk's step before this rule: the desk returns it, nobody approves there.
    const atDesk: DossierState = { ...signing, stepIndex: 3, deskReturnStep: true };
    expect(allowedActions(atDesk)).toContain('return_result');
    expect(allowedActions(atDesk)).not.toContain('approve');
  });

  it('property: any sequence of actions keeps the invariants', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.constantFrom(...dossierActions), { maxLength: 40 }), (steps, actions) => {
        let s = start(steps);
        for (const a of actions) {
          const before = s;
          const r = applyAction(s, a);
          if (!r.ok) {
            expect(allowedActions(before)).not.toContain(a);
            continue;
          }
          s = r.state;
          expect(s.stepIndex).toBeGreaterThanOrEqual(0);
          expect(s.stepIndex).toBeLessThan(steps);
          expect(s.apologyCount).toBeLessThanOrEqual(s.maxApologies);
          // Closed dossiers never change again.
          if (isClosed(before.status)) throw new Error(`closed dossier changed by ${a}`);
        }
        if (isClosed(s.status)) expect(allowedActions(s)).toEqual([]);
      }),
    );
  });
});

describe('currentStepLabel', () => {
  it('names no step before acceptance, the return step once the result is ready, none once closed', () => {
    expect(currentStepLabel({ status: 'awaiting_acceptance', stepName: 'Tiếp nhận hồ sơ' })).toBe('Chưa tiếp nhận');
    expect(currentStepLabel({ status: 'processing', stepName: 'Thẩm định' })).toBe('Thẩm định');
    expect(currentStepLabel({ status: 'supplement_requested', stepName: 'Thẩm định' })).toBe('Thẩm định');
    expect(currentStepLabel({ status: 'result_ready', stepName: 'Ký duyệt' })).toBe('Trả kết quả');
    for (const status of dossierStatuses.filter(isClosed)) expect(currentStepLabel({ status, stepName: 'Ký duyệt' })).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { foldStalePayments, type FoldablePayment } from './payment-fold.rules.js';

const p = (status: FoldablePayment['status'], createdAt: string) => ({ status, createdAt });

describe('foldStalePayments', () => {
  it('folds failed and expired attempts once one is paid', () => {
    const list = [p('expired', '2026-12-01T01:00:00Z'), p('failed', '2026-12-01T02:00:00Z'), p('paid', '2026-12-01T03:00:00Z')];
    expect(foldStalePayments(list)).toEqual({ shown: [list[2]], folded: [list[0], list[1]] });
  });
  it('folds them behind a newer attempt under way', () => {
    const list = [p('failed', '2026-12-01T02:00:00Z'), p('pending', '2026-12-01T03:00:00Z')];
    expect(foldStalePayments(list)).toEqual({ shown: [list[1]], folded: [list[0]] });
  });
  it('keeps the newest dead attempt in sight when nothing is live', () => {
    const list = [p('expired', '2026-12-01T01:00:00Z'), p('failed', '2026-12-01T02:00:00Z')];
    expect(foldStalePayments(list)).toEqual({ shown: [list[1]], folded: [list[0]] });
  });
  it('folds nothing when there is nothing stale', () => {
    expect(foldStalePayments([])).toEqual({ shown: [], folded: [] });
    const one = [p('pending', '2026-12-01T01:00:00Z')];
    expect(foldStalePayments(one)).toEqual({ shown: one, folded: [] });
  });
});

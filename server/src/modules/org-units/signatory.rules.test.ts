import { describe, expect, it } from 'vitest';
import { overlappingHead, signerCapacity, signerOn, type Signer } from './signatory.rules.js';

const s = (id: string, kind: Signer['kind'], validFrom: string, validTo: string | null): Signer => ({
  id, kind, fullName: id, title: kind === 'head' ? 'Chủ tịch' : 'Phó Chủ tịch', headTitle: 'Chủ tịch', validFrom, validTo,
});
// A head until 30/06, the next head from 01/07; a deputy authorised 10/06–20/06 (the head on leave); another from 01/12 on.
const signers = [s('headA', 'head', '2026-01-01', '2026-06-30'), s('headB', 'head', '2026-07-01', null), s('dep1', 'deputy', '2026-06-10', '2026-06-20'), s('dep2', 'deputy', '2026-12-01', null)];

describe('who signs a letter issued on a day (hand-computed)', () => {
  it.each([
    ['2025-12-31', null], // before anyone was set
    ['2026-01-01', 'headA'],
    ['2026-06-09', 'headA'],
    ['2026-06-10', 'dep1'], // first day of the authorisation
    ['2026-06-20', 'dep1'], // last day, inclusive
    ['2026-06-21', 'headA'],
    ['2026-06-30', 'headA'],
    ['2026-07-01', 'headB'],
    ['2026-11-30', 'headB'],
    ['2026-12-01', 'dep2'],
    ['2030-01-01', 'dep2'],
  ])('%s → %s', (day, id) => {
    expect(signerOn(signers, day)?.id ?? null).toBe(id);
  });

  it('capacity lines: the head by title, a deputy "KT." on the head\'s behalf', () => {
    expect(signerCapacity(s('h', 'head', '2026-01-01', null))).toEqual(['CHỦ TỊCH']);
    expect(signerCapacity(s('d', 'deputy', '2026-01-01', null))).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });

  it('two heads may not overlap; a deputy may overlap a head', () => {
    expect(overlappingHead(signers, s('x', 'head', '2026-06-30', '2026-06-30'))).toBe(true);
    expect(overlappingHead(signers, s('x', 'head', '2025-01-01', '2025-12-31'))).toBe(false);
    expect(overlappingHead(signers, s('x', 'head', '2020-01-01', null))).toBe(true);
    expect(overlappingHead(signers, { ...signers[1]!, validFrom: '2026-07-02' })).toBe(false); // editing itself
    expect(overlappingHead(signers, s('x', 'deputy', '2026-01-01', null))).toBe(false);
  });
});

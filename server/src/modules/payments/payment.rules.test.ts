import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { feeOwedAtReturn, matchTransfer, paymentReference, referencesIn, REFERENCE_RE, settleDecision } from './payment.rules.js';
import { parseStatement } from './statement.rules.js';

describe('payment references', () => {
  it('are MC + 10 unambiguous characters and are found again in any bank description around them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (bytes, before, after) => {
        const ref = paymentReference(bytes);
        expect(ref).toMatch(REFERENCE_RE);
        // Banks upper-case, add words and may cut the spaces.
        expect(referencesIn(`${before} ${ref.toLowerCase()} ${after}`)).toContain(ref);
        expect(referencesIn(`IBFT ${ref.slice(0, 6)}-${ref.slice(6)} chuyen tien`)).toContain(ref);
      }),
    );
    expect(referencesIn('Thanh toan le phi khong co ma')).toEqual([]);
    expect(referencesIn('MC0000000000')).toEqual([]);
  });
});

describe('settling a payment', () => {
  it('a success pays a pending or expired payment; a replay or a late failure changes nothing', () => {
    expect(settleDecision({ status: 'pending', amountVnd: 15000 }, { amountVnd: 15000, success: true })).toBe('pay');
    expect(settleDecision({ status: 'expired', amountVnd: 15000 }, { amountVnd: 15000, success: true })).toBe('pay');
    expect(settleDecision({ status: 'pending', amountVnd: 15000 }, { amountVnd: 15000, success: false })).toBe('fail');
    expect(settleDecision({ status: 'paid', amountVnd: 15000 }, { amountVnd: 15000, success: true })).toBe('already_final');
    expect(settleDecision({ status: 'paid', amountVnd: 15000 }, { amountVnd: 15000, success: false })).toBe('already_final');
    expect(settleDecision({ status: 'failed', amountVnd: 15000 }, { amountVnd: 15000, success: true })).toBe('already_final');
    expect(settleDecision({ status: 'expired', amountVnd: 15000 }, { amountVnd: 15000, success: false })).toBe('already_final');
  });

  it('any other amount is refused whatever the status', () => {
    fc.assert(
      fc.property(fc.constantFrom('pending', 'paid', 'failed', 'expired' as const), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.boolean(), (status, a, b, success) => {
        fc.pre(a !== b);
        expect(settleDecision({ status, amountVnd: a }, { amountVnd: b, success })).toBe('invalid_amount');
      }),
    );
  });
});

describe('reconciliation of a bank statement', () => {
  it('matches by reference and amount; lists the rest for the officer', () => {
    expect(matchTransfer(15000, null)).toBe('unmatched');
    expect(matchTransfer(15000, { amountVnd: 15000, status: 'pending', dossierPaid: false })).toBe('matched');
    expect(matchTransfer(15000, { amountVnd: 15000, status: 'expired', dossierPaid: false })).toBe('matched');
    expect(matchTransfer(10000, { amountVnd: 15000, status: 'pending', dossierPaid: false })).toBe('amount_mismatch');
    expect(matchTransfer(15000, { amountVnd: 15000, status: 'paid', dossierPaid: true })).toBe('already_paid');
    expect(matchTransfer(15000, { amountVnd: 15000, status: 'pending', dossierPaid: true })).toBe('already_paid');
  });

  it('reads CSV (quoted, any column order, Vietnamese amounts) and JSON lines; reports bad lines by number', () => {
    const csv = 'bank_ref,amount,time,description\nFT001,"15.000",2026-11-25 09:10:00,"MCABCDEFGH23 le phi, ho so"\nFT002,abc,2026-11-25 09:11:00,x\nFT003,20000,2026-11-25T02:12:00Z,Chuyen tien\n';
    const a = parseStatement(csv);
    expect(a.lines).toEqual([
      { line: 2, bankRef: 'FT001', amountVnd: 15000, receivedAt: new Date('2026-11-25T02:10:00Z'), description: 'MCABCDEFGH23 le phi, ho so' },
      { line: 4, bankRef: 'FT003', amountVnd: 20000, receivedAt: new Date('2026-11-25T02:12:00Z'), description: 'Chuyen tien' },
    ]);
    expect(a.problems).toEqual([{ line: 3, message: 'Số tiền không hợp lệ' }]);
    const jsonl = '{"amount":15000,"time":"2026-11-25T09:10:00+07:00","description":"MCABCDEFGH23","bankRef":"FT001"}\nnot json\n';
    const b = parseStatement(jsonl);
    expect(b.lines).toHaveLength(1);
    expect(b.problems).toEqual([{ line: 2, message: 'Dòng JSON không hợp lệ' }]);
    expect(parseStatement('amount,when\n1,2').problems[0]!.message).toMatch(/tiêu đề/);
  });
});

describe('feeOwedAtReturn', () => {
  it('warns only for a result about to be handed over with its fee unpaid', () => {
    expect(feeOwedAtReturn({ status: 'result_ready', feeVnd: 8000, paid: false })).toBe(8000);
    expect(feeOwedAtReturn({ status: 'result_ready', feeVnd: 8000, paid: true })).toBe(0);
    expect(feeOwedAtReturn({ status: 'result_ready', feeVnd: 0, paid: false })).toBe(0);
    expect(feeOwedAtReturn({ status: 'processing', feeVnd: 8000, paid: false })).toBe(0);
  });
});

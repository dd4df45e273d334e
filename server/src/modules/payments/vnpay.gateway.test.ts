import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVnpayGateway, vnpDate, vnpSign, vnpSignData, vnpSignedQuery, vnpVerify } from './vnpay.gateway.js';

const SECRET = 'SECRETKEY0123456789ABCDEFGHIJKLM';
const gateway = createVnpayGateway({ tmnCode: 'MOTCUA01', hashSecret: SECRET, payUrl: 'http://127.0.0.1:3000/sim/vnpay/pay' });

describe('VNPay signing', () => {
  it('signs the sorted, URL-encoded fields with HMAC-SHA512 (a vector written out by hand)', () => {
    const params = { vnp_TxnRef: 'MCABCDEFGH23', vnp_Amount: '1500000', vnp_OrderInfo: 'Thanh toan le phi ho so', vnp_Version: '2.1.0', vnp_ReturnUrl: 'http://localhost:3000/api/payments/vnpay/return' };
    const data = 'vnp_Amount=1500000&vnp_OrderInfo=Thanh+toan+le+phi+ho+so&vnp_ReturnUrl=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fpayments%2Fvnpay%2Freturn&vnp_TxnRef=MCABCDEFGH23&vnp_Version=2.1.0';
    expect(vnpSignData(params)).toBe(data);
    expect(vnpSign(params, SECRET)).toBe(createHmac('sha512', SECRET).update(data).digest('hex'));
    expect(vnpSign(params, SECRET)).toHaveLength(128);
    // The hash fields themselves are never signed.
    expect(vnpSignData({ ...params, vnp_SecureHash: 'x', vnp_SecureHashType: 'HMACSHA512' })).toBe(data);
  });

  it('writes times as yyyyMMddHHmmss in GMT+7', () => {
    expect(vnpDate(new Date('2026-11-25T17:30:05Z'))).toBe('20261126003005');
  });

  it('builds a pay URL with version 2.1.0, amount × 100 and a valid signature', () => {
    const url = new URL(
      gateway.createPaymentUrl({
        reference: 'MCABCDEFGH23',
        amountVnd: 15000,
        orderInfo: 'Thanh toan le phi ho so 000.00.01.H61-261125-0001',
        returnUrl: 'http://localhost:3000/api/payments/vnpay/return',
        clientIp: '127.0.0.1',
        createdAt: new Date('2026-11-25T02:00:00Z'),
        expiresAt: new Date('2026-11-25T02:15:00Z'),
      }),
    );
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({ vnp_Version: '2.1.0', vnp_Command: 'pay', vnp_TmnCode: 'MOTCUA01', vnp_Amount: '1500000', vnp_CurrCode: 'VND', vnp_TxnRef: 'MCABCDEFGH23', vnp_CreateDate: '20261125090000', vnp_ExpireDate: '20261125091500' });
    expect(vnpVerify(q, SECRET)).toBe(true);
  });
});

describe('VNPay verification of the return and the IPN', () => {
  const answer = (over: Record<string, string> = {}) => ({
    vnp_Amount: '1500000',
    vnp_BankCode: 'NCB',
    vnp_OrderInfo: 'Thanh toan le phi',
    vnp_PayDate: '20261125090500',
    vnp_ResponseCode: '00',
    vnp_TmnCode: 'MOTCUA01',
    vnp_TransactionNo: '14123456',
    vnp_TransactionStatus: '00',
    vnp_TxnRef: 'MCABCDEFGH23',
    ...over,
  });
  const signed = (p: Record<string, string>) => Object.fromEntries(new URLSearchParams(vnpSignedQuery(p, SECRET)));

  it('reads a signed success', () => {
    const r = gateway.verifyIpn(signed(answer()));
    expect(r).toMatchObject({ ok: true, reference: 'MCABCDEFGH23', amountVnd: 15000, success: true, transactionNo: '14123456' });
  });

  it('reads a signed cancellation as not successful', () => {
    expect(gateway.verifyReturn(signed(answer({ vnp_ResponseCode: '24', vnp_TransactionStatus: '02' })))).toMatchObject({ ok: true, success: false });
  });

  it('refuses any tampered field, a wrong secret, another merchant and a missing hash', () => {
    const good = signed(answer());
    for (const [k, v] of [['vnp_Amount', '100'], ['vnp_TxnRef', 'MCZZZZZZZZZZ'], ['vnp_ResponseCode', '00 '], ['vnp_TransactionStatus', '01']] as const) {
      expect(gateway.verifyIpn({ ...good, [k]: v })).toEqual({ ok: false, reason: 'signature' });
    }
    const forged = Object.fromEntries(new URLSearchParams(vnpSignedQuery(answer(), 'another-secret')));
    expect(gateway.verifyIpn(forged)).toEqual({ ok: false, reason: 'signature' });
    expect(gateway.verifyIpn(signed(answer({ vnp_TmnCode: 'OTHER' })))).toEqual({ ok: false, reason: 'merchant' });
    const { vnp_SecureHash: _h, ...unsigned } = good;
    expect(gateway.verifyIpn(unsigned)).toEqual({ ok: false, reason: 'signature' });
    expect(gateway.verifyIpn({ ...good, vnp_TxnRef: ['a', 'b'] })).toEqual({ ok: false, reason: 'malformed' });
  });
});

import { describe, expect, it } from 'vitest';
import { buildVietQrPayload, crc16Ccitt, parseTlv, vietQrCrcValid } from './vietqr.rules.js';

describe('VietQR payload', () => {
  it('CRC16-CCITT-FALSE of "123456789" is 29B1', () => {
    expect(crc16Ccitt('123456789')).toBe('29B1');
  });

  it('agrees with the CRC of VietQR payloads issued by banking services', () => {
    // Payloads published in public code (a payment service's order, a bank's sample); their last 4 characters are the CRC.
    for (const p of [
      '00020101021238570010A000000727012700069704220113VQRQACLNP26800208QRIBFTTA530370454061000005802VN62270823Thanh toan don hang ABC6304CE4C',
      '00020101021138510010A00000072701210006970407010797968680208QRIBFTTA53037045802VN62240820gen by sunary/vietqr6304BE74',
    ]) {
      expect(vietQrCrcValid(p)).toBe(true);
      expect(vietQrCrcValid(p.replace('QRIBFTTA', 'QRIBFTTC'))).toBe(false);
    }
  });

  it('builds the NAPAS fields: 38 with GUID, BIN, account and QRIBFTTA; 53 704; 54 amount; 58 VN; 62/08 note; 63 CRC', () => {
    const p = buildVietQrPayload({ bin: '970436', accountNo: '0011001234567', amountVnd: 15000, purpose: 'MCABCDEFGH23' });
    expect(p).toBe(
      `00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA5303704540515000` + `5802VN62160812MCABCDEFGH236304${crc16Ccitt(p.slice(0, -4))}`,
    );
    const f = parseTlv(p);
    expect(f.get('38')).toBe('0010A00000072701270006970436011300110012345670208QRIBFTTA');
    expect(parseTlv(parseTlv(f.get('38')!).get('01')!).get('01')).toBe('0011001234567');
    expect(f.get('54')).toBe('15000');
    expect(parseTlv(f.get('62')!).get('08')).toBe('MCABCDEFGH23');
    expect(vietQrCrcValid(p)).toBe(true);
  });

  it('refuses a note with accents or too long, and a bad BIN', () => {
    expect(() => buildVietQrPayload({ bin: '970436', accountNo: '1', amountVnd: 1, purpose: 'Lệ phí' })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ bin: '97043', accountNo: '1', amountVnd: 1, purpose: 'A' })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ bin: '970436', accountNo: '1', amountVnd: 0, purpose: 'A' })).toThrow(RangeError);
  });
});

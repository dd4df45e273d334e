import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gsm7Length, renderNotification, SMS_MAX_SEPTETS } from '../notifications/notification.templates.js';
import { codePlaceholder, dossierCodeTemplate, formatDossierCode, parseDossierCode, toLevelOneFirst } from './dossier-code.rules.js';

describe('dossier codes', () => {
  it('follows Thông tư 01/2018 Điều 19, like the real 000.17.22.H56-210531-0001', () => {
    expect(formatDossierCode({ format: 'unit-date-seq4', unitCode: '000.17.22.H56', date: '2021-05-31', seq: 1 })).toBe('000.17.22.H56-210531-0001');
    expect(formatDossierCode({ format: 'unit-date-seq4', unitCode: '000.00.14.H56', date: '2020-02-03', seq: 118 })).toBe('000.00.14.H56-200203-0118');
    expect(() => formatDossierCode({ format: 'unit-date-seq4', unitCode: 'X', date: '2020-02-03', seq: 10000 })).toThrow();
  });

  it('the 2026 format puts the level-1 group first and carries the system code', () => {
    expect(toLevelOneFirst('000.00.71.H20')).toBe('H20.71');
    expect(toLevelOneFirst('000.17.22.H56')).toBe('H56.22.17');
    expect(formatDossierCode({ format: 'unit-date-system-seq', unitCode: '000.00.71.H20', date: '2026-02-01', seq: 12345, systemCode: '01' })).toBe('H20.71-260201-0112345');
  });

  it('property: parse(format(x)) = x and distinct sequences give distinct codes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }), fc.date({ min: new Date('2019-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (a, b, d) => {
        const date = d.toISOString().slice(0, 10);
        const ca = formatDossierCode({ format: 'unit-date-seq4', unitCode: '000.00.71.H20', date, seq: a });
        expect(parseDossierCode(ca)).toEqual({ unitCode: '000.00.71.H20', date, seq: a });
        if (a !== b) expect(ca).not.toBe(formatDossierCode({ format: 'unit-date-seq4', unitCode: '000.00.71.H20', date, seq: b }));
      }),
    );
  });

  describe('the stand-in for the code in notices written before it is numbered', () => {
    // An SMS of exactly 160 septets with the former stand-in in it.
    const longName = 'Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản';
    // The intake statement replaces the stand-in by the code (SQL replace), after the SMS was fitted around it.
    const smsWith = (placeholder: string, code: string) =>
      renderNotification('dossier.accepted', 'sms', { dossierCode: placeholder, procedureName: longName, appointmentAt: new Date('2026-12-07T03:30:00Z') }).body.replaceAll(placeholder, code);

    it('a cut SMS stays within one part once the real code replaces it (H20.71.01-261206-000011)', () => {
      const template = dossierCodeTemplate({ format: 'unit-date-system-seq', unitCode: '000.01.71.H20', date: '2026-12-06' });
      const code = formatDossierCode({ format: 'unit-date-system-seq', unitCode: '000.01.71.H20', date: '2026-12-06', seq: 11 });
      expect(code).toBe('H20.71.01-261206-000011');
      const placeholder = codePlaceholder(template, '0f1e2d3c-4b5a-4697-8877-665544332211');
      expect(placeholder).toBe('MAHOSO0F1E2D3C4B5A4697887');
      const sms = smsWith(placeholder, code);
      expect(sms).toBe('Ho so H20.71.01-261206-000011 da duoc tiep nhan. Hen tra ket qua: 10:30 07/12/2026. Thu tuc: Cap Giay chung nhan quyen su dung dat, quyen so huu nha o va t...');
      expect(gsm7Length(sms)).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
      // The former 22-character stand-in (MAHOSO + 16 hex) let this SMS grow to 161 septets: a second, billed part.
      expect(gsm7Length(smsWith('MAHOSO0123456789ABCDEF', code))).toBe(161);
    });

    it('property: as long as the longest code of its template, so no SMS fitted around it grows past 160 septets', () => {
      const unitCode = fc
        .tuple(fc.constantFrom('000', '001', 'G12'), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('H20', 'H56', 'A01', 'Y99'))
        .map(([a, b, c, d]) => `${a}.${String(b).padStart(2, '0')}.${String(c).padStart(2, '0')}.${d}`);
      fc.assert(
        fc.property(
          fc.constantFrom('unit-date-seq4' as const, 'unit-date-system-seq' as const),
          unitCode,
          fc.date({ min: new Date('2019-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
          fc.integer({ min: 1, max: 999_999 }),
          fc.uuid(),
          (format, unit, d, seq, uuid) => {
            const date = d.toISOString().slice(0, 10);
            const template = dossierCodeTemplate({ format, unitCode: unit, date });
            const placeholder = codePlaceholder(template, uuid);
            expect(placeholder).toMatch(/^MAHOSO[0-9A-FX]+$/);
            if (format === 'unit-date-seq4' && seq > 9999) return;
            const code = formatDossierCode({ format, unitCode: unit, date, seq });
            expect(placeholder.length).toBeGreaterThanOrEqual(code.length);
            expect(gsm7Length(smsWith(placeholder, code))).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
          },
        ),
      );
    });
  });
});

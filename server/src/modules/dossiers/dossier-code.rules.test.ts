import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDossierCode, parseDossierCode, toLevelOneFirst } from './dossier-code.rules.js';

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
});

import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatVnNumber, formatVnd } from './format.js';

const RealNumberFormat = Intl.NumberFormat;
afterEach(() => {
  Intl.NumberFormat = RealNumberFormat;
  vi.resetModules();
});

describe('the portal amount format', () => {
  it('writes đồng as the vi-VN currency format does', () => {
    expect(formatVnd(50000)).toBe('50.000\u00a0₫');
    expect(formatVnd(0)).toBe('0\u00a0₫');
    expect(formatVnd(999)).toBe('999\u00a0₫');
    expect(formatVnd(1234567)).toBe('1.234.567\u00a0₫');
  });

  it('matches Intl.NumberFormat vi-VN VND for any amount a fee or a payment can hold', () => {
    const intl = new RealNumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e15 }), fc.integer({ min: -1e6, max: 1e9 }).map((n) => n + 0.5), fc.double({ min: -1e9, max: 1e12, noNaN: true })), (n) => {
        expect(formatVnd(n)).toBe(intl.format(n));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a number as toLocaleString vi-VN does, without building a formatter', () => {
    expect(formatVnNumber(15)).toBe('15');
    expect(formatVnNumber(0.5)).toBe('0,5');
    expect(formatVnNumber(1234.5)).toBe('1.234,5');
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e6 }).map((n) => n / 4), fc.double({ min: -1e12, max: 1e15, noNaN: true }), fc.double({ noNaN: true })), (n) => {
        expect(formatVnNumber(n)).toBe(n.toLocaleString('vi-VN'));
      }),
      { numRuns: 3000 },
    );
  });

  it('builds no Intl number formatter, neither when the portal code loads nor when it writes an amount', async () => {
    let made = 0;
    Intl.NumberFormat = class extends RealNumberFormat {
      constructor(...args: ConstructorParameters<typeof RealNumberFormat>) {
        super(...args);
        made++;
      }
    } as typeof Intl.NumberFormat;
    vi.resetModules();
    const fresh = await import('./format.js');
    // Loading the module is part of the phone's first long task, writing a fee part of hydration (issue 12).
    expect(fresh.formatVnd(8000)).toBe('8.000\u00a0₫');
    expect(fresh.formatVnNumber(2.5)).toBe('2,5');
    expect(made).toBe(0);
  });
});

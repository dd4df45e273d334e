import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, MAX_ATTEMPTS, RETRY_DELAYS_MINUTES } from './notification.rules.js';

const now = new Date('2026-11-25T02:00:00Z');
const minutesLater = (d: Date) => (d.getTime() - now.getTime()) / 60_000;

describe('retry policy', () => {
  it('waits 1, 5, 30, 120, 360, 720, 1440 minutes after attempts 1–7, gives up after the 8th', () => {
    const delays = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const r = afterFailedAttempt(attempt, now);
      expect(r.status).toBe('pending');
      if (r.status === 'pending') delays.push(minutesLater(r.nextAttemptAt));
    }
    expect(delays).toEqual([1, 5, 30, 120, 360, 720, 1440]);
    expect(RETRY_DELAYS_MINUTES).toHaveLength(MAX_ATTEMPTS - 1);
    expect(afterFailedAttempt(MAX_ATTEMPTS, now)).toEqual({ status: 'failed' });
    expect(afterFailedAttempt(MAX_ATTEMPTS + 3, now)).toEqual({ status: 'failed' });
  });

  it('delays never shrink and the whole schedule spans less than two days', () => {
    for (let i = 1; i < RETRY_DELAYS_MINUTES.length; i++) expect(RETRY_DELAYS_MINUTES[i]!).toBeGreaterThan(RETRY_DELAYS_MINUTES[i - 1]!);
    expect(RETRY_DELAYS_MINUTES.reduce((a, b) => a + b, 0)).toBeLessThan(48 * 60);
  });

  it('refuses an attempt count below 1', () => {
    expect(() => afterFailedAttempt(0, now)).toThrow(RangeError);
    expect(() => afterFailedAttempt(1.5, now)).toThrow(RangeError);
  });
});

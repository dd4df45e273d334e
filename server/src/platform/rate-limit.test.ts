import { describe, expect, it } from 'vitest';
import { createWindowLimiter } from './rate-limit.js';

describe('window limiter', () => {
  it('allows max per window per key, then resets', () => {
    const l = createWindowLimiter(3, 1000);
    expect([1, 2, 3, 4].map(() => l.allow('a', 0))).toEqual([true, true, true, false]);
    expect(l.allow('b', 10)).toBe(true);
    expect(l.allow('a', 1000)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { accountDelaySeconds, accountHeldUntil } from './sign-in.rules.js';

describe('growing sign-in delays', () => {
  const t = { maxFailures: 5, lockMinutes: 15 };
  it('lets maxFailures − 1 failures pass, then waits 15 min, 30, 60… up to a day', () => {
    expect([1, 4, 5, 6, 7, 12, 40].map((n) => accountDelaySeconds(n, t))).toEqual([0, 0, 900, 1800, 3600, 86400, 86400]);
    expect(accountHeldUntil(4, t, new Date(0))).toBeNull();
    expect(accountHeldUntil(5, t, new Date(0))).toEqual(new Date(900_000));
  });
});

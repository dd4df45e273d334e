/**
 * A fixed-window counter kept in this process, for cheap public reads (tracking look-ups) where a shared counter in
 * PostgreSQL would turn every read into a write on one hot row. With N instances the effective limit is N × max per
 * window; sign-in attempts, which matter more, are counted in PostgreSQL instead (identity.repo.ts `throttle`).
 */
export function createWindowLimiter(max: number, windowMs: number, maxKeys = 100_000) {
  const hits = new Map<string, { start: number; count: number }>();
  return {
    allow(key: string, now = Date.now()): boolean {
      const h = hits.get(key);
      if (!h || now - h.start >= windowMs) {
        if (hits.size >= maxKeys) {
          for (const [k, v] of hits) if (now - v.start >= windowMs) hits.delete(k);
          if (hits.size >= maxKeys) hits.clear();
        }
        hits.set(key, { start: now, count: 1 });
        return true;
      }
      h.count++;
      return h.count <= max;
    },
  };
}

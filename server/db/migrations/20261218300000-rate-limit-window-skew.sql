-- A window that began a moment after the request's clock is the current window (found by a burst of parallel guesses:
-- concurrent requests read the clock milliseconds apart, and the one that read it first took the window as being in its
-- future and opened a new one, counting from 1 again — 31 to 33 failures got through a budget of 30). Only a window
-- that began more than a window ahead (another timeline: a clock set back) is replaced. The counting upsert
-- (platform/rate-limit.ts countSql) applies the same rule.
CREATE OR REPLACE FUNCTION rate_limit_gate(p_key text, p_now timestamptz, p_window int, p_max int, OUT allowed boolean, OUT window_start timestamptz)
  LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  w rate_limit_window;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('rate_limit_window:' || p_key, 0));
  SELECT * INTO w FROM rate_limit_window r WHERE r.key = p_key;
  IF w.key IS NULL OR w.window_start <= p_now - make_interval(secs => p_window) OR w.window_start > p_now + make_interval(secs => p_window) THEN
    allowed := true; window_start := p_now;
  ELSE
    allowed := w.hits < p_max; window_start := w.window_start;
  END IF;
END $$;

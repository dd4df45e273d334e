-- The per-address budget of the public look-ups (tracking, fee, rating, pickup) counts failed attempts only (issue 12).
-- It is there to stop guessing — of a code, of the 4-digit secret — and every guess but the right one is a failure; a
-- right answer is no progress for a guesser. Counting every look-up refused the citizens who share one public address
-- (a mobile network's carrier-grade NAT, an office, a service agent following many dossiers) for look-ups they had every
-- right to, and made each right answer write a row version. The guarantee is the one before: the attempts of one
-- address are judged one after the other on the failures the previous ones committed — a transaction-scoped advisory
-- lock on the address's key, taken before its window is read (a statement in a VOLATILE function takes a new snapshot,
-- in READ COMMITTED) — so a burst of parallel guesses cannot all pass before the first failure is counted.
CREATE FUNCTION rate_limit_gate(p_key text, p_now timestamptz, p_window int, p_max int, OUT allowed boolean, OUT window_start timestamptz)
  LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  w rate_limit_window;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('rate_limit_window:' || p_key, 0));
  SELECT * INTO w FROM rate_limit_window r WHERE r.key = p_key;
  IF w.key IS NULL OR w.window_start <= p_now - make_interval(secs => p_window) OR w.window_start > p_now THEN
    allowed := true; window_start := p_now;
  ELSE
    allowed := w.hits < p_max; window_start := w.window_start;
  END IF;
END $$;
COMMENT ON FUNCTION rate_limit_gate(text, timestamptz, int, int) IS 'Khóa cửa sổ đếm của một khóa đến hết giao dịch rồi cho biết còn lượt không (không ghi gì) / Locks a key''s window for the transaction and tells whether it has room left (writes nothing)';

-- A right answer no longer writes (issue 12): guard_attempt serialised the attempts on one target by rewriting the
-- target's guard row as it was (an upsert), so every successful public look-up — most of them — wrote a row version
-- and its WAL, and gave each tracked code a guard row. The attempts on one target are now serialised by a
-- transaction-scoped advisory lock on the target's key, taken before the guard is read; the row is written only when a
-- failure is counted (guard_fail). The guarantee is the one before: a burst of parallel guesses is judged one after the
-- other, each on the state the previous one committed — the lock is released after the holder's commit is visible,
-- and the read after the wait takes a new snapshot (a statement in a VOLATILE function does, in READ COMMITTED).
-- lockGuard (sign-in, feedback) keeps its row lock: its keys are other targets than guardedAttempt's.
CREATE OR REPLACE FUNCTION guard_attempt(p_key text, p_now timestamptz, p_ok boolean, p_free int, p_base int, p_max int, p_forget int,
                                         OUT outcome text, OUT failures int, OUT blocked_until timestamptz)
  LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  g attempt_guard;
  f record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('attempt_guard:' || p_key, 0));
  SELECT * INTO g FROM attempt_guard a WHERE a.key = p_key;
  IF g.blocked_until > p_now THEN
    outcome := 'blocked'; failures := g.failures; blocked_until := g.blocked_until;
  ELSIF p_ok THEN
    outcome := 'ok'; failures := coalesce(g.failures, 0);
  ELSE
    f := guard_fail(p_key, p_now, p_free, p_base, p_max, p_forget);
    outcome := CASE WHEN f.held THEN 'held' ELSE 'failed' END; failures := f.failures; blocked_until := f.blocked_until;
  END IF;
END $$;
COMMENT ON FUNCTION guard_attempt(text, timestamptz, boolean, int, int, int, int) IS 'Xét một lần thử có khóa chống dò (mã hồ sơ, mã hẹn lấy hồ sơ); lần đúng không ghi gì / Judges one guarded attempt under the target''s lock; a right one writes nothing';

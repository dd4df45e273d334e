-- A public look-up guarded by a secret (dossier tracking, a pickup request, paying a fee, rating) in one statement
-- (issue 12: it took four round trips — the address's rate limit, BEGIN, the guard locked with the look-up, COMMIT —
-- while the secret was judged in the server between them, with the guard's row lock held over the network). The
-- guard's rules move here so the statement can judge the attempt under the lock: a burst of parallel guesses on one
-- target is still judged one after the other, each on the state the previous one committed.

-- The wait imposed after the n-th failure against a target: none before `free`, then base·2^(n−free) seconds, at most
-- `max_seconds` (was guardDelaySeconds in rate-limit.ts; the one definition now).
CREATE FUNCTION guard_delay_seconds(failures int, free int, base_seconds int, max_seconds int) RETURNS int
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN failures < free THEN 0 ELSE least(max_seconds::float8, base_seconds * power(2::float8, least(failures - free, 30)))::int END
$$;
COMMENT ON FUNCTION guard_delay_seconds(int, int, int, int) IS 'Thời gian chờ sau lần thử sai thứ n / The wait after the n-th wrong attempt';

-- Counts one failure against `p_key` (failures older than `p_forget` seconds forgotten first) and, from the free-th
-- on, holds the key for the growing delay. `held`: this failure started or extended a hold.
CREATE FUNCTION guard_fail(p_key text, p_now timestamptz, p_free int, p_base int, p_max int, p_forget int,
                           OUT failures int, OUT blocked_until timestamptz, OUT held boolean)
  LANGUAGE plpgsql AS $$
DECLARE
  delay int;
BEGIN
  INSERT INTO attempt_guard AS g (key, failures, last_failure_at) VALUES (p_key, 1, p_now)
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN g.last_failure_at IS NULL OR g.last_failure_at < p_now - make_interval(secs => p_forget) THEN 1 ELSE g.failures + 1 END,
    last_failure_at = p_now
  RETURNING g.failures INTO failures;
  delay := guard_delay_seconds(failures, p_free, p_base, p_max);
  held := delay > 0;
  IF held THEN
    blocked_until := p_now + make_interval(secs => delay);
    UPDATE attempt_guard g SET blocked_until = greatest(g.blocked_until, guard_fail.blocked_until) WHERE g.key = p_key;
  END IF;
END $$;
COMMENT ON FUNCTION guard_fail(text, timestamptz, int, int, int, int) IS 'Ghi một lần thử sai và tạm khóa khi quá số lần cho phép / Counts a wrong attempt and holds the target past the free ones';

-- One attempt on `p_key` whose secret was right or not (`p_ok`): locks the guard row (creating it; an upsert waits for
-- a concurrent attempt and sees what it committed), then 'blocked' while a hold lasts (nothing counted, right or
-- wrong), 'ok', or the failure counted ('failed', or 'held' when it started a hold).
CREATE FUNCTION guard_attempt(p_key text, p_now timestamptz, p_ok boolean, p_free int, p_base int, p_max int, p_forget int,
                              OUT outcome text, OUT failures int, OUT blocked_until timestamptz)
  LANGUAGE plpgsql AS $$
DECLARE
  g attempt_guard;
  f record;
BEGIN
  INSERT INTO attempt_guard AS a (key, failures) VALUES (p_key, 0) ON CONFLICT (key) DO UPDATE SET failures = a.failures
  RETURNING a.* INTO g;
  IF g.blocked_until > p_now THEN
    outcome := 'blocked'; failures := g.failures; blocked_until := g.blocked_until;
  ELSIF p_ok THEN
    outcome := 'ok'; failures := g.failures;
  ELSE
    f := guard_fail(p_key, p_now, p_free, p_base, p_max, p_forget);
    outcome := CASE WHEN f.held THEN 'held' ELSE 'failed' END; failures := f.failures; blocked_until := f.blocked_until;
  END IF;
END $$;
COMMENT ON FUNCTION guard_attempt(text, timestamptz, boolean, int, int, int, int) IS 'Xét một lần thử có khóa chống dò (mã hồ sơ, mã hẹn lấy hồ sơ) / Judges one guarded attempt under the guard''s lock';

-- The significant digits of a Vietnamese phone number as written (no 0 / +84 / 0084 / 84 prefix, no spaces, dots,
-- dashes, brackets or slashes), or null when it is not written as a Vietnamese number: the same as significantPart in
-- applicants/phone.rules.ts (a property test compares them), so that a stored number written any usual way matches the
-- secret the citizen types. Whitespace is JavaScript's \s, listed, since PostgreSQL's [[:space:]] depends on the locale.
CREATE FUNCTION phone_significant_vn(input text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  s text := regexp_replace(input, '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff.()/-]+', '', 'g');
BEGIN
  IF s LIKE '+84%' THEN s := substr(s, 4);
  ELSIF s LIKE '0084%' THEN s := substr(s, 5);
  ELSIF s ~ '^84[0-9]{9,10}$' THEN s := substr(s, 3);
  ELSIF s LIKE '0%' THEN RETURN CASE WHEN s ~ '^0[0-9]+$' THEN substr(s, 2) END;
  ELSE RETURN NULL;
  END IF;
  IF s LIKE '0%' THEN s := substr(s, 2); END IF;
  RETURN CASE WHEN s ~ '^[0-9]+$' THEN s END;
END $$;
COMMENT ON FUNCTION phone_significant_vn(text) IS 'Phần số có nghĩa của số điện thoại Việt Nam (bỏ 0, +84, dấu cách, dấu chấm) / The significant digits of a Vietnamese phone number';

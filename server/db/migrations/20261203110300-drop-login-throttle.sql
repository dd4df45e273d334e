-- Sign-in rate limits now live in rate_limit_window (per address, per minute) and attempt_guard (growing delays),
-- shared with the public look-ups; the old table has no reader or writer left.
DROP TABLE login_throttle;

-- A request-rate window lives for a minute or so (TRACKING_PER_MINUTE, the login and form limits): writing it to the WAL
-- made every public look-up, sign-in and form post a durable write — a WAL record and a synchronous flush at commit for
-- a count that is worthless a minute later (issue 12: public tracking costs 0.58 ms of PostgreSQL against 0.15 for a bare
-- read, bench/dossiers.ts). Unlogged, the counts are still shared by every instance and transactional; what a crash or a
-- fail-over loses is the current windows (each address gets a fresh minute), not a guard: the wrong-guess counters and
-- their growing delays (attempt_guard) stay logged and replicated.
ALTER TABLE rate_limit_window SET UNLOGGED;
COMMENT ON TABLE rate_limit_window IS 'Giới hạn tần suất theo cửa sổ thời gian, dùng chung mọi máy chủ; không ghi WAL (mất khi sự cố, chỉ là cửa sổ hiện tại) / Fixed-window rate limit counters shared by all instances; unlogged (a crash or fail-over forgets the current windows only)';

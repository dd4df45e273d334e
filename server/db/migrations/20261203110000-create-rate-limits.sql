-- Rate limits and attempt guards kept in PostgreSQL, so every instance shares them (DESIGN.md §3: nothing may assume a
-- single instance) and the embedded default works the same. Every time written here comes from the application's
-- injected clock; no column defaults to now().

-- Fixed-window counters: how many requests a key (an address, a target) made in the current window.
CREATE TABLE rate_limit_window (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits int NOT NULL
);
CREATE INDEX rate_limit_window_start_idx ON rate_limit_window (window_start);
COMMENT ON TABLE rate_limit_window IS 'Giới hạn tần suất theo cửa sổ thời gian, dùng chung mọi máy chủ / Fixed-window rate limit counters shared by all instances';
COMMENT ON COLUMN rate_limit_window.key IS 'Đối tượng được đếm, ví dụ public:<địa chỉ> / What is counted, e.g. public:<address>';
COMMENT ON COLUMN rate_limit_window.window_start IS 'Đầu cửa sổ đếm hiện tại / Start of the current window';
COMMENT ON COLUMN rate_limit_window.hits IS 'Số yêu cầu trong cửa sổ / Requests in the window';

-- Wrong guesses against one target (a dossier code's tracking secret, an address signing in): after a handful of
-- failures the target waits, each further failure doubling the wait.
CREATE TABLE attempt_guard (
  key text PRIMARY KEY,
  failures int NOT NULL,
  last_failure_at timestamptz,
  blocked_until timestamptz
);
CREATE INDEX attempt_guard_last_failure_idx ON attempt_guard (last_failure_at);
COMMENT ON TABLE attempt_guard IS 'Đếm lần thử sai theo đối tượng (mã hồ sơ, địa chỉ đăng nhập), chờ tăng dần / Wrong attempts per target with growing delays';
COMMENT ON COLUMN attempt_guard.key IS 'Đối tượng bị thử, ví dụ tracking:<mã hồ sơ> / Target, e.g. tracking:<dossier code>';
COMMENT ON COLUMN attempt_guard.failures IS 'Số lần sai liên tiếp chưa được quên / Consecutive failures not yet forgotten';
COMMENT ON COLUMN attempt_guard.last_failure_at IS 'Lần sai gần nhất / Last failure';
COMMENT ON COLUMN attempt_guard.blocked_until IS 'Từ chối mọi lần thử đến thời điểm này / All attempts refused until';

-- One row per tick of each schedule (issue 19): the key that makes a schedule fire once per tick across instances and
-- across a database failover. An instance that sees a tick due inserts (name, tick) and enqueues the job in the same
-- transaction; another instance, or the same one retrying after a commit whose answer was lost in a failover, meets
-- the primary key and enqueues nothing. pg-boss's own cron deduplicated by the minute in which its insert reached the
-- database, not by the tick, and its second hop (the job that turns a tick into the real job) is retried after a
-- failed answer: both fired one tick twice after a failover (docs/CLUSTER.md).
CREATE TABLE job_tick (
  name text NOT NULL,
  tick timestamptz NOT NULL,
  job_id uuid NOT NULL,
  claimed_at timestamptz NOT NULL,
  claimed_by text NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (name, tick)
);
COMMENT ON TABLE job_tick IS 'Mỗi lần đến giờ của một lịch chạy nền, ghi một lần duy nhất cùng giao dịch đưa việc vào hàng đợi / One row per tick of each schedule, written in the transaction that enqueues its job';
COMMENT ON COLUMN job_tick.name IS 'Tên việc nền (hàng đợi pg-boss) / Job name (pg-boss queue)';
COMMENT ON COLUMN job_tick.tick IS 'Thời điểm theo lịch cron (không phải lúc chạy) / The cron tick itself, not when it was seen';
COMMENT ON COLUMN job_tick.job_id IS 'Việc pg-boss được tạo cho lần này / The pg-boss job created for this tick';
COMMENT ON COLUMN job_tick.claimed_at IS 'Lúc một phiên bản ứng dụng nhận lần chạy này (đồng hồ của nó) / When an instance claimed the tick (its clock)';
COMMENT ON COLUMN job_tick.claimed_by IS 'Phiên bản ứng dụng đã nhận (máy:tiến trình) / The instance that claimed it (host:pid)';
COMMENT ON COLUMN job_tick.finished_at IS 'Lúc việc chạy xong (trống: chưa xong hoặc đang thử lại) / When the job finished (empty: not yet, or being retried)';
CREATE INDEX job_tick_claimed ON job_tick (claimed_at);

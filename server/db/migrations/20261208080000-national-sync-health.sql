-- How the last calls to the national portal went (one row): the sync page shows an outage instead of "connected" and
-- names the last error and its time (QĐ 766 indicator 1.4 counts are only true if failures are seen).
CREATE TABLE national_sync_health (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_success_at timestamptz,
  last_failure_at timestamptz,
  last_error text
);
INSERT INTO national_sync_health (id) VALUES (true);

COMMENT ON TABLE national_sync_health IS 'Tình trạng kết nối Cổng DVCQG theo lần gửi gần nhất / National portal sync health';

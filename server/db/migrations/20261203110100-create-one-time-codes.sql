-- One-time codes (mã xác thực một lần) sent by SMS or e-mail: the second factor of a throttled sign-in, password
-- recovery and the proof of a phone or e-mail at registration. Only a salted hash of the code is kept; a code expires,
-- is used once and takes a few wrong tries at most. Times come from the application's clock.
CREATE TABLE one_time_code (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose text NOT NULL CHECK (purpose IN ('staff_sign_in', 'citizen_recovery', 'citizen_registration')),
  subject text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  salt text NOT NULL,
  code_hash text NOT NULL,
  payload jsonb,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  used_at timestamptz
);
CREATE INDEX one_time_code_subject_idx ON one_time_code (purpose, subject, created_at DESC);
CREATE INDEX one_time_code_expires_idx ON one_time_code (expires_at);
COMMENT ON TABLE one_time_code IS 'Mã xác thực một lần gửi qua SMS/e-mail (chỉ lưu bản băm) / One-time codes sent by SMS or e-mail, hashed';
COMMENT ON COLUMN one_time_code.purpose IS 'Mục đích: staff_sign_in (đăng nhập cán bộ khi bị tạm chặn), citizen_recovery (quên mật khẩu), citizen_registration (đăng ký) / Purpose';
COMMENT ON COLUMN one_time_code.subject IS 'Người nhận mã: tài khoản hoặc e-mail/số điện thoại đăng ký / Whom the code is for (account id or identifier)';
COMMENT ON COLUMN one_time_code.channel IS 'Kênh gửi: sms hoặc email / Channel';
COMMENT ON COLUMN one_time_code.salt IS 'Muối ngẫu nhiên của bản băm / Random salt of the hash';
COMMENT ON COLUMN one_time_code.code_hash IS 'SHA-256 của muối, mục đích, người nhận và mã / Hash of salt, purpose, subject and code';
COMMENT ON COLUMN one_time_code.payload IS 'Dữ liệu chờ xác nhận (đăng ký: băm mật khẩu và hồ sơ) / Data waiting for the code (registration)';
COMMENT ON COLUMN one_time_code.created_at IS 'Thời điểm gửi / Sent at';
COMMENT ON COLUMN one_time_code.expires_at IS 'Hết hạn / Expires at';
COMMENT ON COLUMN one_time_code.attempts IS 'Số lần nhập sai / Wrong tries';
COMMENT ON COLUMN one_time_code.used_at IS 'Đã dùng lúc (mỗi mã dùng một lần) / Used at (once)';

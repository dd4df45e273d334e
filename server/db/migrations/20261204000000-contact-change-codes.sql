-- A citizen's new phone or e-mail is proved by a one-time code sent to it before it becomes the sign-in identifier.
ALTER TABLE one_time_code DROP CONSTRAINT IF EXISTS one_time_code_purpose_check;
ALTER TABLE one_time_code ADD CONSTRAINT one_time_code_purpose_check
  CHECK (purpose IN ('staff_sign_in', 'citizen_recovery', 'citizen_registration', 'citizen_contact_change'));
COMMENT ON COLUMN one_time_code.purpose IS 'Mục đích: staff_sign_in (đăng nhập cán bộ khi bị tạm chặn), citizen_recovery (quên mật khẩu), citizen_registration (đăng ký), citizen_contact_change (đổi số điện thoại/e-mail) / Purpose';

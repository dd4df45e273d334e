-- A staff session opened through single sign-on from the national portal (Cổng DVCQG) is recorded with the link an
-- administrator set for that officer; revoking the link ends those sessions at once (the cascade), whatever path
-- deletes the link, so a revoked identity keeps no way in through a session it opened before.
ALTER TABLE staff_session ADD COLUMN national_sso_subject text REFERENCES national_sso_link (subject) ON DELETE CASCADE;
CREATE INDEX staff_session_national_sso_subject_idx ON staff_session (national_sso_subject) WHERE national_sso_subject IS NOT NULL;
COMMENT ON COLUMN staff_session.national_sso_subject IS 'Phiên mở bằng đăng nhập một lần từ Cổng DVCQG: liên kết đã dùng (gỡ liên kết thì phiên kết thúc) / The national SSO link this session was opened through; revoking it ends the session';

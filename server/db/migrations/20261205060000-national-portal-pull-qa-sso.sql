-- The national portal (Cổng DVCQG, issue 16), the parts after the core sync: the pull of dossiers submitted there (in
-- case a push was lost), its questions and answers (hỏi đáp) through our feedback register, and single sign-on from it.

-- Where the pull of dossiers submitted on the national portal has got to: one row, the portal's opaque cursor.
CREATE TABLE national_pull_cursor (
  id smallint PRIMARY KEY CHECK (id = 1),
  cursor text NOT NULL,
  pulled_at timestamptz NOT NULL
);
COMMENT ON TABLE national_pull_cursor IS 'Vị trí đã lấy đến của danh sách hồ sơ nộp trên Cổng DVCQG / Cursor of the pull of national dossiers';
COMMENT ON COLUMN national_pull_cursor.cursor IS 'Con trỏ do Cổng trả về (không tự diễn giải) / Opaque cursor the portal returned';

-- Dossiers the pull could not take (no such unit, procedure not mapped): kept to be seen, not retried blindly.
CREATE TABLE national_pull_rejection (
  ma_ho_so text PRIMARY KEY,
  code text NOT NULL,
  message text NOT NULL,
  at timestamptz NOT NULL
);
COMMENT ON TABLE national_pull_rejection IS 'Hồ sơ lấy từ Cổng DVCQG không tiếp nhận được và lý do / Pulled dossiers refused, with the reason';

-- Questions of the national portal's Q&A (LayDanhSachHoiDapGuiTuDVCQG): each becomes one feedback item, once.
ALTER TABLE feedback DROP CONSTRAINT feedback_channel_check;
ALTER TABLE feedback ADD CONSTRAINT feedback_channel_check CHECK (channel IN ('portal', 'email', 'letter', 'phone', 'open311', 'national'));

CREATE TABLE national_question (
  ma_hoi_dap text PRIMARY KEY,
  feedback_id uuid NOT NULL UNIQUE REFERENCES feedback (id),
  received_at timestamptz NOT NULL
);
COMMENT ON TABLE national_question IS 'Câu hỏi gửi từ Cổng DVCQG và phản ánh, kiến nghị tương ứng / National portal questions and their feedback items';

-- Answers published here go back (DongBoKetQuaHoiDapGuiTuDVCQG) from this outbox, written by a trigger in the
-- publishing transaction; the rows of one question are sent in id order, retried until the portal takes them.
CREATE TABLE national_answer_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ma_hoi_dap text NOT NULL REFERENCES national_question (ma_hoi_dap),
  feedback_id uuid NOT NULL REFERENCES feedback (id),
  event_id bigint NOT NULL UNIQUE REFERENCES feedback_event (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX national_answer_outbox_pending_idx ON national_answer_outbox (ma_hoi_dap, id) WHERE status = 'pending';
COMMENT ON TABLE national_answer_outbox IS 'Hàng đợi gửi câu trả lời đã công khai về Cổng DVCQG / Outbox of answers sent back to the national portal';

CREATE FUNCTION national_answer_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.to_status = 'published' THEN
    INSERT INTO national_answer_outbox (ma_hoi_dap, feedback_id, event_id, created_at, next_attempt_at)
    SELECT q.ma_hoi_dap, q.feedback_id, NEW.id, NEW.at, NEW.at FROM national_question q WHERE q.feedback_id = NEW.feedback_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER feedback_event_national_answer AFTER INSERT ON feedback_event FOR EACH ROW EXECUTE FUNCTION national_answer_enqueue();

-- Single sign-on from the national portal (OpenID Connect): sign-ins under way, and who each national identity is here.
CREATE TABLE national_sso_login (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  target text NOT NULL CHECK (target IN ('citizen', 'staff')),
  return_to text NOT NULL,
  expires_at timestamptz NOT NULL
);
COMMENT ON TABLE national_sso_login IS 'Lượt đăng nhập một lần từ Cổng DVCQG đang dở (state, PKCE, nonce) / National portal SSO sign-ins in progress';
COMMENT ON COLUMN national_sso_login.target IS 'citizen: vào cổng công dân; staff: vào phần mềm một cửa / Portal or console';

CREATE TABLE national_sso_link (
  subject text PRIMARY KEY,
  citizen_id uuid UNIQUE REFERENCES citizen_account (id),
  staff_user_id uuid UNIQUE REFERENCES staff_user (id),
  linked_at timestamptz NOT NULL,
  linked_by uuid REFERENCES staff_user (id),
  CHECK ((citizen_id IS NULL) <> (staff_user_id IS NULL))
);
COMMENT ON TABLE national_sso_link IS 'Định danh trên Cổng DVCQG (sub) ứng với tài khoản công dân (theo CCCD đã xác minh) hoặc cán bộ (do quản trị cấu hình) / National SSO subject to account';
COMMENT ON COLUMN national_sso_link.linked_by IS 'Quản trị viên đã gắn (cán bộ); trống với công dân / Administrator who linked an officer';

-- Feedback and recommendations (phản ánh, kiến nghị — Nghị định 20/2008/NĐ-CP, amended by 92/2017; QĐ 766/QĐ-TTg group 5)
-- and questions about procedures (hỏi đáp), on one engine: the item, its register counter, its history, its files,
-- the clock settings of a province and the API keys of Open311 clients.

CREATE TABLE feedback_counter (
  unit_id uuid NOT NULL REFERENCES unit (id),
  year int NOT NULL,
  last_seq int NOT NULL,
  PRIMARY KEY (unit_id, year)
);
COMMENT ON TABLE feedback_counter IS 'Sổ theo dõi phản ánh, kiến nghị: số thứ tự theo đơn vị và năm / Feedback register sequence per unit and year';

CREATE TABLE feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('feedback', 'question')),
  category text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('portal', 'email', 'letter', 'phone', 'open311')),
  receiving_unit_id uuid NOT NULL REFERENCES unit (id),
  receiving_path text NOT NULL,
  unit_id uuid NOT NULL REFERENCES unit (id),
  unit_path text NOT NULL,
  procedure_id uuid REFERENCES procedure (id),
  dossier_id uuid REFERENCES dossier (id),
  officer_name text,
  subject text NOT NULL,
  content text NOT NULL,
  sender_name text NOT NULL,
  sender_address text,
  sender_phone text,
  sender_email text,
  citizen_id uuid REFERENCES citizen_account (id),
  open311_client_id uuid,
  consent_publish_identity boolean NOT NULL DEFAULT false,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  place_address text,
  status text NOT NULL CHECK (status IN ('received', 'awaiting_info', 'handling', 'drafted', 'answered', 'published', 'refused', 'routed_out', 'reopened')),
  classification text CHECK (classification IN ('refused', 'conduct', 'within_competence', 'outside_competence', 'complaint', 'denunciation')),
  received_at timestamptz NOT NULL,
  day date NOT NULL,
  refuse_due_at timestamptz NOT NULL,
  info_due_at timestamptz NOT NULL,
  transfer_due_at timestamptz NOT NULL,
  answer_due_at timestamptz NOT NULL,
  publish_due_at timestamptz,
  classified_at timestamptz,
  transferred_at timestamptz,
  info_requested_at timestamptz,
  answered_at timestamptz,
  published_at timestamptz,
  closed_at timestamptz,
  late_steps int NOT NULL DEFAULT 0,
  handler_id uuid REFERENCES staff_user (id),
  handler_name text,
  decision_note text,
  answer_draft text,
  answer_text text,
  approved_by uuid REFERENCES staff_user (id),
  public_subject text NOT NULL,
  public_content text NOT NULL,
  public_answer text,
  rating text CHECK (rating IN ('satisfied', 'unsatisfied')),
  rating_comment text,
  rated_at timestamptz,
  reopen_count int NOT NULL DEFAULT 0 CHECK (reopen_count <= 1),
  reopen_reason text,
  overdue_notified_at timestamptz,
  search_text text GENERATED ALWAYS AS (vn_fold(subject || ' ' || content)) STORED,
  public_search text GENERATED ALWAYS AS (vn_fold(public_subject || ' ' || public_content || ' ' || coalesce(public_answer, ''))) STORED,
  updated_at timestamptz NOT NULL,
  CHECK (sender_phone IS NOT NULL OR sender_email IS NOT NULL OR sender_address IS NOT NULL OR citizen_id IS NOT NULL OR open311_client_id IS NOT NULL)
);
CREATE INDEX feedback_unit_idx ON feedback (unit_path text_pattern_ops, status, received_at);
CREATE INDEX feedback_receiving_idx ON feedback (receiving_path text_pattern_ops, day);
CREATE INDEX feedback_citizen_idx ON feedback (citizen_id, received_at DESC) WHERE citizen_id IS NOT NULL;
CREATE INDEX feedback_dossier_idx ON feedback (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX feedback_search_trgm_idx ON feedback USING gin (search_text gin_trgm_ops);
CREATE INDEX feedback_published_idx ON feedback (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX feedback_public_search_trgm_idx ON feedback USING gin (public_search gin_trgm_ops) WHERE status = 'published';
CREATE INDEX feedback_answer_due_idx ON feedback (answer_due_at) WHERE status IN ('received', 'handling', 'drafted', 'reopened');
COMMENT ON TABLE feedback IS 'Phản ánh, kiến nghị và câu hỏi (hỏi đáp) của người dân, doanh nghiệp (NĐ 20/2008) / Feedback, recommendations and questions';
COMMENT ON COLUMN feedback.code IS 'Số trong sổ theo dõi PAKN của đơn vị tiếp nhận / Number in the receiving unit''s register';
COMMENT ON COLUMN feedback.kind IS 'feedback = phản ánh, kiến nghị; question = hỏi đáp / Feedback or a question';
COMMENT ON COLUMN feedback.category IS 'Lĩnh vực (dịch vụ Open311) / Category, the Open311 service code';
COMMENT ON COLUMN feedback.channel IS 'Kênh tiếp nhận: cổng, thư điện tử, thư, điện thoại, Open311 / Channel received by';
COMMENT ON COLUMN feedback.unit_path IS 'Đơn vị đang xử lý (sau chuyển) / Unit handling the item now';
COMMENT ON COLUMN feedback.receiving_path IS 'Đơn vị tiếp nhận ban đầu / Unit that received it';
COMMENT ON COLUMN feedback.dossier_id IS 'Hồ sơ được phản ánh / Dossier the feedback is about';
COMMENT ON COLUMN feedback.officer_name IS 'Cán bộ bị phản ánh về hành vi / Officer whose conduct is reported';
COMMENT ON COLUMN feedback.sender_name IS 'Họ tên người phản ánh (NĐ 20/2008 Điều 7) / Sender''s name';
COMMENT ON COLUMN feedback.consent_publish_identity IS 'Người gửi đồng ý công khai thông tin cá nhân / Sender agreed to publish their identity';
COMMENT ON COLUMN feedback.classification IS 'Phân loại theo NĐ 20/2008 Điều 9, hoặc khiếu nại/tố cáo chuyển xử lý theo luật riêng / Classification';
COMMENT ON COLUMN feedback.refuse_due_at IS 'Hạn từ chối tiếp nhận (QĐ 766: 2 ngày làm việc) / Refusal deadline';
COMMENT ON COLUMN feedback.info_due_at IS 'Hạn đề nghị bổ sung thông tin (QĐ 766: 5 ngày làm việc) / Request-for-information deadline';
COMMENT ON COLUMN feedback.transfer_due_at IS 'Hạn chuyển đơn vị có thẩm quyền (NĐ 20/2008 Điều 9: 5 ngày làm việc) / Transfer deadline';
COMMENT ON COLUMN feedback.answer_due_at IS 'Hạn trả lời (QĐ 766: 15 ngày làm việc) / Answer deadline';
COMMENT ON COLUMN feedback.publish_due_at IS 'Hạn công khai sau khi trả lời (QĐ 766: 2 ngày làm việc) / Publication deadline';
COMMENT ON COLUMN feedback.late_steps IS 'Số bước xử lý quá hạn (0 = đúng hạn, QĐ 766 chỉ số 5.2) / Steps done late';
COMMENT ON COLUMN feedback.public_subject IS 'Tiêu đề công khai, đã lược thông tin cá nhân / Public subject, personal data removed';
COMMENT ON COLUMN feedback.public_content IS 'Nội dung công khai, đã lược thông tin cá nhân / Public content, personal data removed';
COMMENT ON COLUMN feedback.rating IS 'Người gửi đánh giá kết quả trả lời (QĐ 766 chỉ số 5.3) / Sender''s rating of the answer';
COMMENT ON COLUMN feedback.reopen_count IS 'Số lần người gửi yêu cầu xem xét lại (tối đa 1) / Times reopened, at most once';

CREATE TABLE feedback_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feedback_id uuid NOT NULL REFERENCES feedback (id),
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text,
  on_time boolean
);
CREATE INDEX feedback_event_item_idx ON feedback_event (feedback_id, id);
COMMENT ON TABLE feedback_event IS 'Lịch sử xử lý phản ánh, chỉ ghi thêm / Append-only handling history of an item';
COMMENT ON COLUMN feedback_event.on_time IS 'Bước có trong hạn không (nếu có hạn) / Whether the step met its deadline';

CREATE TABLE feedback_file (
  feedback_id uuid NOT NULL REFERENCES feedback (id),
  sha256 text NOT NULL REFERENCES stored_file (sha256),
  file_name text NOT NULL,
  PRIMARY KEY (feedback_id, sha256)
);
COMMENT ON TABLE feedback_file IS 'Tệp đính kèm phản ánh (kiểm tra theo nội dung) / Attachments of an item, checked by content';

CREATE TABLE feedback_clock_setting (
  unit_id uuid PRIMARY KEY REFERENCES unit (id),
  refuse_days numeric NOT NULL CHECK (refuse_days > 0),
  info_days numeric NOT NULL CHECK (info_days > 0),
  transfer_days numeric NOT NULL CHECK (transfer_days > 0),
  answer_days numeric NOT NULL CHECK (answer_days > 0),
  publish_days numeric NOT NULL CHECK (publish_days > 0),
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE feedback_clock_setting IS 'Thời hạn xử lý PAKN theo tỉnh (ngày làm việc), ví dụ Ninh Bình trả lời trong 10 ngày / Clock lengths per province';

CREATE TABLE open311_client (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  unit_id uuid NOT NULL REFERENCES unit (id),
  unit_path text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES staff_user (id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
COMMENT ON TABLE open311_client IS 'Ứng dụng bên thứ ba gửi phản ánh qua Open311 GeoReport v2 (khóa API lưu băm SHA-256) / Open311 posting clients';
ALTER TABLE feedback ADD CONSTRAINT feedback_open311_client_fk FOREIGN KEY (open311_client_id) REFERENCES open311_client (id);

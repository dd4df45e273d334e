-- Dossiers (hồ sơ): applicants, the dossier read index, its append-only action log, its steps and the daily code counter.
CREATE TABLE applicant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('citizen', 'organisation')),
  id_number text NOT NULL,
  full_name text NOT NULL,
  birth_date date,
  address text,
  address_unit_id uuid REFERENCES unit (id),
  phone text,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, id_number)
);
COMMENT ON TABLE applicant IS 'Người nộp hồ sơ: công dân (CCCD) hoặc tổ chức (mã số thuế) / Applicants';
COMMENT ON COLUMN applicant.id_number IS 'Số CCCD (12 chữ số) hoặc mã số thuế / Citizen id or tax code';

-- One row per receiving unit and day; the sequence is taken with an atomic upsert, safe with many instances.
CREATE TABLE dossier_code_counter (
  unit_id uuid NOT NULL REFERENCES unit (id),
  day date NOT NULL,
  last_seq int NOT NULL,
  PRIMARY KEY (unit_id, day)
);
COMMENT ON TABLE dossier_code_counter IS 'Số thứ tự hồ sơ trong ngày theo đơn vị tiếp nhận / Daily dossier sequence per receiving unit';

CREATE TABLE dossier (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text UNIQUE,
  idempotency_key text UNIQUE,
  procedure_id uuid NOT NULL REFERENCES procedure (id),
  procedure_version_id uuid NOT NULL REFERENCES procedure_version (id),
  procedure_name text NOT NULL,
  rule_set text NOT NULL,
  receiving_unit_id uuid NOT NULL REFERENCES unit (id),
  receiving_path text NOT NULL,
  resolving_unit_id uuid NOT NULL REFERENCES unit (id),
  resolving_path text NOT NULL,
  applicant_id uuid NOT NULL REFERENCES applicant (id),
  applicant jsonb NOT NULL,
  channel text NOT NULL CHECK (channel IN ('desk', 'online', 'postal')),
  status text NOT NULL,
  national_status int NOT NULL,
  step_index int NOT NULL DEFAULT 0,
  step_count int NOT NULL,
  assignee_id uuid REFERENCES staff_user (id),
  submitted_at timestamptz NOT NULL,
  received_at timestamptz,
  counting_from timestamptz,
  due_at timestamptz,
  original_due_at timestamptz,
  finished_at timestamptz,
  returned_at timestamptz,
  finish_class text CHECK (finish_class IN ('early', 'on_time', 'late')),
  result_delivery text NOT NULL CHECK (result_delivery IN ('desk', 'post', 'online')),
  fee_vnd bigint NOT NULL DEFAULT 0,
  documents jsonb NOT NULL DEFAULT '[]',
  eform jsonb,
  supplement_count int NOT NULL DEFAULT 0,
  paused_at timestamptz,
  paused_minutes numeric NOT NULL DEFAULT 0,
  apology_count int NOT NULL DEFAULT 0,
  overdue_notified_at timestamptz,
  search_text text GENERATED ALWAYS AS (vn_fold(coalesce(code, '') || ' ' || (applicant->>'fullName') || ' ' || (applicant->>'idNumber') || ' ' || coalesce(applicant->>'phone', ''))) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_resolving_idx ON dossier (resolving_path text_pattern_ops, status);
CREATE INDEX dossier_receiving_idx ON dossier (receiving_path text_pattern_ops, status);
CREATE INDEX dossier_due_idx ON dossier (due_at) WHERE status IN ('received', 'processing');
CREATE INDEX dossier_search_trgm_idx ON dossier USING gin (search_text gin_trgm_ops);
CREATE INDEX dossier_assignee_idx ON dossier (assignee_id) WHERE assignee_id IS NOT NULL;
COMMENT ON TABLE dossier IS 'Hồ sơ TTHC — chỉ mục đọc, cập nhật cùng giao dịch với nhật ký thao tác / Dossier read index, written with its actions';
COMMENT ON COLUMN dossier.rule_set IS 'Bộ quy định áp dụng khi tiếp nhận (nd61-2018 / nd118-2025) / Rule-set in force at receipt';
COMMENT ON COLUMN dossier.procedure_version_id IS 'Phiên bản thủ tục khi tiếp nhận, giữ suốt vòng đời / Procedure version kept for life';
COMMENT ON COLUMN dossier.receiving_unit_id IS 'Đơn vị tiếp nhận / Receiving unit (any centre of the province since 2025)';
COMMENT ON COLUMN dossier.resolving_unit_id IS 'Đơn vị giải quyết có thẩm quyền / Competent resolving unit';
COMMENT ON COLUMN dossier.counting_from IS 'Thời điểm bắt đầu tính hạn (sau 15 giờ: ngày làm việc tiếp theo) / Start of the legal time';
COMMENT ON COLUMN dossier.original_due_at IS 'Hạn ban đầu trước khi hẹn lại / Due time before the re-appointment';
COMMENT ON COLUMN dossier.paused_minutes IS 'Số phút làm việc chờ bổ sung, loại trừ khi tính đúng hạn / Working minutes waiting for supplementation';
COMMENT ON COLUMN dossier.finish_class IS 'trước hạn / đúng hạn / quá hạn';

CREATE TABLE dossier_step (
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  step_index int NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  unit_id uuid NOT NULL REFERENCES unit (id),
  working_days numeric NOT NULL,
  due_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  finish_class text CHECK (finish_class IN ('early', 'on_time', 'late')),
  assignee_id uuid REFERENCES staff_user (id),
  PRIMARY KEY (dossier_id, step_index)
);
COMMENT ON TABLE dossier_step IS 'Các bước quy trình nội bộ của hồ sơ và hạn từng bước / Internal steps with their own due times';

CREATE TABLE dossier_action (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  step_index int,
  note text,
  data jsonb
);
CREATE INDEX dossier_action_dossier_idx ON dossier_action (dossier_id, id);
COMMENT ON TABLE dossier_action IS 'Nhật ký thao tác trên hồ sơ — nguồn sự thật, chỉ ghi thêm / Append-only action log, the source of truth';
CREATE TRIGGER dossier_action_no_update BEFORE UPDATE OR DELETE ON dossier_action
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Foundation: extensions, audit log, units, staff and sessions, working calendar, files, procedure catalogue.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE; an IMMUTABLE wrapper lets indexes use it. 'đ' is folded too.
CREATE OR REPLACE FUNCTION vn_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(t, 'đ', 'd'), 'Đ', 'D'))) $$;
COMMENT ON FUNCTION vn_fold(text) IS 'Bỏ dấu tiếng Việt và chữ hoa để tìm kiếm / Folds Vietnamese accents and case for search';

-- Audit log: append-only, written in the same transaction as each change.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_name text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  ip text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_at_idx ON audit_log (at);
COMMENT ON TABLE audit_log IS 'Nhật ký thao tác, chỉ ghi thêm / Audit trail, append-only (no UPDATE or DELETE)';
COMMENT ON COLUMN audit_log.before IS 'Giá trị trước thay đổi / Value before the change';
COMMENT ON COLUMN audit_log.after IS 'Giá trị sau thay đổi / Value after the change';

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Units (đơn vị): a tree of any depth with history. A merged or renamed unit is closed (valid_to) and
-- succeeded by new units; old dossiers stay attached to the unit as it was.
CREATE TABLE unit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('province', 'department', 'district', 'commune', 'office', 'desk')),
  parent_id uuid REFERENCES unit (id),
  path text NOT NULL,
  depth int NOT NULL,
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (code ~ '^[0-9A-Z.]{1,35}$'),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX unit_code_key ON unit (code);
CREATE INDEX unit_path_idx ON unit (path text_pattern_ops);
CREATE INDEX unit_parent_idx ON unit (parent_id);
COMMENT ON TABLE unit IS 'Đơn vị hành chính và cơ quan (tỉnh, sở, huyện, xã, phòng, bộ phận một cửa) / Units of government';
COMMENT ON COLUMN unit.code IS 'Mã định danh điện tử (QCVN 102:2016, QĐ 20/2020/QĐ-TTg) / Official identifier code';
COMMENT ON COLUMN unit.path IS 'Đường dẫn id từ gốc, dạng /id/id/ — lọc phạm vi quyền bằng tiền tố / Materialised path for scope filtering';
COMMENT ON COLUMN unit.valid_to IS 'Ngày cuối còn hiệu lực (sáp nhập, đổi tên) / Last day the unit existed';

CREATE TABLE unit_succession (
  predecessor_id uuid NOT NULL REFERENCES unit (id),
  successor_id uuid NOT NULL REFERENCES unit (id),
  effective_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('merge', 'rename', 'split', 'transfer')),
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
COMMENT ON TABLE unit_succession IS 'Lịch sử sáp nhập, đổi tên đơn vị / Which units replaced which';

-- Staff accounts and roles scoped to a unit and its descendants.
CREATE TABLE staff_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  full_name text NOT NULL,
  email text,
  phone text,
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  home_unit_id uuid NOT NULL REFERENCES unit (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_user_username_key ON staff_user (username);
CREATE INDEX staff_user_unit_idx ON staff_user (home_unit_id);
COMMENT ON TABLE staff_user IS 'Tài khoản cán bộ, công chức / Staff accounts';
COMMENT ON COLUMN staff_user.password_hash IS 'Mật khẩu băm argon2id / argon2id hash';
COMMENT ON COLUMN staff_user.locked_until IS 'Khóa đăng nhập tạm thời sau nhiều lần sai / Temporary lockout after failed sign-ins';

CREATE TABLE role_assignment (
  user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'desk_officer', 'specialist', 'head', 'leader', 'postal', 'inspector')),
  unit_id uuid NOT NULL REFERENCES unit (id),
  PRIMARY KEY (user_id, role, unit_id)
);
COMMENT ON TABLE role_assignment IS 'Vai trò của cán bộ trong phạm vi một đơn vị và các đơn vị trực thuộc / Role scoped to a unit subtree';

CREATE TABLE staff_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX staff_session_expires_idx ON staff_session (expires_at);
COMMENT ON TABLE staff_session IS 'Phiên đăng nhập (lưu băm SHA-256 của mã phiên) / Sessions, stored as token hashes';

-- Sign-in throttling per client address, shared by every instance.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  attempts int NOT NULL
);
COMMENT ON TABLE login_throttle IS 'Giới hạn tần suất đăng nhập theo địa chỉ / Sign-in rate limit window';

-- Working calendar adjustments (điều chỉnh lịch làm việc): extra days off, swapped days, make-up Saturdays,
-- and extra sessions of a unit (out-of-hours intake). unit_id NULL = applies everywhere.
CREATE TABLE calendar_adjustment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  day date NOT NULL,
  unit_id uuid REFERENCES unit (id),
  kind text NOT NULL CHECK (kind IN ('day_off', 'working_day', 'extra_session')),
  name text NOT NULL,
  sessions jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX calendar_adjustment_day_key ON calendar_adjustment (day, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), kind);
COMMENT ON TABLE calendar_adjustment IS 'Điều chỉnh ngày làm việc hằng năm / Yearly official calendar adjustments';

-- Files, stored content-addressed on disk; this table holds their metadata.
CREATE TABLE stored_file (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE stored_file IS 'Tệp lưu theo nội dung (SHA-256) / Content-addressed files';

-- Procedure catalogue (thủ tục hành chính). Each publishing decision (quyết định công bố) makes a version.
CREATE TABLE procedure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_unit_id uuid NOT NULL REFERENCES unit (id),
  code text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'abolished')),
  name text NOT NULL,
  field text NOT NULL,
  level text NOT NULL,
  agency text NOT NULL,
  online_level text NOT NULL,
  current_version_id uuid,
  abolished_on date,
  abolish_decision text,
  search_text text GENERATED ALWAYS AS (vn_fold(code || ' ' || name || ' ' || field || ' ' || agency)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX procedure_owner_code_key ON procedure (owner_unit_id, code);
CREATE INDEX procedure_search_trgm_idx ON procedure USING gin (search_text gin_trgm_ops);
CREATE INDEX procedure_status_idx ON procedure (status, field, level);
COMMENT ON TABLE procedure IS 'Thủ tục hành chính / Administrative procedure (catalogue entry; content lives in versions)';
COMMENT ON COLUMN procedure.status IS 'draft = dự thảo, published = đã niêm yết, abolished = đã bãi bỏ';
COMMENT ON COLUMN procedure.current_version_id IS 'Phiên bản đang áp dụng (đã công bố) hoặc bản dự thảo đầu tiên / Version in force, or the first draft';
COMMENT ON COLUMN procedure.search_text IS 'Văn bản không dấu để tìm kiếm / Accent-folded text for search';

CREATE TABLE procedure_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL REFERENCES procedure (id),
  version_no int NOT NULL,
  state text NOT NULL CHECK (state IN ('draft', 'published', 'superseded')),
  content jsonb NOT NULL,
  decision_no text,
  decision_date date,
  effective_from date,
  effective_to date,
  created_by uuid REFERENCES staff_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  UNIQUE (procedure_id, version_no)
);
CREATE UNIQUE INDEX procedure_version_one_draft ON procedure_version (procedure_id) WHERE state = 'draft';
COMMENT ON TABLE procedure_version IS 'Phiên bản thủ tục theo quyết định công bố; hồ sơ giữ phiên bản khi tiếp nhận / Procedure version per publishing decision';
COMMENT ON COLUMN procedure_version.decision_no IS 'Số quyết định công bố / Number of the publishing decision';
ALTER TABLE procedure ADD CONSTRAINT procedure_current_version_fk FOREIGN KEY (current_version_id) REFERENCES procedure_version (id);

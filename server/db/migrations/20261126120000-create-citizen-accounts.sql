-- Citizens of the portal (công dân): accounts separate from staff, their sessions, the OIDC sign-in state, their drafts
-- and their document store (Kho quản lý dữ liệu điện tử của tổ chức, cá nhân — Nghị định 45/2020/NĐ-CP Điều 16).
CREATE TABLE citizen_account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_number text UNIQUE,
  oidc_subject text UNIQUE,
  email text UNIQUE,
  phone text UNIQUE,
  password_hash text,
  full_name text NOT NULL,
  birth_date date,
  gender text CHECK (gender IN ('male', 'female')),
  address text,
  address_unit_id uuid REFERENCES unit (id),
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (oidc_subject IS NOT NULL OR (password_hash IS NOT NULL AND (email IS NOT NULL OR phone IS NOT NULL)))
);
COMMENT ON TABLE citizen_account IS 'Tài khoản công dân trên cổng dịch vụ công (định danh điện tử hoặc e-mail/điện thoại) / Citizen portal accounts';
COMMENT ON COLUMN citizen_account.id_number IS 'Số CCCD / số định danh cá nhân, duy nhất / Personal identification number, unique';
COMMENT ON COLUMN citizen_account.oidc_subject IS 'Mã định danh (sub) do nhà cung cấp định danh (VNeID) cấp / OIDC subject of the identity provider';
COMMENT ON COLUMN citizen_account.email IS 'E-mail đăng nhập (chữ thường) / Sign-in e-mail, lower case';
COMMENT ON COLUMN citizen_account.phone IS 'Số điện thoại đăng nhập, dạng quốc gia 0xxxxxxxxx / Sign-in phone, national form';
COMMENT ON COLUMN citizen_account.password_hash IS 'Băm argon2id của mật khẩu (không có khi chỉ đăng nhập VNeID) / argon2id password hash';
COMMENT ON COLUMN citizen_account.full_name IS 'Họ, chữ đệm và tên / Full name';
COMMENT ON COLUMN citizen_account.birth_date IS 'Ngày sinh / Date of birth';
COMMENT ON COLUMN citizen_account.gender IS 'Giới tính (male = nam, female = nữ) / Gender';
COMMENT ON COLUMN citizen_account.address IS 'Địa chỉ thường trú (số nhà, đường) / Address line';
COMMENT ON COLUMN citizen_account.address_unit_id IS 'Đơn vị hành chính nơi cư trú (xã, phường) / Administrative unit of residence';
COMMENT ON COLUMN citizen_account.failed_logins IS 'Số lần đăng nhập sai liên tiếp / Consecutive failed sign-ins';
COMMENT ON COLUMN citizen_account.locked_until IS 'Tạm khóa đăng nhập đến / Sign-in locked until';
COMMENT ON COLUMN citizen_account.created_at IS 'Thời điểm tạo / Created at';
COMMENT ON COLUMN citizen_account.updated_at IS 'Thời điểm cập nhật / Updated at';

CREATE TABLE citizen_session (
  token_hash text PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  via text NOT NULL CHECK (via IN ('oidc', 'password')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX citizen_session_expires_idx ON citizen_session (expires_at);
COMMENT ON TABLE citizen_session IS 'Phiên đăng nhập của công dân (lưu băm SHA-256 của mã phiên) / Citizen sessions, stored as token hashes';
COMMENT ON COLUMN citizen_session.token_hash IS 'SHA-256 của mã phiên trong cookie mc_citizen / SHA-256 of the session token';
COMMENT ON COLUMN citizen_session.csrf_token IS 'Mã chống giả mạo yêu cầu, gửi lại trong x-csrf-token / CSRF token';
COMMENT ON COLUMN citizen_session.via IS 'Cách đăng nhập: oidc (VNeID) hoặc password / How the citizen signed in';
COMMENT ON COLUMN citizen_session.expires_at IS 'Hết hạn / Expires at';
COMMENT ON COLUMN citizen_session.created_at IS 'Thời điểm tạo / Created at';
COMMENT ON COLUMN citizen_session.ip IS 'Địa chỉ máy khách / Client address';
COMMENT ON COLUMN citizen_session.user_agent IS 'Trình duyệt / User agent';
COMMENT ON COLUMN citizen_session.citizen_id IS 'Tài khoản công dân / Citizen account';

-- One row per started OIDC sign-in: the state, the PKCE verifier and the nonce, kept server-side so any instance can
-- finish the flow.
CREATE TABLE citizen_oidc_login (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL,
  expires_at timestamptz NOT NULL
);
COMMENT ON TABLE citizen_oidc_login IS 'Lượt đăng nhập VNeID đang dở (state, PKCE, nonce) / OIDC sign-ins in progress';
COMMENT ON COLUMN citizen_oidc_login.state IS 'Tham số state chống giả mạo / OAuth state';
COMMENT ON COLUMN citizen_oidc_login.code_verifier IS 'PKCE code_verifier';
COMMENT ON COLUMN citizen_oidc_login.nonce IS 'Nonce kiểm tra trong ID token / ID token nonce';
COMMENT ON COLUMN citizen_oidc_login.return_to IS 'Trang cổng quay lại sau đăng nhập / Portal path to return to';
COMMENT ON COLUMN citizen_oidc_login.expires_at IS 'Hết hạn / Expires at';

CREATE TABLE citizen_draft (
  citizen_id uuid NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
  procedure_id uuid NOT NULL REFERENCES procedure (id),
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (citizen_id, procedure_id)
);
COMMENT ON TABLE citizen_draft IS 'Hồ sơ trực tuyến đang soạn (lưu nháp), một bản cho mỗi thủ tục / Online dossier drafts, one per procedure';
COMMENT ON COLUMN citizen_draft.data IS 'Tờ khai điện tử, giấy tờ đã chọn, nơi giải quyết, cách nhận kết quả / Draft content';
COMMENT ON COLUMN citizen_draft.updated_at IS 'Lưu lần cuối / Last saved';
COMMENT ON COLUMN citizen_draft.citizen_id IS 'Tài khoản công dân / Citizen account';
COMMENT ON COLUMN citizen_draft.procedure_id IS 'Thủ tục / Procedure';

-- Kho dữ liệu điện tử của công dân: papers the citizen digitised and every result received, reusable in later dossiers.
CREATE TABLE citizen_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id uuid NOT NULL REFERENCES citizen_account (id) ON DELETE CASCADE,
  sha256 text NOT NULL REFERENCES stored_file (sha256),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('upload', 'result')),
  dossier_id uuid REFERENCES dossier (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (citizen_id, sha256)
);
COMMENT ON TABLE citizen_document IS 'Kho dữ liệu điện tử của công dân (ND 45/2020 Điều 16) / Citizen document store';
COMMENT ON COLUMN citizen_document.sha256 IS 'Tệp lưu theo nội dung / Stored file';
COMMENT ON COLUMN citizen_document.name IS 'Tên giấy tờ / Document name';
COMMENT ON COLUMN citizen_document.kind IS 'upload = công dân số hóa, result = kết quả giải quyết TTHC / Uploaded paper or result received';
COMMENT ON COLUMN citizen_document.dossier_id IS 'Hồ sơ đã trả kết quả này / Dossier the result came from';
COMMENT ON COLUMN citizen_document.added_at IS 'Thời điểm thêm vào kho / Added at';
COMMENT ON COLUMN citizen_document.citizen_id IS 'Tài khoản công dân / Citizen account';
COMMENT ON COLUMN citizen_document.id IS 'Mã giấy tờ trong kho / Store item id';

ALTER TABLE dossier ADD COLUMN citizen_id uuid REFERENCES citizen_account (id);
ALTER TABLE dossier ADD COLUMN assisted boolean NOT NULL DEFAULT false;
ALTER TABLE dossier ADD COLUMN supplemented_at timestamptz;
CREATE INDEX dossier_citizen_idx ON dossier (citizen_id, submitted_at DESC) WHERE citizen_id IS NOT NULL;
CREATE INDEX dossier_awaiting_idx ON dossier (receiving_path text_pattern_ops) WHERE status = 'awaiting_acceptance';
COMMENT ON COLUMN dossier.citizen_id IS 'Tài khoản công dân nộp hồ sơ trực tuyến (chủ hồ sơ trên cổng) / Citizen account owning an online dossier';
COMMENT ON COLUMN dossier.assisted IS 'Cán bộ nộp trực tuyến thay công dân, miễn phí (Công dân không viết) / Submitted online by an officer on the citizen''s behalf, free';
COMMENT ON COLUMN dossier.supplemented_at IS 'Công dân đã bổ sung trên cổng, chờ bộ phận một cửa nhận / Citizen answered the supplementation request online, waiting for the desk';

ALTER TABLE dossier_file ADD COLUMN added_by_citizen uuid REFERENCES citizen_account (id);
COMMENT ON COLUMN dossier_file.added_by_citizen IS 'Công dân tải lên (hồ sơ trực tuyến) / Uploaded by the citizen';

-- Every look at a dossier's personal data by staff leaves a trace the citizen can read (Nghị định 13/2023/NĐ-CP
-- Điều 9: the data subject's right to know how their data is processed; the Estonian "data tracker" practice).
CREATE TABLE dossier_access (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  at timestamptz NOT NULL,
  actor_id uuid NOT NULL REFERENCES staff_user (id),
  actor_name text NOT NULL,
  unit_name text,
  purpose text NOT NULL CHECK (purpose IN ('open', 'search', 'file', 'form')),
  detail text,
  ip text
);
CREATE INDEX dossier_access_dossier_idx ON dossier_access (dossier_id, at DESC);
COMMENT ON TABLE dossier_access IS 'Nhật ký cán bộ xem dữ liệu cá nhân của hồ sơ, công dân xem được; chỉ ghi thêm / Staff reads of a dossier''s personal data, shown to the citizen; append-only';
COMMENT ON COLUMN dossier_access.purpose IS 'open = mở hồ sơ, search = tìm theo CCCD/điện thoại, file = tải giấy tờ, form = in mẫu có thông tin cá nhân';
COMMENT ON COLUMN dossier_access.unit_name IS 'Đơn vị của cán bộ có phạm vi trên hồ sơ / The officer''s unit through which the dossier was reached';
COMMENT ON COLUMN dossier_access.detail IS 'Tên giấy tờ hoặc mẫu; không bao giờ chứa số CCCD, điện thoại / Document or form name; never the searched number';
CREATE TRIGGER dossier_access_no_update BEFORE UPDATE OR DELETE ON dossier_access
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON dossier_access FROM motcua_app;
GRANT SELECT, INSERT ON dossier_access TO motcua_app;

-- Scans attached to a dossier at intake or later (digitisation, ND 45/2020 Điều 10; TT 01/2023 Điều 8).
CREATE TABLE dossier_file (
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  sha256 text NOT NULL REFERENCES stored_file (sha256),
  document_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('component', 'result')),
  added_by uuid REFERENCES staff_user (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, sha256, kind)
);
COMMENT ON TABLE dossier_file IS 'Bản số hóa thành phần hồ sơ và kết quả / Digitised dossier components and results';
COMMENT ON COLUMN dossier_file.kind IS 'component = thành phần hồ sơ, result = kết quả giải quyết';

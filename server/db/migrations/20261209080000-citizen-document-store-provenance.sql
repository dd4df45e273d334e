-- A document taken from the citizen's national store (issue 16) keeps where it came from: who issued it, when, and the
-- dossier it resulted from. Without them the local copy read as an upload made at the time it was taken, and the
-- citizen lost what makes it a document of the state (ND 45/2020 Điều 16).
ALTER TABLE citizen_document ADD COLUMN store_issuer text, ADD COLUMN store_issued_at timestamptz, ADD COLUMN store_dossier_code text;
COMMENT ON COLUMN citizen_document.store_issuer IS 'Cơ quan cấp (tài liệu lấy từ Kho DVCQG) / Issuer, for a document taken from the national store';
COMMENT ON COLUMN citizen_document.store_issued_at IS 'Ngày cấp (tài liệu lấy từ Kho DVCQG) / Issue date, for a document taken from the national store';
COMMENT ON COLUMN citizen_document.store_dossier_code IS 'Mã hồ sơ (tài liệu lấy từ Kho DVCQG) / Dossier code, for a document taken from the national store';

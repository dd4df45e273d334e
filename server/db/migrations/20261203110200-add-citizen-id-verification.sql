-- A CCCD typed at registration is a claim, not a proof: it gives access to nothing until proven, by signing in
-- through the electronic identity (VNeID, Nghị định 69/2024/NĐ-CP) or by an officer checking the card at the desk.
-- Only proven numbers are unique; several unproven claims of one number may exist (registration must not reveal
-- whether a number already has an account).
ALTER TABLE citizen_account ADD COLUMN id_verified_at timestamptz;
ALTER TABLE citizen_account ADD COLUMN id_verified_via text CHECK (id_verified_via IN ('oidc', 'desk'));
ALTER TABLE citizen_account ADD COLUMN id_verified_by uuid REFERENCES staff_user (id);
ALTER TABLE citizen_account ADD COLUMN id_verified_unit_id uuid REFERENCES unit (id);
ALTER TABLE citizen_account ADD CONSTRAINT citizen_account_id_verified_check
  CHECK ((id_verified_at IS NULL) = (id_verified_via IS NULL) AND (id_verified_at IS NULL OR id_number IS NOT NULL)
         AND (id_verified_via IS DISTINCT FROM 'desk' OR (id_verified_by IS NOT NULL AND id_verified_unit_id IS NOT NULL)));
-- Numbers that came from the identity provider were proven by it.
UPDATE citizen_account SET id_verified_at = updated_at, id_verified_via = 'oidc' WHERE oidc_subject IS NOT NULL AND id_number IS NOT NULL;
ALTER TABLE citizen_account DROP CONSTRAINT citizen_account_id_number_key;
CREATE UNIQUE INDEX citizen_account_verified_id_number_key ON citizen_account (id_number) WHERE id_verified_at IS NOT NULL;
CREATE INDEX citizen_account_id_number_idx ON citizen_account (id_number);
COMMENT ON COLUMN citizen_account.id_number IS 'Số CCCD / số định danh cá nhân; chỉ có giá trị khi đã xác minh (id_verified_at) / Personal identification number, valid only once verified';
COMMENT ON COLUMN citizen_account.id_verified_at IS 'Thời điểm số CCCD được xác minh / When the CCCD was proven';
COMMENT ON COLUMN citizen_account.id_verified_via IS 'Cách xác minh: oidc (đăng nhập VNeID) hoặc desk (cán bộ đối chiếu thẻ tại bộ phận một cửa) / How it was proven';
COMMENT ON COLUMN citizen_account.id_verified_by IS 'Cán bộ đối chiếu thẻ / Officer who checked the card';
COMMENT ON COLUMN citizen_account.id_verified_unit_id IS 'Bộ phận một cửa nơi đối chiếu / Desk unit where the card was checked';

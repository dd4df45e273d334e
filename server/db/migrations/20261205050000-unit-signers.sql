-- The signatory screen (issue 15): a unit's letters are signed by its head, or by a deputy authorised for a period
-- ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", Nghị định 30/2020/NĐ-CP Phụ lục I). Each person who may sign is one row with the
-- days they may sign (from, to); the apology letter takes the signer valid on the day it is issued (an authorised
-- deputy over the head). The single row per unit of 20261204500000 becomes one row valid from its last change.
CREATE TABLE unit_signer (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES unit (id),
  kind text NOT NULL CHECK (kind IN ('head', 'deputy')),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 120),
  head_title text NOT NULL CHECK (length(head_title) BETWEEN 2 AND 120),
  valid_from date NOT NULL,
  valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  updated_at timestamptz NOT NULL,
  updated_by uuid
);
CREATE INDEX unit_signer_unit ON unit_signer (unit_id, valid_from);
COMMENT ON TABLE unit_signer IS 'Người ký văn bản của đơn vị: thủ trưởng, cấp phó được ủy quyền ký thay, theo thời gian / Who signs for the unit, by period';
COMMENT ON COLUMN unit_signer.title IS 'Chức danh của người ký (Chủ tịch, Phó Chủ tịch) / Signer''s own title';
COMMENT ON COLUMN unit_signer.head_title IS 'Chức danh thủ trưởng, in sau "KT." khi cấp phó ký thay / Head''s title, after "KT." for a deputy';

INSERT INTO unit_signer (id, unit_id, kind, full_name, title, head_title, valid_from, valid_to, updated_at, updated_by)
SELECT gen_random_uuid(), s.unit_id, CASE WHEN s.deputy_title IS NULL THEN 'head' ELSE 'deputy' END, s.full_name,
       coalesce(s.deputy_title, s.head_title), s.head_title, (s.updated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, NULL, s.updated_at, s.updated_by
  FROM unit_signatory s;
DROP TABLE unit_signatory;

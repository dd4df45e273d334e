-- Inter-agency processing (liên thông, ND 61/2018 Điều 19 k6–7): the dossier is with another unit until it comes back.
ALTER TABLE dossier
  ADD COLUMN interagency_unit_id uuid REFERENCES unit (id),
  ADD COLUMN interagency_path text;
CREATE INDEX dossier_interagency_idx ON dossier (interagency_path text_pattern_ops) WHERE interagency_path IS NOT NULL;
COMMENT ON COLUMN dossier.interagency_unit_id IS 'Đơn vị phối hợp đang giữ hồ sơ liên thông / Unit holding the dossier for inter-agency processing';
DROP INDEX dossier_due_idx;
CREATE INDEX dossier_due_idx ON dossier (due_at) WHERE status IN ('received', 'processing', 'interagency');

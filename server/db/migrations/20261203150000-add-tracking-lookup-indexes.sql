-- Tracking look-ups as a citizen types them (dossiers/tracking-code.rules.ts): the dossier code compared on its letters
-- and digits only (with or without dots, dashes, spaces), and the submission reference NOP-XXXXX-XXXXX given at once
-- to an online dossier (the first ten hex digits of its random identifier), which has no code before the desk accepts it.
CREATE INDEX dossier_code_compact_idx ON dossier ((regexp_replace(code, '[^0-9A-Z]', '', 'g'))) WHERE code IS NOT NULL;
CREATE INDEX dossier_reference_idx ON dossier ((left(id::text, 11)));

COMMENT ON INDEX dossier_code_compact_idx IS 'Tra cứu mã hồ sơ không phân biệt dấu chấm, gạch, khoảng trắng / Code look-up on letters and digits only';
COMMENT ON INDEX dossier_reference_idx IS 'Tra cứu theo mã nộp NOP-XXXXX-XXXXX trước khi có mã hồ sơ / Look-up by submission reference';

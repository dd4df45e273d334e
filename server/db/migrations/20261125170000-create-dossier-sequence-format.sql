-- The day's sequence printed in a dossier code (XXXX of Thông tư 01/2018 Điều 19), formatted inside the intake
-- statement so the per-desk counter row is locked only while that one statement runs. lpad alone would cut a
-- too-long number; this refuses it instead, which rolls the whole intake back (and the counter with it).
CREATE FUNCTION dossier_code_seq(seq int, digits int, max_digits int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF seq IS NULL OR seq < 1 OR (max_digits IS NOT NULL AND length(seq::text) > max_digits) THEN
    RAISE EXCEPTION 'dossier sequence % does not fit in % digits', seq, max_digits USING ERRCODE = '22003';
  END IF;
  RETURN lpad(seq::text, greatest(digits, length(seq::text)), '0');
END $$;
COMMENT ON FUNCTION dossier_code_seq(int, int, int) IS 'Số thứ tự hồ sơ trong ngày, đủ số chữ số / Day sequence of a dossier code, zero-padded';

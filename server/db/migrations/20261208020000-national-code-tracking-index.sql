-- Public tracking by the code the national portal gave a dossier submitted there (MaHoSo), compared as our own code is
-- (dossiers/tracking-code.rules.ts: letters and digits only, any case): the citizen holds that code, not ours.
CREATE INDEX national_dossier_code_compact_idx ON national_dossier ((regexp_replace(upper(ma_ho_so), '[^0-9A-Z]', '', 'g')));

COMMENT ON INDEX national_dossier_code_compact_idx IS 'Tra cứu hồ sơ theo mã hồ sơ trên Cổng DVCQG / Tracking look-up by the national portal code';

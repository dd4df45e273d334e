-- The catalogue list reads only the procedure row: copy the listed facts of the current version onto it,
-- so a search never opens the (large) version content. Measured in BENCHMARKS.md.
ALTER TABLE procedure
  ADD COLUMN processing_time jsonb,
  ADD COLUMN fee_total_vnd bigint,
  ADD COLUMN postal_intake boolean,
  ADD COLUMN postal_return boolean;

UPDATE procedure p SET
  processing_time = v.content->'processingTime',
  fee_total_vnd = coalesce((SELECT sum((f->>'amountVnd')::bigint) FROM jsonb_array_elements(v.content->'fees') f), 0),
  postal_intake = (v.content->>'postalIntake')::boolean,
  postal_return = (v.content->>'postalReturn')::boolean
FROM procedure_version v WHERE v.id = p.current_version_id;

ALTER TABLE procedure
  ALTER COLUMN processing_time SET NOT NULL,
  ALTER COLUMN fee_total_vnd SET NOT NULL,
  ALTER COLUMN postal_intake SET NOT NULL,
  ALTER COLUMN postal_return SET NOT NULL;

CREATE INDEX procedure_listing_idx ON procedure (name, id);
COMMENT ON COLUMN procedure.processing_time IS 'Thời hạn giải quyết của phiên bản đang áp dụng / Processing time of the current version';
COMMENT ON COLUMN procedure.fee_total_vnd IS 'Tổng phí, lệ phí (đồng) / Total fees and charges in VND';

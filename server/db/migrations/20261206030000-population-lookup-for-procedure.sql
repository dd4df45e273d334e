-- A population look-up made from the portal's e-form says what it was for: the procedure whose form the citizen was
-- filling and the unit they were submitting to (the resolving unit), so the unit's look-up log and the citizen's data
-- tracker show it (Nghị định 13/2023/NĐ-CP Điều 11: purpose of processing). Desk look-ups keep their desk, no procedure.
ALTER TABLE population_lookup ADD COLUMN procedure_id uuid REFERENCES procedure (id);
ALTER TABLE population_consent ADD COLUMN procedure_id uuid REFERENCES procedure (id);
COMMENT ON COLUMN population_lookup.procedure_id IS 'Thủ tục có tờ khai điện tử cần điền (tra cứu từ cổng) / Procedure of the e-form being filled';
COMMENT ON COLUMN population_consent.procedure_id IS 'Thủ tục công dân đồng ý cho khai thác dữ liệu để làm (từ cổng) / Procedure the portal consent was given for';

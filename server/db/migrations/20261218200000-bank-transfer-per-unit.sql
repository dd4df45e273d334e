-- A bank's transaction reference is unique in that bank's books, not across the banks and accounts of a province: two
-- units importing their own statements could meet the same reference, and the second unit's transfer was skipped as
-- "already imported" — a citizen's payment never matched, with nothing to review. A reference is now taken once per
-- importing unit (its account's statement); a transfer truly imported by two units is settled once and shown to the
-- second as "already paid" for review, never paid twice (reconcile-statement.ts).
ALTER TABLE bank_transfer DROP CONSTRAINT bank_transfer_pkey;
ALTER TABLE bank_transfer ADD PRIMARY KEY (unit_id, bank_ref);
COMMENT ON COLUMN bank_transfer.bank_ref IS 'Mã giao dịch ngân hàng (khóa chống nhập trùng trong sao kê của đơn vị) / Bank reference, the idempotency key within the importing unit''s statements';

-- Every time the application writes comes from its injected clock (platform/clock.ts), never from the database's
-- now(): a test that moves the clock (or a replayed import) then sees the same instants the rules computed with.
-- The defaults are dropped so that an INSERT that forgets a time fails loudly instead of stamping the database's hour.
ALTER TABLE audit_log ALTER COLUMN at DROP DEFAULT;
ALTER TABLE unit ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE staff_user ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE staff_session ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE calendar_adjustment ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE stored_file ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE procedure ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE procedure_version ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE notification_outbox ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN next_attempt_at DROP DEFAULT;
ALTER TABLE applicant ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE dossier ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE dossier_file ALTER COLUMN added_at DROP DEFAULT;
ALTER TABLE report_target ALTER COLUMN set_at DROP DEFAULT;
ALTER TABLE postal_pickup ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE postal_shipment ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE postal_event ALTER COLUMN received_at DROP DEFAULT;
ALTER TABLE postal_charge ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE postal_sim_order ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE citizen_account ALTER COLUMN created_at DROP DEFAULT, ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE citizen_session ALTER COLUMN created_at DROP DEFAULT;
ALTER TABLE citizen_draft ALTER COLUMN updated_at DROP DEFAULT;
ALTER TABLE citizen_document ALTER COLUMN added_at DROP DEFAULT;

-- The refund note of a fee paid for a dossier the desk did not accept is dated by the dossier's own change.
CREATE OR REPLACE FUNCTION payment_refund_due_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO payment_event (payment_id, at, kind, from_status, to_status, data)
  SELECT p.id, coalesce(NEW.finished_at, NEW.updated_at), 'refund_due', 'paid', 'paid', jsonb_build_object('dossierStatus', NEW.status)
    FROM payment p WHERE p.dossier_id = NEW.id AND p.status = 'paid';
  RETURN NULL;
END $$;

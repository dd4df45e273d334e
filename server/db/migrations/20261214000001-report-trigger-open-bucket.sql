-- A dossier moving between two open statuses with the same due time (received → processing at its first forward,
-- processing ↔ interagency) changes no report counter, yet the trigger compared the status itself and ran
-- report_apply, which computed every grain's deltas only to write none (~1.5 ms of PostgreSQL per forward; issue 12).
-- report_apply's deltas depend on the row through the resolving unit and path, the procedure, report_dossier_contrib
-- (which reads no status) and report_open_bucket (which reads the status only to tell open from not open and a paused
-- supplement request): comparing report_open_bucket instead of the status is exact, and the property test of the
-- counters against an independent recount (reports.aggregates.test.ts) holds it to that.
CREATE OR REPLACE FUNCTION report_dossier_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  empty dossier;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM report_apply(empty, NEW);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM report_apply(OLD, empty);
  ELSIF (OLD.resolving_unit_id, OLD.resolving_path, OLD.procedure_id, OLD.channel, report_open_bucket(OLD), OLD.received_at, OLD.due_at, OLD.finished_at,
         OLD.finish_class, OLD.returned_at, OLD.result_delivery, OLD.supplement_count, OLD.fee_vnd)
        IS DISTINCT FROM
        (NEW.resolving_unit_id, NEW.resolving_path, NEW.procedure_id, NEW.channel, report_open_bucket(NEW), NEW.received_at, NEW.due_at, NEW.finished_at,
         NEW.finish_class, NEW.returned_at, NEW.result_delivery, NEW.supplement_count, NEW.fee_vnd) THEN
    PERFORM report_apply(OLD, NEW);
  END IF;
  RETURN NULL;
END $$;

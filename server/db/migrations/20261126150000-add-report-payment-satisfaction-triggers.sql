-- Reports count what other modules record, in the same transaction (report_bump): fees paid online (VNPay-protocol
-- gateway or VietQR transfer, not cash at the desk) and citizens' satisfaction ratings. A fee paid online counts once,
-- on the day the dossier was received (submitted, for an online dossier not yet accepted), like the other dossier
-- counters, so the online payment rate divides like with like (QĐ 766 chỉ số 3.3).
CREATE FUNCTION report_payment_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'paid' AND NEW.method IN ('vnpay', 'vietqr') AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'paid') THEN
    PERFORM report_bump(d.resolving_unit_id, d.procedure_id, coalesce(d.received_at, d.submitted_at), 'paid_online', 1)
       FROM dossier d WHERE d.id = NEW.dossier_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER payment_report_counters AFTER INSERT OR UPDATE OF status ON payment
  FOR EACH ROW EXECUTE FUNCTION report_payment_trigger();

-- A rating counts on the day it is given: the points of the nine indicators (TT 01/2018 Điều 13, 2/1/0 each), one
-- rating, and "satisfied" when the rating reaches at least half of the 18 points (no legal threshold is set; this
-- reads "hài lòng" as an average of at least "1 — đạt" per indicator).
CREATE FUNCTION report_rating_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total int := NEW.i1 + NEW.i2 + NEW.i3 + NEW.i4 + NEW.i5 + NEW.i6 + NEW.i7 + NEW.i8 + NEW.i9;
BEGIN
  PERFORM report_bump(NEW.resolving_unit_id, NEW.procedure_id, NEW.rated_at, 'satisfaction_sum', total);
  PERFORM report_bump(NEW.resolving_unit_id, NEW.procedure_id, NEW.rated_at, 'satisfaction_count', 1);
  IF total >= 9 THEN
    PERFORM report_bump(NEW.resolving_unit_id, NEW.procedure_id, NEW.rated_at, 'satisfied_count', 1);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER satisfaction_rating_report_counters AFTER INSERT ON satisfaction_rating
  FOR EACH ROW EXECUTE FUNCTION report_rating_trigger();

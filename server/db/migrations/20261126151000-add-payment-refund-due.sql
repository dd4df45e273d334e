-- A fee paid online at submission is owed back when the desk does not accept the dossier (incomplete or not
-- competent, ND 61/2018 Điều 17): the payment's append-only log says so, whichever module turned the dossier away.
CREATE FUNCTION payment_refund_due_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO payment_event (payment_id, at, kind, from_status, to_status, data)
  SELECT p.id, coalesce(NEW.finished_at, now()), 'refund_due', 'paid', 'paid', jsonb_build_object('dossierStatus', NEW.status)
    FROM payment p WHERE p.dossier_id = NEW.id AND p.status = 'paid';
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_payment_refund_due AFTER UPDATE OF status ON dossier
  FOR EACH ROW WHEN (NEW.status = 'not_accepted' AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION payment_refund_due_trigger();
COMMENT ON FUNCTION payment_refund_due_trigger() IS 'Ghi nhận phí đã nộp trực tuyến cần hoàn trả khi hồ sơ không được tiếp nhận / Marks a paid fee for refund when the dossier is not accepted';

-- The national payment platform (Nền tảng thanh toán trực tuyến trên Cổng DVCQG, "PayGov"; Nghị định 224/2026
-- Điều 15 k1đ: online payment on the payment platform) as a second online channel beside the VNPay-protocol gateway.
ALTER TABLE payment DROP CONSTRAINT payment_method_check;
ALTER TABLE payment ADD CONSTRAINT payment_method_check CHECK (method IN ('vnpay', 'vietqr', 'cash', 'paygov'));
COMMENT ON COLUMN payment.method IS 'vnpay (cổng thanh toán), paygov (nền tảng thanh toán quốc gia), vietqr (chuyển khoản), cash (tiền mặt tại bộ phận một cửa) / Payment method';

-- A fee paid through the national platform is paid online too (QĐ 766 chỉ số 3.3).
CREATE OR REPLACE FUNCTION report_payment_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'paid' AND NEW.method IN ('vnpay', 'vietqr', 'paygov') AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'paid') THEN
    PERFORM report_bump(d.resolving_unit_id, d.procedure_id, coalesce(d.received_at, d.submitted_at), 'paid_online', 1)
       FROM dossier d WHERE d.id = NEW.dossier_id;
  END IF;
  RETURN NULL;
END $$;

-- Payments (thanh toán phí, lệ phí): one row per payment attempt, its append-only event log, the receipt number series
-- per unit and year, and the bank statement lines imported for VietQR reconciliation. Amounts are whole VND (bigint).
CREATE TABLE payment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  reference text NOT NULL UNIQUE CHECK (reference ~ '^[A-Z0-9]{8,20}$'),
  method text NOT NULL CHECK (method IN ('vnpay', 'vietqr', 'cash')),
  amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
  status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  paid_at timestamptz,
  gateway_txn_no text,
  bank_ref text,
  payer_name text NOT NULL,
  recorded_by uuid REFERENCES staff_user (id),
  receipt_unit_id uuid REFERENCES unit (id),
  receipt_year int,
  receipt_seq int,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
  CHECK ((receipt_seq IS NULL) = (receipt_year IS NULL))
);
-- One paid payment per dossier fee, whatever the channel and however many instances settle at once.
CREATE UNIQUE INDEX payment_one_paid_idx ON payment (dossier_id) WHERE status = 'paid';
CREATE UNIQUE INDEX payment_receipt_idx ON payment (receipt_unit_id, receipt_year, receipt_seq) WHERE receipt_seq IS NOT NULL;
CREATE INDEX payment_dossier_idx ON payment (dossier_id, created_at);
CREATE INDEX payment_pending_idx ON payment (expires_at) WHERE status = 'pending';
COMMENT ON TABLE payment IS 'Khoản thanh toán phí, lệ phí của hồ sơ (VNPay, VietQR, tiền mặt) / A payment of a dossier fee';
COMMENT ON COLUMN payment.reference IS 'Mã thanh toán: vnp_TxnRef và nội dung chuyển khoản VietQR / Payment reference (gateway order id, transfer note)';
COMMENT ON COLUMN payment.method IS 'vnpay (cổng thanh toán), vietqr (chuyển khoản), cash (tiền mặt tại bộ phận một cửa) / Payment method';
COMMENT ON COLUMN payment.amount_vnd IS 'Số tiền (đồng), lấy từ phí của hồ sơ, không bao giờ từ người dùng / Amount in VND, from the dossier fee';
COMMENT ON COLUMN payment.status IS 'pending (chờ), paid (đã thanh toán), failed (không thành công), expired (hết hạn) / Status';
COMMENT ON COLUMN payment.dossier_id IS 'Hồ sơ được nộp phí / Dossier whose fee is paid';
COMMENT ON COLUMN payment.created_at IS 'Thời điểm bắt đầu thanh toán / When the payment was started';
COMMENT ON COLUMN payment.paid_at IS 'Thời điểm thanh toán thành công / When it was paid';
COMMENT ON COLUMN payment.expires_at IS 'Hết hạn chờ thanh toán / Pending payment expiry';
COMMENT ON COLUMN payment.gateway_txn_no IS 'Mã giao dịch tại cổng thanh toán (vnp_TransactionNo) / Gateway transaction number';
COMMENT ON COLUMN payment.bank_ref IS 'Mã giao dịch ngân hàng của khoản chuyển khoản đối soát / Bank reference of the matched transfer';
COMMENT ON COLUMN payment.payer_name IS 'Người nộp tiền / Payer';
COMMENT ON COLUMN payment.recorded_by IS 'Cán bộ thu tiền mặt / Officer who took the cash';
COMMENT ON COLUMN payment.receipt_unit_id IS 'Đơn vị phát hành biên lai (bộ phận tiếp nhận) / Unit issuing the receipt';
COMMENT ON COLUMN payment.receipt_year IS 'Năm của dãy số biên lai / Year of the receipt series';
COMMENT ON COLUMN payment.receipt_seq IS 'Số biên lai trong năm của đơn vị / Receipt number within the unit and year';

CREATE TABLE payment_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payment (id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  from_status text,
  to_status text,
  actor_id uuid,
  data jsonb
);
CREATE INDEX payment_event_payment_idx ON payment_event (payment_id, id);
COMMENT ON TABLE payment_event IS 'Nhật ký thay đổi của khoản thanh toán, chỉ ghi thêm / Append-only log of every payment state change';
COMMENT ON COLUMN payment_event.at IS 'Thời điểm / When';
COMMENT ON COLUMN payment_event.from_status IS 'Trạng thái trước / Status before';
COMMENT ON COLUMN payment_event.to_status IS 'Trạng thái sau / Status after';
COMMENT ON COLUMN payment_event.actor_id IS 'Cán bộ thực hiện (nếu có) / Officer, if any';
COMMENT ON COLUMN payment_event.kind IS 'created, paid, failed, expired, callback_rejected, duplicate… / What happened';
COMMENT ON COLUMN payment_event.data IS 'Chi tiết (tham số đã xác thực của cổng, dòng sao kê) / Details (verified gateway fields, statement line)';
CREATE TRIGGER payment_event_no_update BEFORE UPDATE OR DELETE ON payment_event
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- One row per issuing unit and year; the number is taken with an atomic upsert, safe with many instances.
CREATE TABLE receipt_counter (
  unit_id uuid NOT NULL REFERENCES unit (id),
  year int NOT NULL,
  last_seq int NOT NULL,
  PRIMARY KEY (unit_id, year)
);
COMMENT ON TABLE receipt_counter IS 'Dãy số biên lai thu phí, lệ phí theo đơn vị và năm / Receipt number series per unit and year';
COMMENT ON COLUMN receipt_counter.last_seq IS 'Số biên lai đã cấp gần nhất / Last receipt number issued';

CREATE TABLE bank_transfer (
  bank_ref text PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES unit (id),
  unit_path text NOT NULL,
  amount_vnd bigint NOT NULL CHECK (amount_vnd > 0),
  received_at timestamptz NOT NULL,
  description text NOT NULL,
  match_status text NOT NULL CHECK (match_status IN ('matched', 'unmatched', 'amount_mismatch', 'already_paid')),
  payment_id uuid REFERENCES payment (id),
  imported_at timestamptz NOT NULL,
  imported_by uuid REFERENCES staff_user (id)
);
CREATE INDEX bank_transfer_unit_idx ON bank_transfer (unit_path text_pattern_ops, match_status, received_at);
COMMENT ON TABLE bank_transfer IS 'Dòng sao kê chuyển khoản đến, dùng đối soát VietQR; mỗi mã giao dịch ngân hàng một lần / Incoming transfers, once per bank reference';
COMMENT ON COLUMN bank_transfer.bank_ref IS 'Mã giao dịch ngân hàng (khóa chống nhập trùng) / Bank reference, the idempotency key';
COMMENT ON COLUMN bank_transfer.unit_path IS 'Đơn vị nhập sao kê (đường dẫn cây) / Importing unit path, for scoping';
COMMENT ON COLUMN bank_transfer.amount_vnd IS 'Số tiền chuyển đến (đồng) / Amount received in VND';
COMMENT ON COLUMN bank_transfer.received_at IS 'Thời điểm ngân hàng ghi có / When the bank credited it';
COMMENT ON COLUMN bank_transfer.imported_at IS 'Thời điểm nhập sao kê / When it was imported';
COMMENT ON COLUMN bank_transfer.imported_by IS 'Cán bộ nhập sao kê / Officer who imported it';
COMMENT ON COLUMN bank_transfer.description IS 'Nội dung chuyển khoản / Transfer description';
COMMENT ON COLUMN bank_transfer.match_status IS 'matched (khớp), unmatched (không tìm thấy mã), amount_mismatch (sai số tiền), already_paid (hồ sơ đã nộp) / Result';
COMMENT ON COLUMN bank_transfer.payment_id IS 'Khoản thanh toán được khớp hoặc được nhắc tới / Payment matched or referred to';

-- Public postal service (bưu chính công ích, Quyết định 45/2016/QĐ-TTg): pickup orders (nhận hồ sơ tại nhà),
-- shipments of results (trả kết quả qua bưu chính), the operator's signed status events and the charges.

CREATE TABLE postal_pickup (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  confirmation_code text NOT NULL UNIQUE,
  procedure_id uuid NOT NULL REFERENCES procedure (id),
  procedure_name text NOT NULL,
  receiving_unit_id uuid NOT NULL REFERENCES unit (id),
  receiving_path text NOT NULL,
  applicant jsonb NOT NULL,
  pickup_address text NOT NULL,
  phone text NOT NULL,
  preferred_time text,
  requested_via text NOT NULL CHECK (requested_via IN ('portal', 'phone')),
  requested_by uuid REFERENCES staff_user (id),
  result_delivery text NOT NULL DEFAULT 'post' CHECK (result_delivery IN ('desk', 'post')),
  status text NOT NULL CHECK (status IN ('requested', 'picked_up', 'handed_over', 'cancelled')),
  due_at timestamptz,
  tracking_code text UNIQUE,
  documents jsonb NOT NULL DEFAULT '[]',
  fee_vnd bigint NOT NULL DEFAULT 0 CHECK (fee_vnd >= 0),
  fee_receipt_no text,
  postage_vnd bigint NOT NULL DEFAULT 0 CHECK (postage_vnd >= 0),
  picked_up_by uuid REFERENCES staff_user (id),
  picked_up_by_name text,
  picked_up_at timestamptz,
  citizen_signed_name text,
  handed_over_at timestamptz,
  desk_signed_by uuid REFERENCES staff_user (id),
  desk_signed_name text,
  postal_signed_name text,
  dossier_id uuid UNIQUE REFERENCES dossier (id),
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'handed_over' OR dossier_id IS NOT NULL)
);
CREATE INDEX postal_pickup_area_idx ON postal_pickup (receiving_path text_pattern_ops, status, created_at);
COMMENT ON TABLE postal_pickup IS 'Yêu cầu bưu điện đến nhận hồ sơ (QĐ 45/2016 Điều 6–7) / Pickup orders of the public postal service';
COMMENT ON COLUMN postal_pickup.confirmation_code IS 'Mã xác nhận đưa cho người dân / Confirmation code given to the citizen';
COMMENT ON COLUMN postal_pickup.receiving_path IS 'Đường dẫn đơn vị tiếp nhận — khu vực của nhân viên bưu điện / Receiving unit path (the postal area)';
COMMENT ON COLUMN postal_pickup.requested_via IS 'Người dân yêu cầu trên cổng hoặc gọi điện cho bộ phận một cửa / Portal or phone call to the desk';
COMMENT ON COLUMN postal_pickup.due_at IS 'Hạn đến lấy hồ sơ (TTHC trong ngày: trong ngày) / Pickup due time (same day for same-day procedures)';
COMMENT ON COLUMN postal_pickup.tracking_code IS 'Số hiệu bưu gửi do doanh nghiệp bưu chính cấp / Waybill number from the operator';
COMMENT ON COLUMN postal_pickup.fee_vnd IS 'Phí, lệ phí thu hộ (đồng), Điều 6 / Fees and charges collected for the agency';
COMMENT ON COLUMN postal_pickup.fee_receipt_no IS 'Số biên lai thu phí, lệ phí / Receipt number of the fees';
COMMENT ON COLUMN postal_pickup.postage_vnd IS 'Cước dịch vụ bưu chính do người dân trả (Điều 11) / Postage paid by the citizen';
COMMENT ON COLUMN postal_pickup.citizen_signed_name IS 'Người dân ký Phiếu gửi hồ sơ / Citizen who signed the dispatch slip';
COMMENT ON COLUMN postal_pickup.picked_up_at IS 'Thời điểm ký Phiếu gửi hồ sơ / Time the dispatch slip was signed';
COMMENT ON COLUMN postal_pickup.handed_over_at IS 'Thời điểm ký Biên bản giao nhận — hồ sơ được coi là đã nộp (Điều 7) / Hand-over: the dossier counts as submitted';
COMMENT ON COLUMN postal_pickup.desk_signed_name IS 'Cán bộ một cửa ký Biên bản giao nhận / Desk officer who signed the hand-over record';
COMMENT ON COLUMN postal_pickup.postal_signed_name IS 'Nhân viên bưu điện ký Biên bản giao nhận / Postal worker who signed the hand-over record';
COMMENT ON COLUMN postal_pickup.dossier_id IS 'Hồ sơ được tạo khi ký biên bản giao nhận / Dossier created at the hand-over';

CREATE TABLE postal_shipment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL UNIQUE REFERENCES dossier (id),
  receiving_path text NOT NULL,
  tracking_code text UNIQUE,
  status text NOT NULL CHECK (status IN ('created', 'handed_over', 'delivered', 'failed', 'returned')),
  recipient_name text NOT NULL,
  address text NOT NULL,
  phone text,
  due_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  originals text,
  handed_over_at timestamptz,
  handed_over_by_name text,
  delivered_at timestamptz,
  received_by text,
  failed_at timestamptz,
  fail_reason text,
  returned_at timestamptz,
  postage_vnd bigint NOT NULL DEFAULT 0 CHECK (postage_vnd >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX postal_shipment_area_idx ON postal_shipment (receiving_path text_pattern_ops, status, created_at);
COMMENT ON TABLE postal_shipment IS 'Bưu gửi trả kết quả, một bưu gửi cho mỗi hồ sơ (QĐ 45/2016 Điều 9–10) / Result shipment, one per dossier';
COMMENT ON COLUMN postal_shipment.dossier_id IS 'Hồ sơ — duy nhất, nên việc tạo bưu gửi lặp lại không sinh bản trùng / Dossier; unique so creation is idempotent';
COMMENT ON COLUMN postal_shipment.receiving_path IS 'Đường dẫn đơn vị tiếp nhận — khu vực của nhân viên bưu điện / Postal area';
COMMENT ON COLUMN postal_shipment.status IS 'created / handed_over (bưu điện đã nhận) / delivered / failed / returned (trả lại bộ phận một cửa)';
COMMENT ON COLUMN postal_shipment.due_at IS 'Hạn phát (TTHC trong ngày: trong ngày) / Delivery due time';
COMMENT ON COLUMN postal_shipment.attempts IS 'Số lần phát / Delivery attempts';
COMMENT ON COLUMN postal_shipment.originals IS 'Bản chính trả lại kèm kết quả / Originals returned with the result';
COMMENT ON COLUMN postal_shipment.received_by IS 'Người nhận ký nhận / Who signed for the delivery';
COMMENT ON COLUMN postal_shipment.postage_vnd IS 'Cước phát kết quả / Postage of the delivery';

-- Signed status events from the postal operator: the unique event id makes a replayed callback a no-op.
CREATE TABLE postal_event (
  event_id text PRIMARY KEY,
  tracking_code text NOT NULL,
  status text NOT NULL,
  occurred_at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE postal_event IS 'Sự kiện trạng thái do doanh nghiệp bưu chính gửi về (đã xác thực chữ ký) / Verified operator status callbacks';
COMMENT ON COLUMN postal_event.event_id IS 'Mã sự kiện của doanh nghiệp — xử lý đúng một lần / Operator event id, processed once';
COMMENT ON COLUMN postal_event.outcome IS 'Kết quả xử lý: applied / ignored / rejected / Processing outcome';

-- "Chi phí phát sinh do sai sót thì bên có lỗi chịu" (QĐ 45/2016 Điều 11–12).
CREATE TABLE postal_charge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shipment_id uuid REFERENCES postal_shipment (id),
  pickup_id uuid REFERENCES postal_pickup (id),
  kind text NOT NULL CHECK (kind IN ('redelivery', 'pickup_again', 'other')),
  amount_vnd bigint NOT NULL CHECK (amount_vnd >= 0),
  charged_to text NOT NULL CHECK (charged_to IN ('citizen', 'agency', 'postal')),
  reason text NOT NULL,
  created_by uuid REFERENCES staff_user (id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (shipment_id IS NOT NULL OR pickup_id IS NOT NULL)
);
COMMENT ON TABLE postal_charge IS 'Cước phát sinh (phát lại, lấy lại) và bên chịu do lỗi / Extra shipping and the party at fault';
COMMENT ON COLUMN postal_charge.charged_to IS 'Bên chịu: người dân / cơ quan / bưu chính / Party charged';
COMMENT ON COLUMN postal_charge.reason IS 'Lý do, sai sót của bên nào / Reason and whose error';

-- The local simulator of the operator (POSTAL_SIMULATOR): its own order book, as the operator would keep it.
CREATE TABLE postal_sim_order (
  tracking_code text PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('pickup', 'delivery')),
  status text NOT NULL,
  address text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE postal_sim_order IS 'Bộ mô phỏng doanh nghiệp bưu chính: đơn hàng đã nhận / Postal simulator: orders it holds';
COMMENT ON COLUMN postal_sim_order.reference IS 'Mã tham chiếu của hệ thống (đơn nhận / bưu gửi) — tạo lặp lại trả cùng số hiệu / Our reference; idempotent';

-- Where the result goes when the citizen chose delivery by post after intake (QĐ 45/2016 Điều 5: "nhận kết quả").
CREATE TABLE postal_delivery_address (
  dossier_id uuid PRIMARY KEY REFERENCES dossier (id),
  address text NOT NULL,
  phone text,
  requested_at timestamptz NOT NULL
);
COMMENT ON TABLE postal_delivery_address IS 'Địa chỉ nhận kết quả qua bưu chính do người dân đăng ký / Address for the result by post';
COMMENT ON COLUMN postal_delivery_address.requested_at IS 'Thời điểm đăng ký nhận kết quả qua bưu chính / When delivery by post was chosen';

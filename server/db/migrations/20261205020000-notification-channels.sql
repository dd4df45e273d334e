-- The citizen's channels (issue 13): Zalo (ZNS) beside e-mail and SMS, delivery receipts from the providers'
-- callbacks, a fallback channel when one fails for good, the citizen's choice of channels and the portal notices they
-- have read. Nghị định 224/2026/NĐ-CP Điều 15 k1g: the citizen is told of every status change at once.
ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_channel_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check CHECK (channel IN ('email', 'sms', 'zalo'));
ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_status_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check CHECK (status IN ('pending', 'sent', 'delivered', 'failed'));
ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_check CHECK (channel <> 'email' OR subject IS NOT NULL);
ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_check1;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_check1 CHECK ((status IN ('sent', 'delivered')) <= (sent_at IS NOT NULL));

ALTER TABLE notification_outbox
  ADD COLUMN template_data jsonb,
  ADD COLUMN fallback jsonb,
  ADD COLUMN fallback_of uuid UNIQUE REFERENCES notification_outbox (id),
  ADD COLUMN provider_message_id text,
  ADD COLUMN delivered_at timestamptz,
  ADD CONSTRAINT notification_outbox_delivered_check CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
  ADD CONSTRAINT notification_outbox_zalo_data_check CHECK (channel <> 'zalo' OR template_data IS NOT NULL);
CREATE UNIQUE INDEX notification_outbox_provider_idx ON notification_outbox (channel, provider_message_id) WHERE provider_message_id IS NOT NULL;

COMMENT ON COLUMN notification_outbox.channel IS 'Kênh gửi: email, sms hoặc zalo (ZNS) / Channel: email, sms or zalo (ZNS)';
COMMENT ON COLUMN notification_outbox.status IS 'pending: chờ gửi (queued); sent: nhà cung cấp đã nhận; delivered: đã đến người nhận (theo thông báo của nhà cung cấp); failed: bỏ sau số lần thử tối đa hoặc lỗi không thể gửi / queued, sent (accepted by the provider), delivered (receipt from the provider), failed';
COMMENT ON COLUMN notification_outbox.template_data IS 'Tham số mẫu tin ZNS (template_data) của tin Zalo / ZNS template parameters of a Zalo message';
COMMENT ON COLUMN notification_outbox.fallback IS 'Tin thay thế (kênh, người nhận, nội dung) ghi vào hộp thư đi khi tin này thất bại hẳn / The message to enqueue instead when this one fails for good';
COMMENT ON COLUMN notification_outbox.fallback_of IS 'Tin gốc mà tin này thay thế (mỗi tin gốc tối đa một tin thay thế) / The failed message this one replaces (at most one each)';
COMMENT ON COLUMN notification_outbox.provider_message_id IS 'Mã tin do nhà cung cấp trả về (msg_id của ZNS) / Message id returned by the provider (ZNS msg_id)';
COMMENT ON COLUMN notification_outbox.delivered_at IS 'Thời điểm đến người nhận theo thông báo của nhà cung cấp / Delivery time reported by the provider';

CREATE TABLE notification_receipt (
  id bigserial PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notification_outbox (id),
  provider text NOT NULL CHECK (provider IN ('zalo', 'sms', 'email')),
  event text NOT NULL CHECK (length(event) BETWEEN 1 AND 100),
  status text NOT NULL CHECK (status IN ('delivered', 'failed')),
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  UNIQUE (notification_id, event)
);
REVOKE UPDATE, DELETE, TRUNCATE ON notification_receipt FROM motcua_app;
COMMENT ON TABLE notification_receipt IS 'Thông báo trạng thái tin nhắn từ nhà cung cấp (đã kiểm tra chữ ký), chỉ ghi thêm; mỗi sự kiện một lần / Delivery receipts from providers (signature checked), append-only, one per event';
COMMENT ON COLUMN notification_receipt.notification_id IS 'Tin trong hộp thư đi / The outbox message';
COMMENT ON COLUMN notification_receipt.provider IS 'Nhà cung cấp gửi thông báo / Provider that sent the receipt';
COMMENT ON COLUMN notification_receipt.event IS 'Tên sự kiện của nhà cung cấp, ví dụ user_received_message / Provider event name';
COMMENT ON COLUMN notification_receipt.status IS 'Trạng thái tin theo sự kiện / Message status the event reports';
COMMENT ON COLUMN notification_receipt.occurred_at IS 'Thời điểm sự kiện theo nhà cung cấp / When the provider says it happened';
COMMENT ON COLUMN notification_receipt.received_at IS 'Thời điểm hệ thống nhận thông báo (đồng hồ của hệ thống) / When this system received it';
COMMENT ON COLUMN notification_receipt.payload IS 'Nội dung thông báo như nhà cung cấp gửi / The receipt as sent';

CREATE TABLE citizen_notification_preference (
  citizen_id uuid PRIMARY KEY REFERENCES citizen_account (id) ON DELETE CASCADE,
  email boolean NOT NULL,
  sms boolean NOT NULL,
  zalo boolean NOT NULL,
  notices_seen_at timestamptz,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE citizen_notification_preference IS 'Kênh công dân chọn nhận thông báo về hồ sơ (thông báo trên cổng luôn có) / Channels a citizen chose for dossier notices (the portal notice always)';
COMMENT ON COLUMN citizen_notification_preference.email IS 'Nhận qua e-mail / By e-mail';
COMMENT ON COLUMN citizen_notification_preference.sms IS 'Nhận qua SMS / By SMS';
COMMENT ON COLUMN citizen_notification_preference.zalo IS 'Nhận qua Zalo (ZNS, theo số điện thoại) / By Zalo (ZNS, by phone number)';
COMMENT ON COLUMN citizen_notification_preference.notices_seen_at IS 'Công dân đã xem thông báo trên cổng đến thời điểm này / Portal notices read up to this instant';
COMMENT ON COLUMN citizen_notification_preference.updated_at IS 'Lần đổi gần nhất / Last change';

-- The ZNS simulator (ZALO_SIMULATOR, demo and tests only): what the simulated Zalo received, once per tracking_id.
CREATE TABLE zalo_sim_message (
  msg_id text PRIMARY KEY,
  tracking_id text UNIQUE,
  phone text NOT NULL,
  template_id text NOT NULL,
  template_data jsonb NOT NULL,
  sent_at timestamptz NOT NULL,
  callback_at timestamptz
);
COMMENT ON TABLE zalo_sim_message IS 'Bộ mô phỏng ZNS: tin đã nhận (chỉ dùng thử) / ZNS simulator: messages received (demo only)';
COMMENT ON COLUMN zalo_sim_message.tracking_id IS 'tracking_id của bên gửi; gửi lại cùng mã không tạo tin mới / Sender tracking_id; a resend with the same id makes no new message';
COMMENT ON COLUMN zalo_sim_message.callback_at IS 'Đã gửi sự kiện user_received_message / When the receipt event was posted';
COMMENT ON COLUMN zalo_sim_message.msg_id IS 'msg_id bộ mô phỏng cấp / msg_id the simulator issued';
COMMENT ON COLUMN zalo_sim_message.phone IS 'Số điện thoại dạng 84… / Phone number as 84…';
COMMENT ON COLUMN zalo_sim_message.template_id IS 'Mã mẫu tin ZNS / ZNS template id';
COMMENT ON COLUMN zalo_sim_message.template_data IS 'Tham số mẫu tin / Template parameters';
COMMENT ON COLUMN zalo_sim_message.sent_at IS 'Thời điểm bộ mô phỏng nhận tin (đồng hồ của hệ thống) / When the simulator accepted it';
COMMENT ON COLUMN notification_receipt.id IS 'Số thứ tự thông báo trạng thái / Receipt number';
COMMENT ON COLUMN citizen_notification_preference.citizen_id IS 'Tài khoản công dân / Citizen account';

-- Notification outbox: messages to applicants are written in the same transaction as the change that causes them
-- and sent afterwards by the `notifications.dispatch` job, with retries. Nothing is lost when the mail server or the
-- SMS gateway is down, and nothing is sent for a change that rolled back.
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  subject text CHECK (subject IS NULL OR length(subject) <= 998),
  body text NOT NULL CHECK (length(body) > 0),
  template_key text NOT NULL CHECK (template_key ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
  dossier_id uuid,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CHECK (channel = 'sms' OR subject IS NOT NULL),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- The dispatcher reads only due pending rows, oldest first; sent and failed rows stay out of the index.
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_outbox_dossier_idx ON notification_outbox (dossier_id, created_at) WHERE dossier_id IS NOT NULL;

COMMENT ON TABLE notification_outbox IS 'Hộp thư đi: thông báo gửi người nộp hồ sơ (e-mail, SMS), ghi cùng giao dịch nghiệp vụ rồi gửi lại đến khi thành công / Outbox of notifications to applicants, written in the business transaction and sent with retries';
COMMENT ON COLUMN notification_outbox.id IS 'Mã thông báo, cũng dùng làm Message-ID của e-mail / Notification id, also the e-mail Message-ID';
COMMENT ON COLUMN notification_outbox.created_at IS 'Thời điểm ghi vào hộp thư đi / When the notification was enqueued';
COMMENT ON COLUMN notification_outbox.channel IS 'Kênh gửi: email hoặc sms / Channel: email or sms';
COMMENT ON COLUMN notification_outbox.recipient IS 'Địa chỉ e-mail, hoặc số di động dạng +84 / E-mail address, or mobile number in +84 form';
COMMENT ON COLUMN notification_outbox.subject IS 'Tiêu đề e-mail (không dùng cho SMS) / E-mail subject (none for SMS)';
COMMENT ON COLUMN notification_outbox.body IS 'Nội dung đã soạn sẵn; SMS viết không dấu / Rendered text; SMS is unaccented ASCII';
COMMENT ON COLUMN notification_outbox.template_key IS 'Mẫu thông báo đã dùng, ví dụ dossier.accepted / Template the text was rendered from';
COMMENT ON COLUMN notification_outbox.dossier_id IS 'Hồ sơ liên quan (nếu có); chưa ràng buộc khóa ngoại / Related dossier, if any; no foreign key yet';
COMMENT ON COLUMN notification_outbox.status IS 'pending: chờ gửi; sent: đã gửi; failed: bỏ sau số lần thử tối đa / pending, sent, or failed after the last attempt';
COMMENT ON COLUMN notification_outbox.attempts IS 'Số lần đã thử gửi (tăng khi nhận việc gửi) / Delivery attempts so far (counted when claimed)';
COMMENT ON COLUMN notification_outbox.last_error IS 'Lỗi của lần gửi gần nhất / Error of the last failed attempt';
COMMENT ON COLUMN notification_outbox.next_attempt_at IS 'Chưa gửi trước thời điểm này (giãn cách khi lỗi, giữ chỗ khi đang gửi) / Not sent before this instant (retry backoff, or lease while a dispatcher sends it)';
COMMENT ON COLUMN notification_outbox.sent_at IS 'Thời điểm gửi thành công / When it was delivered to the mail server or gateway';

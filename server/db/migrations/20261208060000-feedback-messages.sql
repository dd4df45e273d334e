-- The messages sent to a feedback sender (outbox rows), so that the item's history can show what was sent on which
-- channel and whether it failed; an e-mail that fails for good falls back to an SMS (notification_outbox.fallback_of),
-- and the history shows that SMS too. Issue 17.
CREATE TABLE feedback_message (
  feedback_id uuid NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  notification_id uuid NOT NULL REFERENCES notification_outbox (id) ON DELETE CASCADE,
  PRIMARY KEY (feedback_id, notification_id)
);
CREATE INDEX feedback_message_notification_idx ON feedback_message (notification_id);
COMMENT ON TABLE feedback_message IS 'Thông báo đã gửi người phản ánh (liên kết hộp thư đi) / Messages sent to the feedback sender (links to the outbox)';
COMMENT ON COLUMN feedback_message.feedback_id IS 'Phản ánh, kiến nghị / The feedback item';
COMMENT ON COLUMN feedback_message.notification_id IS 'Thông báo trong hộp thư đi / The outbox message';

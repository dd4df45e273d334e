-- Attachments of outgoing e-mails (the daily quick report goes out with its Excel and PDF files). Written in the same
-- transaction as the outbox row, read by the dispatcher when it sends the e-mail.
CREATE TABLE notification_attachment (
  notification_id uuid NOT NULL REFERENCES notification_outbox (id),
  position int NOT NULL CHECK (position >= 0),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  content bytea NOT NULL CHECK (length(content) <= 10485760),
  PRIMARY KEY (notification_id, position)
);
COMMENT ON TABLE notification_attachment IS 'Tệp đính kèm e-mail trong hộp thư đi / Attachments of outbox e-mails';
COMMENT ON COLUMN notification_attachment.position IS 'Thứ tự tệp trong thư / Order in the message';
COMMENT ON COLUMN notification_attachment.file_name IS 'Tên tệp hiển thị / File name shown to the recipient';
COMMENT ON COLUMN notification_attachment.media_type IS 'Kiểu nội dung (MIME) / Media type';
COMMENT ON COLUMN notification_attachment.content IS 'Nội dung tệp (tối đa 10 MB) / File content (at most 10 MB)';

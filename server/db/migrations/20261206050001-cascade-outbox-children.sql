-- Delivered outbox rows are pruned after OUTBOX_RETENTION_DAYS (modules/outbox-retention): what hangs off a pruned
-- row goes with it — an e-mail's attachments (the daily report's Excel and PDF: the bulk of the outbox), a message's
-- provider receipts, a webhook delivery's attempts. Referential actions run as the table owner, so the append-only
-- receipts stay closed to the application's own DELETE.

ALTER TABLE notification_attachment DROP CONSTRAINT notification_attachment_notification_id_fkey,
  ADD CONSTRAINT notification_attachment_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES notification_outbox (id) ON DELETE CASCADE;
ALTER TABLE notification_receipt DROP CONSTRAINT notification_receipt_notification_id_fkey,
  ADD CONSTRAINT notification_receipt_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES notification_outbox (id) ON DELETE CASCADE;
ALTER TABLE webhook_attempt DROP CONSTRAINT webhook_attempt_delivery_id_fkey,
  ADD CONSTRAINT webhook_attempt_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES webhook_delivery (id) ON DELETE CASCADE;

-- The pruning looks for old delivered rows; these keep it off the full tables.
CREATE INDEX notification_outbox_sent_idx ON notification_outbox (sent_at) WHERE status IN ('sent', 'delivered');
CREATE INDEX webhook_delivery_delivered_idx ON webhook_delivery (delivered_at) WHERE status = 'delivered';
CREATE INDEX webhook_delivery_replay_idx ON webhook_delivery (replay_of) WHERE replay_of IS NOT NULL;
CREATE INDEX national_sync_outbox_sent_idx ON national_sync_outbox (sent_at) WHERE status IN ('sent', 'skipped');
CREATE INDEX national_answer_outbox_sent_idx ON national_answer_outbox (sent_at) WHERE status = 'sent';

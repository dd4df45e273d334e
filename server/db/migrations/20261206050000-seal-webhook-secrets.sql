-- Webhook signing secrets are kept sealed (AES-256-GCM under WEBHOOK_SECRET_KEY, webhooks/webhook.seal.ts), never in
-- clear: a dump, a backup or a replica alone must not let anyone sign webhooks as this system.
--
-- The key lives in the application's configuration, not in the database, so the rows written before this migration
-- are sealed by the application when it starts (sealLegacySecrets, main.ts): it sets secret_sealed and clears secret.
-- Until then the dispatcher still reads the clear value, so no delivery waits for the restart.

ALTER TABLE webhook_subscription ADD COLUMN secret_sealed text;
ALTER TABLE webhook_subscription ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE webhook_subscription ADD CONSTRAINT webhook_subscription_secret_once CHECK (num_nonnulls(secret, secret_sealed) = 1);
COMMENT ON COLUMN webhook_subscription.secret IS
  'Khóa ký HMAC-SHA256 dạng rõ của đăng ký tạo trước khi mã hóa; ứng dụng mã hóa khi khởi động rồi xóa / Clear HMAC key of a subscription made before sealing; sealed and cleared by the application at start';
COMMENT ON COLUMN webhook_subscription.secret_sealed IS
  'Khóa ký HMAC-SHA256 đã mã hóa AES-256-GCM bằng WEBHOOK_SECRET_KEY (v1.iv.bản-mã.tag) / HMAC key sealed with AES-256-GCM under WEBHOOK_SECRET_KEY';

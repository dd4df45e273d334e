-- A key reused for another request was answered with the first dossier, as if the second had been recorded (the desk
-- believed a dossier received that was not). The fingerprint of what the first request asked for (SHA-256 of its
-- canonical JSON, platform/idempotency.ts) is kept beside its key, read by the intake's one context read and written by
-- its one INSERT: a retry under the key with another fingerprint is refused (422 DOSSIER.IDEMPOTENCY_KEY_REUSED),
-- nothing written. Rows written before have none (NULL): their retries are taken as the same request, as before.
-- Dossiers from the national portal keep none: their key is the portal's dossier code, not a client's retry token.
ALTER TABLE dossier ADD COLUMN request_fingerprint text;
COMMENT ON COLUMN dossier.request_fingerprint IS 'Dấu vân tay yêu cầu đã tạo hồ sơ theo mã chống gửi trùng (SHA-256 của JSON chuẩn hóa); NULL: hồ sơ ghi trước khi có, hoặc nhận từ Cổng DVCQG / Fingerprint of the request the idempotency key first recorded (SHA-256 of canonical JSON); NULL before fingerprints were kept, or from the national portal';

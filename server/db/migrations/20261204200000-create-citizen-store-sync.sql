-- The citizen's electronic data store on the national portal (Kho quản lý dữ liệu điện tử của tổ chức, cá nhân,
-- Nghị định 45/2020/NĐ-CP Điều 16, as amended by ND 118/2025 Điều 40 k8): each electronic result is pushed there,
-- keyed by the holder's CCCD, and a document taken from it into a new dossier is flagged (DuocLayTuKhoDMQG).

-- A document of the local store fetched from the national store keeps the national store's id.
ALTER TABLE citizen_document ADD COLUMN national_store_id text;
COMMENT ON COLUMN citizen_document.national_store_id IS 'Mã tài liệu trong Kho trên Cổng DVCQG nếu lấy từ kho / Id of the document in the national store when taken from it';

-- A component taken from the national store (DuocLayTuKhoDMQG = 1 in the national data set).
ALTER TABLE dossier_file ADD COLUMN national_store_id text;
COMMENT ON COLUMN dossier_file.national_store_id IS 'Thành phần lấy từ Kho dữ liệu trên Cổng DVCQG (DuocLayTuKhoDMQG): mã tài liệu trong kho / Component taken from the national store';

-- Outbox of results to push: written by a trigger in the transaction that records the result (the ledger's
-- approve, or a result attached after it), sent by the job citizen-store.push with retries.
CREATE TABLE citizen_store_push (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  sha256 text NOT NULL REFERENCES stored_file (sha256),
  document_name text NOT NULL,
  id_number text NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  sent_at timestamptz,
  national_store_id text,
  UNIQUE (dossier_id, sha256, document_name)
);
CREATE INDEX citizen_store_push_due_idx ON citizen_store_push (next_attempt_at) WHERE status = 'pending';
COMMENT ON TABLE citizen_store_push IS 'Kết quả điện tử chờ đẩy vào Kho dữ liệu của công dân trên Cổng DVCQG (hộp thư đi) / Results to push to the citizen''s national store (outbox)';
COMMENT ON COLUMN citizen_store_push.id_number IS 'Số CCCD của chủ hồ sơ: khóa của kho / Holder''s CCCD, the key of the store';
COMMENT ON COLUMN citizen_store_push.status IS 'pending (chờ gửi hoặc thử lại), sent (kho đã nhận), failed (hết số lần thử) / Delivery status';
COMMENT ON COLUMN citizen_store_push.attempts IS 'Số lần đã thử gửi / Attempts so far';
COMMENT ON COLUMN citizen_store_push.next_attempt_at IS 'Lần thử tiếp theo (hoặc hết hạn giữ chỗ khi đang gửi) / Next attempt, or the end of a claim';
COMMENT ON COLUMN citizen_store_push.national_store_id IS 'Mã tài liệu kho trả về / Id the store gave';

CREATE FUNCTION citizen_store_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO citizen_store_push (dossier_id, sha256, document_name, id_number, created_at, next_attempt_at)
  SELECT f.dossier_id, f.sha256, f.document_name, d.applicant ->> 'idNumber', NEW.at, NEW.at
    FROM dossier d JOIN dossier_file f ON f.dossier_id = d.id AND f.kind = 'result'
   WHERE d.id = NEW.dossier_id
     AND d.applicant ->> 'kind' = 'citizen' AND d.applicant ->> 'idNumber' ~ '^[0-9]{12}$'
     AND (NEW.action = 'approve' OR (NEW.data ->> 'kind' = 'result' AND f.sha256 = NEW.data ->> 'sha256' AND NEW.to_status IN ('result_ready', 'returned')))
  ON CONFLICT (dossier_id, sha256, document_name) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_action_citizen_store AFTER INSERT ON dossier_action
  FOR EACH ROW WHEN (NEW.action IN ('approve', 'attach_file')) EXECUTE FUNCTION citizen_store_enqueue();

-- The simulator's side (demo and tests only): what the national store keeps. Never used in production mode.
CREATE TABLE citizen_store_sim_document (
  store_id text PRIMARY KEY,
  id_number text NOT NULL,
  source_key text NOT NULL UNIQUE,
  name text NOT NULL,
  issuer text NOT NULL,
  dossier_code text,
  issued_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  content bytea NOT NULL
);
CREATE INDEX citizen_store_sim_document_holder_idx ON citizen_store_sim_document (id_number, received_at);
COMMENT ON TABLE citizen_store_sim_document IS 'Bộ mô phỏng Kho dữ liệu trên Cổng DVCQG (chỉ chạy thử) / The national store simulator''s documents (demo and tests)';

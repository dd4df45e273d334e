-- Tamper-evident, unit-scoped audit trail (issue 11).
-- Each entry carries its place in one chain (seq), the hash of its predecessor and its own hash, computed inside the
-- inserting transaction while the chain head is locked, so concurrent writers form one line. `npm run audit:verify`
-- recomputes the chain and names the first entry that does not match. Each entry also names the units it concerns,
-- so a reader sees only the entries inside their own scope.
ALTER TABLE audit_log
  ADD COLUMN unit_paths text[] NOT NULL DEFAULT '{}',
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text;
COMMENT ON COLUMN audit_log.unit_paths IS 'Đường dẫn các đơn vị liên quan (phạm vi được đọc) / Paths of the units the entry concerns (who may read it)';
COMMENT ON COLUMN audit_log.seq IS 'Thứ tự trong chuỗi băm, liên tục từ 1 / Position in the hash chain, gapless from 1';
COMMENT ON COLUMN audit_log.prev_hash IS 'Mã băm của bản ghi liền trước trong chuỗi / Hash of the previous entry';
COMMENT ON COLUMN audit_log.hash IS 'SHA-256 của nội dung bản ghi và mã băm liền trước / SHA-256 over the entry and its predecessor''s hash';
COMMENT ON COLUMN audit_log.ip IS 'Địa chỉ máy khách thực (request.ip) / The client''s real address';

-- The exact text that is hashed: a JSON array, whose text form PostgreSQL produces deterministically.
CREATE FUNCTION audit_log_payload(e audit_log) RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT jsonb_build_array(e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_id, e.actor_name,
                                 e.action, e.entity, e.entity_id, e.before, e.after, e.ip, e.unit_paths, e.prev_hash)::text $$;
COMMENT ON FUNCTION audit_log_payload(audit_log) IS 'Nội dung được băm của một bản ghi nhật ký / The hashed text of an audit entry';

-- The units an entry concerns, when the writer did not name them: derived from the entity it is about.
CREATE FUNCTION audit_units_of(p_entity text, p_id text) RETURNS text[]
  LANGUAGE plpgsql STABLE
  AS $$
BEGIN
  IF p_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    RETURN '{}';
  END IF;
  RETURN coalesce(CASE p_entity
    WHEN 'staff_user' THEN (SELECT array_agg(DISTINCT x.path) FROM (
        SELECT u.path FROM staff_user s JOIN unit u ON u.id = s.home_unit_id WHERE s.id = p_id::uuid
        UNION SELECT u.path FROM role_assignment r JOIN unit u ON u.id = r.unit_id WHERE r.user_id = p_id::uuid) x)
    WHEN 'unit' THEN (SELECT array[path] FROM unit WHERE id = p_id::uuid)
    WHEN 'dossier' THEN (SELECT CASE WHEN receiving_path = resolving_path THEN array[receiving_path] ELSE array[receiving_path, resolving_path] END
                           FROM dossier WHERE id = p_id::uuid)
    WHEN 'procedure' THEN (SELECT array[u.path] FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE p.id = p_id::uuid)
    WHEN 'calendar_adjustment' THEN (SELECT array[u.path] FROM calendar_adjustment a JOIN unit u ON u.id = a.unit_id WHERE a.id = p_id::uuid)
    WHEN 'satisfaction_kiosk' THEN (SELECT array[unit_path] FROM satisfaction_kiosk WHERE id = p_id::uuid)
  END, '{}');
END $$;

-- One row: the last link of the chain. Locking it serialises writers for the rest of their transaction.
CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq bigint NOT NULL,
  hash text
);
COMMENT ON TABLE audit_chain_head IS 'Mắt xích cuối của chuỗi băm nhật ký / The last link of the audit hash chain';

-- Entries written before this migration join the chain in id order.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$
DECLARE
  r audit_log;
  last_seq bigint := 0;
  last_hash text := NULL;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    r.unit_paths := audit_units_of(r.entity, r.entity_id);
    r.seq := last_seq + 1;
    r.prev_hash := last_hash;
    r.hash := encode(sha256(convert_to(audit_log_payload(r), 'UTF8')), 'hex');
    UPDATE audit_log SET unit_paths = r.unit_paths, seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
    last_seq := r.seq;
    last_hash := r.hash;
  END LOOP;
  INSERT INTO audit_chain_head (seq, hash) VALUES (last_seq, last_hash);
END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_seq_key ON audit_log (seq);

-- Runs as the owner (SECURITY DEFINER): the application role may append entries but never touch the chain head.
CREATE FUNCTION audit_log_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  head audit_chain_head;
BEGIN
  IF NEW.unit_paths IS NULL OR cardinality(NEW.unit_paths) = 0 THEN
    NEW.unit_paths := audit_units_of(NEW.entity, NEW.entity_id);
  END IF;
  SELECT * INTO head FROM audit_chain_head FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := encode(sha256(convert_to(audit_log_payload(NEW), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

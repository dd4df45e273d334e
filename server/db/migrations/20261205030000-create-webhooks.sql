-- Signed webhooks for other systems (issue 13): the dossier ledger's events, per subscribing unit.
--
-- A subscription belongs to a unit and receives the events of the dossiers in that unit's scope (the units a dossier
-- belongs to, with their ancestors: dossier_member_units, the same rule as dossier_scope), for the event types it chose.
-- A trigger on dossier_action writes one delivery per matching subscription in the ledger's own transaction: nothing
-- committed is missed, nothing rolled back is ever sent. The body is frozen at that moment (a replay sends the same).

CREATE TABLE webhook_subscription (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit (id),
  name text NOT NULL,
  url text NOT NULL,
  event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
  -- The HMAC key: shown once when the subscription is made, never returned again.
  secret text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES staff_user (id),
  created_at timestamptz NOT NULL,
  disabled_at timestamptz
);
CREATE INDEX webhook_subscription_unit_idx ON webhook_subscription (unit_id);
CREATE INDEX webhook_subscription_active_idx ON webhook_subscription USING gin (event_types) WHERE active;
COMMENT ON TABLE webhook_subscription IS 'Đăng ký nhận sự kiện hồ sơ (webhook) của một đơn vị / A unit''s webhook subscription to dossier events';
COMMENT ON COLUMN webhook_subscription.event_types IS 'Các loại sự kiện của sổ hồ sơ được gửi / Ledger event types sent';
COMMENT ON COLUMN webhook_subscription.secret IS 'Khóa ký HMAC-SHA256, chỉ hiện một lần khi tạo / HMAC-SHA256 key, shown once at creation';

CREATE TABLE webhook_delivery (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscription (id),
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  action_id bigint NOT NULL REFERENCES dossier_action (id),
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_until timestamptz,
  last_status int,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  -- A replay is a new delivery of the same entry (the log keeps both).
  replay_of bigint REFERENCES webhook_delivery (id)
);
-- The dispatcher's head-of-line per subscription and dossier (ledger order), and the console's log (newest first).
CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (subscription_id, dossier_id, id) WHERE status = 'pending';
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (subscription_id, id DESC);
CREATE INDEX webhook_delivery_created_idx ON webhook_delivery (subscription_id, created_at);
COMMENT ON TABLE webhook_delivery IS 'Hàng đợi và nhật ký gửi webhook, một dòng cho mỗi sự kiện và mỗi đăng ký / Webhook outbox and delivery log';

CREATE TABLE webhook_attempt (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES webhook_delivery (id),
  at timestamptz NOT NULL,
  status_code int,
  error text,
  duration_ms int NOT NULL
);
CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, id);
COMMENT ON TABLE webhook_attempt IS 'Từng lần gửi webhook: mã trả lời, lỗi, thời gian / Each delivery attempt: answer, error, duration';

CREATE FUNCTION webhook_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most entries match no subscription: one index probe, nothing else.
  IF NOT EXISTS (SELECT 1 FROM webhook_subscription s WHERE s.active AND s.event_types @> ARRAY[NEW.action]) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_delivery (subscription_id, dossier_id, action_id, event_type, payload, created_at, next_attempt_at)
  SELECT s.id, NEW.dossier_id, NEW.id, NEW.action,
         jsonb_build_object(
           'event', NEW.action,
           'entryId', NEW.id::text,
           'at', to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'actor', NEW.actor_name,
           'subscriptionUnitId', s.unit_id,
           'dossier', jsonb_build_object(
             'id', d.id, 'code', d.code, 'procedureName', d.procedure_name, 'status', NEW.to_status, 'previousStatus', NEW.from_status,
             'stepIndex', NEW.step_index, 'receivingUnitId', d.receiving_unit_id, 'resolvingUnitId', d.resolving_unit_id,
             'dueAt', to_char(d.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
         NEW.at, NEW.at
    FROM dossier d, webhook_subscription s
   WHERE d.id = NEW.dossier_id AND s.active AND s.event_types @> ARRAY[NEW.action]
     AND s.unit_id = ANY (dossier_member_units(d));
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_action_webhooks AFTER INSERT ON dossier_action FOR EACH ROW EXECUTE FUNCTION webhook_enqueue();

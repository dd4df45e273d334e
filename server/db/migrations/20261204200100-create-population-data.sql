-- Prefill from the national population database (CSDL quốc gia về dân cư) through the data-sharing platform
-- (NDXP / LGSP): "only once" (Nghị định 224/2026 Điều 15 k1d; TT 32/2017 Điều 4). Personal data are read only with the
-- data subject's consent (Nghị định 13/2023/NĐ-CP Điều 11), and every look-up is logged: who, when, which CCCD, why.

CREATE TABLE population_consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_number text NOT NULL CHECK (id_number ~ '^[0-9]{12}$'),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 3 AND 500),
  given_via text NOT NULL CHECK (given_via IN ('portal', 'desk')),
  citizen_id uuid REFERENCES citizen_account (id),
  officer_id uuid REFERENCES staff_user (id),
  unit_id uuid REFERENCES unit (id),
  given_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK ((given_via = 'portal') = (citizen_id IS NOT NULL)),
  CHECK ((given_via = 'desk') = (officer_id IS NOT NULL AND unit_id IS NOT NULL)),
  CHECK (expires_at > given_at)
);
CREATE INDEX population_consent_lookup_idx ON population_consent (id_number, unit_id, expires_at);
COMMENT ON TABLE population_consent IS 'Sự đồng ý của công dân cho khai thác dữ liệu dân cư (ND 13/2023 Điều 11) / Consent to read population data';
COMMENT ON COLUMN population_consent.given_via IS 'portal: công dân tự đồng ý trên Cổng; desk: công dân đồng ý tại Bộ phận Một cửa, cán bộ ghi nhận / Where consent was given';
COMMENT ON COLUMN population_consent.unit_id IS 'Bộ phận một cửa nơi công dân đồng ý (chỉ cán bộ ở đó được tra cứu) / Desk where consent was given';
COMMENT ON COLUMN population_consent.expires_at IS 'Hết hiệu lực (POPULATION_CONSENT_DAYS) / Consent valid until';

CREATE TABLE population_lookup (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  id_number text NOT NULL,
  purpose text NOT NULL,
  consent_id uuid NOT NULL REFERENCES population_consent (id),
  actor_kind text NOT NULL CHECK (actor_kind IN ('citizen', 'officer')),
  citizen_id uuid REFERENCES citizen_account (id),
  officer_id uuid REFERENCES staff_user (id),
  actor_name text NOT NULL,
  unit_id uuid REFERENCES unit (id),
  unit_path text,
  outcome text NOT NULL CHECK (outcome IN ('found', 'not_found', 'unavailable'))
);
CREATE INDEX population_lookup_unit_idx ON population_lookup (unit_path text_pattern_ops, at DESC);
CREATE INDEX population_lookup_id_number_idx ON population_lookup (id_number, at DESC);
COMMENT ON TABLE population_lookup IS 'Nhật ký tra cứu CSDL quốc gia về dân cư: ai, khi nào, số CCCD nào, mục đích gì (chỉ ghi thêm) / Append-only log of population look-ups';

-- Append-only: a look-up or a consent, once recorded, is never rewritten.
REVOKE UPDATE, DELETE, TRUNCATE ON population_consent, population_lookup FROM motcua_app;

-- The simulator's side (demo and tests only): the people the simulated database knows.
CREATE TABLE population_sim_person (
  id_number text PRIMARY KEY CHECK (id_number ~ '^[0-9]{12}$'),
  full_name text NOT NULL,
  birth_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  permanent_address text NOT NULL
);
COMMENT ON TABLE population_sim_person IS 'Bộ mô phỏng CSDL quốc gia về dân cư (chỉ chạy thử) / The population database simulator''s people (demo and tests)';

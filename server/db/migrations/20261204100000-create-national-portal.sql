-- The national public-service portal (Cổng DVCQG, issue 16). QĐ 31/2021/QĐ-TTg Điều 30 k3: the provincial system syncs
-- every dossier and its processing progress to the national portal; dossiers submitted there are processed here.

-- Dossiers that came from the national portal (or were given a national code): the code it knows them by, and what it
-- told us about the applicant and the fees (TaiKhoanDuocXacThucVoiVNeID, DuocThanhToanTrucTuyen, DanhSachPhiLePhi).
CREATE TABLE national_dossier (
  dossier_id uuid PRIMARY KEY REFERENCES dossier (id),
  ma_ho_so text NOT NULL UNIQUE,
  origin text NOT NULL CHECK (origin IN ('national', 'local')),
  vneid_verified boolean NOT NULL DEFAULT false,
  paid_online smallint NOT NULL DEFAULT 0 CHECK (paid_online IN (0, 1, 2)),
  fees jsonb NOT NULL DEFAULT '[]',
  payload jsonb,
  received_at timestamptz NOT NULL,
  -- Set once the national copy holds the dossier (DongBoHoSoMC acknowledged): later events go as progress updates.
  synced_at timestamptz
);
COMMENT ON TABLE national_dossier IS 'Hồ sơ liên kết với Cổng DVCQG / Dossiers known to the national portal';

-- The sync outbox: one row per ledger entry, written by a trigger in the ledger's own transaction, so nothing the
-- ledger commits can be missed and nothing rolled back is ever sent. Rows of a dossier are sent strictly in id order.
CREATE TABLE national_sync_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  action_id bigint REFERENCES dossier_action (id),
  kind text NOT NULL CHECK (kind IN ('event', 'resync')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped')),
  attempts int NOT NULL DEFAULT 0,
  -- The last attempt's outcome is unknown (timeout, dropped connection): look the dossier up before sending again.
  uncertain boolean NOT NULL DEFAULT false,
  next_attempt_at timestamptz NOT NULL,
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  UNIQUE (action_id)
);
CREATE INDEX national_sync_outbox_pending_idx ON national_sync_outbox (dossier_id, id) WHERE status = 'pending';
COMMENT ON TABLE national_sync_outbox IS 'Hàng đợi đồng bộ lên Cổng DVCQG / Outbox of the national portal sync';

CREATE FUNCTION national_sync_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO national_sync_outbox (dossier_id, action_id, kind, created_at, next_attempt_at)
  VALUES (NEW.dossier_id, NEW.id, 'event', NEW.at, NEW.at);
  RETURN NEW;
END $$;
CREATE TRIGGER dossier_action_national_sync AFTER INSERT ON dossier_action FOR EACH ROW EXECUTE FUNCTION national_sync_enqueue();

-- Differences found by the reconciliation job between the national copy and ours (per unit and day).
CREATE TABLE national_sync_difference (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier (id),
  unit_id uuid NOT NULL REFERENCES unit (id),
  day date NOT NULL,
  ma_ho_so text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('missing', 'status', 'progress')),
  ours jsonb NOT NULL,
  theirs jsonb,
  found_at timestamptz NOT NULL,
  resolved_at timestamptz,
  resent_at timestamptz
);
CREATE UNIQUE INDEX national_sync_difference_open_idx ON national_sync_difference (dossier_id) WHERE resolved_at IS NULL;
CREATE INDEX national_sync_difference_unit_idx ON national_sync_difference (unit_id, day);

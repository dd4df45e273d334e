-- Work queues at a province's volume (issue 12) and who may see a dossier (issue 11).
--
-- dossier_scope holds one row per dossier and per unit it belongs to: the receiving unit, the resolving unit, the unit
-- of every step of its internal process and the partner unit of an inter-agency transfer, each with all its ancestors.
-- An officer sees the dossiers that have a row at a unit where the officer holds `dossiers.read`: lists, searches and
-- single reads all ask this table, so a commune officer's queue reads only that commune's rows (an index range), and a
-- dossier resolved at the province is seen by the units that received or resolve it, not by every commune of the
-- province. The rows carry what the queue tabs filter and sort on, so every tab is one ordered index range per unit.
--
-- The rows and the tab counters are kept by triggers on dossier and dossier_step (dossier_scope_sync), whatever module
-- writes the dossier: they change in the transaction of the change, like the report counters.

-- Every unit id of a set of materialised paths ('/a/b/c/' → a, b, c): a unit with all its ancestors.
CREATE FUNCTION dossier_scope_units(paths text[]) RETURNS uuid[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT x::uuid), '{}') FROM unnest(paths) p, unnest(string_to_array(trim(both '/' from p), '/')) x WHERE p IS NOT NULL AND x <> '' $$;

-- Waiting for the desk online: submitted and not yet accepted, or supplemented online (ND 61/2018 Điều 17 k2).
CREATE FUNCTION dossier_online_waiting(status text, supplemented_at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT status = 'awaiting_acceptance' OR (status = 'supplement_requested' AND supplemented_at IS NOT NULL) $$;

-- The queue tabs whose counts are kept exactly (the time-dependent tabs — due soon, overdue, needs an apology — and
-- "mine" are counted at read time, bounded).
CREATE FUNCTION dossier_queue_tabs(status text, online_waiting boolean) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_remove(ARRAY[
    CASE WHEN status IN ('received', 'processing', 'interagency', 'supplement_requested', 'result_ready') THEN 'unit' END,
    CASE WHEN online_waiting THEN 'online' END,
    CASE WHEN status = 'supplement_requested' THEN 'supplement' END,
    CASE WHEN status = 'result_ready' THEN 'result_ready' END], NULL) $$;

-- Phone numbers compared as digits in the national form: +84 912 345 678, 84912345678 and 0912345678 are one number.
CREATE FUNCTION vn_phone(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE WHEN d ~ '^84\d{9}$' THEN '0' || substr(d, 3) ELSE d END FROM (SELECT regexp_replace(t, '\D', '', 'g') AS d) x $$;

-- The units a dossier belongs to: receiving, resolving, inter-agency partner and every step's unit, each with its
-- ancestors; and the offices and desks directly under the resolving and step units (the officers who process a step
-- held at a commune or a department sit in its offices) — but no other unit below them.
CREATE FUNCTION dossier_member_units(d dossier) RETURNS uuid[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH steps AS (SELECT u.id, u.path FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = d.id)
  SELECT coalesce(array_agg(DISTINCT x), '{}') FROM unnest(
    dossier_scope_units(ARRAY[d.receiving_path, d.resolving_path, d.interagency_path] || ARRAY(SELECT path FROM steps))
    || ARRAY(SELECT o.id FROM unit o WHERE o.parent_id IN (SELECT d.resolving_unit_id UNION SELECT id FROM steps) AND o.kind IN ('office', 'desk'))) x
$$;

CREATE TABLE dossier_scope (
  dossier_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  submitted_at timestamptz NOT NULL,
  status text NOT NULL,
  online_waiting boolean NOT NULL,
  due_at timestamptz,
  apology_count int NOT NULL,
  procedure_id uuid NOT NULL,
  channel text NOT NULL,
  -- Byte order, so a prefix LIKE and ORDER BY both use the btree.
  name_fold text COLLATE "C" NOT NULL,
  PRIMARY KEY (dossier_id, unit_id)
);
COMMENT ON TABLE dossier_scope IS 'Hồ sơ thuộc đơn vị nào (tiếp nhận, giải quyết, các bước, liên thông, kèm đơn vị cấp trên) — phạm vi xem và hàng đợi / Units a dossier belongs to, with its queue columns';
COMMENT ON COLUMN dossier_scope.name_fold IS 'Tên người nộp bỏ dấu, chữ thường / Applicant name without accents, lower case';

-- One ordered range per unit and tab: the officer's page is the first rows of it.
CREATE INDEX dossier_scope_all_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC);
CREATE INDEX dossier_scope_unit_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC)
  WHERE status IN ('received', 'processing', 'interagency', 'supplement_requested', 'result_ready');
CREATE INDEX dossier_scope_online_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC) WHERE online_waiting;
CREATE INDEX dossier_scope_supplement_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC) WHERE status = 'supplement_requested';
CREATE INDEX dossier_scope_result_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC) WHERE status = 'result_ready';
CREATE INDEX dossier_scope_open_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC) INCLUDE (due_at, apology_count)
  WHERE status IN ('received', 'processing', 'interagency');
CREATE INDEX dossier_scope_open_due_idx ON dossier_scope (unit_id, due_at) INCLUDE (apology_count)
  WHERE status IN ('received', 'processing', 'interagency');
CREATE INDEX dossier_scope_name_idx ON dossier_scope (unit_id, name_fold, submitted_at DESC, dossier_id DESC);

CREATE TABLE dossier_queue_count (
  unit_id uuid NOT NULL,
  tab text NOT NULL CHECK (tab IN ('unit', 'online', 'supplement', 'result_ready')),
  n bigint NOT NULL,
  PRIMARY KEY (unit_id, tab)
);
COMMENT ON TABLE dossier_queue_count IS 'Số hồ sơ của mỗi hàng đợi theo đơn vị, cập nhật cùng giao dịch / Queue tab counts per unit, kept in the transaction of each change';

-- Brings a dossier's scope rows and the tab counters in line with the dossier (or removes them when it is gone).
CREATE FUNCTION dossier_scope_sync(p_id uuid) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT k.id, d.submitted_at, d.status, dossier_online_waiting(d.status, d.supplemented_at) AS online_waiting, d.due_at, d.apology_count,
           d.procedure_id, d.channel, coalesce(vn_fold(d.applicant->>'fullName'), '') AS name_fold,
           CASE WHEN d.id IS NULL THEN '{}'::uuid[] ELSE dossier_member_units(d) END AS units
      FROM (SELECT p_id AS id) k LEFT JOIN dossier d ON d.id = k.id),
  old AS (SELECT s.unit_id, s.status, s.online_waiting FROM dossier_scope s WHERE s.dossier_id = p_id),
  del AS (DELETE FROM dossier_scope s USING d WHERE s.dossier_id = p_id AND s.unit_id <> ALL (d.units)),
  ups AS (
    INSERT INTO dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold)
    SELECT d.id, u, d.submitted_at, d.status, d.online_waiting, d.due_at, d.apology_count, d.procedure_id, d.channel, d.name_fold FROM d, unnest(d.units) u
    ON CONFLICT (dossier_id, unit_id) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, status = EXCLUDED.status, online_waiting = EXCLUDED.online_waiting,
      due_at = EXCLUDED.due_at, apology_count = EXCLUDED.apology_count, procedure_id = EXCLUDED.procedure_id, channel = EXCLUDED.channel, name_fold = EXCLUDED.name_fold
    WHERE (dossier_scope.submitted_at, dossier_scope.status, dossier_scope.online_waiting, dossier_scope.due_at, dossier_scope.apology_count,
           dossier_scope.procedure_id, dossier_scope.channel, dossier_scope.name_fold)
      IS DISTINCT FROM (EXCLUDED.submitted_at, EXCLUDED.status, EXCLUDED.online_waiting, EXCLUDED.due_at, EXCLUDED.apology_count,
           EXCLUDED.procedure_id, EXCLUDED.channel, EXCLUDED.name_fold)),
  delta AS (
    SELECT x.unit_id, x.tab, sum(x.n) AS n FROM (
      SELECT o.unit_id, t AS tab, -1 AS n FROM old o, unnest(dossier_queue_tabs(o.status, o.online_waiting)) t
      UNION ALL
      SELECT u, t, 1 FROM d, unnest(d.units) u, unnest(dossier_queue_tabs(d.status, d.online_waiting)) t WHERE d.status IS NOT NULL) x
    GROUP BY x.unit_id, x.tab HAVING sum(x.n) <> 0)
  -- Sorted, so concurrent transactions lock the counter rows in one order.
  INSERT INTO dossier_queue_count (unit_id, tab, n) SELECT unit_id, tab, n FROM delta ORDER BY unit_id, tab
  ON CONFLICT (unit_id, tab) DO UPDATE SET n = dossier_queue_count.n + EXCLUDED.n;
END $$;

CREATE FUNCTION dossier_scope_row_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dossier_scope_sync(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;

CREATE TRIGGER dossier_scope_insert AFTER INSERT OR DELETE ON dossier FOR EACH ROW EXECUTE FUNCTION dossier_scope_row_trigger();
CREATE TRIGGER dossier_scope_update AFTER UPDATE ON dossier FOR EACH ROW
  WHEN ((OLD.status, OLD.supplemented_at, OLD.due_at, OLD.apology_count, OLD.submitted_at, OLD.receiving_path, OLD.resolving_path, OLD.interagency_path,
         OLD.procedure_id, OLD.channel, OLD.applicant->>'fullName')
        IS DISTINCT FROM (NEW.status, NEW.supplemented_at, NEW.due_at, NEW.apology_count, NEW.submitted_at, NEW.receiving_path, NEW.resolving_path,
         NEW.interagency_path, NEW.procedure_id, NEW.channel, NEW.applicant->>'fullName'))
  EXECUTE FUNCTION dossier_scope_row_trigger();

-- Steps bring their units (and those units' ancestors). Intake writes the dossier and its steps in one statement; the
-- dossier's trigger already saw the steps then, so only dossiers missing a step's unit are synced again.
CREATE FUNCTION dossier_scope_steps_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dossier_scope_sync(x.dossier_id)
     FROM (SELECT DISTINCT n.dossier_id FROM new_steps n
            WHERE NOT EXISTS (SELECT 1 FROM dossier_scope s WHERE s.dossier_id = n.dossier_id AND s.unit_id = n.unit_id)) x;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_scope_steps_insert AFTER INSERT ON dossier_step REFERENCING NEW TABLE AS new_steps
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_scope_steps_trigger();

CREATE FUNCTION dossier_scope_step_row_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dossier_scope_sync(CASE WHEN TG_OP = 'DELETE' THEN OLD.dossier_id ELSE NEW.dossier_id END);
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_scope_step_change AFTER UPDATE OF unit_id OR DELETE ON dossier_step FOR EACH ROW EXECUTE FUNCTION dossier_scope_step_row_trigger();

-- Rebuilds every scope row and counter from the dossiers, set-based: the same units as dossier_member_units, by joins
-- instead of one call per dossier (the bench generator's bulk load, and this migration).
CREATE FUNCTION dossier_scope_rebuild() RETURNS void
  LANGUAGE sql AS $$
  TRUNCATE dossier_scope, dossier_queue_count;
  INSERT INTO dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold)
  SELECT d.id, m.unit_id, d.submitted_at, d.status, dossier_online_waiting(d.status, d.supplemented_at), d.due_at, d.apology_count, d.procedure_id, d.channel,
         coalesce(vn_fold(d.applicant->>'fullName'), '')
    FROM (
      SELECT DISTINCT y.dossier_id, y.unit_id FROM (
        SELECT x.dossier_id, a::uuid AS unit_id
          FROM (SELECT d.id AS dossier_id, p FROM dossier d, unnest(ARRAY[d.receiving_path, d.resolving_path, d.interagency_path]) p WHERE p IS NOT NULL
                UNION SELECT s.dossier_id, u.path FROM dossier_step s JOIN unit u ON u.id = s.unit_id) x,
               unnest(string_to_array(trim(both '/' from x.p), '/')) a
         WHERE a <> ''
        UNION ALL
        SELECT r.dossier_id, o.id
          FROM (SELECT id AS dossier_id, resolving_unit_id AS unit_id FROM dossier UNION SELECT dossier_id, unit_id FROM dossier_step) r
          JOIN unit o ON o.parent_id = r.unit_id AND o.kind IN ('office', 'desk')) y) m
    JOIN dossier d ON d.id = m.dossier_id;
  INSERT INTO dossier_queue_count (unit_id, tab, n)
  SELECT s.unit_id, t, count(*) FROM dossier_scope s, unnest(dossier_queue_tabs(s.status, s.online_waiting)) t GROUP BY s.unit_id, t;
$$;
SELECT dossier_scope_rebuild();

-- Searches: code by prefix (btree, byte order), CCCD / tax code and phone by exact value. The trigram index over
-- code + name + numbers matched almost every row on common fragments ("000", "h20") and cost every intake a GIN update.
CREATE INDEX dossier_code_prefix_idx ON dossier (code text_pattern_ops);
CREATE INDEX dossier_id_number_idx ON dossier ((applicant->>'idNumber'));
CREATE INDEX dossier_phone_idx ON dossier (vn_phone(applicant->>'phone'));
DROP INDEX dossier_search_trgm_idx;
ALTER TABLE dossier DROP COLUMN search_text;
-- "Mine": the officer's dossiers newest first, one index range.
DROP INDEX dossier_assignee_idx;
CREATE INDEX dossier_assignee_idx ON dossier (assignee_id, submitted_at DESC, id DESC) WHERE assignee_id IS NOT NULL;

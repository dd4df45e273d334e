-- A dossier re-appointed by an apology letter issued after its due time had passed stays late (ND 61/2018 Điều 19 k9;
-- dossier-deadline.rules.ts `lateBeforeLetter`): its page, its finish classification and the reports counted it late,
-- but the "Quá hạn" tab filtered dossier_scope on due_at — the new appointment — so the dossier left the tab (and its
-- count) as soon as the letter was issued. An EXISTS over dossier_action in the tab's query would turn the tab's index
-- range into a join per row; instead the missed due time is a column of the dossier, written by the ledger with the
-- letter (the fold, `evolve`), and dossier_scope carries the instant the dossier is late from, kept by the same trigger
-- in the same transaction. The time-dependent tabs (due soon, overdue, needs an apology) and their bounded counts read
-- it through the same partial indexes as before.

ALTER TABLE dossier ADD COLUMN late_since timestamptz;
COMMENT ON COLUMN dossier.late_since IS 'Hạn đã lỡ trước khi phát hành thư xin lỗi (hồ sơ vẫn quá hạn) / The due time already missed when the apology letter was issued: the dossier stays late';

-- The dossiers whose letter came after the due time it replaced: the first such letter's missed due time (a missed
-- deadline does not become timely by a later letter).
UPDATE dossier d SET late_since = l.missed
  FROM (SELECT DISTINCT ON (la.dossier_id) la.dossier_id, (la.data->>'previousDueAt')::timestamptz AS missed FROM dossier_action la
         WHERE la.action = 'apologise' AND la.at > (la.data->>'previousDueAt')::timestamptz ORDER BY la.dossier_id, la.id) l
 WHERE d.id = l.dossier_id;

-- The instant the dossier is late from: the missed due time, or else its due time.
ALTER TABLE dossier_scope ADD COLUMN late_at timestamptz;
COMMENT ON COLUMN dossier_scope.late_at IS 'Thời điểm hồ sơ bị tính quá hạn (hạn đã lỡ trước thư xin lỗi, nếu có; nếu không là hạn trả) / The instant the dossier is late from';

DROP INDEX dossier_scope_open_idx;
DROP INDEX dossier_scope_open_due_idx;
-- Filled here for the rows that exist (the trigger keeps it from now on), before the indexes on it are built: one
-- pass over the scope rows, not a rebuild of them (dossier_scope_rebuild truncates and recomputes every row and count:
-- over ten minutes at 1 M dossiers, 4.3 M scope rows).
UPDATE dossier_scope s SET late_at = coalesce(d.late_since, d.due_at) FROM dossier d WHERE d.id = s.dossier_id;
CREATE INDEX dossier_scope_open_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC) INCLUDE (late_at, apology_count)
  WHERE status IN ('received', 'processing', 'interagency');
CREATE INDEX dossier_scope_open_due_idx ON dossier_scope (unit_id, late_at) INCLUDE (apology_count)
  WHERE status IN ('received', 'processing', 'interagency');

CREATE OR REPLACE FUNCTION dossier_scope_sync(p_id uuid) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT k.id, d.submitted_at, d.status, dossier_online_waiting(d.status, d.supplemented_at) AS online_waiting, d.due_at, d.apology_count,
           d.procedure_id, d.channel, coalesce(vn_fold(d.applicant->>'fullName'), '') AS name_fold,
           coalesce(dossier_awaiting_return(d.status, d.step_index, d.step_count,
             (SELECT st.role FROM dossier_step st WHERE st.dossier_id = d.id AND st.step_index = d.step_index)), false) AS awaiting_return,
           coalesce(d.late_since, d.due_at) AS late_at,
           CASE WHEN d.id IS NULL THEN '{}'::uuid[] ELSE dossier_member_units(d) END AS units
      FROM (SELECT p_id AS id) k LEFT JOIN dossier d ON d.id = k.id),
  old AS (SELECT s.unit_id, s.status, s.online_waiting, s.awaiting_return FROM dossier_scope s WHERE s.dossier_id = p_id),
  del AS (DELETE FROM dossier_scope s USING d WHERE s.dossier_id = p_id AND s.unit_id <> ALL (d.units)),
  ups AS (
    INSERT INTO dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold, awaiting_return, late_at)
    SELECT d.id, u, d.submitted_at, d.status, d.online_waiting, d.due_at, d.apology_count, d.procedure_id, d.channel, d.name_fold, d.awaiting_return, d.late_at
      FROM d, unnest(d.units) u
    ON CONFLICT (dossier_id, unit_id) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, status = EXCLUDED.status, online_waiting = EXCLUDED.online_waiting,
      due_at = EXCLUDED.due_at, apology_count = EXCLUDED.apology_count, procedure_id = EXCLUDED.procedure_id, channel = EXCLUDED.channel, name_fold = EXCLUDED.name_fold,
      awaiting_return = EXCLUDED.awaiting_return, late_at = EXCLUDED.late_at
    WHERE (dossier_scope.submitted_at, dossier_scope.status, dossier_scope.online_waiting, dossier_scope.due_at, dossier_scope.apology_count,
           dossier_scope.procedure_id, dossier_scope.channel, dossier_scope.name_fold, dossier_scope.awaiting_return, dossier_scope.late_at)
      IS DISTINCT FROM (EXCLUDED.submitted_at, EXCLUDED.status, EXCLUDED.online_waiting, EXCLUDED.due_at, EXCLUDED.apology_count,
           EXCLUDED.procedure_id, EXCLUDED.channel, EXCLUDED.name_fold, EXCLUDED.awaiting_return, EXCLUDED.late_at)),
  delta AS (
    SELECT x.unit_id, x.tab, sum(x.n) AS n FROM (
      SELECT o.unit_id, t AS tab, -1 AS n FROM old o, unnest(dossier_queue_tabs(o.status, o.online_waiting, o.awaiting_return)) t
      UNION ALL
      SELECT u, t, 1 FROM d, unnest(d.units) u, unnest(dossier_queue_tabs(d.status, d.online_waiting, d.awaiting_return)) t WHERE d.status IS NOT NULL) x
    GROUP BY x.unit_id, x.tab HAVING sum(x.n) <> 0)
  -- Sorted, so concurrent transactions lock the counter rows in one order.
  INSERT INTO dossier_queue_count (unit_id, tab, n) SELECT unit_id, tab, n FROM delta ORDER BY unit_id, tab
  ON CONFLICT (unit_id, tab) DO UPDATE SET n = dossier_queue_count.n + EXCLUDED.n;
END $$;

-- late_since joins the columns whose change syncs the dossier.
DROP TRIGGER dossier_scope_update ON dossier;
CREATE TRIGGER dossier_scope_update AFTER UPDATE ON dossier FOR EACH ROW
  WHEN ((OLD.status, OLD.supplemented_at, OLD.due_at, OLD.apology_count, OLD.submitted_at, OLD.receiving_path, OLD.resolving_path, OLD.interagency_path,
         OLD.procedure_id, OLD.channel, OLD.applicant->>'fullName', OLD.step_index, OLD.step_count, OLD.late_since)
        IS DISTINCT FROM (NEW.status, NEW.supplemented_at, NEW.due_at, NEW.apology_count, NEW.submitted_at, NEW.receiving_path, NEW.resolving_path,
         NEW.interagency_path, NEW.procedure_id, NEW.channel, NEW.applicant->>'fullName', NEW.step_index, NEW.step_count, NEW.late_since))
  EXECUTE FUNCTION dossier_scope_row_trigger();

CREATE OR REPLACE FUNCTION dossier_scope_rebuild() RETURNS void
  LANGUAGE sql AS $$
  TRUNCATE dossier_scope, dossier_queue_count;
  INSERT INTO dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold, awaiting_return, late_at)
  SELECT d.id, m.unit_id, d.submitted_at, d.status, dossier_online_waiting(d.status, d.supplemented_at), d.due_at, d.apology_count, d.procedure_id, d.channel,
         coalesce(vn_fold(d.applicant->>'fullName'), ''), dossier_awaiting_return(d.status, d.step_index, d.step_count, st.role), coalesce(d.late_since, d.due_at)
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
    JOIN dossier d ON d.id = m.dossier_id
    LEFT JOIN dossier_step st ON st.dossier_id = d.id AND st.step_index = d.step_index;
  INSERT INTO dossier_queue_count (unit_id, tab, n)
  SELECT s.unit_id, t, count(*) FROM dossier_scope s, unnest(dossier_queue_tabs(s.status, s.online_waiting, s.awaiting_return)) t GROUP BY s.unit_id, t;
$$;

-- "Chờ trả kết quả" holds every dossier the desk is to return (issue 15): a result ready (status result_ready), and a
-- dossier standing at the desk's own last step ("Vào sổ, đóng dấu, trả kết quả", role desk_officer), where the desk
-- returns the result itself (`atDeskReturnStep`, dossier.rules.ts; ND 61/2018 Điều 20). The second is still
-- 'processing', so the tab is a column of dossier_scope (awaiting_return), kept with its counter by the same trigger in
-- the transaction of the change; the trigger now also follows the step position.

-- The one rule, on the dossier's status, position and the role of its current step (`atDeskReturnStep`).
CREATE FUNCTION dossier_awaiting_return(status text, step_index int, step_count int, step_role text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT status = 'result_ready'
            OR (status = 'processing' AND step_count > 1 AND step_index = step_count - 1 AND coalesce(step_role = 'desk_officer', false)) $$;

CREATE FUNCTION dossier_queue_tabs(status text, online_waiting boolean, awaiting_return boolean) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_remove(ARRAY[
    CASE WHEN status IN ('received', 'processing', 'interagency', 'supplement_requested', 'result_ready') THEN 'unit' END,
    CASE WHEN online_waiting THEN 'online' END,
    CASE WHEN status = 'supplement_requested' THEN 'supplement' END,
    CASE WHEN awaiting_return THEN 'result_ready' END], NULL) $$;

ALTER TABLE dossier_scope ADD COLUMN awaiting_return boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN dossier_scope.awaiting_return IS 'Chờ bộ phận một cửa trả kết quả (đã có kết quả, hoặc ở bước "Vào sổ, đóng dấu, trả kết quả") / Waiting for the desk to return the result';

DROP INDEX dossier_scope_result_idx;
CREATE INDEX dossier_scope_result_idx ON dossier_scope (unit_id, submitted_at DESC, dossier_id DESC) WHERE awaiting_return;

CREATE OR REPLACE FUNCTION dossier_scope_sync(p_id uuid) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT k.id, d.submitted_at, d.status, dossier_online_waiting(d.status, d.supplemented_at) AS online_waiting, d.due_at, d.apology_count,
           d.procedure_id, d.channel, coalesce(vn_fold(d.applicant->>'fullName'), '') AS name_fold,
           coalesce(dossier_awaiting_return(d.status, d.step_index, d.step_count,
             (SELECT st.role FROM dossier_step st WHERE st.dossier_id = d.id AND st.step_index = d.step_index)), false) AS awaiting_return,
           CASE WHEN d.id IS NULL THEN '{}'::uuid[] ELSE dossier_member_units(d) END AS units
      FROM (SELECT p_id AS id) k LEFT JOIN dossier d ON d.id = k.id),
  old AS (SELECT s.unit_id, s.status, s.online_waiting, s.awaiting_return FROM dossier_scope s WHERE s.dossier_id = p_id),
  del AS (DELETE FROM dossier_scope s USING d WHERE s.dossier_id = p_id AND s.unit_id <> ALL (d.units)),
  ups AS (
    INSERT INTO dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold, awaiting_return)
    SELECT d.id, u, d.submitted_at, d.status, d.online_waiting, d.due_at, d.apology_count, d.procedure_id, d.channel, d.name_fold, d.awaiting_return FROM d, unnest(d.units) u
    ON CONFLICT (dossier_id, unit_id) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, status = EXCLUDED.status, online_waiting = EXCLUDED.online_waiting,
      due_at = EXCLUDED.due_at, apology_count = EXCLUDED.apology_count, procedure_id = EXCLUDED.procedure_id, channel = EXCLUDED.channel, name_fold = EXCLUDED.name_fold,
      awaiting_return = EXCLUDED.awaiting_return
    WHERE (dossier_scope.submitted_at, dossier_scope.status, dossier_scope.online_waiting, dossier_scope.due_at, dossier_scope.apology_count,
           dossier_scope.procedure_id, dossier_scope.channel, dossier_scope.name_fold, dossier_scope.awaiting_return)
      IS DISTINCT FROM (EXCLUDED.submitted_at, EXCLUDED.status, EXCLUDED.online_waiting, EXCLUDED.due_at, EXCLUDED.apology_count,
           EXCLUDED.procedure_id, EXCLUDED.channel, EXCLUDED.name_fold, EXCLUDED.awaiting_return)),
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

-- The step position decides awaiting_return: a move to the next step or a send-back syncs the dossier too.
DROP TRIGGER dossier_scope_update ON dossier;
CREATE TRIGGER dossier_scope_update AFTER UPDATE ON dossier FOR EACH ROW
  WHEN ((OLD.status, OLD.supplemented_at, OLD.due_at, OLD.apology_count, OLD.submitted_at, OLD.receiving_path, OLD.resolving_path, OLD.interagency_path,
         OLD.procedure_id, OLD.channel, OLD.applicant->>'fullName', OLD.step_index, OLD.step_count)
        IS DISTINCT FROM (NEW.status, NEW.supplemented_at, NEW.due_at, NEW.apology_count, NEW.submitted_at, NEW.receiving_path, NEW.resolving_path,
         NEW.interagency_path, NEW.procedure_id, NEW.channel, NEW.applicant->>'fullName', NEW.step_index, NEW.step_count))
  EXECUTE FUNCTION dossier_scope_row_trigger();

-- A step's role is its process's: should it change, the dossier standing at it is synced.
DROP TRIGGER dossier_scope_step_change ON dossier_step;
CREATE TRIGGER dossier_scope_step_change AFTER UPDATE OF unit_id, role OR DELETE ON dossier_step FOR EACH ROW EXECUTE FUNCTION dossier_scope_step_row_trigger();

CREATE OR REPLACE FUNCTION dossier_scope_rebuild() RETURNS void
  LANGUAGE sql AS $$
  TRUNCATE dossier_scope, dossier_queue_count;
  INSERT INTO dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold, awaiting_return)
  SELECT d.id, m.unit_id, d.submitted_at, d.status, dossier_online_waiting(d.status, d.supplemented_at), d.due_at, d.apology_count, d.procedure_id, d.channel,
         coalesce(vn_fold(d.applicant->>'fullName'), ''), dossier_awaiting_return(d.status, d.step_index, d.step_count, st.role)
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

DROP FUNCTION dossier_queue_tabs(text, boolean);
SELECT dossier_scope_rebuild();

-- PostgreSQL CPU per intake and per action (issue 12; bench/dossiers.ts shows every phase bound by CPU). A LANGUAGE sql
-- function that is not inlined is parsed and planned again every time the statement calling it starts: its cached
-- state lives in that execution. Called from a trigger, that is once per dossier written — measured with
-- track_functions over 400 intakes and 400 forwards one at a time: dossier_member_units 0.40 ms a call (0.33 of it its
-- own planning), report_full_eligible 0.057 ms. A PL/pgSQL function keeps its plans for the session: the same bodies
-- cost 0.118 and 0.012 ms, and dossier_scope_sync went from 0.79 to 0.48 ms a call. Same queries, same results
-- (dossier-queue.test.ts compares what the triggers keep through dossier_member_units with dossier_scope_rebuild, the
-- same rule written as joins over every dossier).
-- Functions inlined into their callers (report_open_bucket, report_dossier_contrib, vn_phone, vn_fold…) stay SQL: set-based
-- reads and rebuilds depend on that inlining, and the search plans are snapshot-tested against it.

CREATE OR REPLACE FUNCTION dossier_scope_units(paths text[]) RETURNS uuid[]
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (SELECT coalesce(array_agg(DISTINCT x::uuid), '{}') FROM unnest(paths) p, unnest(string_to_array(trim(both '/' from p), '/')) x
           WHERE p IS NOT NULL AND x <> '');
END $$;

CREATE OR REPLACE FUNCTION dossier_member_units(d dossier) RETURNS uuid[]
  LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (
    WITH steps AS (SELECT u.id, u.path FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = d.id)
    SELECT coalesce(array_agg(DISTINCT x), '{}') FROM unnest(
      dossier_scope_units(ARRAY[d.receiving_path, d.resolving_path, d.interagency_path] || ARRAY(SELECT path FROM steps))
      || ARRAY(SELECT o.id FROM unit o WHERE o.parent_id IN (SELECT d.resolving_unit_id UNION SELECT id FROM steps) AND o.kind IN ('office', 'desk'))) x);
END $$;

CREATE OR REPLACE FUNCTION report_full_eligible(procedure_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN coalesce((SELECT p.online_level = 'full' FROM procedure p WHERE p.id = report_full_eligible.procedure_id), false);
END $$;

-- Subtree totals for the report counters (issue 12): a report for a unit summed the rows of every unit of its subtree
-- (unit_path LIKE prefix), so Biểu 06 by procedure for a province read units × procedures × buckets rows (1.2–1.5 s
-- at 3 million dossiers over ragged months). report_counter_below keeps, for each unit, the sum of the counters of
-- every unit strictly below it — one row per (ancestor, grain, procedure, bucket), the same grains and metrics as
-- report_counter — so a unit's subtree is its own rows plus its below rows: procedures × buckets, whatever the size
-- of the subtree.
--
-- The ancestors of a counter row are read from its unit_path (the resolving path copied on the dossier: "/a/b/c/"
-- counts below a and below b), so the below rows agree with the LIKE-prefix reads they replace. They are written by
-- the same functions as the own rows, in the same statement or transaction (report_apply from the dossier trigger,
-- report_bump from the other modules, report_recount), and filled here from the own rows.
-- No foreign key to unit: the ids come from paths of units that exist, and the check would cost each write.

CREATE TABLE report_counter_below (LIKE report_counter INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (grain);
-- Keyed by unit then bucket: a report reads one unit's rows over a bucket range, every procedure at once.
ALTER TABLE report_counter_below ADD PRIMARY KEY (grain, unit_id, bucket, procedure_id);
CREATE TABLE report_counter_below_day PARTITION OF report_counter_below FOR VALUES IN ('d');
CREATE TABLE report_counter_below_week PARTITION OF report_counter_below FOR VALUES IN ('w');
CREATE TABLE report_counter_below_month PARTITION OF report_counter_below FOR VALUES IN ('m');
CREATE TABLE report_counter_below_day_total PARTITION OF report_counter_below FOR VALUES IN ('D');
CREATE TABLE report_counter_below_week_total PARTITION OF report_counter_below FOR VALUES IN ('W');
CREATE TABLE report_counter_below_month_total PARTITION OF report_counter_below FOR VALUES IN ('M');
COMMENT ON TABLE report_counter_below IS 'Bộ đếm báo cáo cộng dồn của mọi đơn vị cấp dưới (không gồm chính đơn vị), theo đơn vị cấp trên, thủ tục và ngày / tuần / tháng / Report counters summed over every unit strictly below a unit, kept in the dossier''s transaction';
COMMENT ON COLUMN report_counter_below.unit_id IS 'Đơn vị cấp trên (tổ tiên trong đường dẫn đơn vị giải quyết) / The ancestor unit';
COMMENT ON COLUMN report_counter_below.unit_path IS 'Đường dẫn của đơn vị cấp trên / The ancestor''s path';
COMMENT ON TABLE report_counter_below_day IS 'Cộng dồn cấp dưới theo ngày và thủ tục / Below-sums per day and procedure';
COMMENT ON TABLE report_counter_below_week IS 'Cộng dồn cấp dưới theo tuần (cắt theo tháng) và thủ tục / Below-sums per week part and procedure';
COMMENT ON TABLE report_counter_below_month IS 'Cộng dồn cấp dưới theo tháng và thủ tục / Below-sums per month and procedure';
COMMENT ON TABLE report_counter_below_day_total IS 'Cộng dồn cấp dưới theo ngày, mọi thủ tục / Below-sums per day, all procedures';
COMMENT ON TABLE report_counter_below_week_total IS 'Cộng dồn cấp dưới theo tuần, mọi thủ tục / Below-sums per week part, all procedures';
COMMENT ON TABLE report_counter_below_month_total IS 'Cộng dồn cấp dưới theo tháng, mọi thủ tục / Below-sums per month, all procedures';

-- The strict ancestors of a unit path, nearest last: '/a/b/c/' gives (a, '/a/'), (b, '/a/b/').
CREATE FUNCTION report_ancestors(path text) RETURNS TABLE (unit_id uuid, unit_path text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT s.seg[i]::uuid, '/' || array_to_string(s.seg[1:i], '/') || '/'
    FROM (SELECT string_to_array(trim(both '/' FROM path), '/') AS seg) s, generate_series(1, cardinality(s.seg) - 1) i
$$;
COMMENT ON FUNCTION report_ancestors(text) IS 'Các đơn vị cấp trên trong một đường dẫn đơn vị / The strict ancestors in a unit path';

CREATE OR REPLACE FUNCTION report_apply(o dossier, n dossier) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH c AS (
    SELECT -1 AS sign, o.resolving_unit_id AS unit_id, o.resolving_path AS unit_path, o.procedure_id, x.*
      FROM report_dossier_contrib(o, report_full_eligible(o.procedure_id)) x WHERE o.id IS NOT NULL
    UNION ALL
    SELECT 1, n.resolving_unit_id, n.resolving_path, n.procedure_id, x.*
      FROM report_dossier_contrib(n, report_full_eligible(n.procedure_id)) x WHERE n.id IS NOT NULL
  ), g AS (
    SELECT gr.grain, report_bucket(gr.grain, c.day) AS bucket, c.unit_id,
           min(c.unit_path) AS unit_path,
           CASE WHEN gr.grain IN ('d', 'w', 'm') THEN c.procedure_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END AS procedure_id,
           sum(sign * received) received, sum(sign * received_desk) received_desk, sum(sign * received_online) received_online,
           sum(sign * received_postal) received_postal, sum(sign * received_full_eligible) received_full_eligible,
           sum(sign * received_online_full) received_online_full, sum(sign * received_with_fee) received_with_fee,
           sum(sign * result_by_post) result_by_post, sum(sign * resolved) resolved, sum(sign * resolved_early) resolved_early,
           sum(sign * resolved_on_time) resolved_on_time, sum(sign * resolved_late) resolved_late,
           sum(sign * resolved_late_national) resolved_late_national, sum(sign * resolved_online) resolved_online,
           sum(sign * resolved_online_late) resolved_online_late, sum(sign * returned) returned, sum(sign * returned_post) returned_post
      FROM c CROSS JOIN (VALUES ('d'), ('w'), ('m'), ('D'), ('W'), ('M')) AS gr(grain)
     GROUP BY 1, 2, 3, 5
  ), own AS (
    INSERT INTO report_counter AS r (grain, bucket, unit_id, unit_path, procedure_id, received, received_desk, received_online, received_postal,
        received_full_eligible, received_online_full, received_with_fee, result_by_post, resolved, resolved_early, resolved_on_time,
        resolved_late, resolved_late_national, resolved_online, resolved_online_late, returned, returned_post)
    SELECT * FROM g
     WHERE received <> 0 OR received_desk <> 0 OR received_online <> 0 OR received_postal <> 0 OR received_full_eligible <> 0
        OR received_online_full <> 0 OR received_with_fee <> 0 OR result_by_post <> 0 OR resolved <> 0 OR resolved_early <> 0
        OR resolved_on_time <> 0 OR resolved_late <> 0 OR resolved_late_national <> 0 OR resolved_online <> 0
        OR resolved_online_late <> 0 OR returned <> 0 OR returned_post <> 0
     ORDER BY grain, unit_id, procedure_id, bucket
    ON CONFLICT (grain, unit_id, procedure_id, bucket) DO UPDATE SET
      received = r.received + EXCLUDED.received, received_desk = r.received_desk + EXCLUDED.received_desk,
      received_online = r.received_online + EXCLUDED.received_online, received_postal = r.received_postal + EXCLUDED.received_postal,
      received_full_eligible = r.received_full_eligible + EXCLUDED.received_full_eligible,
      received_online_full = r.received_online_full + EXCLUDED.received_online_full,
      received_with_fee = r.received_with_fee + EXCLUDED.received_with_fee, result_by_post = r.result_by_post + EXCLUDED.result_by_post,
      resolved = r.resolved + EXCLUDED.resolved, resolved_early = r.resolved_early + EXCLUDED.resolved_early,
      resolved_on_time = r.resolved_on_time + EXCLUDED.resolved_on_time, resolved_late = r.resolved_late + EXCLUDED.resolved_late,
      resolved_late_national = r.resolved_late_national + EXCLUDED.resolved_late_national,
      resolved_online = r.resolved_online + EXCLUDED.resolved_online, resolved_online_late = r.resolved_online_late + EXCLUDED.resolved_online_late,
      returned = r.returned + EXCLUDED.returned, returned_post = r.returned_post + EXCLUDED.returned_post
  ), b AS (
    -- The same deltas at every ancestor; a transfer within a district nets out at the district and above.
    SELECT g.grain, g.bucket, a.unit_id, min(a.unit_path) AS unit_path, g.procedure_id,
           sum(received) received, sum(received_desk) received_desk, sum(received_online) received_online, sum(received_postal) received_postal,
           sum(received_full_eligible) received_full_eligible, sum(received_online_full) received_online_full, sum(received_with_fee) received_with_fee,
           sum(result_by_post) result_by_post, sum(resolved) resolved, sum(resolved_early) resolved_early, sum(resolved_on_time) resolved_on_time,
           sum(resolved_late) resolved_late, sum(resolved_late_national) resolved_late_national, sum(resolved_online) resolved_online,
           sum(resolved_online_late) resolved_online_late, sum(returned) returned, sum(returned_post) returned_post
      FROM g CROSS JOIN LATERAL report_ancestors(g.unit_path) a
     GROUP BY 1, 2, 3, 5
  )
  INSERT INTO report_counter_below AS r (grain, bucket, unit_id, unit_path, procedure_id, received, received_desk, received_online, received_postal,
      received_full_eligible, received_online_full, received_with_fee, result_by_post, resolved, resolved_early, resolved_on_time,
      resolved_late, resolved_late_national, resolved_online, resolved_online_late, returned, returned_post)
  SELECT * FROM b
   WHERE received <> 0 OR received_desk <> 0 OR received_online <> 0 OR received_postal <> 0 OR received_full_eligible <> 0
      OR received_online_full <> 0 OR received_with_fee <> 0 OR result_by_post <> 0 OR resolved <> 0 OR resolved_early <> 0
      OR resolved_on_time <> 0 OR resolved_late <> 0 OR resolved_late_national <> 0 OR resolved_online <> 0
      OR resolved_online_late <> 0 OR returned <> 0 OR returned_post <> 0
   ORDER BY grain, unit_id, bucket, procedure_id
  ON CONFLICT (grain, unit_id, bucket, procedure_id) DO UPDATE SET
    received = r.received + EXCLUDED.received, received_desk = r.received_desk + EXCLUDED.received_desk,
    received_online = r.received_online + EXCLUDED.received_online, received_postal = r.received_postal + EXCLUDED.received_postal,
    received_full_eligible = r.received_full_eligible + EXCLUDED.received_full_eligible,
    received_online_full = r.received_online_full + EXCLUDED.received_online_full,
    received_with_fee = r.received_with_fee + EXCLUDED.received_with_fee, result_by_post = r.result_by_post + EXCLUDED.result_by_post,
    resolved = r.resolved + EXCLUDED.resolved, resolved_early = r.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = r.resolved_on_time + EXCLUDED.resolved_on_time, resolved_late = r.resolved_late + EXCLUDED.resolved_late,
    resolved_late_national = r.resolved_late_national + EXCLUDED.resolved_late_national,
    resolved_online = r.resolved_online + EXCLUDED.resolved_online, resolved_online_late = r.resolved_online_late + EXCLUDED.resolved_online_late,
    returned = r.returned + EXCLUDED.returned, returned_post = r.returned_post + EXCLUDED.returned_post;

  WITH c AS (
    SELECT -1 AS sign, o.resolving_unit_id AS unit_id, o.resolving_path AS unit_path, o.procedure_id, report_open_bucket(o) AS due_hour WHERE o.id IS NOT NULL
    UNION ALL
    SELECT 1, n.resolving_unit_id, n.resolving_path, n.procedure_id, report_open_bucket(n) WHERE n.id IS NOT NULL
  )
  INSERT INTO report_open AS r (unit_id, unit_path, procedure_id, due_hour, n)
  SELECT unit_id, min(unit_path), procedure_id, due_hour, sum(sign) FROM c WHERE due_hour IS NOT NULL
   GROUP BY unit_id, procedure_id, due_hour HAVING sum(sign) <> 0
   ORDER BY unit_id, procedure_id, due_hour
  ON CONFLICT (unit_id, procedure_id, due_hour) DO UPDATE SET n = r.n + EXCLUDED.n;
END $$;

CREATE OR REPLACE FUNCTION report_bump(p_unit uuid, p_procedure uuid, p_at timestamptz, p_metric text, p_delta bigint) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  path text;
BEGIN
  IF p_metric NOT IN ('apologies', 'apologies_late', 'digitised', 'e_result', 'paid_online', 'satisfaction_sum', 'satisfaction_count', 'satisfied_count') THEN
    RAISE EXCEPTION 'report_bump: unknown metric %', p_metric;
  END IF;
  SELECT u.path INTO STRICT path FROM unit u WHERE u.id = p_unit;
  -- Below rows first, as report_apply's statement writes them (its own-row insert is a CTE, run after the main insert).
  EXECUTE format(
    'INSERT INTO report_counter_below AS r (grain, bucket, unit_id, unit_path, procedure_id, %1$I)
     SELECT g.grain, report_bucket(g.grain, $1), a.unit_id, a.unit_path, CASE WHEN g.grain IN (''d'', ''w'', ''m'') THEN $4 ELSE $6 END, $5
       FROM (VALUES (''d''), (''w''), (''m''), (''D''), (''W''), (''M'')) AS g(grain) CROSS JOIN report_ancestors($3) a
      ORDER BY 1, 3, 2, 5
     ON CONFLICT (grain, unit_id, bucket, procedure_id) DO UPDATE SET %1$I = r.%1$I + EXCLUDED.%1$I', p_metric)
    USING vn_day(p_at), p_unit, path, p_procedure, p_delta, '00000000-0000-0000-0000-000000000000'::uuid;
  EXECUTE format(
    'INSERT INTO report_counter AS r (grain, bucket, unit_id, unit_path, procedure_id, %1$I)
     SELECT g.grain, report_bucket(g.grain, $1), $2, $3, CASE WHEN g.grain IN (''d'', ''w'', ''m'') THEN $4 ELSE $6 END, $5
       FROM (VALUES (''d''), (''w''), (''m''), (''D''), (''W''), (''M'')) AS g(grain)
     ON CONFLICT (grain, unit_id, procedure_id, bucket) DO UPDATE SET %1$I = r.%1$I + EXCLUDED.%1$I', p_metric)
    USING vn_day(p_at), p_unit, path, p_procedure, p_delta, '00000000-0000-0000-0000-000000000000'::uuid;
END $$;

-- Rebuilds every below row from the own rows (every metric, the bumped ones included): the backfill below, and the
-- last step of report_recount().
CREATE FUNCTION report_rebuild_below() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_counter_below;
  INSERT INTO report_counter_below (grain, bucket, unit_id, unit_path, procedure_id, received, received_desk, received_online, received_postal, received_full_eligible, received_online_full, received_with_fee, result_by_post, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_national, resolved_online, resolved_online_late, returned, returned_post, apologies, apologies_late, digitised, e_result, paid_online, satisfaction_sum, satisfaction_count, satisfied_count)
  SELECT r.grain, r.bucket, a.unit_id, min(a.unit_path), r.procedure_id,
         sum(received), sum(received_desk), sum(received_online), sum(received_postal), sum(received_full_eligible), sum(received_online_full), sum(received_with_fee), sum(result_by_post), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(resolved_late_national), sum(resolved_online), sum(resolved_online_late), sum(returned), sum(returned_post), sum(apologies), sum(apologies_late), sum(digitised), sum(e_result), sum(paid_online), sum(satisfaction_sum), sum(satisfaction_count), sum(satisfied_count)
    FROM report_counter r CROSS JOIN LATERAL report_ancestors(r.unit_path) a
   GROUP BY 1, 2, 3, 5
   ORDER BY 1, 3, 2, 5;
END $$;
COMMENT ON FUNCTION report_rebuild_below() IS 'Tính lại bộ đếm cộng dồn cấp dưới từ bộ đếm của từng đơn vị / Rebuilds the below-sums from the own rows';

-- report_recount() as in migration 20261209050000, then the below rows from the recounted own rows.
CREATE OR REPLACE FUNCTION report_recount() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE dossier IN SHARE MODE;
  UPDATE report_counter SET received = 0, received_desk = 0, received_online = 0, received_postal = 0, received_full_eligible = 0,
    received_online_full = 0, received_with_fee = 0, result_by_post = 0, resolved = 0, resolved_early = 0, resolved_on_time = 0,
    resolved_late = 0, resolved_late_national = 0, resolved_online = 0, resolved_online_late = 0, returned = 0, returned_post = 0,
    apologies = 0, apologies_late = 0, digitised = 0, e_result = 0;
  WITH c AS (
    SELECT d.resolving_unit_id AS unit_id, d.resolving_path AS unit_path, d.procedure_id, x.*
      FROM dossier d JOIN procedure p ON p.id = d.procedure_id
      CROSS JOIN LATERAL report_dossier_contrib(d, p.online_level = 'full') x
  ), g AS (
    SELECT gr.grain, report_bucket(gr.grain, c.day) AS bucket, c.unit_id,
           min(c.unit_path) AS unit_path,
           CASE WHEN gr.grain IN ('d', 'w', 'm') THEN c.procedure_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END AS procedure_id,
           sum(received) received, sum(received_desk) received_desk, sum(received_online) received_online, sum(received_postal) received_postal,
           sum(received_full_eligible) received_full_eligible, sum(received_online_full) received_online_full,
           sum(received_with_fee) received_with_fee, sum(result_by_post) result_by_post, sum(resolved) resolved,
           sum(resolved_early) resolved_early, sum(resolved_on_time) resolved_on_time, sum(resolved_late) resolved_late,
           sum(resolved_late_national) resolved_late_national, sum(resolved_online) resolved_online,
           sum(resolved_online_late) resolved_online_late, sum(returned) returned, sum(returned_post) returned_post
      FROM c CROSS JOIN (VALUES ('d'), ('w'), ('m'), ('D'), ('W'), ('M')) AS gr(grain)
     GROUP BY 1, 2, 3, 5
  )
  INSERT INTO report_counter AS r (grain, bucket, unit_id, unit_path, procedure_id, received, received_desk, received_online, received_postal,
      received_full_eligible, received_online_full, received_with_fee, result_by_post, resolved, resolved_early, resolved_on_time,
      resolved_late, resolved_late_national, resolved_online, resolved_online_late, returned, returned_post)
  SELECT * FROM g ORDER BY grain, bucket, unit_path
  ON CONFLICT (grain, unit_id, procedure_id, bucket) DO UPDATE SET
    received = EXCLUDED.received, received_desk = EXCLUDED.received_desk, received_online = EXCLUDED.received_online,
    received_postal = EXCLUDED.received_postal, received_full_eligible = EXCLUDED.received_full_eligible,
    received_online_full = EXCLUDED.received_online_full, received_with_fee = EXCLUDED.received_with_fee,
    result_by_post = EXCLUDED.result_by_post, resolved = EXCLUDED.resolved, resolved_early = EXCLUDED.resolved_early,
    resolved_on_time = EXCLUDED.resolved_on_time, resolved_late = EXCLUDED.resolved_late,
    resolved_late_national = EXCLUDED.resolved_late_national, resolved_online = EXCLUDED.resolved_online,
    resolved_online_late = EXCLUDED.resolved_online_late, returned = EXCLUDED.returned, returned_post = EXCLUDED.returned_post;
  -- Apologies, first component scans and first result files, as the row triggers count them.
  PERFORM report_bump(d.resolving_unit_id, d.procedure_id, a.at, 'apologies', 1)
     FROM dossier_action a JOIN dossier d ON d.id = a.dossier_id WHERE a.action = 'apologise';
  PERFORM report_bump(d.resolving_unit_id, d.procedure_id, a.at, 'apologies_late', 1)
     FROM dossier_action a JOIN dossier d ON d.id = a.dossier_id WHERE a.action = 'apologise' AND (a.data->>'late')::boolean;
  PERFORM report_bump(d.resolving_unit_id, d.procedure_id, d.received_at, CASE f.kind WHEN 'component' THEN 'digitised' ELSE 'e_result' END, 1)
     FROM (SELECT DISTINCT dossier_id, kind FROM dossier_file) f JOIN dossier d ON d.id = f.dossier_id WHERE d.received_at IS NOT NULL;
  DELETE FROM report_open;
  INSERT INTO report_open (unit_id, unit_path, procedure_id, due_hour, n)
  SELECT d.resolving_unit_id, min(d.resolving_path), d.procedure_id, report_open_bucket(d), count(*)
    FROM dossier d WHERE report_open_bucket(d) IS NOT NULL
   GROUP BY d.resolving_unit_id, d.procedure_id, report_open_bucket(d);
  -- The below rows from the recounted own rows.
  PERFORM report_rebuild_below();
END $$;

SELECT report_rebuild_below();
ANALYZE report_counter_below;

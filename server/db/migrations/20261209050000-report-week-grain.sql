-- Week rows for the report counters (issue 12): a range with ragged months (Biểu 06 from 15/07 to 20/10) read every
-- day of its ragged ends from the day rows — per procedure that is units × procedures rows a day, ~500 k rows at
-- 10 million dossiers. Grains w (per procedure) and W (all procedures) hold whole weeks, cut at month boundaries:
-- the bucket of a day is the Monday of its ISO week, or the 1st of its month when the week began in the month before.
-- So days nest in week parts and week parts nest in months, and any range is read as at most 6 head days + week parts
-- + whole months + week parts + at most 6 tail days (planRange in reports.rules.ts).
-- The week rows are written with the day and month rows by the same functions in the same transaction (report_apply
-- from the dossier trigger, report_bump from the other modules, report_recount), and filled here from the day rows.

ALTER TABLE report_counter DROP CONSTRAINT report_counter_grain_check;
ALTER TABLE report_counter ADD CONSTRAINT report_counter_grain_check CHECK (grain IN ('d', 'w', 'm', 'D', 'W', 'M'));
ALTER TABLE report_counter DROP CONSTRAINT report_counter_check;
ALTER TABLE report_counter ADD CONSTRAINT report_counter_check
  CHECK ((grain IN ('D', 'W', 'M')) = (procedure_id = '00000000-0000-0000-0000-000000000000'));
CREATE TABLE report_counter_week PARTITION OF report_counter FOR VALUES IN ('w');
CREATE TABLE report_counter_week_total PARTITION OF report_counter FOR VALUES IN ('W');
COMMENT ON TABLE report_counter_week IS 'Bộ đếm theo tuần (cắt theo tháng) và thủ tục / Counters per week part (cut at month ends) and procedure';
COMMENT ON TABLE report_counter_week_total IS 'Bộ đếm theo tuần (cắt theo tháng), mọi thủ tục / Counters per week part, all procedures';
COMMENT ON COLUMN report_counter.grain IS 'd = ngày, w = tuần trong tháng (bucket là thứ Hai, hoặc ngày 1 nếu tuần bắt đầu từ tháng trước), m = tháng (bucket là ngày đầu tháng) theo thủ tục; D, W, M = mọi thủ tục cộng lại (procedure_id rỗng) / d = day, w = week part (bucket = its Monday, or the 1st when the week began the month before), m = month (bucket = first day) per procedure; D, W, M = all procedures (nil procedure_id)';

-- The bucket of a day in a grain. Pure date arithmetic (no session time zone).
CREATE FUNCTION report_bucket(grain char, day date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN grain IN ('d', 'D') THEN day
    WHEN grain IN ('w', 'W') THEN greatest(day - (extract(isodow FROM day)::int - 1), (day - (extract(day FROM day)::int - 1)))
    ELSE day - (extract(day FROM day)::int - 1)
  END
$$;
COMMENT ON FUNCTION report_bucket(char, date) IS 'Ô thời gian của một ngày theo độ mịn (ngày, tuần trong tháng, tháng) / The bucket of a day in a grain';

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
  )
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
  EXECUTE format(
    'INSERT INTO report_counter AS r (grain, bucket, unit_id, unit_path, procedure_id, %1$I)
     SELECT g.grain, report_bucket(g.grain, $1), $2, $3, CASE WHEN g.grain IN (''d'', ''w'', ''m'') THEN $4 ELSE $6 END, $5
       FROM (VALUES (''d''), (''w''), (''m''), (''D''), (''W''), (''M'')) AS g(grain)
     ON CONFLICT (grain, unit_id, procedure_id, bucket) DO UPDATE SET %1$I = r.%1$I + EXCLUDED.%1$I', p_metric)
    USING vn_day(p_at), p_unit, path, p_procedure, p_delta, '00000000-0000-0000-0000-000000000000'::uuid;
END $$;

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
END $$;

-- The week rows of what is already counted, from the day rows (every metric, the bumped ones included).
INSERT INTO report_counter (grain, bucket, unit_id, unit_path, procedure_id, received, received_desk, received_online, received_postal, received_full_eligible, received_online_full, received_with_fee, result_by_post, resolved, resolved_early, resolved_on_time, resolved_late, resolved_late_national, resolved_online, resolved_online_late, returned, returned_post, apologies, apologies_late, digitised, e_result, paid_online, satisfaction_sum, satisfaction_count, satisfied_count)
SELECT CASE grain WHEN 'd' THEN 'w' ELSE 'W' END, report_bucket('w', bucket), unit_id, min(unit_path), procedure_id,
       sum(received), sum(received_desk), sum(received_online), sum(received_postal), sum(received_full_eligible), sum(received_online_full), sum(received_with_fee), sum(result_by_post), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(resolved_late_national), sum(resolved_online), sum(resolved_online_late), sum(returned), sum(returned_post), sum(apologies), sum(apologies_late), sum(digitised), sum(e_result), sum(paid_online), sum(satisfaction_sum), sum(satisfaction_count), sum(satisfied_count)
  FROM report_counter WHERE grain IN ('d', 'D')
 GROUP BY 1, 2, 3, 5
 -- In unit path order: the indexes of the new partitions grow at their right edge, or nearly, instead of being read back
 -- page by page (shared_buffers is small beside them at millions of rows).
 ORDER BY 1, 4, 5, 2;
ANALYZE report_counter_week, report_counter_week_total;

-- Late dossiers always get their letter (issue 15): an apology issued after the legal window (one working day before the
-- due time, ND 61/2018 Điều 19 k9) is recorded with data.late = true and counted apart, so a report shows how many
-- letters came late. The bump list, the action trigger and the recount learn the new counter.
ALTER TABLE report_counter ADD COLUMN apologies_late bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN report_counter.apologies_late IS 'Văn bản xin lỗi phát hành muộn (sau hạn 01 ngày làm việc trước hạn trả) / Apology letters issued late';

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
     VALUES (''d'', $1, $2, $3, $4, $5), (''m'', date_trunc(''month'', $1)::date, $2, $3, $4, $5),
            (''D'', $1, $2, $3, $6, $5), (''M'', date_trunc(''month'', $1)::date, $2, $3, $6, $5)
     ON CONFLICT (grain, unit_id, procedure_id, bucket) DO UPDATE SET %1$I = r.%1$I + EXCLUDED.%1$I', p_metric)
    USING vn_day(p_at), p_unit, path, p_procedure, p_delta, '00000000-0000-0000-0000-000000000000'::uuid;
END $$;

CREATE OR REPLACE FUNCTION report_action_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.action = 'apologise' THEN
    PERFORM report_bump(d.resolving_unit_id, d.procedure_id, NEW.at, 'apologies', 1) FROM dossier d WHERE d.id = NEW.dossier_id;
    IF coalesce((NEW.data->>'late')::boolean, false) THEN
      PERFORM report_bump(d.resolving_unit_id, d.procedure_id, NEW.at, 'apologies_late', 1) FROM dossier d WHERE d.id = NEW.dossier_id;
    END IF;
  END IF;
  RETURN NULL;
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
    SELECT gr.grain, CASE WHEN gr.grain IN ('d', 'D') THEN c.day ELSE date_trunc('month', c.day)::date END AS bucket, c.unit_id,
           min(c.unit_path) AS unit_path,
           CASE WHEN gr.grain IN ('d', 'm') THEN c.procedure_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END AS procedure_id,
           sum(received) received, sum(received_desk) received_desk, sum(received_online) received_online, sum(received_postal) received_postal,
           sum(received_full_eligible) received_full_eligible, sum(received_online_full) received_online_full,
           sum(received_with_fee) received_with_fee, sum(result_by_post) result_by_post, sum(resolved) resolved,
           sum(resolved_early) resolved_early, sum(resolved_on_time) resolved_on_time, sum(resolved_late) resolved_late,
           sum(resolved_late_national) resolved_late_national, sum(resolved_online) resolved_online,
           sum(resolved_online_late) resolved_online_late, sum(returned) returned, sum(returned_post) returned_post
      FROM c CROSS JOIN (VALUES ('d'), ('m'), ('D'), ('M')) AS gr(grain)
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

-- Who signs the letters of a unit in the name of the competent agency: its head, or a deputy authorised to sign
-- ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"). Set by the administrator; the apology letter records the signer when issued.
CREATE TABLE unit_signatory (
  unit_id uuid PRIMARY KEY REFERENCES unit (id),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  head_title text NOT NULL CHECK (length(head_title) BETWEEN 2 AND 120),
  deputy_title text CHECK (deputy_title IS NULL OR length(deputy_title) BETWEEN 2 AND 120),
  updated_at timestamptz NOT NULL,
  updated_by uuid
);
COMMENT ON TABLE unit_signatory IS 'Người ký văn bản của đơn vị (thủ trưởng hoặc cấp phó được ủy quyền, ký thay) / Who signs for the unit';
COMMENT ON COLUMN unit_signatory.deputy_title IS 'Chức danh cấp phó ký thay (KT.); NULL khi thủ trưởng ký / Deputy title when a deputy signs';

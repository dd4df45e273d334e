-- Reports (báo cáo): counters kept in the same transaction as every dossier change, so a report over millions of
-- dossiers reads a few thousand counter rows instead of counting dossiers (DESIGN.md §6).
--
-- A dossier's contribution to the counters is a pure function of its row (report_dossier_contrib). The trigger on
-- `dossier` subtracts the contribution of the old row and adds that of the new one, whatever module made the change
-- (desk intake, online portal, postal intake, payments…): the counters stay exact by construction, and
-- report_recount() rebuilds them from the dossiers with the very same function.
--
-- Every dossier counts at its resolving unit (cơ quan trực tiếp giải quyết, Biểu 06/VPCP/KSTT of Thông tư 01/2020);
-- a report for a unit sums the rows whose unit path starts with the unit's path (its subtree). Units keep their
-- history: a merged unit's dossiers stay on its rows and its path.

CREATE TABLE report_counter (
  grain char(1) NOT NULL CHECK (grain IN ('d', 'm', 'D', 'M')),
  bucket date NOT NULL,
  unit_id uuid NOT NULL REFERENCES unit (id),
  unit_path text NOT NULL,
  -- No foreign key: the rows of grains D and M (all procedures together) carry the nil uuid.
  procedure_id uuid NOT NULL CHECK ((grain IN ('D', 'M')) = (procedure_id = '00000000-0000-0000-0000-000000000000')),
  received bigint NOT NULL DEFAULT 0,
  received_desk bigint NOT NULL DEFAULT 0,
  received_online bigint NOT NULL DEFAULT 0,
  received_postal bigint NOT NULL DEFAULT 0,
  received_full_eligible bigint NOT NULL DEFAULT 0,
  received_online_full bigint NOT NULL DEFAULT 0,
  received_with_fee bigint NOT NULL DEFAULT 0,
  result_by_post bigint NOT NULL DEFAULT 0,
  resolved bigint NOT NULL DEFAULT 0,
  resolved_early bigint NOT NULL DEFAULT 0,
  resolved_on_time bigint NOT NULL DEFAULT 0,
  resolved_late bigint NOT NULL DEFAULT 0,
  resolved_late_national bigint NOT NULL DEFAULT 0,
  resolved_online bigint NOT NULL DEFAULT 0,
  resolved_online_late bigint NOT NULL DEFAULT 0,
  returned bigint NOT NULL DEFAULT 0,
  returned_post bigint NOT NULL DEFAULT 0,
  apologies bigint NOT NULL DEFAULT 0,
  digitised bigint NOT NULL DEFAULT 0,
  e_result bigint NOT NULL DEFAULT 0,
  paid_online bigint NOT NULL DEFAULT 0,
  satisfaction_sum bigint NOT NULL DEFAULT 0,
  satisfaction_count bigint NOT NULL DEFAULT 0,
  satisfied_count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, unit_id, procedure_id, bucket)
) PARTITION BY LIST (grain);
-- One partition per grain keeps the few month and all-procedure rows dense, whatever the number of day rows.
CREATE TABLE report_counter_day PARTITION OF report_counter FOR VALUES IN ('d');
CREATE TABLE report_counter_month PARTITION OF report_counter FOR VALUES IN ('m');
CREATE TABLE report_counter_day_total PARTITION OF report_counter FOR VALUES IN ('D');
CREATE TABLE report_counter_month_total PARTITION OF report_counter FOR VALUES IN ('M');
COMMENT ON TABLE report_counter_day IS 'Bộ đếm theo ngày và thủ tục / Counters per day and procedure';
COMMENT ON TABLE report_counter_month IS 'Bộ đếm theo tháng và thủ tục / Counters per month and procedure';
COMMENT ON TABLE report_counter_day_total IS 'Bộ đếm theo ngày, mọi thủ tục / Counters per day, all procedures';
COMMENT ON TABLE report_counter_month_total IS 'Bộ đếm theo tháng, mọi thủ tục / Counters per month, all procedures';
CREATE INDEX report_counter_path_idx ON report_counter (grain, unit_path text_pattern_ops, bucket);
CREATE INDEX report_counter_bucket_idx ON report_counter (grain, bucket);
COMMENT ON TABLE report_counter IS 'Bộ đếm báo cáo theo đơn vị giải quyết, thủ tục và ngày (d) / tháng (m), cập nhật cùng giao dịch với hồ sơ / Report counters per resolving unit, procedure and day or month, kept in the dossier''s transaction';
COMMENT ON COLUMN report_counter.grain IS 'd = ngày, m = tháng (bucket là ngày đầu tháng) theo thủ tục; D, M = mọi thủ tục cộng lại (procedure_id rỗng) / d = day, m = month (bucket = first day) per procedure; D, M = all procedures (nil procedure_id)';
COMMENT ON COLUMN report_counter.procedure_id IS 'Thủ tục; uuid rỗng ở hàng tổng D, M / Procedure; the nil uuid on the D, M total rows';
COMMENT ON COLUMN report_counter.bucket IS 'Ngày (giờ Việt Nam) của sự kiện / Vietnam-time day of the event';
COMMENT ON COLUMN report_counter.unit_path IS 'Đường dẫn đơn vị giải quyết, để cộng dồn theo cây / Resolving unit path, for subtree roll-up';
COMMENT ON COLUMN report_counter.received IS 'Hồ sơ tiếp nhận (theo ngày tiếp nhận) / Dossiers received (by receipt day)';
COMMENT ON COLUMN report_counter.received_desk IS 'Tiếp nhận trực tiếp / Received at the desk';
COMMENT ON COLUMN report_counter.received_online IS 'Tiếp nhận trực tuyến / Received online';
COMMENT ON COLUMN report_counter.received_postal IS 'Tiếp nhận qua bưu chính công ích (QĐ 45/2016) / Received by post';
COMMENT ON COLUMN report_counter.received_full_eligible IS 'Hồ sơ của thủ tục đủ điều kiện DVC toàn trình (NĐ 42/2022 Điều 11) / Dossiers of procedures offered fully online';
COMMENT ON COLUMN report_counter.received_online_full IS 'Hồ sơ trực tuyến toàn trình: nộp trực tuyến, kết quả trực tuyến hoặc qua bưu chính / Fully-online dossiers';
COMMENT ON COLUMN report_counter.received_with_fee IS 'Hồ sơ có phí, lệ phí (mẫu số của tỷ lệ thanh toán trực tuyến, QĐ 766 chỉ số 3.6) / Dossiers with a fee';
COMMENT ON COLUMN report_counter.result_by_post IS 'Hồ sơ đăng ký nhận kết quả qua bưu chính (theo ngày tiếp nhận) / Dossiers asking for the result by post';
COMMENT ON COLUMN report_counter.resolved IS 'Hồ sơ đã giải quyết (theo ngày kết thúc) / Dossiers resolved (by finish day)';
COMMENT ON COLUMN report_counter.resolved_early IS 'Giải quyết trước hạn / Resolved early';
COMMENT ON COLUMN report_counter.resolved_on_time IS 'Giải quyết đúng hạn / Resolved on time';
COMMENT ON COLUMN report_counter.resolved_late IS 'Giải quyết quá hạn / Resolved late';
COMMENT ON COLUMN report_counter.resolved_late_national IS 'Quá hạn theo cách tính của Cổng DVCQG (QĐ 766 chỉ số 2.1: quá hạn, hoặc yêu cầu bổ sung quá 1 lần) / Late under the national portal rule';
COMMENT ON COLUMN report_counter.resolved_online IS 'Hồ sơ trực tuyến đã giải quyết / Online dossiers resolved';
COMMENT ON COLUMN report_counter.resolved_online_late IS 'Hồ sơ trực tuyến giải quyết quá hạn / Online dossiers resolved late';
COMMENT ON COLUMN report_counter.returned IS 'Đã trả kết quả (theo ngày trả) / Results returned (by return day)';
COMMENT ON COLUMN report_counter.returned_post IS 'Trả kết quả qua bưu chính công ích / Results returned by post';
COMMENT ON COLUMN report_counter.apologies IS 'Văn bản xin lỗi, hẹn lại đã ban hành (theo ngày) / Apology letters issued';
COMMENT ON COLUMN report_counter.digitised IS 'Hồ sơ có thành phần được số hóa (theo ngày tiếp nhận; QĐ 766 chỉ số 4.2) / Dossiers with digitised components';
COMMENT ON COLUMN report_counter.e_result IS 'Hồ sơ có kết quả điện tử (theo ngày tiếp nhận; QĐ 766 chỉ số 4.1) / Dossiers with an electronic result';
COMMENT ON COLUMN report_counter.paid_online IS 'Hồ sơ thanh toán trực tuyến (do mô-đun thanh toán ghi qua report_bump) / Dossiers paid online (fed by the payments module)';
COMMENT ON COLUMN report_counter.satisfaction_sum IS 'Tổng điểm đánh giá (do mô-đun khảo sát ghi qua report_bump) / Sum of satisfaction scores';
COMMENT ON COLUMN report_counter.satisfaction_count IS 'Số lượt đánh giá / Number of ratings';
COMMENT ON COLUMN report_counter.satisfied_count IS 'Số lượt hài lòng hoặc rất hài lòng / Ratings satisfied or very satisfied';

-- Open dossiers (đang giải quyết) bucketed by due hour: overdue at instant T = the buckets that ended before T plus
-- the exact remainder of the current hour from the dossier index. Dossiers waiting for supplementation (clock paused)
-- and dossiers without a due time sit in the 'infinity' bucket: never overdue.
CREATE TABLE report_open (
  unit_id uuid NOT NULL REFERENCES unit (id),
  unit_path text NOT NULL,
  procedure_id uuid NOT NULL REFERENCES procedure (id),
  due_hour timestamptz NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, procedure_id, due_hour)
);
CREATE INDEX report_open_path_idx ON report_open (unit_path text_pattern_ops);
COMMENT ON TABLE report_open IS 'Hồ sơ đang giải quyết theo đơn vị, thủ tục và giờ đến hạn / Open dossiers by unit, procedure and due hour';
COMMENT ON COLUMN report_open.due_hour IS 'Giờ đến hạn (làm tròn xuống); infinity = đang chờ bổ sung hoặc chưa có hạn / Due hour; infinity = paused or no due time';
COMMENT ON COLUMN report_open.n IS 'Số hồ sơ / Number of dossiers';

-- End-of-day stock of open dossiers, taken by the nightly job: the on-time / overdue split of columns 12–13 of
-- Biểu 06 for a period that ended in the past (the totals come from the counters and stay exact).
CREATE TABLE report_open_snapshot (
  day date NOT NULL,
  unit_id uuid NOT NULL REFERENCES unit (id),
  unit_path text NOT NULL,
  procedure_id uuid NOT NULL REFERENCES procedure (id),
  open_total bigint NOT NULL,
  open_overdue bigint NOT NULL,
  PRIMARY KEY (day, unit_id, procedure_id)
);
CREATE INDEX report_open_snapshot_path_idx ON report_open_snapshot (day, unit_path text_pattern_ops);
COMMENT ON TABLE report_open_snapshot IS 'Ảnh chụp hồ sơ đang giải quyết cuối ngày (trong hạn / quá hạn) / End-of-day snapshot of open dossiers';
COMMENT ON COLUMN report_open_snapshot.day IS 'Ngày được chụp (tính đến 24 giờ) / Day whose end the snapshot describes';
COMMENT ON COLUMN report_open_snapshot.open_total IS 'Hồ sơ đang giải quyết / Open dossiers';
COMMENT ON COLUMN report_open_snapshot.open_overdue IS 'Trong đó quá hạn / Of which overdue';
COMMENT ON COLUMN report_open.unit_path IS 'Đường dẫn đơn vị giải quyết / Resolving unit path';

CREATE FUNCTION vn_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;
COMMENT ON FUNCTION vn_day(timestamptz) IS 'Ngày theo giờ Việt Nam / Calendar day in Vietnam time';

-- The row's contribution: one line per event day (receipt, finish, return) with its counter deltas.
CREATE FUNCTION report_dossier_contrib(d dossier, full_eligible boolean)
  RETURNS TABLE (day date, received int, received_desk int, received_online int, received_postal int, received_full_eligible int,
                 received_online_full int, received_with_fee int, result_by_post int, resolved int, resolved_early int,
                 resolved_on_time int, resolved_late int, resolved_late_national int, resolved_online int, resolved_online_late int,
                 returned int, returned_post int)
  LANGUAGE sql IMMUTABLE AS $$
  WITH f AS (
    -- Finish class: the one set at approval; withdrawals, stops and refusals compare the finish with the due time.
    SELECT coalesce(d.finish_class, CASE WHEN d.due_at IS NULL OR d.finished_at <= d.due_at THEN 'on_time' ELSE 'late' END) AS cls
  )
  SELECT vn_day(d.received_at), 1, (d.channel = 'desk')::int, (d.channel = 'online')::int, (d.channel = 'postal')::int,
         full_eligible::int, (full_eligible AND d.channel = 'online' AND d.result_delivery IN ('online', 'post'))::int,
         (d.fee_vnd > 0)::int, (d.result_delivery = 'post')::int, 0, 0, 0, 0, 0, 0, 0, 0, 0
   WHERE d.received_at IS NOT NULL
  UNION ALL
  SELECT vn_day(d.finished_at), 0, 0, 0, 0, 0, 0, 0, 0, 1, (f.cls = 'early')::int, (f.cls = 'on_time')::int, (f.cls = 'late')::int,
         -- QĐ 766 chỉ số 2.1: more than one supplementation request counts as late (waiting time is already excluded
         -- because the legal time restarts when the supplement arrives, ND 61/2018 Điều 19 k4).
         (f.cls = 'late' OR d.supplement_count > 1)::int,
         (d.channel = 'online')::int, (d.channel = 'online' AND f.cls = 'late')::int, 0, 0
    FROM f WHERE d.received_at IS NOT NULL AND d.finished_at IS NOT NULL
  UNION ALL
  SELECT vn_day(d.returned_at), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (d.result_delivery = 'post')::int
   WHERE d.received_at IS NOT NULL AND d.returned_at IS NOT NULL
$$;
COMMENT ON FUNCTION report_dossier_contrib(dossier, boolean) IS 'Phần đóng góp của một hồ sơ vào bộ đếm báo cáo / What one dossier row adds to the report counters';

-- The open bucket of a row, or nothing when the dossier is not open.
CREATE FUNCTION report_open_bucket(d dossier) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN d.status NOT IN ('received', 'processing', 'interagency', 'supplement_requested') OR d.received_at IS NULL THEN NULL
    WHEN d.status = 'supplement_requested' OR d.due_at IS NULL THEN 'infinity'::timestamptz
    ELSE date_trunc('hour', d.due_at, 'UTC') -- explicit zone: the same buckets whatever the session's time zone
  END
$$;

CREATE FUNCTION report_full_eligible(procedure_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT online_level = 'full' FROM procedure WHERE id = procedure_id), false)
$$;

-- Adds the differences in one ordered upsert (rows are locked in key order: no deadlock between two dossiers).
CREATE FUNCTION report_apply(o dossier, n dossier) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH c AS (
    SELECT -1 AS sign, o.resolving_unit_id AS unit_id, o.resolving_path AS unit_path, o.procedure_id, x.*
      FROM report_dossier_contrib(o, report_full_eligible(o.procedure_id)) x WHERE o.id IS NOT NULL
    UNION ALL
    SELECT 1, n.resolving_unit_id, n.resolving_path, n.procedure_id, x.*
      FROM report_dossier_contrib(n, report_full_eligible(n.procedure_id)) x WHERE n.id IS NOT NULL
  ), g AS (
    SELECT gr.grain, CASE WHEN gr.grain IN ('d', 'D') THEN c.day ELSE date_trunc('month', c.day)::date END AS bucket, c.unit_id,
           min(c.unit_path) AS unit_path,
           CASE WHEN gr.grain IN ('d', 'm') THEN c.procedure_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END AS procedure_id,
           sum(sign * received) received, sum(sign * received_desk) received_desk, sum(sign * received_online) received_online,
           sum(sign * received_postal) received_postal, sum(sign * received_full_eligible) received_full_eligible,
           sum(sign * received_online_full) received_online_full, sum(sign * received_with_fee) received_with_fee,
           sum(sign * result_by_post) result_by_post, sum(sign * resolved) resolved, sum(sign * resolved_early) resolved_early,
           sum(sign * resolved_on_time) resolved_on_time, sum(sign * resolved_late) resolved_late,
           sum(sign * resolved_late_national) resolved_late_national, sum(sign * resolved_online) resolved_online,
           sum(sign * resolved_online_late) resolved_online_late, sum(sign * returned) returned, sum(sign * returned_post) returned_post
      FROM c CROSS JOIN (VALUES ('d'), ('m'), ('D'), ('M')) AS gr(grain)
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

CREATE FUNCTION report_dossier_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  empty dossier;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM report_apply(empty, NEW);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM report_apply(OLD, empty);
  ELSIF (OLD.resolving_unit_id, OLD.resolving_path, OLD.procedure_id, OLD.channel, OLD.status, OLD.received_at, OLD.due_at, OLD.finished_at,
         OLD.finish_class, OLD.returned_at, OLD.result_delivery, OLD.supplement_count, OLD.fee_vnd)
        IS DISTINCT FROM
        (NEW.resolving_unit_id, NEW.resolving_path, NEW.procedure_id, NEW.channel, NEW.status, NEW.received_at, NEW.due_at, NEW.finished_at,
         NEW.finish_class, NEW.returned_at, NEW.result_delivery, NEW.supplement_count, NEW.fee_vnd) THEN
    PERFORM report_apply(OLD, NEW);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_report_counters AFTER INSERT OR UPDATE OR DELETE ON dossier
  FOR EACH ROW EXECUTE FUNCTION report_dossier_trigger();

/*
 * report_bump(unit, procedure, instant, metric, delta): the one way other modules add to a counter that is not derived
 * from the dossier row. Call it from their own trigger or in their transaction, e.g.
 *   payments:  PERFORM report_bump(d.resolving_unit_id, d.procedure_id, d.received_at, 'paid_online', 1);   (QĐ 766 chỉ số 3.6)
 *   surveys:   PERFORM report_bump(d.resolving_unit_id, d.procedure_id, rating.at, 'satisfaction_sum', rating.score);
 *              PERFORM report_bump(…, 'satisfaction_count', 1); PERFORM report_bump(…, 'satisfied_count', 1)  (chỉ số 5.4)
 * The metric is checked against the list of bumpable columns; the day and month rows, per procedure and in total, move together.
 */
CREATE FUNCTION report_bump(p_unit uuid, p_procedure uuid, p_at timestamptz, p_metric text, p_delta bigint) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  path text;
BEGIN
  IF p_metric NOT IN ('apologies', 'digitised', 'e_result', 'paid_online', 'satisfaction_sum', 'satisfaction_count', 'satisfied_count') THEN
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
COMMENT ON FUNCTION report_bump(uuid, uuid, timestamptz, text, bigint) IS 'Cộng một chỉ tiêu báo cáo không suy ra từ hồ sơ (thanh toán trực tuyến, đánh giá hài lòng…) / Adds to a report counter not derived from the dossier row';

-- Apology letters (ND 61/2018 Điều 19 k9) count on the day they are issued, from the action log.
CREATE FUNCTION report_action_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.action = 'apologise' THEN
    PERFORM report_bump(d.resolving_unit_id, d.procedure_id, NEW.at, 'apologies', 1) FROM dossier d WHERE d.id = NEW.dossier_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_action_report_counters AFTER INSERT ON dossier_action
  FOR EACH ROW EXECUTE FUNCTION report_action_trigger();

-- Digitisation (QĐ 766 chỉ số 4.1, 4.2): the first component scan and the first result file of a dossier count once,
-- on the dossier's receipt day.
CREATE FUNCTION report_file_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dossier_file f WHERE f.dossier_id = NEW.dossier_id AND f.kind = NEW.kind AND f.sha256 <> NEW.sha256) THEN
    PERFORM report_bump(d.resolving_unit_id, d.procedure_id, d.received_at, CASE NEW.kind WHEN 'component' THEN 'digitised' ELSE 'e_result' END, 1)
       FROM dossier d WHERE d.id = NEW.dossier_id AND d.received_at IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_file_report_counters AFTER INSERT ON dossier_file
  FOR EACH ROW EXECUTE FUNCTION report_file_trigger();

-- Rebuilds the derived counters from the dossiers (after a bulk load with the trigger disabled, or to verify them).
-- Counters fed only through report_bump (payments, ratings) are kept.
CREATE FUNCTION report_recount() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE dossier IN SHARE MODE;
  UPDATE report_counter SET received = 0, received_desk = 0, received_online = 0, received_postal = 0, received_full_eligible = 0,
    received_online_full = 0, received_with_fee = 0, result_by_post = 0, resolved = 0, resolved_early = 0, resolved_on_time = 0,
    resolved_late = 0, resolved_late_national = 0, resolved_online = 0, resolved_online_late = 0, returned = 0, returned_post = 0,
    apologies = 0, digitised = 0, e_result = 0;
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
  PERFORM report_bump(d.resolving_unit_id, d.procedure_id, d.received_at, CASE f.kind WHEN 'component' THEN 'digitised' ELSE 'e_result' END, 1)
     FROM (SELECT DISTINCT dossier_id, kind FROM dossier_file) f JOIN dossier d ON d.id = f.dossier_id WHERE d.received_at IS NOT NULL;
  DELETE FROM report_open;
  INSERT INTO report_open (unit_id, unit_path, procedure_id, due_hour, n)
  SELECT d.resolving_unit_id, min(d.resolving_path), d.procedure_id, report_open_bucket(d), count(*)
    FROM dossier d WHERE report_open_bucket(d) IS NOT NULL
   GROUP BY d.resolving_unit_id, d.procedure_id, report_open_bucket(d);
END $$;
COMMENT ON FUNCTION report_recount() IS 'Tính lại bộ đếm báo cáo từ hồ sơ (sau khi nạp hàng loạt) / Rebuilds the report counters from the dossiers';

-- Targets per unit and year (chỉ tiêu), e.g. online-received rate 30 % for departments, 40 % for communes.
CREATE TABLE report_target (
  unit_id uuid NOT NULL REFERENCES unit (id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  indicator text NOT NULL CHECK (indicator IN ('online_rate', 'on_time_rate', 'digitised_rate', 'online_payment_rate', 'postal_return_rate')),
  target_pct numeric(5, 2) NOT NULL CHECK (target_pct BETWEEN 0 AND 100),
  set_by uuid REFERENCES staff_user (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, year, indicator)
);
COMMENT ON TABLE report_target IS 'Chỉ tiêu năm của đơn vị (tỷ lệ hồ sơ trực tuyến, đúng hạn…) / Yearly targets per unit';
COMMENT ON COLUMN report_target.target_pct IS 'Chỉ tiêu, phần trăm / Target in per cent';
COMMENT ON COLUMN report_target.indicator IS 'Chỉ số được giao (tỷ lệ trực tuyến, đúng hạn, số hóa, thanh toán trực tuyến, trả qua bưu chính) / Indicator';
COMMENT ON COLUMN report_target.set_by IS 'Người giao chỉ tiêu / Who set it';

-- The daily quick report (báo cáo nhanh 16 giờ), kept so the console lists past reports.
CREATE TABLE report_daily (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit (id),
  day date NOT NULL,
  produced_at timestamptz NOT NULL,
  data jsonb NOT NULL,
  UNIQUE (unit_id, day)
);
COMMENT ON TABLE report_daily IS 'Báo cáo nhanh hằng ngày đã lập, gửi văn phòng tổng hợp / Daily quick reports produced and sent';
COMMENT ON COLUMN report_daily.day IS 'Ngày báo cáo (giờ Việt Nam) / Report day (Vietnam)';
COMMENT ON COLUMN report_daily.produced_at IS 'Thời điểm lập (lần gần nhất) / When it was (last) produced';
COMMENT ON COLUMN report_daily.data IS 'Số liệu của báo cáo tại thời điểm lập (các đơn vị trực thuộc) / The figures at production time';

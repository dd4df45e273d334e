/**
 * Data generator for the work-queue benchmark (issue 12): several provinces in the two-level layout of 2025
 * (province → communes and departments), each commune with its one-stop desk and an office, each department with two
 * offices, the province's public-administration centre desk; 80 procedures per province (50 commune-level, 30
 * province-level); `dossiers` dossiers spread over three years with skewed sizes (large and small provinces, busy and
 * quiet communes, a few procedures taking most dossiers), Vietnamese names weighted like the population (Nguyễn ≈ 38 %),
 * CCCD and phone numbers, three steps each with their log (acceptance, forwards, a few send-backs); dossiers older than
 * a month are closed, recent ones open in every state.
 *
 * Fast: units and procedures by generate_series, dossiers and their steps by `INSERT … SELECT generate_series` in
 * batches with foreign keys and triggers off (session_replication_role = replica), each batch's scope rows
 * from `dossier_member_units` (migration 20261203130000, what the triggers keep) and at the end the tab counters.
 * Report counters are not rebuilt (this benchmark reads queues; bench/reports-data.ts covers reports).
 */
import type pg from 'pg';

export type QueueProvince = { id: string; path: string; code: string };
export type GeneratedQueues = { provinces: QueueProvince[]; dossiers: number; loadSeconds: number; scopeSeconds: number; scopeRows: number };

const family = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 3], ['Phan', 4.5], ['Vũ', 3.9], ['Võ', 2.5], ['Đặng', 2.1],
  ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.6], ['Trịnh', 0.5], ['Mai', 0.4], ['Lương', 0.4],
] as const;
const middleMale = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Xuân', 'Hoàng', 'Công', 'Gia', 'Tuấn', 'Ngọc'];
const middleFemale = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Kim', 'Minh', 'Phương', 'Bảo', 'Hồng', 'Diệu'];
const givenMale = ['An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Kiên', 'Long', 'Lâm', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quang', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trung', 'Tú', 'Tuấn', 'Việt', 'Vinh'];
const givenFemale = ['An', 'Anh', 'Châu', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huyền', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thu', 'Thủy', 'Trang', 'Uyên', 'Vân', 'Yến'];
const lit = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]::text[]`;

export async function generateQueueData(
  db: pg.Pool,
  o: { dossiers: number; provinces?: number; communes?: number; now: Date; tag?: string; years?: number },
  log: (m: string) => void = () => {},
): Promise<GeneratedQueues> {
  const P = o.provinces ?? 3;
  const C = o.communes ?? 100;
  const tag = o.tag ?? 'Q';
  const t0 = performance.now();
  // Units: province, its centre desk, departments with two offices, communes with a desk and an office.
  const provinces: QueueProvince[] = [];
  for (let p = 1; p <= P; p++) {
    const code = `000.00.00.${tag}${String(p).padStart(2, '0')}`;
    const { rows } = await db.query<{ id: string; path: string }>(
      `WITH id AS (SELECT gen_random_uuid() AS id)
       INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at) SELECT id, $1, $2, 'province', NULL, '/' || id || '/', 1, $3 FROM id RETURNING id, path`,
      [code, `Tỉnh Thử Nghiệm ${p}`, o.now],
    );
    const prov = { ...rows[0]!, code };
    provinces.push(prov);
    const lvl = `${tag}${String(p).padStart(2, '0')}`;
    await db.query(
      `WITH kids AS (
         SELECT gen_random_uuid() AS id, 'desk' AS kind, '000.00.99.' || $3 AS code, 'Trung tâm Phục vụ hành chính công tỉnh ' || $4 AS name, 0 AS g
         UNION ALL SELECT gen_random_uuid(), 'department', '000.' || lpad(g::text, 2, '0') || '.00.' || $3, 'Sở thử ' || g, g FROM generate_series(1, 15) g
         UNION ALL SELECT gen_random_uuid(), 'commune', '000.00.' || lpad(g::text, 3, '0') || '.' || $3, 'Xã Thử ' || g, g FROM generate_series(1, $5::int) g)
       INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at) SELECT id, code, name, kind, $1, $2 || id || '/', 2, $6 FROM kids`,
      [prov.id, prov.path, lvl, p, C, o.now],
    );
    await db.query(
      `WITH kids AS (
         SELECT gen_random_uuid() AS id, u.id AS parent, u.path, 'office' AS kind, replace(u.code, '.00.', '.1' || g || '.') AS code, 'Phòng nghiệp vụ ' || g || ' ' || u.name AS name
           FROM unit u CROSS JOIN generate_series(1, 2) g WHERE u.parent_id = $1 AND u.kind = 'department'
         UNION ALL
         SELECT gen_random_uuid(), u.id, u.path, k.kind, u.code || '.' || k.s, k.n || ' ' || u.name
           FROM unit u CROSS JOIN (VALUES ('desk', 'MC', 'Bộ phận một cửa'), ('office', 'VX', 'Phòng Văn hóa - Xã hội')) k(kind, s, n)
          WHERE u.parent_id = $1 AND u.kind = 'commune')
       INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at) SELECT id, replace(code, 'MC', '1') , name, kind, parent, path || id || '/', 3, $2 FROM kids`,
      [prov.id, o.now],
    );
    await db.query(
      `WITH pr AS (
         INSERT INTO procedure (owner_unit_id, code, status, name, field, level, agency, online_level, processing_time, fee_total_vnd, postal_intake, postal_return, created_at, updated_at)
         SELECT $1, $2 || '.' || g, 'published', 'Thủ tục thử ' || g, 'Lĩnh vực ' || (g % 12), CASE WHEN g <= 50 THEN 'commune' ELSE 'province' END,
                'Cơ quan thử', CASE WHEN g % 3 = 0 THEN 'full' ELSE 'partial' END, '{"amount": 5, "unit": "working_day"}', (g % 4) * 10000, true, true, $3, $3
           FROM generate_series(1, 80) g RETURNING id)
       INSERT INTO procedure_version (procedure_id, version_no, state, content, effective_from, published_at, created_at)
       SELECT id, 1, 'published', '{}', '2024-01-01', $3, $3 FROM pr`,
      [prov.id, `BQ${lvl}`, o.now],
    );
  }
  await db.query(`UPDATE procedure p SET current_version_id = v.id FROM procedure_version v WHERE v.procedure_id = p.id AND p.current_version_id IS NULL`);
  const ids = provinces.map((p) => p.id);
  // Lookup tables numbered from 0, so each generated row picks its units and procedure by arithmetic.
  await db.query(`DROP TABLE IF EXISTS bq_commune, bq_dept, bq_centre, bq_proc, bq_name`);
  await db.query(
    `CREATE TABLE bq_commune AS
     SELECT array_position($1::uuid[], c.parent_id) - 1 AS p, row_number() OVER (PARTITION BY c.parent_id ORDER BY c.code) - 1 AS i,
            c.id, c.path, dk.id AS desk_id, dk.path AS desk_path, dk.code AS desk_code, of.id AS office_id
       FROM unit c JOIN unit dk ON dk.parent_id = c.id AND dk.kind = 'desk' JOIN unit of ON of.parent_id = c.id AND of.kind = 'office'
      WHERE c.parent_id = ANY ($1) AND c.kind = 'commune'`,
    [ids],
  );
  await db.query(
    `CREATE TABLE bq_dept AS
     SELECT array_position($1::uuid[], d.parent_id) - 1 AS p, row_number() OVER (PARTITION BY d.parent_id ORDER BY d.code) - 1 AS i, d.id, d.path,
            (SELECT min(o.id::text)::uuid FROM unit o WHERE o.parent_id = d.id) AS office_id
       FROM unit d WHERE d.parent_id = ANY ($1) AND d.kind = 'department'`,
    [ids],
  );
  await db.query(
    `CREATE TABLE bq_centre AS SELECT array_position($1::uuid[], u.parent_id) - 1 AS p, u.id, u.path, u.code FROM unit u WHERE u.parent_id = ANY ($1) AND u.kind = 'desk'`,
    [ids],
  );
  await db.query(
    `CREATE TABLE bq_proc AS
     SELECT array_position($1::uuid[], p.owner_unit_id) - 1 AS p, (row_number() OVER (PARTITION BY p.owner_unit_id, p.level ORDER BY split_part(p.code, '.', 2)::int) - 1)::int AS i,
            p.level, p.id, v.id AS version_id, p.name, p.fee_total_vnd
       FROM procedure p JOIN procedure_version v ON v.procedure_id = p.id WHERE p.owner_unit_id = ANY ($1)`,
    [ids],
  );
  // Family names by population share: a cumulative table looked up by a uniform draw in [0, 100).
  let acc = 0;
  const total = family.reduce((s, [, w]) => s + w, 0);
  await db.query(`CREATE TABLE bq_name (lo numeric, hi numeric, family text)`);
  await db.query(`INSERT INTO bq_name VALUES ${family.map(([f, w]) => `(${(acc / total) * 100}, ${((acc += w) / total) * 100}, '${f}')`).join(', ')}`);
  await db.query(`CREATE INDEX ON bq_commune (p, i); CREATE INDEX ON bq_dept (p, i); CREATE INDEX ON bq_proc (p, level, i); ANALYZE bq_commune, bq_dept, bq_centre, bq_proc, bq_name`);
  const { rows: ap } = await db.query<{ id: string }>(
    `INSERT INTO applicant (kind, id_number, full_name, created_at, updated_at) VALUES ('citizen', '001099000000', 'Người nộp thử', $1, $1)
     ON CONFLICT (kind, id_number) DO UPDATE SET full_name = EXCLUDED.full_name RETURNING id`,
    [o.now],
  );

  // Secondary indexes are built once after the load (much faster than row by row), then the scope rows likewise.
  const secondary = async (tables: string[]) =>
    (
      await db.query<{ name: string; def: string }>(
        `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
          WHERE i.tablename = ANY ($1) AND i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [tables],
      )
    ).rows;
  const dossierIndexes = await secondary(['dossier', 'dossier_step', 'dossier_action']);
  for (const i of dossierIndexes) await db.query(`DROP INDEX ${i.name}`);
  const scopeIndexes = await secondary(['dossier_scope']);
  for (const i of scopeIndexes) await db.query(`DROP INDEX ${i.name}`);
  let scopeMs = 0;
  const load = await db.connect();
  try {
    await load.query(`SET session_replication_role = replica`);
    // The batch's dossier ids, for its scope rows.
    await load.query(`CREATE TEMP TABLE bq_batch (id uuid PRIMARY KEY)`);
    const batch = 200_000;
    for (let from = 1; from <= o.dossiers; from += batch) {
      const to = Math.min(o.dossiers, from + batch - 1);
      // u1..u9: independent uniform draws in [0, 1) from the row number.
      await load.query(
        `WITH g AS (
           SELECT g, (abs(hashint4(g * 3)) % 1000000) / 1e6::float8 AS u1, (abs(hashint4(g * 5)) % 1000000) / 1e6::float8 AS u2, (abs(hashint4(g * 7)) % 1000000) / 1e6::float8 AS u3,
                  (abs(hashint4(g * 11)) % 1000000) / 1e6::float8 AS u4, (abs(hashint4(g * 13)) % 1000000) / 1e6::float8 AS u5, (abs(hashint4(g * 17)) % 1000000) / 1e6::float8 AS u6,
                  (abs(hashint4(g * 19)) % 1000000) / 1e6::float8 AS u7, (abs(hashint4(g * 23)) % 1000000) / 1e6::float8 AS u8, (abs(hashint4(g * 29)) % 1000000) / 1e6::float8 AS u9
             FROM generate_series($1::int, $2::int) g),
         a AS MATERIALIZED (
           -- Province sizes differ (the first is the largest); 70 % of dossiers are commune procedures.
           SELECT g.*, floor($4::int * power(u1, 1.4))::int AS p, u2 < 0.7 AS commune_level,
                  -- By default skewed towards recent days over three years; with \`years\`, evenly over that many years, so
                  -- N years at N × the dossiers have the same recent (open) dossiers and differ only by closed history.
                  $3::timestamptz - CASE WHEN $7::int IS NULL THEN interval '1095 days' * power(u3, 1.3) ELSE interval '365 days' * $7::int * u3 END AS submitted,
                  CASE WHEN u4 < 0.6 THEN 'desk' WHEN u4 < 0.92 THEN 'online' ELSE 'postal' END AS channel,
                  u5 < 0.5 AS female FROM g),
         b AS (
           SELECT a.*, c.id AS c_id, c.path AS c_path, c.desk_id, c.desk_path, c.desk_code, c.office_id AS c_office,
                  dp.id AS d_id, dp.path AS d_path, dp.office_id AS d_office, ce.id AS ce_id, ce.path AS ce_path, ce.code AS ce_code,
                  pr.id AS pr_id, pr.version_id, pr.name AS pr_name, pr.fee_total_vnd,
                  extract(epoch FROM $3::timestamptz - a.submitted) / 86400 AS age
             FROM a
             JOIN bq_commune c ON c.p = a.p AND c.i = floor($5::int * power(a.u6, 1.8))::int
             JOIN bq_dept dp ON dp.p = a.p AND dp.i = floor(15 * power(a.u6, 1.5))::int
             JOIN bq_centre ce ON ce.p = a.p
             JOIN bq_proc pr ON pr.p = a.p AND pr.level = CASE WHEN a.commune_level THEN 'commune' ELSE 'province' END
                            AND pr.i = floor(CASE WHEN a.commune_level THEN 50 ELSE 30 END * power(a.u7, 2.5))::int),
         s AS MATERIALIZED (
           SELECT b.*,
                  CASE WHEN age > 30 THEN CASE WHEN u8 < 0.95 THEN 'returned' WHEN u8 < 0.97 THEN 'withdrawn' WHEN u8 < 0.98 THEN 'stopped' ELSE 'result_ready' END
                       WHEN channel = 'online' AND age < 2 AND u8 < 0.3 THEN 'awaiting_acceptance'
                       WHEN u8 < 0.15 THEN 'received' WHEN u8 < 0.58 THEN 'processing' WHEN u8 < 0.66 THEN 'supplement_requested'
                       WHEN u8 < 0.69 THEN 'interagency' WHEN u8 < 0.81 THEN 'result_ready' ELSE 'returned' END AS status,
                  submitted + interval '1 day' * (3 + floor(u9 * 12)) AS due
             FROM b),
         d AS (
           INSERT INTO dossier (code, procedure_id, procedure_version_id, procedure_name, rule_set, receiving_unit_id, receiving_path, resolving_unit_id,
             resolving_path, applicant_id, applicant, channel, status, national_status, step_index, step_count, submitted_at, received_at, counting_from, due_at,
             finished_at, returned_at, finish_class, result_delivery, fee_vnd, supplemented_at, created_at, updated_at)
           SELECT CASE WHEN status = 'awaiting_acceptance' THEN NULL
                       ELSE CASE WHEN commune_level OR u5 < 0.2 THEN desk_code ELSE ce_code END || '-' || to_char(submitted AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || lpad(g::text, 7, '0') END,
                  pr_id, version_id, pr_name, 'nd118-2025',
                  CASE WHEN commune_level OR u5 < 0.2 THEN desk_id ELSE ce_id END, CASE WHEN commune_level OR u5 < 0.2 THEN desk_path ELSE ce_path END,
                  CASE WHEN commune_level THEN c_id ELSE d_id END, CASE WHEN commune_level THEN c_path ELSE d_path END, $6,
                  jsonb_build_object('kind', 'citizen',
                    'idNumber', lpad(((p + 1) * 3)::text, 3, '0') || CASE WHEN female THEN '3' ELSE '2' END || lpad((abs(hashint4(g * 31)) % 100000000)::text, 8, '0'),
                    'fullName', (SELECT n.family FROM bq_name n WHERE ((u1 * 1e6)::bigint % 10000) / 100.0 >= n.lo AND ((u1 * 1e6)::bigint % 10000) / 100.0 < n.hi LIMIT 1) || ' '
                      || CASE WHEN female THEN (${lit(middleFemale)})[1 + abs(hashint4(g * 37)) % ${middleFemale.length}] ELSE (${lit(middleMale)})[1 + abs(hashint4(g * 37)) % ${middleMale.length}] END || ' '
                      || CASE WHEN female THEN (${lit(givenFemale)})[1 + abs(hashint4(g * 41)) % ${givenFemale.length}] ELSE (${lit(givenMale)})[1 + abs(hashint4(g * 41)) % ${givenMale.length}] END,
                    'phone', '09' || lpad((abs(hashint4(g * 43)) % 100000000)::text, 8, '0'), 'email', NULL,
                    'address', 'Thôn ' || (1 + abs(hashint4(g * 47)) % 12) || ', tỉnh thử nghiệm ' || (p + 1)),
                  channel, status, CASE WHEN status IN ('returned', 'result_ready') THEN 4 ELSE 2 END,
                  CASE WHEN status IN ('received', 'awaiting_acceptance') THEN 0 WHEN status IN ('result_ready', 'returned', 'withdrawn', 'stopped') THEN 2 ELSE 1 END, 3,
                  submitted, CASE WHEN status <> 'awaiting_acceptance' THEN submitted END, CASE WHEN status <> 'awaiting_acceptance' THEN submitted END,
                  CASE WHEN status <> 'awaiting_acceptance' THEN due END,
                  CASE WHEN status IN ('returned', 'result_ready') THEN submitted + (due - submitted) * (0.3 + u9) END,
                  CASE WHEN status = 'returned' THEN submitted + (due - submitted) * (0.3 + u9) + interval '1 day' END,
                  CASE WHEN status NOT IN ('returned', 'result_ready') THEN NULL WHEN u9 < 0.3 THEN 'early' WHEN u9 < 0.66 THEN 'on_time' ELSE 'late' END,
                  CASE WHEN u4 < 0.8 THEN 'desk' ELSE 'post' END, fee_total_vnd,
                  CASE WHEN status = 'supplement_requested' AND u9 < 0.3 THEN submitted + interval '1 day' END, submitted, submitted
             FROM s
           RETURNING id, resolving_unit_id, receiving_unit_id, submitted_at, due_at, status, step_index),
         batch AS (INSERT INTO bq_batch SELECT id FROM d),
         -- The log: acceptance, a forward into each step reached, and for one processing dossier in 25 a send-back to
         -- its current step (the queue shows its reason).
         act AS (
           INSERT INTO dossier_action (dossier_id, at, actor_name, action, from_status, to_status, step_index, note)
           SELECT d.id, d.submitted_at + interval '4 hours' * k.i, 'Cán bộ thử', CASE k.i WHEN 0 THEN 'accept' WHEN 3 THEN 'send_back' ELSE 'forward' END,
                  CASE WHEN k.i = 0 THEN NULL WHEN k.i = 1 THEN 'received' ELSE 'processing' END, CASE WHEN k.i = 0 THEN 'received' ELSE 'processing' END,
                  CASE WHEN k.i = 3 THEN d.step_index ELSE k.i END, CASE WHEN k.i = 3 THEN 'Đề nghị xác minh lại nơi cư trú (thử)' END
             FROM d CROSS JOIN generate_series(0, 3) k(i)
            WHERE d.status <> 'awaiting_acceptance'
              AND (k.i = 0 OR (k.i <= 2 AND k.i <= d.step_index) OR (k.i = 3 AND d.status = 'processing' AND abs(hashtext(d.id::text)) % 25 = 0)))
         INSERT INTO dossier_step (dossier_id, step_index, name, role, unit_id, working_days, due_at, started_at, finished_at)
         SELECT d.id, k.i, (ARRAY['Tiếp nhận', 'Thẩm định', 'Phê duyệt'])[k.i + 1], (ARRAY['desk_officer', 'specialist', 'leader'])[k.i + 1],
                CASE WHEN k.i = 1 THEN coalesce(dp.office_id, d.resolving_unit_id) ELSE d.resolving_unit_id END, (ARRAY[0.5, 3, 1])[k.i + 1],
                d.submitted_at + (d.due_at - d.submitted_at) * (ARRAY[0.1, 0.8, 1])[k.i + 1],
                CASE WHEN k.i <= d.step_index THEN d.submitted_at END, CASE WHEN k.i < d.step_index THEN d.submitted_at + interval '4 hours' END
           FROM d CROSS JOIN generate_series(0, 2) k(i) LEFT JOIN bq_dept dp ON dp.id = d.resolving_unit_id`,
        [from, to, o.now, P, C, ap[0]!.id, o.years ?? null],
      );
      // The batch's scope rows, with the units dossier_member_units gives (the definition the triggers use). A
      // dossier's units depend only on its paths, resolving unit and step units, so the function runs once per such
      // combination (a few thousand), not per dossier: per dossier it took 86 s a batch, and dossier_scope_rebuild()
      // over ten million dossiers sorts and hashes beyond memory for hours.
      const ts = performance.now();
      await load.query(
        `WITH k AS MATERIALIZED (
           SELECT d.id, d.receiving_path AS rp, d.resolving_path AS sp, coalesce(d.interagency_path, '') AS ip, d.resolving_unit_id AS ru,
                  (SELECT array_agg(s.unit_id ORDER BY s.unit_id) FROM dossier_step s WHERE s.dossier_id = d.id) AS steps
             FROM bq_batch b JOIN dossier d ON d.id = b.id),
         rep AS (SELECT DISTINCT ON (rp, sp, ip, ru, steps) id, rp, sp, ip, ru, steps FROM k),
         units AS MATERIALIZED (SELECT r.rp, r.sp, r.ip, r.ru, r.steps, dossier_member_units(d) AS units FROM rep r JOIN dossier d ON d.id = r.id)
         INSERT INTO dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold, awaiting_return, late_at)
         SELECT d.id, u, d.submitted_at, d.status, dossier_online_waiting(d.status, d.supplemented_at), d.due_at, d.apology_count, d.procedure_id, d.channel,
                coalesce(vn_fold(d.applicant->>'fullName'), ''), coalesce(dossier_awaiting_return(d.status, d.step_index, d.step_count, st.role), false), coalesce(d.late_since, d.due_at)
           FROM k JOIN units m ON (m.rp, m.sp, m.ip, m.ru, m.steps) = (k.rp, k.sp, k.ip, k.ru, k.steps)
           JOIN dossier d ON d.id = k.id
           LEFT JOIN dossier_step st ON st.dossier_id = d.id AND st.step_index = d.step_index
           CROSS JOIN LATERAL unnest(m.units) u`,
      );
      await load.query(`TRUNCATE bq_batch`);
      scopeMs += performance.now() - ts;
      log(`  dossiers ${to.toLocaleString('en')} / ${o.dossiers.toLocaleString('en')} (${Math.round((performance.now() - t0) / 1000)} s, scope ${Math.round(scopeMs / 1000)} s)`);
    }
    await load.query(`DROP TABLE bq_batch`);
    await load.query(`RESET session_replication_role`);
  } finally {
    load.release();
  }
  await db.query(`DROP TABLE bq_commune, bq_dept, bq_centre, bq_proc, bq_name`);
  for (const i of dossierIndexes) await db.query(i.def);
  await db.query(`VACUUM ANALYZE dossier`);
  await db.query(`VACUUM ANALYZE dossier_step`);
  await db.query(`VACUUM ANALYZE dossier_action`);
  const t1 = performance.now();
  await db.query(`TRUNCATE dossier_queue_count`);
  await db.query(
    `INSERT INTO dossier_queue_count (unit_id, tab, n)
     SELECT s.unit_id, t, count(*) FROM dossier_scope s, unnest(dossier_queue_tabs(s.status, s.online_waiting, s.awaiting_return)) t GROUP BY s.unit_id, t`,
  );
  for (const i of scopeIndexes) await db.query(i.def);
  await db.query(`VACUUM ANALYZE dossier_scope`);
  await db.query(`VACUUM ANALYZE dossier_queue_count`);
  const t2 = performance.now();
  const scopeRows = Number((await db.query<{ n: string }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'dossier_scope'`)).rows[0]!.n);
  return { provinces, dossiers: o.dossiers, loadSeconds: (t1 - t0 - scopeMs) / 1000, scopeSeconds: (t2 - t1 + scopeMs) / 1000, scopeRows };
}

/**
 * Data generator for the reports benchmark: one province (20 departments, 10 districts of 10 communes each),
 * 60 procedures and `dossiers` dossiers received over three years (2024-01-01 → 2026-11-24) with realistic shares:
 * 60 % at the desk, 30 % online, 10 % by post; every dossier received before November 2026 finished (early, on time or
 * late) and mostly returned; recent ones partly open, some waiting for supplementation; fees, postal returns.
 *
 * Bulk and fast: dossiers are made by `INSERT … SELECT generate_series` in batches, with the counter trigger disabled,
 * then `report_recount()` (the documented rebuild, migration 20261126100000) fills the counters from the dossiers —
 * exactly what the triggers would have written. The bench database is a throwaway, so the trigram search index is
 * dropped first (it is irrelevant to reports and dominates bulk-load time).
 */
import type pg from 'pg';

export type GeneratedProvince = { provinceId: string; provincePath: string; dossiers: number; loadSeconds: number; recountSeconds: number };

export async function generateReportData(db: pg.Pool, dossiers: number, log: (m: string) => void = () => {}): Promise<GeneratedProvince> {
  const t0 = performance.now();
  const { rows: p } = await db.query<{ id: string; path: string }>(
    `WITH id AS (SELECT gen_random_uuid() AS id)
     INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at) SELECT id, 'BENCH.R', 'Tỉnh Thử Nghiệm', 'province', NULL, '/' || id || '/', 1, now() FROM id
     RETURNING id, path`,
  );
  const province = p[0]!;
  // Departments (sở) and districts under the province; communes under the districts.
  await db.query(
    `INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at)
     SELECT u.id, 'BENCH.' || c || '.' || g, n || ' ' || g, k, $1, $2 || u.id || '/', 2, now()
       FROM (SELECT gen_random_uuid() AS id, g, 'department' AS k, 'S' AS c, 'Sở thử' AS n FROM generate_series(1, 20) g
             UNION ALL SELECT gen_random_uuid(), g, 'district', 'H', 'Huyện thử' FROM generate_series(1, 10) g) u`,
    [province.id, province.path],
  );
  await db.query(
    `INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at)
     SELECT c.id, 'BENCH.X.' || c.dg || '.' || c.g, 'Xã thử ' || c.g || ' (' || c.dname || ')', 'commune', c.did, c.dpath || c.id || '/', 3, now()
       FROM (SELECT gen_random_uuid() AS id, g, d.id AS did, d.path AS dpath, d.name AS dname, split_part(d.code, '.', 3) AS dg
               FROM unit d CROSS JOIN generate_series(1, 10) g WHERE d.parent_id = $1 AND d.kind = 'district') c`,
    [province.id],
  );
  await db.query(
    `WITH pr AS (
       INSERT INTO procedure (owner_unit_id, code, status, name, field, level, agency, online_level, processing_time, fee_total_vnd, postal_intake, postal_return,
         created_at, updated_at)
       SELECT $1, 'B.' || g, 'published', 'Thủ tục thử ' || g, 'Lĩnh vực ' || (g % 8), CASE WHEN g % 2 = 0 THEN 'commune' ELSE 'province' END,
              'Cơ quan thử', CASE WHEN g % 3 = 0 THEN 'full' ELSE 'partial' END, '{"amount": 3, "unit": "working_day"}', (g % 4) * 10000, true, true, now(), now()
         FROM generate_series(1, 60) g RETURNING id)
     INSERT INTO procedure_version (procedure_id, version_no, state, content, effective_from, published_at, created_at)
     SELECT id, 1, 'published', '{}', '2024-01-01', now(), now() FROM pr`,
    [province.id],
  );
  await db.query(`UPDATE procedure p SET current_version_id = v.id FROM procedure_version v WHERE v.procedure_id = p.id AND p.current_version_id IS NULL`);
  await db.query(`INSERT INTO applicant (kind, id_number, full_name, created_at, updated_at) VALUES ('citizen', '087090009999', 'Người nộp thử', now(), now()) ON CONFLICT DO NOTHING`);

  await db.query(`DROP INDEX IF EXISTS dossier_search_trgm_idx`);
  await db.query(`ALTER TABLE dossier DISABLE TRIGGER dossier_report_counters`);
  // Foreign-key checks (five per dossier) are skipped while loading rows that reference what was just created.
  const load = await db.connect();
  await load.query(`SET session_replication_role = replica`);
  // Lookup tables numbered from 0 so each generated row picks its unit and procedure by arithmetic.
  await db.query(`CREATE TABLE bench_unit AS SELECT row_number() OVER (ORDER BY path) - 1 AS i, id, path FROM unit WHERE path LIKE $1 || '%' AND id <> $2`, [province.path, province.id]);
  await db.query(`CREATE TABLE bench_proc AS SELECT row_number() OVER (ORDER BY code) - 1 AS i, p.id, v.id AS version_id, p.name, p.fee_total_vnd FROM procedure p JOIN procedure_version v ON v.procedure_id = p.id WHERE p.code LIKE 'B.%'`);
  const applicantId = (await db.query<{ id: string }>(`SELECT id FROM applicant WHERE id_number = '087090009999'`)).rows[0]!.id;
  const batch = 500_000;
  for (let from = 1; from <= dossiers; from += batch) {
    const to = Math.min(dossiers, from + batch - 1);
    await load.query(
      `INSERT INTO dossier (code, procedure_id, procedure_version_id, procedure_name, rule_set, receiving_unit_id, receiving_path, resolving_unit_id,
         resolving_path, applicant_id, applicant, channel, status, national_status, step_count, submitted_at, received_at, counting_from, due_at,
         finished_at, returned_at, finish_class, result_delivery, fee_vnd, supplement_count, created_at, updated_at)
       SELECT 'B-' || s.g, pr.id, pr.version_id, pr.name, 'nd118-2025', u.id, u.path, u.id, u.path, $3,
              '{"kind": "citizen", "fullName": "Người nộp thử", "idNumber": "087090009999"}',
              s.channel, s.status, 4, 3, s.received, s.received, s.received, s.received + interval '3 days',
              s.finished, CASE WHEN s.status = 'returned' THEN s.finished + interval '2 hours' END,
              CASE WHEN s.finished IS NULL THEN NULL WHEN s.finished < s.received + interval '2 days' THEN 'early'
                   WHEN s.finished <= s.received + interval '3 days' THEN 'on_time' ELSE 'late' END,
              s.delivery, pr.fee_total_vnd, s.supp, s.received, coalesce(s.finished, s.received)
         FROM (SELECT g, hashint4(g) AS h,
                      timestamptz '2024-01-01 01:00+00' + ((abs(hashint4(g * 7)) % 1059) || ' days')::interval + ((abs(hashint4(g * 11)) % 600) || ' minutes')::interval AS received,
                      CASE WHEN abs(hashint4(g * 13)) % 10 < 6 THEN 'desk' WHEN abs(hashint4(g * 13)) % 10 < 9 THEN 'online' ELSE 'postal' END AS channel,
                      CASE WHEN abs(hashint4(g * 17)) % 100 < 80 THEN 'desk' WHEN abs(hashint4(g * 17)) % 100 < 92 THEN 'post' ELSE 'online' END AS delivery,
                      CASE WHEN abs(hashint4(g * 19)) % 100 < 90 THEN 1 WHEN abs(hashint4(g * 19)) % 100 < 98 THEN 0 ELSE 2 END AS supp
                 FROM generate_series($1::int, $2::int) g) s0
        CROSS JOIN LATERAL (SELECT s0.*,
                      -- Dossiers received before November 2026 are all finished; recent ones are 60 % finished.
                      CASE WHEN s0.received < timestamptz '2026-11-01 00:00+07' OR abs(hashint4(s0.g * 23)) % 100 < 60
                           THEN s0.received + ((abs(hashint4(s0.g * 29)) % 5000) || ' minutes')::interval END AS finished) s1
        CROSS JOIN LATERAL (SELECT s1.*,
                      CASE WHEN s1.finished IS NOT NULL AND s1.finished < timestamptz '2026-11-25 00:00+07'
                             THEN CASE WHEN abs(hashint4(s1.g * 31)) % 100 < 90 THEN 'returned' ELSE 'result_ready' END
                           WHEN abs(hashint4(s1.g * 37)) % 100 < 15 THEN 'supplement_requested' ELSE 'processing' END AS status) s2
        CROSS JOIN LATERAL (SELECT s2.g, s2.received, s2.channel, s2.delivery, s2.supp, s2.status,
                      CASE WHEN s2.status IN ('returned', 'result_ready') THEN s2.finished END AS finished) s
        JOIN bench_unit u ON u.i = abs(hashint4(s.g * 41)) % (SELECT count(*) FROM bench_unit)
        JOIN bench_proc pr ON pr.i = abs(hashint4(s.g * 43)) % 60`,
      [from, to, applicantId],
    );
    log(`  dossiers ${to.toLocaleString('en')} / ${dossiers.toLocaleString('en')} (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
  await load.query(`RESET session_replication_role`);
  load.release();
  await db.query(`DROP TABLE bench_unit, bench_proc`);
  await db.query(`ALTER TABLE dossier ENABLE TRIGGER dossier_report_counters`);
  await db.query(`VACUUM ANALYZE dossier`);
  const t1 = performance.now();
  await db.query(`SELECT report_recount()`);
  await db.query(`VACUUM ANALYZE report_counter`);
  await db.query(`VACUUM ANALYZE report_counter_below, report_open`);
  const t2 = performance.now();
  return { provinceId: province.id, provincePath: province.path, dossiers, loadSeconds: (t1 - t0) / 1000, recountSeconds: (t2 - t1) / 1000 };
}

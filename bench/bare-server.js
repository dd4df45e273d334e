// The bare baselines of bench/dossiers.ts (issue 12), each in its own Node.js process: Fastify + pg, no rules, no
// session, no calendar. Plain JavaScript so it starts without the TypeScript loader.
//   POST /intake        — writes, in ONE statement, the rows a real intake writes (the same tables, the same number of
//                         rows, the same hot counter keys, counted by the benchmark's probe) into bare_* copies of
//                         those tables, made without triggers and without foreign keys;
//   POST /forward/:id   — likewise the rows a step transition writes or updates;
//   GET  /lookup?code=  — one-row read of a dossier by its code.
// The shape of the rows comes from BARE_CONFIG (JSON), written by the benchmark from its probe.
/* global process */
import Fastify from 'fastify';
import pg from 'pg';

const cfg = JSON.parse(process.env.BARE_CONFIG ?? '{}');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: 'bare' });
const app = Fastify({ logger: false });

app.get('/healthz', async () => ({ ok: true }));

app.get('/lookup', async (req) => (await pool.query('SELECT code, status, due_at FROM dossier WHERE code = $1', [req.query.code])).rows[0] ?? null);

// Rows of a real intake (see bench/dossiers.ts probe): applicant upsert, the desk's day counter (hot), the dossier, its
// steps, its log entry, the notifications, its scope rows, the queue-tab counts of those units (hot), the report
// counters of the resolving unit and of its ancestors (hot), the open-dossier counter (hot), the national-sync outbox entry.
const intakeSql = `
WITH ap AS (
  INSERT INTO bare_applicant (kind, id_number, full_name, phone, created_at, updated_at) VALUES ('citizen', $1, $2, $3, $4, $4)
  ON CONFLICT (kind, id_number) DO UPDATE SET full_name = EXCLUDED.full_name, updated_at = EXCLUDED.updated_at RETURNING id),
sq AS (
  INSERT INTO bare_dossier_code_counter (unit_id, day, last_seq) VALUES ($5, $6, 1)
  ON CONFLICT (unit_id, day) DO UPDATE SET last_seq = bare_dossier_code_counter.last_seq + 1 RETURNING last_seq),
d AS (
  INSERT INTO bare_dossier (code, idempotency_key, procedure_id, procedure_version_id, procedure_name, rule_set, receiving_unit_id, receiving_path,
    resolving_unit_id, resolving_path, applicant_id, applicant, channel, submitted_at, fee_vnd, documents, created_at, updated_at, status, national_status,
    step_index, step_count, received_at, counting_from, due_at, original_due_at, result_delivery)
  SELECT $7 || lpad((SELECT last_seq FROM sq)::text, 4, '0'), $8, $9, $10, $11, 'nd118-2025', $5, $12, $13, $14, (SELECT id FROM ap), $15, 'desk', $4, 0,
         $16, $4, $4, 'received', 2, 0, $17, $4, $4, $18, $18, 'desk'
  RETURNING id, code, resolving_unit_id, procedure_id),
s AS (
  INSERT INTO bare_dossier_step (dossier_id, step_index, name, role, unit_id, working_days, due_at, started_at)
  SELECT d.id, x.i - 1, x.name, x.role, x.unit, 1, $18, CASE WHEN x.i = 1 THEN $4::timestamptz END
    FROM d, unnest($19::text[], $20::text[], $21::uuid[]) WITH ORDINALITY AS x(name, role, unit, i)),
a AS (
  INSERT INTO bare_dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, data)
  SELECT d.id, $4, $22, 'Cán bộ', 'accept', NULL, 'received', 0, jsonb_build_object('code', d.code) FROM d RETURNING id, dossier_id),
n AS (
  INSERT INTO bare_notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at)
  SELECT 'sms', $3, NULL, 'Hồ sơ ' || d.code || ' đã được tiếp nhận', 'dossier.accepted', d.id, $4, $4 FROM d, generate_series(1, $23::int)),
sc AS (
  INSERT INTO bare_dossier_scope (dossier_id, unit_id, submitted_at, status, online_waiting, due_at, apology_count, procedure_id, channel, name_fold)
  SELECT d.id, u, $4, 'received', false, $18, 0, d.procedure_id, 'desk', lower($2) FROM d, unnest($24::uuid[]) u),
qc AS (
  INSERT INTO bare_dossier_queue_count (unit_id, tab, n) SELECT u, t, 1 FROM d, unnest($25::uuid[], $26::text[]) AS x(u, t) ORDER BY u, t
  ON CONFLICT (unit_id, tab) DO UPDATE SET n = bare_dossier_queue_count.n + 1),
rc AS (
  INSERT INTO bare_report_counter (grain, bucket, unit_id, unit_path, procedure_id, received, received_desk)
  SELECT g, report_bucket(g, $6::date), d.resolving_unit_id, $14, CASE WHEN g IN ('d', 'w', 'm') THEN d.procedure_id ELSE '00000000-0000-0000-0000-000000000000' END, 1, 1
    FROM d, unnest(ARRAY['d', 'w', 'm', 'D', 'W', 'M']) g ORDER BY 1
  ON CONFLICT (grain, unit_id, procedure_id, bucket) DO UPDATE SET received = bare_report_counter.received + 1, received_desk = bare_report_counter.received_desk + 1),
rb AS (
  INSERT INTO bare_report_counter_below (grain, bucket, unit_id, unit_path, procedure_id, received, received_desk)
  SELECT g, report_bucket(g, $6::date), x.u, x.p, CASE WHEN g IN ('d', 'w', 'm') THEN d.procedure_id ELSE '00000000-0000-0000-0000-000000000000' END, 1, 1
    FROM d, unnest($27::uuid[], $28::text[]) AS x(u, p), unnest(ARRAY['d', 'w', 'm', 'D', 'W', 'M']) g ORDER BY 1, 3
  ON CONFLICT (grain, unit_id, bucket, procedure_id) DO UPDATE SET received = bare_report_counter_below.received + 1, received_desk = bare_report_counter_below.received_desk + 1),
ro AS (
  INSERT INTO bare_report_open (unit_id, unit_path, procedure_id, due_hour, n)
  SELECT d.resolving_unit_id, $14, d.procedure_id, date_trunc('hour', $18::timestamptz, 'UTC'), 1 FROM d
  ON CONFLICT (unit_id, procedure_id, due_hour) DO UPDATE SET n = bare_report_open.n + 1),
ns AS (
  INSERT INTO bare_national_sync_outbox (dossier_id, action_id, kind, created_at, next_attempt_at) SELECT a.dossier_id, a.id, 'event', $4, $4 FROM a)
SELECT id, code FROM d`;

let seq = 0;
app.post('/intake', async (req) => {
  const b = req.body;
  const now = new Date();
  const due = new Date(now.getTime() + 5 * 86_400_000);
  const { rows } = await pool.query(intakeSql, [
    b.applicant.idNumber, b.applicant.fullName, b.applicant.phone, now, cfg.desk.id, cfg.day, cfg.codePrefix, `bare-${process.pid}-${++seq}-${b.idempotencyKey}`,
    cfg.procedure.id, cfg.procedure.versionId, cfg.procedure.name, cfg.desk.path, cfg.resolving.id, cfg.resolving.path, JSON.stringify(b.applicant), JSON.stringify(b.documents),
    cfg.stepCount, due, cfg.steps.map((s) => s.name), cfg.steps.map((s) => s.role), cfg.steps.map((s) => s.unitId), cfg.actorId, cfg.notifications,
    cfg.scopeUnits, cfg.queueCounts.map((q) => q.unitId), cfg.queueCounts.map((q) => q.tab), cfg.ancestors.map((a) => a.unitId), cfg.ancestors.map((a) => a.unitPath),
  ]);
  return rows[0];
});

// Rows of a real forward (received → processing, step 0 → 1): the dossier row, the step finished and the step started,
// its log entry, the notification, its scope rows and the national-sync outbox entry (no counter changes).
const forwardSql = `
WITH d AS (
  UPDATE bare_dossier SET status = 'processing', national_status = 2, step_index = step_index + 1, updated_at = $2 WHERE id = $1
  RETURNING id, step_index, procedure_id),
s AS (
  UPDATE bare_dossier_step st SET finished_at = CASE WHEN st.step_index < d.step_index THEN $2::timestamptz END,
         started_at = CASE WHEN st.step_index = d.step_index THEN $2::timestamptz ELSE st.started_at END
    FROM d WHERE st.dossier_id = d.id AND st.step_index IN (d.step_index - 1, d.step_index)),
a AS (
  INSERT INTO bare_dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, data)
  SELECT d.id, $2, $3, 'Cán bộ', 'forward', 'received', 'processing', d.step_index, '{}' FROM d RETURNING id, dossier_id),
n AS (
  INSERT INTO bare_notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at)
  SELECT 'sms', '0912345678', NULL, 'Hồ sơ đang được giải quyết', 'dossier.processing', d.id, $2, $2 FROM d, generate_series(1, $4::int)),
sc AS (
  UPDATE bare_dossier_scope SET status = 'processing' FROM d WHERE dossier_id = d.id),
ns AS (
  INSERT INTO bare_national_sync_outbox (dossier_id, action_id, kind, created_at, next_attempt_at) SELECT a.dossier_id, a.id, 'event', $2, $2 FROM a)
SELECT id FROM d`;

app.post('/forward/:id', async (req) => {
  const f = cfg.forward;
  const { rows } = await pool.query(forwardSql, [
    req.params.id, new Date(), cfg.actorId, f.notifications,
  ]);
  return rows[0];
});

await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));

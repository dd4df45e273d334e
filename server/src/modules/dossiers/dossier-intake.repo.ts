import type { Queryable } from '../../platform/database.js';
import type { NewNotification } from '../notifications/notification.repo.js';
import type { UnitRow } from '../org-units/unit.repo.js';
import type { ProcedureRow, VersionRow } from '../procedures/procedure.repo.js';
import type { TAdjustment } from '../working-calendar/calendar.contract.js';
import type { NewDossier, StepPlan } from './dossier.repo.js';

/**
 * SQL of the intake path, shaped for throughput: everything intake needs to decide is read in one statement, and an
 * accepted dossier is written in two (the day's sequence, then dossier + steps + action + notifications), so the
 * per-desk counter row stays locked only for the second statement and the commit. Each round trip costs the desk
 * officer latency and the server CPU; the benchmark in bench/dossiers.ts measures the result.
 */

export type IntakeContext = {
  receiving: UnitRow | null;
  resolving: UnitRow | null;
  procedure: ProcedureRow | null;
  /** Non-draft versions, newest first. */
  versions: VersionRow[];
  /** Units named by code in the internal process steps (any version), by code. */
  stepUnits: Map<string, UnitRow>;
  /** Calendar adjustments that apply to the resolving unit in the years asked for. */
  adjustments: TAdjustment[];
  /** The dossier already recorded under this idempotency key, if any. */
  existingId: string | null;
};

const unitJson = `json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind, 'parentId', u.parent_id, 'path', u.path,
  'depth', u.depth, 'validFrom', u.valid_from, 'validTo', u.valid_to)`;

/** One round trip for the units, the procedure and its versions, the step units, the calendar and the idempotency check. */
export async function loadIntakeContext(
  q: Queryable,
  p: { receivingUnitId: string; resolvingUnitId: string; procedureId: string; idempotencyKey: string; from: string; to: string },
): Promise<IntakeContext> {
  const { rows } = await q.query<{
    receiving: UnitRow | null;
    resolving: UnitRow | null;
    procedure: (Omit<ProcedureRow, 'updatedAt'> & { updatedAt: string }) | null;
    versions: (Omit<VersionRow, 'createdAt' | 'publishedAt'> & { createdAt: string; publishedAt: string | null })[];
    stepUnits: UnitRow[];
    adjustments: TAdjustment[];
    existingId: string | null;
  }>(
    `WITH rs AS (SELECT path FROM unit WHERE id = $2),
          v AS (SELECT * FROM procedure_version WHERE procedure_id = $3 AND state <> 'draft')
     SELECT (SELECT ${unitJson} FROM unit u WHERE u.id = $1) AS receiving,
            (SELECT ${unitJson} FROM unit u WHERE u.id = $2) AS resolving,
            (SELECT json_build_object('id', p.id, 'ownerUnitId', p.owner_unit_id, 'ownerUnitName', u.name, 'ownerUnitPath', u.path, 'code', p.code,
                    'status', p.status, 'name', p.name, 'field', p.field, 'level', p.level, 'agency', p.agency, 'onlineLevel', p.online_level,
                    'currentVersionId', p.current_version_id, 'abolishedOn', p.abolished_on, 'abolishDecision', p.abolish_decision, 'updatedAt', p.updated_at)
               FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE p.id = $3) AS procedure,
            (SELECT coalesce(json_agg(json_build_object('id', v.id, 'procedureId', v.procedure_id, 'versionNo', v.version_no, 'state', v.state,
                    'content', v.content, 'decisionNo', v.decision_no, 'decisionDate', v.decision_date, 'effectiveFrom', v.effective_from,
                    'effectiveTo', v.effective_to, 'createdAt', v.created_at, 'publishedAt', v.published_at) ORDER BY v.version_no DESC), '[]') FROM v) AS versions,
            (SELECT coalesce(json_agg(${unitJson}), '[]') FROM unit u
              WHERE u.code IN (SELECT s->>'unitCode' FROM v, jsonb_array_elements(v.content->'steps') s WHERE s->>'unitCode' IS NOT NULL)) AS "stepUnits",
            (SELECT coalesce(json_agg(json_build_object('id', a.id, 'day', a.day, 'kind', a.kind, 'name', a.name, 'unitId', a.unit_id,
                    'unitName', au.name, 'sessions', a.sessions) ORDER BY a.day, a.created_at), '[]')
               FROM calendar_adjustment a LEFT JOIN unit au ON au.id = a.unit_id, rs
              WHERE a.day BETWEEN $5 AND $6 AND (a.unit_id IS NULL OR rs.path LIKE au.path || '%')) AS adjustments,
            (SELECT id FROM dossier WHERE idempotency_key = $4) AS "existingId"`,
    [p.receivingUnitId, p.resolvingUnitId, p.procedureId, p.idempotencyKey, p.from, p.to],
  );
  const r = rows[0]!;
  return {
    receiving: r.receiving,
    resolving: r.resolving,
    procedure: r.procedure ? { ...r.procedure, updatedAt: new Date(r.procedure.updatedAt) } : null,
    versions: r.versions.map((v) => ({ ...v, createdAt: new Date(v.createdAt), publishedAt: v.publishedAt ? new Date(v.publishedAt) : null })),
    stepUnits: new Map(r.stepUnits.map((u) => [u.code, u])),
    adjustments: r.adjustments,
    existingId: r.existingId,
  };
}

export type IntakeAction = { at: Date; actorId: string | null; actorName: string; action: string; toStatus: string; stepIndex: number | null; note: string | null; data: unknown };

/** Numbering of an accepted dossier: the counter row to take the next number from and the code around the number. */
export type IntakeNumbering = { unitId: string; day: string; prefix: string; seqDigits: number; seqMaxDigits: number | null };

/**
 * The whole intake in one statement: the applicant (upserted by identity number), the day's next sequence at the
 * receiving unit (accepted dossiers only), the dossier with its code, its steps, its first action and the applicant's
 * notifications. The counter row is locked only while this statement runs; a failure (a raced idempotency key, a
 * full day) rolls everything back, the number included. The notifications were rendered before the code existed:
 * `codeToken` stands for it in their texts and is replaced here.
 */
export async function insertReceivedDossier(
  q: Queryable,
  d: Omit<NewDossier, 'code' | 'applicantId'>,
  numbering: IntakeNumbering | null,
  steps: StepPlan[],
  action: IntakeAction,
  notifications: { codeToken: string; items: NewNotification[] },
): Promise<{ id: string; code: string | null }> {
  const a = d.applicant;
  const n = notifications.items;
  const { rows } = await q.query<{ id: string; code: string | null }>(
    `WITH ap AS (
       INSERT INTO applicant (kind, id_number, full_name, birth_date, address, address_unit_id, phone, email, created_at, updated_at)
       VALUES ($44, $45, $46, $47, $48, $49, $50, $51, $29, $29)
       ON CONFLICT (kind, id_number) DO UPDATE SET full_name = EXCLUDED.full_name,
         birth_date = coalesce(EXCLUDED.birth_date, applicant.birth_date), address = coalesce(EXCLUDED.address, applicant.address),
         address_unit_id = coalesce(EXCLUDED.address_unit_id, applicant.address_unit_id), phone = coalesce(EXCLUDED.phone, applicant.phone),
         email = coalesce(EXCLUDED.email, applicant.email), updated_at = EXCLUDED.updated_at
       RETURNING id),
     sq AS (
       INSERT INTO dossier_code_counter (unit_id, day, last_seq) SELECT $52, $53, 1 WHERE $52::uuid IS NOT NULL
       ON CONFLICT (unit_id, day) DO UPDATE SET last_seq = dossier_code_counter.last_seq + 1
       RETURNING last_seq),
     d AS (
       INSERT INTO dossier (code, idempotency_key, procedure_id, procedure_version_id, procedure_name, rule_set, receiving_unit_id, receiving_path,
         resolving_unit_id, resolving_path, applicant_id, applicant, channel, status, national_status, step_count, submitted_at, received_at,
         counting_from, due_at, result_delivery, fee_vnd, documents, eform, created_at, updated_at)
       SELECT CASE WHEN $52::uuid IS NOT NULL THEN $54 || dossier_code_seq((SELECT last_seq FROM sq), $55, $56) END,
              $1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT id FROM ap), $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $29, $29
       RETURNING id, code),
     s AS (
       INSERT INTO dossier_step (dossier_id, step_index, name, role, unit_id, working_days, due_at, started_at)
       SELECT d.id, s.i, s.n, s.r, s.u, s.w, s.d, CASE WHEN s.i = 0 THEN $15::timestamptz END
         FROM d, unnest($23::int[], $24::text[], $25::text[], $26::uuid[], $27::numeric[], $28::timestamptz[]) AS s(i, n, r, u, w, d)),
     a AS (
       INSERT INTO dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, note, data)
       SELECT d.id, $29, $30, $31, $32, NULL, $33, $34, $35, $36 FROM d),
     n AS (
       INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at)
       SELECT n.c, n.r, replace(n.s, $43, d.code), replace(n.b, $43, d.code), n.k, d.id, $29, $29
         FROM d, unnest($37::text[], $38::text[], $39::text[], $40::text[], $41::text[]) AS n(c, r, s, b, k) WHERE $42)
     SELECT id, code FROM d`,
    [
      d.idempotencyKey, d.procedureId, d.procedureVersionId, d.procedureName, d.ruleSet, d.receivingUnitId, d.receivingPath,
      d.resolvingUnitId, d.resolvingPath, JSON.stringify(a), d.channel, d.status, d.nationalStatus, d.stepCount,
      d.submittedAt, d.receivedAt, d.countingFrom, d.dueAt, d.resultDelivery, d.feeVnd, JSON.stringify(d.documents), d.eform === null ? null : JSON.stringify(d.eform),
      steps.map((s) => s.stepIndex), steps.map((s) => s.name), steps.map((s) => s.role), steps.map((s) => s.unitId), steps.map((s) => s.workingDays), steps.map((s) => s.dueAt),
      action.at, action.actorId, action.actorName, action.action, action.toStatus, action.stepIndex, action.note, JSON.stringify(action.data),
      n.map((x) => x.channel), n.map((x) => x.recipient), n.map((x) => x.subject ?? null), n.map((x) => x.body), n.map((x) => x.templateKey),
      n.length > 0, notifications.codeToken,
      a.kind, a.idNumber, a.fullName, a.birthDate, a.address, a.addressUnitId, a.phone, a.email,
      numbering?.unitId ?? null, numbering?.day ?? null, numbering?.prefix ?? null, numbering?.seqDigits ?? null, numbering?.seqMaxDigits ?? null,
    ],
  );
  return rows[0]!;
}

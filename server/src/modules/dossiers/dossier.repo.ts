import type { Queryable } from '../../platform/database.js';
import type { TAdjustment } from '../working-calendar/calendar.contract.js';
import type { PlannedStep } from './dossier-deadline.rules.js';
import type { TApplicantInput } from './dossier.contract.js';
import type { DossierStatus } from './dossier.rules.js';

export type NewDossier = {
  code: string | null;
  idempotencyKey: string;
  procedureId: string;
  procedureVersionId: string;
  procedureName: string;
  ruleSet: string;
  receivingUnitId: string;
  receivingPath: string;
  resolvingUnitId: string;
  resolvingPath: string;
  applicantId: string;
  applicant: TApplicantInput;
  channel: 'desk' | 'online' | 'postal';
  status: DossierStatus;
  nationalStatus: number;
  stepCount: number;
  submittedAt: Date;
  receivedAt: Date | null;
  countingFrom: Date | null;
  dueAt: Date | null;
  resultDelivery: string;
  feeVnd: number;
  documents: unknown;
  eform: unknown;
};


export type StepPlan = PlannedStep;

/** All steps in one statement (one round trip whatever the number of steps). */
export async function insertSteps(q: Queryable, dossierId: string, steps: StepPlan[], startedAt: Date | null): Promise<void> {
  if (steps.length === 0) return;
  await q.query(
    `INSERT INTO dossier_step (dossier_id, step_index, name, role, unit_id, working_days, due_at, started_at)
     SELECT $1, s.i, s.n, s.r, s.u, s.w, s.d, CASE WHEN s.i = 0 THEN $8::timestamptz END
       FROM unnest($2::int[], $3::text[], $4::text[], $5::uuid[], $6::numeric[], $7::timestamptz[]) AS s(i, n, r, u, w, d)`,
    [dossierId, steps.map((s) => s.stepIndex), steps.map((s) => s.name), steps.map((s) => s.role), steps.map((s) => s.unitId), steps.map((s) => s.workingDays), steps.map((s) => s.dueAt), startedAt],
  );
}

export type ActionRecord = {
  dossierId: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  stepIndex: number | null;
  note: string | null;
  data?: unknown;
};

/** Appends to the action log (the truth); call it in the same transaction as the read-index update. */
export async function appendAction(q: Queryable, a: ActionRecord): Promise<void> {
  await q.query(
    `INSERT INTO dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, note, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [a.dossierId, a.at, a.actorId, a.actorName, a.action, a.fromStatus, a.toStatus, a.stepIndex, a.note, a.data === undefined ? null : JSON.stringify(a.data)],
  );
}

export type DossierRow = {
  id: string;
  code: string | null;
  ruleSet: string;
  status: DossierStatus;
  stepIndex: number;
  stepCount: number;
  receivingPath: string;
  resolvingPath: string;
  resolvingUnitId: string;
  receivedAt: Date | null;
  countingFrom: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  pausedAt: Date | null;
  supplementCount: number;
  apologyCount: number;
  assigneeId: string | null;
  interagencyPath: string | null;
  pausedMinutes: number;
  procedureVersionId: string;
  resultDelivery: 'desk' | 'post' | 'online';
  /** Units the dossier belongs to (dossier_scope): who may read it. */
  scopeUnitIds: string[];
};

const dossierRowColumns = `d.id, d.code, d.rule_set AS "ruleSet", d.status, d.step_index AS "stepIndex", d.step_count AS "stepCount",
  d.receiving_path AS "receivingPath", d.resolving_path AS "resolvingPath", d.resolving_unit_id AS "resolvingUnitId", d.received_at AS "receivedAt",
  d.counting_from AS "countingFrom", d.due_at AS "dueAt", d.original_due_at AS "originalDueAt", d.paused_at AS "pausedAt",
  d.supplement_count AS "supplementCount", d.apology_count AS "apologyCount", d.assignee_id AS "assigneeId", d.interagency_path AS "interagencyPath",
  d.paused_minutes AS "pausedMinutes", d.procedure_version_id AS "procedureVersionId", d.result_delivery AS "resultDelivery",
  ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = d.id) AS "scopeUnitIds"`;

/** The dossier's state, row-locked until the end of the caller's transaction. */
export async function lockDossier(q: Queryable, id: string): Promise<DossierRow | null> {
  return readDossierRow(q, id, true);
}

async function readDossierRow(q: Queryable, id: string, lock: boolean): Promise<DossierRow | null> {
  const { rows } = await q.query<DossierRow>(
    `SELECT ${dossierRowColumns}
       FROM dossier d WHERE d.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** The dossier's state, row-locked, with its steps — one round trip for every action. */
export async function lockDossierWithSteps(q: Queryable, id: string): Promise<{ dossier: DossierRow; steps: StepRow[] } | null> {
  const { rows } = await q.query<DossierRow & { steps: (Omit<StepRow, 'dueAt' | 'startedAt'> & { dueAt: string | null; startedAt: string | null })[] }>(
    `SELECT ${dossierRowColumns},
            (SELECT coalesce(json_agg(json_build_object('stepIndex', s.step_index, 'name', s.name, 'role', s.role, 'unitId', s.unit_id, 'unitPath', u.path,
                    'workingDays', s.working_days, 'dueAt', s.due_at, 'startedAt', s.started_at) ORDER BY s.step_index), '[]')
               FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = d.id) AS steps
       FROM dossier d WHERE d.id = $1 FOR UPDATE OF d`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const { steps, ...dossier } = r;
  return { dossier, steps: steps.map((s) => ({ ...s, dueAt: s.dueAt ? new Date(s.dueAt) : null, startedAt: s.startedAt ? new Date(s.startedAt) : null })) };
}

/**
 * Writes the read index and appends the action in one statement (the log is the truth, the index follows it in the
 * same transaction). `set` maps dossier columns to their new values.
 */
export async function updateDossierWithAction(q: Queryable, id: string, set: Record<string, unknown>, a: Omit<ActionRecord, 'dossierId'>): Promise<void> {
  const cols = Object.keys(set);
  if (cols.some((c) => !/^[a-z_]+$/.test(c))) throw new Error(`bad dossier column in ${cols.join(', ')}`);
  const base = cols.length + 2;
  await q.query(
    `WITH u AS (UPDATE dossier SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = $${base} WHERE id = $1 RETURNING id)
     INSERT INTO dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, note, data)
     SELECT u.id, $${base}, $${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8} FROM u`,
    [id, ...cols.map((c) => set[c]), a.at, a.actorId, a.actorName, a.action, a.fromStatus, a.toStatus, a.stepIndex, a.note, a.data === undefined ? null : JSON.stringify(a.data)],
  );
}

/** The dossier's state without a lock, for reads that decide nothing. */
export function getDossierRow(q: Queryable, id: string): Promise<DossierRow | null> {
  return readDossierRow(q, id, false);
}

export type StepRow = { stepIndex: number; name: string; role: string; unitId: string; unitPath: string; workingDays: number; dueAt: Date | null; startedAt: Date | null };

export async function listSteps(q: Queryable, dossierId: string): Promise<StepRow[]> {
  const { rows } = await q.query<StepRow>(
    `SELECT s.step_index AS "stepIndex", s.name, s.role, s.unit_id AS "unitId", u.path AS "unitPath", s.working_days AS "workingDays",
            s.due_at AS "dueAt", s.started_at AS "startedAt"
       FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = $1 ORDER BY s.step_index`,
    [dossierId],
  );
  return rows;
}

export type DossierDetailRow = {
  id: string;
  code: string | null;
  procedureId: string;
  procedureName: string;
  ruleSet: string;
  channel: string;
  status: DossierStatus;
  nationalStatus: number;
  receivingUnitName: string;
  resolvingUnitName: string;
  receivingPath: string;
  resolvingPath: string;
  applicant: { kind: string; idNumber: string; fullName: string; phone: string | null; email: string | null; address: string | null };
  stepIndex: number;
  stepCount: number;
  submittedAt: Date;
  receivedAt: Date | null;
  countingFrom: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  finishClass: string | null;
  resultDelivery: string;
  feeVnd: number;
  supplementCount: number;
  apologyCount: number;
  interagencyPath: string | null;
  interagencyUnitName: string | null;
  receivingUnitId: string;
  resolvingUnitId: string;
  documents: { name: string; kind: string; count: number }[];
  eform: Record<string, unknown> | null;
  /** Units the dossier belongs to (dossier_scope): who may read it. */
  scopeUnitIds: string[];
};

const detailSql = `SELECT d.id, d.code, d.procedure_id AS "procedureId", d.procedure_name AS "procedureName", d.rule_set AS "ruleSet", d.channel, d.status,
            d.national_status AS "nationalStatus", ru.name AS "receivingUnitName", su.name AS "resolvingUnitName", d.receiving_path AS "receivingPath",
            d.resolving_path AS "resolvingPath", d.applicant, d.step_index AS "stepIndex", d.step_count AS "stepCount", d.submitted_at AS "submittedAt",
            d.received_at AS "receivedAt", d.counting_from AS "countingFrom", d.due_at AS "dueAt", d.original_due_at AS "originalDueAt",
            d.finished_at AS "finishedAt", d.returned_at AS "returnedAt", d.finish_class AS "finishClass", d.result_delivery AS "resultDelivery",
            d.fee_vnd AS "feeVnd", d.supplement_count AS "supplementCount", d.apology_count AS "apologyCount",
            d.interagency_path AS "interagencyPath", iu.name AS "interagencyUnitName",
            d.receiving_unit_id AS "receivingUnitId", d.resolving_unit_id AS "resolvingUnitId", d.documents, d.eform,
            ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = d.id) AS "scopeUnitIds"`;
const detailFrom = `FROM dossier d JOIN unit ru ON ru.id = d.receiving_unit_id JOIN unit su ON su.id = d.resolving_unit_id
       LEFT JOIN unit iu ON iu.id = d.interagency_unit_id WHERE d.id = $1`;

export async function getDossierDetail(q: Queryable, id: string): Promise<DossierDetailRow | null> {
  const { rows } = await q.query<DossierDetailRow>(`${detailSql} ${detailFrom}`, [id]);
  return rows[0] ?? null;
}

export type StepView = {
  stepIndex: number; name: string; role: string; unitId: string; unitName: string; unitPath: string; workingDays: number;
  dueAt: Date | null; startedAt: Date | null; finishedAt: Date | null; finishClass: string | null;
};
export type HistoryView = { at: Date; actorName: string; action: string; fromStatus: string | null; toStatus: string; stepIndex: number | null; note: string | null; data: Record<string, unknown> | null };
export type DossierView = DossierDetailRow & { steps: StepView[]; history: HistoryView[]; adjustments: TAdjustment[]; actedOn: boolean };

const toDate = (v: string | null): Date | null => (v === null ? null : new Date(v));

/**
 * The dossier with its steps, its history, the calendar adjustments of its resolving unit for the years given and
 * whether `actorId` ever acted on it — one round trip for the dossier screen and every action's answer.
 */
export async function getDossierView(q: Queryable, id: string, p: { actorId: string; from: string; to: string }): Promise<DossierView | null> {
  type Raw<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
  const { rows } = await q.query<DossierDetailRow & { steps: Raw<StepView>[]; history: Raw<HistoryView>[]; adjustments: TAdjustment[]; actedOn: boolean }>(
    `${detailSql},
       (SELECT coalesce(json_agg(json_build_object('stepIndex', s.step_index, 'name', s.name, 'role', s.role, 'unitId', s.unit_id, 'unitName', u.name,
               'unitPath', u.path, 'workingDays', s.working_days, 'dueAt', s.due_at, 'startedAt', s.started_at, 'finishedAt', s.finished_at,
               'finishClass', s.finish_class) ORDER BY s.step_index), '[]')
          FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = d.id) AS steps,
       (SELECT coalesce(json_agg(json_build_object('at', a.at, 'actorName', a.actor_name, 'action', a.action, 'fromStatus', a.from_status,
               'toStatus', a.to_status, 'stepIndex', a.step_index, 'note', a.note, 'data', a.data) ORDER BY a.id), '[]')
          FROM dossier_action a WHERE a.dossier_id = d.id) AS history,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'day', a.day, 'kind', a.kind, 'name', a.name, 'unitId', a.unit_id,
               'unitName', au.name, 'sessions', a.sessions) ORDER BY a.day, a.created_at), '[]')
          FROM calendar_adjustment a LEFT JOIN unit au ON au.id = a.unit_id
         WHERE a.day BETWEEN $3 AND $4 AND (a.unit_id IS NULL OR d.resolving_path LIKE au.path || '%')) AS adjustments,
       EXISTS (SELECT 1 FROM dossier_action a WHERE a.dossier_id = d.id AND a.actor_id = $2) AS "actedOn"
     ${detailFrom}`,
    [id, p.actorId, p.from, p.to],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ...r,
    steps: r.steps.map((s) => ({ ...s, dueAt: toDate(s.dueAt), startedAt: toDate(s.startedAt), finishedAt: toDate(s.finishedAt) })),
    history: r.history.map((h) => ({ ...h, at: new Date(h.at) })),
  };
}

import { prepared, statement, type Queryable } from '../../platform/database.js';
import { channelChoiceJsonSql, type StoredChoice } from '../notifications/channel-preferences.repo.js';
import { signersJsonSql } from '../org-units/signatory.repo.js';
import { ledgerStateJsonSql, lockedStateOf, type LockedState } from './dossier.ledger.js';
import type { Signer } from '../org-units/signatory.rules.js';
import { workingHoursJsonSql } from '../working-calendar/calendar.repo.js';
import type { WorkingHours } from '../working-calendar/calendar.rules.js';
import type { TAdjustment } from '../working-calendar/calendar.contract.js';
import { resultDocumentNumber, type DossierStatus } from './dossier.rules.js';
import { citizenTimeline, type TimelineContext, type TimelineEntry, type TimelineItem } from './dossier-timeline.rules.js';

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
  /** The due time already missed when an apology letter was issued: the dossier stays late (`lateBeforeLetter`). */
  lateSince: Date | null;
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
  d.supplement_count AS "supplementCount", d.apology_count AS "apologyCount", d.late_since AS "lateSince", d.assignee_id AS "assigneeId", d.interagency_path AS "interagencyPath",
  d.paused_minutes AS "pausedMinutes", d.procedure_version_id AS "procedureVersionId", d.result_delivery AS "resultDelivery",
  ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = d.id) AS "scopeUnitIds"`;

/** The dossier's state, row-locked until the end of the caller's transaction. */
export async function lockDossier(q: Queryable, id: string): Promise<DossierRow | null> {
  return readDossierRow(q, id, true);
}

const dossierRowSql = statement(`SELECT ${dossierRowColumns} FROM dossier d WHERE d.id = $1`);
const dossierRowLockedSql = statement(`SELECT ${dossierRowColumns} FROM dossier d WHERE d.id = $1 FOR UPDATE`);

async function readDossierRow(q: Queryable, id: string, lock: boolean): Promise<DossierRow | null> {
  const { rows } = await q.query<DossierRow>(prepared(lock ? dossierRowLockedSql : dossierRowSql, [id]));
  return rows[0] ?? null;
}

/** What an action tells the applicant with (act-on-dossier.ts): read with the lock, as none of it changes in the action. */
export type NoticeRow = { procedureName: string; applicant: { fullName: string; email: string | null; phone: string | null }; receivingUnitName: string; choice: StoredChoice };

/**
 * The dossier's state, row-locked, with its steps, the ledger's state of it and what a notice of the action says — one
 * round trip for every action.
 * When the statement had to wait for another writer's lock, its steps and scope were read with the snapshot it started
 * with (READ COMMITTED: only the locked row is its newest version): it reads again, the lock now held, so the action
 * decides on what that writer committed (issue 12, `ledgerStateJsonSql`).
 */
export function lockDossierWithSteps(q: Queryable, id: string): Promise<DossierForAction | null> {
  return dossierForAction(q, id, { lock: true });
}

/** What an action decides on: the dossier, its steps, the ledger's state of it, a notice's facts, and its row version. */
export type DossierForAction = { dossier: DossierRow; steps: StepRow[]; ledger: LockedState | null; notice: NoticeRow; version: string };

/**
 * The same facts without the lock, read in one snapshot, with the row's version (its `xmin`): for an action that writes
 * only if the row is still that version (dossier.ledger.ts `recordEvent` `ifVersion`) — no transaction around it.
 */
export function readDossierForAction(q: Queryable, id: string): Promise<DossierForAction | null> {
  return dossierForAction(q, id, { lock: false });
}

const forActionSelect = `SELECT ${dossierRowColumns}, ${ledgerStateJsonSql}, d.xmin::text AS version,
            (SELECT coalesce(json_agg(json_build_object('stepIndex', s.step_index, 'name', s.name, 'role', s.role, 'unitId', s.unit_id, 'unitPath', u.path,
                    'unitName', u.name, 'workingDays', s.working_days, 'dueAt', s.due_at, 'startedAt', s.started_at) ORDER BY s.step_index), '[]')
               FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = d.id) AS steps,
            json_build_object('procedureName', d.procedure_name, 'applicant', d.applicant, 'receivingUnitName', (SELECT ru.name FROM unit ru WHERE ru.id = d.receiving_unit_id),
                              'choice', ${channelChoiceJsonSql('d')}) AS notice
       FROM dossier d WHERE d.id = $1`;
const forActionSql = statement(forActionSelect);
const forActionLockedSql = statement(`${forActionSelect} FOR UPDATE OF d`);

async function dossierForAction(q: Queryable, id: string, o: { lock: boolean; again?: false }): Promise<DossierForAction | null> {
  type Raw = DossierRow & { steps: (Omit<StepRow, 'dueAt' | 'startedAt'> & { dueAt: string | null; startedAt: string | null })[]; notice: NoticeRow; version: string } & Parameters<typeof lockedStateOf>[0];
  const { rows } = await q.query<Raw>(prepared(o.lock ? forActionLockedSql : forActionSql, [id]));
  const r = rows[0];
  if (!r) return null;
  if (!r.ledgerFresh && o.again !== false) return dossierForAction(q, id, { ...o, again: false });
  const { steps, ledgerState, ledgerFresh, notice, version, ...dossier } = r;
  return {
    dossier,
    notice,
    version,
    steps: steps.map((s) => ({ ...s, dueAt: s.dueAt ? new Date(s.dueAt) : null, startedAt: s.startedAt ? new Date(s.startedAt) : null })),
    // The ledger's own state of the row, for `recordEvent` in the same transaction (null: it reads it again).
    ledger: lockedStateOf({ ledgerState, ledgerFresh }),
  };
}

/** The dossier's state without a lock, for reads that decide nothing. */
export function getDossierRow(q: Queryable, id: string): Promise<DossierRow | null> {
  return readDossierRow(q, id, false);
}

export type StepRow = { stepIndex: number; name: string; role: string; unitId: string; unitPath: string; unitName: string; workingDays: number; dueAt: Date | null; startedAt: Date | null };

export async function listSteps(q: Queryable, dossierId: string): Promise<StepRow[]> {
  const { rows } = await q.query<StepRow>(
    `SELECT s.step_index AS "stepIndex", s.name, s.role, s.unit_id AS "unitId", u.path AS "unitPath", u.name AS "unitName", s.working_days AS "workingDays",
            s.due_at AS "dueAt", s.started_at AS "startedAt"
       FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = $1 ORDER BY s.step_index`,
    [dossierId],
  );
  return rows;
}

export type DossierDetailRow = {
  id: string;
  /** The officer holding the dossier now (who claimed it or was chosen), if any. */
  assigneeId: string | null;
  code: string | null;
  /** The code on the national portal (MaHoSo) when it is not ours. */
  nationalCode: string | null;
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
  /** The due time already missed when an apology letter was issued: the dossier stays late (`lateBeforeLetter`). */
  lateSince: Date | null;
  interagencyPath: string | null;
  interagencyUnitName: string | null;
  receivingUnitId: string;
  resolvingUnitId: string;
  documents: { name: string; kind: string; count: number; link?: string | null }[];
  eform: Record<string, unknown> | null;
  /** The e-form's JSON Schema of the procedure version the dossier was received under (labels and order of the answers). */
  eformSchema: Record<string, unknown> | null;
  /** Units the dossier belongs to (dossier_scope): who may read it. */
  scopeUnitIds: string[];
};

const detailSql = `SELECT d.id, d.code, (SELECT nullif(n.ma_ho_so, d.code) FROM national_dossier n WHERE n.dossier_id = d.id) AS "nationalCode", d.procedure_id AS "procedureId", d.procedure_name AS "procedureName", d.rule_set AS "ruleSet", d.channel, d.status,
            d.national_status AS "nationalStatus", ru.name AS "receivingUnitName", su.name AS "resolvingUnitName", d.receiving_path AS "receivingPath",
            d.resolving_path AS "resolvingPath", d.applicant, d.step_index AS "stepIndex", d.step_count AS "stepCount", d.submitted_at AS "submittedAt",
            d.received_at AS "receivedAt", d.counting_from AS "countingFrom", d.due_at AS "dueAt", d.original_due_at AS "originalDueAt",
            d.finished_at AS "finishedAt", d.returned_at AS "returnedAt", d.finish_class AS "finishClass", d.result_delivery AS "resultDelivery",
            d.fee_vnd AS "feeVnd", d.supplement_count AS "supplementCount", d.apology_count AS "apologyCount", d.late_since AS "lateSince", d.assignee_id AS "assigneeId",
            d.interagency_path AS "interagencyPath", iu.name AS "interagencyUnitName",
            d.receiving_unit_id AS "receivingUnitId", d.resolving_unit_id AS "resolvingUnitId", d.documents, d.eform,
            (SELECT pv.content->'eform' FROM procedure_version pv WHERE pv.id = d.procedure_version_id) AS "eformSchema",
            ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = d.id) AS "scopeUnitIds"`;
const detailFrom = `FROM dossier d JOIN unit ru ON ru.id = d.receiving_unit_id JOIN unit su ON su.id = d.resolving_unit_id
       LEFT JOIN unit iu ON iu.id = d.interagency_unit_id WHERE d.id = $1`;

const detailStatement = statement(`${detailSql} ${detailFrom}`);

export async function getDossierDetail(q: Queryable, id: string): Promise<DossierDetailRow | null> {
  const { rows } = await q.query<DossierDetailRow>(prepared(detailStatement, [id]));
  return rows[0] ?? null;
}

export type StepView = {
  stepIndex: number; name: string; role: string; unitId: string; unitName: string; unitPath: string; workingDays: number;
  dueAt: Date | null; startedAt: Date | null; finishedAt: Date | null; finishClass: string | null;
};
export type HistoryView = { at: Date; actorId: string | null; actorName: string; action: string; fromStatus: string | null; toStatus: string; stepIndex: number | null; note: string | null; data: Record<string, unknown> | null };
export type DossierView = DossierDetailRow & {
  steps: StepView[];
  history: HistoryView[];
  adjustments: TAdjustment[];
  hours: WorkingHours[];
  actedOn: boolean;
  /** Who may sign the resolving unit's letters (the apology letter's signer). */
  signers: Signer[];
  /** Someone other than the reader opened the dossier since its last action (the undo rule, dossier-undo.rules.ts). */
  openedByOthersSinceLast: boolean;
};

const toDate = (v: string | null): Date | null => (v === null ? null : new Date(v));

const dossierViewSql = statement(
  `${detailSql},
       (SELECT coalesce(json_agg(json_build_object('stepIndex', s.step_index, 'name', s.name, 'role', s.role, 'unitId', s.unit_id, 'unitName', u.name,
               'unitPath', u.path, 'workingDays', s.working_days, 'dueAt', s.due_at, 'startedAt', s.started_at, 'finishedAt', s.finished_at,
               'finishClass', s.finish_class) ORDER BY s.step_index), '[]')
          FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = d.id) AS steps,
       (SELECT coalesce(json_agg(json_build_object('at', a.at, 'actorId', a.actor_id, 'actorName', a.actor_name, 'action', a.action, 'fromStatus', a.from_status,
               'toStatus', a.to_status, 'stepIndex', a.step_index, 'note', a.note, 'data', a.data) ORDER BY a.id), '[]')
          FROM dossier_action a WHERE a.dossier_id = d.id) AS history,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'day', a.day, 'kind', a.kind, 'name', a.name, 'unitId', a.unit_id,
               'unitName', au.name, 'sessions', a.sessions) ORDER BY a.day, a.created_at), '[]')
          FROM calendar_adjustment a LEFT JOIN unit au ON au.id = a.unit_id
         WHERE a.day BETWEEN $3 AND $4 AND (a.unit_id IS NULL OR d.resolving_path LIKE au.path || '%')) AS adjustments,
       ${workingHoursJsonSql('d.resolving_path')} AS hours,
       EXISTS (SELECT 1 FROM dossier_action a WHERE a.dossier_id = d.id AND a.actor_id = $2) AS "actedOn",
       ${signersJsonSql('d.resolving_unit_id')} AS signers,
       EXISTS (SELECT 1 FROM dossier_access x
                WHERE x.dossier_id = d.id AND x.actor_id <> $2
                  AND x.at >= (SELECT a.at FROM dossier_action a WHERE a.dossier_id = d.id ORDER BY a.id DESC LIMIT 1)) AS "openedByOthersSinceLast"
     ${detailFrom}`,
);

/**
 * The dossier with its steps, its history, the calendar adjustments of its resolving unit for the years given and
 * whether `actorId` ever acted on it, the resolving unit's signers and whether anyone else opened it since its last
 * action (the undo check) — one round trip for the dossier screen and every action's answer (issue 12: it was four).
 */
export async function getDossierView(q: Queryable, id: string, p: { actorId: string; from: string; to: string }): Promise<DossierView | null> {
  type Raw<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
  const { rows } = await q.query<DossierDetailRow & { steps: Raw<StepView>[]; history: Raw<HistoryView>[]; adjustments: TAdjustment[]; hours: WorkingHours[]; actedOn: boolean; signers: Signer[]; openedByOthersSinceLast: boolean }>(prepared(dossierViewSql, [id, p.actorId, p.from, p.to]));
  const r = rows[0];
  if (!r) return null;
  return {
    ...r,
    steps: r.steps.map((s) => ({ ...s, dueAt: toDate(s.dueAt), startedAt: toDate(s.startedAt), finishedAt: toDate(s.finishedAt) })),
    history: r.history.map((h) => ({ ...h, at: new Date(h.at) })),
  };
}

/**
 * The citizen's timeline of a dossier (dossier-timeline.rules.ts): its log with the receiving desk and the steps'
 * names, roles and units, in one round trip.
 */
export async function loadCitizenTimeline(q: Queryable, dossierId: string): Promise<TimelineItem[]> {
  const { rows } = await q.query<{ timeline: TimelineFacts }>(`SELECT ${citizenTimelineSql('d')} AS timeline FROM dossier d WHERE d.id = $1`, [dossierId]);
  return rows[0] ? citizenTimelineOf(rows[0].timeline) : [];
}

/** What `citizenTimelineSql` reads. */
export type TimelineFacts = { receivingUnitName: string; steps: TimelineContext['steps']; log: (Omit<TimelineEntry, 'at'> & { at: string })[] };

/**
 * SQL for the facts of the citizen's timeline of the dossier row `alias` as one JSON column, for a statement that
 * reads them with the rest of an answer (public tracking: one round trip, issue 12); `citizenTimelineOf` words them.
 */
export function citizenTimelineSql(alias: string): string {
  return `json_build_object(
            'receivingUnitName', (SELECT ru.name FROM unit ru WHERE ru.id = ${alias}.receiving_unit_id),
            'steps', (SELECT coalesce(json_agg(json_build_object('name', s.name, 'role', s.role, 'unitName', u.name) ORDER BY s.step_index), '[]')
                        FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = ${alias}.id),
            'log', (SELECT coalesce(json_agg(json_build_object('at', a.at, 'action', a.action, 'actorName', a.actor_name, 'stepIndex', a.step_index,
                      'note', a.note, 'data', a.data, 'toStatus', a.to_status) ORDER BY a.id), '[]')
                      FROM dossier_action a WHERE a.dossier_id = ${alias}.id))`;
}

export function citizenTimelineOf(t: TimelineFacts): TimelineItem[] {
  return citizenTimeline(t.log.map((e) => ({ ...e, at: new Date(e.at) })), { receivingUnitName: t.receivingUnitName, steps: t.steps });
}

/**
 * Gives each result document of the dossier without a number one (`resultDocumentNumber`), after the numbers already
 * given, in the order the results were attached: at the approval, and for a result attached after it.
 */
export async function numberResultDocuments(q: Queryable, dossierId: string): Promise<void> {
  const { rows } = await q.query<{ code: string | null; files: { sha256: string; documentName: string; number: string | null }[] }>(
    `SELECT d.code, coalesce((SELECT json_agg(json_build_object('sha256', f.sha256, 'documentName', f.document_name, 'number', f.document_number)
                                ORDER BY f.added_at, f.document_name, f.sha256) FROM dossier_file f WHERE f.dossier_id = d.id AND f.kind = 'result'), '[]') AS files
       FROM dossier d WHERE d.id = $1`,
    [dossierId],
  );
  const d = rows[0];
  if (!d?.code) return;
  const taken = new Set(d.files.map((f) => f.number).filter((n): n is string => n !== null));
  let ordinal = 0;
  const next = (): string => {
    let n: string;
    do n = resultDocumentNumber(d.code!, ++ordinal);
    while (taken.has(n));
    return n;
  };
  const missing = d.files.filter((f) => f.number === null).map((f) => ({ ...f, number: next() }));
  if (missing.length === 0) return;
  await q.query(
    `UPDATE dossier_file f SET document_number = x.n FROM unnest($2::text[], $3::text[], $4::text[]) AS x(sha, doc, n)
      WHERE f.dossier_id = $1 AND f.kind = 'result' AND f.sha256 = x.sha AND f.document_name = x.doc AND f.document_number IS NULL`,
    [dossierId, missing.map((f) => f.sha256), missing.map((f) => f.documentName), missing.map((f) => f.number)],
  );
}

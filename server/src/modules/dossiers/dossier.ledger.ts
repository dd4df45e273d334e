/**
 * The ledger: the only code that writes a dossier's state (the `dossier` row, its `dossier_step` rows and its
 * `dossier_action` log). Every change is one event of the closed union in dossier-events.rules.ts; the row and steps
 * become `evolve(row, event)` and the event is appended to the log in the same statement, with the day's code number
 * (at acceptance) and the applicant's notifications (outbox). The report counters follow through their triggers on
 * the same rows, in the same transaction. Other modules (citizens, postal, jobs) call `recordEvent`; a test
 * (dossier.ledger.boundary.test.ts) fails if any other file writes these tables.
 */
import { prepared, statement, type Queryable } from '../../platform/database.js';
import type { NewNotification } from '../notifications/notification.repo.js';
import type { TApplicantInput } from './dossier.contract.js';
import type { PlannedStep } from './dossier-deadline.rules.js';
import { evolve, fromStored, toStored, type DossierEvent, type LedgerEntry, type LedgerState, type StepState } from './dossier-events.rules.js';
import { nationalStatusCode } from './dossier.rules.js';

/** Who records an event, when, and the note shown with it. */
export type Recording = { at: Date; actorId: string | null; actorName: string; note: string | null; event: DossierEvent };

/** Numbering of an accepted dossier: the counter row to take the next number from and the code around the number. */
export type IntakeNumbering = { unitId: string; day: string; prefix: string; seqDigits: number; seqMaxDigits: number | null };

/** Notifications rendered before the code existed: `codeToken` stands for it in their texts and is replaced in SQL. */
export type Notices = { codeToken?: string; items: NewNotification[] };

export type StepDefinition = { stepIndex: number; name: string; role: string; unitId: string; unitPath: string; workingDays: number };

const NO_TOKEN = 'MAHOSO-KHONG-CO';

const stateColumns = `d.code, d.status, d.step_index AS "stepIndex", d.step_count AS "stepCount", d.assignee_id AS "assigneeId",
  d.submitted_at AS "submittedAt", d.received_at AS "receivedAt", d.counting_from AS "countingFrom", d.due_at AS "dueAt",
  d.original_due_at AS "originalDueAt", d.finished_at AS "finishedAt", d.returned_at AS "returnedAt", d.finish_class AS "finishClass",
  d.result_delivery AS "resultDelivery", d.supplement_count AS "supplementCount", d.paused_at AS "pausedAt",
  d.paused_minutes::float8 AS "pausedMinutes", d.apology_count AS "apologyCount", d.late_since AS "lateSince", d.overdue_notified_at AS "overdueNotifiedAt",
  d.supplemented_at AS "supplementedAt", d.interagency_unit_id AS "interagencyUnitId", d.interagency_path AS "interagencyPath",
  (SELECT coalesce(json_agg(json_build_object('stepIndex', s.step_index, 'name', s.name, 'role', s.role, 'unitId', s.unit_id, 'unitPath', u.path,
          'workingDays', s.working_days, 'dueAt', s.due_at, 'startedAt', s.started_at, 'finishedAt', s.finished_at, 'finishClass', s.finish_class,
          'assigneeId', s.assignee_id) ORDER BY s.step_index), '[]')
     FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = d.id) AS "stepRows"`;

type RawStep = StepDefinition & { dueAt: string | null; startedAt: string | null; finishedAt: string | null; finishClass: StepState['finishClass']; assigneeId: string | null };
const toDate = (v: string | null): Date | null => (v === null ? null : new Date(v));

const readStateSql = statement(`SELECT ${stateColumns} FROM dossier d WHERE d.id = $1`);
const readStateLockedSql = statement(`SELECT ${stateColumns} FROM dossier d WHERE d.id = $1 FOR UPDATE OF d`);

/** The dossier's state as its row says (optionally row-locked until the end of the transaction), with its step definitions. */
export async function readLedgerState(q: Queryable, id: string, opts: { lock: boolean }): Promise<{ state: LedgerState; steps: StepDefinition[] } | null> {
  const { rows } = await q.query<Omit<LedgerState, 'steps'> & { stepRows: RawStep[] }>(prepared(opts.lock ? readStateLockedSql : readStateSql, [id]));
  const r = rows[0];
  if (!r) return null;
  const { stepRows, ...row } = r;
  return stateAndSteps(row, stepRows);
}

/** A dossier's state as a statement that locked its row read it (`ledgerStateJsonSql`), for `recordEvent` to reuse. */
export type LockedState = { state: LedgerState; steps: StepDefinition[] };

const DATE_FIELDS = ['submittedAt', 'receivedAt', 'countingFrom', 'dueAt', 'originalDueAt', 'finishedAt', 'returnedAt', 'pausedAt', 'lateSince', 'overdueNotifiedAt', 'supplementedAt'] as const;

/**
 * SQL columns for a statement that reads the dossier row `d` FOR UPDATE (dossier.repo.ts `lockDossierWithSteps`): its
 * ledger state as JSON, and whether that state is the locked one. In READ COMMITTED a statement that waited for the row
 * lock sees the row's newest version but reads the steps with the snapshot it started with; the state is reused only
 * when the snapshot saw the version it locked (same xmin), else `recordEvent` reads it again — as it always did before
 * issue 12, one round trip more.
 */
export const ledgerStateJsonSql = `(SELECT row_to_json(x) FROM (SELECT ${stateColumns}) x) AS "ledgerState",
  d.xmin = (SELECT d2.xmin FROM dossier d2 WHERE d2.id = d.id) AS "ledgerFresh"`;

/** What the columns of `ledgerStateJsonSql` say: the state to reuse, or null to read it again. */
export function lockedStateOf(raw: { ledgerState: Record<string, unknown> & { stepRows: RawStep[] }; ledgerFresh: boolean }): LockedState | null {
  if (!raw.ledgerFresh) return null;
  const { stepRows, ...row } = raw.ledgerState;
  const dates = Object.fromEntries(DATE_FIELDS.map((k) => [k, toDate(row[k] as string | null)]));
  return stateAndSteps({ ...(row as unknown as Omit<LedgerState, 'steps'>), ...dates }, stepRows);
}

function stateAndSteps(row: Omit<LedgerState, 'steps'>, stepRows: RawStep[]): LockedState {
  return {
    state: {
      ...row,
      steps: stepRows.map((s) => ({ dueAt: toDate(s.dueAt), startedAt: toDate(s.startedAt), finishedAt: toDate(s.finishedAt), finishClass: s.finishClass, assigneeId: s.assigneeId })),
    },
    steps: stepRows.map((s) => ({ stepIndex: s.stepIndex, name: s.name, role: s.role, unitId: s.unitId, unitPath: s.unitPath, workingDays: Number(s.workingDays) })),
  };
}

/** The dossier's log as the fold reads it, oldest first. */
export async function readLog(q: Queryable, id: string): Promise<LedgerEntry[]> {
  const { rows } = await q.query<{ at: Date; actorId: string | null; action: string; data: Record<string, unknown> | null }>(
    `SELECT at, actor_id AS "actorId", action, data FROM dossier_action WHERE dossier_id = $1 ORDER BY id`,
    [id],
  );
  return rows.map((r) => ({ at: r.at, actorId: r.actorId, event: fromStored(r.action, r.data) }));
}

function notificationParams(n: Notices) {
  const items = n.items;
  const json = (v: unknown) => (v ? JSON.stringify(v) : null);
  return [
    items.map((x) => x.channel), items.map((x) => x.recipient), items.map((x) => x.subject ?? null), items.map((x) => x.body), items.map((x) => x.templateKey), n.codeToken ?? NO_TOKEN,
    items.map((x) => json(x.templateData)), items.map((x) => json(x.fallback)),
  ];
}

function stepParams(defs: Pick<StepDefinition, 'stepIndex' | 'name' | 'role' | 'unitId' | 'workingDays'>[], states: StepState[]) {
  const st = defs.map((s) => states[s.stepIndex]);
  return [
    defs.map((s) => s.stepIndex), defs.map((s) => s.name), defs.map((s) => s.role), defs.map((s) => s.unitId), defs.map((s) => s.workingDays),
    st.map((s) => s?.dueAt ?? null), st.map((s) => s?.startedAt ?? null), st.map((s) => s?.finishedAt ?? null), st.map((s) => s?.finishClass ?? null), st.map((s) => s?.assigneeId ?? null),
  ];
}

/** The row's state columns in a fixed order, for the statements below. */
function stateParams(s: LedgerState) {
  return [
    s.status, nationalStatusCode[s.status], s.stepIndex, s.stepCount, s.assigneeId, s.receivedAt, s.countingFrom, s.dueAt, s.originalDueAt, s.finishedAt,
    s.returnedAt, s.finishClass, s.resultDelivery, s.supplementCount, s.pausedAt, s.pausedMinutes, s.apologyCount, s.overdueNotifiedAt, s.supplementedAt,
    s.interagencyUnitId, s.interagencyPath,
  ];
}

/** The stored `data` of the entry, the day's code filled into the schedule of an acceptance (numbered in the statement). */
const dataWithCode = (p: string, code: string) => `CASE WHEN ${p}::jsonb ? 'schedule' THEN jsonb_set(${p}::jsonb, '{schedule,code}', coalesce(to_jsonb(${code}), 'null'::jsonb)) ELSE ${p}::jsonb END`;

export type DossierFacts = {
  idempotencyKey: string;
  procedureId: string;
  procedureVersionId: string;
  procedureName: string;
  ruleSet: string;
  receivingUnitId: string;
  receivingPath: string;
  resolvingUnitId: string;
  resolvingPath: string;
  applicant: TApplicantInput;
  feeVnd: number;
  documents: unknown;
  eform: unknown;
  citizenId?: string | null;
  assisted?: boolean;
  /** The fingerprint of the request under `idempotencyKey` (platform/idempotency.ts), kept to tell a retry from another request. */
  requestFingerprint?: string | null;
};

const openDossierSql = statement(
  `WITH ap AS (
       INSERT INTO applicant (kind, id_number, full_name, birth_date, address, address_unit_id, phone, email, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (kind, id_number) DO UPDATE SET full_name = EXCLUDED.full_name,
         birth_date = coalesce(EXCLUDED.birth_date, applicant.birth_date), address = coalesce(EXCLUDED.address, applicant.address),
         address_unit_id = coalesce(EXCLUDED.address_unit_id, applicant.address_unit_id), phone = coalesce(EXCLUDED.phone, applicant.phone),
         email = coalesce(EXCLUDED.email, applicant.email), updated_at = EXCLUDED.updated_at
       RETURNING id),
     sq AS (
       INSERT INTO dossier_code_counter (unit_id, day, last_seq) SELECT $10, $11, 1 WHERE $10::uuid IS NOT NULL
       ON CONFLICT (unit_id, day) DO UPDATE SET last_seq = dossier_code_counter.last_seq + 1
       RETURNING last_seq),
     d AS (
       INSERT INTO dossier (code, idempotency_key, procedure_id, procedure_version_id, procedure_name, rule_set, receiving_unit_id, receiving_path,
         resolving_unit_id, resolving_path, applicant_id, applicant, channel, submitted_at, fee_vnd, documents, eform, citizen_id, assisted, created_at, updated_at,
         status, national_status, step_index, step_count, assignee_id, received_at, counting_from, due_at, original_due_at, finished_at,
         returned_at, finish_class, result_delivery, supplement_count, paused_at, paused_minutes, apology_count, overdue_notified_at, supplemented_at,
         interagency_unit_id, interagency_path, late_since, request_fingerprint)
       SELECT CASE WHEN $10::uuid IS NOT NULL THEN $12 || dossier_code_seq((SELECT last_seq FROM sq), $13, $14) END,
              $15, $16, $17, $18, $19, $20, $21, $22, $23, (SELECT id FROM ap), $24, $25, $26, $27, $28, $29, $30, $31, $9, $9,
              $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50, $51, $52, $78, $79
       RETURNING id, code),
     s AS (
       INSERT INTO dossier_step (dossier_id, step_index, name, role, unit_id, working_days, due_at, started_at, finished_at, finish_class, assignee_id)
       SELECT d.id, s.* FROM d, unnest($53::int[], $54::text[], $55::text[], $56::uuid[], $57::numeric[], $58::timestamptz[], $59::timestamptz[],
              $60::timestamptz[], $61::text[], $62::uuid[]) AS s),
     a AS (
       INSERT INTO dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, note, data)
       SELECT d.id, $9, $63, $64, $65, NULL, $66, $67, $68, ${dataWithCode('$69', 'd.code')} FROM d),
     n AS (
       INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at, template_data, fallback)
       SELECT n.c, n.r, replace(n.s, $75, coalesce(d.code, $75)), replace(n.b, $75, coalesce(d.code, $75)), n.k, d.id, $9, $9,
              replace(n.td, $75, coalesce(d.code, $75))::jsonb, replace(n.fb, $75, coalesce(d.code, $75))::jsonb
         FROM d, unnest($70::text[], $71::text[], $72::text[], $73::text[], $74::text[], $76::text[], $77::text[]) AS n(c, r, s, b, k, td, fb))
     SELECT id, code FROM d`,
);

/**
 * Opens a dossier with its first event (desk intake: accept or reject_intake with its opening; online: submit), in one
 * statement shaped for throughput: the applicant (upserted by identity number), the day's next sequence at the
 * receiving desk (accepted dossiers only), the dossier row as the event makes it, its steps, the log entry and the
 * notifications. The counter row stays locked only while this statement runs; a failure (a raced idempotency key, a
 * full day) rolls everything back, the number included.
 */
export async function openDossier(
  q: Queryable,
  facts: DossierFacts,
  rec: Recording,
  opts: { numbering: IntakeNumbering | null; steps: PlannedStep[]; notices: Notices },
): Promise<{ id: string; code: string | null; state: LedgerState }> {
  const state = evolve(null, { at: rec.at, actorId: rec.actorId, event: rec.event });
  const a = facts.applicant;
  const stored = toStored(rec.event);
  const nb = opts.numbering;
  const { rows } = await q.query<{ id: string; code: string | null }>(prepared(openDossierSql, [
      a.kind, a.idNumber, a.fullName, a.birthDate, a.address, a.addressUnitId, a.phone, a.email, rec.at,
      nb?.unitId ?? null, nb?.day ?? null, nb?.prefix ?? null, nb?.seqDigits ?? null, nb?.seqMaxDigits ?? null,
      facts.idempotencyKey, facts.procedureId, facts.procedureVersionId, facts.procedureName, facts.ruleSet, facts.receivingUnitId, facts.receivingPath,
      facts.resolvingUnitId, facts.resolvingPath, JSON.stringify(a), channelOf(rec.event), state.submittedAt, facts.feeVnd, JSON.stringify(facts.documents),
      facts.eform === null || facts.eform === undefined ? null : JSON.stringify(facts.eform), facts.citizenId ?? null, facts.assisted ?? false,
      ...stateParams(state),
      ...stepParams(opts.steps, state.steps),
      rec.actorId, rec.actorName, stored.action, state.status, state.receivedAt ? state.stepIndex : null, rec.note, JSON.stringify(stored.data),
      ...notificationParams(opts.notices),
      state.lateSince, facts.requestFingerprint ?? null,
    ]),
  );
  const r = rows[0]!;
  return { ...r, state: { ...state, code: r.code } };
}

function channelOf(e: DossierEvent): string {
  if ((e.type === 'submit' || e.type === 'accept' || e.type === 'reject_intake') && e.opening) return e.opening.channel;
  throw new Error(`${e.type} does not open a dossier`);
}

/** `recordEvent` with `ifVersion` found the row changed since it was read: nothing was written; decide again on it. */
export class StaleVersion extends Error {
  constructor(dossierId: string) {
    super(`dossier ${dossierId} changed since it was read`);
    this.name = 'StaleVersion';
  }
}

const recordEventSql = statement(
  `WITH sq AS (
       INSERT INTO dossier_code_counter (unit_id, day, last_seq) SELECT $2, $3, 1 WHERE $2::uuid IS NOT NULL
       ON CONFLICT (unit_id, day) DO UPDATE SET last_seq = dossier_code_counter.last_seq + 1
       RETURNING last_seq),
     d AS (
       UPDATE dossier SET code = CASE WHEN $2::uuid IS NOT NULL THEN $4 || dossier_code_seq((SELECT last_seq FROM sq), $5, $6) ELSE code END,
              status = $7, national_status = $8, step_index = $9, step_count = $10, assignee_id = $11, received_at = $12, counting_from = $13,
              due_at = $14, original_due_at = $15, finished_at = $16, returned_at = $17, finish_class = $18, result_delivery = $19,
              supplement_count = $20, paused_at = $21, paused_minutes = $22, apology_count = $23, overdue_notified_at = $24, supplemented_at = $25,
              interagency_unit_id = $26, interagency_path = $27, updated_at = $28, late_since = $55
        WHERE id = $1 AND ($56::xid IS NULL OR xmin = $56::xid) RETURNING id, code),
     s AS (
       INSERT INTO dossier_step (dossier_id, step_index, name, role, unit_id, working_days, due_at, started_at, finished_at, finish_class, assignee_id)
       SELECT d.id, s.* FROM d, unnest($29::int[], $30::text[], $31::text[], $32::uuid[], $33::numeric[], $34::timestamptz[], $35::timestamptz[],
              $36::timestamptz[], $37::text[], $38::uuid[]) AS s
       ON CONFLICT (dossier_id, step_index) DO UPDATE SET due_at = EXCLUDED.due_at, started_at = EXCLUDED.started_at,
          finished_at = EXCLUDED.finished_at, finish_class = EXCLUDED.finish_class, assignee_id = EXCLUDED.assignee_id),
     a AS (
       INSERT INTO dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, note, data)
       SELECT d.id, $28, $39, $40, $41, $42, $43, $44, $45, ${dataWithCode('$46', 'd.code')} FROM d),
     n AS (
       INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at, template_data, fallback)
       SELECT n.c, n.r, replace(n.s, $52, coalesce(d.code, $52)), replace(n.b, $52, coalesce(d.code, $52)), n.k, d.id, $28, $28,
              replace(n.td, $52, coalesce(d.code, $52))::jsonb, replace(n.fb, $52, coalesce(d.code, $52))::jsonb
         FROM d, unnest($47::text[], $48::text[], $49::text[], $50::text[], $51::text[], $53::text[], $54::text[]) AS n(c, r, s, b, k, td, fb))
     SELECT code FROM d`,
);

/**
 * Records one event on an existing dossier: locks the row, evolves its state, and writes the changed row, the
 * changed (or new) steps, the log entry, the day's code number when `numbering` is given (acceptance of an online
 * dossier) and the notifications, in one statement (after the locked read, unless the caller passes it). Returns the
 * state before and after. The caller has decided that the event may happen (policy, state machine, deadlines); the
 * ledger makes it so, all or nothing. With `ifVersion` (the row's version the caller's unlocked read saw), the statement
 * writes only if the row is still that version, else nothing and throws `StaleVersion` — no transaction needed.
 */
export async function recordEvent(
  q: Queryable,
  dossierId: string,
  rec: Recording,
  opts: { numbering?: IntakeNumbering; newSteps?: PlannedStep[]; notices?: Notices | ((after: LedgerState) => Notices); locked?: LockedState | null; ifVersion?: string } = {},
): Promise<{ before: LedgerState; after: LedgerState }> {
  // `locked`: the state the caller read in this transaction with the row locked, nothing recorded since (one round trip
  // less); or, with `ifVersion`, read without a lock at that row version: the write happens only if the row is still it.
  if (opts.ifVersion !== undefined && (!opts.locked || opts.numbering)) throw new Error('ifVersion needs the state read at that version, and no numbering');
  const current = opts.locked ?? (await readLedgerState(q, dossierId, { lock: true }));
  if (!current) throw new Error(`no dossier ${dossierId}`);
  const before = current.state;
  const after = evolve(before, { at: rec.at, actorId: rec.actorId, event: rec.event });
  const defs = opts.newSteps ?? current.steps;
  const changed = defs.filter((s) => opts.newSteps || JSON.stringify(before.steps[s.stepIndex]) !== JSON.stringify(after.steps[s.stepIndex]));
  const stored = toStored(rec.event);
  const nb = opts.numbering;
  const { rows } = await q.query<{ code: string | null }>(prepared(recordEventSql, [
      dossierId, nb?.unitId ?? null, nb?.day ?? null, nb?.prefix ?? null, nb?.seqDigits ?? null, nb?.seqMaxDigits ?? null,
      ...stateParams(after), rec.at,
      ...stepParams(changed, after.steps),
      rec.actorId, rec.actorName, stored.action, before.status, after.status, after.receivedAt ? after.stepIndex : null, rec.note, JSON.stringify(stored.data),
      ...notificationParams(typeof opts.notices === 'function' ? opts.notices(after) : (opts.notices ?? { items: [] })),
      after.lateSince, opts.ifVersion ?? null,
    ]),
  );
  // Another writer changed the row since it was read (READ COMMITTED re-checks the condition on the newest version): nothing
  // of this statement was written.
  if (rows.length === 0 && opts.ifVersion !== undefined) throw new StaleVersion(dossierId);
  return { before, after: { ...after, code: rows[0]?.code ?? after.code } };
}

/**
 * Rewrites a dossier's row and steps to what its log folds to (the rebuild command, after a restore or a migration
 * that changed a projection). The log itself is never touched.
 */
export async function rewriteProjection(q: Queryable, dossierId: string, state: LedgerState, at: Date): Promise<void> {
  const current = await readLedgerState(q, dossierId, { lock: true });
  if (!current) return;
  await q.query(
    `WITH d AS (
       UPDATE dossier SET status = $2, national_status = $3, step_index = $4, step_count = $5, assignee_id = $6, received_at = $7, counting_from = $8,
              due_at = $9, original_due_at = $10, finished_at = $11, returned_at = $12, finish_class = $13, result_delivery = $14,
              supplement_count = $15, paused_at = $16, paused_minutes = $17, apology_count = $18, overdue_notified_at = $19, supplemented_at = $20,
              interagency_unit_id = $21, interagency_path = $22, code = coalesce($23, code), updated_at = $24, late_since = $31
        WHERE id = $1 RETURNING id)
     UPDATE dossier_step s SET due_at = x.due, started_at = x.started, finished_at = x.finished, finish_class = x.cls, assignee_id = x.assignee
       FROM d, unnest($25::int[], $26::timestamptz[], $27::timestamptz[], $28::timestamptz[], $29::text[], $30::uuid[]) AS x(i, due, started, finished, cls, assignee)
      WHERE s.dossier_id = d.id AND s.step_index = x.i`,
    [
      dossierId, ...stateParams(state), state.code, at,
      current.steps.map((s) => s.stepIndex), ...(['dueAt', 'startedAt', 'finishedAt', 'finishClass', 'assigneeId'] as const).map((k) => current.steps.map((s) => state.steps[s.stepIndex]?.[k] ?? null)),
      state.lateSince,
    ],
  );
}

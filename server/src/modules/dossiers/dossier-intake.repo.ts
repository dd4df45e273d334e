import { prepared, statement, type Queryable } from '../../platform/database.js';
import { workingHoursJsonSql } from '../working-calendar/calendar.repo.js';
import type { WorkingHours } from '../working-calendar/calendar.rules.js';
import type { UnitRow } from '../org-units/unit.repo.js';
import type { ProcedureRow, VersionRow } from '../procedures/procedure.repo.js';
import type { TAdjustment } from '../working-calendar/calendar.contract.js';
import type { TProcedureContent } from '../procedures/procedure.contract.js';
import type { DossierStatus } from './dossier.rules.js';

/**
 * SQL of the intake path, shaped for throughput: everything intake needs to decide is read in one statement, and the
 * dossier is written in one more by the ledger (dossier.ledger.ts openDossier), so the per-desk counter row stays
 * locked only for that statement and the commit. Each round trip costs the desk
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
  /** The office hours of the resolving unit's province. */
  hours: WorkingHours[];
  /** The dossier already recorded under this idempotency key, if any: what its intake answered. */
  existing: ExistingIntake | null;
  /**
   * The fingerprint of the request that recorded `existing` (platform/idempotency.ts); null when it has none (written
   * before fingerprints were kept, or from the national portal). Read here, so telling a retry from another request
   * under the same key costs no round trip.
   */
  existingFingerprint: string | null;
};

/** A dossier already recorded under the key, as its receipt tells it (receive-dossier.ts `IntakeReceipt`). */
export type ExistingIntake = {
  id: string;
  code: string | null;
  status: DossierStatus;
  procedureName: string;
  applicantName: string;
  resolvingUnitName: string;
  dueAt: Date | null;
  receivedAt: Date | null;
};

const unitJson = `json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind, 'parentId', u.parent_id, 'path', u.path,
  'depth', u.depth, 'validFrom', u.valid_from, 'validTo', u.valid_to)`;

const intakeContextSql = statement(
  `WITH rs AS (SELECT path FROM unit WHERE id = $2),
          v AS (SELECT * FROM procedure_version WHERE procedure_id = $3 AND state <> 'draft')
     SELECT (SELECT ${unitJson} FROM unit u WHERE u.id = $1) AS receiving,
            (SELECT ${unitJson} FROM unit u WHERE u.id = $2) AS resolving,
            (SELECT json_build_object('id', p.id, 'ownerUnitId', p.owner_unit_id, 'ownerUnitName', u.name, 'ownerUnitPath', u.path, 'code', p.code,
                    'status', p.status, 'name', p.name, 'field', p.field, 'level', p.level, 'agency', p.agency, 'onlineLevel', p.online_level,
                    'currentVersionId', p.current_version_id, 'abolishedOn', p.abolished_on, 'abolishDecision', p.abolish_decision, 'updatedAt', p.updated_at)
               FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE p.id = $3) AS procedure,
            (SELECT coalesce(json_agg(json_build_object('id', v.id, 'procedureId', v.procedure_id, 'versionNo', v.version_no, 'state', v.state,
                    'content', CASE WHEN v.id = ANY($7::uuid[]) THEN NULL ELSE v.content END, 'decisionNo', v.decision_no, 'decisionDate', v.decision_date, 'effectiveFrom', v.effective_from,
                    'effectiveTo', v.effective_to, 'createdAt', v.created_at, 'publishedAt', v.published_at) ORDER BY v.version_no DESC), '[]') FROM v) AS versions,
            (SELECT coalesce(json_agg(${unitJson}), '[]') FROM unit u
              WHERE u.code IN (SELECT s->>'unitCode' FROM v, jsonb_array_elements(v.content->'steps') s WHERE s->>'unitCode' IS NOT NULL)) AS "stepUnits",
            (SELECT coalesce(json_agg(json_build_object('id', a.id, 'day', a.day, 'kind', a.kind, 'name', a.name, 'unitId', a.unit_id,
                    'unitName', au.name, 'sessions', a.sessions) ORDER BY a.day, a.created_at), '[]')
               FROM calendar_adjustment a LEFT JOIN unit au ON au.id = a.unit_id, rs
              WHERE a.day BETWEEN $5 AND $6 AND (a.unit_id IS NULL OR rs.path LIKE au.path || '%')) AS adjustments,
            ${workingHoursJsonSql('(SELECT path FROM rs)')} AS hours,
            (SELECT json_build_object('id', d.id, 'code', d.code, 'status', d.status, 'procedureName', d.procedure_name, 'applicantName', d.applicant->>'fullName',
                    'resolvingUnitName', (SELECT su.name FROM unit su WHERE su.id = d.resolving_unit_id), 'dueAt', d.due_at, 'receivedAt', d.received_at,
                    'fingerprint', d.request_fingerprint)
               FROM dossier d WHERE d.idempotency_key = $4) AS existing`,
);

/**
 * The contents of the procedure versions this process has read, by procedure and version id. A non-draft version's
 * content never changes (the database refuses it, migration 20261217000000), so an intake asks only for the contents
 * it does not hold: they were ~85 % of what an intake read (7 KB for the demo's birth registration, more with an
 * e-form), parsed again each time (issue 12). Frozen: every intake shares them. Forgotten all at once past a bound;
 * an intake in flight keeps the procedure's map it started with.
 */
let contents = new Map<string, Map<string, TProcedureContent>>();
let heldCount = 0;
// The demo's birth registration (7 KB of JSON) is 12 KB of heap parsed; a large e-form a few times that: some MB at the
// bound, well within the server's memory budget (RSS < 300 MB).
const MAX_HELD = 500;

function heldContents(procedureId: string): ReadonlyMap<string, TProcedureContent> {
  return contents.get(procedureId) ?? new Map();
}

function hold(procedureId: string, versionId: string, content: TProcedureContent): TProcedureContent {
  if (heldCount >= MAX_HELD) {
    contents = new Map();
    heldCount = 0;
  }
  let byVersion = contents.get(procedureId);
  if (!byVersion) contents.set(procedureId, (byVersion = new Map()));
  if (!byVersion.has(versionId)) heldCount++;
  byVersion.set(versionId, deepFreeze(content));
  return content;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** One round trip for the units, the procedure and its versions, the step units, the calendar and the idempotency check. */
export async function loadIntakeContext(
  q: Queryable,
  p: { receivingUnitId: string; resolvingUnitId: string; procedureId: string; idempotencyKey: string; from: string; to: string },
): Promise<IntakeContext> {
  const held = heldContents(p.procedureId);
  const { rows } = await q.query<{
    receiving: UnitRow | null;
    resolving: UnitRow | null;
    procedure: (Omit<ProcedureRow, 'updatedAt'> & { updatedAt: string }) | null;
    versions: (Omit<VersionRow, 'createdAt' | 'publishedAt' | 'content'> & { content: TProcedureContent | null; createdAt: string; publishedAt: string | null })[];
    stepUnits: UnitRow[];
    adjustments: TAdjustment[];
    hours: WorkingHours[];
    existing: RawExisting | null;
  }>(prepared(intakeContextSql, [p.receivingUnitId, p.resolvingUnitId, p.procedureId, p.idempotencyKey, p.from, p.to, [...held.keys()]]));
  const r = rows[0]!;
  return {
    receiving: r.receiving,
    resolving: r.resolving,
    procedure: r.procedure ? { ...r.procedure, updatedAt: new Date(r.procedure.updatedAt) } : null,
    versions: r.versions.map((v) => ({ ...v, content: v.content === null ? held.get(v.id)! : hold(p.procedureId, v.id, v.content), createdAt: new Date(v.createdAt), publishedAt: v.publishedAt ? new Date(v.publishedAt) : null })),
    stepUnits: new Map(r.stepUnits.map((u) => [u.code, u])),
    adjustments: r.adjustments,
    hours: r.hours,
    existing: r.existing ? existingOf(r.existing) : null,
    existingFingerprint: r.existing?.fingerprint ?? null,
  };
}

/** The existing dossier as the statement gives it: times as JSON strings, with the fingerprint of its request. */
type RawExisting = Omit<ExistingIntake, 'dueAt' | 'receivedAt'> & { dueAt: string | null; receivedAt: string | null; fingerprint: string | null };

function existingOf({ fingerprint: _fingerprint, ...e }: RawExisting): ExistingIntake {
  return { ...e, dueAt: e.dueAt ? new Date(e.dueAt) : null, receivedAt: e.receivedAt ? new Date(e.receivedAt) : null };
}

import type { Queryable } from '../../platform/database.js';
import { defaultClockSettings, type ClockSettings, type FeedbackStatus } from './feedback.rules.js';

export type FeedbackRow = {
  id: string;
  code: string;
  kind: 'feedback' | 'question';
  category: string;
  channel: string;
  receivingUnitId: string;
  receivingPath: string;
  receivingUnitName: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  procedureId: string | null;
  procedureName: string | null;
  dossierId: string | null;
  dossierCode: string | null;
  officerName: string | null;
  subject: string;
  content: string;
  senderName: string;
  senderAddress: string | null;
  senderPhone: string | null;
  senderEmail: string | null;
  citizenId: string | null;
  open311ClientId: string | null;
  consentPublishIdentity: boolean;
  latitude: number | null;
  longitude: number | null;
  placeAddress: string | null;
  status: FeedbackStatus;
  classification: string | null;
  receivedAt: Date;
  refuseDueAt: Date;
  infoDueAt: Date;
  transferDueAt: Date;
  answerDueAt: Date;
  publishDueAt: Date | null;
  answeredAt: Date | null;
  publishedAt: Date | null;
  lateSteps: number;
  handlerId: string | null;
  handlerName: string | null;
  decisionNote: string | null;
  answerDraft: string | null;
  answerText: string | null;
  publicSubject: string;
  publicContent: string;
  publicAnswer: string | null;
  redactionVersion: number;
  rating: 'satisfied' | 'unsatisfied' | null;
  reopenCount: number;
  reopenReason: string | null;
  updatedAt: Date;
};

const SELECT = `SELECT f.id, f.code, f.kind, f.category, f.channel,
    f.receiving_unit_id AS "receivingUnitId", f.receiving_path AS "receivingPath", ru.name AS "receivingUnitName",
    f.unit_id AS "unitId", f.unit_path AS "unitPath", u.name AS "unitName",
    f.procedure_id AS "procedureId", p.name AS "procedureName", f.dossier_id AS "dossierId", d.code AS "dossierCode",
    f.officer_name AS "officerName", f.subject, f.content,
    f.sender_name AS "senderName", f.sender_address AS "senderAddress", f.sender_phone AS "senderPhone", f.sender_email AS "senderEmail",
    f.citizen_id AS "citizenId", f.open311_client_id AS "open311ClientId", f.consent_publish_identity AS "consentPublishIdentity",
    f.latitude, f.longitude, f.place_address AS "placeAddress", f.status, f.classification,
    f.received_at AS "receivedAt", f.refuse_due_at AS "refuseDueAt", f.info_due_at AS "infoDueAt", f.transfer_due_at AS "transferDueAt",
    f.answer_due_at AS "answerDueAt", f.publish_due_at AS "publishDueAt", f.answered_at AS "answeredAt", f.published_at AS "publishedAt",
    f.late_steps AS "lateSteps", f.handler_id AS "handlerId", f.handler_name AS "handlerName", f.decision_note AS "decisionNote",
    f.answer_draft AS "answerDraft", f.answer_text AS "answerText", f.public_subject AS "publicSubject", f.public_content AS "publicContent",
    f.public_answer AS "publicAnswer", f.redaction_version AS "redactionVersion", f.rating, f.reopen_count AS "reopenCount", f.reopen_reason AS "reopenReason", f.updated_at AS "updatedAt"
  FROM feedback f JOIN unit u ON u.id = f.unit_id JOIN unit ru ON ru.id = f.receiving_unit_id
  LEFT JOIN procedure p ON p.id = f.procedure_id LEFT JOIN dossier d ON d.id = f.dossier_id`;

export async function findFeedback(q: Queryable, where: { id?: string; code?: string }, lock = false): Promise<FeedbackRow | null> {
  const cond = where.id ? 'f.id = $1' : 'f.code = upper($1)';
  const { rows } = await q.query<FeedbackRow>(`${SELECT} WHERE ${cond}${lock ? ' FOR UPDATE OF f' : ''}`, [where.id ?? where.code]);
  return rows[0] ?? null;
}

/** Published items whose public text was computed with redaction rules older than `version`, locked (SKIP LOCKED). */
export async function lockStalePublished(q: Queryable, version: number, limit: number): Promise<FeedbackRow[]> {
  const { rows } = await q.query<FeedbackRow>(
    `${SELECT} WHERE f.status = 'published' AND f.redaction_version < $1 ORDER BY f.redaction_version, f.id LIMIT $2 FOR UPDATE OF f SKIP LOCKED`,
    [version, limit],
  );
  return rows;
}

/** The next number of the unit's register for the year, taken with an atomic upsert (safe with many instances). */
export async function nextRegisterSeq(q: Queryable, unitId: string, year: number): Promise<number> {
  const { rows } = await q.query<{ seq: number }>(
    `INSERT INTO feedback_counter (unit_id, year, last_seq) VALUES ($1, $2, 1)
     ON CONFLICT (unit_id, year) DO UPDATE SET last_seq = feedback_counter.last_seq + 1 RETURNING last_seq AS seq`,
    [unitId, year],
  );
  return rows[0]!.seq;
}

export type NewFeedback = {
  code: string;
  kind: 'feedback' | 'question';
  category: string;
  channel: string;
  unitId: string;
  unitPath: string;
  procedureId: string | null;
  dossierId: string | null;
  officerName: string | null;
  subject: string;
  content: string;
  sender: { name: string; address: string | null; phone: string | null; email: string | null };
  citizenId: string | null;
  open311ClientId: string | null;
  consent: boolean;
  place: { latitude: number | null; longitude: number | null; address: string | null } | null;
  receivedAt: Date;
  day: string;
  due: { refuseDueAt: Date; infoDueAt: Date; transferDueAt: Date; answerDueAt: Date };
  publicSubject: string;
  publicContent: string;
};

export async function insertFeedback(q: Queryable, n: NewFeedback): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO feedback (code, kind, category, channel, receiving_unit_id, receiving_path, unit_id, unit_path, procedure_id, dossier_id,
       officer_name, subject, content, sender_name, sender_address, sender_phone, sender_email, citizen_id, open311_client_id,
       consent_publish_identity, latitude, longitude, place_address, status, received_at, day, refuse_due_at, info_due_at,
       transfer_due_at, answer_due_at, public_subject, public_content, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 'received',
       $22, $23, $24, $25, $26, $27, $28, $29, $22)
     RETURNING id`,
    [
      n.code, n.kind, n.category, n.channel, n.unitId, n.unitPath, n.procedureId, n.dossierId, n.officerName, n.subject, n.content,
      n.sender.name, n.sender.address, n.sender.phone, n.sender.email, n.citizenId, n.open311ClientId, n.consent,
      n.place?.latitude ?? null, n.place?.longitude ?? null, n.place?.address ?? null,
      n.receivedAt, n.day, n.due.refuseDueAt, n.due.infoDueAt, n.due.transferDueAt, n.due.answerDueAt, n.publicSubject, n.publicContent,
    ],
  );
  return rows[0]!.id;
}

/** Columns a use case may change, by their property name. */
const updatable = {
  status: 'status',
  classification: 'classification',
  unitId: 'unit_id',
  unitPath: 'unit_path',
  classifiedAt: 'classified_at',
  transferredAt: 'transferred_at',
  infoRequestedAt: 'info_requested_at',
  answerDueAt: 'answer_due_at',
  publishDueAt: 'publish_due_at',
  answeredAt: 'answered_at',
  publishedAt: 'published_at',
  closedAt: 'closed_at',
  handlerId: 'handler_id',
  handlerName: 'handler_name',
  decisionNote: 'decision_note',
  answerDraft: 'answer_draft',
  answerText: 'answer_text',
  approvedBy: 'approved_by',
  publicSubject: 'public_subject',
  publicContent: 'public_content',
  publicAnswer: 'public_answer',
  redactionVersion: 'redaction_version',
  rating: 'rating',
  ratingComment: 'rating_comment',
  ratedAt: 'rated_at',
  reopenCount: 'reopen_count',
  reopenReason: 'reopen_reason',
  content: 'content',
  overdueNotifiedAt: 'overdue_notified_at',
} as const;
export type FeedbackPatch = Partial<Record<keyof typeof updatable, unknown>>;

export async function updateFeedback(q: Queryable, id: string, patch: FeedbackPatch, now: Date, lateStep = false): Promise<void> {
  const keys = Object.keys(patch) as (keyof typeof updatable)[];
  const sets = keys.map((k, i) => `${updatable[k]} = $${i + 3}`);
  await q.query(
    `UPDATE feedback SET ${[...sets, 'updated_at = $2', `late_steps = late_steps + ${lateStep ? 1 : 0}`].join(', ')} WHERE id = $1`,
    [id, now, ...keys.map((k) => patch[k])],
  );
}

export type NewEvent = { feedbackId: string; at: Date; actorId: string | null; actorName: string; action: string; fromStatus: string | null; toStatus: string; note: string | null; onTime: boolean | null };
export async function appendEvent(q: Queryable, e: NewEvent): Promise<void> {
  await q.query(
    `INSERT INTO feedback_event (feedback_id, at, actor_id, actor_name, action, from_status, to_status, note, on_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.feedbackId, e.at, e.actorId, e.actorName, e.action, e.fromStatus, e.toStatus, e.note, e.onTime],
  );
}

export async function listEvents(q: Queryable, feedbackId: string) {
  const { rows } = await q.query<{ at: Date; actorName: string; action: string; toStatus: string; note: string | null; onTime: boolean | null }>(
    `SELECT at, actor_name AS "actorName", action, to_status AS "toStatus", note, on_time AS "onTime" FROM feedback_event WHERE feedback_id = $1 ORDER BY id`,
    [feedbackId],
  );
  return rows;
}

export async function attachFiles(q: Queryable, feedbackId: string, sha256s: string[]): Promise<number> {
  if (sha256s.length === 0) return 0;
  const { rowCount } = await q.query(
    `INSERT INTO feedback_file (feedback_id, sha256, file_name) SELECT $1, s.sha256, s.file_name FROM stored_file s WHERE s.sha256 = ANY($2::text[])
     ON CONFLICT DO NOTHING`,
    [feedbackId, sha256s],
  );
  return rowCount ?? 0;
}

/** One attachment of an item with its stored media type (checked by content when it was uploaded); null when not attached. */
export async function findFile(q: Queryable, feedbackId: string, sha256: string): Promise<{ sha256: string; fileName: string; mediaType: string } | null> {
  const { rows } = await q.query<{ sha256: string; fileName: string; mediaType: string }>(
    `SELECT ff.sha256, ff.file_name AS "fileName", s.media_type AS "mediaType" FROM feedback_file ff JOIN stored_file s ON s.sha256 = ff.sha256 WHERE ff.feedback_id = $1 AND ff.sha256 = $2`,
    [feedbackId, sha256],
  );
  return rows[0] ?? null;
}

export async function listFiles(q: Queryable, feedbackId: string) {
  const { rows } = await q.query<{ sha256: string; fileName: string }>(`SELECT sha256, file_name AS "fileName" FROM feedback_file WHERE feedback_id = $1 ORDER BY file_name`, [feedbackId]);
  return rows;
}

/** The clock lengths that apply to a unit: the setting of its nearest ancestor (its province), else the QĐ 766 defaults. */
export async function clockSettingsFor(q: Queryable, unitPath: string): Promise<ClockSettings> {
  const { rows } = await q.query<{ refuseDays: string; infoDays: string; transferDays: string; answerDays: string; publishDays: string }>(
    `SELECT s.refuse_days AS "refuseDays", s.info_days AS "infoDays", s.transfer_days AS "transferDays", s.answer_days AS "answerDays", s.publish_days AS "publishDays"
       FROM feedback_clock_setting s JOIN unit u ON u.id = s.unit_id WHERE $1 LIKE u.path || '%' ORDER BY u.depth DESC LIMIT 1`,
    [unitPath],
  );
  const r = rows[0];
  if (!r) return defaultClockSettings;
  return { refuseDays: Number(r.refuseDays), infoDays: Number(r.infoDays), transferDays: Number(r.transferDays), answerDays: Number(r.answerDays), publishDays: Number(r.publishDays) };
}

export async function saveClockSettings(q: Queryable, unitId: string, s: ClockSettings, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO feedback_clock_setting (unit_id, refuse_days, info_days, transfer_days, answer_days, publish_days, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (unit_id) DO UPDATE SET refuse_days = $2, info_days = $3, transfer_days = $4, answer_days = $5, publish_days = $6, updated_at = $7`,
    [unitId, s.refuseDays, s.infoDays, s.transferDays, s.answerDays, s.publishDays, now],
  );
}

/** Officers' queue filters: status, kind, unit subtree, classification and words (accent-insensitive, on the folded text) or a number. */
export type QueueFilter = { status?: FeedbackStatus; kind?: string; unitPath?: string; classification?: string; q?: string; limit: number };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Officers' queue: items held by units under the given paths, oldest deadline first. */
export async function listQueue(q: Queryable, paths: string[], f: QueueFilter): Promise<FeedbackRow[]> {
  if (paths.length === 0) return [];
  const { rows } = await q.query<FeedbackRow>(
    `${SELECT} WHERE f.unit_path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p)
       AND ($2::text IS NULL OR f.status = $2) AND ($3::text IS NULL OR f.kind = $3)
       AND ($2::text IS NOT NULL OR f.status NOT IN ('published', 'refused', 'routed_out'))
       AND ($5::text IS NULL OR f.unit_path LIKE $5 || '%') AND ($6::text IS NULL OR f.classification = $6)
       AND ($7::text IS NULL OR f.code = upper($8) OR f.search_text LIKE '%' || vn_fold($7) || '%'
            -- The register number as officers say it: its running number alone ("12", "00012") within their units.
            OR ($8 ~ '^[0-9]{1,5}$' AND f.code LIKE '%-' || lpad($8, 5, '0')))
     ORDER BY coalesce(CASE WHEN f.status = 'received' THEN f.refuse_due_at WHEN f.status = 'answered' THEN f.publish_due_at ELSE f.answer_due_at END, f.received_at), f.id
     LIMIT $4`,
    [paths, f.status ?? null, f.kind ?? null, f.limit, f.unitPath ?? null, f.classification ?? null, f.q ? likeEscape(f.q) : null, f.q ?? null],
  );
  return rows;
}

export async function listOfCitizen(q: Queryable, citizenId: string): Promise<FeedbackRow[]> {
  const { rows } = await q.query<FeedbackRow>(`${SELECT} WHERE f.citizen_id = $1 ORDER BY f.received_at DESC LIMIT 100`, [citizenId]);
  return rows;
}

/**
 * Likely duplicates: items of the same unit subtree (and procedure, when given) whose text is similar once accents and
 * case are folded (pg_trgm similarity on vn_fold, served by the trigram index). An item received here and transferred
 * to the competent unit still matches (receiving_path): the same complaint sent again must not open a second item.
 */
export async function findSimilar(q: Queryable, unitPath: string, procedureId: string | null, text: string, limit = 5) {
  const { rows } = await q.query<{ code: string; subject: string; publicSubject: string; status: FeedbackStatus; similarity: number }>(
    `SELECT code, subject, public_subject AS "publicSubject", status, similarity(search_text, vn_fold($3))::float8 AS similarity
       FROM feedback
      WHERE (unit_path LIKE $1 || '%' OR receiving_path LIKE $1 || '%') AND ($2::uuid IS NULL OR procedure_id = $2 OR procedure_id IS NULL)
        AND status NOT IN ('refused', 'routed_out') AND search_text % vn_fold($3)
      ORDER BY similarity DESC, received_at DESC LIMIT $4`,
    [unitPath, procedureId, text, limit],
  );
  return rows;
}

/**
 * How alike an unpublished item's text must be for an anonymous sender to be told it exists: stricter than pg_trgm's
 * 0.3, so a near copy is found ("Đèn chiếu sáng đường Lê Lợi bị hỏng" typed without accents) but loose guesses do not
 * probe the private register.
 */
export const UNPUBLISHED_SIMILARITY = 0.5;

/**
 * Likely duplicates not yet published, for an anonymous sender (walk 17 finding 5): matched on the private text, and
 * only their number, status and receipt time come back — never a word of what was written, nor how alike it is (a
 * score would let a caller rebuild the text by trial).
 */
export async function findSimilarUnpublished(q: Queryable, unitPath: string, procedureId: string | null, text: string, limit = 5) {
  const { rows } = await q.query<{ code: string; status: FeedbackStatus; receivedAt: Date }>(
    `SELECT code, status, received_at AS "receivedAt"
       FROM feedback
      WHERE (unit_path LIKE $1 || '%' OR receiving_path LIKE $1 || '%') AND ($2::uuid IS NULL OR procedure_id = $2 OR procedure_id IS NULL)
        AND status NOT IN ('published', 'refused', 'routed_out') AND search_text % vn_fold($3)
        AND similarity(search_text, vn_fold($3)) >= $5
      ORDER BY similarity(search_text, vn_fold($3)) DESC, received_at DESC LIMIT $4`,
    [unitPath, procedureId, text, limit, UNPUBLISHED_SIMILARITY],
  );
  return rows;
}

/**
 * Likely duplicates for an anonymous sender: published items only, matched and shown by their public (redacted) text, so
 * nothing unpublished — nor the private wording of a published item — can be probed from outside. Candidates come from
 * the register's word index (any folded word in common, newest 500), then are ranked by trigram similarity.
 */
export async function findSimilarPublished(q: Queryable, unitPath: string, procedureId: string | null, text: string, limit = 5) {
  const { rows } = await q.query<{ code: string; publicSubject: string; status: FeedbackStatus; receivedAt: Date; similarity: number }>(
    `WITH words AS (
       SELECT array_to_string(array(SELECT quote_literal(w) FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, vn_fold($3)))) AS w), ' | ') AS q
     ), candidates AS (
       SELECT code, public_subject, status, received_at, vn_fold(public_subject || ' ' || public_content) AS folded
         FROM feedback, words
        WHERE status = 'published' AND words.q <> '' AND public_words @@ to_tsquery('simple'::regconfig, words.q)
          AND (unit_path LIKE $1 || '%' OR receiving_path LIKE $1 || '%') AND ($2::uuid IS NULL OR procedure_id = $2 OR procedure_id IS NULL)
        ORDER BY received_at DESC LIMIT 500
     )
     SELECT code, public_subject AS "publicSubject", status, received_at AS "receivedAt", similarity(folded, vn_fold($3))::float8 AS similarity
       FROM candidates WHERE folded % vn_fold($3)
      ORDER BY similarity DESC, received_at DESC LIMIT $4`,
    [unitPath, procedureId, text, limit],
  );
  return rows;
}

/** The units that receive feedback (in force), in tree order: the register's and the send form's unit choice. */
export async function activeUnits(q: Queryable): Promise<{ id: string; name: string; depth: number }[]> {
  const { rows } = await q.query<{ id: string; name: string; depth: number }>(`SELECT id, name, depth FROM unit WHERE valid_to IS NULL ORDER BY path`);
  return rows;
}

/** The published procedures with their owner's name: the register's procedure list on its page without JavaScript. */
export async function publishedProcedureChoices(q: Queryable): Promise<{ id: string; name: string; ownerName: string }[]> {
  const { rows } = await q.query<{ id: string; name: string; ownerName: string }>(
    `SELECT p.id, p.name, u.name AS "ownerName" FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE p.status = 'published' ORDER BY p.name, u.name, p.id`,
  );
  return rows;
}

import type { Clock } from '../../../platform/clock.js';
import type { Db, Queryable } from '../../../platform/database.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import type { Attachment } from '../../notifications/notification.contract.js';
import { buildRoutingLetter } from '../feedback-letter.rules.js';
import { feedbackErrors } from '../feedback.errors.js';
import { canReadItem } from '../feedback.policy.js';
import { findFeedback, type FeedbackRow } from '../feedback.repo.js';
import { loadOwnItem, type SenderProof } from './sender-actions.js';

/** "Phường An Bình" → "An Bình" for the date line (Nghị định 30/2020 Phụ lục I: the place name without its kind). */
const placeOf = (name: string) => name.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').replace(/^(Phường|Xã|Thị trấn|Đặc khu|Tỉnh|Thành phố|Huyện|Quận|Thị xã)\s+/i, '') || name;

/** The routing letter of a complaint or denunciation as PDF, issued by the unit that received it. */
export async function renderRoutingLetter(
  q: Queryable,
  row: Pick<FeedbackRow, 'code' | 'subject' | 'receivedAt' | 'senderName' | 'senderAddress' | 'receivingUnitId'>,
  kind: 'complaint' | 'denunciation',
  guidance: string,
  signer: string,
  issuedAt: Date,
): Promise<Attachment> {
  const unit = await getUnit(q, row.receivingUnitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  const parent = unit.parentId ? await getUnit(q, unit.parentId) : null;
  const general = ['province', 'district', 'commune'].includes(unit.kind);
  const model = buildRoutingLetter({
    kind,
    code: row.code,
    subject: row.subject,
    receivedAt: row.receivedAt,
    issuedAt,
    sender: { name: row.senderName, address: row.senderAddress },
    unitName: unit.name,
    // An office under a people's committee writes under the committee's name; the committee itself stands alone.
    parentName: !general && parent ? `UBND ${parent.name}` : null,
    placeName: placeOf(general ? unit.name : (parent?.name ?? unit.name)),
    guidance,
    signer: { capacity: 'Người ký', name: signer },
  });
  return { fileName: `huong-dan-${row.code}.pdf`, mediaType: 'application/pdf', content: await renderFormPdf(model) };
}

/** The letter of an item routed out (signed by who classified it), or not found when the item has none. */
async function letterOfRow(q: Queryable, row: FeedbackRow): Promise<Attachment> {
  if (row.status !== 'routed_out' || (row.classification !== 'complaint' && row.classification !== 'denunciation')) throw feedbackErrors.notFound();
  const { rows } = await q.query<{ at: Date; actorName: string }>(
    `SELECT at, actor_name AS "actorName" FROM feedback_event WHERE feedback_id = $1 AND action = 'classify' ORDER BY id DESC LIMIT 1`,
    [row.id],
  );
  const ev = rows[0];
  return renderRoutingLetter(q, row, row.classification, row.decisionNote ?? '', ev?.actorName ?? '', ev?.at ?? row.updatedAt);
}

/** The letter, for an officer who may read the item. */
export async function routingLetterOf(deps: { db: Db; clock: Clock }, actor: Actor, id: string): Promise<Attachment> {
  const row = await findFeedback(deps.db, { id });
  if (!row || !canReadItem(actor, row.unitPath, row.receivingPath)) throw feedbackErrors.notFound();
  return letterOfRow(deps.db, row);
}

/** The letter, for its sender (number + phone, already proven by the caller). */
export async function senderLetter(db: Db, proof: SenderProof): Promise<Attachment> {
  return letterOfRow(db, await loadOwnItem(db, proof));
}

import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db, type Tx } from '../../../platform/database.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TPlace, TReceipt, TSender } from '../feedback.contract.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { feedbackErrors } from '../feedback.errors.js';
import { feedbackMessages, notifySender } from '../feedback.notify.js';
import { appendEvent, attachFiles, clockSettingsFor, insertFeedback, nextRegisterSeq } from '../feedback.repo.js';
import { channelLabels, feedbackCode, intakeDeadlines, publicText } from '../feedback.rules.js';

export type ReceiveCommand = {
  channel: 'portal' | 'email' | 'letter' | 'phone' | 'open311' | 'national';
  kind: 'feedback' | 'question';
  category: string;
  unitId: string;
  subject: string;
  content: string;
  procedureId: string | null;
  dossierId: string | null;
  officerName: string | null;
  sender: TSender;
  citizenId: string | null;
  open311ClientId: string | null;
  consent: boolean;
  place: TPlace | null;
  files: string[];
  /** The officer who recorded a letter or a call; null when the sender sent it themselves. */
  recordedBy: { id: string; name: string } | null;
};

export type SenderField = 'name' | 'address' | 'phone' | 'email';
/**
 * What the sender still has to give: `all` of these fields, or (`anyOf`) at least one of them, and who is asked —
 * the citizen on the portal (signed in or not) or the officer recording a letter or a call.
 */
export type SenderGap = { fields: SenderField[]; anyOf: boolean; asked: 'portal' | 'signedIn' | 'officer' | 'other' };

/**
 * Nghị định 20/2008 Điều 7: feedback states the sender's name, address and phone. On the portal that holds for a
 * signed-in citizen too (their profile may lack an address or a phone, e.g. an account from the national portal): the
 * form asks for what the profile lacks, and the server refuses an item without them. Officers record a letter or a call
 * with at least one way to reach the sender; e-mail needs its address; the national portal and Open311 clients answer
 * through their own account. Null when nothing is missing.
 */
export function senderGap(c: Pick<ReceiveCommand, 'channel' | 'sender' | 'citizenId' | 'open311ClientId'>): SenderGap | null {
  const s = c.sender;
  const lacking = (fields: SenderField[]) => fields.filter((f) => !s[f]);
  const all = (fields: SenderField[], asked: SenderGap['asked']): SenderGap | null => {
    const missing = lacking(fields);
    return missing.length > 0 ? { fields: missing, anyOf: false, asked } : null;
  };
  if (c.channel === 'portal') return all(['name', 'address', 'phone'], c.citizenId ? 'signedIn' : 'portal');
  if (c.citizenId || c.open311ClientId) return all(['name'], 'other');
  switch (c.channel) {
    case 'email':
      return all(['email'], 'other');
    case 'letter':
    case 'phone':
    case 'open311':
      return s.phone || s.address || s.email ? null : { fields: ['phone', 'address', 'email'], anyOf: true, asked: c.channel === 'open311' ? 'other' : 'officer' };
    case 'national':
      // The national portal holds the asker's account; the answer goes back through it.
      return all(['name'], 'other');
  }
}

/**
 * Receives an item from any channel: gives it the next number of the receiving unit's register at once, starts the
 * QĐ 766 clocks on the unit's working calendar, keeps a public copy without personal data, links the attachments
 * (already checked by content when uploaded), and writes the history, the audit row and the receipt to the sender in
 * the same transaction.
 */
export async function receiveFeedback(deps: { db: Db; clock: Clock }, command: ReceiveCommand, tx?: Tx): Promise<TReceipt> {
  // Every channel (portal, officer's record, Open311, account) passes here: a phone is a Vietnamese number, kept in its
  // national form so that tracking, receipts by SMS and redaction all compare the same digits.
  const given = command.sender.phone?.trim();
  const phone = given ? normalizePhoneVn(given) : null;
  if (phone && !phone.ok) throw feedbackErrors.phoneInvalid(phone.reasonVi);
  const c: ReceiveCommand = { ...command, sender: { ...command.sender, phone: phone?.national ?? null } };
  const gap = senderGap(c);
  if (gap) throw feedbackErrors.senderIncomplete(gap);
  const run = async (t: Tx): Promise<TReceipt> => {
    const now = deps.clock.now();
    const unit = await getUnit(t, c.unitId);
    if (!unit || unit.validTo !== null) throw feedbackErrors.unitNotFound();
    const year = Number(vnDateOf(now).slice(0, 4));
    const calendar = await loadCalendar(t, unit.path, { from: year, to: year + 1 });
    const due = intakeDeadlines(now, calendar, await clockSettingsFor(t, unit.path));
    const code = feedbackCode(unit.code, year, await nextRegisterSeq(t, unit.id, year));
    const personal = { name: c.sender.name, address: c.sender.address, phone: c.sender.phone, email: c.sender.email };
    const id = await insertFeedback(t, {
      code,
      kind: c.kind,
      category: c.category,
      channel: c.channel,
      unitId: unit.id,
      unitPath: unit.path,
      procedureId: c.procedureId,
      dossierId: c.dossierId,
      officerName: c.officerName,
      subject: c.subject,
      content: c.content,
      sender: personal,
      citizenId: c.citizenId,
      open311ClientId: c.open311ClientId,
      consent: c.consent,
      place: c.place,
      receivedAt: now,
      day: vnDateOf(now),
      due,
      publicSubject: publicText(c.subject, personal, c.consent),
      publicContent: publicText(c.content, personal, c.consent),
    });
    const distinct = [...new Set(c.files)];
    if ((await attachFiles(t, id, distinct)) !== distinct.length) throw feedbackErrors.fileUnknown();
    const actorName = c.recordedBy?.name ?? c.sender.name;
    await appendEvent(t, { feedbackId: id, at: now, actorId: c.recordedBy?.id ?? null, actorName, action: 'received', fromStatus: null, toStatus: 'received', note: `Kênh: ${channelLabels[c.channel].vi}`, onTime: null });
    await recordAudit(t, { at: now, actorId: c.recordedBy?.id ?? null, actorName, action: 'feedback.receive', entity: 'feedback', entityId: id, after: { code, channel: c.channel, unitId: unit.id }, unitPaths: [unit.path] });
    await notifySender(t, { id, senderName: c.sender.name, senderEmail: c.sender.email, senderPhone: c.sender.phone }, feedbackMessages.received(code, unit.name, due.answerDueAt), now);
    return { id, code, receivedAt: now, answerDueAt: due.answerDueAt, unitName: unit.name };
  };
  return tx ? run(tx) : withTransaction(deps.db, run);
}

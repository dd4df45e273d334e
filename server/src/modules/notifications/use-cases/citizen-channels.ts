import type { Db } from '../../../platform/database.js';
import { citizenOwnsDossierSql, sentToCitizenSql } from '../../citizens/citizen-identity.repo.js';
import { dossierReference } from '../../dossiers/tracking-code.rules.js';
import type { Clock } from '../../../platform/clock.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { loadCitizenTimeline } from '../../dossiers/dossier.repo.js';
import { citizenFeedbackNotices } from '../../feedback/use-cases/sender-actions.js';
import { applicantChannels } from '../../dossiers/dossier.notify.js';
import { markNoticesSeen, readPreferences, savePreferences } from '../channel-preferences.repo.js';
import { PUBLIC_STATUS, type Channel, type ChannelChoice, type NotificationStatus } from '../notification.contract.js';
import { notificationErrors } from '../notification.errors.js';

/** Where one dossier's messages go (dossier.notify.ts applicantChannels: the contacts given with it, by the channel choice). */
export type DossierRecipients = { dossierId: string; dossierCode: string | null; procedureName: string; withAccount: boolean; mobile: string | null; email: string | null; sms: string | null; zalo: string | null };
export type ChannelSettings = ChannelChoice & { contacts: { email: string | null; phone: string | null }; zaloAvailable: boolean; dossiers: DossierRecipients[] };

async function contactsOf(db: Db, citizenId: string): Promise<{ email: string | null; phone: string | null }> {
  const { rows } = await db.query<{ email: string | null; phone: string | null }>(`SELECT email, phone FROM citizen_account WHERE id = $1`, [citizenId]);
  return rows[0] ?? { email: null, phone: null };
}

const hasMobile = (phone: string | null) => {
  const p = phone ? normalizePhoneVn(phone) : null;
  return !!p?.ok && p.kind === 'mobile';
};

const national = (e164: string | null) => (e164 ? `0${e164.replace(/^\+84/, '')}` : null);

/**
 * Where the messages about each of the citizen's recent dossiers go, computed as the senders plan them: each dossier's
 * own applicant phone and e-mail (given when it was filed — not the profile's), by the account's choice for a dossier
 * filed with the account, and by the default (e-mail and SMS) for one filed at the desk without it.
 */
async function dossierRecipients(db: Db, citizenId: string, choice: ChannelChoice): Promise<DossierRecipients[]> {
  const { rows } = await db.query<{ id: string; code: string | null; procedureName: string; withAccount: boolean; email: string | null; phone: string | null }>(
    `SELECT d.id, d.code, d.procedure_name AS "procedureName", d.citizen_id IS NOT NULL AS "withAccount",
            d.applicant->>'email' AS email, d.applicant->>'phone' AS phone
       FROM dossier d WHERE ${citizenOwnsDossierSql('d', '$1')} ORDER BY d.updated_at DESC, d.id LIMIT $2`,
    [citizenId, MAX_DOSSIERS],
  );
  return rows.map((d) => {
    const plan = applicantChannels({ email: d.email, phone: d.phone }, d.withAccount ? choice : null);
    const to = (c: Channel) => plan.find((p) => p.channel === c)?.recipient ?? null;
    const mobile = applicantChannels({ email: null, phone: d.phone }, { email: false, sms: true, zalo: false })[0]?.recipient ?? null;
    return { dossierId: d.id, dossierCode: d.code, procedureName: d.procedureName, withAccount: d.withAccount, mobile: national(mobile), email: to('email'), sms: national(to('sms')), zalo: national(to('zalo')) };
  });
}

/** The signed-in citizen's channels and the contacts they go to (only their own: the session names the account). */
export async function readChannelSettings(deps: { db: Db; zaloAvailable: boolean }, citizenId: string): Promise<ChannelSettings> {
  const [p, contacts] = await Promise.all([readPreferences(deps.db, citizenId), contactsOf(deps.db, citizenId)]);
  const choice = { email: p.email, sms: p.sms, zalo: p.zalo };
  return { ...choice, contacts, zaloAvailable: deps.zaloAvailable, dossiers: await dossierRecipients(deps.db, citizenId, choice) };
}

/**
 * The citizen chooses their channels; the portal notice is always on. A channel needs its contact on the account
 * (e-mail, or a mobile number for SMS and Zalo), else NOTIFICATION.CHANNEL_WITHOUT_CONTACT and nothing changes; Zalo
 * needs a configured ZNS (or the demo's simulator), else NOTIFICATION.CHANNEL_UNAVAILABLE.
 */
export async function chooseChannels(deps: { db: Db; clock: Clock; zaloAvailable: boolean }, citizenId: string, choice: ChannelChoice): Promise<ChannelSettings> {
  if (choice.zalo && !deps.zaloAvailable) throw notificationErrors.channelUnavailable();
  const contacts = await contactsOf(deps.db, citizenId);
  if (choice.email && !contacts.email) throw notificationErrors.channelWithoutContact('email');
  // A mobile number on the profile, or on a dossier filed with the account (its messages go to the number given with it).
  const dossierMobile = (choice.sms || choice.zalo) && (await dossierRecipients(deps.db, citizenId, { email: false, sms: true, zalo: false })).some((d) => d.withAccount && d.mobile);
  for (const c of ['sms', 'zalo'] as const) if (choice[c] && !hasMobile(contacts.phone) && !dossierMobile) throw notificationErrors.channelWithoutContact(c);
  await savePreferences(deps.db, citizenId, choice, deps.clock.now());
  return readChannelSettings(deps, citizenId);
}

export type PortalNotice = {
  /** A notice is about a dossier or about one of the citizen's feedback items (phản ánh, kiến nghị). */
  about: 'dossier' | 'feedback';
  dossierId: string | null;
  dossierCode: string | null;
  feedbackId: string | null;
  feedbackCode: string | null;
  procedureName: string;
  at: Date;
  text: string;
  note: string | null;
  unread: boolean;
  deliveries: { channel: Channel; status: 'queued' | 'sent' | 'delivered' | 'failed' }[];
};

const MAX_DOSSIERS = 20;
const MAX_NOTICES = 100;

/**
 * The citizen's portal notices, newest first: every change of their recent dossiers as the citizen's timeline tells
 * it, and the office's steps on their own feedback items (the answer among them) (agency, officer, time — Nghị định 224/2026 Điều 15 k1g), with how each message about it went out (the outbox
 * rows written with that change: same dossier, same instant) and whether it is newer than what they last read.
 */
export async function listPortalNotices(deps: { db: Db }, citizenId: string): Promise<{ items: PortalNotice[]; unread: number }> {
  const [prefs, dossiers] = await Promise.all([
    readPreferences(deps.db, citizenId),
    deps.db.query<{ id: string; code: string | null; procedureName: string }>(
      `SELECT id, code, procedure_name AS "procedureName" FROM dossier d WHERE ${citizenOwnsDossierSql('d', '$1')} ORDER BY updated_at DESC, id LIMIT $2`,
      [citizenId, MAX_DOSSIERS],
    ),
  ]);
  const ids = dossiers.rows.map((d) => d.id);
  const { rows: sent } = await deps.db.query<{ dossierId: string; at: Date; channel: Channel; status: NotificationStatus }>(
    // A fallback counts under the change its failed message was about.
    `SELECT o.dossier_id AS "dossierId", coalesce(f.created_at, o.created_at) AS at, o.channel, o.status
       FROM notification_outbox o JOIN dossier d ON d.id = o.dossier_id LEFT JOIN notification_outbox f ON f.id = o.fallback_of
      WHERE o.dossier_id = ANY($1::uuid[]) AND ${sentToCitizenSql('o', 'd', '$2')} ORDER BY o.created_at, o.channel`,
    [ids, citizenId],
  );
  const items: PortalNotice[] = [];
  for (const d of dossiers.rows) {
    for (const e of await loadCitizenTimeline(deps.db, d.id)) {
      const deliveries = sent.filter((s) => s.dossierId === d.id && s.at.getTime() === e.at.getTime()).map((s) => ({ channel: s.channel, status: PUBLIC_STATUS[s.status] }));
      items.push({ about: 'dossier', dossierId: d.id, dossierCode: dossierReference(d), feedbackId: null, feedbackCode: null, procedureName: d.procedureName, at: e.at, text: e.text, note: e.note, unread: !prefs.noticesSeenAt || e.at > prefs.noticesSeenAt, deliveries });
    }
  }
  for (const f of await citizenFeedbackNotices(deps.db, citizenId, MAX_NOTICES)) {
    const deliveries = f.deliveries.map((s) => ({ channel: s.channel, status: PUBLIC_STATUS[s.status] }));
    items.push({ about: 'feedback', dossierId: null, dossierCode: null, feedbackId: f.feedbackId, feedbackCode: f.code, procedureName: f.subject, at: f.at, text: f.text, note: null, unread: !prefs.noticesSeenAt || f.at > prefs.noticesSeenAt, deliveries });
  }
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  const top = items.slice(0, MAX_NOTICES);
  return { items: top, unread: top.filter((n) => n.unread).length };
}

/** Marks the citizen's notices read up to now. */
export async function markPortalNoticesRead(deps: { db: Db; clock: Clock }, citizenId: string): Promise<void> {
  await markNoticesSeen(deps.db, citizenId, deps.clock.now());
}

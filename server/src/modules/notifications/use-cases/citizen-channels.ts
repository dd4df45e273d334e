import type { Db } from '../../../platform/database.js';
import { citizenOwnsDossierSql, sentToCitizenSql } from '../../citizens/citizen-identity.repo.js';
import { dossierReference } from '../../dossiers/tracking-code.rules.js';
import type { Clock } from '../../../platform/clock.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { loadCitizenTimeline } from '../../dossiers/dossier.repo.js';
import { markNoticesSeen, readPreferences, savePreferences } from '../channel-preferences.repo.js';
import { PUBLIC_STATUS, type Channel, type ChannelChoice, type NotificationStatus } from '../notification.contract.js';
import { notificationErrors } from '../notification.errors.js';

export type ChannelSettings = ChannelChoice & { contacts: { email: string | null; phone: string | null }; zaloAvailable: boolean };

async function contactsOf(db: Db, citizenId: string): Promise<{ email: string | null; phone: string | null }> {
  const { rows } = await db.query<{ email: string | null; phone: string | null }>(`SELECT email, phone FROM citizen_account WHERE id = $1`, [citizenId]);
  return rows[0] ?? { email: null, phone: null };
}

const hasMobile = (phone: string | null) => {
  const p = phone ? normalizePhoneVn(phone) : null;
  return !!p?.ok && p.kind === 'mobile';
};

/** The signed-in citizen's channels and the contacts they go to (only their own: the session names the account). */
export async function readChannelSettings(deps: { db: Db; zaloAvailable: boolean }, citizenId: string): Promise<ChannelSettings> {
  const [p, contacts] = await Promise.all([readPreferences(deps.db, citizenId), contactsOf(deps.db, citizenId)]);
  return { email: p.email, sms: p.sms, zalo: p.zalo, contacts, zaloAvailable: deps.zaloAvailable };
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
  for (const c of ['sms', 'zalo'] as const) if (choice[c] && !hasMobile(contacts.phone)) throw notificationErrors.channelWithoutContact(c);
  await savePreferences(deps.db, citizenId, choice, deps.clock.now());
  return readChannelSettings(deps, citizenId);
}

export type PortalNotice = {
  dossierId: string;
  dossierCode: string | null;
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
 * it (agency, officer, time — Nghị định 224/2026 Điều 15 k1g), with how each message about it went out (the outbox
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
      items.push({ dossierId: d.id, dossierCode: dossierReference(d), procedureName: d.procedureName, at: e.at, text: e.text, note: e.note, unread: !prefs.noticesSeenAt || e.at > prefs.noticesSeenAt, deliveries });
    }
  }
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  const top = items.slice(0, MAX_NOTICES);
  return { items: top, unread: top.filter((n) => n.unread).length };
}

/** Marks the citizen's notices read up to now. */
export async function markPortalNoticesRead(deps: { db: Db; clock: Clock }, citizenId: string): Promise<void> {
  await markNoticesSeen(deps.db, citizenId, deps.clock.now());
}

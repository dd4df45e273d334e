import type { Queryable } from '../../platform/database.js';
import type { ChannelChoice } from './notification.contract.js';

/** The channels of a citizen who never chose: e-mail and SMS as before the choice existed; Zalo only when chosen. */
export const DEFAULT_CHOICE: ChannelChoice = Object.freeze({ email: true, sms: true, zalo: false });

export type StoredPreferences = ChannelChoice & { noticesSeenAt: Date | null; updatedAt: Date | null };

/** A citizen's stored choice (the default when they never chose). */
export async function readPreferences(q: Queryable, citizenId: string): Promise<StoredPreferences> {
  const { rows } = await q.query<StoredPreferences>(
    `SELECT email, sms, zalo, notices_seen_at AS "noticesSeenAt", updated_at AS "updatedAt" FROM citizen_notification_preference WHERE citizen_id = $1`,
    [citizenId],
  );
  return rows[0] ?? { ...DEFAULT_CHOICE, noticesSeenAt: null, updatedAt: null };
}

/** Saves a citizen's choice of channels. */
export async function savePreferences(q: Queryable, citizenId: string, choice: ChannelChoice, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO citizen_notification_preference (citizen_id, email, sms, zalo, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (citizen_id) DO UPDATE SET email = EXCLUDED.email, sms = EXCLUDED.sms, zalo = EXCLUDED.zalo, updated_at = EXCLUDED.updated_at`,
    [citizenId, choice.email, choice.sms, choice.zalo, now],
  );
}

/** Marks the citizen's portal notices read up to `at`. */
export async function markNoticesSeen(q: Queryable, citizenId: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO citizen_notification_preference (citizen_id, email, sms, zalo, notices_seen_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (citizen_id) DO UPDATE SET notices_seen_at = greatest(citizen_notification_preference.notices_seen_at, EXCLUDED.notices_seen_at)`,
    [citizenId, DEFAULT_CHOICE.email, DEFAULT_CHOICE.sms, DEFAULT_CHOICE.zalo, at],
  );
}

/**
 * The channel choice that applies to a dossier's notices: its citizen account's (stored or default), or null for a
 * dossier without an account (taken at the desk: the contacts given at intake decide).
 */
export async function dossierChannelChoice(q: Queryable, dossierId: string): Promise<ChannelChoice | null> {
  const { rows } = await q.query<{ choice: StoredChoice }>(`SELECT ${channelChoiceJsonSql('d')} AS choice FROM dossier d WHERE d.id = $1`, [dossierId]);
  return rows[0] ? channelChoiceOf(rows[0].choice) : null;
}

/** What `channelChoiceJsonSql` reads. */
export type StoredChoice = { citizenId: string | null; email: boolean | null; sms: boolean | null; zalo: boolean | null };

/**
 * SQL for the stored channel choice of the dossier row `alias`, as one JSON column, for a statement that reads it with
 * the notice's other facts (one round trip per action, issue 12); `channelChoiceOf` turns it into the choice.
 */
export function channelChoiceJsonSql(alias: string): string {
  return `(SELECT json_build_object('citizenId', ${alias}.citizen_id, 'email', p.email, 'sms', p.sms, 'zalo', p.zalo)
             FROM (SELECT 1) one LEFT JOIN citizen_notification_preference p ON p.citizen_id = ${alias}.citizen_id)`;
}

/** The choice that applies: the citizen's stored one or the default; null for a dossier without an account. */
export function channelChoiceOf(r: StoredChoice): ChannelChoice | null {
  if (!r.citizenId) return null;
  return r.email === null ? DEFAULT_CHOICE : { email: r.email, sms: !!r.sms, zalo: !!r.zalo };
}

import { CHANNELS, type Channel, type ChannelChoice } from './notification.contract.js';

/**
 * Retry policy of the notification outbox (pure). The delays grow so that a mail server or SMS gateway outage of
 * hours loses nothing, while a message that can never be delivered stops after MAX_ATTEMPTS tries (about 45 hours).
 */

/** Delivery attempts before a notification is marked failed. */
export const MAX_ATTEMPTS = 8;

/** Minutes to wait after the n-th failed attempt (index n − 1), for n = 1 … MAX_ATTEMPTS − 1. */
export const RETRY_DELAYS_MINUTES: readonly number[] = Object.freeze([1, 5, 30, 120, 360, 720, 1440]);

/**
 * How long a claimed notification is reserved for the dispatcher that claimed it. Another dispatcher may take it
 * again only after this, so a crashed instance delays a message but never loses it.
 */
export const CLAIM_LEASE_MINUTES = 10;

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What happens to a notification whose `attempts`-th delivery attempt (counting from 1) has just failed at `now`. */
export function afterFailedAttempt(attempts: number, now: Date): AfterFailure {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`Số lần thử không hợp lệ: ${attempts}`);
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  const minutes = RETRY_DELAYS_MINUTES[attempts - 1] ?? RETRY_DELAYS_MINUTES[RETRY_DELAYS_MINUTES.length - 1]!;
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + minutes * 60_000) };
}

/**
 * The channel that takes over when a message fails for good: a Zalo message becomes an SMS to the same number (a
 * citizen without Zalo, or an Official Account that cannot reach them, still hears of the change); an e-mail becomes
 * an SMS when the applicant gave a mobile number. SMS has no fallback: the portal notice always stays.
 */
export const FALLBACK_CHANNEL: Readonly<Record<Channel, Channel | null>> = Object.freeze({ zalo: 'sms', email: 'sms', sms: null });

/** What the choice is made from: the applicant's contacts (mobile in +84 form or null) and, for a citizen account, their choice. */
export type ChannelPlanInput = { email: string | null; mobile: string | null; choice: ChannelChoice | null };

/** One planned message: its channel and recipient, and the channel to fall back to (null: none, already planned or no contact). */
export type PlannedMessage = { channel: Channel; recipient: string; fallback: { channel: Channel; recipient: string } | null };

/**
 * Who gets which message. A citizen account's choice decides (without one: e-mail and SMS, as before the choice
 * existed; Zalo only when chosen). A dossier taken at the desk has no account: the phone and e-mail given at intake are
 * used, as the applicant gave them. A channel needs its contact (Zalo and SMS a mobile number). A fallback is planned
 * only to a channel not already used for the same notice, so it never doubles a message.
 */
export function planChannels(p: ChannelPlanInput): PlannedMessage[] {
  const choice = p.choice ?? { email: true, sms: true, zalo: false };
  const contact: Record<Channel, string | null> = { email: p.email, sms: p.mobile, zalo: p.mobile };
  const chosen = CHANNELS.filter((c) => choice[c] && contact[c]);
  return chosen.map((channel) => {
    const to = FALLBACK_CHANNEL[channel];
    const recipient = to ? contact[to] : null;
    return { channel, recipient: contact[channel]!, fallback: to && recipient && !chosen.includes(to) ? { channel: to, recipient } : null };
  });
}

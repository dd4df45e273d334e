import { checkNotification, type NewNotification } from '../notifications/notification.repo.js';
import { renderNotification, type TemplateData } from '../notifications/notification.templates.js';
import { normalizePhoneVn } from '../applicants/phone.rules.js';
import type { ChannelChoice, Fallback } from '../notifications/notification.contract.js';
import { planChannels, type PlannedMessage } from '../notifications/notification.rules.js';

type Key = keyof TemplateData;

/**
 * Where a dossier's messages go: its applicant's contacts as given with the dossier (the phone only when it is a
 * mobile number, in +84 form), by the account's choice (null for a dossier filed without an account). The citizen's
 * notices page shows this same plan, so it says where the SMS really go.
 */
export function applicantChannels(applicant: { email: string | null; phone: string | null }, choice: ChannelChoice | null): PlannedMessage[] {
  const phone = applicant.phone ? normalizePhoneVn(applicant.phone) : null;
  const mobile = phone?.ok && phone.kind === 'mobile' ? phone.e164 : null;
  return planChannels({ email: applicant.email || null, mobile, choice });
}

/**
 * The applicant's notifications, rendered and checked, for a caller that inserts them in its own statement: one per
 * channel of the plan (notification.rules.ts planChannels) — the citizen account's choice, or for a dossier taken at
 * the desk the phone and e-mail given at intake — each with its fallback rendered for the fallback's channel.
 */
export function applicantNotifications<K extends Key>(
  applicant: { email: string | null; phone: string | null },
  key: K,
  data: TemplateData[K],
  choice: ChannelChoice | null = null,
): NewNotification[] {
  return applicantChannels(applicant, choice).map((p) => {
    const m = renderNotification(key, p.channel, data);
    let fallback: Fallback | null = null;
    if (p.fallback) {
      const f = renderNotification(key, p.fallback.channel, data);
      fallback = { channel: p.fallback.channel, recipient: p.fallback.recipient, subject: f.subject, body: f.body };
    }
    return checkNotification({ channel: p.channel, recipient: p.recipient, subject: m.subject ?? undefined, body: m.body, templateKey: key, templateData: m.templateData ?? null, fallback });
  });
}

export function trackingUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`;
}

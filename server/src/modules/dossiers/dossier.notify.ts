import type { Queryable } from '../../platform/database.js';
import { checkNotification, enqueueNotification, type NewNotification } from '../notifications/notification.repo.js';
import { renderNotification, type TemplateData } from '../notifications/notification.templates.js';
import { isMobileVn } from '../applicants/phone.rules.js';

type Key = keyof TemplateData;

/**
 * Queues the applicant's notification by e-mail and SMS (when they gave an address / a mobile number) in the caller's
 * transaction, so it is sent if and only if the change commits (DESIGN.md §6: no lost notifications).
 */
export async function notifyApplicant<K extends Key>(
  q: Queryable,
  dossierId: string,
  applicant: { email: string | null; phone: string | null },
  key: K,
  data: TemplateData[K],
  now: Date,
): Promise<void> {
  for (const n of applicantNotifications(applicant, key, data)) await enqueueNotification(q, { ...n, dossierId }, now);
}

/** The applicant's notifications, rendered and checked, for a caller that inserts them in its own statement. */
export function applicantNotifications<K extends Key>(applicant: { email: string | null; phone: string | null }, key: K, data: TemplateData[K]): NewNotification[] {
  const out: NewNotification[] = [];
  if (applicant.email) {
    const m = renderNotification(key, 'email', data);
    out.push(checkNotification({ channel: 'email', recipient: applicant.email, subject: m.subject ?? undefined, body: m.body, templateKey: key }));
  }
  if (applicant.phone && isMobileVn(applicant.phone)) {
    const m = renderNotification(key, 'sms', data);
    out.push(checkNotification({ channel: 'sms', recipient: applicant.phone, body: m.body, templateKey: key }));
  }
  return out;
}

export function trackingUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`;
}

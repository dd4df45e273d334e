/** How a notification reaches the applicant. */
export type Channel = 'email' | 'sms' | 'zalo';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'zalo'];

/**
 * pending: queued (waiting or retrying); sent: accepted by the mail server, SMS gateway or Zalo; delivered: the
 * provider reported it reached the person; failed: given up (last attempt, or refused for good).
 */
export type NotificationStatus = 'pending' | 'sent' | 'delivered' | 'failed';

/** The status as the citizen and the API name it. */
export const PUBLIC_STATUS: Record<NotificationStatus, 'queued' | 'sent' | 'delivered' | 'failed'> = { pending: 'queued', sent: 'sent', delivered: 'delivered', failed: 'failed' };

/** One message as a sender receives it, read from the outbox. */
export type OutgoingMessage = {
  /** The outbox row id; the same id on every retry, so receivers can drop duplicates (e-mail Message-ID). */
  id: string;
  channel: Channel;
  /** E-mail address, or mobile number in +84 form. */
  recipient: string;
  /** E-mail subject; null for SMS. */
  subject: string | null;
  body: string;
  templateKey: string;
  /** Zalo (ZNS) only: the template's parameters (template_data). */
  templateData?: Record<string, string> | null;
  /** E-mail attachments (e.g. the daily report's Excel and PDF files). */
  attachments?: Attachment[];
};

export type Attachment = { fileName: string; mediaType: string; content: Buffer };

/** What a provider said when it accepted a message: its own id for the message, matched later by delivery receipts. */
export type SendReceipt = { providerMessageId: string };

/**
 * An adapter that delivers messages of one channel; it throws when the message was not accepted (the outbox retries),
 * or throws `PermanentSendError` when retrying cannot help (the fallback channel takes over at once).
 */
export type Sender = { send(msg: OutgoingMessage): Promise<SendReceipt | void> };

/** The provider refused the message for good (e.g. the number has no Zalo account): no retry, fall back now. */
export class PermanentSendError extends Error {
  constructor(message: string, readonly providerCode?: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/** The channels a citizen chose; the portal notice is always there and is not a choice. */
export type ChannelChoice = { email: boolean; sms: boolean; zalo: boolean };

/** A message to enqueue instead of one that failed for good, stored with it. */
export type Fallback = { channel: Channel; recipient: string; subject: string | null; body: string };

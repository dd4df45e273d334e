/** How a notification reaches the applicant. */
export type Channel = 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['email', 'sms'];

/** pending: waiting (or retrying); sent: handed to the mail server or SMS gateway; failed: given up. */
export type NotificationStatus = 'pending' | 'sent' | 'failed';

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
  /** E-mail attachments (e.g. the daily report's Excel and PDF files). */
  attachments?: Attachment[];
};

export type Attachment = { fileName: string; mediaType: string; content: Buffer };

/** An adapter that delivers messages of one channel; it throws when the message was not accepted. */
export type Sender = { send(msg: OutgoingMessage): Promise<void> };

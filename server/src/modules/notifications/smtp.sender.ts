import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { loadNodemailer } from '../../platform/libraries.js';
import type { OutgoingMessage, Sender } from './notification.contract.js';

export type SmtpSenderOptions = {
  /** smtp://user:pass@host:port, or smtps:// for implicit TLS (SMTP_URL). */
  url: string;
  /** From header, e.g. `Một Cửa <khong-tra-loi@motcua.local>` (MAIL_FROM). */
  from: string;
  /** Upper bound for one connection step; kept well below the outbox claim lease. */
  timeoutMs?: number;
};

/**
 * E-mail through an SMTP server (nodemailer). Plain-text UTF-8 messages; the Message-ID is derived from the outbox id,
 * so a retried message keeps its id and mail systems can drop the duplicate. A rejected message throws.
 */
export function createSmtpSender(opts: SmtpSenderOptions): Sender & { close(): void } {
  const timeout = opts.timeoutMs ?? 30_000;
  // nodemailer loads with the first message: an instance that never sends mail never pays for it.
  let transport: Promise<Transporter<SMTPTransport.SentMessageInfo>> | undefined;
  const transportOf = () =>
    (transport ??= loadNodemailer().then((nodemailer) =>
      nodemailer.createTransport({ url: opts.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }),
    ));
  const domain = /@([^\s>]+)>?\s*$/.exec(opts.from)?.[1] ?? 'motcua.local';
  return {
    async send(msg: OutgoingMessage) {
      if (msg.channel !== 'email') throw new Error(`SMTP sender cannot send ${msg.channel}`);
      const info = await (await transportOf()).sendMail({
        from: opts.from,
        to: msg.recipient,
        subject: msg.subject ?? '',
        text: msg.body,
        messageId: `<${msg.id}@${domain}>`,
        headers: { 'X-Mot-Cua-Template': msg.templateKey },
        attachments: (msg.attachments ?? []).map((a) => ({ filename: a.fileName, content: a.content, contentType: a.mediaType })),
      });
      if (info.rejected.length > 0) throw new Error(`Máy chủ thư từ chối người nhận: ${info.response}`);
    },
    close: () => void transport?.then((t) => t.close()),
  };
}

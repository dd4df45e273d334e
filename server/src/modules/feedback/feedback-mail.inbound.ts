import type { AddressInfo } from 'node:net';
import type { AddressObject } from 'mailparser';
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { loadMailParser, loadSmtpServer } from '../../platform/libraries.js';
import { getUnitByCode } from '../org-units/unit.repo.js';
import { receiveFeedback } from './use-cases/receive-feedback.js';

export type FeedbackMailbox = { port: number; close(): Promise<void> };
const MAX_BYTES = 25 * 1024 * 1024;

/** `pakn@…` goes to the default unit; `pakn+<unit code>@…` to that unit (codes are case-insensitive in addresses). */
export function unitCodeOfRecipient(address: string, defaultCode: string | undefined): string | null {
  const m = /^pakn(?:\+([0-9a-z.]{1,35}))?@/i.exec(address.trim());
  if (!m) return null;
  return m[1] ? m[1].toUpperCase() : (defaultCode ?? null);
}

function smtpError(message: string, code: number): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The inbound e-mail adapter: an SMTP server (smtp-server) that receives feedback sent to the published address and
 * opens an item for each message, in the register of the addressed unit. Attachments are checked by content like every
 * upload; one that is not an accepted kind is left out and the item says so. The sender gets the receipt (with the
 * number) by e-mail through the outbox. Bad recipients are refused at RCPT, so nothing is accepted that cannot be filed.
 */
export async function startFeedbackMailbox(ctx: AppContext, options: { port: number; host?: string }): Promise<FeedbackMailbox> {
  const [SMTPServer, { simpleParser }] = await Promise.all([loadSmtpServer(), loadMailParser()]);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_BYTES,
    logger: false,
    banner: 'Mot Cua - tiep nhan phan anh, kien nghi',
    onRcptTo(address, _session, cb) {
      const code = unitCodeOfRecipient(address.address, ctx.config.feedbackMailUnit);
      if (!code) return cb(smtpError('Hop thu khong ton tai', 550));
      getUnitByCode(ctx.db, code).then(
        (unit) => (unit && unit.validTo === null ? cb() : cb(smtpError('Don vi khong ton tai', 550))),
        () => cb(smtpError('Loi tam thoi', 451)),
      );
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then(async (mail) => {
          if (stream.sizeExceeded) throw smtpError('Thu qua lon', 552);
          const rcpt = session.envelope.rcptTo[0]!.address;
          const unit = (await getUnitByCode(ctx.db, unitCodeOfRecipient(rcpt, ctx.config.feedbackMailUnit)!))!;
          const from = (mail.from as AddressObject | undefined)?.value[0];
          const email = from?.address ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
          if (!email) throw smtpError('Thieu dia chi nguoi gui', 550);
          const files: string[] = [];
          const skipped: string[] = [];
          for (const a of mail.attachments) {
            const name = a.filename ?? 'tep-dinh-kem';
            try {
              files.push((await ctx.files.put(ctx.db, a.content, name)).sha256);
            } catch (err) {
              if (!(err instanceof DomainError)) throw err;
              skipped.push(`${name} (${err.messageVi})`);
            }
          }
          const text = (mail.text ?? '').trim();
          if (text.length < 10) throw smtpError('Noi dung phan anh qua ngan', 550);
          const subject = (mail.subject ?? '').trim();
          await receiveFeedback(ctx, {
            channel: 'email',
            kind: 'feedback',
            category: 'khac',
            unitId: unit.id,
            subject: subject.length >= 5 ? subject.slice(0, 200) : 'Phản ánh qua thư điện tử',
            content: (skipped.length ? `${text}\n\n[Tệp không được nhận vì không đúng định dạng cho phép: ${skipped.join('; ')}]` : text).slice(0, 5000),
            procedureId: null,
            dossierId: null,
            officerName: null,
            sender: { name: (from?.name || email).slice(0, 120), address: null, phone: null, email },
            citizenId: null,
            open311ClientId: null,
            consent: false,
            place: null,
            files,
            recordedBy: null,
          });
        })
        .then(
          () => cb(),
          (err: unknown) => cb(err instanceof Error && 'responseCode' in err ? err : smtpError('Loi tam thoi, vui long gui lai', 451)),
        );
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

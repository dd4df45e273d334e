import type { AppConfig } from '../../platform/config.js';
import type { Clock } from '../../platform/clock.js';
import { jsonLineLog, type Log } from '../../platform/log.js';
import { createSenders } from '../notifications/notification.jobs.js';
import { maskPhone } from '../notifications/sms.sender.js';
import type { OtpChannel, OtpPurpose } from './otp.rules.js';

/** A code on its way to its owner: recipient in +84… form for SMS, an address for e-mail. */
export type OtpMessage = { purpose: OtpPurpose; channel: OtpChannel; recipient: string; code: string; subject: string | null; body: string };
export type OtpDelivery = (msg: OtpMessage) => Promise<void>;

/** Template key of code messages: the SMS log driver never writes their text. */
export const OTP_TEMPLATE_KEY = 'auth.otp';

/** One delivery per configuration object (use cases receive copies of the context, never of its config). */
const deliveries = new WeakMap<object, OtpDelivery>();

/** Replaces how codes leave this context (tests and journeys read them as a phone or mailbox would). */
export function setOtpDelivery(ctx: { config: object }, delivery: OtpDelivery): void {
  deliveries.set(ctx.config, delivery);
}

const mask = (m: OtpMessage) => (m.channel === 'sms' ? maskPhone(m.recipient) : m.recipient.replace(/^(.).*(@.*)$/, '$1***$2'));

/**
 * Codes go out at once through the notification senders (SMS driver, SMTP) rather than through the outbox: a code is
 * worth nothing after 10 minutes and must not sit in a table in clear. In the demo (`OTP_LOG_CODES`, off when
 * NODE_ENV=production) the code is also written to the log, so the demo works without an SMS gateway or mail server.
 */
export function createOtpDelivery(config: Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'otpLogCodes'>, clock: Clock, log: Log = jsonLineLog()): OtpDelivery {
  const senders = createSenders(config, clock, log);
  return async (m) => {
    if (config.otpLogCodes) log.info({ event: 'otp.demo-code', purpose: m.purpose, channel: m.channel, to: mask(m), code: m.code }, 'Mã xác thực một lần (chỉ ghi nhật ký ở bản demo)');
    const sender = senders[m.channel];
    if (!sender) {
      log.warn({ event: 'otp.no-sender', purpose: m.purpose, channel: m.channel, to: mask(m) }, 'Chưa cấu hình kênh gửi mã xác thực');
      return;
    }
    try {
      await sender.send({ id: crypto.randomUUID(), channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, templateKey: OTP_TEMPLATE_KEY });
    } catch (err) {
      log.warn({ event: 'otp.send-failed', purpose: m.purpose, channel: m.channel, to: mask(m), error: err instanceof Error ? err.message : String(err) }, 'Gửi mã xác thực không thành công');
    }
  };
}

export function otpDeliveryFor(ctx: { config: Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'otpLogCodes'>; clock: Clock }): OtpDelivery {
  let d = deliveries.get(ctx.config);
  if (!d) {
    d = createOtpDelivery(ctx.config, ctx.clock);
    deliveries.set(ctx.config, d);
  }
  return d;
}

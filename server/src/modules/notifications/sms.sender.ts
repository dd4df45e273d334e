import type { Log } from '../../platform/log.js';
import type { OutgoingMessage, Sender } from './notification.contract.js';

export type LoggedSms = { id: string; to: string; body: string; templateKey: string; at: Date };

/** `+84912345678` → `+8491****678`: enough to tell messages apart in a log, not enough to call (Nghị định 13/2023). */
export function maskPhone(e164: string): string {
  return e164.length > 7 ? `${e164.slice(0, 5)}${'*'.repeat(e164.length - 8)}${e164.slice(-3)}` : '***';
}

/**
 * The SMS driver until a gateway is connected: each message becomes one structured log line (`event: "sms.sent"`)
 * and is kept in `sent` (the last `keep` messages) for demos and tests. It never fails.
 */
export function createLogSmsSender(opts: { log: Log; keep?: number; clock: { now(): Date } }): Sender & { readonly sent: readonly LoggedSms[] } {
  const keep = opts.keep ?? 100;
  const sent: LoggedSms[] = [];
  return {
    sent,
    async send(msg: OutgoingMessage) {
      if (msg.channel !== 'sms') throw new Error(`SMS sender cannot send ${msg.channel}`);
      const entry = { id: msg.id, to: msg.recipient, body: msg.body, templateKey: msg.templateKey, at: opts.clock.now() };
      opts.log.info(
        { event: 'sms.sent', driver: 'log', notificationId: msg.id, to: maskPhone(msg.recipient), templateKey: msg.templateKey, body: msg.body },
        'SMS (ghi nhật ký, chưa nối cổng SMS)',
      );
      sent.push(entry);
      if (sent.length > keep) sent.splice(0, sent.length - keep);
    },
  };
}

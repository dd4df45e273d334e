import { z } from 'zod';
import { PermanentSendError, type OutgoingMessage, type Sender, type SendReceipt } from './notification.contract.js';

/**
 * Zalo Notification Service (ZNS): a template message to a phone number, sent by the province's Official Account.
 * `POST <base>/message/template` with the OA's `access_token` header and `{ phone, template_id, template_data,
 * tracking_id }`; the answer is `{ error, message, data: { msg_id, sent_time, quota } }`, `error` 0 on success. The
 * template text is approved by Zalo beforehand; only its parameters travel. The delivery receipt arrives later as the
 * webhook event `user_received_message` carrying the same `msg_id` (notification.routes.ts).
 */
export type ZnsSenderOptions = {
  /** e.g. https://business.openapi.zalo.me, or the local simulator's /sim/zalo. */
  baseUrl: string;
  accessToken: string;
  /** The approved ZNS template id of each notification key (ZALO_TEMPLATE_IDS). */
  templateIds: Readonly<Record<string, string>>;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

/**
 * ZNS error codes after which retrying the same message cannot succeed: -108 the phone number is invalid, -118 the
 * number has no Zalo account (or it is disabled), -119 the account cannot receive ZNS. Codes as Zalo's error list
 * names them [U: taken from Zalo's published list, not checked against a live account]; any other error is retried.
 */
export const ZNS_PERMANENT_ERRORS: ReadonlySet<number> = new Set([-108, -118, -119]);

const ZAnswer = z.object({
  error: z.number().int(),
  message: z.string().optional(),
  data: z.object({ msg_id: z.string().min(1).max(200), sent_time: z.union([z.string(), z.number()]).optional() }).partial().optional(),
});

/** `+84912345678` → `84912345678`, the form ZNS takes. */
export const znsPhone = (e164: string) => e164.replace(/^\+/, '');

export function createZnsSender(opts: ZnsSenderOptions): Sender {
  const doFetch = opts.fetch ?? fetch;
  const url = `${opts.baseUrl.replace(/\/$/, '')}/message/template`;
  return {
    async send(msg: OutgoingMessage): Promise<SendReceipt> {
      if (msg.channel !== 'zalo') throw new Error(`ZNS sender cannot send ${msg.channel}`);
      const templateId = opts.templateIds[msg.templateKey];
      if (!templateId) throw new PermanentSendError(`Chưa có mẫu ZNS cho ${msg.templateKey} (ZALO_TEMPLATE_IDS)`);
      if (!msg.templateData) throw new PermanentSendError('Tin Zalo thiếu template_data');
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: opts.accessToken },
        body: JSON.stringify({ phone: znsPhone(msg.recipient), template_id: templateId, template_data: msg.templateData, tracking_id: msg.id }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      if (!res.ok) throw new Error(`ZNS HTTP ${res.status}`);
      const answer = ZAnswer.safeParse(await res.json().catch(() => null));
      if (!answer.success) throw new Error('ZNS: câu trả lời không đúng định dạng');
      const { error, message, data } = answer.data;
      if (error !== 0) {
        const text = `ZNS ${error}: ${message ?? ''}`.trim();
        if (ZNS_PERMANENT_ERRORS.has(error)) throw new PermanentSendError(text, String(error));
        throw new Error(text);
      }
      if (!data?.msg_id) throw new Error('ZNS: thiếu msg_id');
      return { providerMessageId: data.msg_id };
    },
  };
}

/** `dossier.accepted=1234567,dossier.apology=1234568` → a map; empty or malformed pairs are dropped by the schema. */
export function parseTemplateIds(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key, id] = pair.split('=').map((s) => s.trim());
    if (key && id) out[key] = id;
  }
  return out;
}

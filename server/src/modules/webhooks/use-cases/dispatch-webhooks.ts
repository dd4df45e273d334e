import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/database.js';
import { claimHeads, markDelivered, markFailed } from '../webhook.repo.js';
import { MAX_ATTEMPTS, retryDelayMs, SIGNATURE_HEADER, signatureHeader } from '../webhook.rules.js';
import { openSecret, type SealKey } from '../webhook.seal.js';
import type { WebhookSender } from '../webhook.sender.js';

export type DispatchReport = { claimed: number; delivered: number; failed: number };

/**
 * Sends one batch of due webhook deliveries, the head of each subscription × dossier (ledger order). Each POST carries
 * the frozen body, signed with the subscription's secret over "<timestamp>.<body>" (timestamp from the injected
 * clock). A 2xx answer delivers it; anything else waits 30 s doubling to an hour, and after MAX_ATTEMPTS the delivery
 * is given up ("failed": the later events of that dossier then go on, and "Gửi lại" queues it again).
 */
export async function dispatchWebhooks(deps: { db: Db; clock: Clock; send: WebhookSender; sealKey: SealKey }, opts: { limit?: number; subscriptionId?: string } = {}): Promise<DispatchReport> {
  const report: DispatchReport = { claimed: 0, delivered: 0, failed: 0 };
  const rows = await claimHeads(deps.db, deps.clock.now(), opts.limit ?? 50, opts.subscriptionId ?? null);
  report.claimed = rows.length;
  for (const row of rows) {
    const body = JSON.stringify(row.payload);
    const secret = row.secretSealed !== null ? openSecret(deps.sealKey, row.secretSealed) : row.secretClear!;
    const at = deps.clock.now();
    const ts = Math.floor(at.getTime() / 1000);
    // The attempt's duration is measured on the monotonic clock; no time written comes from it.
    const started = performance.now();
    const r = await deps.send({
      url: row.url,
      body,
      headers: { [SIGNATURE_HEADER]: signatureHeader(secret, ts, body), 'x-motcua-timestamp': String(ts), 'x-motcua-delivery': row.id, 'x-motcua-event': row.eventType },
    });
    const outcome = { at, statusCode: r.statusCode, error: r.error, durationMs: performance.now() - started };
    if (r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300) {
      await markDelivered(deps.db, row.id, outcome);
      report.delivered++;
    } else {
      const attempts = row.attempts + 1;
      await markFailed(deps.db, row.id, { ...outcome, error: r.error ?? `HTTP ${r.statusCode}` }, new Date(at.getTime() + retryDelayMs(attempts)), attempts >= MAX_ATTEMPTS);
      report.failed++;
    }
  }
  return report;
}

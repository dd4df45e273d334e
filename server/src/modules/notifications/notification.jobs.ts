import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { jsonLineLog, type Log } from '../../platform/log.js';
import { CHANNELS, PermanentSendError, type Sender } from './notification.contract.js';
import {
  claimDueNotifications,
  hasDueNotifications,
  markNotificationFailed,
  markNotificationSent,
  notificationAttachments,
  releaseNotifications,
  type NotificationRow,
} from './notification.repo.js';
import { CLAIM_LEASE_MINUTES } from './notification.rules.js';
import { createLogSmsSender } from './sms.sender.js';
import { createSmtpSender } from './smtp.sender.js';
import { createZnsSender, parseTemplateIds } from './zalo.sender.js';
import { postZaloSimReceipts, zaloSimulatorActive } from './zalo.simulator.js';

/** The senders a dispatcher uses; a null channel is not configured and its messages wait in the outbox. */
export type Senders = { readonly email: Sender | null; readonly sms: Sender | null; readonly zalo: Sender | null; readonly log: Log };

export type DispatchReport = { claimed: number; sent: number; retrying: number; failed: number; released: number; stale: number };

export const DISPATCH_JOB = 'notifications.dispatch';
const BATCH_SIZE = 50;
/** A run of the job stops claiming new batches after this, so runs stay within the one-minute schedule. */
const RUN_BUDGET_MS = 45_000;
/** Rows still unsent this long after their claim are given back, well before the lease lets another instance take them. */
const SEND_BUDGET_MS = (CLAIM_LEASE_MINUTES * 60_000) / 2;

const warnedNoSmtp = new WeakSet<Senders>();

/** This server's own address for calls to itself (the simulators it mounts). */
const selfUrl = (config: Pick<AppContext['config'], 'port'>) => `http://127.0.0.1:${config.port}`;

/**
 * Senders from configuration: SMTP when SMTP_URL is set, else none; SMS through the log driver; Zalo through ZNS at
 * ZALO_ZNS_URL, or the simulator this server mounts (demo), else none (Zalo messages wait in the outbox).
 */
export function createSenders(
  config: Pick<AppContext['config'], 'smtpUrl' | 'mailFrom'> & Partial<AppContext['config']>,
  clock: AppContext['clock'],
  log: Log = jsonLineLog(),
): Senders {
  const full = config.zaloAccessToken !== undefined && config.zaloTemplateIds !== undefined && config.port !== undefined ? (config as AppContext['config']) : null;
  const zaloBase = full ? (full.zaloZnsUrl ?? (zaloSimulatorActive(full) ? `${selfUrl(full)}/sim/zalo` : null)) : null;
  return {
    email: config.smtpUrl ? createSmtpSender({ url: config.smtpUrl, from: config.mailFrom }) : null,
    sms: createLogSmsSender({ log, clock }),
    zalo: full && zaloBase ? createZnsSender({ baseUrl: zaloBase, accessToken: full.zaloAccessToken, templateIds: parseTemplateIds(full.zaloTemplateIds) }) : null,
    log,
  };
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const e = err as Error & { code?: string; responseCode?: number };
    return [e.code, e.responseCode, e.message].filter((x) => x !== undefined && x !== '').join(' ');
  }
  return String(err);
}

/**
 * Sends one batch of due notifications: claims up to `limit` rows of the configured channels (safe with any number
 * of instances running this at once: each row goes to one dispatcher), hands each to its sender, and records the
 * delivery or the failure with its backoff. E-mails wait untouched while no SMTP server is configured; that is
 * logged once per `senders`.
 */
export async function dispatchDueNotifications(ctx: Pick<AppContext, 'db' | 'clock'>, senders: Senders, limit = BATCH_SIZE): Promise<DispatchReport> {
  const report: DispatchReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, released: 0, stale: 0 };
  const claimedAt = ctx.clock.now();
  if (!senders.email && !warnedNoSmtp.has(senders) && (await hasDueNotifications(ctx.db, 'email', claimedAt))) {
    warnedNoSmtp.add(senders);
    senders.log.warn({ event: 'notifications.no-smtp' }, 'Chưa cấu hình SMTP_URL: e-mail thông báo được giữ trong hộp thư đi cho đến khi có máy chủ thư.');
  }
  const channels = CHANNELS.filter((c) => senders[c] !== null);
  const rows = await claimDueNotifications(ctx.db, { now: claimedAt, limit, channels });
  report.claimed = rows.length;
  for (const [i, row] of rows.entries()) {
    if (ctx.clock.now().getTime() - claimedAt.getTime() > SEND_BUDGET_MS) {
      report.released = await releaseNotifications(ctx.db, rows.slice(i), ctx.clock.now());
      break;
    }
    await deliver(ctx, senders, row, report);
  }
  return report;
}

async function deliver(ctx: Pick<AppContext, 'db' | 'clock'>, senders: Senders, row: NotificationRow, report: DispatchReport): Promise<void> {
  const sender = senders[row.channel]!;
  let providerMessageId: string | null;
  try {
    const attachments = row.channel === 'email' ? await notificationAttachments(ctx.db, row.id) : [];
    const receipt = await sender.send({ id: row.id, channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body, templateKey: row.templateKey, templateData: row.templateData, attachments });
    providerMessageId = receipt?.providerMessageId ?? null;
  } catch (err) {
    // Refused for good (no Zalo account…): no retry; the fallback channel takes over in the same statement.
    const outcome = await markNotificationFailed(ctx.db, row, errorText(err), ctx.clock.now(), { permanent: err instanceof PermanentSendError });
    if (outcome === 'retry') report.retrying++;
    else if (outcome === 'failed') report.failed++;
    else report.stale++;
    const fields = { event: 'notifications.send-failed', notificationId: row.id, channel: row.channel, attempts: row.attempts, outcome, error: errorText(err) };
    if (outcome === 'failed') senders.log.error(fields, 'Gửi thông báo thất bại, đã hết số lần thử');
    else senders.log.warn(fields, 'Gửi thông báo không thành công, sẽ thử lại');
    return;
  }
  if (await markNotificationSent(ctx.db, row, ctx.clock.now(), providerMessageId)) report.sent++;
  else report.stale++;
}

const sendersByContext = new WeakMap<AppContext, Senders>();

export const ZALO_SIM_RECEIPTS_JOB = 'notifications.zalo-sim-receipts';

export const notificationJobs: JobDefinition[] = [
  {
    // The ZNS simulator's delivery events, posted to this server's webhook like Zalo posts them (demo only).
    name: ZALO_SIM_RECEIPTS_JOB,
    cron: '* * * * *',
    handler: async (ctx) => {
      if (!zaloSimulatorActive(ctx.config)) return;
      await postZaloSimReceipts(ctx, async (body, headers) => {
        const res = await fetch(`${selfUrl(ctx.config)}/api/notifications/zalo/events`, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
        return res.status;
      });
    },
  },
  {
    name: DISPATCH_JOB,
    cron: '* * * * *',
    handler: async (ctx) => {
      let senders = sendersByContext.get(ctx);
      if (!senders) {
        senders = createSenders(ctx.config, ctx.clock);
        sendersByContext.set(ctx, senders);
      }
      // Elapsed time of this run (a budget, not a time that is written): the monotonic clock.
      const started = performance.now();
      for (;;) {
        const r = await dispatchDueNotifications(ctx, senders, BATCH_SIZE);
        if (r.claimed < BATCH_SIZE || r.released > 0 || performance.now() - started > RUN_BUDGET_MS) break;
      }
    },
  },
];

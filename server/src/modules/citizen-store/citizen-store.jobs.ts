import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { jsonLineLog, type Log } from '../../platform/log.js';
import { citizenStoreFor, type CitizenStore } from './citizen-store.adapter.js';
import { claimDuePushes, markPushFailed, markPushSent, type PushRow } from './citizen-store.repo.js';

export const PUSH_JOB = 'citizen-store.push';
const BATCH_SIZE = 20;

export type PushReport = { claimed: number; sent: number; retrying: number; failed: number; stale: number };

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The key the store deduplicates on: the same result of the same dossier is one document, however often it is sent. */
export const sourceKeyOf = (row: Pick<PushRow, 'dossierId' | 'sha256' | 'documentName'>) => `motcua:${row.dossierId}:${row.sha256}:${Buffer.from(row.documentName).toString('base64url').slice(0, 64)}`;

/**
 * Pushes one batch of due results to the citizens' stores (ND 45/2020 Điều 14, 16: electronic results are kept in
 * the holder's store for reuse). Never called from a request: the outbox rows were written in the transaction that
 * recorded the result, and this job sends them with retries, so a store outage or a restart loses nothing; the store's
 * idempotency on the source key makes a resend after a lost answer store nothing twice.
 */
export async function pushDueResults(ctx: Pick<AppContext, 'db' | 'clock' | 'files'>, store: CitizenStore, log: Log, limit = BATCH_SIZE): Promise<PushReport> {
  const report: PushReport = { claimed: 0, sent: 0, retrying: 0, failed: 0, stale: 0 };
  const rows = await claimDuePushes(ctx.db, ctx.clock.now(), limit);
  report.claimed = rows.length;
  for (const row of rows) {
    try {
      const content = await readAll(ctx.files.open(row.sha256));
      const { storeId } = await store.put({
        idNumber: row.idNumber,
        sourceKey: sourceKeyOf(row),
        name: row.documentName,
        issuer: row.issuer,
        dossierCode: row.dossierCode,
        issuedAt: new Date(row.issuedAt).toISOString(),
        fileName: row.fileName,
        mediaType: row.mediaType,
        content,
      });
      if (await markPushSent(ctx.db, row, storeId, ctx.clock.now())) report.sent++;
      else report.stale++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const outcome = await markPushFailed(ctx.db, row, message, ctx.clock.now());
      if (outcome === 'retry') report.retrying++;
      else if (outcome === 'failed') report.failed++;
      else report.stale++;
      log.warn({ event: 'citizen-store.push-failed', pushId: row.id, attempts: row.attempts, outcome, error: message }, 'Đẩy kết quả vào Kho dữ liệu công dân không thành công, sẽ thử lại');
    }
  }
  return report;
}

export const citizenStoreJobs: JobDefinition[] = [
  {
    name: PUSH_JOB,
    cron: '* * * * *',
    handler: async (ctx) => {
      const store = citizenStoreFor(ctx);
      const log = jsonLineLog();
      for (let i = 0; i < 10; i++) {
        const r = await pushDueResults(ctx, store, log);
        if (r.claimed < BATCH_SIZE) break;
      }
    },
  },
];

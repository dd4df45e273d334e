import pg from 'pg';
import { loadConfig } from '../platform/config.js';
import { createPool, provideDatabase } from '../platform/database.js';
import { verifyAuditChain } from '../modules/audit/use-cases/verify-chain.js';

/**
 * `npm run audit:verify`: checks the audit hash chain and names the first broken entry (exit code 1), or prints the
 * number of entries and the head hash (exit code 0). Reads MIGRATION_DATABASE_URL or DATABASE_URL; without them,
 * the embedded database of this data directory (the running server's, or started for the check).
 */
const say = (m: string) => process.stdout.write(`${m}\n`);
const config = loadConfig();
let stopEmbedded: (() => Promise<void>) | undefined;
const url = process.env.MIGRATION_DATABASE_URL || config.databaseUrl || (await embeddedUrl());
const db = createPool(url, 1);
try {
  const report = await verifyAuditChain(db);
  if (report.firstBreak) {
    const b = report.firstBreak;
    say(`Chuỗi nhật ký BỊ PHÁ tại bản ghi ${b.id === null ? '(không có)' : `id=${b.id}`}, số thứ tự ${b.seq}: ${b.reason}.`);
    say(`Audit chain BROKEN at entry ${b.id === null ? '(none)' : `id=${b.id}`}, seq ${b.seq}; ${report.entries} entries before it are intact.`);
    process.exitCode = 1;
  } else {
    say(`Chuỗi nhật ký nguyên vẹn: ${report.entries} bản ghi. Mã băm cuối (lưu lại ở nơi khác để đối chiếu): ${report.headHash ?? '(trống)'}`);
    say(`Audit chain intact: ${report.entries} entries; head hash ${report.headHash ?? '(empty)'}`);
  }
} finally {
  await db.end();
  await stopEmbedded?.();
}

/** The running embedded server if it answers, else the embedded server started for this check. */
async function embeddedUrl(): Promise<string> {
  const running = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPgPort}/motcua`;
  const probe = new pg.Client({ connectionString: running, connectionTimeoutMillis: 1500 });
  try {
    await probe.connect();
    await probe.end();
    return running;
  } catch {
    const handle = await provideDatabase(config, say);
    stopEmbedded = handle.stop;
    return handle.url;
  }
}

import path from 'node:path';
import { buildApp } from './app.js';
import { systemClock } from './platform/clock.js';
import { loadConfig } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { createPool, provideDatabase } from './platform/database.js';
import { startJobs } from './platform/jobs.js';
import { migrate } from './platform/migrations.js';
import { diskFileStore } from './platform/storage.js';
import { allJobs } from './modules/jobs.js';
import { loadDemoData } from './seed/load-demo.js';

/** Starts one instance: database (embedded unless DATABASE_URL), migrations, demo data, HTTP server and jobs. */
async function main(): Promise<void> {
  const config = loadConfig();
  const say = (m: string) => process.stdout.write(`[mot-cua] ${m}\n`);
  const database = await provideDatabase(config, say);
  const db = createPool(database.url);
  const applied = await migrate(db);
  if (applied.length) say(`Đã áp dụng ${applied.length} migration.`);
  const ctx: AppContext = { config, db, clock: systemClock, files: diskFileStore(path.resolve(config.dataDir, 'files'), systemClock) };
  if (config.seedDemo) {
    const demo = await loadDemoData(ctx);
    if (demo) {
      say(`Đã nạp dữ liệu mẫu. Tài khoản dùng thử (chỉ in lần đầu, cũng lưu trong ${path.join(config.dataDir, 'demo-accounts.txt')}):`);
      for (const line of demo.accountLines) say(`  ${line}`);
    }
  }
  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  const jobs = config.jobs ? await startJobs(ctx, database.url, allJobs, (m, e) => app.log.error({ err: e }, m)) : null;
  await app.listen({ port: config.port, host: config.host });
  say(`Cổng dịch vụ công: http://localhost:${config.port}/  ·  Phần mềm một cửa: http://localhost:${config.port}/console  ·  API: http://localhost:${config.port}/docs`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`Nhận ${signal}, đang dừng…`);
    await app.close();
    await jobs?.stop();
    await db.end();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`[mot-cua] Không khởi động được: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

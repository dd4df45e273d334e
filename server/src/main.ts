import path from 'node:path';
import { ConfigInvalid, loadConfig, type AppConfig } from './platform/config.js';
import { invalidSettingsMessage, productionProblems, refusalMessage } from './platform/config.rules.js';
import type { AppContext } from './platform/context.js';

/** Starts one instance: database (embedded unless DATABASE_URL), migrations, demo data, HTTP server and jobs. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigInvalid)) throw err;
    process.stderr.write(`[mot-cua] ${invalidSettingsMessage(err.problems)}\n`);
    process.exit(78); // EX_CONFIG
  }
  const say = (m: string) => process.stdout.write(`[mot-cua] ${m}\n`);
  const problems = productionProblems(config);
  if (problems.length) {
    process.stderr.write(`[mot-cua] ${refusalMessage(problems)}\n`);
    process.exit(78); // EX_CONFIG
  }
  // The rest is loaded only once the configuration is accepted: a refusal is immediate.
  const [{ buildApp }, { systemClock }, { connectionPrivileges, createPool, provideDatabase, usePreparedStatements }, { prepareJobs, startJobs }, { migrate }, { diskFileStore }, { allJobs }, { loadDemoData }, { loggerOptions }] = await Promise.all([
    import('./app.js'),
    import('./platform/clock.js'),
    import('./platform/database.js'),
    import('./platform/jobs.js'),
    import('./platform/migrations.js'),
    import('./platform/storage.js'),
    import('./modules/jobs.js'),
    import('./seed/load-demo.js'),
    import('./platform/log.js'),
  ]);
  say(config.mode === 'production' ? 'Chế độ chạy thật / production mode.' : 'Chế độ dùng thử (demo): dữ liệu mẫu, bộ mô phỏng thanh toán và bưu chính.');
  // `npm start` runs the TypeScript sources through tsx: fine for the demo, twice as slow to start in production (BENCHMARKS.md).
  if (config.mode === 'production' && import.meta.url.endsWith('.ts')) {
    say('Đang chạy mã TypeScript (npm start): khi vận hành hãy dùng `npm run build && npm run start:prod` (JavaScript đã biên dịch). / Running TypeScript sources: in production use `npm run build && npm run start:prod`.');
  }
  const database = await provideDatabase(config, say);
  // Migrations and the job queues' set-up run as the schema owner; the application then works with row rights only.
  const owner = createPool(database.ownerUrl, 2);
  let demoSeeded: boolean;
  try {
    const applied = await migrate(owner);
    if (applied.length) say(`Đã áp dụng ${applied.length} migration.`);
    await database.prepare(owner);
    // A database the demo once filled keeps its demo accounts, whose shared password was printed: never real service.
    demoSeeded = config.mode === 'production' && ((await owner.query(`SELECT 1 FROM audit_log WHERE action = 'demo.seeded' LIMIT 1`)).rowCount ?? 0) > 0;
    if (config.jobs && !demoSeeded) await prepareJobs(owner, database.ownerUrl, allJobs);
  } finally {
    await owner.end();
  }
  if (demoSeeded) {
    process.stderr.write(`[mot-cua] ${refusalMessage([{ setting: 'DATABASE_URL', vi: 'cơ sở dữ liệu này đã nạp dữ liệu mẫu (tài khoản mẫu dùng chung mật khẩu đã in ra); dùng một cơ sở dữ liệu riêng cho vận hành', en: 'this database holds the demo data (demo accounts share a printed password); use a database of its own in production' }])}\n`);
    await database.stop();
    process.exit(78); // EX_CONFIG
  }
  usePreparedStatements(config.databasePreparedStatements);
  const db = createPool(database.url, 10, config.databaseTimeouts);
  const privileges = await connectionPrivileges(db);
  if (privileges.superuser || privileges.ownsSchema || privileges.canCreate) {
    say(`CẢNH BÁO: ứng dụng kết nối bằng vai trò "${privileges.user}" có quyền sửa cấu trúc dữ liệu (superuser/chủ sở hữu). Đặt DATABASE_URL bằng vai trò thành viên của motcua_app và MIGRATION_DATABASE_URL bằng vai trò chủ sở hữu (SECURITY.md).`);
    say(`WARNING: the application connects as "${privileges.user}", which may change the schema. Use a member of motcua_app in DATABASE_URL and the owner in MIGRATION_DATABASE_URL.`);
    // Production runs with row rights only (docs/SECURITY-ROLES.md): a privileged connection is refused, not just noted.
    if (config.mode === 'production') {
      await db.end();
      await database.stop();
      process.exit(78); // EX_CONFIG
    }
  }
  const { createReadRouter } = await import('./platform/read-replicas.js');
  const reads = createReadRouter(db, config.databaseReplicaUrls, 5, config.databaseTimeouts);
  if (reads) say(`Đọc báo cáo, danh mục, trang thông tin từ ${config.databaseReplicaUrls.length} bản sao / reads from ${config.databaseReplicaUrls.length} replica URL(s).`);
  const ctx: AppContext = { config, db, clock: systemClock, files: diskFileStore(path.resolve(config.dataDir, 'files'), systemClock), reads };
  // Webhook secrets written before they were kept encrypted are sealed now: the key is configuration, not SQL.
  const { sealLegacySecrets } = await import('./modules/webhooks/use-cases/manage-subscriptions.js');
  const { sealKeyOf } = await import('./modules/webhooks/webhook.seal.js');
  const sealed = await sealLegacySecrets({ db, sealKey: sealKeyOf(config.webhookSecretKey) });
  if (sealed) say(`Đã mã hóa khóa ký của ${sealed} đăng ký webhook / sealed ${sealed} webhook secret(s).`);
  // The official days off and make-up days shipped with this version, in every database (deadlines count them).
  const { loadOfficialAdjustments } = await import('./modules/working-calendar/use-cases/load-official-adjustments.js');
  const official = await loadOfficialAdjustments(ctx);
  if (official.length) say(`Đã nạp ${official.length} ngày nghỉ, ngày làm bù chính thức vào lịch làm việc / loaded ${official.length} official calendar day(s).`);
  if (config.seedDemo) {
    const demo = await loadDemoData(ctx);
    if (demo) {
      say(`Đã nạp dữ liệu mẫu. Tài khoản dùng thử (chỉ in lần đầu, cũng lưu trong ${path.join(config.dataDir, 'demo-accounts.txt')}):`);
      for (const line of demo.accountLines) say(`  ${line}`);
    }
  }
  const app = await buildApp(ctx, { logger: loggerOptions(config.logLevel) });
  const jobs = config.jobs ? await startJobs(ctx, database.url, allJobs, (m, e) => app.log.error({ err: e }, m), { timeouts: config.databaseTimeouts }) : null;
  await app.listen({ port: config.port, host: config.host });
  const mailbox = config.feedbackSmtpPort !== undefined
    ? await (await import('./modules/feedback/feedback-mail.inbound.js')).startFeedbackMailbox(ctx, { port: config.feedbackSmtpPort, host: config.host })
    : null;
  say(`Cổng dịch vụ công: ${config.publicUrl}/  ·  Phần mềm một cửa: ${config.publicUrl}/console  ·  API: ${config.publicUrl}/docs`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`Nhận ${signal}, đang dừng…`);
    await app.close();
    await mailbox?.close();
    await jobs?.stop();
    await reads?.end();
    await db.end();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  // Whatever was thrown is printed in full: a bare `undefined` tells the operator nothing.
  const text = err instanceof Error ? (err.stack ?? err.message) : err === undefined ? 'lỗi không rõ (undefined)' : JSON.stringify(err) ?? String(err);
  process.stderr.write(`[mot-cua] Không khởi động được / could not start: ${text}\n`);
  process.exit(1);
});

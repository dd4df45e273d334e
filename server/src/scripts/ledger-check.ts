import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { createPool, provideDatabase } from '../platform/database.js';
import { checkLedger } from '../modules/dossiers/use-cases/check-ledger.js';

/**
 * `npm run ledger:check [-- --rebuild]`: compares every dossier row with the fold of its action log on the configured
 * database (DATABASE_URL, or the embedded one in DATA_DIR), prints the differences, and with --rebuild rewrites the
 * rows from their logs. Exits 1 when rows differ and were not rebuilt, or when a log cannot be folded.
 */
const rebuild = process.argv.includes('--rebuild');
const config = loadConfig({ ...process.env, JOBS: 'false', SEED_DEMO: 'false' });
const say = (m: string) => process.stdout.write(`${m}\n`);
const database = await provideDatabase(config, say);
const db = createPool(database.url, 2);
try {
  const r = await checkLedger({ db, clock: systemClock }, { rebuild });
  for (const d of r.differing) say(`${d.code ?? d.id}: ${d.differences.join('; ')}`);
  for (const u of r.unreadable) say(`${u.code ?? u.id}: nhật ký không dựng lại được / log cannot be folded — ${u.reason}`);
  say(`Đã kiểm tra ${r.checked} hồ sơ: ${r.matching} khớp, ${r.differing.length} lệch${rebuild ? ` (đã dựng lại ${r.rebuilt})` : ''}, ${r.unreadable.length} không đọc được.`);
  process.exitCode = r.unreadable.length > 0 || (r.differing.length > 0 && !rebuild) ? 1 : 0;
} finally {
  await db.end();
  await database.stop();
}

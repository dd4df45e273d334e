/**
 * National portal sync benchmark (issue 16): does the sync to the national portal (Cổng DVCQG) keep up with intake?
 * Intake: dossiers submitted on the national portal taken in through the inbound use case (the push handler's), 8 at a
 * time as a busy portal pushes them; each writes its ledger entry and, by trigger, one outbox row. Sync: one dispatcher
 * (what one instance's `national-portal.sync` job runs) empties that outbox to the national portal simulator over HTTP
 * on 127.0.0.1 (session token, DongBoHoSoMC with the whole dossier), then the same with the desk's acceptance of each
 * dossier (CapNhatTienDoHoSoMC progress updates). Throughput of the sync as a ratio of the intake rate measured in
 * the same run.
 *
 *   npx tsx bench/national-sync.ts [--dossiers=400]   (its own database; rewrites BENCHMARKS.md's "National portal sync")
 */
import os from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../server/src/platform/config.js';
import type { AppContext } from '../server/src/platform/context.js';
import type { Db } from '../server/src/platform/database.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { systemClock } from '../server/src/platform/clock.js';
import { loadDemoData } from '../server/src/seed/load-demo.js';
import { actorByUsername } from '../server/src/modules/identity/identity.repo.js';
import { decideOnlineDossier } from '../server/src/modules/dossiers/use-cases/accept-online.js';
import { httpNationalPortal } from '../server/src/modules/national-portal/national-portal.client.js';
import { ZHoSo } from '../server/src/modules/national-portal/national-portal.contract.js';
import { NationalPortalSimulator } from '../server/src/modules/national-portal/national-portal.simulator.js';
import type { LinkConfig } from '../server/src/modules/national-portal/national-portal.links.js';
import { dispatchNationalSync } from '../server/src/modules/national-portal/use-cases/dispatch-sync.js';
import { receiveNationalDossier } from '../server/src/modules/national-portal/use-cases/receive-national-dossier.js';
import { runStandalone } from './standalone.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const DOSSIERS = Math.min(arg('dossiers', Number(process.env.BENCH_NATIONAL_DOSSIERS ?? 400)), 5000);
/** Every phase stops after this long, whatever is left (bounded in time as in count). */
const PHASE_LIMIT_MS = 120_000;
const CONCURRENCY = 8;

async function concurrently(n: number, work: (i: number) => Promise<void>): Promise<{ done: number; seconds: number }> {
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n && performance.now() - t0 < PHASE_LIMIT_MS) {
        await work(next++);
        done++;
      }
    }),
  );
  return { done, seconds: (performance.now() - t0) / 1000 };
}

async function drain(db: Db, portal: ReturnType<typeof httpNationalPortal>, config: LinkConfig): Promise<{ sent: number; failed: number; seconds: number }> {
  const t0 = performance.now();
  let sent = 0;
  let failed = 0;
  while (performance.now() - t0 < PHASE_LIMIT_MS) {
    const r = await dispatchNationalSync({ db, clock: systemClock, portal, config }, 50);
    sent += r.sent + r.skipped;
    failed += r.failed;
    if (r.claimed === 0) break;
  }
  return { sent, failed, seconds: (performance.now() - t0) / 1000 };
}

export async function benchNationalSync(db: Db, dataDir: string): Promise<string[]> {
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'false', DEMO_PASSWORD: 'bench-national-sync-2026' });
  const ctx: AppContext = { config, db, clock: systemClock, files: diskFileStore(dataDir, systemClock) };
  await loadDemoData(ctx);
  // The demo's own dossiers are not what is measured.
  await db.query(`UPDATE national_sync_outbox SET status = 'skipped' WHERE status = 'pending'`);

  // The national portal simulator behind a real HTTP listener on loopback.
  const sim = new NationalPortalSimulator(systemClock, { username: config.nationalPortalUsername, password: config.nationalPortalPassword });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      const a = sim.handle(req.url ?? '', body);
      const answer = a === 'dropped' ? { status: 502, body: { error_code: '502' } } : a;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const portal = httpNationalPortal({ baseUrl, username: config.nationalPortalUsername, password: config.nationalPortalPassword, agencyCode: config.nationalPortalAgencyCode, clock: systemClock });

  try {
    const run = Date.now();
    const hoSo = (i: number) =>
      ZHoSo.parse({
        MaHoSo: `BENCH-${run}-${i}`,
        MaTTHC: '1.001193',
        TenTTHC: 'Đăng ký khai sinh',
        KenhThucHien: 2,
        ChuHoSo: 'Nguyễn Thị Bench',
        MaDoiTuong: '087195012345',
        NgayNopHoSo: '20261201080000',
        TrangThaiHoSo: 1,
        DonViXuLy: '000.00.71.H20',
        TaiKhoanDuocXacThucVoiVNeID: 1,
        DanhSachTaiLieuNop: [{ TenTepDinhKem: 'giay-chung-sinh.pdf', TenGiayTo: 'Giấy chứng sinh', DuocSoHoa: true, DuongDanTaiLieu: 'https://dichvucong.gov.vn/tep/bench/giay-chung-sinh.pdf' }],
        // Answers valid for the seed's birth-registration form (inbound pushes are checked against it).
        DuLieuBieuMau: {
          hoTenNguoiYeuCau: 'Nguyễn Thị Bench',
          soDinhDanhNguoiYeuCau: '087195012345',
          quanHe: 'Mẹ',
          hoTen: `Trần Văn Bé ${i}`,
          ngaySinh: '2026-11-28',
          gioiTinh: 'Nam',
          noiSinh: 'Bệnh viện Đa khoa Đồng Tháp',
          hoTenMe: 'Nguyễn Thị Bench',
        },
      });
    const ids: string[] = [];
    const intake = await concurrently(DOSSIERS, async (i) => {
      ids.push((await receiveNationalDossier(ctx, hoSo(i))).id);
    });
    const intakeRate = intake.done / intake.seconds;
    const whole = await drain(db, portal, config);
    const wholeRate = whole.sent / whole.seconds;

    // The desk accepts each one: a second ledger entry each, sent as a progress update.
    const desk = (await actorByUsername(db, 'motcua.anbinh'))!;
    const accept = await concurrently(ids.length, async (i) => {
      await decideOnlineDossier(ctx, desk, ids[i]!, { action: 'accept', note: null });
    });
    const acceptRate = accept.done / accept.seconds;
    const progress = await drain(db, portal, config);
    const progressRate = progress.sent / progress.seconds;
    // A backlog (the portal was down, or the sync stopped): each dossier received and accepted before the sync runs,
    // so its two events wait together and go in one call.
    const backlogIds: string[] = [];
    const backlog = await concurrently(DOSSIERS, async (i) => {
      const id = (await receiveNationalDossier(ctx, hoSo(DOSSIERS + i))).id;
      await decideOnlineDossier(ctx, desk, id, { action: 'accept', note: null });
      backlogIds.push(id);
    });
    const backlogWriteRate = (backlog.done * 2) / backlog.seconds;
    const caughtUp = await drain(db, portal, config);
    const caughtUpRate = caughtUp.sent / caughtUp.seconds;
    const held = sim.dossiers.size;
    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
    return [
      '## National portal sync',
      '',
      `Command: \`npx tsx bench/national-sync.ts\` (own database), ${DOSSIERS} dossiers, intake ${CONCURRENCY} at a time through the inbound use case, one dispatcher (the job's defaults: 50 dossiers per batch, each dossier's pending events in one call, eight dossiers at a time, over one keep-alive connection pool) to the national portal simulator over HTTP on 127.0.0.1; each phase bounded to ${PHASE_LIMIT_MS / 1000} s. Demo data loaded first (units, catalogue, 48 dossiers whose outbox rows are left out).`,
      '',
      '| phase | events | seconds | events/s |',
      '|---|---:|---:|---:|',
      `| intake: dossiers received (ledger entry + outbox row each) | ${intake.done} | ${intake.seconds.toFixed(1)} | ${intakeRate.toFixed(0)} |`,
      `| sync: DongBoHoSoMC (whole dossier, first event) | ${whole.sent} | ${whole.seconds.toFixed(1)} | ${wholeRate.toFixed(0)} |`,
      `| desk: acceptance (ledger entry + outbox row each) | ${accept.done} | ${accept.seconds.toFixed(1)} | ${acceptRate.toFixed(0)} |`,
      `| sync: CapNhatTienDoHoSoMC (progress update) | ${progress.sent} | ${progress.seconds.toFixed(1)} | ${progressRate.toFixed(0)} |`,
      `| backlog: dossiers received and accepted, sync not running (2 ledger entries + 2 outbox rows each) | ${backlog.done * 2} | ${backlog.seconds.toFixed(1)} | ${backlogWriteRate.toFixed(0)} |`,
      `| sync: the backlog, one call per dossier (DongBoHoSoMC with both entries) | ${caughtUp.sent} | ${caughtUp.seconds.toFixed(1)} | ${caughtUpRate.toFixed(0)} |`,
      '',
      `Load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} CPUs at the end of the run. Sync throughput = **${pct(wholeRate, intakeRate)}** of the intake rate for new dossiers and **${pct(progressRate, acceptRate)}** of the acceptance rate for progress updates and **${pct(caughtUpRate, backlogWriteRate)}** of the write rate when catching up a backlog, with one dispatcher against ${CONCURRENCY} concurrent writers (failed calls: ${whole.failed + progress.failed + caughtUp.failed}; dossiers held by the simulator: ${held}). A province writes at most tens of dossier events a second on its busiest day (DESIGN.md §7); several instances each run a dispatcher on disjoint heads.`,
      '',
    ];
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function standalone(): Promise<void> {
  await runStandalone({ section: 'national-sync' }, (db, dataDir) => benchNationalSync(db, dataDir));
}

if (import.meta.url === `file://${process.argv[1]}`) await standalone();

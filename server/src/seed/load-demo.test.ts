import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import { loadConfig } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { systemClock } from '../platform/clock.js';
import { diskFileStore } from '../platform/storage.js';
import { publishProblems } from '../modules/procedures/procedure.rules.js';
import type { TProcedureContent } from '../modules/procedures/procedure.contract.js';
import { loadDemoData } from './load-demo.js';
import { DEMO_DOSSIER_COUNT, NATIONAL_PORTAL_APPLICANTS, demoPeople } from './demo-people.js';
import { validateCccd } from '../modules/applicants/cccd.rules.js';
import { simulatorFor } from '../modules/national-portal/national-portal.simulator.js';
import { checkLedger } from '../modules/dossiers/use-cases/check-ledger.js';
import { nationalPortalOf } from '../modules/national-portal/national-portal.service.js';
import { pullNationalDossiers } from '../modules/national-portal/use-cases/pull-national-dossiers.js';
import { ingestNationalQuestions } from '../modules/national-portal/use-cases/sync-questions.js';
import { searchRegister } from '../modules/feedback/use-cases/read-feedback.js';
import { DEMO_QUESTIONS } from './demo-questions.js';

let ctx: AppContext;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-seed-'));
  ctx = { config: loadConfig({ DATA_DIR: dataDir, DEMO_PASSWORD: 'Mat-khau-demo-2026' }), db: fresh.db, clock: systemClock, files: diskFileStore(dataDir, systemClock) };
});
afterAll(() => drop());

describe('demo data', () => {
  it('loads once, even when two instances start together', async () => {
    const [a, b] = await Promise.all([loadDemoData(ctx), loadDemoData(ctx)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const lines = (a ?? b)!.accountLines;
    expect(lines[0]).toBe('Mật khẩu chung: Mat-khau-demo-2026');
    expect(lines.join('\n')).toMatch(/quantri\s+admin/);
    expect(await fs.readFile(path.join(ctx.config.dataDir, 'demo-accounts.txt'), 'utf8')).toContain('motcua.anbinh');
    expect(await loadDemoData(ctx)).toBeNull();
  });

  it('comes with three weeks of dossiers at a ward desk, walked through the real use cases', async () => {
    const { rows } = await ctx.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM dossier WHERE idempotency_key LIKE '%:demo-dossier-%' GROUP BY 1`);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(Object.values(by).reduce((a, b) => a + b, 0)).toBe(48);
    for (const s of ['received', 'processing', 'result_ready', 'returned', 'not_accepted']) expect(by[s], s).toBeGreaterThan(0);
    const late = await ctx.db.query(`SELECT count(*)::int AS n FROM dossier WHERE finish_class = 'late'`);
    expect(late.rows[0].n).toBeGreaterThan(0);
    const counted = await ctx.db.query(`SELECT coalesce(sum(received), 0)::int AS n FROM report_counter WHERE grain = 'M'`);
    expect(counted.rows[0].n).toBe(44);
    // Nothing in the demo happens after the clock's now (a dossier handled "the day after tomorrow" on a Friday).
    const future = await ctx.db.query(
      `SELECT count(*)::int AS n FROM dossier_action a JOIN dossier d ON d.id = a.dossier_id WHERE d.idempotency_key LIKE '%:demo-dossier-%' AND a.at > $1`,
      [systemClock.now()],
    );
    expect(future.rows[0].n).toBe(0);
  });

  it('each demo dossier carries its e-form answers: a birth names a child who is not the applicant; copies are charged per copy', async () => {
    const { rows } = await ctx.db.query<{ code: string; applicant: string; eform: Record<string, unknown> | null; fee: number; status: string }>(
      `SELECT p.code, d.applicant->>'fullName' AS applicant, d.eform, d.fee_vnd::int AS fee, d.status
         FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.idempotency_key LIKE '%:demo-dossier-%'`,
    );
    expect(rows.filter((r) => r.eform === null)).toEqual([]);
    const births = rows.filter((r) => r.code === '1.001193');
    expect(births.length).toBeGreaterThan(0);
    for (const b of births) {
      expect(b.eform!.hoTen).not.toBe(b.applicant);
      expect(b.eform!.hoTenNguoiYeuCau).toBe(b.applicant);
      expect([b.eform!.hoTenCha, b.eform!.hoTenMe]).toContain(b.applicant);
      // Khai sinh đúng hạn is free; each copy of the Trích lục costs 8.000 đồng (TT 281/2016/TT-BTC).
      if (b.status !== 'not_accepted') expect(b.fee).toBe(8000 * Number(b.eform!.soBanSao ?? 0));
    }
    const copies = rows.filter((r) => r.code === '2.000635' && r.status !== 'not_accepted');
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) expect(c.fee).toBe(8000 * Number(c.eform!.soBanSao));
    expect(new Set(births.map((b) => b.fee)).size).toBeGreaterThan(1);
  });

  it('every demo dossier row is the fold of its action log; the rebuild puts back a row spoiled behind the ledger', async () => {
    const clean = await checkLedger(ctx, { rebuild: false });
    expect(clean).toMatchObject({ checked: 48, matching: 48, differing: [], unreadable: [] });
    const { rows } = await ctx.db.query<{ id: string; status: string }>(`SELECT id, status FROM dossier WHERE status = 'returned' LIMIT 1`);
    await ctx.db.query(`UPDATE dossier SET status = 'processing', returned_at = NULL WHERE id = $1`, [rows[0]!.id]);
    const spoiled = await checkLedger(ctx, { rebuild: true });
    expect(spoiled.differing).toEqual([{ id: rows[0]!.id, code: expect.any(String), differences: [expect.stringMatching(/^status: processing ≠ returned/), expect.stringMatching(/^returnedAt: null ≠ /)] }]);
    expect(spoiled.rebuilt).toBe(1);
    const after = await ctx.db.query<{ status: string; nationalStatus: number }>(`SELECT status, national_status AS "nationalStatus" FROM dossier WHERE id = $1`, [rows[0]!.id]);
    expect(after.rows[0]).toEqual({ status: 'returned', nationalStatus: 10 });
    expect(await checkLedger(ctx, { rebuild: false })).toMatchObject({ matching: 48, differing: [] });
  });

  it('fills the hỏi đáp page: common questions about procedures with the ward’s official answers, published without the askers’ names', async () => {
    // What the hỏi đáp page reads: the public register, questions only.
    const page = await searchRegister(ctx.db, { kind: 'question', limit: 20 });
    expect(page.items.map((i) => i.subject).sort()).toEqual(DEMO_QUESTIONS.map((q) => q.subject).sort());
    for (const item of page.items) {
      expect(item.kind).toBe('question');
      expect(item.unitName).toMatch(/An Bình/);
      expect(item.procedureName).not.toBeNull();
      expect(item.answer).toBe(DEMO_QUESTIONS.find((q) => q.subject === item.subject)!.answer);
      expect(item.senderName).toBeNull();
    }
    const birth = page.items.find((i) => i.subject === 'Đăng ký khai sinh cho con cần những giấy tờ gì?')!;
    expect(birth.procedureName).toBe('Đăng ký khai sinh');
    expect(birth.answer).toContain('Giấy chứng sinh');
    // Found without accents, like every search of the register.
    expect((await searchRegister(ctx.db, { kind: 'question', q: 'khai sinh truc tuyen', limit: 20 })).items.map((i) => i.subject)).toContain('Có thể nộp hồ sơ khai sinh trực tuyến không?');
  });

  it('has the real places, with the 2025 reorganisation as history', async () => {
    const names = (await ctx.db.query<{ name: string }>('SELECT name FROM unit')).rows.map((r) => r.name);
    for (const n of ['Tỉnh Đồng Tháp', 'Phường An Thạnh', 'Phường An Bình A', 'Phường An Lạc', 'Phường An Lộc', 'Huyện Gia Viễn', 'Phường Phú Hài']) {
      expect(names.some((x) => x.startsWith(n)), n).toBe(true);
    }
    const { rows } = await ctx.db.query<{ old: string; new: string; effective: string }>(
      `SELECT p.name AS old, n.name AS new, s.effective_on AS effective FROM unit_succession s
         JOIN unit p ON p.id = s.predecessor_id JOIN unit n ON n.id = s.successor_id WHERE p.name LIKE 'Phường An Thạnh%'`,
    );
    expect(rows[0]).toMatchObject({ new: expect.stringContaining('Hồng Ngự'), effective: '2025-07-01' });
    const open = await ctx.db.query(`SELECT 1 FROM unit WHERE name LIKE 'Phường An Thạnh%' AND valid_to IS NULL`);
    expect(open.rowCount).toBe(0);
  });

  it('has staff for every role and at least 15 published procedures per province that pass the publishing checks', async () => {
    const roles = (await ctx.db.query<{ role: string }>('SELECT DISTINCT role FROM role_assignment')).rows.map((r) => r.role).sort();
    // Every officer can receive a one-time code after a hold (a phone and an e-mail each).
    const noContact = await ctx.db.query(`SELECT username FROM staff_user WHERE phone IS NULL OR email IS NULL`);
    expect(noContact.rows).toEqual([]);
    expect(roles).toEqual(['admin', 'desk_officer', 'head', 'inspector', 'leader', 'postal', 'specialist']);
    const perProvince = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM procedure WHERE status = 'published' GROUP BY owner_unit_id`);
    for (const r of perProvince.rows) expect(r.n).toBeGreaterThanOrEqual(15);
    const contents = await ctx.db.query<{ content: TProcedureContent }>('SELECT content FROM procedure_version');
    // As the demo runs, with the national portal connected: its checks (national codes, Nghị định 224/2026 Điều 14) apply too.
    for (const { content } of contents.rows) expect(publishProblems(content, { nationalPortal: true }), content.name).toEqual([]);
    const found = await ctx.db.query(`SELECT name FROM procedure WHERE search_text LIKE '%ho ngheo%'`);
    expect(found.rowCount).toBeGreaterThan(0);
  });

  it('gives the national simulators something to show: known citizens, dossiers and a question waiting on the national portal, officers linked for SSO', async () => {
    // Every applicant of the demo dossiers is known to the population database simulator.
    const { rows: unknown } = await ctx.db.query(`SELECT DISTINCT d.applicant->>'idNumber' AS id FROM dossier d WHERE d.idempotency_key LIKE '%:demo-dossier-%'
                                                     AND NOT EXISTS (SELECT 1 FROM population_sim_person p WHERE p.id_number = d.applicant->>'idNumber')`);
    expect(unknown).toEqual([]);
    expect((await ctx.db.query(`SELECT count(*)::int AS n FROM population_sim_person`)).rows[0].n).toBeGreaterThan(20);
    expect((await ctx.db.query(`SELECT subject FROM national_sso_link l JOIN staff_user u ON u.id = l.staff_user_id WHERE u.username = 'motcua.anbinh'`)).rows).toEqual([{ subject: 'dvcqg.motcua.anbinh' }]);
    // The pull brings the national portal's two dossiers to the ward's desk, once; the question reaches its register.
    const portal = nationalPortalOf(ctx)!;
    expect(await pullNationalDossiers({ ...ctx, portal })).toMatchObject({ created: 2, rejected: 0 });
    expect(await pullNationalDossiers({ ...ctx, portal })).toMatchObject({ created: 0 });
    const { rows } = await ctx.db.query(
      `SELECT n.ma_ho_so AS code, d.status, u.code AS desk FROM national_dossier n JOIN dossier d ON d.id = n.dossier_id JOIN unit u ON u.id = d.receiving_unit_id ORDER BY 1`,
    );
    expect(rows).toEqual([
      { code: 'G20.71-DEMO-0001', status: 'awaiting_acceptance', desk: '000.01.71.H20' },
      { code: 'G20.71-DEMO-0002', status: 'awaiting_acceptance', desk: '000.01.71.H20' },
    ]);
    expect(await ingestNationalQuestions({ ...ctx, portal, provinceCode: ctx.config.nationalPortalAgencyCode })).toMatchObject({ created: 1, unrouted: 0 });
  });

  it('derives the desk’s applicants, the national portal’s and the population simulator’s people from one list', async () => {
    const people = demoPeople();
    expect(people.length).toBeGreaterThanOrEqual(DEMO_DOSSIER_COUNT);
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
    for (const p of people) expect(validateCccd(p.idNumber).ok, p.idNumber).toBe(true);
    // The simulator knows exactly the list, with the same names.
    const { rows: known } = await ctx.db.query<{ idNumber: string; fullName: string }>(`SELECT id_number AS "idNumber", full_name AS "fullName" FROM population_sim_person ORDER BY 1`);
    expect(known).toEqual(people.map((p) => ({ idNumber: p.idNumber, fullName: p.fullName })).sort((a, b) => a.idNumber.localeCompare(b.idNumber)));
    // Every dossier of the demo — filed at the desk, or submitted on the national portal and pulled — is for one of them.
    const { rows: strangers } = await ctx.db.query(
      `SELECT d.code, d.applicant->>'idNumber' AS id FROM dossier d WHERE NOT EXISTS (SELECT 1 FROM population_sim_person p WHERE p.id_number = d.applicant->>'idNumber')`,
    );
    expect(strangers).toEqual([]);
    expect((await ctx.db.query(`SELECT count(*)::int AS n FROM national_dossier`)).rows[0].n).toBe(2);
    // And the national portal simulator's own records name them.
    const onPortal = [...simulatorFor(ctx).dossiers.values()].map((h) => h.MaDoiTuong);
    expect(onPortal.length).toBeGreaterThanOrEqual(Object.keys(NATIONAL_PORTAL_APPLICANTS).length);
    for (const id of onPortal) expect(people.map((x) => x.idNumber)).toContain(id);
  });
});

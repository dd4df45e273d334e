import fs from 'node:fs/promises';
import { loadDemoDossiers } from './demo-dossiers.js';
import { loadDemoQuestions } from './demo-questions.js';
import { demoPeople } from './demo-people.js';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../platform/context.js';
import { withTransaction, type Tx } from '../platform/database.js';
import { hashPassword } from '../modules/identity/password.js';
import { insertSuccession, insertUnit, type UnitRow } from '../modules/org-units/unit.repo.js';
import { putSigner } from '../modules/org-units/signatory.repo.js';
import type { Signer } from '../modules/org-units/signatory.rules.js';
import { ZUnitKind } from '../modules/org-units/unit.contract.js';
import { ZProcedureContent, ZStaffRole } from '../modules/procedures/procedure.contract.js';
import { insertDraftVersion, insertProcedure, markPublished, setCurrentVersion } from '../modules/procedures/procedure.repo.js';
import { loadOfficialAdjustmentsIn } from '../modules/working-calendar/use-cases/load-official-adjustments.js';
import { ZSiteInput } from '../modules/info-portal/portal.contract.js';
import { upsertSite } from '../modules/info-portal/portal.repo.js';
import { recordAudit } from '../modules/audit/audit.repo.js';
import { dateOfDayNumber, dayNumberOf } from '../modules/working-calendar/vn-time.js';
import { projectRoot } from '../platform/paths.js';

export const seedDir = path.join(projectRoot, 'server/seed');

const ZSeedUnit = z.object({
  code: z.string(),
  name: z.string(),
  kind: ZUnitKind,
  parentCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  successorCodes: z.array(z.string()).optional(),
});
const ZSeedStaff = z.object({
  username: z.string(),
  fullName: z.string(),
  // Every officer has a way back in after a hold: the one-time code goes to this phone or e-mail.
  phone: z.string().regex(/^0\d{9}$/),
  email: z.string().email(),
  homeUnitCode: z.string(),
  roles: z.array(z.object({ role: ZStaffRole, unitCode: z.string() })).min(1),
});

/** A unit's information site with its contacts (NĐ 224/2026 Điều 10), shown in the portal's footer for that place. */
const ZSeedSite = ZSiteInput.extend({ unitCode: z.string() });

// Any constant: makes concurrent first starts of several instances seed once.
const SEED_LOCK = 746_118_2026;

/**
 * Loads the demo data into an empty database: the unit tree with its 2025 reorganisation, staff for every role,
 * the published procedure catalogue of each current province, and the official calendar adjustments.
 * Returns the accounts to print, or null when the database already had data.
 */
export async function loadDemoData(ctx: AppContext): Promise<{ accountLines: string[] } | null> {
  const units = z.array(ZSeedUnit).parse(JSON.parse(await fs.readFile(path.join(seedDir, 'units.json'), 'utf8')));
  const staff = z.array(ZSeedStaff).parse(JSON.parse(await fs.readFile(path.join(seedDir, 'staff.json'), 'utf8')));
  const procedures = z.array(ZProcedureContent).parse(JSON.parse(await fs.readFile(path.join(seedDir, 'procedures.json'), 'utf8')));
  const sites = z.array(ZSeedSite).parse(JSON.parse(await fs.readFile(path.join(seedDir, 'sites.json'), 'utf8')));
  const password = ctx.config.demoPassword || randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);

  const now = ctx.clock.now();
  const loaded = await withTransaction(ctx.db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const { rows } = await tx.query('SELECT 1 FROM unit LIMIT 1');
    if (rows.length > 0) return false;
    const byCode = await insertUnits(tx, units, now);
    const adminId = await insertStaff(tx, staff, byCode, passwordHash, now);
    // Each demo officer's identity on the (simulated) national portal, for single sign-on into the console.
    await tx.query(`INSERT INTO national_sso_link (subject, staff_user_id, linked_at) SELECT 'dvcqg.' || username, id, $1 FROM staff_user`, [now]);
    await insertProcedures(tx, procedures, byCode, adminId, now);
    // Each ward's leader signs its letters as Chủ tịch (an apology letter is refused without a signer).
    for (const s of staff) {
      for (const r of s.roles.filter((x) => x.role === 'leader')) {
        const signer: Signer = { id: randomUUID(), kind: 'head', fullName: s.fullName, title: 'Chủ tịch', headTitle: 'Chủ tịch', validFrom: '2025-07-01', validTo: null };
        await putSigner(tx, byCode.get(r.unitCode)!.id, signer, now, adminId);
      }
    }
    // The population database simulator knows every person of the demo (demo-people.ts: the desk's applicants and the
    // national portal's), so the desk's and the e-form's "Lấy từ CSDL dân cư" and the simulated SSO find each of them.
    const people = demoPeople();
    await tx.query(
      `INSERT INTO population_sim_person (id_number, full_name, birth_date, sex, permanent_address)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[]) ON CONFLICT (id_number) DO NOTHING`,
      [people.map((p) => p.idNumber), people.map((p) => p.fullName), people.map((p) => p.birthDate), people.map((p) => p.sex), people.map((p) => p.address)],
    );
    for (const { unitCode, ...site } of sites) {
      const unit = byCode.get(unitCode);
      if (!unit) throw new Error(`sites.json: unit ${unitCode} missing`);
      await upsertSite(tx, unit.id, site, adminId, now);
    }
    await loadOfficialAdjustmentsIn(tx, now);
    await recordAudit(tx, { actorId: null, actorName: 'Hệ thống', action: 'demo.seeded', entity: 'system', entityId: 'demo', after: { units: units.length, staff: staff.length, procedures: procedures.length }, unitPaths: [], at: now });
    return true;
  });
  if (!loaded) return null;
  const dossiers = await loadDemoDossiers(ctx);
  const questions = await loadDemoQuestions(ctx);

  const accountLines = [
    `Mật khẩu chung: ${password}`,
    ...staff.map((s) => `${s.username.padEnd(22)} ${[...new Set(s.roles.map((r) => r.role))].join(', ').padEnd(16)} ${s.fullName}`),
    `Hồ sơ mẫu: ${dossiers} hồ sơ của ba tuần qua tại Bộ phận một cửa phường An Bình A (Đồng Tháp).`,
    `Hỏi đáp: ${questions} câu hỏi thường gặp về thủ tục đã có trả lời chính thức của phường An Bình A.`,
    'Đăng nhập một lần từ Cổng DVCQG (mô phỏng): công dân nhập số CCCD của người nộp hồ sơ mẫu, cán bộ nhập dvcqg.<tên đăng nhập>.',
  ];
  await fs.mkdir(ctx.config.dataDir, { recursive: true });
  await fs.writeFile(path.join(ctx.config.dataDir, 'demo-accounts.txt'), `${accountLines.join('\n')}\n`, { mode: 0o600 });
  return { accountLines };
}

async function insertUnits(tx: Tx, units: z.infer<typeof ZSeedUnit>[], now: Date): Promise<Map<string, UnitRow>> {
  const byCode = new Map<string, UnitRow>();
  const pending = [...units];
  // Parents first, whatever the file's order.
  while (pending.length > 0) {
    const ready = pending.findIndex((u) => u.parentCode === null || byCode.has(u.parentCode));
    if (ready < 0) throw new Error(`units.json: parent missing for ${pending.map((u) => u.code).join(', ')}`);
    const u = pending.splice(ready, 1)[0]!;
    const row = await insertUnit(tx, { code: u.code, name: u.name, kind: u.kind, parent: u.parentCode ? byCode.get(u.parentCode)! : null, validFrom: u.validFrom }, now);
    if (u.validTo) await tx.query('UPDATE unit SET valid_to = $2 WHERE id = $1', [row.id, u.validTo]);
    byCode.set(u.code, { ...row, validTo: u.validTo });
  }
  for (const u of units) {
    for (const s of u.successorCodes ?? []) {
      const successor = byCode.get(s);
      if (!successor) throw new Error(`units.json: successor ${s} of ${u.code} missing`);
      if (!u.validTo) throw new Error(`units.json: ${u.code} has a successor but no validTo`);
      const effectiveOn = dateOfDayNumber(dayNumberOf(u.validTo) + 1);
      // A successor that existed before, or that takes several units, absorbs them: a merger.
      const absorbs = successor.validFrom === null || successor.validFrom < effectiveOn || units.filter((x) => x.successorCodes?.includes(s)).length > 1;
      const kind = (u.successorCodes?.length ?? 0) > 1 ? 'split' : absorbs ? 'merge' : 'rename';
      await insertSuccession(tx, byCode.get(u.code)!.id, successor.id, effectiveOn, kind);
    }
  }
  return byCode;
}

async function insertStaff(tx: Tx, staff: z.infer<typeof ZSeedStaff>[], byCode: Map<string, UnitRow>, passwordHash: string, now: Date): Promise<string> {
  let adminId: string | null = null;
  for (const s of staff) {
    const home = byCode.get(s.homeUnitCode);
    if (!home) throw new Error(`staff.json: unit ${s.homeUnitCode} missing`);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO staff_user (username, full_name, phone, email, password_hash, home_unit_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [s.username, s.fullName, s.phone, s.email, passwordHash, home.id, now],
    );
    const id = rows[0]!.id;
    for (const r of s.roles) {
      const unit = byCode.get(r.unitCode);
      if (!unit) throw new Error(`staff.json: unit ${r.unitCode} missing`);
      await tx.query('INSERT INTO role_assignment (user_id, role, unit_id) VALUES ($1, $2, $3)', [id, r.role, unit.id]);
    }
    if (adminId === null && s.roles.some((r) => r.role === 'admin')) adminId = id;
  }
  if (!adminId) throw new Error('staff.json: no administrator');
  return adminId;
}

/** Each current province publishes the whole demo catalogue (quyết định công bố of 01/07/2025, the two-level reform). */
async function insertProcedures(tx: Tx, procedures: z.infer<typeof ZProcedureContent>[], byCode: Map<string, UnitRow>, adminId: string, now: Date): Promise<void> {
  const provinces = [...byCode.values()].filter((u) => u.kind === 'province' && u.validTo === null);
  for (const province of provinces) {
    for (const content of procedures) {
      const id = await insertProcedure(tx, province.id, content, now);
      const versionId = await insertDraftVersion(tx, id, content, adminId, now);
      await setCurrentVersion(tx, id, versionId);
      await markPublished(tx, id, versionId, { decisionNo: '1234/QĐ-UBND (dữ liệu mẫu)', decisionDate: '2025-06-30', effectiveFrom: '2025-07-01' }, now, '2025-07-01');
    }
  }
}

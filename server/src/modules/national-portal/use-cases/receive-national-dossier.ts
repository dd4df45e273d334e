import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/database.js';
import { withStoredFiles, type FileStore } from '../../../platform/storage.js';
import { compactCode } from '../../dossiers/tracking-code.rules.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { validateTaxCode } from '../../applicants/tax-code.rules.js';
import { validateEform } from '../../procedures/eform.js';
import { ZApplicantInput } from '../../dossiers/dossier.contract.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { loadIntakeContext } from '../../dossiers/dossier-intake.repo.js';
import { openDossier } from '../../dossiers/dossier.ledger.js';
import { acceptsDossiers, versionInForce } from '../../procedures/procedure.rules.js';
import { appendPaymentEvent, insertPayment } from '../../payments/payment.repo.js';
import { paymentReference } from '../../payments/payment.rules.js';
import { payLockedPayment } from '../../payments/use-cases/settle-payment.js';
import { ruleSetOn } from '../../rule-sets/rule-set.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { THoSo } from '../national-portal.contract.js';
import { nationalErrors } from '../national-portal.errors.js';
import { fileLink, parseNationalDate } from '../national-portal.rules.js';

/** How far ahead of our clock the portal's submission time may be (two clocks never agree to the second). */
const CLOCK_SKEW_MS = 5 * 60_000;

export const NATIONAL_ACTOR = 'Cổng Dịch vụ công quốc gia';

/**
 * A dossier submitted on the national portal (Cổng DVCQG; QĐ 31/2021/QĐ-TTg Điều 30) enters the ledger like an online
 * submission of our portal: it waits in the resolving unit's desk queue "online, awaiting acceptance" (national code 1)
 * with the e-form answers, the files, the fees paid there and whether the applicant's account is verified with VNeID.
 * The national code (MaHoSo) is its idempotency key: the same dossier pushed twice, or pushed and pulled, is one dossier.
 * Unlike a client's key (receive-dossier.ts, submit-online.ts), a second delivery is not compared with the first: the
 * code names the dossier on the portal, not one request, and the portal delivers it again (push, pull, a push after a
 * lost answer) with its status, history and files as they are by then; the protocol expects the dossier we hold (200),
 * and a refusal would only be retried or filed as a rejection of a dossier we do have.
 */
export async function receiveNationalDossier(deps: { db: Db; clock: Clock; files: FileStore; config: { publicUrl: string } }, pushedHoSo: THoSo): Promise<{ id: string; created: boolean }> {
  const now = deps.clock.now();
  const today = vnDateOf(now);
  const year = Number(today.slice(0, 4));
  const maHoSo = normaliseMaHoSo(pushedHoSo.MaHoSo);
  if (!maHoSo) throw nationalErrors.badCode(pushedHoSo.MaHoSo);
  const hoSo: THoSo = { ...pushedHoSo, MaHoSo: maHoSo };
  const compact = compactCode(maHoSo);
  // One dossier per code as public tracking compares codes (letters and digits, any case): `g20.71-x-1` and `G2071X1`
  // are the same dossier. Older dossiers carry the code as it was pushed; the compact index finds them.
  const key = `dvcqg:${compact}`;
  const { rows: found } = await deps.db.query<{ resolvingId: string | null; deskId: string | null; procedureId: string | null }>(
    // The resolving unit is the one of the code, or the parent of a desk given by its own code. The receiving desk is
    // the rule of our portal's online submission (submit-online.ts): the unit's own desk, else a commune or district
    // receives itself; a department, an office or a province without a desk of its own is received at the desk of the
    // nearest unit above it that receives. None: refused, never a dossier in no desk's queue.
    `WITH hit AS (SELECT u.id, u.kind, u.path, u.parent_id FROM unit u WHERE u.code = $1 AND u.valid_to IS NULL),
          res AS (SELECT r.id, r.path, CASE WHEN h.kind = 'desk' THEN h.id END AS "ownDesk"
                    FROM hit h JOIN unit r ON r.id = CASE WHEN h.kind = 'desk' THEN h.parent_id ELSE h.id END AND r.valid_to IS NULL)
     SELECT r.id AS "resolvingId",
            coalesce(r."ownDesk", (
              SELECT coalesce((SELECT d.id FROM unit d WHERE d.parent_id = a.id AND d.kind = 'desk' AND d.valid_to IS NULL ORDER BY d.code LIMIT 1), a.id)
                FROM unit a
               WHERE r.path LIKE a.path || '%' AND a.valid_to IS NULL
                 AND (a.kind IN ('commune', 'district') OR EXISTS (SELECT 1 FROM unit d WHERE d.parent_id = a.id AND d.kind = 'desk' AND d.valid_to IS NULL))
               ORDER BY length(a.path) DESC LIMIT 1)) AS "deskId",
            (SELECT p.id FROM procedure p JOIN unit o ON o.id = p.owner_unit_id LEFT JOIN procedure_version v ON v.id = p.current_version_id
              WHERE coalesce(v.content->'national'->>'maTTHC', p.code) = $2 AND p.status = 'published' AND r.path LIKE o.path || '%'
              ORDER BY (coalesce(v.content->'national'->>'maTruongHop', '') = $3) DESC, length(o.path) DESC LIMIT 1) AS "procedureId"
       FROM res r`,
    [hoSo.DonViXuLy, hoSo.MaTTHC, hoSo.MaTruongHop],
  );
  const existingId = await findNationalDossier(deps.db, key, compact);
  if (existingId) return { id: existingId, created: false };
  const f = found[0];
  if (!f?.resolvingId) throw nationalErrors.unknownAgency(hoSo.DonViXuLy);
  if (!f.deskId) throw nationalErrors.noReceivingDesk(hoSo.DonViXuLy);
  if (!f.procedureId) throw nationalErrors.unmappedProcedure(hoSo.MaTTHC);
  const ctx = await loadIntakeContext(deps.db, { receivingUnitId: f.deskId, resolvingUnitId: f.resolvingId, procedureId: f.procedureId, idempotencyKey: key, from: `${year}-01-01`, to: `${year}-12-31` });
  const { receiving, resolving, procedure } = ctx;
  if (!receiving || !resolving || !procedure) throw nationalErrors.unknownAgency(hoSo.DonViXuLy);
  if (ctx.existing) return { id: ctx.existing.id, created: false };
  const ruleSet = ruleSetOn(today);
  const version = versionInForce(ctx.versions, today);
  if (!ruleSet || !version || !acceptsDossiers(procedure, ctx.versions, today)) throw dossierErrors.procedureClosed();
  // Only what our portal would take online comes from the national one (ND 42/2022 Điều 11: a procedure's online level).
  if (version.content.onlineLevel === 'none') throw nationalErrors.notOnline(hoSo.MaTTHC);
  // A push is a dossier just submitted there (TrangThaiHoSo 1 "Mới đăng ký", vn-legal.md §2 status list); one that was
  // already received, processed or closed elsewhere is not a new dossier of ours to open.
  if (hoSo.TrangThaiHoSo !== 1) throw nationalErrors.notNew(hoSo.TrangThaiHoSo);

  const applicant = ZApplicantInput.safeParse({
    kind: hoSo.LoaiDoiTuong === 2 ? 'organisation' : 'citizen',
    idNumber: hoSo.MaDoiTuong,
    fullName: hoSo.ChuHoSo,
    birthDate: hoSo.NgaySinh ? `${hoSo.NgaySinh.slice(0, 4)}-${hoSo.NgaySinh.slice(4, 6)}-${hoSo.NgaySinh.slice(6, 8)}` : null,
    address: hoSo.DiaChi || null,
    phone: hoSo.SoDienThoai || null,
    email: hoSo.Email || null,
  });
  // The applicant's number as the desk checks it: a CCCD for a citizen, a tax code for an organisation.
  const identity = hoSo.LoaiDoiTuong === 2 ? validateTaxCode(hoSo.MaDoiTuong) : validateCccd(hoSo.MaDoiTuong, { birthDate: applicant.data?.birthDate ?? undefined, today });
  if (!identity.ok) throw dossierErrors.badApplicant(identity.reasonVi);
  if (!applicant.success) throw dossierErrors.badApplicant(`Thông tin chủ hồ sơ không hợp lệ (${applicant.error.issues.map((i) => i.path.join('.')).join(', ')}).`);
  // The time of submission is the portal's: not a date, or later than now (beyond a few minutes of clock skew), is refused
  // rather than replaced — the legal time counts from it.
  const submitted = parseNationalDate(hoSo.NgayNopHoSo);
  if (!submitted || submitted.getTime() > now.getTime() + CLOCK_SKEW_MS) throw nationalErrors.badDate('NgayNopHoSo', hoSo.NgayNopHoSo);
  const submittedAt = submitted.getTime() <= now.getTime() ? submitted : now;
  // The e-form answers against the version's schema, as online submission checks them (submit-online.ts).
  if (version.content.eform) {
    const problems = validateEform(version.id, version.content.eform, hoSo.DuLieuBieuMau);
    if (problems.length > 0) throw dossierErrors.eformInvalid(problems);
  }
  const feeVnd = hoSo.DanhSachPhiLePhi.reduce((s, p) => s + p.Gia, 0);
  const resultDelivery = hoSo.HinhThucTra === 3 ? 'online' : hoSo.HinhThucTra === 2 ? 'post' : 'desk';
  // A file given only as a link is shown to the officer as one to open: anything but http(s) (javascript:, data:, file:)
  // is refused rather than kept.
  // A file with neither its content nor a link is no file: accepted, the officer would see "Chưa có tệp đính kèm" for a
  // document the citizen did submit, so the push is refused and the portal sends it again whole.
  const empty = hoSo.DanhSachTaiLieuNop.find((d) => !d.NoiDungTep && !d.DuongDanTaiLieu);
  if (empty) throw nationalErrors.emptyAttachment(empty.TenTepDinhKem);
  const ownHost = new URL(deps.config.publicUrl).hostname;
  const links = hoSo.DanhSachTaiLieuNop.map((d) => {
    if (!d.DuongDanTaiLieu) return null;
    const link = fileLink(d.DuongDanTaiLieu, ownHost);
    if (link === null) throw nationalErrors.badLink(d.TenTepDinhKem);
    return link;
  });
  const documents = hoSo.DanhSachTaiLieuNop.map((d, i) => ({ name: d.TenGiayTo ?? d.TenTepDinhKem, kind: 'copy', count: 1, digitised: d.DuocSoHoa, fromStore: d.DuocLayTuKhoDMQG, link: links[i] ?? null }));

  try {
    return await withStoredFiles(deps, async (tx, put) => {
      const { id } = await openDossier(
        tx,
        {
          idempotencyKey: key,
          procedureId: procedure.id,
          procedureVersionId: version.id,
          procedureName: version.content.name,
          ruleSet: ruleSet.id,
          receivingUnitId: receiving.id,
          receivingPath: receiving.path,
          resolvingUnitId: resolving.id,
          resolvingPath: resolving.path,
          applicant: applicant.data,
          feeVnd,
          documents,
          eform: hoSo.DuLieuBieuMau,
          citizenId: null,
        },
        {
          at: now,
          actorId: null,
          actorName: NATIONAL_ACTOR,
          note: `Mã hồ sơ trên Cổng DVCQG: ${hoSo.MaHoSo}`,
          event: { type: 'submit', opening: { channel: 'online', submittedAt: submittedAt.toISOString(), resultDelivery, stepCount: Math.max(1, version.content.steps.length) } },
        },
        { numbering: null, steps: [], notices: { items: [] } },
      );
      for (const d of hoSo.DanhSachTaiLieuNop) {
        if (!d.NoiDungTep) continue;
        const stored = await put(Buffer.from(d.NoiDungTep, 'base64'), d.TenTepDinhKem);
        await tx.query(
          `INSERT INTO dossier_file (dossier_id, sha256, document_name, kind, added_by, added_by_citizen, added_at, file_name)
           VALUES ($1, $2, $3, 'component', NULL, NULL, $4, $5) ON CONFLICT DO NOTHING`,
          [id, stored.sha256, d.TenGiayTo ?? d.TenTepDinhKem, now, stored.fileName],
        );
      }
      const paidMethod = nationalPaymentMethod(hoSo.DuocThanhToanTrucTuyen);
      if (paidMethod && feeVnd > 0) {
        // Paid before it reached us: one paid payment of the dossier, so the officer and the citizen see it paid and
        // nobody is asked to pay twice. A re-push never gets here (the dossier exists), and the unique paid index holds.
        const p = await insertPayment(tx, { dossierId: id, reference: paymentReference(randomBytes(10)), method: paidMethod, amountVnd: feeVnd, status: 'pending', createdAt: now, expiresAt: null, payerName: applicant.data.fullName, recordedBy: null });
        await appendPaymentEvent(tx, { paymentId: p.id, at: now, kind: 'created', fromStatus: null, toStatus: 'pending', data: { method: paidMethod, amountVnd: feeVnd, via: 'national-portal', maHoSo: hoSo.MaHoSo } });
        await payLockedPayment(tx, p, receiving.id, now, { kind: 'paid', data: { via: 'national-portal', maHoSo: hoSo.MaHoSo, duocThanhToanTrucTuyen: hoSo.DuocThanhToanTrucTuyen } });
      }
      const { QuaTrinhXuLy: _history, DanhSachTaiLieuNop: files, ...rest } = hoSo;
      await tx.query(
        `INSERT INTO national_dossier (dossier_id, ma_ho_so, origin, vneid_verified, paid_online, fees, payload, received_at)
         VALUES ($1, $2, 'national', $3, $4, $5, $6, $7)`,
        [id, hoSo.MaHoSo, hoSo.TaiKhoanDuocXacThucVoiVNeID === 1, hoSo.DuocThanhToanTrucTuyen, JSON.stringify(hoSo.DanhSachPhiLePhi), JSON.stringify({ ...rest, DanhSachTaiLieuNop: files.map(({ NoiDungTep: _c, ...x }) => x) }), now],
      );
      return { id, created: true };
    });
  } catch (err) {
    // Two pushes of one dossier raced past the check: the unique key decided; the loser answers with the winner.
    if ((err as { code?: string }).code === '23505') {
      const id = await findNationalDossier(deps.db, key, compact);
      if (id) return { id, created: false };
    }
    throw err;
  }
}

/**
 * How a fee paid before the dossier reached us was paid (DuocThanhToanTrucTuyen; vn-legal.md §3.6 and §8.4): 1 on the
 * national portal, through its payment platform (our method `paygov`, "Nền tảng thanh toán trực tuyến quốc gia (Cổng
 * DVCQG)"); 2 through the province's own payment gateway (our online gateway, `vnpay`); 0 not paid online.
 */
export function nationalPaymentMethod(paid: 0 | 1 | 2): 'paygov' | 'vnpay' | null {
  return paid === 1 ? 'paygov' : paid === 2 ? 'vnpay' : null;
}

/**
 * The national code as we keep it: NFKC, trimmed, upper case; null when it is not a code (letters, digits and the
 * separators . - _ / only, as the national portal writes them: `G22.99-261207-0001`, `000.00.71.H20-261207-0001`).
 */
export function normaliseMaHoSo(raw: string): string | null {
  const s = raw.normalize('NFKC').trim().toUpperCase();
  return /^[0-9A-Z][0-9A-Z._/-]{0,59}$/.test(s) ? s : null;
}

/** The dossier of a national code: by its key, or (pushed before codes were normalised) by the compact tracking index. */
async function findNationalDossier(db: Db, key: string, compact: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM dossier WHERE idempotency_key = $1
     UNION ALL (SELECT dossier_id FROM national_dossier WHERE regexp_replace(upper(ma_ho_so), '[^0-9A-Z]', '', 'g') = $2 ORDER BY received_at LIMIT 1)
     LIMIT 1`,
    [key, compact],
  );
  return rows[0]?.id ?? null;
}


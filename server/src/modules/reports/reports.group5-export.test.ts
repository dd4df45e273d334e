import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';

/**
 * QĐ 766/QĐ-TTg group 5 in the period report's exports (issue 17): per sub-unit and period of receipt, feedback handled
 * on time (5.2), satisfaction with the answer (5.3) and the unit's dossiers that drew feedback — read back from the Excel
 * workbook and checked against figures worked out by hand from the items below.
 */
const now = new Date('2026-12-02T02:00:00Z');
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let office: Session;
/** A dossier the commune B resolves (its feedback may be received anywhere). */
let dossierOfB: string;
let seq = 0;

type Item = { unit: { id: string; path: string }; day: string; status: string; answered?: boolean; late?: number; rating?: 'satisfied' | 'unsatisfied'; reopened?: boolean; dossierId?: string; kind?: 'feedback' | 'question'; classification?: string };
async function feedback(i: Item): Promise<void> {
  const at = `${i.day}T02:00:00Z`;
  await t.ctx.db.query(
    `INSERT INTO feedback (code, kind, category, channel, receiving_unit_id, receiving_path, unit_id, unit_path, dossier_id, subject, content, sender_name, sender_phone,
                           status, classification, received_at, day, refuse_due_at, info_due_at, transfer_due_at, answer_due_at, answered_at, late_steps, rating, reopen_count,
                           public_subject, public_content, updated_at)
     VALUES ($1, $2, 'tthc', 'portal', $3, $4, $3, $4, $5, 'Phản ánh', 'Nội dung phản ánh', 'Người gửi', '0912345678',
             $6, $7, $8, $9, $8, $8, $8, $8, $10, $11, $12, $13, 'Phản ánh', 'Nội dung phản ánh', $8)`,
    [`PAKN-G5-${++seq}`, i.kind ?? 'feedback', i.unit.id, i.unit.path, i.dossierId ?? null, i.status, i.classification ?? null, at, i.day, i.answered ? at : null, i.late ?? 0, i.rating ?? null, i.reopened ? 1 : 0],
  );
}

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'tatca', (['desk_officer', 'specialist', 'leader'] as const).map((role) => ({ role, unit: tree.province })));
  await buildStaff(t.ctx.db, 'vanphong', [{ role: 'inspector', unit: tree.province }]);
  const [admin, all] = (await Promise.all(['admin', 'tatca'].map((u) => login(t.app, u)))) as [Session, Session];
  office = await login(t.app, 'vanphong');
  const proc = (await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent() } })).json().id as string;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${proc}/publish`, payload: { decisionNo: '1/QĐ', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  const dossier = async (resolvingUnitId: string) => {
    const res = await injectAs(t.app, all, {
      method: 'POST',
      url: '/api/dossiers',
      payload: { idempotencyKey: `g5-${resolvingUnitId}`, procedureId: proc, receivingUnitId: tree.deskA.id, resolvingUnitId, applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, eform: { hoTen: 'Bé' }, outcome: 'accept' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const [dossierA, dossierB] = [await dossier(tree.communeA.id), await dossier(tree.communeB.id)];
  dossierOfB = dossierB;
  const { province, communeA, communeB, deskA, otherProvince } = tree;
  // Phường An Thử (with its desk): 5 items received in November.
  await feedback({ unit: communeA, day: '2026-11-03', status: 'answered', answered: true, rating: 'satisfied' }); // handled on time, good
  await feedback({ unit: communeA, day: '2026-11-04', status: 'answered', answered: true, late: 1 }); // handled late
  await feedback({ unit: communeA, day: '2026-11-05', status: 'published', answered: true, rating: 'unsatisfied' }); // on time, disliked
  await feedback({ unit: communeA, day: '2026-11-06', status: 'handling', dossierId: dossierA }); // not handled yet; about a dossier of the commune
  await feedback({ unit: deskA, day: '2026-11-07', status: 'refused', classification: 'refused' }); // refused on time: handled, good
  // Xã Bình Thử: one item reopened; one received in October (outside); one question (not feedback).
  await feedback({ unit: communeB, day: '2026-11-10', status: 'answered', answered: true, reopened: true, dossierId: dossierB });
  await feedback({ unit: communeB, day: '2026-10-30', status: 'answered', answered: true });
  await feedback({ unit: communeB, day: '2026-11-11', status: 'answered', answered: true, kind: 'question' });
  // The province itself, and another province (outside the reader's report).
  await feedback({ unit: province, day: '2026-11-20', status: 'published', answered: true, rating: 'satisfied' });
  await feedback({ unit: otherProvince, day: '2026-11-20', status: 'answered', answered: true });
}, 120_000);
afterAll(async () => t?.close());

const get = (url: string) => injectAs(t.app, office, { method: 'GET', url });
const period = (unitId: string) => `unitId=${unitId}&from=2026-11-01&to=2026-11-30`;

describe('QĐ 766 group 5 in the period report exports', () => {
  it('the Excel workbook has a group 5 sheet per sub-unit with the figures worked out by hand', async () => {
    const res = await get(`/api/reports/period/file?${period(tree.province.id)}&format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Biểu 06', 'Nhóm 5 - PAKN']);
    const ws = wb.getWorksheet('Nhóm 5 - PAKN')!;
    expect(String(ws.getCell(2, 1).value)).toContain('Nhóm 5, Quyết định 766/QĐ-TTg');
    expect(ws.getCell(4, 6).value).toBe('(6) Tỷ lệ đúng hạn (%)');
    const values = (r: number) => Array.from({ length: 11 }, (_, c) => ws.getCell(r, c + 1).value ?? '');
    // received, handled, on time, 5.2 %, rated, unsatisfied, reopened, 5.3 %, dossiers with feedback
    expect(values(5)).toEqual(['', 'Cấp tỉnh', '', '', '', '', '', '', '', '', '']);
    expect(values(6)).toEqual([1, 'Tỉnh Thử (trực tiếp)', 1, 1, 1, 100, 1, 0, 0, 100, 0]);
    expect(values(7)).toEqual(['', 'Cấp xã', '', '', '', '', '', '', '', '', '']);
    // An Thử: 5 received; handled 4 (3 answers + the refusal); on time 3 of 4 = 75 %; good 2 (satisfied, refused) of 4 = 50 %.
    expect(values(8)).toEqual([2, 'Phường An Thử', 5, 4, 3, 75, 2, 1, 0, 50, 1]);
    // Bình Thử: the reopened answer is on time but not good: 100 % on time, 0 % satisfaction.
    expect(values(9)).toEqual([3, 'Xã Bình Thử', 1, 1, 1, 100, 0, 0, 1, 0, 1]);
    // Total: 7 received, 6 handled, 5 on time = 83.3 %, good 3 of 6 = 50 %, 2 dossiers.
    expect(values(10)).toEqual(['', 'Tổng cộng', 7, 6, 5, 83.3, 3, 1, 1, 50, 2]);
    expect(ws.rowCount).toBe(10);
    // Biểu 06 stays the first sheet, as before.
    expect(wb.getWorksheet('Biểu 06')!.getCell(4, 1).value).toBe('(1) STT');
  });

  it('the JSON report, the PDF and a commune leader-level report say the same', async () => {
    const json = (await get(`/api/reports/period?${period(tree.province.id)}`)).json();
    expect(json.group5.total).toMatchObject({ received: 7, handled: 6, handledOnTime: 5, onTimeRate: 83.3, rated: 3, unsatisfied: 1, reopened: 1, satisfactionRate: 50, dossiersWithFeedback: 2 });
    expect(json.group5.total.byClassification).toEqual({ refused: 1, unclassified: 6 });
    // The dashboard's group 5 (the feedback module's report) is the same total.
    const dashboard = (await get(`/api/feedback/report/group5?${period(tree.province.id)}`)).json();
    expect(dashboard).toMatchObject({ received: 7, handledOnTime: 5, onTimeRate: 83.3, satisfactionRate: 50, dossiersWithFeedback: 2 });
    // A commune's report: its desk and office are its rows; the items held at the commune itself are the direct row.
    const commune = (await get(`/api/reports/period?${period(tree.communeA.id)}&by=procedure`)).json();
    expect(commune.group5.rows.map((r: { label: string; values: { received: number } }) => [r.label, r.values.received])).toEqual([
      ['Phường An Thử (trực tiếp)', 4],
      ['Phòng Văn hóa - Xã hội', 0],
      ['Bộ phận một cửa phường An Thử', 1],
    ]);
    expect(commune.group5.rows[1].values.onTimeRate).toBeNull();
    const pdf = await get(`/api/reports/period/file?${period(tree.province.id)}&format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("counts a dossier against the unit that resolves it, wherever its feedback was received (walk 17: 0 on every row, 1 in the total)", async () => {
    // Received at commune A's desk, about a dossier commune B resolves, in December (apart from November's figures).
    await feedback({ unit: tree.deskA, day: '2026-12-02', status: 'handling', dossierId: dossierOfB });
    const json = (await get(`/api/reports/period?unitId=${tree.province.id}&from=2026-12-01&to=2026-12-31`)).json();
    const rows = json.group5.rows.map((r: { label: string; values: { received: number; dossiersWithFeedback: number } }) => [r.label, r.values.received, r.values.dossiersWithFeedback]);
    expect(rows).toContainEqual(['Phường An Thử', 1, 0]);
    expect(rows).toContainEqual(['Xã Bình Thử', 0, 1]);
    expect(json.group5.total).toMatchObject({ received: 1, dossiersWithFeedback: 1 });
  });
});

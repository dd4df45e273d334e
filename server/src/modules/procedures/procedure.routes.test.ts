import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { unzipEntry } from '../../../test/citizens.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => new Date('2026-03-02T03:00:00Z') } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'admin.khac', [{ role: 'admin', unit: tree.otherProvince }]);
  await buildStaff(t.ctx.db, 'motcua.xa', [{ role: 'desk_officer', unit: tree.deskA }]);
  admin = await login(t.app, 'admin.tinh');
});
afterAll(() => t.close());

async function create(content = buildProcedureContent(), ownerUnitId = tree.province.id) {
  const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId, content } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; allowedActions: string[] };
}

const publish = (id: string, effectiveFrom = '2026-01-01', s: Session | null = admin) =>
  injectAs(t.app, s, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '123/QĐ-UBND', decisionDate: '2025-12-20', effectiveFrom } });

describe('procedure lifecycle over HTTP', () => {
  it('a draft is invisible to the public until published; then accent-free search finds it', async () => {
    const p = await create(buildProcedureContent({ code: '1.003015', name: 'Xác nhận hộ nghèo, hộ cận nghèo phát sinh', field: 'Bảo trợ xã hội' }));
    expect(p.status).toBe('draft');
    expect(p.allowedActions).toEqual(['edit_draft', 'publish']);
    expect((await t.app.inject({ url: `/api/catalog/procedures/${p.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/catalog/procedures?q=ho%20ngheo' })).json().items).toHaveLength(0);

    const pub = await publish(p.id);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', acceptsDossiersToday: true, allowedActions: ['start_revision', 'abolish'] });

    for (const q of ['ho ngheo', 'HỘ NGHÈO', 'can ngheo phat sinh', '1.003015']) {
      const found = (await t.app.inject({ url: `/api/catalog/procedures?q=${encodeURIComponent(q)}` })).json();
      expect(found.items.map((i: { id: string }) => i.id), q).toContain(p.id);
    }
    expect((await t.app.inject({ url: '/api/catalog/procedures?q=khai%20sinh' })).json().items.map((i: { id: string }) => i.id)).not.toContain(p.id);
  });

  it("keeps the e-form's field order as written, although jsonb sorts keys", async () => {
    const eform = { type: 'object', properties: { hoTen: { type: 'string' }, ngaySinh: { type: 'string', format: 'date' }, noiCuTru: { type: 'string' }, cccd: { type: 'string' } } };
    const p = await create(buildProcedureContent({ code: '1.000999', name: 'Đăng ký thường trú', eform }));
    expect((await publish(p.id)).statusCode).toBe(200);
    const shown = (await t.app.inject({ url: `/api/catalog/procedures/${p.id}` })).json();
    expect(shown.current.content.eform['x-order']).toEqual(['hoTen', 'ngaySinh', 'noiCuTru', 'cccd']);
    expect(Object.keys(shown.current.content.eform.properties)).not.toEqual(['hoTen', 'ngaySinh', 'noiCuTru', 'cccd']);
  });

  it('filters by field, level and online level', async () => {
    const p = await create(buildProcedureContent({ code: '2.000908', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực', onlineLevel: 'partial' }));
    await publish(p.id);
    const byField = (await t.app.inject({ url: `/api/catalog/procedures?field=${encodeURIComponent('Chứng thực')}` })).json();
    expect(byField.items.map((i: { code: string }) => i.code)).toEqual(['2.000908']);
    const byLevel = (await t.app.inject({ url: '/api/catalog/procedures?level=province' })).json();
    expect(byLevel.items).toHaveLength(0);
    const byOnline = (await t.app.inject({ url: '/api/catalog/procedures?onlineLevel=partial' })).json();
    expect(byOnline.items.map((i: { code: string }) => i.code)).toContain('2.000908');
    const facets = (await t.app.inject({ url: '/api/catalog/facets' })).json();
    expect(facets.fields).toContain('Chứng thực');
  });

  it('a revision publishes a new version; the old one stays for dossiers received under it', async () => {
    const p = await create(buildProcedureContent({ code: '1.000656', name: 'Đăng ký khai tử' }));
    await publish(p.id, '2025-01-01');
    const rev = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${p.id}/revisions` });
    expect(rev.statusCode).toBe(201);
    const again = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${p.id}/revisions` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PROCEDURE.DRAFT_EXISTS');
    // Starting a revision is undone in one call (so the console asks no confirmation, Nghị định 224/2026 Điều 23).
    expect(rev.json().allowedActions).toEqual(['edit_draft', 'publish', 'discard_draft', 'abolish']);
    const undone = await injectAs(t.app, admin, { method: 'DELETE', url: `/api/procedures/${p.id}/draft` });
    expect(undone.statusCode, undone.body).toBe(200);
    expect([undone.json().draftVersionId, undone.json().allowedActions, undone.json().versions.length]).toEqual([null, ['start_revision', 'abolish'], 1]);
    const twice = await injectAs(t.app, admin, { method: 'DELETE', url: `/api/procedures/${p.id}/draft` });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'PROCEDURE.NO_DRAFT']);
    expect((await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${p.id}/revisions` })).statusCode).toBe(201);
    const changed = buildProcedureContent({ code: '9.999999', name: 'Đăng ký khai tử', processingTime: { amount: 2, unit: 'working_day' } });
    changed.steps[1]!.workingDays = 1.5;
    const put = await injectAs(t.app, admin, { method: 'PUT', url: `/api/procedures/${p.id}/draft`, payload: changed });
    expect(put.statusCode, put.body).toBe(200);
    // The public still sees version 1 while the revision is a draft.
    expect((await t.app.inject({ url: `/api/catalog/procedures/${p.id}` })).json().current.content.processingTime.amount).toBe(1);
    const early = await publish(p.id, '2024-12-31');
    expect(early.statusCode).toBe(422);
    const ok = await publish(p.id, '2026-02-01');
    expect(ok.statusCode).toBe(200);
    const detail = ok.json();
    expect(detail.code).toBe('1.000656');
    expect(detail.current.content.code).toBe('1.000656');
    expect(detail.current.content.processingTime.amount).toBe(2);
    expect(detail.versions.map((v: { versionNo: number; state: string; effectiveTo: string | null }) => [v.versionNo, v.state, v.effectiveTo])).toEqual([
      [2, 'published', null],
      [1, 'superseded', '2026-02-01'],
    ]);
  });

  it('refuses to publish when the internal steps do not add up, naming the problem in Vietnamese', async () => {
    const content = buildProcedureContent({ code: '1.000001', name: 'Thủ tục thiếu bước' });
    content.steps.pop();
    const p = await create(content);
    const res = await publish(p.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PROCEDURE.NOT_PUBLISHABLE');
    expect(res.json().message).toContain('Tổng thời gian các bước');
  });

  it('with the national portal connected, refuses to publish an online service without its national code, or a partly online one without its reason', async () => {
    const unmapped = await create(buildProcedureContent({ code: '1.900002', name: 'Thủ tục chưa gắn mã quốc gia', national: null }));
    const res = await publish(unmapped.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().details.problems.map((p: { path: string }) => p.path)).toEqual(['national']);
    expect(res.json().message).toBeTruthy();
    const noReason = await create(buildProcedureContent({ code: '1.900003', name: 'Thủ tục một phần chưa nêu lý do', onlineLevel: 'partial', notFullyOnline: null }));
    expect((await publish(noReason.id)).json().details.problems.map((p: { path: string }) => p.path)).toEqual(['notFullyOnline']);
    // Saving a draft never asks for what only publishing requires (issue 15 finding 8): a reason without its legal basis
    // saves; publishing then names what is missing, in Vietnamese.
    const noBasis = await create(buildProcedureContent({ code: '1.900005', name: 'Thủ tục một phần chưa có căn cứ', onlineLevel: 'partial', notFullyOnline: null }));
    const saved = await injectAs(t.app, admin, {
      method: 'PUT',
      url: `/api/procedures/${noBasis.id}/draft`,
      payload: buildProcedureContent({ code: '1.900005', name: 'Thủ tục một phần chưa có căn cứ', onlineLevel: 'partial', notFullyOnline: { reason: 'presence_required', explanation: '', legalBasis: '' } }),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const refused = await publish(noBasis.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.problems).toEqual([
      { path: 'notFullyOnline', messageVi: 'Dịch vụ công trực tuyến một phần phải nêu lý do chưa thực hiện toàn trình và căn cứ pháp lý trước khi công bố (Nghị định 224/2026/NĐ-CP Điều 14): còn thiếu «Căn cứ chưa toàn trình».' },
    ]);
    const offline = await create(buildProcedureContent({ code: '1.900004', name: 'Thủ tục chỉ nộp trực tiếp', onlineLevel: 'none', national: null, eform: null }));
    expect((await publish(offline.id)).statusCode).toBe(200);
  });

  it('an abolished procedure stays readable, accepts no dossier, and cannot be changed', async () => {
    const p = await create(buildProcedureContent({ code: '1.000002', name: 'Thủ tục sẽ bãi bỏ' }));
    await publish(p.id);
    const res = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${p.id}/abolish`, payload: { decisionNo: '45/QĐ-UBND', abolishedOn: '2026-03-01' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'abolished', acceptsDossiersToday: false, allowedActions: [] });
    const pub = await t.app.inject({ url: `/api/catalog/procedures/${p.id}` });
    expect(pub.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/catalog/procedures?q=se%20bai%20bo' })).json().items).toHaveLength(0);
    expect((await t.app.inject({ url: '/api/catalog/procedures?q=se%20bai%20bo&includeAbolished=true' })).json().items).toHaveLength(1);
    const rev = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${p.id}/revisions` });
    expect(rev.statusCode).toBe(409);
    expect(rev.json().message).toContain('Đã bãi bỏ');
  });

  it('only administrators over the owner unit manage; others are refused and nothing changes', async () => {
    const p = await create(buildProcedureContent({ code: '1.000003', name: 'Thủ tục phạm vi' }));
    const other = await login(t.app, 'admin.khac');
    const desk = await login(t.app, 'motcua.xa');
    expect((await publish(p.id, '2026-01-01', other)).statusCode).toBe(404);
    expect((await publish(p.id, '2026-01-01', desk)).statusCode).toBe(403);
    expect((await publish(p.id, '2026-01-01', null)).statusCode).toBe(401);
    const createElsewhere = await injectAs(t.app, other, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ code: '1.000004' }) } });
    expect(createElsewhere.statusCode).toBe(403);
    // The other province's administrator does not even see the draft in the staff list.
    const list = (await injectAs(t.app, other, { method: 'GET', url: '/api/procedures?status=draft' })).json();
    expect(list.items).toHaveLength(0);
    const state = await t.ctx.db.query(`SELECT status FROM procedure WHERE id = $1`, [p.id]);
    expect(state.rows[0].status).toBe('draft');
  });

  it("a step may be routed only to a unit the administrator manages, not into another province's queues", async () => {
    const steps = (unitCode: string) => [
      { name: 'Tiếp nhận hồ sơ', role: 'desk_officer' as const, unitCode: null, workingDays: 0.25 },
      { name: 'Thẩm định', role: 'specialist' as const, unitCode, workingDays: 0.5 },
      { name: 'Ký duyệt', role: 'leader' as const, unitCode: null, workingDays: 0.25 },
    ];
    const foreign = buildProcedureContent({ code: '2.000001', steps: steps(tree.otherProvince.code) });
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: foreign } });
    expect(res.statusCode).toBe(403);
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM procedure WHERE code = '2.000001'`)).rows[0].n).toBe(0);
    const own = await create(buildProcedureContent({ code: '2.000002', steps: steps(tree.officeA.code) }));
    const edit = await injectAs(t.app, admin, { method: 'PUT', url: `/api/procedures/${own.id}/draft`, payload: buildProcedureContent({ code: '2.000002', steps: steps(tree.otherProvince.code) }) });
    expect(edit.statusCode).toBe(403);
  });

  it('invalid content is a 400 with issues and creates nothing', async () => {
    const before = (await t.ctx.db.query('SELECT count(*)::int AS n FROM procedure')).rows[0].n;
    const bad = { ...buildProcedureContent(), code: 'ABC', processingTime: { amount: -1, unit: 'fortnight' } };
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: bad } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('COMMON.VALIDATION');
    expect((await t.ctx.db.query('SELECT count(*)::int AS n FROM procedure')).rows[0].n).toBe(before);
  });

  it('exports and re-imports the catalogue; an invalid import writes nothing', async () => {
    const exp = await injectAs(t.app, admin, { method: 'GET', url: `/api/procedures/export?ownerUnitId=${tree.province.id}` });
    expect(exp.statusCode).toBe(200);
    const file = exp.json();
    expect(file.format).toBe('mot-cua.procedures/v1');
    expect(file.procedures.length).toBeGreaterThan(3);
    // Into the other commune: everything is created as drafts.
    const imp = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures/import', payload: { ownerUnitId: tree.communeB.id, data: file } });
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json()).toMatchObject({ created: file.procedures.length, updated: 0, revised: 0 });
    // Re-importing the same file into the province changes nothing for published procedures.
    const same = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures/import', payload: { ownerUnitId: tree.province.id, data: file } });
    expect(same.json().created).toBe(0);
    const before = (await t.ctx.db.query('SELECT count(*)::int AS n FROM procedure_version')).rows[0].n;
    const broken = { ...file, procedures: [...file.procedures, { status: 'draft', decisionNo: null, effectiveFrom: null, content: { code: 'x' } }] };
    const bad = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures/import', payload: { ownerUnitId: tree.communeA.id, data: broken } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PROCEDURE.IMPORT_INVALID');
    expect(bad.json().details.errors[0].index).toBe(file.procedures.length);
    expect((await t.ctx.db.query('SELECT count(*)::int AS n FROM procedure_version')).rows[0].n).toBe(before);
  });

  it('uploads a template checked by content and serves it publicly only once its procedure is published', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const boundary = '----motcua';
    const multipart = (name: string, content: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const fake = await injectAs(t.app, admin, { method: 'POST', url: '/api/files', payload: multipart('to-khai.pdf', Buffer.from('MZ not a pdf')), headers });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('FILE.UNSUPPORTED');
    const up = await injectAs(t.app, admin, { method: 'POST', url: '/api/files', payload: multipart('Tờ khai.pdf', pdf), headers });
    expect(up.statusCode, up.body).toBe(201);
    const { sha256 } = up.json();
    const content = buildProcedureContent({ code: '1.000005', name: 'Thủ tục có mẫu', templates: [{ name: 'Tờ khai', fileId: sha256, fileName: 'Tờ khai.pdf' }] });
    const p = await create(content);
    expect((await t.app.inject({ url: `/api/catalog/files/${sha256}` })).statusCode).toBe(404);
    await publish(p.id);
    const dl = await t.app.inject({ url: `/api/catalog/files/${sha256}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    const anonUpload = await injectAs(t.app, null, { method: 'POST', url: '/api/files', payload: multipart('a.pdf', pdf), headers });
    expect(anonUpload.statusCode).toBe(401);
  });
});

describe('staff-only catalogue reads', () => {
  it('versions and exports are refused to anonymous callers and to units outside the scope', async () => {
    const p = await create(buildProcedureContent({ code: '1.000006', name: 'Thủ tục xem phiên bản' }));
    const detail = (await injectAs(t.app, admin, { method: 'GET', url: `/api/procedures/${p.id}` })).json();
    const versionUrl = `/api/procedures/${p.id}/versions/${detail.draftVersionId}`;
    expect((await injectAs(t.app, admin, { method: 'GET', url: versionUrl })).statusCode).toBe(200);
    const other = await login(t.app, 'admin.khac');
    expect((await injectAs(t.app, other, { method: 'GET', url: versionUrl })).statusCode).toBe(404);
    expect((await injectAs(t.app, null, { method: 'GET', url: versionUrl })).statusCode).toBe(401);
    const exportUrl = `/api/procedures/export?ownerUnitId=${tree.province.id}`;
    expect((await injectAs(t.app, other, { method: 'GET', url: exportUrl })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'GET', url: exportUrl })).statusCode).toBe(401);
  });
});

describe('one row per procedure code for a citizen who has not picked a province (issue 14)', () => {
  it('lists a procedure published by two provinces once, with the count; a province sees its own', async () => {
    const mine = await create(buildProcedureContent({ code: '1.000777', name: 'Thủ tục hai tỉnh cùng công bố' }));
    await publish(mine.id);
    const other = await login(t.app, 'admin.khac');
    const theirs = await injectAs(t.app, other, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.otherProvince.id, content: buildProcedureContent({ code: '1.000777', name: 'Thủ tục hai tỉnh cùng công bố' }) } });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await publish(theirs.json().id, '2026-01-01', other)).statusCode).toBe(200);
    const q = encodeURIComponent('hai tinh cung cong bo');
    const plain = (await t.app.inject({ url: `/api/catalog/procedures?q=${q}` })).json().items;
    expect(plain).toHaveLength(2);
    expect(plain.map((i: { publishedBy: number | null }) => i.publishedBy)).toEqual([null, null]);
    const grouped = (await t.app.inject({ url: `/api/catalog/procedures?q=${q}&distinct=code` })).json().items;
    expect(grouped).toEqual([expect.objectContaining({ code: '1.000777', publishedBy: 2 })]);
    const ownOnly = (await t.app.inject({ url: `/api/catalog/procedures?q=${q}&ownerUnitId=${tree.otherProvince.id}` })).json().items;
    expect(ownOnly.map((i: { id: string }) => i.id)).toEqual([theirs.json().id]);
    // Every province's version of one code (the portal opens the citizen's province's, not the first one's).
    const versions = (await t.app.inject({ url: '/api/catalog/procedures?code=1.000777&limit=100' })).json().items;
    expect(versions.map((i: { ownerUnitId: string }) => i.ownerUnitId).sort()).toEqual([tree.province.id, tree.otherProvince.id].sort());
    expect((await t.app.inject({ url: '/api/catalog/procedures?code=1.000778' })).json().items).toEqual([]);
    // Without words the grouped list pages like the plain one: no code twice across pages.
    const pageOne = (await t.app.inject({ url: '/api/catalog/procedures?distinct=code&limit=2' })).json();
    const pageTwo = (await t.app.inject({ url: '/api/catalog/procedures?distinct=code&limit=100&offset=2' })).json();
    const codes = [...pageOne.items, ...pageTwo.items].map((i: { code: string }) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(pageOne.hasMore).toBe(true);
  });
});

describe('the blank declaration a citizen downloads from the procedure\'s page (issue 14)', () => {
  it('renders the e-form\'s declaration blank as PDF and DOCX for a published procedure; a draft or unknown one is 404', async () => {
    const p = await create(buildProcedureContent({ code: '1.000321', name: 'Thủ tục có tờ khai', eform: { type: 'object', properties: { hoTenCon: { type: 'string', title: 'Họ, chữ đệm, tên của trẻ' } } } }));
    const url = `/api/catalog/procedures/${p.id}/declaration`;
    const draft = await t.app.inject({ url });
    expect(draft.statusCode).toBe(404);
    expect(draft.json().code).toBe('COMMON.NOT_FOUND');
    await publish(p.id);
    const pdfRes = await t.app.inject({ url });
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    expect(pdfRes.headers['content-disposition']).toContain('mau-to-khai-1.000321.pdf');
    expect(pdfRes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await t.app.inject({ url: `${url}?format=docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain('mau-to-khai-1.000321.docx');
    // The DOCX is a zip whose document names the e-form's field, with nothing filled in.
    const { inflateRawSync } = await import('node:zlib');
    const xml = unzipEntry(docx.rawPayload, 'word/document.xml', inflateRawSync);
    expect(xml).toContain('Họ, chữ đệm, tên của trẻ');
    expect(xml).toContain('Thủ tục có tờ khai');
    expect((await t.app.inject({ url: '/api/catalog/procedures/00000000-0000-4000-8000-000000000000/declaration' })).statusCode).toBe(404);
  });
});

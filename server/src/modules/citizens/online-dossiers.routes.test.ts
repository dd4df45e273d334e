import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { multipart, pdf, registerCitizen, changeContact, unzipEntry } from '../../../test/citizens.js';
import { createWorkingCalendar } from '../working-calendar/calendar.rules.js';
import { computeDue } from '../working-calendar/deadline.rules.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-11-27T09:00:00Z'); // Friday 27/11/2026 16:00 in Vietnam (after the paper cut-off)
const at = (iso: string) => (now = new Date(iso));
let desk: Session, specialist: Session, leader: Session, otherDesk: Session;
let an: Session & { id: string }, binh: Session & { id: string };
let full: string, partial: string, offline: string, declared: string;

const FORM = {
  type: 'object',
  properties: {
    hoTen: { type: 'string', title: 'Họ, chữ đệm, tên người yêu cầu', 'x-prefill': 'applicant.fullName' },
    ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-prefill': 'applicant.birthDate' },
    soCCCD: { type: 'string', title: 'Số định danh cá nhân', 'x-prefill': 'applicant.idNumber' },
    noiCuTru: { type: 'string', title: 'Nơi cư trú', 'x-prefill': 'applicant.address' },
    // About the child: named like the applicant's fields, never prefilled from them.
    hoTenTre: { type: 'string', title: 'Họ, chữ đệm, tên' },
    ngaySinhTre: { type: 'string', format: 'date', title: 'Ngày sinh' },
    quanHe: { type: 'string', title: 'Quan hệ với người được khai sinh' },
  },
  required: ['hoTen', 'soCCCD', 'quanHe'],
};

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'motcua.b', [{ role: 'desk_officer', unit: tree.communeB }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  await buildStaff(t.ctx.db, 'lanhdao', [{ role: 'leader', unit: tree.communeA }]);
  const admin = await login(t.app, 'admin.tinh');
  [desk, otherDesk, specialist, leader] = (await Promise.all(['motcua', 'motcua.b', 'chuyenvien', 'lanhdao'].map((u) => login(t.app, u)))) as [Session, Session, Session, Session];
  const create = async (content: ReturnType<typeof buildProcedureContent>) => {
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content } });
    await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${res.json().id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    return res.json().id as string;
  };
  const documents: ReturnType<typeof buildProcedureContent>['documents'] = [
    { name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1, required: true },
    { name: 'Giấy chứng sinh', kind: 'original', count: 1, required: true },
    { name: 'Căn cước của người yêu cầu', kind: 'present', count: 1, required: true },
  ];
  full = await create(buildProcedureContent({ eform: FORM, documents, fees: [{ name: 'Lệ phí', amountVnd: 0 }, { name: 'Phí bản sao', amountVnd: 8000 }] }));
  partial = await create(buildProcedureContent({ code: '1.000656', name: 'Đăng ký thường trú', onlineLevel: 'partial', eform: null, documents: [{ name: 'Căn cước', kind: 'present', count: 1, required: true }] }));
  declared = await create(buildProcedureContent({ code: '1.000002', name: 'Thủ tục có tờ khai điện tử', eform: FORM, documents: [{ ...documents[0]!, filledByEform: true }, documents[1]!, documents[2]!] }));
  offline = await create(buildProcedureContent({ code: '1.000001', name: 'Thủ tục chỉ nộp trực tiếp', onlineLevel: 'none', eform: null, documents: [{ name: 'Đơn', kind: 'original', count: 1, required: true }] }));
  an = await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', gender: 'male' });
  binh = await registerCitizen(t.app, { identifier: '0912345678', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03', gender: 'female' });
  await injectAs(t.app, an, { method: 'PATCH', url: '/api/citizen/me', payload: { address: 'Số 1 đường Lê Lợi', addressUnitId: tree.communeA.id } });
  await changeContact(t.app, an, 'phone', '0987654321');
});
afterAll(() => t.close());

const upload = async (s: Session, name: string, content: Buffer, fileName = `${name}.pdf`) => {
  const m = multipart({ name: fileName, content }, { name });
  return injectAs(t.app, s, { method: 'POST', url: '/api/citizen/documents', payload: m.payload, headers: m.headers });
};
const shaOf = async (s: Session, name: string) => (await injectAs(t.app, s, { method: 'GET', url: '/api/citizen/documents' })).json().find((d: { name: string }) => d.name === name).sha256 as string;
let key = 0;
const submit = (s: Session, body: Record<string, unknown>) =>
  injectAs(t.app, s, { method: 'POST', url: '/api/citizen/dossiers', payload: { idempotencyKey: `online-${++key}-key`, resolvingUnitId: tree.communeA.id, ...body } });
const act = (s: Session, id: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: body });
const answers = { hoTen: 'Nguyễn Văn An', soCCCD: '087090001234', quanHe: 'Cha' };

describe('the document store', () => {
  it('takes PDF, JPEG, PNG by content and within the size limit; each citizen sees only their own', async () => {
    expect((await upload(an, 'Tờ khai đăng ký khai sinh', pdf('to-khai'))).statusCode).toBe(201);
    expect((await upload(an, 'Giấy chứng sinh', pdf('chung-sinh'))).statusCode).toBe(201);
    const fake = await upload(an, 'Giả mạo', Buffer.from('<html>not a pdf</html>'), 'gia.pdf');
    expect(fake.statusCode).toBe(415);
    const big = await upload(an, 'Quá lớn', Buffer.concat([pdf('lon'), Buffer.alloc(10 * 1024 * 1024 + 1, 32)]));
    expect(big.statusCode).toBe(413);
    const mine = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/documents' })).json();
    expect(mine.map((d: { name: string }) => d.name).sort()).toEqual(['Giấy chứng sinh', 'Tờ khai đăng ký khai sinh']);
    expect((await injectAs(t.app, binh, { method: 'GET', url: '/api/citizen/documents' })).json()).toEqual([]);
    const other = await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/documents/${mine[0].id}/file` });
    expect(other.statusCode).toBe(404);
    expect((await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/documents/${mine[0].id}/file` })).body.startsWith('%PDF-')).toBe(true);
  });
});

describe('online submission', () => {
  it('only procedures with an online level; the result online only when fully online', async () => {
    const none = await submit(an, { procedureId: offline, eform: {} });
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('CITIZEN.NOT_ONLINE');
    expect((await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${offline}` })).statusCode).toBe(422);
    const partialOnline = await submit(an, { procedureId: partial, resultDelivery: 'online' });
    expect(partialOnline.json().code).toBe('CITIZEN.NO_ONLINE_RESULT');
    expect((await submit(an, { procedureId: partial, resultDelivery: 'desk' })).statusCode).toBe(201);
  });

  it('prefills the e-form from the profile and saves drafts server-side', async () => {
    const start = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${full}` })).json();
    expect(start.draft.eform).toEqual({ hoTen: 'Nguyễn Văn An', ngaySinh: '1990-05-01', soCCCD: '087090001234', noiCuTru: 'Số 1 đường Lê Lợi' });
    expect(start).toMatchObject({ feeTotalVnd: 8000, onlineLevel: 'full', draft: { resolvingUnitId: tree.communeA.id, resultDelivery: 'online' } });
    const saved = await injectAs(t.app, an, { method: 'PUT', url: `/api/citizen/submissions/${full}/draft`, payload: { ...start.draft, eform: { ...start.draft.eform, quanHe: 'Cha' } } });
    expect(saved.statusCode).toBe(200);
    const again = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${full}` })).json();
    expect(again.draft.eform.quanHe).toBe('Cha');
    expect(again.draftSavedAt).not.toBeNull();
  });

  it('checks the e-form and the required documents, keeps only files of the own store, and is idempotent', async () => {
    const toKhai = await shaOf(an, 'Tờ khai đăng ký khai sinh');
    const chungSinh = await shaOf(an, 'Giấy chứng sinh');
    const badForm = await submit(an, { procedureId: full, eform: { hoTen: 'An' }, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: toKhai }, { name: 'Giấy chứng sinh', sha256: chungSinh }] });
    expect(badForm.json().code).toBe('DOSSIER.EFORM_INVALID');
    const missing = await submit(an, { procedureId: full, eform: answers, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: toKhai }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.missing).toEqual(['Giấy chứng sinh']);
    const stolen = await submit(binh, { procedureId: full, eform: answers, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: toKhai }, { name: 'Giấy chứng sinh', sha256: chungSinh }] });
    expect(stolen.json().code).toBe('CITIZEN.DOCUMENT_NOT_IN_STORE');

    const body = { idempotencyKey: 'same-key-123', procedureId: full, eform: answers, resultDelivery: 'online', documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: toKhai }, { name: 'Giấy chứng sinh', sha256: chungSinh }] };
    const first = await submit(an, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'awaiting_acceptance', code: null, feeVnd: 8000, assisted: false, resultDelivery: 'online' });
    expect(first.json().files).toHaveLength(2);
    // Trackable at once, before the desk gives the code; the expected date and where the citizen is told.
    expect(first.json().reference).toMatch(/^NOP-[0-9A-F]{5}-[0-9A-F]{5}$/);
    expect(first.json().expectedDueAt).not.toBeNull();
    expect(first.json().notifyTo).toContain('0987654321');
    const tracked = await t.app.inject({ url: `/api/tracking?code=${first.json().reference.replace(/-/g, '').toLowerCase()}&secret=1234` });
    expect(tracked.json()).toMatchObject({ code: first.json().reference, statusLabel: 'Chờ tiếp nhận' });
    expect((await submit(an, body)).json().id).toBe(first.json().id);
    // The same key from another citizen is another submission, never the first citizen's dossier.
    expect((await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${full}` })).json().draftSavedAt).toBeNull();
  });
});

describe('acceptance at the desk, supplementation online, result online', () => {
  it('the desk sees the online queue; only it may accept; numbering shares the desk counter; the time counts from acceptance', async () => {
    const mine = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/dossiers' })).json();
    const id = mine.find((d: { procedureName: string }) => d.procedureName === 'Đăng ký khai sinh').id as string;
    const queue = (await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=online' })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(queue.counts.online).toBeGreaterThanOrEqual(2);
    expect((await injectAs(t.app, otherDesk, { method: 'GET', url: '/api/dossiers?queue=online' })).json().items).toEqual([]);
    expect((await act(otherDesk, id, { action: 'accept' })).statusCode).toBe(404);
    expect((await act(specialist, id, { action: 'accept' })).statusCode).toBe(403);

    // Monday 30/11/2026 16:00 in Vietnam: a paper dossier would count from Tuesday; an online one counts from now.
    at('2026-11-30T09:00:00Z');
    const paper = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: { idempotencyKey: 'desk-paper-1', procedureId: partial, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id, applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, outcome: 'accept' },
    });
    expect(paper.json().code).toMatch(/-261130-000001$/);
    const accepted = await act(desk, id, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const d = accepted.json();
    expect(d.code).toBe(`${tree.deskA.code}-261130-000002`); // 2026 format: system code 00, then the sequence
    expect(d).toMatchObject({ status: 'received', channel: 'online', receivedAt: now.toISOString() });
    const calendar = createWorkingCalendar({ adjustments: [] });
    const online = computeDue(now, { unit: 'working_day', amount: 1 }, calendar, { paperCutoff: false });
    expect(d.dueAt).toBe(online.toISOString());
    expect(d.dueAt).not.toBe(computeDue(now, { unit: 'working_day', amount: 1 }, calendar, { paperCutoff: true }).toISOString());
    expect(d.steps).toHaveLength(3);
    expect((await act(desk, id, { action: 'accept' })).statusCode).toBe(409);
    const seen = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json();
    expect(seen).toMatchObject({ code: d.code, statusLabel: 'Đã tiếp nhận' });
    expect(seen.notifications.some((n: { body: string }) => n.body.includes(d.code))).toBe(true);
    // Messages about the dossier to someone else (the post office's SMS, the dispatch mail to the postal unit) are not
    // the citizen's: the dossier page lists only what was sent to the citizen's phone or e-mail.
    const before = seen.notifications.length;
    await t.ctx.db.query(
      `INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at) VALUES
         ('sms', '+84901000109', NULL, 'Mot Cua: ho so co ket qua can phat qua buu dien.', 'postal.shipment-created', $1, $2, $2),
         ('email', 'phat@buudien.vn', '[Một Cửa] Kết quả cần phát: hồ sơ', 'Hạn phát: 2026-12-05 17:00', 'postal.shipment-created', $1, $2, $2)`,
      [id, new Date()],
    );
    const again = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json();
    expect(again.notifications).toHaveLength(before);
    expect(again.notifications.some((n: { text: string }) => n.text.includes('bưu điện') || n.text.includes('cần phát'))).toBe(false);
  });

  it('refusal needs reasons and shows them to the citizen', async () => {
    const id = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/dossiers' })).json().find((x: { status: string }) => x.status === 'awaiting_acceptance').id;
    expect((await act(desk, id, { action: 'reject_intake' })).statusCode).toBe(400);
    const refused = await act(desk, id, { action: 'reject_intake', note: 'Thủ tục thuộc thẩm quyền nơi thường trú' });
    expect(refused.json()).toMatchObject({ status: 'not_accepted', code: null });
    const seen = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json();
    expect(seen.request).toMatchObject({ kind: 'refusal', note: 'Thủ tục thuộc thẩm quyền nơi thường trú' });
  });

  it('supplementation: the desk asks, the citizen answers in the portal, the desk receives it and the clock restarts', async () => {
    const id = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/dossiers' })).json().find((x: { status: string }) => x.status === 'received').id;
    at('2026-11-30T09:30:00Z');
    expect((await act(desk, id, { action: 'request_supplement', note: 'Bản chụp giấy chứng sinh bị mờ' })).json().status).toBe('supplement_requested');
    let seen = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json();
    expect(seen).toMatchObject({ actionNeeded: true, request: { kind: 'supplement', note: 'Bản chụp giấy chứng sinh bị mờ' } });
    expect((await injectAs(t.app, binh, { method: 'POST', url: `/api/citizen/dossiers/${id}/supplement`, payload: { documents: [{ name: 'x', sha256: '0'.repeat(64) }] } })).statusCode).toBe(404);
    await upload(an, 'Giấy chứng sinh (bản rõ)', pdf('chung-sinh-ro'));
    const sha = await shaOf(an, 'Giấy chứng sinh (bản rõ)');
    const otherTry = await injectAs(t.app, binh, { method: 'POST', url: `/api/citizen/dossiers/${id}/supplement`, payload: { documents: [{ name: 'Giấy chứng sinh', sha256: sha }] } });
    expect(otherTry.statusCode).toBe(404);
    at('2026-12-01T02:00:00Z');
    const answered = await injectAs(t.app, an, { method: 'POST', url: `/api/citizen/dossiers/${id}/supplement`, payload: { documents: [{ name: 'Giấy chứng sinh', sha256: sha }] } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'supplement_requested', actionNeeded: false });
    expect(answered.json().supplementedAt).not.toBeNull();
    expect((await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=online' })).json().items.map((i: { id: string }) => i.id)).toContain(id);
    const received = await act(desk, id, { action: 'supplement_received' });
    expect(received.json()).toMatchObject({ status: 'received' });
    expect(received.json().dueAt).toBe(computeDue(now, { unit: 'working_day', amount: 1 }, createWorkingCalendar({ adjustments: [] }), { paperCutoff: true }).toISOString());
    seen = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json();
    expect(seen.supplementedAt).toBeNull();
    expect((await injectAs(t.app, desk, { method: 'GET', url: '/api/dossiers?queue=online' })).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('the result goes to its owner only, and into their document store', async () => {
    const id = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/dossiers' })).json().find((x: { status: string }) => x.status === 'received').id;
    expect((await act(desk, id, { action: 'forward' })).statusCode).toBe(200);
    expect((await act(specialist, id, { action: 'forward', note: 'Nội bộ: đã xác minh với công an xã' })).statusCode).toBe(200);
    const m = multipart({ name: 'giay-khai-sinh.pdf', content: pdf('ket-qua') }, { documentName: 'Giấy khai sinh', kind: 'result' });
    expect((await injectAs(t.app, leader, { method: 'POST', url: `/api/dossiers/${id}/files`, payload: m.payload, headers: m.headers })).statusCode).toBe(201);
    const before = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json();
    expect(before.files.some((f: { kind: string }) => f.kind === 'result')).toBe(false);
    expect((await act(leader, id, { action: 'approve' })).json().status).toBe('result_ready');
    const after = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json();
    const result = after.files.find((f: { kind: string }) => f.kind === 'result');
    expect(result).toMatchObject({ documentName: 'Giấy khai sinh' });
    const store = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/documents' })).json();
    expect(store.find((d: { kind: string }) => d.kind === 'result')).toMatchObject({ name: 'Giấy khai sinh', sha256: result.sha256 });
    expect((await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/dossiers/${id}/files/${result.sha256}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/citizen/dossiers/${id}/files/${result.sha256}` })).statusCode).toBe(401);
    const dl = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}/files/${result.sha256}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toContain('ket-qua');
    const timeline = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json().timeline.map((e: { action: string }) => e.action);
    const internal = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}` })).json().timeline;
    expect(JSON.stringify(internal)).not.toContain('Nội bộ');
    expect(internal.find((e: { action: string }) => e.action === 'request_supplement').note).toBe('Bản chụp giấy chứng sinh bị mờ');
    expect(timeline).toEqual(['submit', 'accept', 'request_supplement', 'citizen_supplemented', 'supplement_received', 'forward', 'forward', 'approve', 'result_downloaded']);
    // Each change names where, who and when (ND 224/2026 Điều 15 k1g), in words, never an action name.
    const accepted = internal.find((e: { action: string }) => e.action === 'accept');
    expect(accepted.text).toMatch(/^Đã tiếp nhận tại .+ — cán bộ một cửa .+, \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    for (const e of internal as { text: string }[]) expect(e.text).not.toMatch(/[a-z]+_[a-z]+/);
  });
});

describe('later submissions and concurrent acceptance', () => {
  it('a later submission offers the answers of the earlier dossier, without filling them', async () => {
    const start = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${full}` })).json();
    expect(start.draft.eform).toEqual({ hoTen: 'Nguyễn Văn An', ngaySinh: '1990-05-01', soCCCD: '087090001234', noiCuTru: 'Số 1 đường Lê Lợi' });
    expect(start.prefilledFields).not.toContain('quanHe');
    // The values the profile gave, for the form to say which fields still hold them.
    expect(start.prefilled).toEqual({ hoTen: 'Nguyễn Văn An', ngaySinh: '1990-05-01', soCCCD: '087090001234', noiCuTru: 'Số 1 đường Lê Lợi' });
    expect(start.earlier.answers).toMatchObject({ quanHe: 'Cha' });
    // Only the same procedure's dossiers are offered.
    expect((await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${declared}` })).json().earlier).toBeNull();
  });

  it('the online form is the declaration: no scan of it is asked for, and it is written as PDF and DOCX for its owner only', async () => {
    const start = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${declared}` })).json();
    expect(start.documents.find((d: { name: string }) => d.name === 'Tờ khai đăng ký khai sinh').filledByEform).toBe(true);
    await injectAs(t.app, an, { method: 'PUT', url: `/api/citizen/submissions/${declared}/draft`, payload: { ...start.draft, eform: { ...start.draft.eform, quanHe: 'Cha', hoTenTre: 'Nguyễn Văn Bé' } } });
    const draftPdf = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/submissions/${declared}/declaration?format=pdf` });
    expect(draftPdf.statusCode).toBe(200);
    expect(draftPdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const res = await submit(an, { procedureId: declared, eform: { ...answers, hoTenTre: 'Nguyễn Văn Bé' }, documents: [{ name: 'Giấy chứng sinh', sha256: await shaOf(an, 'Giấy chứng sinh') }] });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const docx = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${id}/declaration?format=docx` });
    expect(docx.statusCode).toBe(200);
    const { inflateRawSync } = await import('node:zlib');
    const xml = unzipEntry(docx.rawPayload, 'word/document.xml', inflateRawSync);
    expect(xml).toContain('Nguyễn Văn Bé');
    expect(xml).toContain('087090001234');
    expect((await injectAs(t.app, binh, { method: 'GET', url: `/api/citizen/dossiers/${id}/declaration` })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/citizen/dossiers/${id}/declaration` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/citizen/submissions/${declared}/declaration` })).statusCode).toBe(401);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/citizen/dossiers/${id}/declaration` })).statusCode).toBe(401);
    // Without the e-form the declaration is still a document to give.
    expect((await submit(an, { procedureId: full, eform: answers, documents: [{ name: 'Giấy chứng sinh', sha256: await shaOf(an, 'Giấy chứng sinh') }] })).json().details.missing).toEqual(['Tờ khai đăng ký khai sinh']);
  });

  it('dossiers accepted at the same moment get distinct consecutive numbers of the desk counter', async () => {
    await upload(binh, 'Tờ khai đăng ký khai sinh', pdf('binh-to-khai'));
    await upload(binh, 'Giấy chứng sinh', pdf('binh-chung-sinh'));
    const docs = [{ name: 'Tờ khai đăng ký khai sinh', sha256: await shaOf(binh, 'Tờ khai đăng ký khai sinh') }, { name: 'Giấy chứng sinh', sha256: await shaOf(binh, 'Giấy chứng sinh') }];
    const eform = { hoTen: 'Trần Thị Bình', soCCCD: '079195000123', quanHe: 'Mẹ' };
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await submit(binh, { procedureId: full, eform, documents: docs })).json().id);
    at('2026-12-02T02:00:00Z');
    const results = await Promise.all(ids.map((id) => act(desk, id, { action: 'accept' })));
    expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 200));
    const seqs = results.map((r) => Number(r.json().code.slice(-4))).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.every((r) => r.json().code.startsWith(`${tree.deskA.code}-261202-`))).toBe(true);
  });
});

describe('help at the desk', () => {
  it('an officer submits on a citizen’s behalf: free, recorded as assisted, visible in the portal of the citizen whose card was checked', async () => {
    // The CCCD typed at registration links nothing until the desk has checked the card (citizen-identity.routes.test.ts).
    const checked = await injectAs(t.app, desk, { method: 'POST', url: `/api/citizen-accounts/${an.id}/verify-id`, payload: { idNumber: '087090001234', unitId: tree.deskA.id } });
    expect(checked.statusCode, checked.body).toBe(204);
    const res = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers/assisted',
      payload: { idempotencyKey: 'assisted-1-key', procedureId: full, resolvingUnitId: tree.communeA.id, applicant: { idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01' }, eform: answers, documents: ['Tờ khai đăng ký khai sinh'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'awaiting_acceptance', channel: 'online', feeVnd: 0 });
    expect(res.json().history[0]).toMatchObject({ action: 'submit', actorName: 'Cán bộ motcua' });
    const seen = (await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${res.json().id}` })).json();
    expect(seen).toMatchObject({ assisted: true, feeVnd: 0 });
    expect((await injectAs(t.app, otherDesk, { method: 'POST', url: '/api/dossiers/assisted', payload: { idempotencyKey: 'assisted-2-key', procedureId: full, resolvingUnitId: tree.communeA.id, applicant: { idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, eform: answers } })).statusCode).toBe(403);
    const asCitizen = await injectAs(t.app, an, { method: 'POST', url: '/api/dossiers/assisted', payload: { idempotencyKey: 'assisted-3-key', procedureId: full, resolvingUnitId: tree.communeA.id, applicant: { idNumber: '087090001234', fullName: 'Nguyễn Văn An' }, eform: answers } });
    expect(asCitizen.statusCode).toBe(401);
  });

  it('prints the prefilled declaration from the CCCD data as DOCX and PDF', async () => {
    const payload = { applicant: { fullName: 'Nguyễn Văn An', idNumber: '087090001234', birthDate: '1990-05-01', gender: 'male', address: 'Số 1 đường Lê Lợi' }, eform: answers };
    const docx = await injectAs(t.app, desk, { method: 'POST', url: `/api/procedures/${full}/declaration`, payload: { ...payload, format: 'docx' } });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const { inflateRawSync } = await import('node:zlib');
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = unzipEntry(docx.rawPayload, 'word/document.xml', inflateRawSync);
    expect(xml).toContain('NGUYỄN VĂN AN');
    expect(xml).toContain('087090001234');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Quan hệ với người được khai sinh');
    const pdfRes = await injectAs(t.app, desk, { method: 'POST', url: `/api/procedures/${full}/declaration`, payload: { ...payload, format: 'pdf' } });
    expect(pdfRes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const wrong = await injectAs(t.app, desk, { method: 'POST', url: `/api/procedures/${full}/declaration`, payload: { ...payload, applicant: { ...payload.applicant, birthDate: '1985-01-01' } } });
    expect(wrong.statusCode).toBe(400);
    expect((await injectAs(t.app, an, { method: 'POST', url: `/api/procedures/${full}/declaration`, payload })).statusCode).toBe(401);
  });
});

describe('deleting from the document store', () => {
  it('only the owner deletes; a dossier submitted with the document keeps its copy; garbage and strangers change nothing', async () => {
    const store = async (s: Session) => (await injectAs(t.app, s, { method: 'GET', url: '/api/citizen/documents' })).json() as { id: string; name: string; sha256: string }[];
    const doc = (await store(an)).find((d) => d.name === 'Tờ khai đăng ký khai sinh')!;
    const inDossiers = async () => (await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier_file WHERE sha256 = $1`, [doc.sha256])).rows[0].n as number;
    const before = await inDossiers();
    expect(before).toBeGreaterThan(0);
    const del = (s: Session | null, id: string) => injectAs(t.app, s, { method: 'DELETE', url: `/api/citizen/documents/${id}` });

    const stranger = await del(binh, doc.id);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('CITIZEN.DOCUMENT_NOT_IN_STORE');
    expect((await del(null, doc.id)).statusCode).toBe(401);
    expect((await del(an, 'khong-phai-uuid')).statusCode).toBe(400);
    expect((await store(an)).some((d) => d.id === doc.id)).toBe(true);

    const gone = await del(an, doc.id);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((gone.json() as { id: string }[]).some((d) => d.id === doc.id)).toBe(false);
    expect((await store(an)).some((d) => d.id === doc.id)).toBe(false);
    expect((await del(an, doc.id)).statusCode).toBe(404);
    // The dossier keeps the file as the authority received it, still downloadable by its owner.
    expect(await inDossiers()).toBe(before);
    const dossier = (await t.ctx.db.query(`SELECT d.id FROM dossier_file f JOIN dossier d ON d.id = f.dossier_id WHERE f.sha256 = $1 AND d.citizen_id IS NOT NULL LIMIT 1`, [doc.sha256])).rows[0];
    const file = await injectAs(t.app, an, { method: 'GET', url: `/api/citizen/dossiers/${dossier.id}/files/${doc.sha256}` });
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF-')).toBe(true);
  });
});

describe('a key reused for another submission (draft-ietf-httpapi-idempotency-key-header: 422)', () => {
  const reused = {
    code: 'DOSSIER.IDEMPOTENCY_KEY_REUSED',
    message: 'Mã chống gửi trùng (idempotency key) này đã dùng cho một hồ sơ khác; hồ sơ vừa gửi chưa được ghi nhận. Hãy tạo yêu cầu mới.',
  };
  const written = async () => (await t.ctx.db.query<{ d: number; f: number }>(`SELECT (SELECT count(*)::int FROM dossier) AS d, (SELECT count(*)::int FROM dossier_file) AS f`)).rows[0]!;

  it('the citizen’s exact retry gets the first dossier; other answers, files or procedure under the key are refused; another citizen’s same key is theirs', async () => {
    at('2026-12-03T02:00:00Z');
    await upload(an, 'Tờ khai đăng ký khai sinh', pdf('reused-to-khai'));
    await upload(an, 'Giấy chứng sinh', pdf('reused-chung-sinh'));
    const docs = [{ name: 'Tờ khai đăng ký khai sinh', sha256: await shaOf(an, 'Tờ khai đăng ký khai sinh') }, { name: 'Giấy chứng sinh', sha256: await shaOf(an, 'Giấy chứng sinh') }];
    const body = { idempotencyKey: 'reused-online-key', procedureId: full, eform: answers, resultDelivery: 'online', documents: docs };
    const first = await submit(an, body);
    expect(first.statusCode, first.body).toBe(201);
    const before = await written();
    const again = await submit(an, { ...body, eform: { quanHe: 'Cha', soCCCD: '087090001234', hoTen: 'Nguyễn Văn An' } });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);

    const otherAnswers = await submit(an, { ...body, eform: { ...answers, quanHe: 'Mẹ' } });
    expect(otherAnswers.statusCode).toBe(422);
    expect(otherAnswers.json()).toMatchObject(reused);
    expect(otherAnswers.body).not.toContain(first.json().id);
    expect((await submit(an, { ...body, documents: [...docs].reverse() })).json().code).toBe(reused.code);
    expect((await submit(an, { ...body, procedureId: partial, eform: {}, documents: [], resultDelivery: 'desk' })).json().code).toBe(reused.code);
    expect(await written()).toEqual(before);

    const binhsOwn = await submit(binh, { idempotencyKey: 'reused-online-key', procedureId: partial, resultDelivery: 'desk' });
    expect(binhsOwn.statusCode, binhsOwn.body).toBe(201);
    expect(binhsOwn.json().id).not.toBe(first.json().id);
  });

  it('an officer’s assisted submission: the exact retry gets the first dossier, another applicant under the key is refused', async () => {
    at('2026-12-03T03:00:00Z');
    const body = { idempotencyKey: 'reused-assisted-key', procedureId: full, resolvingUnitId: tree.communeA.id, applicant: { idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01' }, eform: answers, documents: ['Tờ khai đăng ký khai sinh'] };
    const assisted = (payload: Record<string, unknown>) => injectAs(t.app, desk, { method: 'POST', url: '/api/dossiers/assisted', payload });
    const first = await assisted(body);
    expect(first.statusCode, first.body).toBe(201);
    const before = await written();
    expect((await assisted(body)).json().id).toBe(first.json().id);
    const other = await assisted({ ...body, applicant: { idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03' } });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject(reused);
    expect(await written()).toEqual(before);
  });
});

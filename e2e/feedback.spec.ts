import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { buildStaff, TEST_PASSWORD } from '../server/test/factories.js';
import { CITIZEN_PASSWORD, pdf, registerCitizen } from '../server/test/citizens.js';
import { injectAs, login } from '../server/test/app.js';
import { launchBrowser, seriousA11yViolations, SHOTS, signInToConsole } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * Feedback (phản ánh, kiến nghị) end to end:
 * A — a citizen on a phone (390×844) sends feedback about their late dossier from its tracking page; the desk classifies
 *     it as outside its competence and transfers it; the competent commune's specialist drafts, its leader approves, the
 *     answer is published without personal data; the citizen rates it unsatisfied and reopens it; the head gives it back.
 * B — a desk officer (1366×768) records a phone call in the unit's register.
 */
describe('feedback journeys', () => {
  let server: RunningServer;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  const pageErrors: string[] = [];

  const newPage = async (viewport: { width: number; height: number }): Promise<Page> => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    return page;
  };
  const officer = async (username: string): Promise<Page> => {
    const page = await newPage({ width: 1366, height: 768 });
    await signInToConsole(page, server.baseUrl, username, TEST_PASSWORD);
    return page;
  };
  const pick = async (page: Page, label: string, option: string, typed?: string) => {
    const box = page.getByLabel(label, { exact: true });
    await box.click();
    if (typed) await box.fill(typed);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };
  const statusIs = (page: Page, label: string) => page.getByTestId('fb-status').filter({ hasText: label }).waitFor();

  beforeAll(async () => {
    server = await startServer();
    s = await seedDesk(server.app, server.ctx.db);
    await buildStaff(server.ctx.db, 'chuyenvien.b', [{ role: 'specialist', unit: s.tree.communeB }]);
    await buildStaff(server.ctx.db, 'lanhdao.b', [{ role: 'leader', unit: s.tree.communeB }]);
    await buildStaff(server.ctx.db, 'truongphong.b', [{ role: 'head', unit: s.tree.communeB }]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('A: late dossier → feedback on a phone → transfer → answer → approval → publication → unsatisfied → reopened', async () => {
    const d = await s.receive();
    // The dossier is late: its due time has passed.
    await server.ctx.db.query(`UPDATE dossier SET due_at = $2 WHERE id = $1`, [d.id, new Date(Date.now() - 86_400_000)]);

    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(d.code)}`);
    await phone.getByLabel('Số điện thoại hoặc 4 số cuối căn cước').fill(APPLICANT.phone);
    await phone.getByRole('button', { name: 'Tra cứu' }).click();
    await phone.getByRole('link', { name: 'Phản ánh, kiến nghị về hồ sơ này' }).click();
    await phone.getByRole('heading', { name: `Phản ánh về hồ sơ ${d.code}` }).waitFor();
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.getByLabel(/Số điện thoại đã khai khi nộp hồ sơ/).fill(APPLICANT.phone);
    await phone.getByLabel('Tiêu đề *').fill('Hồ sơ trễ hẹn chưa có kết quả');
    await phone.getByLabel('Nội dung *').fill(`Tôi là ${APPLICANT.fullName}, hồ sơ ${d.code} đã quá hẹn mà chưa có kết quả, gọi ${APPLICANT.phone}.`);
    await phone.getByLabel('Họ và tên *').fill(APPLICANT.fullName);
    await phone.getByLabel('Địa chỉ *').fill(APPLICANT.address);
    await phone.getByLabel('Số điện thoại *').fill(APPLICANT.phone);
    await phone.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await phone.getByRole('heading', { name: 'Đã tiếp nhận' }).waitFor();
    const code = (await phone.locator('.confirmation-code').innerText()).trim();
    expect(code).toMatch(/^PAKN-\d{4}-/);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-sent-phone.png`, fullPage: true });
    const { id } = (await server.ctx.db.query(`SELECT id FROM feedback WHERE code = $1`, [code])).rows[0] as { id: string };

    // The desk that received the dossier classifies: outside its competence, to Xã Bình Thử.
    const desk = await officer('motcua');
    await desk.getByRole('menuitem', { name: 'Phản ánh, kiến nghị' }).click();
    await desk.getByRole('link', { name: code }).click();
    await statusIs(desk, 'Mới tiếp nhận, chờ phân loại');
    await pick(desk, 'Phân loại (NĐ 20/2008 Điều 9)', 'Không thuộc thẩm quyền');
    await pick(desk, 'Cơ quan có thẩm quyền', 'Xã Bình Thử', 'binh thu'); // typed without accents (walk finding 7)
    await desk.getByLabel('Lý do / nội dung văn bản / ghi chú').fill('Hồ sơ do xã Bình Thử giải quyết.');
    await desk.getByRole('button', { name: 'Phân loại', exact: true }).click();
    await statusIs(desk, 'Đang xử lý');
    await desk.screenshot({ path: `${SHOTS}/mc-feedback-classified.png`, fullPage: true });
    // The history and the channel read in Vietnamese: no raw code reaches the page.
    const deskText = await desk.locator('main').innerText();
    expect(deskText).toContain('Tiếp nhận (Kênh: Cổng dịch vụ công)');
    expect(deskText).toContain(': Phân loại');
    for (const raw of [/: received\b/, /: classify\b/, /Kênh: portal/]) expect(deskText).not.toMatch(raw);
    // Transferred away, the desk may no longer act on it: no button offered that the API would refuse.
    expect(await desk.getByRole('button', { name: 'Lưu dự thảo, trình lãnh đạo' }).count()).toBe(0);
    expect(await desk.getByRole('button', { name: 'Phân loại', exact: true }).count()).toBe(0);

    const specialist = await officer('chuyenvien.b');
    await specialist.goto(`${server.baseUrl}/console/phan-anh/${id}`);
    await specialist.getByLabel('Nội dung trả lời').fill(`Kính gửi ông ${APPLICANT.fullName}: hồ sơ đã có kết quả, mời ông nhận tại bộ phận một cửa. Cán bộ phụ trách: anh Bình.`);
    await specialist.getByRole('button', { name: 'Lưu dự thảo, trình lãnh đạo' }).click();
    await statusIs(specialist, 'Chờ lãnh đạo duyệt trả lời');
    // The handler still sees what they saved, not an empty box (walk finding 8).
    const savedDraft = specialist.getByTestId('fb-saved-draft').or(specialist.getByLabel('Nội dung trả lời'));
    await expect.poll(async () => ((await savedDraft.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : el.textContent ?? ''))) as string)).toContain('hồ sơ đã có kết quả, mời ông nhận');
    // Only a leader approves: the specialist is not offered the button.
    expect(await specialist.getByRole('button', { name: 'Duyệt và gửi trả lời' }).count()).toBe(0);
    expect(await specialist.locator('main').innerText()).toContain(': Dự thảo trả lời');

    const leader = await officer('lanhdao.b');
    await leader.goto(`${server.baseUrl}/console/phan-anh/${id}`);
    // Before approving, the leader reads the public form of the draft (the sender's name hidden) and what still looks personal.
    const preview = await leader.getByTestId('fb-preview').innerText();
    expect(preview).toContain('Kính gửi ông [đã ẩn]');
    expect(preview).not.toContain(APPLICANT.fullName);
    expect(await leader.getByTestId('fb-personal-hints').innerText()).toContain('Tên người: anh Bình');
    await leader.screenshot({ path: `${SHOTS}/mc-feedback-leader-hints.png`, fullPage: true });
    await leader.getByRole('button', { name: 'Duyệt và gửi trả lời' }).click();
    await statusIs(leader, 'Đã trả lời');

    await specialist.reload();
    await specialist.getByRole('button', { name: 'Công khai kết quả' }).click();
    await statusIs(specialist, 'Đã trả lời và công khai');

    // Public register, searched without accents: no name, no phone.
    await phone.goto(`${server.baseUrl}/phan-anh/cong-khai?q=${encodeURIComponent('tre hen')}`);
    const card = phone.locator('.card', { hasText: code });
    await card.waitFor();
    const shown = await card.innerText();
    expect(shown).toContain('mời ông nhận tại bộ phận một cửa');
    expect(shown).not.toContain(APPLICANT.fullName);
    expect(shown).not.toContain(APPLICANT.phone);
    expect(await seriousA11yViolations(phone)).toEqual([]);

    // The citizen rates it unsatisfied and reopens it once.
    await phone.goto(`${server.baseUrl}/phan-anh/theo-doi?ma=${encodeURIComponent(code)}`);
    await phone.getByLabel('Số điện thoại đã khai').fill(APPLICANT.phone);
    await phone.getByRole('button', { name: 'Tra cứu' }).click();
    await phone.getByTestId('fb-answer').waitFor();
    await phone.getByRole('button', { name: 'Không hài lòng' }).click();
    await phone.getByText('Bạn đã đánh giá: Không hài lòng.').waitFor();
    // The reason is checked by the page, in Vietnamese, under the field (never the browser's bubble).
    await phone.getByRole('button', { name: 'Gửi đề nghị xem xét lại' }).click();
    await phone.locator('#reason-problem').waitFor();
    expect(await phone.locator('#reason-problem').innerText()).toBe('Chưa nhập "Lý do đề nghị xem xét lại".');
    expect(await phone.locator('#reason').getAttribute('aria-invalid')).toBe('true');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('reason');
    await phone.getByLabel('Lý do đề nghị xem xét lại').fill('Chưa');
    await phone.getByRole('button', { name: 'Gửi đề nghị xem xét lại' }).click();
    await phone.locator('#reason-problem', { hasText: '"Lý do đề nghị xem xét lại" cần ít nhất 5 ký tự.' }).waitFor();
    const fits = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.getByLabel('Lý do đề nghị xem xét lại').fill('Đến bộ phận một cửa vẫn chưa có kết quả.');
    await phone.getByRole('button', { name: 'Gửi đề nghị xem xét lại' }).click();
    await phone.getByTestId('fb-status').filter({ hasText: 'Người gửi đề nghị xem xét lại' }).waitFor();
    // The earlier answer stays beside the new status and the new answer deadline (dd/mm/yyyy, Vietnam time).
    await phone.getByTestId('fb-answer').waitFor();
    expect(await phone.getByTestId('fb-due').textContent()).toMatch(/^\d{2}\/\d{2}\/20\d{2}$/);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-reopened-phone.png`, fullPage: true });

    const head = await officer('truongphong.b');
    await head.goto(`${server.baseUrl}/console/phan-anh/${id}`);
    await statusIs(head, 'Người gửi đề nghị xem xét lại');
    await head.getByText('Đến bộ phận một cửa vẫn chưa có kết quả.').first().waitFor();
    // The sender's rating in Vietnamese, never the code.
    await head.getByText('Không hài lòng', { exact: true }).first().waitFor();
    expect(await head.getByText('unsatisfied').count()).toBe(0);
    await head.getByRole('button', { name: 'Giao xử lý lại' }).click();
    await statusIs(head, 'Đang xử lý');

    const row = (await server.ctx.db.query(`SELECT status, rating, reopen_count, unit_id FROM feedback WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ status: 'handling', rating: 'unsatisfied', reopen_count: 1, unit_id: s.tree.communeB.id });
    expect(pageErrors).toEqual([]);
  });

  it('B: a desk officer records a phone call in the register at 1366×768', async () => {
    const desk = await officer('motcua');
    await desk.getByRole('menuitem', { name: 'Phản ánh, kiến nghị' }).click();
    await desk.getByRole('button', { name: 'Ghi nhận thư / điện thoại' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByLabel('Họ tên người phản ánh').fill('Phạm Văn Dũng');
    await dialog.getByLabel('Số điện thoại').fill('0911222333');
    await dialog.getByLabel('Tiêu đề').fill('Cán bộ hẹn nhiều lần');
    await dialog.getByLabel('Nội dung').fill('Ông Dũng gọi điện phản ánh cán bộ một cửa hẹn nhiều lần mà chưa nhận hồ sơ.');
    await dialog.getByLabel('Cán bộ bị phản ánh (nếu có)').fill('Lê Văn C');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Ghi nhận' }).click();
    await desk.getByText(/Đã vào sổ: PAKN-/).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = (await server.ctx.db.query(`SELECT code, channel, sender_name, sender_phone, officer_name, unit_id FROM feedback WHERE channel = 'phone'`)).rows[0];
    expect(row).toMatchObject({ channel: 'phone', sender_name: 'Phạm Văn Dũng', sender_phone: '0911222333', officer_name: 'Lê Văn C', unit_id: s.tree.deskA.id });
    await desk.getByRole('link', { name: row.code }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/mc-feedback-recorded.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('B2: a letter with its scan, category, place and consent; found in the queue without accents; a complaint gets its letter as PDF', async () => {
    const desk = await officer('motcua');
    await desk.getByRole('menuitem', { name: 'Phản ánh, kiến nghị' }).click();
    await desk.getByRole('button', { name: 'Ghi nhận thư / điện thoại' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText('Thư', { exact: true }).click();
    await dialog.getByLabel('Họ tên người phản ánh').fill('Nguyễn Thị Thu');
    await dialog.getByLabel('Số điện thoại').fill('0911555666');
    await dialog.getByLabel('Địa chỉ', { exact: true }).fill('Số 7 đường Trần Phú, phường An Thử');
    await pick(desk, 'Lĩnh vực', 'Hạ tầng, giao thông, đô thị');
    await dialog.getByLabel('Tiêu đề').fill('Khiếu nại việc thu hồi đất làm đường');
    await dialog.getByLabel('Nội dung').fill('Bà Thu gửi thư khiếu nại quyết định thu hồi đất làm đường Trần Phú.');
    await dialog.getByLabel('Địa điểm xảy ra (nếu có)').fill('Đường Trần Phú, phường An Thử');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'thu-khieu-nai.pdf', mimeType: 'application/pdf', buffer: pdf('thu khieu nai') });
    await dialog.getByText('thu-khieu-nai.pdf').waitFor();
    await dialog.getByLabel('Người gửi đồng ý công khai họ tên, địa chỉ').check();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Ghi nhận' }).click();
    await desk.getByText(/Đã vào sổ: PAKN-/).waitFor();
    const row = (await server.ctx.db.query(`SELECT f.id, f.code, f.channel, f.category, f.place_address, f.consent_publish_identity, count(ff.*)::int AS files FROM feedback f LEFT JOIN feedback_file ff ON ff.feedback_id = f.id WHERE f.sender_name = 'Nguyễn Thị Thu' GROUP BY f.id`)).rows[0];
    expect(row).toMatchObject({ channel: 'letter', category: 'ha-tang', place_address: 'Đường Trần Phú, phường An Thử', consent_publish_identity: true, files: 1 });

    // The queue finds it by words typed without accents.
    await desk.getByLabel('Tìm theo số, tiêu đề, nội dung (không cần dấu)').fill('thu hoi dat');
    await desk.getByLabel('Tìm theo số, tiêu đề, nội dung (không cần dấu)').press('Enter');
    await desk.locator('.ant-table-row').filter({ hasText: row.code }).waitFor();
    // The new letter is in the unfiltered list too: wait for the search's answer to replace it, not for the row alone.
    await expect.poll(() => desk.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    await desk.screenshot({ path: `${SHOTS}/mc-feedback-queue-search.png`, fullPage: true });

    await desk.getByRole('link', { name: row.code }).click();
    await desk.getByTestId('fb-complaint-hint').waitFor();
    await pick(desk, 'Phân loại (NĐ 20/2008 Điều 9)', 'Là khiếu nại');
    await desk.getByLabel('Lý do / nội dung văn bản / ghi chú').fill('Đề nghị bà gửi đơn khiếu nại đến Chủ tịch UBND phường An Thử.');
    await desk.getByRole('button', { name: 'Phân loại', exact: true }).click();
    await statusIs(desk, 'Chuyển theo thủ tục khiếu nại, tố cáo');
    const href = await desk.getByTestId('fb-letter').getAttribute('href');
    const res = await desk.request.get(`${server.baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await seriousA11yViolations(desk)).toEqual([]);

    // The sender, on a phone, follows the number with their phone and downloads the same letter.
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/phan-anh/theo-doi?ma=${encodeURIComponent(row.code)}`);
    await phone.getByLabel('Số điện thoại đã khai').fill('0911555666');
    await phone.getByRole('button', { name: 'Tra cứu' }).click();
    await phone.getByTestId('fb-status').filter({ hasText: 'Chuyển theo thủ tục khiếu nại, tố cáo' }).waitFor();
    await phone.getByText('Đề nghị bà gửi đơn khiếu nại đến Chủ tịch UBND phường An Thử.').waitFor();
    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('fb-letter').click()]);
    expect(download.suggestedFilename()).toBe(`huong-dan-${row.code}.pdf`);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-letter-phone.png`, fullPage: true });
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('C: a signed-in citizen sends from their account, finds it under "Phản ánh của tôi" and supplies what was asked', async () => {
    await registerCitizen(server.app, { identifier: '0916000333', idNumber: '001095000333', fullName: 'Trịnh Thị Mai', birthDate: '1995-05-05' });
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/cong-dan/dang-nhap?tiep=/phan-anh`);
    await phone.getByLabel('E-mail hoặc số điện thoại di động').fill('0916000333');
    await phone.locator('#password').fill(CITIZEN_PASSWORD);
    await phone.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await phone.getByRole('heading', { name: 'Gửi phản ánh, kiến nghị' }).waitFor();
    // As an account from the national portal is (walk finding 1): no phone and no address on the profile.
    const { id: citizenId } = (await server.ctx.db.query(`SELECT id FROM citizen_account WHERE phone = '0916000333'`)).rows[0] as { id: string };
    await server.ctx.db.query(`UPDATE citizen_account SET oidc_subject = 'vneid-sim-mai', phone = NULL, address = NULL WHERE id = $1`, [citizenId]);
    await phone.reload();
    await phone.getByTestId('fb-as-citizen').waitFor();
    // The account names the sender; the address and phone the profile lacks are asked for (ND 20/2008 Điều 7).
    expect(await phone.getByTestId('fb-as-citizen').innerText()).toContain('Trịnh Thị Mai');
    expect(await phone.getByLabel('Họ và tên *').count()).toBe(0);
    expect(await phone.getByLabel('Địa chỉ *').inputValue()).toBe('');
    expect(await phone.getByLabel('Số điện thoại *').inputValue()).toBe('');
    await phone.getByLabel('Cơ quan, đơn vị nhận *').selectOption({ label: s.tree.deskA.name });
    await phone.getByLabel('Tiêu đề *').fill('Ghế chờ ở bộ phận một cửa bị hỏng');
    await phone.getByLabel('Nội dung *').fill('Hai hàng ghế chờ gần cửa ra vào bị gãy, người già phải đứng chờ lâu.');
    await phone.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await phone.locator('#address-problem').waitFor();
    expect(await phone.locator('#address').getAttribute('aria-invalid')).toBe('true');
    await phone.getByLabel('Địa chỉ *').fill('Số 7 đường Hùng Vương, phường An Thử');
    await phone.getByLabel('Số điện thoại *').fill('0916 000 444');
    await phone.getByRole('button', { name: 'Gửi phản ánh' }).click();
    // Similar published items, if any, are shown once before a new item is opened: sending again opens it.
    const sent = phone.getByRole('heading', { name: 'Đã tiếp nhận' });
    await sent.or(phone.getByText('Đã có phản ánh tương tự')).first().waitFor();
    if (!(await sent.isVisible())) await phone.getByRole('button', { name: /Gửi phản ánh/ }).click();
    await sent.waitFor();
    const code = (await phone.locator('.confirmation-code').innerText()).trim();
    await phone.getByRole('link', { name: 'Theo dõi tại "Phản ánh của tôi"' }).click();
    await phone.getByTestId('fb-status').waitFor();
    expect(await phone.locator('h2').first().innerText()).toContain(code);
    // Their own page shows what they wrote; the phone they gave is kept.
    expect(await phone.getByTestId('fb-content').innerText()).toBe('Hai hàng ghế chờ gần cửa ra vào bị gãy, người già phải đứng chờ lâu.');
    const kept = (await server.ctx.db.query(`SELECT sender_phone, sender_address FROM feedback WHERE code = $1`, [code])).rows[0];
    expect(kept).toEqual({ sender_phone: '0916000444', sender_address: 'Số 7 đường Hùng Vương, phường An Thử' });

    // The desk's handler asks for more; the citizen sees it in their list and answers from their account.
    const { id } = (await server.ctx.db.query(`SELECT id FROM feedback WHERE code = $1`, [code])).rows[0] as { id: string };
    await buildStaff(server.ctx.db, 'xuly.c', [{ role: 'specialist', unit: s.tree.deskA }]);
    const asked = await injectAs(server.app, await login(server.app, 'xuly.c'), { method: 'POST', url: `/api/feedback/${id}/request-info`, payload: { text: 'Đề nghị cho biết ghế ở tầng mấy.' } });
    expect(asked.statusCode, asked.body).toBe(200);
    await phone.goto(`${server.baseUrl}/cong-dan/phan-anh`);
    const card = phone.locator('.card', { hasText: 'Ghế chờ ở bộ phận một cửa bị hỏng' });
    await card.waitFor();
    expect(await card.innerText()).toContain('Cần bổ sung');
    const widths = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-mine-phone.png`, fullPage: true });
    await card.getByRole('link').click();
    await phone.getByText('Đề nghị cho biết ghế ở tầng mấy.').waitFor();
    await phone.getByRole('button', { name: /Gửi thông tin bổ sung|Bổ sung/ }).click();
    await phone.locator('#info-problem', { hasText: 'Chưa nhập "Thông tin bổ sung".' }).waitFor();
    expect(await phone.locator('#info').getAttribute('aria-invalid')).toBe('true');
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe('info');
    await phone.getByLabel('Thông tin bổ sung').fill('Tầng 1, gần cửa ra vào phía đông.');
    await phone.getByRole('button', { name: /Gửi thông tin bổ sung|Bổ sung/ }).click();
    await phone.waitForFunction(() => !document.querySelector('textarea#info'));
    const status = (await server.ctx.db.query(`SELECT status FROM feedback WHERE id = $1`, [id])).rows[0] as { status: string };
    expect(status.status).not.toBe('awaiting_info');

    // Answered and approved: the answer is in the account's notices and went by SMS to the phone given.
    const handler = await login(server.app, 'xuly.c');
    if (status.status === 'received') expect((await injectAs(server.app, handler, { method: 'POST', url: `/api/feedback/${id}/classify`, payload: { classification: 'within_competence' } })).statusCode).toBe(200);
    const drafted = await injectAs(server.app, handler, { method: 'POST', url: `/api/feedback/${id}/draft`, payload: { text: 'Đã thay hai hàng ghế chờ ở tầng 1.' } });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const approved = await injectAs(server.app, s.leader, { method: 'POST', url: `/api/feedback/${id}/approve` });
    expect(approved.json().status, approved.body).toBe('answered');
    const sms = (await server.ctx.db.query(`SELECT o.recipient FROM notification_outbox o JOIN feedback_message m ON m.notification_id = o.id WHERE m.feedback_id = $1 AND o.template_key = 'feedback.answered'`, [id])).rows;
    expect(sms).toEqual([{ recipient: '+84916000444' }]);
    await phone.goto(`${server.baseUrl}/cong-dan/thong-bao`);
    const notice = phone.locator('.notice-item', { hasText: 'Đã trả lời: Ghế chờ ở bộ phận một cửa bị hỏng' });
    await notice.waitFor();
    expect(await notice.getByRole('link').innerText()).toBe(`Phản ánh ${code}`);
    const noticeWidths = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(noticeWidths.scroll).toBeLessThanOrEqual(noticeWidths.inner);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-notice-phone.png`, fullPage: true });
    // Number + the phone given finds it too.
    await phone.goto(`${server.baseUrl}/phan-anh/theo-doi?ma=${encodeURIComponent(code)}`);
    await phone.getByLabel('Số điện thoại đã khai').fill('0916000444');
    await phone.getByRole('button', { name: 'Tra cứu' }).click();
    await phone.getByTestId('fb-answer').filter({ hasText: 'Đã thay hai hàng ghế chờ ở tầng 1.' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('D: a second sender typing a near copy of an unpublished item is told of it while typing, without its text', async () => {
    const { rows } = await server.ctx.db.query<{ code: string }>(`SELECT code FROM feedback WHERE subject = 'Ghế chờ ở bộ phận một cửa bị hỏng'`);
    const code = rows[0]!.code;
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`${server.baseUrl}/phan-anh`);
    await phone.getByLabel('Cơ quan, đơn vị nhận *').selectOption({ label: s.tree.deskA.name });
    await phone.getByLabel('Tiêu đề *').fill('Ghe cho o bo phan mot cua bi hong');
    await phone.getByLabel('Nội dung *').fill('Hai hang ghe cho gan cua ra vao bi gay, nguoi gia phai dung cho lau.');
    // No click on "Gửi phản ánh": the suggestion comes after a pause in typing.
    const note = phone.getByRole('status').filter({ hasText: 'Đã có phản ánh tương tự' });
    await note.waitFor();
    const text = await note.innerText();
    expect(text).toContain(`Phản ánh số ${code}`);
    expect(text).toContain('chưa công khai');
    for (const leaked of ['Ghế chờ', 'người già', 'Trịnh Thị Mai']) expect(text).not.toContain(leaked);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/mc-feedback-similar-typing-phone.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

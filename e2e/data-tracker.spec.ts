import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { injectAs, type Session } from '../server/test/app.js';
import { multipart, pdf, registerCitizen } from '../server/test/citizens.js';
import { APPLICANT, seedDesk } from '../server/test/dossier-fixtures.js';
import { launchBrowser, seriousA11yViolations, SHOTS } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The citizen's "data tracker" (Nghị định 13/2023): after the desk officer opened the dossier and found it by the
 * citizen's CCCD, the citizen sees on their phone who looked, from which unit, how and when.
 */
describe('portal: who looked at my dossier', () => {
  let server: RunningServer;
  let browser: Browser;
  let citizen: Session & { id: string };
  let dossierId: string;
  let deskName: string;

  beforeAll(async () => {
    server = await startServer();
    const s = await seedDesk(server.app, server.ctx.db);
    deskName = s.tree.deskA.name;
    citizen = await registerCitizen(server.app, { identifier: 'an.tracker@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01' });
    const up = multipart({ name: 'to-khai.pdf', content: pdf('to khai tracker') }, { name: 'Tờ khai' });
    const docs = (await injectAs(server.app, citizen, { method: 'POST', url: '/api/citizen/documents', payload: up.payload, headers: up.headers })).json() as { sha256: string }[];
    const res = await injectAs(server.app, citizen, {
      method: 'POST',
      url: '/api/citizen/dossiers',
      payload: { idempotencyKey: 'tracker-e2e-1', procedureId: s.procedureId, resolvingUnitId: s.tree.communeA.id, eform: { hoTen: APPLICANT.fullName }, documents: [{ name: 'Tờ khai đăng ký khai sinh', sha256: docs[0]!.sha256 }] },
    });
    dossierId = (res.json() as { id: string }).id;
    await injectAs(server.app, s.desk, { method: 'GET', url: `/api/dossiers/${dossierId}` });
    await injectAs(server.app, s.desk, { method: 'GET', url: `/api/dossiers?queue=all&q=${APPLICANT.idNumber}` });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists each look with the officer, the unit and what they did, at phone width', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await context.addCookies([{ name: 'mc_citizen', value: citizen.cookie.split('=')[1]!, url: server.baseUrl }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.baseUrl}/cong-dan/ho-so/${dossierId}`);
    const section = page.getByRole('region', { name: 'Ai đã xem hồ sơ của bạn' });
    await section.waitFor();
    const items = section.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    const texts = await items.allInnerTexts();
    expect(texts.some((x) => x.includes('Cán bộ motcua') && x.includes(deskName) && x.includes('mở hồ sơ'))).toBe(true);
    expect(texts.some((x) => x.includes('tìm theo số căn cước / điện thoại'))).toBe(true);
    expect(texts.join(' ')).not.toContain(APPLICANT.idNumber);
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/mc-data-tracker.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});

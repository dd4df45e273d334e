import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { pdf } from '../../../test/citizens.js';
import { buildUnitTree } from '../../../test/factories.js';
import { startFeedbackMailbox, unitCodeOfRecipient, type FeedbackMailbox } from './feedback-mail.inbound.js';

let t: TestApp;
let mailbox: FeedbackMailbox;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
const now = new Date('2026-11-25T02:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  t.ctx.config.feedbackMailUnit = tree.deskA.code;
  mailbox = await startFeedbackMailbox(t.ctx, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await mailbox.close();
  await t.close();
});

// A real SMTP client (nodemailer) delivering to the adapter over the network, as a mail server would.
const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: mailbox.port, secure: false, ignoreTLS: true });

describe('feedback by e-mail', () => {
  it('picks the unit from the address', () => {
    expect(unitCodeOfRecipient('pakn@motcua.gov.vn', 'DEF')).toBe('DEF');
    expect(unitCodeOfRecipient('PAKN+000.00.01.h56@motcua.gov.vn', 'DEF')).toBe('000.00.01.H56');
    expect(unitCodeOfRecipient('lienhe@motcua.gov.vn', 'DEF')).toBeNull();
  });

  it('opens an item in the addressed unit with its accepted attachments, and e-mails the number back', async () => {
    await transport().sendMail({
      from: '"Lê Thị Mai" <mai.le@example.vn>',
      to: `pakn+${tree.communeB.code.toLowerCase()}@motcua.gov.vn`,
      subject: 'Phản ánh về đèn tín hiệu',
      text: 'Đèn tín hiệu giao thông ở ngã tư chợ hỏng đã một tuần.',
      attachments: [
        { filename: 'anh.pdf', content: pdf('den tin hieu') },
        { filename: 'virus.exe', content: Buffer.from('MZ this is not allowed') },
      ],
    });
    const row = (await t.ctx.db.query(`SELECT id, code, unit_id, channel, sender_name, sender_email, subject, content FROM feedback`)).rows;
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ unit_id: tree.communeB.id, channel: 'email', sender_name: 'Lê Thị Mai', sender_email: 'mai.le@example.vn', subject: 'Phản ánh về đèn tín hiệu' });
    expect(row[0].content).toContain('Đèn tín hiệu giao thông ở ngã tư chợ hỏng');
    expect(row[0].content).toContain('virus.exe');
    const files = (await t.ctx.db.query(`SELECT file_name FROM feedback_file WHERE feedback_id = $1`, [row[0].id])).rows;
    expect(files).toEqual([{ file_name: 'anh.pdf' }]);
    const receipt = (await t.ctx.db.query(`SELECT recipient, subject FROM notification_outbox WHERE template_key = 'feedback.received'`)).rows;
    expect(receipt).toEqual([{ recipient: 'mai.le@example.vn', subject: `[Một Cửa] Đã tiếp nhận phản ánh, kiến nghị số ${row[0].code}` }]);
  });

  it('the published address without a unit goes to the configured unit; an unknown mailbox or unit is refused at RCPT', async () => {
    await transport().sendMail({ from: 'binh@example.vn', to: 'pakn@motcua.gov.vn', subject: 'Hỏi', text: 'Xin hỏi giờ làm việc của bộ phận một cửa?' });
    const last = (await t.ctx.db.query(`SELECT unit_id, subject FROM feedback WHERE sender_email = 'binh@example.vn'`)).rows;
    expect(last).toEqual([{ unit_id: tree.deskA.id, subject: 'Phản ánh qua thư điện tử' }]);
    await expect(transport().sendMail({ from: 'x@example.vn', to: 'lienhe@motcua.gov.vn', subject: 'Thư', text: 'Nội dung thư bất kỳ gửi nhầm.' })).rejects.toThrow(/550/);
    await expect(transport().sendMail({ from: 'x@example.vn', to: 'pakn+KHONGCO@motcua.gov.vn', subject: 'Thư', text: 'Nội dung thư gửi đơn vị không có.' })).rejects.toThrow(/550/);
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM feedback`)).rows[0].n).toBe(2);
  });
});

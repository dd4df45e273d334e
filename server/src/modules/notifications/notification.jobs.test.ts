import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.js';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.js';
import type { Clock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import type { AppContext } from '../../platform/context.js';
import { createPool, withTransaction, type Db } from '../../platform/database.js';
import { DomainError } from '../../platform/errors.js';
import type { Log } from '../../platform/log.js';
import { allJobs } from '../jobs.js';
import type { Sender } from './notification.contract.js';
import { createSenders, DISPATCH_JOB, dispatchDueNotifications, notificationJobs, type Senders } from './notification.jobs.js';
import { claimDueNotifications, enqueueNotification, getNotification, markNotificationSent, type NewNotification } from './notification.repo.js';
import { MAX_ATTEMPTS, RETRY_DELAYS_MINUTES } from './notification.rules.js';
import { renderNotification } from './notification.templates.js';
import { createLogSmsSender } from './sms.sender.js';
import { createSmtpSender } from './smtp.sender.js';

type LogLine = { level: 'info' | 'warn' | 'error'; fields: Record<string, unknown>; msg: string };
function captureLog(): Log & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, msg: string) => void lines.push({ level, fields, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

let db: Db;
let url: string;
let drop: () => Promise<void>;
let smtp: TestSmtp;
let nowMs: number;
const clock: Clock = { now: () => new Date(nowMs) };
const ctx = () => ({ db, clock });
const minutes = (n: number) => n * 60_000;

function smtpSenders(log: Log = captureLog()): Senders {
  return { email: createSmtpSender({ url: smtp.url, from: 'Một Cửa <khong-tra-loi@motcua.local>' }), sms: createLogSmsSender({ log, clock }), zalo: null, log };
}

const accepted = renderNotification('dossier.accepted', 'email', {
  dossierCode: 'H56.71-261125-0001',
  procedureName: 'Đăng ký khai sinh',
  applicantName: 'Nguyễn Thị Hằng',
  appointmentAt: new Date('2026-11-27T03:00:00Z'),
});
const email = (recipient = 'nguoi-nop@example.vn', extra: Partial<NewNotification> = {}): NewNotification => ({
  channel: 'email',
  recipient,
  ...accepted,
  ...extra,
});

beforeAll(async () => {
  ({ db, url, drop } = await freshDatabase());
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await drop();
});
beforeEach(async () => {
  await db.query('DELETE FROM notification_outbox');
  smtp.received.length = 0;
  smtp.mode = 'accept';
  smtp.delayMs = 0;
  nowMs = Date.parse('2026-12-02T09:00:00Z'); // rows are stamped by this clock, not the database's
});

describe('notification outbox: enqueue inside the business transaction', () => {
  it('a notification enqueued in a transaction that rolls back is never sent', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await enqueueNotification(tx, email(), clock.now());
        throw new Error('the dossier could not be saved');
      }),
    ).rejects.toThrow('the dossier could not be saved');
    const report = await dispatchDueNotifications(ctx(), smtpSenders());
    expect(report.claimed).toBe(0);
    expect(smtp.received).toHaveLength(0);
    expect((await db.query('SELECT count(*)::int AS n FROM notification_outbox')).rows[0].n).toBe(0);
  });

  it('a committed notification arrives with its Vietnamese subject and body in UTF-8', async () => {
    const dossierId = '6f1c2a4e-0b7d-4c1e-9a53-2f0d8c1b7e10';
    const { id } = await withTransaction(db, (tx) => enqueueNotification(tx, email('Nguoi-Nop@Example.VN', { dossierId }), clock.now()));
    const report = await dispatchDueNotifications(ctx(), smtpSenders());
    expect(report).toMatchObject({ claimed: 1, sent: 1, retrying: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['Nguoi-Nop@example.vn']); // nodemailer lower-cases the domain only
    expect(mail.from).toBe('khong-tra-loi@motcua.local');
    expect(mail.subject).toBe('[Một Cửa] Đã tiếp nhận hồ sơ H56.71-261125-0001');
    expect(mail.text).toBe(accepted.body);
    expect(mail.text).toContain('Ngày hẹn trả kết quả: 10:00 ngày 27/11/2026');
    expect(mail.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(mail.headers.get('message-id')).toBe(`<${id}@motcua.local>`);
    expect(mail.headers.get('x-mot-cua-template')).toBe('dossier.accepted');
    const row = await getNotification(db, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, dossierId, templateKey: 'dossier.accepted' });
    expect(row!.sentAt).toEqual(clock.now());
    // Nothing is sent twice.
    expect((await dispatchDueNotifications(ctx(), smtpSenders())).claimed).toBe(0);
  });

  it('checks the recipient and content when enqueuing, so a bad address fails the business transaction', async () => {
    const sms = await enqueueNotification(db, { channel: 'sms', recipient: '0912 345 678', body: 'Ho so X da co ket qua.', templateKey: 'dossier.result-ready' }, clock.now());
    expect(await getNotification(db, sms.id)).toMatchObject({ recipient: '+84912345678', subject: null });
    const bad: [NewNotification, string][] = [
      [email('khong-phai-email'), 'NOTIFICATION.INVALID_RECIPIENT'],
      [email('a@b'), 'NOTIFICATION.INVALID_RECIPIENT'],
      [{ channel: 'sms', recipient: '024 3825 1234', body: 'x', templateKey: 'k' }, 'NOTIFICATION.INVALID_RECIPIENT'],
      [{ channel: 'sms', recipient: '01668123456', body: 'x', templateKey: 'k' }, 'NOTIFICATION.INVALID_RECIPIENT'],
      [email(undefined, { subject: '  ' }), 'NOTIFICATION.INVALID_CONTENT'],
      [email(undefined, { body: '' }), 'NOTIFICATION.INVALID_CONTENT'],
    ];
    for (const [n, code] of bad) {
      const err = await enqueueNotification(db, n, clock.now()).catch((e: unknown) => e);
      expect(err, n.recipient).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe(code);
      expect((err as DomainError).status).toBe(400);
    }
    // A notification may wait for a later moment.
    const later = await enqueueNotification(db, email(undefined, { notBefore: new Date(nowMs + minutes(30)) }), clock.now());
    await dispatchDueNotifications(ctx(), { ...smtpSenders(), sms: null });
    expect((await getNotification(db, later.id))!.status).toBe('pending');
  });
});

describe('notification outbox: sending with retries', () => {
  it('while the mail server rejects, attempts grow and the next try backs off; it goes out once the server accepts', async () => {
    const { id } = await enqueueNotification(db, email(), clock.now());
    const senders = smtpSenders();
    smtp.mode = 'reject';

    const first = await dispatchDueNotifications(ctx(), senders);
    expect(first).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    let row = (await getNotification(db, id))!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt.getTime()).toBe(nowMs + minutes(RETRY_DELAYS_MINUTES[0]!));

    // Not due yet: nothing is tried before the backoff ends.
    nowMs += minutes(1) - 1000;
    expect((await dispatchDueNotifications(ctx(), senders)).claimed).toBe(0);

    nowMs += 1000;
    expect(await dispatchDueNotifications(ctx(), senders)).toMatchObject({ claimed: 1, retrying: 1 });
    row = (await getNotification(db, id))!;
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime()).toBe(nowMs + minutes(RETRY_DELAYS_MINUTES[1]!));
    expect(smtp.received).toHaveLength(0);

    smtp.mode = 'accept';
    nowMs += minutes(5);
    expect(await dispatchDueNotifications(ctx(), senders)).toMatchObject({ claimed: 1, sent: 1 });
    row = (await getNotification(db, id))!;
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe(accepted.subject);
  });

  it(`after ${MAX_ATTEMPTS} failed attempts a notification is failed and left alone`, async () => {
    const { id } = await enqueueNotification(db, email(), clock.now());
    const log = captureLog();
    const broken: Sender = { send: async () => Promise.reject(new Error('gateway down')) };
    const senders: Senders = { email: broken, sms: null, zalo: null, log };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const r = await dispatchDueNotifications(ctx(), senders);
      expect(r.claimed, `attempt ${attempt}`).toBe(1);
      nowMs += minutes(RETRY_DELAYS_MINUTES[attempt - 1] ?? 0);
    }
    const row = (await getNotification(db, id))!;
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'gateway down', sentAt: null });
    nowMs += minutes(60 * 24 * 30);
    expect((await dispatchDueNotifications(ctx(), senders)).claimed).toBe(0);
    expect(log.lines.filter((l) => l.level === 'warn')).toHaveLength(MAX_ATTEMPTS - 1);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ event: 'notifications.send-failed', notificationId: id, outcome: 'failed' }) }),
    ]);
  });

  it('without SMTP, e-mails stay pending and untried with one warning; SMS still go out through the log driver', async () => {
    const mail = await enqueueNotification(db, email(), clock.now());
    const sms = await enqueueNotification(db, { channel: 'sms', recipient: '+84 912 345 678', ...renderNotification('dossier.refused', 'sms', { dossierCode: 'H56-1', procedureName: 'Khai sinh', reason: 'Không đúng thẩm quyền' }) }, clock.now());
    const log = captureLog();
    const senders = createSenders(loadConfig({}), clock, log);
    expect(senders.email).toBeNull();
    expect(await dispatchDueNotifications(ctx(), senders)).toMatchObject({ claimed: 1, sent: 1 });
    nowMs += minutes(10);
    expect(await dispatchDueNotifications(ctx(), senders)).toMatchObject({ claimed: 0 });
    expect(await getNotification(db, mail.id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(await getNotification(db, sms.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.fields.event)).toEqual(['notifications.no-smtp']);
    const smsLine = log.lines.find((l) => l.fields.event === 'sms.sent')!;
    expect(smsLine.fields).toMatchObject({ notificationId: sms.id, to: '+8491****678', body: 'Ho so H56-1 bi tu choi giai quyet. Ly do: Khong dung tham quyen' });
    expect((senders.sms as ReturnType<typeof createLogSmsSender>).sent.map((s) => s.to)).toEqual(['+84912345678']);
  });

  it('rows still unsent when a batch runs past its time budget are given back untried', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await enqueueNotification(db, email(`n${i}@example.vn`), clock.now())).id);
    const slow: Sender = {
      send: async () => {
        nowMs += minutes(6); // longer than half the claim lease
      },
    };
    const r = await dispatchDueNotifications(ctx(), { email: slow, sms: null, zalo: null, log: captureLog() });
    expect(r).toMatchObject({ claimed: 3, sent: 1, released: 2 });
    const rows = await Promise.all(ids.map((id) => getNotification(db, id)));
    expect(rows.map((x) => [x!.status, x!.attempts])).toEqual([
      ['sent', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
  });
});

describe('notification outbox: several instances', () => {
  it('two dispatchers running at once never send the same row twice', async () => {
    const n = 40;
    for (let i = 0; i < n; i++) await enqueueNotification(db, email(`nguoi-nop-${i}@example.vn`), clock.now());
    smtp.delayMs = 5;
    // Two instances: separate connection pools and transports.
    const instances = [createPool(url, 3), createPool(url, 3)];
    try {
      const run = async (pool: Db) => {
        const senders = smtpSenders();
        let sent = 0;
        for (;;) {
          const r = await dispatchDueNotifications({ db: pool, clock }, senders, 4);
          sent += r.sent;
          expect(r.stale).toBe(0);
          if (r.claimed === 0) return sent;
        }
      };
      const sentBy = await Promise.all(instances.map(run));
      expect(sentBy.reduce((x, y) => x + y, 0)).toBe(n);
      for (const count of sentBy) expect(count).toBeGreaterThan(0);
    } finally {
      await Promise.all(instances.map((p) => p.end()));
    }
    const ids = smtp.received.map((m) => m.headers.get('message-id'));
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    const { rows } = await db.query(`SELECT status, attempts, count(*)::int AS n FROM notification_outbox GROUP BY 1, 2`);
    expect(rows).toEqual([{ status: 'sent', attempts: 1, n }]);
  });

  it('a row being claimed by another instance is skipped, not waited for', async () => {
    const a = await enqueueNotification(db, email('a@example.vn'), clock.now());
    const b = await enqueueNotification(db, email('b@example.vn'), clock.now());
    const other = await db.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM notification_outbox WHERE id = $1 FOR UPDATE', [a.id]);
      const claimed = await claimDueNotifications(db, { now: clock.now(), limit: 10, channels: ['email'] });
      expect(claimed.map((r) => r.id)).toEqual([b.id]);
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
  });

  it('a claim whose lease ran out cannot record an outcome over the newer claim', async () => {
    const { id } = await enqueueNotification(db, email(), clock.now());
    const [first] = await claimDueNotifications(db, { now: clock.now(), limit: 1, channels: ['email'] });
    expect(await claimDueNotifications(db, { now: new Date(nowMs + minutes(9)), limit: 1, channels: ['email'] })).toEqual([]);
    const [second] = await claimDueNotifications(db, { now: new Date(nowMs + minutes(10)), limit: 1, channels: ['email'] });
    expect(second).toMatchObject({ id, attempts: 2 });
    expect(await markNotificationSent(db, first!, clock.now())).toBe(false);
    expect(await markNotificationSent(db, second!, clock.now())).toBe(true);
  });
});

describe('notifications.dispatch job', () => {
  it('is scheduled every minute and sends with the SMTP server from the configuration', async () => {
    expect(allJobs.map((j) => j.name)).toContain(DISPATCH_JOB);
    const job = notificationJobs.find((j) => j.name === DISPATCH_JOB)!;
    expect(job.cron).toBe('* * * * *');
    const config = loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'UBND phường An Thử <motcua@anthu.example.vn>', SEED_DEMO: 'false' });
    expect(config.smtpUrl).toBe(smtp.url);
    for (let i = 0; i < 3; i++) await enqueueNotification(db, email(`job-${i}@example.vn`), clock.now());
    await job.handler({ config, db, clock } as AppContext, {});
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received[0]!.headers.get('from')).toContain('motcua@anthu.example.vn');
    expect(smtp.received[0]!.headers.get('message-id')).toMatch(/@anthu\.example\.vn>$/);
  });

  it('configuration: SMTP_URL is optional and must be smtp:// or smtps://; MAIL_FROM has a default', () => {
    const plain = loadConfig({});
    expect(plain.smtpUrl).toBeUndefined();
    expect(plain.mailFrom).toBe('Một Cửa <khong-tra-loi@motcua.local>');
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.vn:465' }).smtpUrl).toBe('smtps://u:p@mail.example.vn:465');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.vn' })).toThrow();
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow();
  });
});

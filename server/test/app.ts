import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { systemClock, type Clock } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/context.js';
import { diskFileStore } from '../src/platform/storage.js';
import { freshDatabase } from './db.js';
import { TEST_PASSWORD } from './factories.js';
import { setOtpDelivery, type OtpMessage } from '../src/modules/identity/otp.delivery.js';

/** The one-time codes an app sent, newest last: the phones and mailboxes of a test. */
export type OtpInbox = { sent: OtpMessage[]; /** The last code sent to a recipient (a phone in any writing, or an e-mail). */ lastCode(recipient: string): string };
const inboxes = new WeakMap<FastifyInstance, OtpInbox>();

/** Captures the codes `ctx` sends instead of logging or sending them. */
export function captureOtps(ctx: AppContext): OtpInbox {
  const sent: OtpMessage[] = [];
  setOtpDelivery(ctx, async (m) => void sent.push(m));
  const digits = (s: string) => s.replace(/\D/g, '').replace(/^84/, '0');
  return {
    sent,
    lastCode(recipient) {
      const m = [...sent].reverse().find((x) => (recipient.includes('@') ? x.recipient === recipient.toLowerCase() : digits(x.recipient) === digits(recipient)));
      if (!m) throw new Error(`no code sent to ${recipient}`);
      return m.code;
    },
  };
}

/** Makes `app` keep the codes it sends, for `otpInbox(app)` (the browser journeys' servers use it). */
export function keepOtps(app: FastifyInstance, ctx: AppContext): OtpInbox {
  const inbox = captureOtps(ctx);
  inboxes.set(app, inbox);
  return inbox;
}

/** The codes the test app sent (see captureOtps). */
export function otpInbox(app: FastifyInstance): OtpInbox {
  const inbox = inboxes.get(app);
  if (!inbox) throw new Error('not a test app');
  return inbox;
}

/** `url` connects to the test database as its owner (a superuser), for tests that act behind the application's back. */
export type TestApp = { app: FastifyInstance; ctx: AppContext; url: string; otp: OtpInbox; close: () => Promise<void> };

/** The real app on a fresh database (no web bundle, no jobs); with `asAppRole`, connected with the application's rights only. */
export async function buildTestApp(options: { clock?: Clock; env?: Record<string, string>; logger?: object; asAppRole?: boolean } = {}): Promise<TestApp> {
  const { db, drop, url } = await freshDatabase({ asAppRole: options.asAppRole });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-test-'));
  // Sessions expire on the injected clock: tests that move it by weeks keep their officers signed in (the longest TTL).
  const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'false', SEED_DEMO: 'false', SESSION_TTL_HOURS: '720', ...options.env });
  const clock = options.clock ?? systemClock;
  const ctx: AppContext = { config, db, clock, files: diskFileStore(path.join(dataDir, 'files'), clock) };
  const otp = captureOtps(ctx);
  const app = await buildApp(ctx, { webDir: path.join(dataDir, 'no-web'), ...(options.logger ? { logger: options.logger } : {}) });
  await app.ready();
  inboxes.set(app, otp);
  return {
    app,
    ctx,
    url,
    otp,
    close: async () => {
      await app.close();
      await drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Session = { cookie: string; csrf: string };

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'mc_session');
  return { cookie: `mc_session=${cookie!.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

/** Injects a request as a signed-in officer (with the CSRF header), or anonymously when `session` is null. */
export function injectAs(app: FastifyInstance, session: Session | null, opts: InjectOptions): Promise<LightMyRequestResponse> {
  const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  return app.inject({ ...opts, headers });
}

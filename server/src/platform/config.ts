import { z } from 'zod';

const ZConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  /** External PostgreSQL; when absent an embedded server is started with its data under dataDir. */
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().default('./data'),
  embeddedPgPort: z.coerce.number().int().default(54329),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load demo data (units, staff, procedures) into an empty database. */
  seedDemo: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Set cookies with the Secure flag (behind HTTPS). */
  secureCookies: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  sessionTtlHours: z.coerce.number().min(1).max(24 * 30).default(12),
  loginMaxFailures: z.coerce.number().int().min(1).default(5),
  loginLockMinutes: z.coerce.number().int().min(1).default(15),
  /** Run pg-boss workers and schedules in this process. */
  jobs: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Outgoing mail server, e.g. smtp://user:pass@host:587 (smtps:// for TLS); without it e-mails wait in the outbox. */
  smtpUrl: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), 'SMTP_URL phải bắt đầu bằng smtp:// hoặc smtps://')
    .optional(),
  /** Public tracking look-ups allowed per client address per minute. */
  trackingPerMinute: z.coerce.number().int().min(1).default(30),
  /** Address citizens reach the portal at, printed in QR codes and notifications. */
  publicUrl: z.string().url().default('http://localhost:3000'),
  /** Sender of notification e-mails. */
  mailFrom: z.string().min(3).default('Một Cửa <khong-tra-loi@motcua.local>'),
  /** Citizens' sign-in through OpenID Connect (VNeID): the issuer, the client registered with it and the callback. */
  oidcIssuer: z.string().url().optional(),
  oidcClientId: z.string().min(1).optional(),
  oidcClientSecret: z.string().min(1).optional(),
  oidcRedirectUri: z.string().url().optional(),
  /** The ID token / userinfo claim carrying the citizen's CCCD (personal identification number). */
  oidcCccdClaim: z.string().min(1).default('cccd'),
});
export type AppConfig = z.infer<typeof ZConfig>;

/** Reads configuration from the environment once; every setting has a working default. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return ZConfig.parse({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO,
    secureCookies: env.SECURE_COOKIES,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginLockMinutes: env.LOGIN_LOCK_MINUTES,
    jobs: env.JOBS,
    smtpUrl: env.SMTP_URL || undefined,
    trackingPerMinute: env.TRACKING_PER_MINUTE,
    publicUrl: env.PUBLIC_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    oidcIssuer: env.OIDC_ISSUER || undefined,
    oidcClientId: env.OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
    oidcRedirectUri: env.OIDC_REDIRECT_URI || undefined,
    oidcCccdClaim: env.OIDC_CCCD_CLAIM || undefined,
  });
}

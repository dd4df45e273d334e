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
  /** Write one-time codes (sign-in, password recovery, registration) to the log: the demo's SMS gateway. Off when NODE_ENV=production. */
  otpLogCodes: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Public look-ups (tracking, fee, rating: one budget) allowed per client address per minute, across all instances. */
  trackingPerMinute: z.coerce.number().int().min(1).default(30),
  /** Wrong tracking secrets one dossier code takes before its look-ups wait (1 min, doubling per further failure). */
  trackingSecretFailures: z.coerce.number().int().min(1).max(20).default(5),
  /** Address citizens reach the portal at, printed in QR codes and notifications. */
  publicUrl: z.string().url().default('http://localhost:3000'),
  /** Time of the daily quick report (báo cáo nhanh), HH:MM Vietnam time. */
  reportDailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'REPORT_DAILY_AT dạng HH:MM').default('16:00'),
  /** Sender of notification e-mails. */
  mailFrom: z.string().min(3).default('Một Cửa <khong-tra-loi@motcua.local>'),
  /** Mount the local payment gateway simulator (/sim/vnpay) in this server. */
  paymentSimulator: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** VNPay merchant code, hash secret and pay URL; without a URL payments go to the simulator of this server. */
  vnpayTmnCode: z.string().min(1).max(20).default('MOTCUA01'),
  vnpayHashSecret: z.string().min(16).default('MOTCUA-DEMO-HASH-SECRET-CHANGE-ME'),
  vnpayUrl: z.string().url().optional(),
  /** Account that receives VietQR transfers: bank BIN, account number, account name. */
  vietqrBin: z.string().regex(/^\d{6}$/).default('970436'),
  vietqrAccountNo: z.string().regex(/^[0-9A-Za-z]{1,19}$/).default('0011001234567'),
  vietqrAccountName: z.string().min(1).max(100).default('UBND DEMO THU PHI LE PHI'),
  /** Mount the local postal operator simulator (/api/postal-sim) and use it as the operator. */
  postalSimulator: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** A real postal operator's API (same protocol as the simulator); takes precedence over the simulator. */
  postalApiUrl: z.string().url().optional(),
  postalApiKey: z.string().default(''),
  /** Shared secret of the operator's signed status callbacks (HMAC-SHA256). */
  postalCallbackSecret: z.string().min(16).default('motcua-postal-callback-dev-secret'),
  /** Where the simulator posts its callbacks; empty: this server's own listening address. */
  postalCallbackUrl: z.string().url().optional(),
  /** Pickup requests from the public portal allowed per client address per hour. */
  pickupRequestsPerHour: z.coerce.number().int().min(1).default(10),
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
    trackingSecretFailures: env.TRACKING_SECRET_FAILURES || undefined,
    otpLogCodes: env.OTP_LOG_CODES || (env.NODE_ENV === 'production' ? 'false' : undefined),
    publicUrl: env.PUBLIC_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    paymentSimulator: env.PAYMENT_SIMULATOR || undefined,
    vnpayTmnCode: env.VNPAY_TMN_CODE || undefined,
    vnpayHashSecret: env.VNPAY_HASH_SECRET || undefined,
    vnpayUrl: env.VNPAY_URL || undefined,
    vietqrBin: env.VIETQR_BIN || undefined,
    vietqrAccountNo: env.VIETQR_ACCOUNT_NO || undefined,
    vietqrAccountName: env.VIETQR_ACCOUNT_NAME || undefined,
    postalSimulator: env.POSTAL_SIMULATOR || undefined,
    postalApiUrl: env.POSTAL_API_URL || undefined,
    postalApiKey: env.POSTAL_API_KEY || undefined,
    postalCallbackSecret: env.POSTAL_CALLBACK_SECRET || undefined,
    postalCallbackUrl: env.POSTAL_CALLBACK_URL || undefined,
    pickupRequestsPerHour: env.PICKUP_REQUESTS_PER_HOUR || undefined,
    reportDailyAt: env.REPORT_DAILY_AT || undefined,
    oidcIssuer: env.OIDC_ISSUER || undefined,
    oidcClientId: env.OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
    oidcRedirectUri: env.OIDC_REDIRECT_URI || undefined,
    oidcCccdClaim: env.OIDC_CCCD_CLAIM || undefined,
  });
}

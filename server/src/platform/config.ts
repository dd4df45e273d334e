import net from 'node:net';
import { z } from 'zod';
import { DEFAULT_DATABASE_TIMEOUTS, parseDatabaseUrl } from './database-hosts.js';

/**
 * Published values of the demo: they are in this repository, so anyone can sign with them. The demo uses them so that
 * `npm start` works with nothing set; production mode refuses to start while any secret is one of them (config.rules.ts).
 */
export const demoSecrets = {
  vnpayHashSecret: 'MOTCUA-DEMO-HASH-SECRET-CHANGE-ME',
  postalCallbackSecret: 'motcua-postal-callback-dev-secret',
  receiptLinkSecret: 'motcua-receipt-link-dev-secret-change-me',
  nationalPaymentSecret: 'motcua-paygov-demo-secret-change-me',
  citizenStoreToken: 'motcua-kho-dvcqg-demo-token',
  populationApiToken: 'motcua-ndxp-demo-token-change-me',
  nationalPortalPassword: 'motcua-national-portal-demo-password',
  nationalPortalInboundSecret: 'motcua-national-portal-inbound-dev-secret',
  zaloAccessToken: 'motcua-zalo-oa-demo-access-token',
  zaloOaSecret: 'motcua-zalo-oa-demo-secret-key',
  nationalSsoClientSecret: 'motcua-dvcqg-sso-demo-client-secret',
  webhookSecretKey: 'motcua-webhook-secret-key-demo-change-me',
} as const;

/**
 * Database passwords written in this repository: the embedded PostgreSQL's superuser, the one-machine cell's roles
 * (scripts/cluster/start.sh defaults) and the tests' application role. Anyone can read them, so production refuses them.
 */
export const publishedDatabasePasswords: readonly string[] = ['postgres', 'motcua-cluster-super', 'motcua-cluster-repl', 'motcua-cluster-app', 'motcua-test-app'];

/** A secret of at least 16 characters; '' means "not set" (refused in production, filled with the demo value otherwise). */
const ZSecret = z.string().refine((s) => s === '' || s.length >= 16, 'khóa bí mật cần ít nhất 16 ký tự / a secret needs at least 16 characters');

/** A proxy the server trusts for X-Forwarded-*: an IP address, a CIDR range or one of proxy-addr's names. */
const ZProxy = z.string().refine((p) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(p)) return true;
  const [addr, bits, ...rest] = p.split('/');
  if (rest.length || !addr || !net.isIP(addr)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (net.isIPv4(addr) ? 32 : 128));
}, 'TRUST_PROXY: địa chỉ IP, dải CIDR hoặc loopback/linklocal/uniquelocal, cách nhau bởi dấu phẩy');

/** A PostgreSQL URL, possibly libpq's multi-host form (postgres://u:p@h1:5432,h2:5432/db?target_session_attrs=read-write). */
const ZDatabaseUrl = z.string().refine((u) => {
  try {
    parseDatabaseUrl(u);
    return true;
  } catch {
    return false;
  }
}, 'URL PostgreSQL không hợp lệ (postgres://người-dùng:mật-khẩu@máy1:cổng,máy2:cổng/csdl) / invalid PostgreSQL URL');

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const ZConfig = z.object({
  /**
   * 'demo' (the default): embedded database, demo data, simulators. 'production' (APP_MODE=production or
   * NODE_ENV=production): safe defaults, and the server refuses to start on an unsafe setting (config.rules.ts).
   */
  mode: z.enum(['demo', 'production']),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  /**
   * External PostgreSQL; when absent an embedded server is started with its data under dataDir. Several hosts
   * (h1:5432,h2:5432) with target_session_attrs=read-write: connections follow the primary across a failover.
   */
  databaseUrl: ZDatabaseUrl.optional(),
  /** The schema owner's connection, for migrations; without it they run with DATABASE_URL. Bypasses any pooler. */
  migrationDatabaseUrl: ZDatabaseUrl.optional(),
  /**
   * Read replicas (DATABASE_REPLICA_URLS, separated by spaces or semicolons) for the reads that tolerate a little
   * staleness (reports, dashboards, the public catalogue and information pages, exports); empty: all on the primary.
   */
  databaseReplicaUrls: z.array(ZDatabaseUrl),
  /**
   * Client-side limits on the application's connections (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_QUERY_TIMEOUT_MS,
   * DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_KEEPALIVE_MS; 0 = off): a primary that silently stops answering makes a
   * request fail after the query timeout instead of hanging (database-hosts.ts). Migrations are not limited.
   */
  databaseTimeouts: z.object({
    connectMs: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_DATABASE_TIMEOUTS.connectMs),
    queryMs: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.queryMs),
    statementMs: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.statementMs),
    keepAliveMs: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.keepAliveMs),
  }),
  /**
   * Named prepared statements for the hot reads (database.ts `prepared`): PostgreSQL plans them once per connection.
   * DATABASE_PREPARED_STATEMENTS=false behind a transaction-mode pooler that does not track them (PgBouncer before 1.21).
   */
  databasePreparedStatements: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  dataDir: z.string().default('./data'),
  embeddedPgPort: z.coerce.number().int().default(54329),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load demo data (units, staff, procedures) into an empty database. */
  seedDemo: flag,
  /** The password of the demo accounts (DEMO_PASSWORD); random when absent. */
  demoPassword: z.string().min(1).optional(),
  /** Set cookies with the Secure flag (behind HTTPS). */
  secureCookies: flag,
  /** Proxies whose X-Forwarded-For / -Proto are believed (TRUST_PROXY, comma-separated); empty: the socket's address only. */
  trustProxy: z.array(ZProxy),
  /** Bearer token that /metrics requires (METRICS_TOKEN); without it /metrics is open in the demo and absent in production. */
  metricsToken: z.string().min(16).optional(),
  /** Space each citizen may fill with uploaded documents, in megabytes. */
  citizenQuotaMb: z.coerce.number().int().min(1).max(100_000).default(200),
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
  /** Write one-time codes (sign-in, password recovery, registration) to the log: the demo's SMS gateway. Off in production mode, which refuses it (config.rules.ts). */
  otpLogCodes: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Public look-ups (tracking, fee, rating: one budget) allowed per client address per minute, across all instances. */
  trackingPerMinute: z.coerce.number().int().min(1).default(30),
  /** Wrong tracking secrets one dossier code takes before its look-ups wait (1 min, doubling per further failure). */
  trackingSecretFailures: z.coerce.number().int().min(1).max(20).default(5),
  /** Address citizens reach the portal at, printed in QR codes and notifications. */
  publicUrl: z.string().url().transform((u) => u.replace(/\/+$/, '')),
  /** Time of the daily quick report (báo cáo nhanh), HH:MM Vietnam time. */
  reportDailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'REPORT_DAILY_AT dạng HH:MM').default('16:00'),
  /** Sender of notification e-mails. */
  mailFrom: z.string().min(3).default('Một Cửa <khong-tra-loi@motcua.local>'),
  /** Mount the local payment gateway simulator (/sim/vnpay) in this server. */
  paymentSimulator: flag,
  /** VNPay merchant code, hash secret and pay URL; without a URL payments go to the simulator of this server. */
  vnpayTmnCode: z.string().min(1).max(20).default('MOTCUA01'),
  vnpayHashSecret: ZSecret,
  /** Key of the capability links on receipts and payment results: its own key, so the gateway's secret signs nothing else. */
  receiptLinkSecret: ZSecret,
  vnpayUrl: z.string().url().optional(),
  /** Account that receives VietQR transfers: bank BIN, account number, account name. */
  vietqrBin: z.string().regex(/^\d{6}$/).default('970436'),
  vietqrAccountNo: z.string().regex(/^[0-9A-Za-z]{1,19}$/).default('0011001234567'),
  vietqrAccountName: z.string().min(1).max(100).default('UBND DEMO THU PHI LE PHI'),
  /** Mount the local postal operator simulator (/api/postal-sim) and use it as the operator. */
  postalSimulator: flag,
  /** A real postal operator's API (same protocol as the simulator); takes precedence over the simulator. */
  postalApiUrl: z.string().url().optional(),
  postalApiKey: z.string().default(''),
  /** Shared secret of the operator's signed status callbacks (HMAC-SHA256). */
  postalCallbackSecret: ZSecret,
  /** Where the simulator posts its callbacks; empty: this server's own listening address. */
  postalCallbackUrl: z.string().url().optional(),
  /** Pickup requests from the public portal allowed per client address per hour. */
  pickupRequestsPerHour: z.coerce.number().int().min(1).default(10),
  /**
   * The support line printed in the portal's footer, "<name>|<number>" (default: the national public-service portal's
   * toll-free line, 1800 1096); the contacts of the citizen's unit come from its information site (portal_site).
   */
  portalHotline: z
    .string()
    .regex(/^[^|]{2,120}\|[0-9 +.()-]{3,20}$/, 'PORTAL_HOTLINE: "<tên>|<số điện thoại>"')
    .default('Tổng đài hỗ trợ Cổng Dịch vụ công quốc gia|1800 1096'),
  /** Citizens' sign-in through OpenID Connect (VNeID): the issuer, the client registered with it and the callback. */
  oidcIssuer: z.string().url().optional(),
  oidcClientId: z.string().min(1).optional(),
  oidcClientSecret: z.string().min(1).optional(),
  oidcRedirectUri: z.string().url().optional(),
  /** The ID token / userinfo claim carrying the citizen's CCCD (personal identification number). */
  oidcCccdClaim: z.string().min(1).default('cccd'),
  /**
   * The national public-service portal (Cổng DVCQG, issue 16). With NATIONAL_PORTAL_URL the sync talks to it; else, with
   * the simulator on (demo and tests; refused in production), to the local simulator mounted in this server.
   */
  nationalPortalSimulator: flag,
  nationalPortalUrl: z.string().url().optional(),
  /** The province's integration account on the national portal and its agency code (madonvi). */
  nationalPortalUsername: z.string().min(1).default('motcua'),
  nationalPortalPassword: ZSecret,
  nationalPortalAgencyCode: z.string().min(1).max(60).default('000.00.00.H00'),
  /** Bearer secret the national portal presents when it pushes a dossier submitted there (empty: pushes refused). */
  nationalPortalInboundSecret: ZSecret,
  /** The portal's service listing the dossiers submitted there since a cursor (not in the verified service list). */
  nationalPortalPullService: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{2,60}$/).default('LayDanhSachHoSoDVCQG'),
  /**
   * Single sign-on from the national portal (OpenID Connect): its issuer and the client registered with it. Without an
   * issuer, the demo's national portal simulator provides one (/sim/dvcqg/sso); production has none unless configured.
   */
  nationalSsoIssuer: z.string().url().optional(),
  nationalSsoClientId: z.string().min(1).default('motcua'),
  nationalSsoClientSecret: ZSecret,
  /** The claim carrying the citizen's CCCD in the national portal's ID token / userinfo. */
  nationalSsoCccdClaim: z.string().min(1).default('cccd'),
  /** Map tiles for the place of a feedback item, e.g. https://tile.example.vn/{z}/{x}/{y}.png; without it the address alone. */
  feedbackTileUrl: z.string().regex(/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/, 'FEEDBACK_TILE_URL cần chứa {z}, {x}, {y}').optional(),
  /** The citizen's store on the national portal (Kho, ND 45/2020 Điều 16): its API and bearer token; without a URL the local simulator. */
  citizenStoreUrl: z.string().url().optional(),
  citizenStoreToken: z.string(),
  /** Use the local simulator of the national store (and mount it at /sim/kho); refused in production mode. */
  citizenStoreSimulator: flag,
  /** The national population database through the data-sharing platform (NDXP / LGSP): API and token; without a URL the simulator. */
  populationApiUrl: z.string().url().optional(),
  populationApiToken: z.string(),
  /** Use the local simulator of the population database (and mount it at /sim/dan-cu); refused in production mode. */
  populationSimulator: flag,
  /** Days a recorded consent to a population look-up stays usable (the citizen gives it for one dossier). */
  populationConsentDays: z.coerce.number().int().min(1).max(30).default(1),
  /** The national payment platform (Nền tảng thanh toán trực tuyến, PayGov): pay URL, merchant code and signing secret. */
  nationalPaymentUrl: z.string().url().optional(),
  nationalPaymentMerchant: z.string().min(1).max(40).default('MOTCUA-DEMO'),
  nationalPaymentSecret: ZSecret,
  /** Mount the local simulator of the national payment platform (/sim/paygov); refused in production mode. */
  nationalPaymentSimulator: flag,
  /** Zalo Notification Service (ZNS) base URL, e.g. https://business.openapi.zalo.me; without it the simulator (demo) or no Zalo. */
  zaloZnsUrl: z.string().url().optional(),
  /** The Official Account's access token for ZNS (the `access_token` header). */
  zaloAccessToken: ZSecret,
  /** The Zalo app id and the OA secret key that sign webhook events (X-ZEvent-Signature). */
  zaloAppId: z.string().min(1).max(40).default('motcua-demo-app'),
  zaloOaSecret: ZSecret,
  /** Approved ZNS template id per notification key: `dossier.accepted=123456,dossier.apology=123457`. */
  zaloTemplateIds: z.string().max(2000).default('dossier.accepted=900001,dossier.supplementation-requested=900002,dossier.apology=900003,dossier.result-ready=900004,dossier.refused=900005,dossier.status-changed=900006'),
  /** Use the local ZNS simulator (/sim/zalo) when no ZALO_ZNS_URL is set; refused in production mode. */
  zaloSimulator: flag,
  /**
   * Webhooks may reach private, loopback and link-local addresses over http (a test receiver on this machine): off by
   * default in every mode, since an administrator's subscription would otherwise probe the internal network (SSRF).
   */
  webhookPrivateTargets: flag,
  /**
   * The key that seals webhook signing secrets in the database (AES-256-GCM, webhook-secret.ts): a database dump or a
   * read replica alone then signs nothing. Changing it makes the stored secrets unreadable (subscribe again).
   */
  webhookSecretKey: ZSecret,
  /** Days a delivered outbox row (notifications, webhooks, national sync) is kept before the daily pruning deletes it. */
  outboxRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
  /** Port of the inbound SMTP server receiving feedback by e-mail (off when unset). */
  feedbackSmtpPort: z.coerce.number().int().min(0).max(65535).optional(),
  /** Unit code that receives e-mails sent to the published address without a unit (pakn+<unit code>@… picks one). */
  feedbackMailUnit: z.string().regex(/^[0-9A-Z.]{1,35}$/).optional(),
});
export type AppConfig = z.infer<typeof ZConfig>;

/** True when the environment asks for production mode (APP_MODE wins over NODE_ENV). */
export function isProductionEnv(env: NodeJS.ProcessEnv): boolean {
  return env.APP_MODE ? env.APP_MODE === 'production' : env.NODE_ENV === 'production';
}

/**
 * Reads configuration from the environment once. In the demo every setting has a working default; in production the
 * defaults are the safe ones (no simulator, no demo data, Secure cookies) and secrets have none — config.rules.ts then
 * names what is missing.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = isProductionEnv(env);
  // NODE_ENV=production says "this is the real thing"; a demo there (simulators, demo accounts, published secrets)
  // would run silently. The operator must choose one.
  if (env.APP_MODE === 'demo' && env.NODE_ENV === 'production') {
    throw new ConfigInvalid([
      {
        setting: 'APP_MODE',
        vi: 'APP_MODE=demo cùng NODE_ENV=production: bản dùng thử (bộ mô phỏng, tài khoản mẫu, khóa mẫu) không chạy ở môi trường thật; đặt APP_MODE=production, hoặc bỏ NODE_ENV=production để dùng thử',
        en: 'APP_MODE=demo with NODE_ENV=production: the demo (simulators, demo accounts, published secrets) does not run in production; set APP_MODE=production, or drop NODE_ENV=production to try the demo',
      },
    ]);
  }
  const demoDefault = (value: string | undefined, demo: string) => value || (production ? '' : demo);
  const port = env.PORT || '3000';
  const parsed = ZConfig.safeParse({
    mode: env.APP_MODE || (production ? 'production' : 'demo'),
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    databaseReplicaUrls: (env.DATABASE_REPLICA_URLS ?? '').split(/[\s;]+/).filter(Boolean),
    databaseTimeouts: {
      connectMs: env.DATABASE_CONNECT_TIMEOUT_MS || undefined,
      queryMs: env.DATABASE_QUERY_TIMEOUT_MS || undefined,
      statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS || undefined,
      keepAliveMs: env.DATABASE_KEEPALIVE_MS || undefined,
    },
    databasePreparedStatements: env.DATABASE_PREPARED_STATEMENTS || undefined,
    dataDir: env.DATA_DIR,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO || String(!production),
    demoPassword: env.DEMO_PASSWORD || undefined,
    secureCookies: env.SECURE_COOKIES || String(production),
    trustProxy: (env.TRUST_PROXY ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    metricsToken: env.METRICS_TOKEN || undefined,
    citizenQuotaMb: env.CITIZEN_QUOTA_MB || undefined,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginLockMinutes: env.LOGIN_LOCK_MINUTES,
    jobs: env.JOBS,
    smtpUrl: env.SMTP_URL || undefined,
    trackingPerMinute: env.TRACKING_PER_MINUTE,
    trackingSecretFailures: env.TRACKING_SECRET_FAILURES || undefined,
    otpLogCodes: env.OTP_LOG_CODES || String(!production),
    // The only source of this server's own address: never the request's Host or X-Forwarded-Host.
    publicUrl: env.PUBLIC_URL || `http://localhost:${port}`,
    mailFrom: env.MAIL_FROM || undefined,
    paymentSimulator: env.PAYMENT_SIMULATOR || String(!production),
    vnpayTmnCode: env.VNPAY_TMN_CODE || undefined,
    vnpayHashSecret: demoDefault(env.VNPAY_HASH_SECRET, demoSecrets.vnpayHashSecret),
    receiptLinkSecret: demoDefault(env.RECEIPT_LINK_SECRET, demoSecrets.receiptLinkSecret),
    vnpayUrl: env.VNPAY_URL || undefined,
    vietqrBin: env.VIETQR_BIN || undefined,
    vietqrAccountNo: env.VIETQR_ACCOUNT_NO || undefined,
    vietqrAccountName: env.VIETQR_ACCOUNT_NAME || undefined,
    postalSimulator: env.POSTAL_SIMULATOR || String(!production),
    postalApiUrl: env.POSTAL_API_URL || undefined,
    postalApiKey: env.POSTAL_API_KEY || undefined,
    postalCallbackSecret: demoDefault(env.POSTAL_CALLBACK_SECRET, demoSecrets.postalCallbackSecret),
    postalCallbackUrl: env.POSTAL_CALLBACK_URL || undefined,
    pickupRequestsPerHour: env.PICKUP_REQUESTS_PER_HOUR || undefined,
    portalHotline: env.PORTAL_HOTLINE || undefined,
    reportDailyAt: env.REPORT_DAILY_AT || undefined,
    oidcIssuer: env.OIDC_ISSUER || undefined,
    oidcClientId: env.OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
    oidcRedirectUri: env.OIDC_REDIRECT_URI || undefined,
    oidcCccdClaim: env.OIDC_CCCD_CLAIM || undefined,
    citizenStoreUrl: env.CITIZEN_STORE_URL || undefined,
    citizenStoreToken: demoDefault(env.CITIZEN_STORE_TOKEN, demoSecrets.citizenStoreToken),
    citizenStoreSimulator: env.CITIZEN_STORE_SIMULATOR || String(!production),
    populationApiUrl: env.POPULATION_API_URL || undefined,
    populationApiToken: demoDefault(env.POPULATION_API_TOKEN, demoSecrets.populationApiToken),
    populationSimulator: env.POPULATION_SIMULATOR || String(!production),
    populationConsentDays: env.POPULATION_CONSENT_DAYS || undefined,
    nationalPaymentUrl: env.NATIONAL_PAYMENT_URL || undefined,
    nationalPaymentMerchant: env.NATIONAL_PAYMENT_MERCHANT || undefined,
    nationalPaymentSecret: demoDefault(env.NATIONAL_PAYMENT_SECRET, demoSecrets.nationalPaymentSecret),
    nationalPaymentSimulator: env.NATIONAL_PAYMENT_SIMULATOR || String(!production),
    nationalPortalSimulator: env.NATIONAL_PORTAL_SIMULATOR || String(!production),
    nationalPortalUrl: env.NATIONAL_PORTAL_URL || undefined,
    nationalPortalUsername: env.NATIONAL_PORTAL_USERNAME || undefined,
    nationalPortalPassword: demoDefault(env.NATIONAL_PORTAL_PASSWORD, demoSecrets.nationalPortalPassword),
    nationalPortalAgencyCode: env.NATIONAL_PORTAL_AGENCY_CODE || undefined,
    nationalPortalInboundSecret: demoDefault(env.NATIONAL_PORTAL_INBOUND_SECRET, demoSecrets.nationalPortalInboundSecret),
    zaloZnsUrl: env.ZALO_ZNS_URL || undefined,
    zaloAccessToken: demoDefault(env.ZALO_ACCESS_TOKEN, demoSecrets.zaloAccessToken),
    zaloAppId: env.ZALO_APP_ID || undefined,
    zaloOaSecret: demoDefault(env.ZALO_OA_SECRET, demoSecrets.zaloOaSecret),
    zaloTemplateIds: env.ZALO_TEMPLATE_IDS || undefined,
    zaloSimulator: env.ZALO_SIMULATOR || String(!production),
    webhookPrivateTargets: env.WEBHOOK_PRIVATE_TARGETS || 'false',
    webhookSecretKey: demoDefault(env.WEBHOOK_SECRET_KEY, demoSecrets.webhookSecretKey),
    outboxRetentionDays: env.OUTBOX_RETENTION_DAYS || undefined,
    nationalPortalPullService: env.NATIONAL_PORTAL_PULL_SERVICE || undefined,
    nationalSsoIssuer: env.NATIONAL_SSO_ISSUER || undefined,
    nationalSsoClientId: env.NATIONAL_SSO_CLIENT_ID || undefined,
    nationalSsoClientSecret: demoDefault(env.NATIONAL_SSO_CLIENT_SECRET, demoSecrets.nationalSsoClientSecret),
    nationalSsoCccdClaim: env.NATIONAL_SSO_CCCD_CLAIM || undefined,
    feedbackTileUrl: env.FEEDBACK_TILE_URL || undefined,
    feedbackSmtpPort: env.FEEDBACK_SMTP_PORT || undefined,
    feedbackMailUnit: env.FEEDBACK_MAIL_UNIT || undefined,
  });
  if (!parsed.success) throw new ConfigInvalid(parsed.error.issues.map((i) => settingProblem(i.path, i.message)));
  return parsed.data;
}

/** A setting that cannot be read (a short secret, a port that is not a number…), named as the operator wrote it. */
export type SettingProblem = { setting: string; vi: string; en: string };

/** Thrown by loadConfig: every unreadable setting at once, so the operator fixes them in one go. */
export class ConfigInvalid extends Error {
  constructor(readonly problems: SettingProblem[]) {
    super(problems.map((p) => `${p.setting}: ${p.en}`).join('; '));
    this.name = 'ConfigInvalid';
  }
}

/** The environment variable behind a config field: `metricsToken` → METRICS_TOKEN; `mode` is APP_MODE. */
export function settingName(field: string): string {
  if (field === 'mode') return 'APP_MODE';
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function settingProblem(path: readonly PropertyKey[], message: string): SettingProblem {
  const timeoutSettings: Record<string, string> = { connectMs: 'DATABASE_CONNECT_TIMEOUT_MS', queryMs: 'DATABASE_QUERY_TIMEOUT_MS', statementMs: 'DATABASE_STATEMENT_TIMEOUT_MS', keepAliveMs: 'DATABASE_KEEPALIVE_MS' };
  const setting = path[0] === 'databaseTimeouts' ? (timeoutSettings[String(path[1])] ?? 'DATABASE_QUERY_TIMEOUT_MS') : settingName(String(path[0] ?? ''));
  // Our own refinements carry "vi / en"; zod's built-in messages are English only.
  const [vi, en] = message.includes(' / ') ? message.split(' / ') : [`giá trị không hợp lệ (${message})`, message];
  return { setting, vi: vi ?? message, en: en ?? message };
}

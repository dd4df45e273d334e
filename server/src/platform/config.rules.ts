import { demoSecrets, publishedDatabasePasswords, type AppConfig } from './config.js';
import { parseDatabaseUrl } from './database-hosts.js';

/** One reason production mode will not start: the setting to change and why, in Vietnamese and English. */
export type ConfigProblem = { setting: string; vi: string; en: string };

type Checked = Pick<
  AppConfig,
  | 'mode'
  | 'vnpayHashSecret'
  | 'receiptLinkSecret'
  | 'postalCallbackSecret'
  | 'paymentSimulator'
  | 'postalSimulator'
  | 'secureCookies'
  | 'seedDemo'
  | 'demoPassword'
  | 'publicUrl'
  | 'oidcIssuer'
  | 'otpLogCodes'
  | 'databaseUrl'
  | 'migrationDatabaseUrl'
  | 'databaseReplicaUrls'
  | 'citizenStoreSimulator'
  | 'citizenStoreToken'
  | 'citizenStoreUrl'
  | 'populationSimulator'
  | 'populationApiToken'
  | 'populationApiUrl'
  | 'nationalPaymentSimulator'
  | 'nationalPaymentSecret'
  | 'nationalPaymentUrl'
  | 'nationalPortalSimulator'
  | 'nationalPortalUrl'
  | 'nationalPortalPassword'
  | 'nationalPortalInboundSecret'
  | 'zaloSimulator'
  | 'webhookPrivateTargets'
  | 'webhookSecretKey'
  | 'zaloZnsUrl'
  | 'zaloAccessToken'
  | 'zaloOaSecret'
  | 'nationalSsoIssuer'
  | 'nationalSsoClientSecret'
>;

const published: readonly string[] = Object.values(demoSecrets);

const secrets = [
  { key: 'vnpayHashSecret', setting: 'VNPAY_HASH_SECRET', vi: 'khóa bí mật của cổng thanh toán', en: "the payment gateway's hash secret" },
  { key: 'postalCallbackSecret', setting: 'POSTAL_CALLBACK_SECRET', vi: 'khóa ký thông báo của doanh nghiệp bưu chính', en: "the postal operator's callback secret" },
  { key: 'receiptLinkSecret', setting: 'RECEIPT_LINK_SECRET', vi: 'khóa ký liên kết biên lai và liên kết tải tệp cho Cổng DVCQG', en: 'the key that signs receipt links and the national portal file links' },
  { key: 'webhookSecretKey', setting: 'WEBHOOK_SECRET_KEY', vi: 'khóa mã hóa khóa ký webhook lưu trong cơ sở dữ liệu', en: 'the key that encrypts stored webhook secrets' },
] as const;

// Optional (a province may run without the national portal), but never a value published here.
const nationalSecrets = [
  { key: 'nationalPortalPassword', setting: 'NATIONAL_PORTAL_PASSWORD', vi: 'mật khẩu tài khoản kết nối Cổng Dịch vụ công quốc gia', en: 'the national portal account password' },
  { key: 'nationalPortalInboundSecret', setting: 'NATIONAL_PORTAL_INBOUND_SECRET', vi: 'khóa nhận hồ sơ từ Cổng Dịch vụ công quốc gia', en: 'the national portal inbound secret' },
  { key: 'nationalSsoClientSecret', setting: 'NATIONAL_SSO_CLIENT_SECRET', vi: 'khóa ứng dụng đăng nhập một lần của Cổng Dịch vụ công quốc gia', en: 'the national portal SSO client secret' },
] as const;

/**
 * What makes a configuration unsafe to put on the internet; empty in the demo. A secret that is missing or one of the
 * values published in this repository lets anyone sign payment notices, postal callbacks or receipt links; a simulator
 * settles payments and deliveries that never happened; cookies without Secure travel in clear text; demo accounts
 * have a printed password.
 */
export function productionProblems(config: Checked): ConfigProblem[] {
  if (config.mode !== 'production') return [];
  const out: ConfigProblem[] = [];
  for (const s of secrets) {
    const value = config[s.key];
    if (!value) out.push({ setting: s.setting, vi: `chưa đặt ${s.vi}`, en: `${s.en} is not set` });
    else if (published.includes(value)) out.push({ setting: s.setting, vi: `${s.vi} đang là giá trị mẫu đã công bố`, en: `${s.en} is a published default` });
  }
  if (config.receiptLinkSecret && [config.vnpayHashSecret, config.postalCallbackSecret].includes(config.receiptLinkSecret)) {
    out.push({ setting: 'RECEIPT_LINK_SECRET', vi: 'khóa ký liên kết biên lai phải là khóa riêng, khác khóa của cổng thanh toán và bưu chính', en: 'the receipt link key must be its own, not the gateway or postal secret' });
  }
  if (config.paymentSimulator) out.push({ setting: 'PAYMENT_SIMULATOR', vi: 'đang bật cổng thanh toán mô phỏng; đặt false', en: 'the payment simulator is on; set false' });
  if (config.nationalPortalSimulator) out.push({ setting: 'NATIONAL_PORTAL_SIMULATOR', vi: 'đang bật bộ mô phỏng Cổng Dịch vụ công quốc gia; đặt false', en: 'the national portal simulator is on; set false' });
  if (config.nationalPortalUrl && !config.nationalPortalUrl.startsWith('https://')) out.push({ setting: 'NATIONAL_PORTAL_URL', vi: 'Cổng Dịch vụ công quốc gia phải dùng https://', en: 'the national portal must use https://' });
  for (const s of nationalSecrets) {
    const value = config[s.key];
    if (value && published.includes(value)) out.push({ setting: s.setting, vi: `${s.vi} đang là giá trị mẫu đã công bố`, en: `${s.en} is a published default` });
  }
  if (config.postalSimulator) out.push({ setting: 'POSTAL_SIMULATOR', vi: 'đang bật bộ mô phỏng bưu chính; đặt false', en: 'the postal simulator is on; set false' });
  // Simulators of the national platforms would hand out citizens' documents, population data and "paid" notices that
  // no national system ever gave.
  if (config.citizenStoreSimulator) out.push({ setting: 'CITIZEN_STORE_SIMULATOR', vi: 'đang bật bộ mô phỏng Kho dữ liệu công dân; đặt false', en: "the citizen's store simulator is on; set false" });
  if (config.populationSimulator) out.push({ setting: 'POPULATION_SIMULATOR', vi: 'đang bật bộ mô phỏng CSDL quốc gia về dân cư; đặt false', en: 'the population database simulator is on; set false' });
  // The ZNS simulator would mark notices "delivered" that no citizen's phone ever received.
  if (config.zaloSimulator) out.push({ setting: 'ZALO_SIMULATOR', vi: 'đang bật bộ mô phỏng Zalo (ZNS); đặt false', en: 'the Zalo (ZNS) simulator is on; set false' });
  if (config.webhookPrivateTargets) out.push({ setting: 'WEBHOOK_PRIVATE_TARGETS', vi: 'webhook đang được phép gửi tới địa chỉ nội bộ; đặt false', en: 'webhooks may reach internal addresses; set false' });
  if (config.nationalPaymentSimulator) out.push({ setting: 'NATIONAL_PAYMENT_SIMULATOR', vi: 'đang bật bộ mô phỏng nền tảng thanh toán quốc gia; đặt false', en: 'the national payment platform simulator is on; set false' });
  // A connection configured with a published token or secret is as good as open.
  for (const [url, key, setting, vi, en] of [
    [config.citizenStoreUrl, config.citizenStoreToken, 'CITIZEN_STORE_TOKEN', 'mã truy cập Kho dữ liệu công dân', "the citizen's store token"],
    [config.populationApiUrl, config.populationApiToken, 'POPULATION_API_TOKEN', 'mã truy cập CSDL dân cư', 'the population database token'],
    [config.nationalPaymentUrl, config.nationalPaymentSecret, 'NATIONAL_PAYMENT_SECRET', 'khóa ký của nền tảng thanh toán quốc gia', "the national payment platform's secret"],
    [config.zaloZnsUrl, config.zaloAccessToken, 'ZALO_ACCESS_TOKEN', 'mã truy cập Zalo Official Account', 'the Zalo Official Account access token'],
    [config.zaloZnsUrl, config.zaloOaSecret, 'ZALO_OA_SECRET', 'khóa bí mật Zalo OA (ký sự kiện webhook)', "the Zalo OA secret key (webhook signatures)"],
  ] as const) {
    if (!url && !key) continue;
    if (!key) out.push({ setting, vi: `chưa đặt ${vi}`, en: `${en} is not set` });
    else if (published.includes(key)) out.push({ setting, vi: `${vi} đang là giá trị mẫu đã công bố`, en: `${en} is a published default` });
  }
  if (!config.secureCookies) out.push({ setting: 'SECURE_COOKIES', vi: 'cookie phải có cờ Secure (chạy sau HTTPS); đặt true', en: 'cookies must be Secure (behind HTTPS); set true' });
  if (config.seedDemo) out.push({ setting: 'SEED_DEMO', vi: 'không nạp dữ liệu và tài khoản mẫu; đặt false', en: 'no demo data or demo accounts; set false' });
  if (config.otpLogCodes) out.push({ setting: 'OTP_LOG_CODES', vi: 'mã xác thực một lần không được ghi vào nhật ký khi chạy thật; đặt false', en: 'one-time codes must not be logged in production; set false' });
  if (config.demoPassword) out.push({ setting: 'DEMO_PASSWORD', vi: 'mật khẩu tài khoản mẫu không dùng khi chạy thật; bỏ biến này', en: 'no demo password in production; unset it' });
  // The embedded PostgreSQL's superuser has the password published in this repository ("postgres"): fine on a laptop,
  // never for real data. Production names its own server.
  if (!config.databaseUrl) {
    out.push({ setting: 'DATABASE_URL', vi: 'chạy thật phải dùng máy chủ PostgreSQL riêng (PostgreSQL nhúng có mật khẩu quản trị mẫu đã công bố); đặt DATABASE_URL', en: "production needs its own PostgreSQL server (the embedded one's superuser password is published); set DATABASE_URL" });
  }
  for (const [setting, urls] of [
    ['DATABASE_URL', [config.databaseUrl]],
    ['MIGRATION_DATABASE_URL', [config.migrationDatabaseUrl]],
    ['DATABASE_REPLICA_URLS', config.databaseReplicaUrls],
  ] as const) {
    for (const url of urls) if (url) out.push(...databaseUrlProblems(setting, url));
  }
  if (!config.publicUrl.startsWith('https://')) out.push({ setting: 'PUBLIC_URL', vi: 'địa chỉ công khai phải là https://', en: 'the public address must be https://' });
  // A plain-http issuer is a local test provider, never VNeID.
  if (config.nationalSsoIssuer && !config.nationalSsoIssuer.startsWith('https://')) out.push({ setting: 'NATIONAL_SSO_ISSUER', vi: 'đăng nhập một lần của Cổng Dịch vụ công quốc gia phải dùng https://', en: 'the national portal SSO issuer must use https://' });
  if (config.oidcIssuer && !config.oidcIssuer.startsWith('https://')) out.push({ setting: 'OIDC_ISSUER', vi: 'nhà cung cấp định danh phải dùng https://', en: 'the identity provider must use https://' });
  return out;
}

const loopback = (host: string) => host === '' || host.startsWith('/') || host === 'localhost' || host === '::1' || /^127\./.test(host);

/**
 * A database reached with a password published in this repository is open to anyone who reads it; one on another machine
 * reached without verified TLS lets the network read and change dossiers (docs/CLUSTER.md asks for verify-full).
 */
function databaseUrlProblems(setting: string, url: string): ConfigProblem[] {
  let parsed: ReturnType<typeof parseDatabaseUrl>;
  try {
    parsed = parseDatabaseUrl(url);
  } catch {
    return []; // an unreadable URL is refused when the pool is made
  }
  const params = new URLSearchParams(parsed.after.split('?')[1] ?? '');
  const userinfo = /^[^:]+:\/\/([^@]*)@$/.exec(parsed.before)?.[1];
  const rawPassword = userinfo?.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : params.get('password');
  let password = rawPassword;
  try {
    password = rawPassword === null || rawPassword === undefined ? null : decodeURIComponent(rawPassword);
  } catch {
    // kept as written
  }
  const out: ConfigProblem[] = [];
  if (password && publishedDatabasePasswords.includes(password)) {
    out.push({ setting, vi: 'mật khẩu cơ sở dữ liệu là giá trị mẫu đã công bố (PostgreSQL nhúng, scripts/cluster/start.sh); đặt mật khẩu riêng', en: 'the database password is a published default (embedded PostgreSQL, scripts/cluster/start.sh); set your own' });
  }
  const hosts = params.get('host')?.split(',') ?? parsed.hosts.map((h) => h.host);
  if (hosts.some((h) => !loopback(h)) && !['verify-full', 'verify-ca'].includes(params.get('sslmode') ?? '')) {
    out.push({ setting, vi: 'máy chủ cơ sở dữ liệu ở máy khác phải nối bằng TLS có kiểm tra chứng chỉ: thêm ?sslmode=verify-full (và sslrootcert)', en: 'a database on another machine must be reached over verified TLS: add ?sslmode=verify-full (and sslrootcert)' });
  }
  return out;
}

/** The message printed when production mode refuses to start: every problem, each naming its setting. */
export function refusalMessage(problems: readonly ConfigProblem[]): string {
  return [
    'Chế độ chạy thật (APP_MODE hoặc NODE_ENV=production) từ chối khởi động vì cấu hình chưa an toàn:',
    'Production mode (APP_MODE or NODE_ENV=production) refuses to start, the configuration is not safe:',
    ...problems.map((p) => `  - ${p.setting}: ${p.vi} / ${p.en}`),
    'Xem / see README.md "Chạy thật / Production" và SECURITY.md.',
  ].join('\n');
}

/** The message printed when a setting cannot be read at all, in any mode: each names its variable. */
export function invalidSettingsMessage(problems: readonly ConfigProblem[]): string {
  return [
    'Cấu hình không hợp lệ, không khởi động được:',
    'Invalid configuration, not starting:',
    ...problems.map((p) => `  - ${p.setting}: ${p.vi} / ${p.en}`),
    'Xem / see README.md "Cấu hình / Configuration".',
  ].join('\n');
}

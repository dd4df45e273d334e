import { describe, expect, it } from 'vitest';
import { ConfigInvalid, demoSecrets, loadConfig } from './config.js';
import { readFileSync } from 'node:fs';
import { productionProblems, refusalMessage } from './config.rules.js';
import { publishedDatabasePasswords } from './config.js';

/** A production configuration with nothing wrong; each row below spoils one thing. */
const safe = {
  APP_MODE: 'production',
  PUBLIC_URL: 'https://dichvucong.dongthap.gov.vn',
  VNPAY_HASH_SECRET: 'Q4M9T2W7Z1X8C5V3B6N0L2K4J7H9G1F3',
  POSTAL_CALLBACK_SECRET: 'p0stal-callback-3f9a1c7e5b2d4a6c',
  RECEIPT_LINK_SECRET: 'r3ceipt-link-8e1d2c3b4a5f6e7d9c',
  WEBHOOK_SECRET_KEY: 'w3bhook-seal-4c8e2a6b1d9f3e7a5c',
  DATABASE_URL: 'postgres://motcua_server:mat-khau-rieng@db.example.gov.vn:5432/motcua?sslmode=verify-full&sslrootcert=/etc/motcua/db-ca.pem',
};

const problemsOf = (env: Record<string, string | undefined>) => productionProblems(loadConfig(env)).map((p) => p.setting).sort();

describe('production refuses an unsafe configuration', () => {
  const rows: [string, Record<string, string | undefined>, string[]][] = [
    ['the demo (nothing set) is never refused', {}, []],
    ['the demo with its published secrets is still the demo', { VNPAY_HASH_SECRET: demoSecrets.vnpayHashSecret }, []],
    ['a safe production configuration starts', safe, []],
    ['NODE_ENV=production is production mode too', { ...safe, APP_MODE: undefined, NODE_ENV: 'production' }, []],
    [
      'production with nothing set names every secret and the public address',
      { APP_MODE: 'production' },
      ['DATABASE_URL', 'POSTAL_CALLBACK_SECRET', 'PUBLIC_URL', 'RECEIPT_LINK_SECRET', 'VNPAY_HASH_SECRET', 'WEBHOOK_SECRET_KEY'],
    ],
    ['NODE_ENV=production with the published defaults', { NODE_ENV: 'production', VNPAY_HASH_SECRET: demoSecrets.vnpayHashSecret, POSTAL_CALLBACK_SECRET: demoSecrets.postalCallbackSecret, RECEIPT_LINK_SECRET: demoSecrets.receiptLinkSecret, WEBHOOK_SECRET_KEY: demoSecrets.webhookSecretKey, PUBLIC_URL: safe.PUBLIC_URL, DATABASE_URL: safe.DATABASE_URL }, ['POSTAL_CALLBACK_SECRET', 'RECEIPT_LINK_SECRET', 'VNPAY_HASH_SECRET', 'WEBHOOK_SECRET_KEY']],
    ['the published webhook sealing key', { ...safe, WEBHOOK_SECRET_KEY: demoSecrets.webhookSecretKey }, ['WEBHOOK_SECRET_KEY']],
    ['the published gateway secret', { ...safe, VNPAY_HASH_SECRET: demoSecrets.vnpayHashSecret }, ['VNPAY_HASH_SECRET']],
    ['the published postal secret', { ...safe, POSTAL_CALLBACK_SECRET: demoSecrets.postalCallbackSecret }, ['POSTAL_CALLBACK_SECRET']],
    ['the published receipt link key', { ...safe, RECEIPT_LINK_SECRET: demoSecrets.receiptLinkSecret }, ['RECEIPT_LINK_SECRET']],
    ['a missing receipt link key', { ...safe, RECEIPT_LINK_SECRET: '' }, ['RECEIPT_LINK_SECRET']],
    ['receipt links signed with the gateway secret', { ...safe, RECEIPT_LINK_SECRET: safe.VNPAY_HASH_SECRET }, ['RECEIPT_LINK_SECRET']],
    ['receipt links signed with the postal secret', { ...safe, RECEIPT_LINK_SECRET: safe.POSTAL_CALLBACK_SECRET }, ['RECEIPT_LINK_SECRET']],
    ['the payment simulator', { ...safe, PAYMENT_SIMULATOR: 'true' }, ['PAYMENT_SIMULATOR']],
    ['the postal simulator', { ...safe, POSTAL_SIMULATOR: 'true' }, ['POSTAL_SIMULATOR']],
    ["the citizen's store simulator", { ...safe, CITIZEN_STORE_SIMULATOR: 'true' }, ['CITIZEN_STORE_SIMULATOR']],
    ['the population database simulator', { ...safe, POPULATION_SIMULATOR: 'true' }, ['POPULATION_SIMULATOR']],
    ['the national payment platform simulator', { ...safe, NATIONAL_PAYMENT_SIMULATOR: 'true' }, ['NATIONAL_PAYMENT_SIMULATOR']],
    ['a real store with the published token', { ...safe, CITIZEN_STORE_URL: 'https://kho.dichvucong.gov.vn/api', CITIZEN_STORE_TOKEN: demoSecrets.citizenStoreToken }, ['CITIZEN_STORE_TOKEN']],
    ['a real store without a token', { ...safe, CITIZEN_STORE_URL: 'https://kho.dichvucong.gov.vn/api' }, ['CITIZEN_STORE_TOKEN']],
    ['the population API with the published token', { ...safe, POPULATION_API_URL: 'https://ndxp.gov.vn/dancu', POPULATION_API_TOKEN: demoSecrets.populationApiToken }, ['POPULATION_API_TOKEN']],
    ['the national payment platform with the published secret', { ...safe, NATIONAL_PAYMENT_URL: 'https://thanhtoan.dichvucong.gov.vn/pay', NATIONAL_PAYMENT_SECRET: demoSecrets.nationalPaymentSecret }, ['NATIONAL_PAYMENT_SECRET']],
    ['the national payment platform without a secret', { ...safe, NATIONAL_PAYMENT_URL: 'https://thanhtoan.dichvucong.gov.vn/pay' }, ['NATIONAL_PAYMENT_SECRET']],
    ['the national connections with their own secrets', { ...safe, CITIZEN_STORE_URL: 'https://kho.dichvucong.gov.vn/api', CITIZEN_STORE_TOKEN: 'kho-token-9f8e7d6c5b4a3210', POPULATION_API_URL: 'https://ndxp.gov.vn/dancu', POPULATION_API_TOKEN: 'ndxp-token-0a1b2c3d4e5f6789', NATIONAL_PAYMENT_URL: 'https://thanhtoan.dichvucong.gov.vn/pay', NATIONAL_PAYMENT_SECRET: 'paygov-secret-1a2b3c4d5e6f7a8b' }, []],
    ['the national portal simulator', { ...safe, NATIONAL_PORTAL_SIMULATOR: 'true' }, ['NATIONAL_PORTAL_SIMULATOR']],
    ['a plain-http national portal', { ...safe, NATIONAL_PORTAL_URL: 'http://dichvucong.gov.vn/lgsp' }, ['NATIONAL_PORTAL_URL']],
    ['the published national portal secrets', { ...safe, NATIONAL_PORTAL_PASSWORD: demoSecrets.nationalPortalPassword, NATIONAL_PORTAL_INBOUND_SECRET: demoSecrets.nationalPortalInboundSecret }, ['NATIONAL_PORTAL_INBOUND_SECRET', 'NATIONAL_PORTAL_PASSWORD']],
    ['a published or plain-http national portal SSO', { ...safe, NATIONAL_SSO_ISSUER: 'http://sso.dichvucong.gov.vn', NATIONAL_SSO_CLIENT_SECRET: demoSecrets.nationalSsoClientSecret }, ['NATIONAL_SSO_CLIENT_SECRET', 'NATIONAL_SSO_ISSUER']],
    ['an https national portal SSO with its own secret', { ...safe, NATIONAL_SSO_ISSUER: 'https://sso.dichvucong.gov.vn', NATIONAL_SSO_CLIENT_SECRET: 'khoa-ung-dung-sso-rieng-0001' }, []],
    ['an https national portal with its own secrets', { ...safe, NATIONAL_PORTAL_URL: 'https://lgsp.dichvucong.gov.vn', NATIONAL_PORTAL_PASSWORD: 'mat-khau-ket-noi-rieng-0001', NATIONAL_PORTAL_INBOUND_SECRET: 'khoa-nhan-ho-so-rieng-0001' }, []],
    ['the Zalo (ZNS) simulator', { ...safe, ZALO_SIMULATOR: 'true' }, ['ZALO_SIMULATOR']],
    ['Zalo with the published token and OA secret', { ...safe, ZALO_ZNS_URL: 'https://business.openapi.zalo.me', ZALO_ACCESS_TOKEN: demoSecrets.zaloAccessToken, ZALO_OA_SECRET: demoSecrets.zaloOaSecret }, ['ZALO_ACCESS_TOKEN', 'ZALO_OA_SECRET']],
    ['Zalo without a token or OA secret', { ...safe, ZALO_ZNS_URL: 'https://business.openapi.zalo.me' }, ['ZALO_ACCESS_TOKEN', 'ZALO_OA_SECRET']],
    ['Zalo with its own token and OA secret', { ...safe, ZALO_ZNS_URL: 'https://business.openapi.zalo.me', ZALO_ACCESS_TOKEN: 'oa-access-token-7f6e5d4c3b2a', ZALO_OA_SECRET: 'oa-secret-key-1a2b3c4d5e6f' }, []],
    ['cookies without Secure', { ...safe, SECURE_COOKIES: 'false' }, ['SECURE_COOKIES']],
    ['demo data', { ...safe, SEED_DEMO: 'true' }, ['SEED_DEMO']],
    ['a demo password that would be printed', { ...safe, DEMO_PASSWORD: 'matkhau123' }, ['DEMO_PASSWORD']],
    ['a plain-http public address', { ...safe, PUBLIC_URL: 'http://dichvucong.dongthap.gov.vn' }, ['PUBLIC_URL']],
    ['a plain-http identity provider (a local test provider)', { ...safe, OIDC_ISSUER: 'http://127.0.0.1:9999' }, ['OIDC_ISSUER']],
    ['the embedded PostgreSQL (its superuser password is published)', { ...safe, DATABASE_URL: undefined }, ['DATABASE_URL']],
    ['an https identity provider', { ...safe, OIDC_ISSUER: 'https://sso.vneid.gov.vn' }, []],
    [
      "the one-machine cell's published application password, on every node",
      { ...safe, DATABASE_URL: 'postgres://motcua_server:motcua-cluster-app@10.0.0.5:5432,10.0.0.6:5432/motcua?target_session_attrs=read-write&sslmode=verify-full' },
      ['DATABASE_URL'],
    ],
    ['migrations as the superuser with the published cell password', { ...safe, MIGRATION_DATABASE_URL: 'postgres://postgres:motcua-cluster-super@127.0.0.1:5432/motcua' }, ['MIGRATION_DATABASE_URL']],
    ['a password published percent-encoded is still published', { ...safe, MIGRATION_DATABASE_URL: 'postgres://postgres:%70ostgres@127.0.0.1:5432/motcua' }, ['MIGRATION_DATABASE_URL']],
    ['a database on another machine without TLS', { ...safe, DATABASE_URL: 'postgres://motcua_server:mat-khau-rieng@db.example.gov.vn:5432/motcua' }, ['DATABASE_URL']],
    ['a database on another machine with unverified TLS (sslmode=require)', { ...safe, DATABASE_URL: 'postgres://motcua_server:mat-khau-rieng@db.example.gov.vn:5432/motcua?sslmode=require' }, ['DATABASE_URL']],
    ['one node of several without TLS is one too many', { ...safe, DATABASE_URL: 'postgres://motcua_server:mat-khau-rieng@127.0.0.1:6432,db2.example.gov.vn:6432/motcua' }, ['DATABASE_URL']],
    ['a pooler on this machine needs no TLS', { ...safe, DATABASE_URL: 'postgres://motcua_server:mat-khau-rieng@127.0.0.1:6432/motcua' }, []],
    ['a replica on another machine without TLS', { ...safe, DATABASE_REPLICA_URLS: 'postgres://motcua_server:mat-khau-rieng@replica1.example.gov.vn:5432/motcua' }, ['DATABASE_REPLICA_URLS']],
  ];
  it.each(rows)('%s', (_name, env, expected) => {
    expect(problemsOf(env)).toEqual([...expected].sort());
  });

  it('APP_MODE=demo with NODE_ENV=production is refused, naming APP_MODE in Vietnamese and English', () => {
    let thrown: unknown;
    try {
      loadConfig({ APP_MODE: 'demo', NODE_ENV: 'production' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigInvalid);
    const [p] = (thrown as ConfigInvalid).problems;
    expect(p).toMatchObject({ setting: 'APP_MODE', vi: expect.stringContaining('không chạy ở môi trường thật'), en: expect.stringContaining('does not run in production') });
    // Either alone is fine: the demo, or production mode.
    expect(loadConfig({ APP_MODE: 'demo' }).mode).toBe('demo');
    expect(loadConfig({ NODE_ENV: 'production' }).mode).toBe('production');
  });

  it('production defaults are the safe ones: no simulator, no demo data, Secure cookies', () => {
    const c = loadConfig({ APP_MODE: 'production' });
    expect(c).toMatchObject({ mode: 'production', paymentSimulator: false, postalSimulator: false, nationalPortalSimulator: false, nationalPortalInboundSecret: '', seedDemo: false, secureCookies: true, vnpayHashSecret: '', receiptLinkSecret: '' });
    expect(loadConfig({})).toMatchObject({ mode: 'demo', paymentSimulator: true, postalSimulator: true, seedDemo: true, secureCookies: false, vnpayHashSecret: demoSecrets.vnpayHashSecret });
  });

  it('the message names each setting in Vietnamese and English', () => {
    const text = refusalMessage(productionProblems(loadConfig({ ...safe, VNPAY_HASH_SECRET: demoSecrets.vnpayHashSecret, PAYMENT_SIMULATOR: 'true' })));
    expect(text).toContain('từ chối khởi động');
    expect(text).toContain('refuses to start');
    expect(text).toContain('  - VNPAY_HASH_SECRET: khóa bí mật của cổng thanh toán đang là giá trị mẫu đã công bố / the payment gateway\'s hash secret is a published default');
    expect(text).toContain('  - PAYMENT_SIMULATOR: đang bật cổng thanh toán mô phỏng');
    expect(refusalMessage(productionProblems(loadConfig({ ...safe, ZALO_SIMULATOR: 'true' })))).toContain('  - ZALO_SIMULATOR: đang bật bộ mô phỏng Zalo (ZNS); đặt false / the Zalo (ZNS) simulator is on; set false');
  });

  it('TRUST_PROXY takes addresses and ranges, nothing else', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback,::1' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'loopback', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow();
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow();
  });

  it('PUBLIC_URL follows PORT in the demo and loses a trailing slash', () => {
    expect(loadConfig({ PORT: '3100' }).publicUrl).toBe('http://localhost:3100');
    expect(loadConfig({ PUBLIC_URL: 'https://dvc.example.vn/' }).publicUrl).toBe('https://dvc.example.vn');
  });
});

describe('the passwords this repository publishes', () => {
  it("include every default of the one-machine cell's script, so production refuses them", () => {
    const script = readFileSync(new URL('../../../scripts/cluster/start.sh', import.meta.url), 'utf8');
    const defaults = [...script.matchAll(/_PW="\$\{CLUSTER_[A-Z]+_PASSWORD:-([^}]+)\}"/g)].map((m) => m[1]!);
    expect(defaults.length).toBeGreaterThanOrEqual(3);
    for (const d of defaults) expect(publishedDatabasePasswords).toContain(d);
  });
});

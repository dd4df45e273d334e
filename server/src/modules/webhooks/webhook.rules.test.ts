import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openSecret, sealKeyOf, sealSecret } from './webhook.seal.js';
import { deliveryErrorKind, isBlockedAddress, MAX_ATTEMPTS, retryDelayMs, signatureHeader, signBody, urlProblem, verifySignature, webhookEventLabels, webhookEventTypes, webhookMode } from './webhook.rules.js';
import { loadConfig } from '../../platform/config.js';

describe('webhook rules', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 (a vector computed with openssl)', () => {
    // printf '1796608800.{"event":"accept"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signBody('whsec_test', 1796608800, '{"event":"accept"}')).toBe('9d702af989a9755f2eaf1039d09fee35e9d73907eba6339632bdba4a9994c715');
    expect(signatureHeader('whsec_test', 1796608800, '{"event":"accept"}')).toBe(`t=1796608800,v1=${signBody('whsec_test', 1796608800, '{"event":"accept"}')}`);
  });

  it('verifies only the same secret, body and a fresh timestamp', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }), (secret, body, ts) => {
        const h = signatureHeader(secret, ts, body);
        expect(verifySignature(secret, h, body, ts + 10)).toBe(true);
        expect(verifySignature(`${secret}x`, h, body, ts)).toBe(false);
        expect(verifySignature(secret, h, `${body} `, ts)).toBe(false);
        expect(verifySignature(secret, h, body, ts + 301)).toBe(false);
      }),
      { numRuns: 100 },
    );
    expect(verifySignature('s', undefined, '', 0)).toBe(false);
    expect(verifySignature('s', 't=1,v1=zz', '', 1)).toBe(false);
  });

  it('waits 30 s doubling, at most an hour, and gives up after MAX_ATTEMPTS', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelayMs(n) / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    expect(MAX_ATTEMPTS).toBe(10);
  });

  it('refuses private, loopback, link-local and mapped addresses; takes public ones', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.16.5.4', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isBlockedAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '203.162.4.191', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isBlockedAddress(a), a).toBe(false);
  });

  it('demo takes http to loopback; production takes only public https', () => {
    expect(urlProblem('http://127.0.0.1:9000/hook', 'demo')).toBeNull();
    expect(urlProblem('ftp://example.vn/', 'demo')).toBe('invalid');
    expect(urlProblem('https://hethong.example.gov.vn/webhook', 'production')).toBeNull();
    expect(urlProblem('https://203.162.4.191/hook', 'production')).toBeNull();
    expect(urlProblem('http://hethong.example.gov.vn/webhook', 'production')).toBe('not_https');
    expect(urlProblem('https://intranet/hook', 'production')).toBe('private_address');
    expect(urlProblem('https://[fd00::1]/hook', 'production')).toBe('private_address');
  });

  it('names every event of the ledger', () => {
    expect(Object.keys(webhookEventLabels).sort()).toEqual([...webhookEventTypes].sort());
  });
});

describe('webhook targets by default', () => {
  it('are checked strictly in the demo too: no internal address unless WEBHOOK_PRIVATE_TARGETS says so (SSRF)', () => {
    const demo = loadConfig({ DATA_DIR: '/tmp/motcua-webhook-mode' });
    expect(demo.mode).toBe('demo');
    expect(webhookMode(demo)).toBe('production');
    expect(urlProblem('http://169.254.169.254/latest/meta-data', webhookMode(demo))).toBe('not_https');
    expect(urlProblem('https://127.0.0.1:4120/api/x', webhookMode(demo))).toBe('private_address');
    expect(webhookMode(loadConfig({ DATA_DIR: '/tmp/motcua-webhook-mode', WEBHOOK_PRIVATE_TARGETS: 'true' }))).toBe('demo');
  });
});

describe('delivery error kinds (the console explains each in Vietnamese)', () => {
  it.each([
    [500, 'HTTP 500', 'http_status'],
    [404, null, 'http_status'],
    [200, null, null],
    [null, null, null],
    [null, 'connect ECONNREFUSED 127.0.0.1:9', 'refused'],
    [null, 'hết thời gian chờ', 'timeout'],
    [null, 'connect ETIMEDOUT 10.0.0.1:443', 'timeout'],
    [null, 'getaddrinfo ENOTFOUND hook.example.vn', 'dns'],
    [null, 'unable to verify the first certificate', 'tls'],
    [null, "Hostname/IP does not match certificate's altnames", 'tls'],
    [null, 'socket hang up', 'reset'],
    [null, 'read ECONNRESET', 'reset'],
    [null, 'địa chỉ bị từ chối: private_address', 'blocked'],
    [null, 'địa chỉ bị chặn (SSRF): x → 10.0.0.1', 'blocked'],
    [null, 'fetch failed', 'network'],
  ] as const)('%s %s → %s', (status, error, kind) => {
    expect(deliveryErrorKind(status, error)).toBe(kind);
  });
});

describe('secrets at rest', () => {
  it('seals with AES-256-GCM: a fresh IV each time, opens only with the same key, refuses a changed value', () => {
    const key = sealKeyOf('a-configured-key-of-some-length');
    const a = sealSecret(key, 'whsec_abc');
    const b = sealSecret(key, 'whsec_abc');
    expect(a).not.toBe(b);
    expect(a).not.toContain('whsec');
    expect(openSecret(key, a)).toBe('whsec_abc');
    expect(() => openSecret(sealKeyOf('another-configured-key-000'), a)).toThrow();
    const [v, iv, body, tag] = a.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(key, [v, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
    expect(() => openSecret(key, 'whsec_abc')).toThrow();
  });
});

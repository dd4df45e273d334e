import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, FALLBACK_CHANNEL, MAX_ATTEMPTS, planChannels, RETRY_DELAYS_MINUTES } from './notification.rules.js';
import { zaloMac, zaloSignatureValid } from './zalo.signature.js';
import { parseTemplateIds, znsPhone } from './zalo.sender.js';

const now = new Date('2026-11-25T02:00:00Z');
const minutesLater = (d: Date) => (d.getTime() - now.getTime()) / 60_000;

describe('retry policy', () => {
  it('waits 1, 5, 30, 120, 360, 720, 1440 minutes after attempts 1–7, gives up after the 8th', () => {
    const delays = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const r = afterFailedAttempt(attempt, now);
      expect(r.status).toBe('pending');
      if (r.status === 'pending') delays.push(minutesLater(r.nextAttemptAt));
    }
    expect(delays).toEqual([1, 5, 30, 120, 360, 720, 1440]);
    expect(RETRY_DELAYS_MINUTES).toHaveLength(MAX_ATTEMPTS - 1);
    expect(afterFailedAttempt(MAX_ATTEMPTS, now)).toEqual({ status: 'failed' });
    expect(afterFailedAttempt(MAX_ATTEMPTS + 3, now)).toEqual({ status: 'failed' });
  });

  it('delays never shrink and the whole schedule spans less than two days', () => {
    for (let i = 1; i < RETRY_DELAYS_MINUTES.length; i++) expect(RETRY_DELAYS_MINUTES[i]!).toBeGreaterThan(RETRY_DELAYS_MINUTES[i - 1]!);
    expect(RETRY_DELAYS_MINUTES.reduce((a, b) => a + b, 0)).toBeLessThan(48 * 60);
  });

  it('refuses an attempt count below 1', () => {
    expect(() => afterFailedAttempt(0, now)).toThrow(RangeError);
    expect(() => afterFailedAttempt(1.5, now)).toThrow(RangeError);
  });
});

describe('which channels a notice goes by', () => {
  const email = 'an@example.vn';
  const mobile = '+84987654321';
  const plan = (choice: Parameters<typeof planChannels>[0]['choice'], contacts: { email?: string | null; mobile?: string | null } = {}) =>
    planChannels({ email: contacts.email === undefined ? email : contacts.email, mobile: contacts.mobile === undefined ? mobile : contacts.mobile, choice })
      .map((p) => `${p.channel}→${p.recipient}${p.fallback ? ` (${p.fallback.channel})` : ''}`);

  it.each([
    ['desk dossier: the contacts given at intake, e-mail and SMS, no fallback needed', null, {}, [`email→${email}`, `sms→${mobile}`]],
    ['desk dossier with a phone only', null, { email: null }, [`sms→${mobile}`]],
    ['desk dossier with an e-mail only: no SMS to fall back to', null, { mobile: null }, [`email→${email}`]],
    ['citizen chose Zalo only: SMS is its fallback', { email: false, sms: false, zalo: true }, {}, [`zalo→${mobile} (sms)`]],
    ['citizen chose Zalo and SMS: no fallback that would double the SMS', { email: false, sms: true, zalo: true }, {}, [`sms→${mobile}`, `zalo→${mobile}`]],
    ['citizen chose e-mail only: SMS when the e-mail fails for good', { email: true, sms: false, zalo: false }, {}, [`email→${email} (sms)`]],
    ['citizen chose nothing but the portal', { email: false, sms: false, zalo: false }, {}, []],
    ['a chosen channel without its contact is skipped', { email: true, sms: true, zalo: true }, { mobile: null }, [`email→${email}`]],
  ] as const)('%s', (_name, choice, contacts, expected) => {
    expect(plan(choice, contacts)).toEqual(expected);
  });

  it('Zalo and e-mail fall back to SMS; SMS falls back to nothing (the portal notice stays)', () => {
    expect(FALLBACK_CHANNEL).toEqual({ zalo: 'sms', email: 'sms', sms: null });
  });
});

describe('Zalo (ZNS)', () => {
  it('signs webhook events as sha256(app id + raw body + timestamp + OA secret), with or without "mac="', () => {
    const body = '{"event_name":"user_received_message","timestamp":"1764730800000"}';
    const mac = zaloMac('app-1', body, '1764730800000', 'oa-secret');
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(zaloSignatureValid(`mac=${mac}`, 'app-1', body, '1764730800000', 'oa-secret')).toBe(true);
    expect(zaloSignatureValid(mac.toUpperCase(), 'app-1', body, '1764730800000', 'oa-secret')).toBe(true);
    expect(zaloSignatureValid(`mac=${mac}`, 'app-1', body.replace('1764', '1765'), '1764730800000', 'oa-secret')).toBe(false);
    expect(zaloSignatureValid(`mac=${mac}`, 'app-1', body, '1764730800000', 'other-secret')).toBe(false);
    expect(zaloSignatureValid(`mac=${mac}`, 'app-2', body, '1764730800000', 'oa-secret')).toBe(false);
    expect(zaloSignatureValid(undefined, 'app-1', body, '1764730800000', 'oa-secret')).toBe(false);
    expect(zaloSignatureValid('mac=xyz', 'app-1', body, '1764730800000', 'oa-secret')).toBe(false);
  });

  it('phone numbers go as 84…; template ids are read from ZALO_TEMPLATE_IDS', () => {
    expect(znsPhone('+84987654321')).toBe('84987654321');
    expect(parseTemplateIds('dossier.accepted=900001, dossier.refused = 900005,,broken')).toEqual({ 'dossier.accepted': '900001', 'dossier.refused': '900005' });
  });
});

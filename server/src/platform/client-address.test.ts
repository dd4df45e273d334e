import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address.js';

describe('addressKey (what one subscriber holds of an address)', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['10.0.0.255', '10.0.0.255'],
    ['256.1.1.1', '256.1.1.1'],
    // A dual-stack socket reports IPv4 clients as IPv4-mapped IPv6: the same client, the same key.
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:7a:1c00::1', '2001:db8:7a:1c00::/64'],
    ['2001:0DB8:007A:1C00:ffff:1:2:3', '2001:db8:7a:1c00::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['not an address', 'not an address'],
  ])('%s → %s', (ip, key) => expect(addressKey(ip)).toBe(key));

  it('every address of one /64 has one key, and two /64s have two', () => {
    const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(fc.array(hextet, { minLength: 8, maxLength: 8 }), fc.array(hextet, { minLength: 4, maxLength: 4 }), (a, host) => {
        const other = [...a.slice(0, 4), ...host].join(':');
        expect(addressKey(other)).toBe(addressKey(a.join(':')));
        const nextPrefix = [...a.slice(0, 3), ((parseInt(a[3]!, 16) + 1) & 0xffff).toString(16), ...a.slice(4)].join(':');
        expect(addressKey(nextPrefix)).not.toBe(addressKey(a.join(':')));
      }),
    );
  });
});

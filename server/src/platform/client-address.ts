import ipaddr from 'ipaddr.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * What one subscriber holds of the client's address, as the key of a per-address budget or a visitor count: an IPv4
 * address as it is, an IPv6 address by its /64 prefix. A home or mobile subscriber is given a whole /64 (or more) and
 * may use any address in it — the devices' privacy addresses change daily by themselves (RFC 8981) — so keyed by the
 * full IPv6 address a budget of 30 look-ups a minute would be 30 per address of 2^64. An IPv4-mapped address
 * (`::ffff:203.0.113.7`, a dual-stack socket) is the IPv4 address. Anything that is not an address is kept as it is.
 */
export function addressKey(ip: string): string {
  // Most clients: an IPv4 address in its usual form is its own key (no parsing on every public request).
  if (IPV4.test(ip)) return ip;
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const prefix = v6.parts.slice(0, 4).map((p) => p.toString(16));
  return `${prefix.join(':')}::/64`;
}

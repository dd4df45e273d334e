import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOidcProvider, simulatedIdentityProvider, type SimAccountClaims } from '../src/platform/simulators/oidc-identity-provider.js';

/** A citizen known to the local identity provider, with the claims VNeID-style providers release (CCCD under `cccd`). */
export type TestIdentity = SimAccountClaims & { name: string; birthdate?: string; gender?: string; cccd?: string };

export type LocalProvider = { issuer: string; close: () => Promise<void> };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 and a random port, with the simulators' Vietnamese
 * sign-in and consent pages (platform/simulators): any account in `identities` signs in with any password. Stands in
 * for VNeID in tests (DESIGN.md §3: local simulators speak the real protocol).
 */
export async function startOidcProvider(p: { clientId: string; clientSecret: string; redirectUri: string; identities: TestIdentity[] }): Promise<LocalProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const Provider = await loadOidcProvider();
  if (!Provider) throw new Error('oidc-provider (a development dependency) is not installed');
  server.on(
    'request',
    simulatedIdentityProvider(Provider, {
      issuer,
      mountPath: '',
      brand: 'vneid',
      clients: [{ client_id: p.clientId, client_secret: p.clientSecret, redirect_uris: [p.redirectUri] }],
      cookieKeys: ['local-test-provider-cookie-key'],
      findAccount: async (sub) => p.identities.find((i) => i.sub === sub),
    }),
  );
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Plays the browser through the provider: follows redirects from the authorisation URL, signs in on the development
 * login page as `login`, confirms consent, and returns the URL the provider finally sends the browser back to
 * (the relying party's callback with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i).trim(), pair!.slice(i + 1));
    }
  };
  let url = authorizationUrl;
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(redirectUri)) return new URL(url);
    const res = await fetch(url, { method, body, redirect: 'manual', headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } });
    remember(res);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page (${res.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    method = 'POST';
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any-password' } : { prompt });
  }
  throw new Error('too many redirects at the identity provider');
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type LocalProvider } from '../../../test/oidc-provider.js';
import { simulatorsEn } from './messages.simulators.en.js';
import { simulatorsVi } from './messages.simulators.vi.js';

/**
 * The pages a person sees at a simulated identity provider (the national portal's sign-in in the demo, VNeID in tests)
 * speak Vietnamese — sign-in, consent, errors — and English only when the relying party asks (ui_locales=en); none of
 * oidc-provider's English development pages is left.
 */
const REDIRECT = 'http://127.0.0.1:3997/callback';
let idp: LocalProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ clientId: 'mot-cua', clientSecret: 'bi-mat', redirectUri: REDIRECT, identities: [{ sub: '087090001234', name: 'Nguyễn Văn An', cccd: '087090001234' }] });
});
afterAll(async () => {
  await idp?.close();
});

const ENGLISH_DEV_PAGES = /Sign-in|Authorize|oops! something went wrong|Continue|Cancel/;

/** A browser's cookies (by name: the provider's cookies do not collide across paths here). */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      this.cookies.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Requests `url` (GET, or POST with a form) and follows redirects to the page shown. */
async function follow(jar: Jar, url: string, form?: Record<string, string>): Promise<{ html: string; url: string; status: number }> {
  let res = await fetch(url, { method: form ? 'POST' : 'GET', body: form ? new URLSearchParams(form) : undefined, redirect: 'manual', headers: { cookie: jar.header } });
  for (let hop = 0; hop < 6; hop++) {
    jar.take(res);
    const location = res.headers.get('location');
    if (!location) return { html: await res.text(), url, status: res.status };
    url = new URL(location, url).toString();
    res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header } });
  }
  throw new Error('too many redirects');
}

function authUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ client_id: 'mot-cua', response_type: 'code', scope: 'openid profile', redirect_uri: REDIRECT, state: 's', nonce: 'n', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', ...extra });
  return `${idp.issuer}/auth?${q}`;
}
const openSignIn = (extra: Record<string, string> = {}) => follow(new Jar(), authUrl(extra));

describe('simulated identity provider pages', () => {
  it('the sign-in and consent pages are Vietnamese, with the simulator badge', async () => {
    const jar = new Jar();
    const login = await follow(jar, authUrl());
    expect(login.status).toBe(200);
    expect(login.html).toContain('<html lang="vi">');
    // Its own inline icon: no request for /favicon.ico on the provider's host (a 404 on every page).
    expect(login.html).toMatch(/<link rel="icon" href="data:image\/svg\+xml,/);
    expect(login.html).toContain('Đăng nhập');
    expect(login.html).toContain(simulatorsVi['sim.login.password']);
    expect(login.html).toContain(simulatorsVi['sim.badge']);
    expect(login.html).not.toMatch(ENGLISH_DEV_PAGES);
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(login.html)![1]!, login.url).toString();
    const empty = await follow(jar, action, { prompt: 'login', login: ' ', password: 'x' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain(simulatorsVi['sim.login.missing']);
    const consent = await follow(jar, action, { prompt: 'login', login: '087090001234', password: 'x' });
    expect(consent.html, consent.html.slice(consent.html.indexOf('<main>'), consent.html.indexOf('<main>') + 300)).toContain(simulatorsVi['sim.consent.title']);
    expect(consent.html).toContain(simulatorsVi['sim.consent.allow']);
    expect(consent.html).toContain('<html lang="vi">');
    expect(consent.html).not.toMatch(ENGLISH_DEV_PAGES);
  });

  it('a well-formed CCCD it does not know is a sign-in refusal sent back to the client (access_denied), not a crash', async () => {
    const jar = new Jar();
    const login = await follow(jar, authUrl());
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(login.html)![1]!, login.url).toString();
    // Follows the redirects by hand up to the client's redirect URI (nothing listens there).
    let res = await fetch(action, { method: 'POST', body: new URLSearchParams({ prompt: 'login', login: '087090009999', password: 'x' }), redirect: 'manual', headers: { cookie: jar.header } });
    let url = action;
    for (let hop = 0; hop < 6 && !url.startsWith(REDIRECT); hop++) {
      jar.take(res);
      const location = res.headers.get('location');
      expect(location, `${res.status} ${url}`).toBeTruthy();
      url = new URL(location!, url).toString();
      if (!url.startsWith(REDIRECT)) res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header } });
    }
    const back = new URL(url);
    expect([back.origin + back.pathname, back.searchParams.get('error'), back.searchParams.get('state'), back.searchParams.get('code')]).toEqual([REDIRECT, 'access_denied', 's', null]);
  });

  it('errors are explained in Vietnamese, never the provider’s English page', async () => {
    const bad = await openSignIn({ client_id: 'khong-co' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('<html lang="vi">');
    expect(bad.html).toContain(simulatorsVi['sim.error.title']);
    expect(bad.html).toContain('invalid_client');
    expect(bad.html).not.toMatch(ENGLISH_DEV_PAGES);
    const stale = await fetch(`${idp.issuer}/interaction/khong-ton-tai`);
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain(simulatorsVi['sim.error.expired']);
  });

  it('English when the relying party asks for it (ui_locales=en)', async () => {
    const login = await openSignIn({ ui_locales: 'en' });
    expect(login.html).toContain('<html lang="en">');
    expect(login.html).toContain(simulatorsEn['sim.login.password']);
  });

  it('both dictionaries have the same keys, none empty', () => {
    expect(Object.keys(simulatorsEn).sort()).toEqual(Object.keys(simulatorsVi).sort());
    expect([...Object.values(simulatorsVi), ...Object.values(simulatorsEn)].filter((v) => !v.trim())).toEqual([]);
  });
});

import { api, setCsrfToken, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

/** The signed-in officer: grants per unit, permissions, and the CSRF token to echo. */
export type Me = ResponseOf<'/api/auth/me', 'get'>;

/** POST /api/auth/login — sets the HttpOnly session cookie. */
export async function signIn(input: BodyOf<'/api/auth/login', 'post'>): Promise<Me> {
  const me = await unwrap(api.POST('/api/auth/login', { body: input }));
  setCsrfToken(me.csrfToken);
  return me;
}

/** POST /api/auth/login/code — a one-time code to the officer's phone or e-mail (the same answer for any user name). */
export function requestSignInCode(username: string): Promise<{ expiresInMinutes: number }> {
  return unwrap(api.POST('/api/auth/login/code', { body: { username } }));
}

/** GET /api/national-sso/options — whether officers may sign in with their national portal account. */
export const getNationalSsoOptions = () => unwrap(api.GET('/api/national-sso/options'));
/** Where single sign-on from the national portal (Cổng DVCQG) starts for the console. */
export const nationalSsoStartUrl = (returnTo: string) => `/api/national-sso/start?target=staff&returnTo=${encodeURIComponent(returnTo)}`;

import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * An OpenID Connect sign-in (VNeID, the national portal) belongs to the browser that started it: the `state` sent to the
 * provider is also kept in a short-lived cookie, and the callback is refused unless the browser brings it back. Without
 * it, a callback link finished by someone else signs whoever opens it into that person's account (login CSRF).
 */
const FLOW_COOKIE = 'mc_signin_state';

/** Keeps the `state` of the provider URL `authUrl` in the starting browser, for ten minutes, sent only to our callbacks. */
export function bindSignInToBrowser(reply: FastifyReply, authUrl: string, secure: boolean): void {
  const state = new URL(authUrl).searchParams.get('state');
  if (state) reply.setCookie(FLOW_COOKIE, state, { path: '/api', httpOnly: true, sameSite: 'lax', secure, maxAge: 600 });
}

/** True when the callback's `state` is the one this browser started; the cookie is cleared either way. */
export function signInStartedHere(request: FastifyRequest, reply: FastifyReply): boolean {
  const kept = request.cookies[FLOW_COOKIE] ?? '';
  reply.clearCookie(FLOW_COOKIE, { path: '/api' });
  const query = request.url.includes('?') ? new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1)) : new URLSearchParams();
  const state = query.get('state') ?? '';
  if (!kept || !state || kept.length !== state.length) return false;
  return timingSafeEqual(Buffer.from(kept), Buffer.from(state));
}

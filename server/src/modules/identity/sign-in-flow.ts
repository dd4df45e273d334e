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

/** Marks a start already sent to the callback's origin: it is never sent there twice (no loop behind a proxy that rewrites Host). */
const AT_ORIGIN = 'atOrigin';

/**
 * The state cookie is set on the host the browser used to start and must come back to the callback, at the origin of
 * `callbackUrl` (built from PUBLIC_URL or the configured redirect URI). A start opened at another name of the same
 * server (http://localhost:PORT while PUBLIC_URL is http://127.0.0.1:PORT) would lose it at the callback, so it is
 * first sent to the same path at the callback's origin. The Host header only decides whether to send it there; the
 * address is the configured origin and the request's own path, never anything taken from Host. Returns true when it
 * redirected (the caller then stops).
 */
export function redirectToCallbackOrigin(request: FastifyRequest, reply: FastifyReply, callbackUrl: string): boolean {
  const origin = new URL(callbackUrl);
  let seen: string | null;
  try {
    seen = new URL(`${origin.protocol}//${request.host}`).host;
  } catch {
    seen = null;
  }
  const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
  if (seen === origin.host || query.has(AT_ORIGIN)) return false;
  query.set(AT_ORIGIN, '1');
  const path = request.url.split('?')[0]!;
  // The route matched, so the path is ours and starts with one slash; the origin comes from configuration.
  void reply.redirect(`${origin.origin}${path}?${query.toString()}`, 302);
  return true;
}

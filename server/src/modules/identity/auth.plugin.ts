import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import { retryRead } from '../../platform/database-hosts.js';
import { commonErrors } from '../../platform/errors.js';
import type { RouteAccess } from '../../platform/http.js';
import { findSessionActor, type SessionActor } from './identity.repo.js';
import { findCitizenSession, type CitizenSession } from '../citizens/citizen-session.repo.js';
import { can, isPermission, type Actor } from './permissions.policy.js';

export const SESSION_COOKIE = 'mc_session';
export const CSRF_HEADER = 'x-csrf-token';
/** The citizen's session cookie on the portal: a separate identity from staff (citizens module). */
export const CITIZEN_COOKIE = 'mc_citizen';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionActor | null;
    citizen: CitizenSession | null;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie to an actor and enforces each route's declared access before the handler runs.
 * State-changing requests of a signed-in officer must echo the session's CSRF token in `x-csrf-token`.
 * Every /api route must declare `config.access`; a route without it fails at start-up.
 */
export function installAuth(app: FastifyInstance, db: Db, clock: Clock): void {
  app.decorateRequest('session', null);
  app.decorateRequest('citizen', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });
  // Before validation: a caller who may not use a route learns nothing from it, not even which input it expects.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    if (access === 'citizen') {
      const citizenToken = request.cookies[CITIZEN_COOKIE];
      // The look-ups only read: run again when a failover broke the connection, whatever the request's method.
      request.citizen = citizenToken ? await retryRead(() => findCitizenSession(db, hashToken(citizenToken), clock.now())) : null;
      if (!request.citizen) throw commonErrors.unauthenticated();
      checkCsrf(request, request.citizen.csrfToken);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await retryRead(() => findSessionActor(db, hashToken(token), clock.now())) : null;
    if (access === 'public') return;
    if (!request.session) throw commonErrors.unauthenticated();
    checkCsrf(request, request.session.csrfToken);
    checkAccess(request.session, access);
  });
}

/** State-changing requests must echo the session's CSRF token. */
function checkCsrf(request: FastifyRequest, expected: string): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, expected)) throw commonErrors.csrf();
}

/** Cheap early reject on the declared permission (held somewhere); the use case checks the unit scope. */
function checkAccess(actor: Actor, access: RouteAccess): void {
  if (access === 'staff' || access === 'public' || access === 'citizen') return;
  const perm = access.slice('perm:'.length);
  if (!isPermission(perm) || !can(actor, perm)) throw commonErrors.forbidden(perm);
}

/** The citizen of a route that declared 'citizen' access (the hook guarantees it is there). */
export function citizenOf(request: FastifyRequest): CitizenSession {
  if (!request.citizen) throw commonErrors.unauthenticated();
  return request.citizen;
}

/** The actor of a route that declared non-public access (the hook guarantees it is there). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw commonErrors.unauthenticated();
  return request.session;
}

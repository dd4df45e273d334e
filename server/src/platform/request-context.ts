import type { FastifyInstance } from 'fastify';
import { fastifyRequestContext, requestContext } from '@fastify/request-context';

declare module '@fastify/request-context' {
  interface RequestContextData {
    /**
     * The client's address as Fastify resolves it (request.ip: the socket, or a trusted proxy's X-Forwarded-For), worked
     * out when an audit entry asks for it: most requests write none, and each reading parses the forwarded chain again.
     */
    clientIp: () => string;
  }
}

/**
 * Keeps a little of the current request (its client address) reachable from the code it calls, so that every audit
 * entry records the real client without each use case passing the HTTP request along.
 */
export async function installRequestContext(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRequestContext, { defaultStoreValues: (request) => ({ clientIp: () => request.ip }) });
}

/** The address of the client whose request is being served, or null outside a request (jobs, scripts). */
export function currentClientIp(): string | null {
  return requestContext.get('clientIp')?.() ?? null;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppConfig } from './config.js';
import { DomainError } from './errors.js';
import { securityEvents } from './security-events.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus metrics at /metrics: process defaults plus request counts and durations per route. With METRICS_TOKEN the
 * scraper sends `Authorization: Bearer <token>`; without it /metrics is open in the demo and not served in production
 * (route names and volumes are nobody else's business).
 */
export function installMetrics(app: FastifyInstance, config: Pick<AppConfig, 'mode' | 'metricsToken'>): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'motcua_' });
  registry.registerMetric(securityEvents);
  const duration = new client.Histogram({
    name: 'motcua_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  if (config.mode === 'production' && !config.metricsToken) return;
  const expected = config.metricsToken ? digest(`Bearer ${config.metricsToken}`) : null;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expected && !timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      reply.header('www-authenticate', 'Bearer');
      throw new DomainError('COMMON.UNAUTHENTICATED', 'unauthenticated', 'Cần mã truy cập (METRICS_TOKEN) để xem số liệu giám sát.', 'A metrics token is required.');
    }
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}

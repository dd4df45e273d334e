import fs from 'node:fs';
import { rememberWrites } from './platform/read-replicas.js';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './platform/context.js';
import { DomainError, commonErrors } from './platform/errors.js';
import { frameworkErrors, installErrorHandler, installReadRetry, sendDomainError, setHtmlNotFound } from './platform/http.js';
import { installCompression } from './platform/compression.js';
import { ZErrorBody } from './platform/error-schema.js';
import { installMetrics } from './platform/metrics.js';
import { installRequestContext } from './platform/request-context.js';
import { useVietnameseValidation, validatorCompiler } from './platform/validation.js';
import { installAuth } from './modules/identity/auth.plugin.js';
import { apiRoutes } from './modules/routes.js';
import { vnpaySimulator } from './modules/payments/vnpay.simulator.js';
import { citizenStoreSimulatorActive } from './modules/citizen-store/citizen-store.adapter.js';
import { citizenStoreSimulatorRoutes } from './modules/citizen-store/citizen-store-sim.routes.js';
import { populationSimulatorActive } from './modules/population-data/population.adapter.js';
import { populationSimulatorRoutes } from './modules/population-data/population.routes.js';
import { nationalPaymentSimulator } from './modules/payments/national-payment.simulator.js';
import { nationalPaymentSimulatorActive } from './modules/payments/payment.rules.js';
import { paymentSimulatorActive } from './modules/payments/payment.rules.js';
import { nationalSimulatorActive, nationalSimulatorProtocol } from './modules/national-portal/national-portal.routes.js';
import { nationalSsoSimulator } from './modules/national-portal/national-sso.simulator.js';
import { projectRoot } from './platform/paths.js';
import { portalSiteRoutes } from './modules/info-portal/portal-site.routes.js';
import { zaloSimulatorActive, zaloSimulatorRoutes } from './modules/notifications/zalo.simulator.js';
import { rewriteSiteHost } from './modules/info-portal/portal.hosts.js';
import { registerFeedLinks, registerNoscript } from './modules/feedback/feedback.noscript.js';
import { activeUnits, publishedProcedureChoices } from './modules/feedback/feedback.repo.js';
import { searchRegister } from './modules/feedback/use-cases/read-feedback.js';
import { firstScreenHtml, inlineStylesheet } from './web/first-screen.js';

export const webDistDir = path.join(projectRoot, 'dist/web');

export type BuildOptions = {
  logger?: boolean | object;
  webDir?: string;
  /** false only to measure what the read retry saves across a failover (bench/cluster-read-failover.ts). */
  readRetry?: boolean;
};

/** The composition root: platform plugins first, then every module's routes under /api. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // The client is who the socket says, unless a listed proxy (TRUST_PROXY) says otherwise: X-Forwarded-For and
    // -Proto from anyone else are ignored.
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    // Request ids for structured logs; a proxy's id is kept.
    requestIdHeader: 'x-request-id',
    // A unit site's own host name shows that site at "/" (modules/info-portal/portal.hosts.ts).
    rewriteUrl: (req) => rewriteSiteHost(req.url ?? '/', req.headers.host),
    // The router's own errors (a too long path parameter, a bad percent-encoding) in our error shape.
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  useVietnameseValidation();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  if (options.readRetry !== false) installReadRetry(app);

  await installRequestContext(app);
  // The security headers' middleware is built once, here: @fastify/helmet (13) built it again for every request, its
  // directives parsed each time — ~5 % of a public tracking answer's server CPU (issue 12).
  const securityHeaders = helmet({
    // No inline script anywhere (the built web/ and portal/ load theirs from /assets); antd and echarts set styles at
    // run time, so inline styles stay allowed.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(ctx.config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Only behind HTTPS (Secure cookies): HSTS on plain http://localhost would pin the demo's browser to https.
    strictTransportSecurity: ctx.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined)));
  // Large text answers (JSON, HTML pages) compressed for clients that accept it; built assets come precompressed.
  await installCompression(app);
  // Answers of the API carry personal data: no browser or proxy keeps them, unless a route chose its own caching
  // (the public catalogue's template files).
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.url.startsWith('/api/') || request.url.startsWith('/sim/')) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(cookie);
  rememberWrites(app, ctx);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 }, throwFileSizeLimit: true });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Một Cửa API',
        description: 'Hệ thống thông tin giải quyết thủ tục hành chính — mỗi thao tác ghi rõ ai được gọi (x-access).',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mc_session' }, citizen: { type: 'apiKey', in: 'cookie', name: 'mc_citizen' } } },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const access = input.route.config?.access;
      if (access) (out.schema as Record<string, unknown>)['x-access'] = access;
      return out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installAuth(app, ctx.db, ctx.clock);
  installMetrics(app, ctx.config);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true, response: { 200: z.object({ status: z.literal('ready') }), 503: ZErrorBody } } }, async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1');
    } catch {
      const err = new DomainError('COMMON.UNAVAILABLE', 'unavailable', 'Cơ sở dữ liệu chưa sẵn sàng.', 'Database not ready.');
      return sendDomainError(reply, err);
    }
    return { status: 'ready' as const };
  });

  await app.register(apiRoutes, { prefix: '/api', ctx });
  // The local payment gateway (VNPay protocol) for development, demos and tests only: never in production mode, never
  // beside a real gateway URL (it would sign "paid" notices with the real secret).
  if (paymentSimulatorActive(ctx.config)) await app.register(vnpaySimulator, { ctx });
  // The national platforms' simulators, likewise demo-only (config.rules.ts refuses them in production mode).
  if (citizenStoreSimulatorActive(ctx.config)) await app.register(citizenStoreSimulatorRoutes, { ctx });
  if (populationSimulatorActive(ctx.config)) await app.register(populationSimulatorRoutes, { ctx });
  if (nationalPaymentSimulatorActive(ctx.config)) await app.register(nationalPaymentSimulator, { ctx });
  // The national portal simulator's protocol (Cổng DVCQG), under the same rule: demo only, never beside a real portal.
  if (nationalSimulatorActive(ctx.config)) {
    await app.register(nationalSimulatorProtocol, { ctx });
    await app.register(nationalSsoSimulator, { ctx });
  }
  // The Zalo (ZNS) simulator, likewise demo-only and never beside a configured ZALO_ZNS_URL.
  if (zaloSimulatorActive(ctx.config)) await app.register(zaloSimulatorRoutes, { ctx });
  await app.register(portalSiteRoutes, { ctx });
  installWeb(app, options.webDir ?? webDistDir, ctx);
  return app;
}

/** Serves the built console (/console) and portal (/) with client-side routing fallbacks. */
function installWeb(app: FastifyInstance, webDir: string, ctx: AppContext): void {
  const portalIndex = path.join(webDir, 'portal/index.html');
  const consoleIndex = path.join(webDir, 'web/index.html');
  if (!fs.existsSync(portalIndex)) {
    app.get('/', { schema: { hide: true } }, async (_r, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>Một Cửa</title><p>Giao diện web chưa được build: chạy <code>npm run build</code>.</p><p><a href="/docs">API /docs</a></p>'),
    );
    return;
  }
  app.register(async (scope) => {
    // `<file>.br` / `<file>.gz` written beside each text asset by the build (vite.config.ts → precompressDir) are sent to
    // browsers that accept them, with Content-Encoding and Vary: Accept-Encoding; images go as they are.
    await scope.register(fastifyStatic, { root: path.join(webDir, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', preCompressed: true });
  });
  const portalHtml = inlineStylesheet(fs.readFileSync(portalIndex, 'utf8'), webDir);
  setHtmlNotFound(app, portalHtml);
  const consoleHtml = fs.existsSync(consoleIndex) ? fs.readFileSync(consoleIndex, 'utf8') : portalHtml;
  app.get('/console', { schema: { hide: true } }, async (_r, reply) => reply.type('text/html; charset=utf-8').send(consoleHtml));
  app.get('/console/*', { schema: { hide: true } }, async (_r, reply) => reply.type('text/html; charset=utf-8').send(consoleHtml));
  // The home page and a procedure page leave with their first screen rendered and its data inside (web/first-screen.ts).
  // An unknown procedure answers 404 with the portal, which says so in Vietnamese.
  const firstScreen = async (r: FastifyRequest, reply: FastifyReply) => {
    const { html, status } = await firstScreenHtml(app, portalHtml, r.url);
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  };
  app.get('/', { schema: { hide: true } }, firstScreen);
  app.get('/thu-tuc/:id', { schema: { hide: true } }, firstScreen);
  // The public register and hỏi đáp: the first page is rendered into <noscript>, readable with JavaScript off.
  const NOSCRIPT = '<noscript>Trang tra cứu cần bật JavaScript.</noscript>';
  for (const [route, kind] of [['/phan-anh/cong-khai', 'feedback'], ['/hoi-dap', 'question']] as const) {
    app.get<{ Querystring: Record<string, unknown> }>(route, { schema: { hide: true }, config: { access: 'public' } }, async (r, reply) => {
      const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
      const uuid = (v: unknown) => (typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : undefined);
      // A real calendar day only (2026-02-30 is dropped, not sent to the database).
      const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? v : undefined);
      // The application's address: q words, ?ma= one item (the feeds link each item so), ?dv= unit, ?tt= procedure, ?tu=/?den= period.
      const filters = { q: text(r.query.q, 200), code: text(r.query.ma, 60), unitId: uuid(r.query.dv), procedureId: uuid(r.query.tt), from: day(r.query.tu), to: day(r.query.den) };
      const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Partial<typeof filters>;
      const [page, units, procedures] = await Promise.all([searchRegister(ctx.db, { kind, limit: 20, ...defined }), activeUnits(ctx.db), publishedProcedureChoices(ctx.db)]);
      const html = portalHtml.replace(NOSCRIPT, `<noscript>${registerNoscript(kind, page.items, defined, { units, procedures })}</noscript>`).replace('</head>', `${registerFeedLinks(kind)}</head>`);
      return reply.type('text/html; charset=utf-8').send(html);
    });
  }
  for (const route of ['/thu-tuc/*', '/thanh-toan', '/thanh-toan/*', '/danh-gia', '/danh-gia/*', '/cong-dan', '/cong-dan/*', '/phan-anh', '/phan-anh/*']) {
    app.get(route, { schema: { hide: true } }, async (_r, reply) => reply.type('text/html; charset=utf-8').send(portalHtml));
  }
  app.get('/favicon.svg', { schema: { hide: true } }, async (_r, reply) => {
    const icon = path.join(webDir, 'favicon.svg');
    if (!fs.existsSync(icon)) throw commonErrors.notFound('favicon');
    return reply.type('image/svg+xml').send(fs.readFileSync(icon));
  });
}

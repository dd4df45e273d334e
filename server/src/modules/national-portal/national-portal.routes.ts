import { timingSafeEqual } from 'node:crypto';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { commonErrors } from '../../platform/errors.js';
import { actorOf } from '../identity/auth.plugin.js';
import { can, holdsAtTopLevel, scopeUnitIds, type Actor } from '../identity/permissions.policy.js';
import { NATIONAL_PUSH_BODY_LIMIT, ZHoSo } from './national-portal.contract.js';
import { nationalErrors } from './national-portal.errors.js';
import { readSyncHealth, syncCounts } from './national-portal.repo.js';
import { FAILED_AFTER, connectedNow, reconcilableDay } from './national-portal.rules.js';
import { nationalPortalOf } from './national-portal.service.js';
import { simulatorFor } from './national-portal.simulator.js';
import { receiveNationalDossier } from './use-cases/receive-national-dossier.js';
import { reconcileDay, resendDossier } from './use-cases/reconcile.js';
import { duringPortalCall } from './use-cases/portal-outage.js';
import { vnDateOf } from '../working-calendar/vn-time.js';
import { attachment } from '../../platform/http.js';
import { renderDeclarationForLink } from '../dossiers/use-cases/render-dossier-declaration.js';
import { DECLARATION_FILE_NAME } from './national-portal.documents.rules.js';
import { FILE_LINK_ROUTE, fileLinkValid, type FileLinkKind } from './national-portal.links.js';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody, 503: ZErrorBody };

function bearerMatches(header: string | undefined, secret: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const ZDifference = z.object({
  id: z.string(),
  dossierId: z.string().uuid(),
  code: z.string().nullable(),
  maHoSo: z.string(),
  unitName: z.string(),
  day: z.string(),
  kind: z.enum(['missing', 'status', 'progress', 'documents']),
  ours: z.unknown(),
  theirs: z.unknown(),
  foundAt: z.date(),
  resentAt: z.date().nullable(),
});

/** The national portal: dossiers pushed from it, the sync's counts and differences, "Gửi lại"; the simulator's controls in the demo. */
export const nationalPortalRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/national-portal/dossiers',
    {
      // The national portal authenticates with the shared bearer secret (NATIONAL_PORTAL_INBOUND_SECRET), not a session.
      config: { access: 'public' },
      bodyLimit: NATIONAL_PUSH_BODY_LIMIT,
      schema: { tags: ['national-portal'], summary: 'Cổng DVCQG đẩy hồ sơ công dân nộp trên Cổng về hệ thống (một lần theo MaHoSo)', body: ZHoSo, response: { 200: z.object({ id: z.string().uuid(), created: z.boolean() }), 201: z.object({ id: z.string().uuid(), created: z.boolean() }), ...errors } },
    },
    async (request, reply) => {
      if (!ctx.config.nationalPortalInboundSecret) throw nationalErrors.inboundDisabled();
      if (!bearerMatches(request.headers.authorization, ctx.config.nationalPortalInboundSecret)) throw nationalErrors.badInboundSecret();
      const r = await receiveNationalDossier(ctx, request.body);
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );

  app.get(
    FILE_LINK_ROUTE,
    {
      // The national portal fetches a dossier's files by the links the sync sent it: the signature is the permission, so
      // no session; anything but a valid, unexpired link to a file of that dossier is 404, the same for every failure.
      config: { access: 'public' },
      schema: {
        tags: ['national-portal'],
        summary: 'Cổng DVCQG tải tệp thành phần hồ sơ hoặc kết quả theo liên kết có chữ ký, có thời hạn',
        // Plain strings, checked in the handler: a malformed link answers 404 like a forged one, never 400.
        params: z.object({ dossierId: z.string(), kind: z.string(), ref: z.string() }),
        querystring: z.object({ exp: z.string().default(''), sig: z.string().default('') }),
      },
    },
    async (request, reply) => {
      const { dossierId, kind, ref } = request.params;
      const shaped = /^[0-9a-f-]{36}$/.test(dossierId) && (kind === 'declaration' ? ref === DECLARATION_FILE_NAME : (kind === 'component' || kind === 'result') && /^[0-9a-f]{64}$/.test(ref));
      if (!shaped || !fileLinkValid(ctx.config, ctx.clock.now(), { dossierId, kind: kind as FileLinkKind, ref, exp: request.query.exp, sig: request.query.sig })) throw nationalErrors.fileNotFound();
      reply.header('cache-control', 'private, no-store');
      reply.header('referrer-policy', 'no-referrer');
      if (kind === 'declaration') {
        const pdf = await renderDeclarationForLink(ctx, dossierId);
        if (!pdf) throw nationalErrors.fileNotFound();
        reply.header('content-type', 'application/pdf');
        reply.header('content-disposition', attachment(DECLARATION_FILE_NAME));
        return reply.send(pdf);
      }
      const { rows } = await ctx.db.query<{ fileName: string; mediaType: string }>(
        `SELECT f.file_name AS "fileName", s.media_type AS "mediaType" FROM dossier_file f JOIN stored_file s ON s.sha256 = f.sha256
          WHERE f.dossier_id = $1 AND f.sha256 = $2 AND f.kind = $3 LIMIT 1`,
        [dossierId, ref, kind],
      );
      if (!rows[0]) throw nationalErrors.fileNotFound();
      reply.header('content-type', rows[0].mediaType);
      reply.header('content-disposition', attachment(rows[0].fileName));
      return reply.send(ctx.files.open(ref));
    },
  );

  app.get(
    '/national-portal/sync',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['national-portal'], summary: 'Số hồ sơ đã đồng bộ / đang chờ / lỗi lên Cổng DVCQG (QĐ 766 chỉ số 1.4)', response: {
          200: z.object({
            synced: z.number(),
            pending: z.number(),
            failed: z.number(),
            configured: z.boolean(),
            connected: z.boolean(),
            lastError: z.object({ message: z.string(), at: z.date() }).nullable(),
            lastSuccessAt: z.date().nullable(),
          }),
          ...errors,
        } } },
    async (request) => {
      const units = scopeUnitIds(actorOf(request), 'reports.read');
      const configured = nationalPortalOf(ctx) !== null;
      const health = await readSyncHealth(ctx.db);
      const connected = connectedNow(configured, health);
      // The last error is shown while it is the latest news of the connection (a later success clears it).
      const lastError = !connected && health.lastFailureAt ? { message: health.lastError ?? '', at: health.lastFailureAt } : null;
      return { ...(await syncCounts(ctx.db, units, FAILED_AFTER)), configured, connected, lastError, lastSuccessAt: health.lastSuccessAt };
    },
  );

  app.get(
    '/national-portal/differences',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['national-portal'], summary: 'Sai lệch giữa bản trên Cổng DVCQG và hệ thống (đối soát)', querystring: z.object({ day: ZDay.optional() }), response: { 200: z.object({ items: z.array(ZDifference) }), ...errors } } },
    async (request) => {
      const units = scopeUnitIds(actorOf(request), 'reports.read');
      const { rows } = await ctx.db.query<z.infer<typeof ZDifference>>(
        `SELECT f.id::text, f.dossier_id AS "dossierId", d.code, f.ma_ho_so AS "maHoSo", u.name AS "unitName", to_char(f.day, 'YYYY-MM-DD') AS day, f.kind, f.ours, f.theirs,
                f.found_at AS "foundAt", f.resent_at AS "resentAt"
           FROM national_sync_difference f JOIN dossier d ON d.id = f.dossier_id JOIN unit u ON u.id = f.unit_id
          WHERE f.resolved_at IS NULL AND ($2::date IS NULL OR f.day = $2::date)
            AND EXISTS (SELECT 1 FROM dossier_scope s WHERE s.dossier_id = f.dossier_id AND s.unit_id = ANY($1))
          ORDER BY f.day DESC, f.id LIMIT 500`,
        [units, request.query.day ?? null],
      );
      return { items: rows };
    },
  );

  app.post(
    '/national-portal/differences/:id/resend',
    { config: { access: 'perm:reports.manage' }, schema: { tags: ['national-portal'], summary: 'Gửi lại hồ sơ lên Cổng DVCQG', params: z.object({ id: z.string().regex(/^\d{1,18}$/) }), response: { 200: z.object({ queued: z.literal(true) }), ...errors } } },
    async (request) => {
      const { rows } = await ctx.db.query<{ path: string }>(
        `SELECT u.path FROM national_sync_difference f JOIN unit u ON u.id = f.unit_id WHERE f.id = $1 AND f.resolved_at IS NULL`,
        [request.params.id],
      );
      if (!rows[0]) throw nationalErrors.differenceNotFound();
      // Out of the caller's scope it is not found, as every other object outside it (not a 403 that confirms it exists).
      if (!can(actorOf(request), 'reports.manage', rows[0].path)) throw nationalErrors.differenceNotFound();
      if (!(await resendDossier(ctx, request.params.id))) throw nationalErrors.differenceNotFound();
      return { queued: true as const };
    },
  );

  app.post(
    '/national-portal/reconcile',
    {
      config: { access: 'perm:reports.manage' },
      schema: {
        tags: ['national-portal'],
        summary: 'Đối soát ngay: so bản trên Cổng DVCQG với hệ thống cho các hồ sơ thay đổi trong ngày, trong phạm vi đơn vị của người dùng',
        body: z.object({ day: ZDay.optional() }).optional(),
        response: { 200: z.object({ day: z.string(), checked: z.number(), differences: z.number(), resolved: z.number() }), ...errors },
      },
    },
    async (request) => {
      const portal = nationalPortalOf(ctx);
      if (!portal) throw nationalErrors.portalUnavailable();
      const units = scopeUnitIds(actorOf(request), 'reports.manage');
      const today = vnDateOf(ctx.clock.now());
      const day = request.body?.day ?? today;
      if (!reconcilableDay(day, today)) throw nationalErrors.badReconcileDay(day);
      const report = await duringPortalCall(ctx, () => reconcileDay({ db: ctx.db, clock: ctx.clock, portal, config: ctx.config }, day, units));
      return { day, ...report };
    },
  );

  // The simulator's controls, for the demo and the browser journeys: never with a real portal nor in production.
  if (nationalSimulatorActive(ctx.config)) {
    const sim = simulatorFor(ctx);
    app.post(
      '/national-sim/outage',
      { config: { access: 'perm:reports.manage' }, schema: { tags: ['national-simulator'], summary: 'Mô phỏng: Cổng DVCQG từ chối mọi yêu cầu trong N giây', body: z.object({ seconds: z.number().int().min(0).max(86_400) }), response: { 200: z.object({ refusing: z.boolean() }), ...errors } } },
      async (request) => {
        // One simulator serves every province of this server: only a province-level holder may stop it for all.
        if (!holdsAtTopLevel(actorOf(request), 'reports.manage')) throw commonErrors.forbidden('reports.manage');
        sim.refuseFor(request.body.seconds);
        return { refusing: sim.refusing };
      },
    );
    app.post(
      '/national-sim/push',
      { config: { access: 'perm:reports.manage' }, bodyLimit: NATIONAL_PUSH_BODY_LIMIT, schema: { tags: ['national-simulator'], summary: 'Mô phỏng: Cổng DVCQG đẩy một hồ sơ công dân nộp trên Cổng về hệ thống', body: ZHoSo, response: { 200: z.object({ id: z.string().uuid(), created: z.boolean() }), 201: z.object({ id: z.string().uuid(), created: z.boolean() }), ...errors } } },
      async (request, reply) => {
        // A push for a unit outside the caller's scope is refused before the simulator holds anything.
        const codes = await manageableUnitCodes(actorOf(request));
        if (!codes.has(request.body.DonViXuLy)) {
          // A unit that does not exist is a mistake in the push, not a lack of permission.
          const known = await ctx.db.query(`SELECT 1 FROM unit WHERE code = $1`, [request.body.DonViXuLy]);
          if (known.rowCount === 0) throw nationalErrors.unknownAgency(request.body.DonViXuLy);
          throw commonErrors.forbidden('reports.manage');
        }
        // Through our own authenticated endpoint, as the portal would call it; the simulator keeps a copy only of what we took.
        const res = await app.inject({ method: 'POST', url: '/api/national-portal/dossiers', headers: { authorization: `Bearer ${ctx.config.nationalPortalInboundSecret}` }, payload: request.body });
        // A re-push of a dossier we already hold (200) leaves the portal's copy as it is: overwriting it would reset its
        // status and history behind the reconciliation's back (a difference "healed" or made without anyone sending).
        if (res.statusCode === 201 || (res.statusCode === 200 && !sim.dossiers.has(request.body.MaHoSo))) sim.dossiers.set(request.body.MaHoSo, structuredClone(request.body));
        return reply.status(res.statusCode).send(res.json());
      },
    );
    app.get(
      '/national-sim/dossiers',
      { config: { access: 'perm:reports.manage' }, schema: { tags: ['national-simulator'], summary: 'Mô phỏng: bản hồ sơ và trạng thái Cổng DVCQG đang giữ', response: { 200: z.object({ items: z.array(z.object({ MaHoSo: z.string(), TrangThaiHoSo: z.number(), QuaTrinhXuLy: z.array(z.object({ MaQuaTrinh: z.string(), TrangThai: z.number(), NoiDungXuLy: z.string(), NguoiXuLy: z.string() })) })) }), ...errors } } },
      async (request) => {
        const codes = await manageableUnitCodes(actorOf(request));
        return { items: [...sim.dossiers.values()].filter((h) => codes.has(h.DonViXuLy)).map((h) => ({ MaHoSo: h.MaHoSo, TrangThaiHoSo: h.TrangThaiHoSo, QuaTrinhXuLy: h.QuaTrinhXuLy })) };
      },
    );
  }

  /** The agency codes of the units where the caller holds reports.manage (the simulator's dossiers are keyed by them). */
  async function manageableUnitCodes(actor: Actor): Promise<Set<string>> {
    const { rows } = await ctx.db.query<{ code: string; path: string }>(`SELECT code, path FROM unit WHERE code IS NOT NULL`);
    return new Set(rows.filter((u) => can(actor, 'reports.manage', u.path)).map((u) => u.code));
  }
};

/** The simulator's protocol endpoints (/sim/dvcqg/token, /sim/dvcqg/service), mounted in the demo only (app.ts). */
export async function nationalSimulatorProtocol(app: import('fastify').FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const sim = simulatorFor(ctx);
  for (const path of ['/token', '/service'] as const) {
    app.post(`/sim/dvcqg${path}`, { schema: { hide: true } }, async (request, reply) => {
      const a = sim.handle(path, request.body);
      if (a === 'dropped') return reply.status(502).send({ error_code: '502', message: 'dropped' });
      return reply.status(a.status).send(a.body);
    });
  }
}

/** True when this server mounts the national portal simulator: the demo, the simulator on, no real portal configured. */
export const nationalSimulatorActive = (c: AppContext['config']): boolean => c.mode === 'demo' && c.nationalPortalSimulator && !c.nationalPortalUrl;

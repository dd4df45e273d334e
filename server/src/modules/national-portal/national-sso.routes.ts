import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { commonErrors, DomainError } from '../../platform/errors.js';
import { actorOf, CITIZEN_COOKIE, SESSION_COOKIE } from '../identity/auth.plugin.js';
import { getUserAs } from '../identity/use-cases/manage-users.js';
import { bindSignInToBrowser, redirectToCallbackOrigin, signInStartedHere } from '../identity/sign-in-flow.js';
import { failedLanding, finishNationalSso, linkStaffIdentity, listStaffLinks, ssoSettings, unlinkStaffIdentity, startNationalSso, type SsoTarget } from './use-cases/national-sso.js';

/** Single sign-on from the national portal (Cổng DVCQG) into the citizens' portal and the officers' console. */
export const nationalSsoRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.secureCookies, maxAge: ctx.config.sessionTtlHours * 3600 };

  app.get(
    '/national-sso/options',
    { config: { access: 'public' }, schema: { tags: ['national-portal'], summary: 'Có đăng nhập một lần bằng tài khoản Cổng Dịch vụ công quốc gia không', response: { 200: z.object({ enabled: z.boolean() }) } } },
    async () => ({ enabled: ssoSettings(ctx.config) !== null }),
  );

  app.get(
    '/national-sso/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['national-portal'],
        summary: 'Bắt đầu đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia (OpenID Connect, mã ủy quyền + PKCE): công dân vào cổng, cán bộ vào phần mềm một cửa',
        querystring: z.object({ target: z.enum(['citizen', 'staff']).default('citizen'), returnTo: z.string().max(300).optional() }),
      },
    },
    async (request, reply) => {
      // The state cookie must be set where the callback is (PUBLIC_URL's origin), or the callback would not find it.
      if (redirectToCallbackOrigin(request, reply, ssoSettings(ctx.config)?.redirectUri ?? ctx.config.publicUrl)) return reply;
      try {
        const authUrl = await startNationalSso(ctx, request.query.target, request.query.returnTo);
        bindSignInToBrowser(reply, authUrl, ctx.config.secureCookies);
        return reply.redirect(authUrl, 302);
      } catch (err) {
        // Not configured, or the portal cannot be reached: back to the sign-in page, which says so.
        request.log.warn({ err }, 'national portal sign-in could not start');
        return reply.redirect(failedLanding(request.query.target), 302);
      }
    },
  );

  app.get(
    '/national-sso/callback',
    { config: { access: 'public', readRetry: false }, schema: { tags: ['national-portal'], summary: 'Cổng Dịch vụ công quốc gia chuyển về sau khi người dùng đăng nhập' } },
    async (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      if (!signInStartedHere(request, reply)) {
        request.log.warn('national portal sign-in refused: the callback was not started by this browser');
        return reply.redirect(failedLanding('citizen'), 302);
      }
      try {
        const s = await finishNationalSso({ ...ctx, sessionTtlHours: ctx.config.sessionTtlHours }, query, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
        reply.setCookie(s.target === 'staff' ? SESSION_COOKIE : CITIZEN_COOKIE, s.token, cookie);
        return reply.redirect(s.landing, 302);
      } catch (err) {
        request.log.warn({ err }, 'national portal sign-in failed');
        const target: SsoTarget = err instanceof DomainError && err.details?.target === 'staff' ? 'staff' : 'citizen';
        return reply.redirect(failedLanding(target), 302);
      }
    },
  );

  const ZStaffLink = z.object({ userId: z.string().uuid(), username: z.string(), fullName: z.string(), homeUnitName: z.string(), subject: z.string(), linkedAt: z.date(), linkedByName: z.string().nullable() });
  const ZSubject = z.string().trim().min(1).max(200).regex(/^[^\s]+$/, 'Định danh không chứa khoảng trắng');
  app.get(
    '/national-sso/staff-links',
    {
      config: { access: 'perm:users.manage' },
      schema: {
        tags: ['national-portal'],
        summary: 'Các cán bộ (thuộc phạm vi quản trị) đã gắn định danh Cổng Dịch vụ công quốc gia để đăng nhập một lần',
        response: { 200: z.object({ items: z.array(ZStaffLink) }), 403: ZErrorBody },
      },
    },
    async (request) => ({ items: await listStaffLinks(ctx, actorOf(request)) }),
  );
  app.post(
    '/national-sso/staff-links',
    {
      config: { access: 'perm:users.manage' },
      schema: {
        tags: ['national-portal'],
        summary: 'Gắn định danh trên Cổng Dịch vụ công quốc gia với tài khoản cán bộ chưa có liên kết (đã có: 409, gỡ trước rồi gắn lại); ghi nhật ký',
        body: z.object({ userId: z.string().uuid(), subject: ZSubject }),
        response: { 201: z.object({ userId: z.string().uuid(), subject: z.string() }), 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await getUserAs(ctx, actor, request.body.userId);
      return reply.status(201).send(await linkStaffIdentity(ctx, actor, request.body.userId, request.body.subject));
    },
  );
  app.delete(
    '/national-sso/staff-links/:userId',
    {
      config: { access: 'perm:users.manage' },
      schema: {
        tags: ['national-portal'],
        summary: 'Gỡ liên kết đăng nhập một lần của cán bộ (từ đó định danh trên Cổng không vào được phần mềm); ghi nhật ký',
        params: z.object({ userId: z.string().uuid() }),
        response: { 204: z.null(), 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await getUserAs(ctx, actor, request.params.userId);
      if (!(await unlinkStaffIdentity(ctx, actor, request.params.userId))) throw commonErrors.notFound('Staff link');
      return reply.status(204).send(null);
    },
  );
};

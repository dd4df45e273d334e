import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { CITIZEN_COOKIE, citizenOf, hashToken } from '../identity/auth.plugin.js';
import { ZCitizenLoginInput, ZCitizenMe, ZProfile, ZProfileUpdate, ZRegisterInput } from './citizen.contract.js';
import { deleteCitizenSession } from './citizen-session.repo.js';
import { registerCitizen, signInCitizen, type NewSession } from './use-cases/citizen-auth.js';
import { editProfile, readProfile } from './use-cases/manage-profile.js';
import { finishOidcSignIn, oidcEnabled, safeReturnPath, startOidcSignIn } from './use-cases/oidc-sign-in.js';

/** Citizens' sign-in (VNeID through OpenID Connect, or e-mail/phone with a password), session and profile. */
export const citizenAuthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const settings = { maxFailures: ctx.config.loginMaxFailures, lockMinutes: ctx.config.loginLockMinutes, sessionTtlHours: ctx.config.sessionTtlHours };
  const setSession = (reply: FastifyReply, s: NewSession) =>
    reply.setCookie(CITIZEN_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, maxAge: ctx.config.sessionTtlHours * 3600 });
  const me = async (citizenId: string, csrfToken: string) => ({ ...(await readProfile(ctx, citizenId)), csrfToken });

  app.get(
    '/citizen/auth/options',
    { config: { access: 'public' }, schema: { tags: ['citizens'], summary: 'Cách đăng nhập cổng dịch vụ công (VNeID có được cấu hình không)', response: { 200: z.object({ oidc: z.boolean() }) } } },
    async () => ({ oidc: oidcEnabled(ctx.config) }),
  );

  app.post(
    '/citizen/auth/register',
    { config: { access: 'public' }, schema: { tags: ['citizens'], summary: 'Đăng ký tài khoản công dân bằng e-mail hoặc số điện thoại', body: ZRegisterInput, response: { 201: ZCitizenMe, 400: ZErrorBody, 409: ZErrorBody } } },
    async (request, reply) => {
      const s = await registerCitizen({ ...ctx, settings }, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setSession(reply, s);
      return reply.status(201).send(await me(s.citizenId, s.csrfToken));
    },
  );

  app.post(
    '/citizen/auth/login',
    { config: { access: 'public' }, schema: { tags: ['citizens'], summary: 'Công dân đăng nhập bằng e-mail/số điện thoại và mật khẩu', body: ZCitizenLoginInput, response: { 200: ZCitizenMe, 401: ZErrorBody, 403: ZErrorBody, 429: ZErrorBody } } },
    async (request, reply) => {
      const s = await signInCitizen({ db: ctx.db, clock: ctx.clock, settings }, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setSession(reply, s);
      return me(s.citizenId, s.csrfToken);
    },
  );

  app.get(
    '/citizen/auth/oidc/start',
    { config: { access: 'public' }, schema: { tags: ['citizens'], summary: 'Bắt đầu đăng nhập bằng VNeID (OpenID Connect, mã ủy quyền + PKCE)', querystring: z.object({ returnTo: z.string().max(300).optional() }) } },
    async (request, reply) => reply.redirect(await startOidcSignIn(ctx, request.query.returnTo), 302),
  );

  app.get(
    '/citizen/auth/oidc/callback',
    { config: { access: 'public' }, schema: { tags: ['citizens'], summary: 'Nhà cung cấp định danh chuyển về sau khi công dân đăng nhập' } },
    async (request, reply) => {
      const url = new URL(ctx.config.oidcRedirectUri ?? 'http://invalid/');
      url.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      try {
        const s = await finishOidcSignIn({ ...ctx, settings }, url, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
        setSession(reply, s);
        return reply.redirect(safeReturnPath(s.returnTo), 302);
      } catch (err) {
        request.log.warn({ err }, 'oidc sign-in failed');
        return reply.redirect('/cong-dan/dang-nhap?loi=vneid', 302);
      }
    },
  );

  app.post(
    '/citizen/auth/logout',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Công dân đăng xuất', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[CITIZEN_COOKIE];
      if (token) await deleteCitizenSession(ctx.db, hashToken(token));
      reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/citizen/me',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Thông tin công dân đang đăng nhập', response: { 200: ZCitizenMe, 401: ZErrorBody } } },
    async (request) => {
      const c = citizenOf(request);
      return me(c.citizenId, c.csrfToken);
    },
  );

  app.patch(
    '/citizen/me',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Cập nhật thông tin cá nhân', body: ZProfileUpdate, response: { 200: ZProfile, 400: ZErrorBody, 409: ZErrorBody } } },
    async (request) => editProfile(ctx, citizenOf(request).citizenId, request.body),
  );
};

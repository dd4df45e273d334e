import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { CITIZEN_COOKIE, citizenOf, hashToken } from '../identity/auth.plugin.js';
import { ZCitizenLoginInput, ZCitizenMe, ZCodeSent, ZContactChange, ZContactConfirm, ZProfile, ZProfileUpdate, ZRecoveryConfirm, ZRecoveryStart, ZRegisterConfirm, ZRegisterInput } from './citizen.contract.js';
import { deleteCitizenSession } from './citizen-session.repo.js';
import { confirmRegistration, signInCitizen, startRegistration, type NewSession } from './use-cases/citizen-auth.js';
import { finishPasswordRecovery, startPasswordRecovery } from './use-cases/recover-password.js';
import { editProfile, readProfile } from './use-cases/manage-profile.js';
import { confirmContactChange, startContactChange } from './use-cases/change-contact.js';
import { finishOidcSignIn, oidcEnabled, safeReturnPath, startOidcSignIn } from './use-cases/oidc-sign-in.js';
import { bindSignInToBrowser, redirectToCallbackOrigin, signInStartedHere } from '../identity/sign-in-flow.js';

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

  const client = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

  app.post(
    '/citizen/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags: ['citizens'],
        summary: 'Đăng ký tài khoản công dân bằng e-mail hoặc số điện thoại: gửi mã xác thực (trả lời như nhau dù đã có tài khoản hay chưa)',
        body: ZRegisterInput,
        response: { 202: ZCodeSent, 400: ZErrorBody, 429: ZErrorBody },
      },
    },
    async (request, reply) => reply.status(202).send(await startRegistration(ctx, request.body, client(request))),
  );

  app.post(
    '/citizen/auth/register/confirm',
    { config: { access: 'public' }, schema: { tags: ['citizens'], summary: 'Xác nhận đăng ký bằng mã xác thực; tạo tài khoản và đăng nhập', body: ZRegisterConfirm, response: { 201: ZCitizenMe, 400: ZErrorBody, 401: ZErrorBody } } },
    async (request, reply) => {
      const s = await confirmRegistration({ ...ctx, settings }, request.body, client(request));
      setSession(reply, s);
      return reply.status(201).send(await me(s.citizenId, s.csrfToken));
    },
  );

  app.post(
    '/citizen/auth/recovery',
    {
      config: { access: 'public' },
      schema: { tags: ['citizens'], summary: 'Quên mật khẩu: gửi mã xác thực tới số điện thoại hoặc e-mail đăng nhập (trả lời như nhau dù có tài khoản hay không)', body: ZRecoveryStart, response: { 202: ZCodeSent, 400: ZErrorBody, 429: ZErrorBody } },
    },
    async (request, reply) => reply.status(202).send(await startPasswordRecovery(ctx, request.body, client(request))),
  );

  app.post(
    '/citizen/auth/recovery/confirm',
    { config: { access: 'public' }, schema: { tags: ['citizens'], summary: 'Đặt mật khẩu mới bằng mã xác thực và đăng nhập', body: ZRecoveryConfirm, response: { 200: ZCitizenMe, 400: ZErrorBody, 401: ZErrorBody } } },
    async (request, reply) => {
      const s = await finishPasswordRecovery({ ...ctx, settings }, request.body, client(request));
      setSession(reply, s);
      return me(s.citizenId, s.csrfToken);
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
    async (request, reply) => {
      // The state cookie must be set where the callback is (the configured redirect URI's origin).
      if (redirectToCallbackOrigin(request, reply, ctx.config.oidcRedirectUri ?? ctx.config.publicUrl)) return reply;
      const authUrl = await startOidcSignIn(ctx, request.query.returnTo);
      bindSignInToBrowser(reply, authUrl, ctx.config.secureCookies);
      return reply.redirect(authUrl, 302);
    },
  );

  app.get(
    '/citizen/auth/oidc/callback',
    { config: { access: 'public', readRetry: false }, schema: { tags: ['citizens'], summary: 'Nhà cung cấp định danh chuyển về sau khi công dân đăng nhập' } },
    async (request, reply) => {
      const url = new URL(ctx.config.oidcRedirectUri ?? 'http://invalid/');
      url.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      if (!signInStartedHere(request, reply)) {
        request.log.warn('oidc sign-in refused: the callback was not started by this browser');
        return reply.redirect('/cong-dan/dang-nhap?loi=vneid', 302);
      }
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

  app.post(
    '/citizen/me/contact',
    {
      config: { access: 'citizen' },
      schema: { tags: ['citizens'], summary: 'Đổi số điện thoại hoặc e-mail: gửi mã xác thực tới giá trị mới (trả lời như nhau dù đã có tài khoản dùng nó hay chưa)', body: ZContactChange, response: { 202: ZCodeSent, 400: ZErrorBody, 401: ZErrorBody, 429: ZErrorBody } },
    },
    async (request, reply) => reply.status(202).send(await startContactChange(ctx, citizenOf(request).citizenId, request.body, client(request))),
  );

  app.post(
    '/citizen/me/contact/confirm',
    {
      config: { access: 'citizen' },
      schema: { tags: ['citizens'], summary: 'Xác nhận số điện thoại hoặc e-mail mới bằng mã đã gửi tới nó', body: ZContactConfirm, response: { 200: ZProfile, 400: ZErrorBody, 401: ZErrorBody, 409: ZErrorBody } },
    },
    async (request) => confirmContactChange(ctx, citizenOf(request).citizenId, request.body, client(request)),
  );
};

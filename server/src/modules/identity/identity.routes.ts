import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf, hashToken, SESSION_COOKIE } from './auth.plugin.js';
import { ZCreateUserInput, ZLoginCodeInput, ZLoginInput, ZMe, ZStaffUser, ZUpdateUserInput, ZUserListQuery } from './identity.contract.js';
import { deleteSession, grantsWithUnits } from './identity.repo.js';
import { permissions, can } from './permissions.policy.js';
import { sendStaffSignInCode, signIn } from './use-cases/sign-in.js';
import { createUser, getUserAs, listUsersAs, updateUser } from './use-cases/manage-users.js';
import { ZErrorBody } from '../../platform/error-schema.js';

export const identityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    maxAge: ctx.config.sessionTtlHours * 3600,
  };

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['identity'], summary: 'Đăng nhập cán bộ', body: ZLoginInput, response: { 200: ZMe, 401: ZErrorBody, 403: ZErrorBody, 429: ZErrorBody } },
    },
    async (request, reply) => {
      const s = await signIn(
        { db: ctx.db, clock: ctx.clock, settings: { maxFailures: ctx.config.loginMaxFailures, lockMinutes: ctx.config.loginLockMinutes, sessionTtlHours: ctx.config.sessionTtlHours } },
        request.body,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      reply.setCookie(SESSION_COOKIE, s.token, cookieOptions);
      const me = await buildMe(ctx, s.userId, s.csrfToken);
      return me;
    },
  );

  app.post(
    '/auth/login/code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Gửi mã xác thực đăng nhập tới điện thoại/e-mail của cán bộ (trả lời như nhau với mọi tên đăng nhập)',
        body: ZLoginCodeInput,
        response: { 202: z.object({ expiresInMinutes: z.number(), message: z.string() }), 429: ZErrorBody },
      },
    },
    async (request, reply) => reply.status(202).send(await sendStaffSignInCode(ctx, request.body.username)),
  );

  app.post(
    '/auth/logout',
    { config: { access: 'staff' }, schema: { tags: ['identity'], summary: 'Đăng xuất', response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(ctx.db, hashToken(token));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { config: { access: 'staff' }, schema: { tags: ['identity'], summary: 'Cán bộ đang đăng nhập', response: { 200: ZMe, 401: ZErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      return buildMe(ctx, actor.userId, request.session!.csrfToken);
    },
  );

  app.get(
    '/users',
    {
      config: { access: 'perm:users.manage' },
      schema: { tags: ['identity'], summary: 'Danh sách cán bộ trong phạm vi quản lý', querystring: ZUserListQuery, response: { 200: z.object({ items: z.array(ZStaffUser), next: z.string().nullable() }) } },
    },
    async (request) => listUsersAs(ctx, actorOf(request), request.query),
  );

  app.post(
    '/users',
    {
      config: { access: 'perm:users.manage' },
      schema: { tags: ['identity'], summary: 'Tạo tài khoản cán bộ', body: ZCreateUserInput, response: { 201: ZStaffUser, 403: ZErrorBody, 409: ZErrorBody } },
    },
    async (request, reply) => reply.status(201).send(await createUser(ctx, actorOf(request), request.body)),
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'perm:users.manage' },
      schema: { tags: ['identity'], summary: 'Thông tin cán bộ', params: z.object({ id: z.string().uuid() }), response: { 200: ZStaffUser, 404: ZErrorBody } },
    },
    async (request) => getUserAs(ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'perm:users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Cập nhật, khóa/mở khóa, đặt lại mật khẩu, phân quyền cán bộ',
        params: z.object({ id: z.string().uuid() }),
        body: ZUpdateUserInput,
        response: { 200: ZStaffUser, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => updateUser(ctx, actorOf(request), request.params.id, request.body),
  );
};

async function buildMe(ctx: AppContext, userId: string, csrfToken: string) {
  const { rows } = await ctx.db.query<{ id: string; username: string; fullName: string }>(
    'SELECT id, username, full_name AS "fullName" FROM staff_user WHERE id = $1',
    [userId],
  );
  const user = rows[0]!;
  const grants = await grantsWithUnits(ctx.db, userId);
  const actor = { userId, username: user.username, fullName: user.fullName, grants: grants.map((g) => ({ ...g, unitPath: '' })) };
  return { ...user, csrfToken, grants, permissions: permissions.filter((p) => can(actor, p)) };
}

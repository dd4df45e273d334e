import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { readUpload } from '../../platform/http.js';
import { actorOf } from '../identity/auth.plugin.js';
import {
  ZArticle,
  ZArticleAction,
  ZArticleInput,
  ZArticleListItem,
  ZArticleStatus,
  ZArticleUpdate,
  ZCategory,
  ZCategoryInput,
  ZComment,
  ZFigurePeriod,
  ZLiveFigures,
  ZMedia,
  ZMember,
  ZMemberInput,
  ZModerateInput,
  ZOutage,
  ZOutageInput,
  ZPortalRole,
  ZPublicFigures,
  ZPublicFiguresQuery,
  ZSite,
  ZSiteInput,
  ZSiteSummary,
} from './portal.contract.js';
import * as sites from './use-cases/manage-site.js';
import * as articles from './use-cases/write-article.js';
import { listCommentsFor, moderate } from './use-cases/moderate.js';
import { liveFigures, placeFigures } from './use-cases/read-site.js';

const ZUnitParams = z.object({ unitId: z.string().uuid() });
const ZIdParams = z.object({ id: z.string().uuid() });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const tags = ['info-portal'];

/**
 * Console API of the information portal (NĐ 224/2026 Điều 9–13). Every route but the public figures needs a signed-in officer; what they may
 * do on a site is decided in the use cases (site manager = units.manage on the unit; editor / reviewer = portal_member).
 */
export const infoPortalRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const staff = { access: 'staff' as const };

  app.get('/info-portal/sites', { config: staff, schema: { tags, summary: 'Các trang thông tin tôi biên tập, duyệt hoặc quản trị', response: { 200: z.array(ZSiteSummary), 401: ZErrorBody } } }, async (r) =>
    sites.mySites(ctx, actorOf(r)),
  );
  app.get('/info-portal/sites/:unitId', { config: staff, schema: { tags, summary: 'Cấu hình trang thông tin của đơn vị', params: ZUnitParams, response: { 200: ZSite, ...errors } } }, async (r) =>
    sites.getSiteView(ctx, actorOf(r), r.params.unitId),
  );
  app.put(
    '/info-portal/sites/:unitId',
    { config: staff, schema: { tags, summary: 'Tạo hoặc sửa trang thông tin (địa chỉ, liên hệ, đường dây nóng, lãnh đạo, trình đơn)', params: ZUnitParams, body: ZSiteInput, response: { 200: ZSite, ...errors } } },
    async (r) => sites.saveSite(ctx, actorOf(r), r.params.unitId, r.body),
  );
  app.get('/info-portal/sites/:unitId/members', { config: staff, schema: { tags, summary: 'Biên tập viên và người duyệt tin', params: ZUnitParams, response: { 200: z.array(ZMember), ...errors } } }, async (r) =>
    sites.listMembers(ctx, actorOf(r), r.params.unitId),
  );
  app.post(
    '/info-portal/sites/:unitId/members',
    { config: staff, schema: { tags, summary: 'Giao vai trò biên tập viên / người duyệt tin', params: ZUnitParams, body: ZMemberInput, response: { 200: z.array(ZMember), ...errors } } },
    async (r) => sites.addMember(ctx, actorOf(r), r.params.unitId, r.body),
  );
  app.delete(
    '/info-portal/sites/:unitId/members/:userId/:role',
    { config: staff, schema: { tags, summary: 'Thu hồi vai trò', params: ZUnitParams.extend({ userId: z.string().uuid(), role: ZPortalRole }), response: { 200: z.array(ZMember), ...errors } } },
    async (r) => sites.removeMember(ctx, actorOf(r), r.params.unitId, r.params.userId, r.params.role),
  );
  app.get('/info-portal/sites/:unitId/categories', { config: staff, schema: { tags, summary: 'Chuyên mục', params: ZUnitParams, response: { 200: z.array(ZCategory), ...errors } } }, async (r) =>
    sites.listCategories(ctx, actorOf(r), r.params.unitId),
  );
  app.post(
    '/info-portal/sites/:unitId/categories',
    { config: staff, schema: { tags, summary: 'Thêm chuyên mục (người duyệt tin)', params: ZUnitParams, body: ZCategoryInput, response: { 201: ZCategory, ...errors } } },
    async (r, reply) => reply.status(201).send(await sites.addCategory(ctx, actorOf(r), r.params.unitId, r.body)),
  );
  app.post(
    '/info-portal/sites/:unitId/media',
    { config: staff, schema: { tags, summary: 'Tải ảnh (thu nhỏ trên máy chủ) hoặc tệp đính kèm', params: ZUnitParams, consumes: ['multipart/form-data'], response: { 201: ZMedia, ...errors, 413: ZErrorBody, 415: ZErrorBody } } },
    async (r, reply) => {
      const actor = actorOf(r);
      const up = await readUpload(r);
      return reply.status(201).send(await articles.uploadMedia(ctx, actor, r.params.unitId, up.content, up.fileName));
    },
  );
  app.get(
    '/info-portal/sites/:unitId/articles',
    {
      config: staff,
      schema: { tags, summary: 'Bài viết và trang của đơn vị', params: ZUnitParams, querystring: z.object({ status: ZArticleStatus.optional(), kind: z.enum(['article', 'page']).optional() }), response: { 200: z.array(ZArticleListItem), ...errors } },
    },
    async (r) => articles.listArticlesFor(ctx, actorOf(r), r.params.unitId, r.query),
  );
  app.post(
    '/info-portal/sites/:unitId/articles',
    { config: staff, schema: { tags, summary: 'Viết bài mới (bản nháp)', params: ZUnitParams, body: ZArticleInput, response: { 201: ZArticle, ...errors } } },
    async (r, reply) => reply.status(201).send(await articles.createArticle(ctx, actorOf(r), r.params.unitId, r.body)),
  );
  app.get(
    '/info-portal/sites/:unitId/figures',
    { config: staff, schema: { tags, summary: 'Xem trước khối số liệu trực tiếp', params: ZUnitParams, querystring: z.object({ period: ZFigurePeriod.default('ytd') }), response: { 200: ZLiveFigures, ...errors } } },
    async (r) => {
      const { site } = await sites.requireEditor(ctx.db, actorOf(r), r.params.unitId);
      return liveFigures(ctx.db, site.unitPath, r.query.period, ctx.clock.now());
    },
  );
  // Public, for the citizen portal: its statistics follow the place the citizen chose (counters only, no personal data).
  app.get(
    '/info-portal/figures',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Số liệu giải quyết hồ sơ của tỉnh hoặc xã đã chọn (cổng dịch vụ công)', querystring: ZPublicFiguresQuery, response: { 200: ZPublicFigures, 400: ZErrorBody, 404: ZErrorBody } },
    },
    async (r) => placeFigures(ctx, r.query.unitId, r.query.period),
  );
  app.get('/info-portal/articles/:id', { config: staff, schema: { tags, summary: 'Một bài viết', params: ZIdParams, response: { 200: ZArticle, ...errors } } }, async (r) =>
    articles.getArticleFor(ctx, actorOf(r), r.params.id),
  );
  app.put(
    '/info-portal/articles/:id',
    { config: staff, schema: { tags, summary: 'Sửa bài (tạo phiên bản mới)', params: ZIdParams, body: ZArticleUpdate, response: { 200: ZArticle, ...errors } } },
    async (r) => articles.updateArticle(ctx, actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/info-portal/articles/:id/actions',
    { config: staff, schema: { tags, summary: 'Gửi duyệt, duyệt đăng (hoặc hẹn giờ), trả lại, gỡ bài', params: ZIdParams, body: ZArticleAction, response: { 200: ZArticle, ...errors } } },
    async (r) => articles.actOnArticle(ctx, actorOf(r), r.params.id, r.body),
  );
  app.get(
    '/info-portal/articles/:id/versions',
    {
      config: staff,
      schema: { tags, summary: 'Lịch sử phiên bản: ai sửa gì', params: ZIdParams, response: { 200: z.array(z.object({ version: z.number(), action: z.string(), changed: z.array(z.string()), note: z.string().nullable(), at: z.date(), byName: z.string() })), ...errors } },
    },
    async (r) => articles.versionsFor(ctx, actorOf(r), r.params.id),
  );
  app.get(
    '/info-portal/sites/:unitId/comments',
    { config: staff, schema: { tags, summary: 'Bình luận chờ kiểm duyệt', params: ZUnitParams, querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }), response: { 200: z.array(ZComment), ...errors } } },
    async (r) => listCommentsFor(ctx, actorOf(r), r.params.unitId, r.query.status),
  );
  app.post(
    '/info-portal/comments/:id/moderation',
    { config: staff, schema: { tags, summary: 'Duyệt hoặc từ chối bình luận', params: ZIdParams, body: ZModerateInput, response: { 200: z.object({ id: z.string().uuid(), status: z.enum(['approved', 'rejected']) }), ...errors } } },
    async (r) => moderate(ctx, actorOf(r), r.params.id, r.body.decision),
  );
  app.get('/info-portal/sites/:unitId/outages', { config: staff, schema: { tags, summary: 'Thông báo tạm ngừng', params: ZUnitParams, response: { 200: z.array(ZOutage), ...errors } } }, async (r) =>
    sites.listOutages(ctx, actorOf(r), r.params.unitId),
  );
  app.post(
    '/info-portal/sites/:unitId/outages',
    { config: staff, schema: { tags, summary: 'Thông báo tạm ngừng theo kế hoạch (trước ít nhất 7 ngày làm việc)', params: ZUnitParams, body: ZOutageInput, response: { 201: ZOutage, ...errors, 422: ZErrorBody } } },
    async (r, reply) => reply.status(201).send(await sites.announceOutage(ctx, actorOf(r), r.params.unitId, r.body)),
  );
  app.delete('/info-portal/outages/:id', { config: staff, schema: { tags, summary: 'Hủy thông báo tạm ngừng', params: ZIdParams, response: { 200: ZOutage, ...errors } } }, async (r) =>
    sites.cancelOutage(ctx, actorOf(r), r.params.id),
  );
};

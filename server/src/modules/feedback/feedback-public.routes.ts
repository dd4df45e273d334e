import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addressKey } from '../../platform/client-address.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { commonErrors, errorBody, internalErrorBody } from '../../platform/errors.js';
import { readUpload, setRetryAfter, toDomainError } from '../../platform/http.js';
import { hitRateLimit } from '../../platform/rate-limit.js';
import { citizenOf } from '../identity/auth.plugin.js';
import { senderLetter } from './use-cases/routing-letter.js';
import { ZPortalFeedbackInput, ZRateInput, ZReceipt, ZRegisterQuery, ZPublicSimilarItem, ZSenderView, ZSimilarInput, ZTextInput, ZTrackInput } from './feedback.contract.js';
import { atomFeed, rssFeed } from './feedback.feeds.js';
import { activeUnits, listOfCitizen } from './feedback.repo.js';
import { feedbackCategories } from './feedback.rules.js';
import { publicSimilarItems, searchRegister } from './use-cases/read-feedback.js';
import { receiveFromPortal } from './use-cases/receive-from-portal.js';
import { authoriseSenderProof, loadOwnItem, rateAnswer, reopenFeedback, senderView, supplyInfo, type SenderProof } from './use-cases/sender-actions.js';

const ZStored = z.object({ sha256: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() });
const ZPage = z.object({ items: z.array(z.object({ code: z.string(), kind: z.string(), category: z.string(), unitName: z.string(), procedureName: z.string().nullable(), subject: z.string(), content: z.string(), answer: z.string(), senderName: z.string().nullable(), receivedAt: z.date(), answeredAt: z.date(), publishedAt: z.date() })), next: z.string().nullable() });
const ZId = z.object({ id: z.string().uuid() });
const tags = ['feedback'];
/** Details a public error may carry: about the caller's own input only (see the error handler below). */
const PUBLIC_DETAILS = new Set(['issues', 'field', 'fields', 'anyOf']);

/** The portal side: anyone (name + address + phone) or a signed-in citizen sends, follows, rates and reopens; everyone reads the register. */
export const feedbackPublicRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  /**
   * Per-address budgets in PostgreSQL, shared by every instance (platform/rate-limit.ts), one per purpose: sending (the
   * item and its attachments), proving a number + phone, and asking for similar items while typing. A few mistyped
   * phones must not stop the same person from sending, nor a form's suggestions eat its sending (walk 17 finding 10).
   */
  const limit = async (ip: string, purpose: 'send' | 'proof' | 'similar') => {
    const r = await hitRateLimit(ctx.db, { key: `feedback-${purpose}:${addressKey(ip)}`, max: ctx.config.trackingPerMinute, windowSeconds: 60 }, ctx.clock.now());
    if (!r.allowed) throw commonErrors.rateLimited(r.retryAfterSeconds);
  };
  // Number + phone: the per-number hold of authoriseSenderProof before anything is read or changed.
  const proven = async (request: { ip: string; body: { code: string; phone: string }; log: { warn(fields: Record<string, unknown>, msg: string): void } }) => {
    await limit(request.ip, 'proof');
    await authoriseSenderProof({ ...ctx, log: request.log }, request.body, { ip: request.ip });
  };
  const tracked = async (proof: SenderProof) => senderView(ctx.db, await loadOwnItem(ctx.db, proof));

  /**
   * What a public caller learns from a refusal: the code and the message (Vietnamese, English beside it), and for input
   * they sent, which field or value is wrong. Never the item's status nor the steps it allows (`details.allowed` of
   * FEEDBACK.ACTION_NOT_ALLOWED: walk 17), a permission name or a constraint: internal state of someone's item.
   */
  app.setErrorHandler((err, request, reply) => {
    const domain = toDomainError(err as Error);
    if (!domain) {
      request.log.error({ err }, 'unhandled error');
      return reply.status(500).send(internalErrorBody());
    }
    setRetryAfter(reply, domain);
    const { details: all, ...body } = errorBody(domain);
    const details = Object.fromEntries(Object.entries(all ?? {}).filter(([k]) => PUBLIC_DETAILS.has(k)));
    return reply.status(domain.status).send({ ...body, ...(Object.keys(details).length > 0 ? { details } : {}) });
  });

  app.get(
    '/feedback/public/options',
    { config: { access: 'public' }, schema: { tags, summary: 'Lĩnh vực phản ánh và bản đồ (nếu có máy chủ bản đồ)', response: { 200: z.object({ categories: z.array(z.object({ code: z.string(), name: z.string() })), tileUrl: z.string().nullable() }) } } },
    async () => ({ categories: feedbackCategories.map((c) => ({ code: c.code, name: c.vi })), tileUrl: ctx.config.feedbackTileUrl ?? null }),
  );
  app.get(
    '/feedback/public/units',
    { config: { access: 'public' }, schema: { tags, summary: 'Cơ quan, đơn vị nhận phản ánh (đang hoạt động)', response: { 200: z.object({ items: z.array(z.object({ id: z.string().uuid(), name: z.string(), depth: z.number() })) }) } } },
    async () => ({ items: await activeUnits(ctx.db) }),
  );
  app.post(
    '/feedback/public/attachments',
    { config: { access: 'public' }, schema: { tags, summary: 'Tải tệp đính kèm phản ánh (kiểm tra theo nội dung: PDF, ảnh, văn bản)', response: { 201: ZStored, 400: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody, 429: ZErrorBody } } },
    async (request, reply) => {
      await limit(request.ip, 'send');
      const up = await readUpload(request);
      return reply.status(201).send(await ctx.files.put(ctx.db, up.content, up.fileName));
    },
  );
  app.post(
    '/feedback/public/similar',
    { config: { access: 'public' }, schema: { tags, summary: 'Phản ánh tương tự đã có (gợi ý khi nhập, không dấu; chưa công khai: chỉ số, trạng thái, ngày nhận)', body: ZSimilarInput, response: { 200: z.object({ items: z.array(ZPublicSimilarItem) }), 422: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      await limit(request.ip, 'similar');
      return { items: await publicSimilarItems(ctx, request.body) };
    },
  );
  app.post(
    '/feedback/public',
    { config: { access: 'public' }, schema: { tags, summary: 'Gửi phản ánh, kiến nghị hoặc câu hỏi (họ tên, địa chỉ, điện thoại — NĐ 20/2008 Điều 7)', body: ZPortalFeedbackInput, response: { 201: ZReceipt, 400: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody, 429: ZErrorBody } } },
    async (request, reply) => {
      await limit(request.ip, 'send');
      return reply.status(201).send(await receiveFromPortal(ctx, request.body, null, { ip: request.ip }));
    },
  );
  app.post(
    '/feedback/public/track',
    { config: { access: 'public' }, schema: { tags, summary: 'Theo dõi phản ánh bằng số phản ánh và số điện thoại', body: ZTrackInput, response: { 200: ZSenderView, 404: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      await proven(request);
      return tracked(request.body);
    },
  );
  app.post(
    '/feedback/public/rate',
    { config: { access: 'public' }, schema: { tags, summary: 'Đánh giá kết quả trả lời (hài lòng / không hài lòng)', body: ZTrackInput.extend(ZRateInput.shape), response: { 200: ZSenderView, 404: ZErrorBody, 409: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      await proven(request);
      await rateAnswer(ctx, request.body, request.body.satisfied, request.body.comment);
      return tracked(request.body);
    },
  );
  app.post(
    '/feedback/public/reopen',
    { config: { access: 'public' }, schema: { tags, summary: 'Đề nghị xem xét lại câu trả lời (một lần, nêu lý do)', body: ZTrackInput.extend(ZTextInput.shape), response: { 200: ZSenderView, 404: ZErrorBody, 409: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      await proven(request);
      await reopenFeedback(ctx, request.body, request.body.text);
      return tracked(request.body);
    },
  );
  app.post(
    '/feedback/public/letter.pdf',
    { config: { access: 'public' }, schema: { tags, summary: 'Tải văn bản hướng dẫn (khiếu nại, tố cáo) bằng số phản ánh và số điện thoại', body: ZTrackInput } },
    async (request, reply) => {
      await proven(request);
      const letter = await senderLetter(ctx.db, request.body);
      reply.header('content-type', letter.mediaType);
      reply.header('content-disposition', `attachment; filename="${letter.fileName}"`);
      return reply.send(letter.content);
    },
  );
  app.post(
    '/feedback/public/supply',
    { config: { access: 'public' }, schema: { tags, summary: 'Bổ sung thông tin theo đề nghị của cơ quan', body: ZTrackInput.extend(ZTextInput.shape), response: { 200: ZSenderView, 404: ZErrorBody, 409: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      await proven(request);
      await supplyInfo(ctx, request.body, request.body.text);
      return tracked(request.body);
    },
  );
  app.get(
    '/feedback/public/register',
    { config: { access: 'public' }, schema: { tags, summary: 'Sổ công khai phản ánh đã trả lời và hỏi đáp (tìm không dấu, theo đơn vị, thủ tục, kỳ)', querystring: ZRegisterQuery, response: { 200: ZPage, 400: ZErrorBody } } },
    async (request) => searchRegister(ctx.db, request.query),
  );
  app.get(
    '/feedback/public/register.atom',
    { config: { access: 'public' }, schema: { tags, summary: 'Nguồn tin Atom của sổ công khai', querystring: ZRegisterQuery } },
    async (request, reply) => {
      const page = await searchRegister(ctx.db, { ...request.query, limit: Math.min(request.query.limit, 50) });
      return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(page.items, ctx.config.publicUrl, ctx.clock.now()));
    },
  );
  app.get(
    '/feedback/public/register.rss',
    { config: { access: 'public' }, schema: { tags, summary: 'Nguồn tin RSS 2.0 của sổ công khai (cùng nội dung với Atom)', querystring: ZRegisterQuery } },
    async (request, reply) => {
      const page = await searchRegister(ctx.db, { ...request.query, limit: Math.min(request.query.limit, 50) });
      return reply.type('application/rss+xml; charset=utf-8').send(rssFeed(page.items, ctx.config.publicUrl, ctx.clock.now()));
    },
  );

  // --- The signed-in citizen: their account is the sender and the proof. ---------------------------------------------
  app.post(
    '/feedback/citizen',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Công dân đã đăng nhập gửi phản ánh, kiến nghị', body: ZPortalFeedbackInput, response: { 201: ZReceipt, 401: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody } } },
    async (request, reply) => reply.status(201).send(await receiveFromPortal(ctx, request.body, citizenOf(request), { ip: request.ip })),
  );
  app.get(
    '/feedback/citizen/mine',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Phản ánh của tôi', response: { 200: z.object({ items: z.array(ZSenderView.extend({ id: z.string().uuid() })) }), 401: ZErrorBody } } },
    async (request) => {
      const rows = await listOfCitizen(ctx.db, citizenOf(request).citizenId);
      return { items: await Promise.all(rows.map(async (r) => ({ id: r.id, ...(await senderView(ctx.db, r)) }))) };
    },
  );
  app.get(
    '/feedback/citizen/:id',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Một phản ánh của tôi', params: ZId, response: { 200: ZSenderView, 401: ZErrorBody, 404: ZErrorBody } } },
    async (request) => tracked({ id: request.params.id, citizenId: citizenOf(request).citizenId }),
  );
  app.get(
    '/feedback/citizen/:id/letter.pdf',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Tải văn bản hướng dẫn (khiếu nại, tố cáo) của phản ánh của tôi (PDF)', params: ZId } },
    async (request, reply) => {
      // The account is the proof (loadOwnItem): another citizen's item, or one without a letter, is not found.
      const letter = await senderLetter(ctx.db, { id: request.params.id, citizenId: citizenOf(request).citizenId });
      reply.header('content-type', letter.mediaType);
      reply.header('content-disposition', `attachment; filename="${letter.fileName}"`);
      return reply.send(letter.content);
    },
  );
  app.post(
    '/feedback/citizen/:id/rate',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Đánh giá kết quả trả lời', params: ZId, body: ZRateInput, response: { 200: ZSenderView, 401: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody } } },
    async (request) => {
      const proof = { id: request.params.id, citizenId: citizenOf(request).citizenId };
      await rateAnswer(ctx, proof, request.body.satisfied, request.body.comment);
      return tracked(proof);
    },
  );
  app.post(
    '/feedback/citizen/:id/reopen',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Đề nghị xem xét lại (một lần)', params: ZId, body: ZTextInput, response: { 200: ZSenderView, 401: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody } } },
    async (request) => {
      const proof = { id: request.params.id, citizenId: citizenOf(request).citizenId };
      await reopenFeedback(ctx, proof, request.body.text);
      return tracked(proof);
    },
  );
  app.post(
    '/feedback/citizen/:id/supply',
    { config: { access: 'citizen' }, schema: { tags, summary: 'Bổ sung thông tin theo đề nghị của cơ quan', params: ZId, body: ZTextInput, response: { 200: ZSenderView, 401: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody } } },
    async (request) => {
      const proof = { id: request.params.id, citizenId: citizenOf(request).citizenId };
      await supplyInfo(ctx, proof, request.body.text);
      return tracked(proof);
    },
  );
};

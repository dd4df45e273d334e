import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { attachment, readUpload } from '../../platform/http.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZClassifyInput, ZClockSettings, ZSha256, ZGroup5, ZGroup5Query, ZQueueQuery, ZQueueRow, ZReceipt, ZRecordFeedbackInput, ZSimilarInput, ZSimilarItem, ZStaffItem, ZTextInput } from './feedback.contract.js';
import { feedbackPublicRoutes } from './feedback-public.routes.js';
import { open311Routes } from './open311.routes.js';
import { approveAnswer, classifyFeedback, draftAnswer, publishAnswer, requestInfo, resumeFeedback, returnDraft, staffFile, staffView } from './use-cases/act-on-feedback.js';
import { createOpen311Client, listOpen311Clients, recordFeedback, revokeOpen311Client, setClockSettings } from './use-cases/manage-feedback.js';
import { feedbackQueue, group5Report, similarItems } from './use-cases/read-feedback.js';
import { routingLetterOf } from './use-cases/routing-letter.js';

const ZId = z.object({ id: z.string().uuid() });
const tags = ['feedback'];
const errors = { 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

/** Feedback (phản ánh, kiến nghị) and questions: the officers' side, plus the portal side and the Open311 API. */
export const feedbackRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(feedbackPublicRoutes, { ctx });
  await app.register(open311Routes, { ctx });

  app.get(
    '/feedback',
    { config: { access: 'perm:dossiers.read' }, schema: { tags, summary: 'Hàng đợi phản ánh trong phạm vi (sắp đến hạn, quá hạn)', querystring: ZQueueQuery, response: { 200: z.object({ items: z.array(ZQueueRow) }) } } },
    async (request) => ({ items: await feedbackQueue(ctx, actorOf(request), request.query) }),
  );
  app.post(
    '/feedback/record',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags, summary: 'Ghi nhận phản ánh qua thư hoặc điện thoại', body: ZRecordFeedbackInput, response: { 201: ZReceipt, ...errors } } },
    async (request, reply) => reply.status(201).send(await recordFeedback(ctx, actorOf(request), request.body)),
  );
  app.post(
    '/feedback/attachments',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags, summary: 'Tải tệp đính kèm (thư scan, ảnh)', response: { 201: z.object({ sha256: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() }), 400: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody } } },
    async (request, reply) => {
      const up = await readUpload(request);
      return reply.status(201).send(await ctx.files.put(ctx.db, up.content, up.fileName));
    },
  );
  app.post(
    '/feedback/similar',
    { config: { access: 'perm:dossiers.read' }, schema: { tags, summary: 'Phản ánh tương tự trong đơn vị (trước khi mở mới)', body: ZSimilarInput, response: { 200: z.object({ items: z.array(ZSimilarItem) }), 422: ZErrorBody } } },
    async (request) => ({ items: await similarItems(ctx, request.body, actorOf(request)) }),
  );
  app.get(
    '/feedback/report/group5',
    { config: { access: 'perm:reports.read' }, schema: { tags, summary: 'QĐ 766 nhóm 5: PAKN đúng hạn, hài lòng, hồ sơ bị phản ánh', querystring: ZGroup5Query, response: { 200: ZGroup5, 403: ZErrorBody, 422: ZErrorBody } } },
    async (request) => group5Report(ctx, actorOf(request), request.query),
  );
  app.put(
    '/feedback/clock-settings/:id',
    { config: { access: 'perm:calendar.manage' }, schema: { tags, summary: 'Thời hạn xử lý PAKN của tỉnh (ngày làm việc)', params: ZId, body: ZClockSettings, response: { 204: z.null(), 400: ZErrorBody, 403: ZErrorBody, 422: ZErrorBody } } },
    async (request, reply) => {
      await setClockSettings(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/feedback/open311-clients',
    { config: { access: 'perm:units.manage' }, schema: { tags, summary: 'Cấp khóa API Open311 cho ứng dụng bên thứ ba (hiện một lần)', body: z.object({ name: z.string().trim().min(2).max(120), unitId: z.string().uuid() }), response: { 201: z.object({ id: z.string().uuid(), name: z.string(), apiKey: z.string() }), 403: ZErrorBody, 422: ZErrorBody } } },
    async (request, reply) => reply.status(201).send(await createOpen311Client(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/feedback/open311-clients',
    { config: { access: 'perm:units.manage' }, schema: { tags, summary: 'Ứng dụng Open311 trong phạm vi', response: { 200: z.object({ items: z.array(z.object({ id: z.string().uuid(), name: z.string(), unitName: z.string(), createdAt: z.date(), revokedAt: z.date().nullable() })) }) } } },
    async (request) => ({ items: await listOpen311Clients(ctx, actorOf(request)) }),
  );
  app.post(
    '/feedback/open311-clients/:id/revoke',
    { config: { access: 'perm:units.manage' }, schema: { tags, summary: 'Thu hồi khóa API Open311 của một ứng dụng', params: ZId, response: { 200: z.object({ id: z.string().uuid(), revokedAt: z.date() }), 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => revokeOpen311Client(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/feedback/:id/letter.pdf',
    { config: { access: 'perm:dossiers.read' }, schema: { tags, summary: 'Văn bản hướng dẫn người gửi khiếu nại, tố cáo (PDF)', params: ZId } },
    async (request, reply) => {
      const letter = await routingLetterOf(ctx, actorOf(request), request.params.id);
      reply.header('content-type', letter.mediaType);
      reply.header('content-disposition', `inline; filename="${letter.fileName}"`);
      return reply.send(letter.content);
    },
  );
  app.get(
    '/feedback/:id/files/:sha256',
    { config: { access: 'perm:dossiers.read' }, schema: { tags, summary: 'Tải tệp đính kèm của phản ánh (trong phạm vi đơn vị)', params: ZId.extend({ sha256: ZSha256 }) } },
    async (request, reply) => {
      // As a dossier's files are served (dossier.routes.ts): the stored type, a safe attachment name, never sniffed.
      const file = await staffFile(ctx, actorOf(request), request.params.id, request.params.sha256);
      reply.header('content-type', file.mediaType);
      reply.header('content-disposition', attachment(file.fileName));
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(ctx.files.open(file.sha256));
    },
  );
  app.get(
    '/feedback/:id',
    { config: { access: 'perm:dossiers.read' }, schema: { tags, summary: 'Chi tiết phản ánh (trong phạm vi đơn vị)', params: ZId, response: { 200: ZStaffItem, 404: ZErrorBody } } },
    async (request) => staffView(ctx, actorOf(request), request.params.id),
  );

  const step = (path: string, summary: string, run: (actor: ReturnType<typeof actorOf>, id: string, body: { text?: string }) => Promise<unknown>, body: z.ZodType = z.object({}).nullish()) =>
    app.post(path, { config: { access: 'staff' }, schema: { tags, summary, params: ZId, body, response: { 200: ZStaffItem, ...errors } } }, async (request) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      await run(actor, id, (request.body ?? {}) as { text?: string });
      return staffView(ctx, actor, id);
    });
  app.post(
    '/feedback/:id/classify',
    { config: { access: 'staff' }, schema: { tags, summary: 'Phân loại (NĐ 20/2008 Điều 9): từ chối, chuyển, xử lý; khiếu nại/tố cáo chuyển theo luật riêng', params: ZId, body: ZClassifyInput, response: { 200: ZStaffItem, 400: ZErrorBody, ...errors } } },
    async (request) => {
      const actor = actorOf(request);
      await classifyFeedback(ctx, actor, request.params.id, request.body);
      // After a transfer the office still reads the item as its receiving unit (feedback.policy.ts).
      return staffView(ctx, actor, request.params.id);
    },
  );
  step('/feedback/:id/request-info', 'Đề nghị người gửi bổ sung thông tin', (a, id, b) => requestInfo(ctx, a, id, b.text!), ZTextInput);
  step('/feedback/:id/draft', 'Dự thảo trả lời', (a, id, b) => draftAnswer(ctx, a, id, b.text!), ZTextInput);
  step('/feedback/:id/return', 'Lãnh đạo trả lại dự thảo', (a, id, b) => returnDraft(ctx, a, id, b.text!), ZTextInput);
  step('/feedback/:id/approve', 'Lãnh đạo duyệt và gửi trả lời', (a, id) => approveAnswer(ctx, a, id));
  step('/feedback/:id/publish', 'Công khai kết quả trả lời (không kèm thông tin cá nhân)', (a, id) => publishAnswer(ctx, a, id));
  step('/feedback/:id/resume', 'Trưởng phòng giao xử lý lại phản ánh bị đề nghị xem xét lại', (a, id) => resumeFeedback(ctx, a, id, null));
};

import { attachment, prefersMinimal, readUpload, sendMinimal } from '../../platform/http.js';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import { retryOnConnectionLoss } from '../../platform/database-hosts.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { isPersonalNumberSearch, recordDossierAccess } from '../audit/dossier-access.repo.js';
import { ZActionInput, ZDossier, ZIntakeInput, ZIntakeReceipt } from './dossier.contract.js';
import { queues } from './dossier-queue.repo.js';
import { listWorkQueue } from './use-cases/list-queue.js';
import { dossierStatuses } from './dossier.rules.js';
import { actOnDossier, forwardCandidates, listAssignees } from './use-cases/act-on-dossier.js';
import { undoForward } from './use-cases/undo-forward.js';
import { decideOnlineDossier } from './use-cases/accept-online.js';
import { readDossier } from './use-cases/read-dossier.js';
import { appointmentDaysOf } from './use-cases/apology-days.js';
import { receiveDossier } from './use-cases/receive-dossier.js';
import { receivableProcedures } from './use-cases/receivable-procedures.js';
import { ZCatalogPage } from '../procedures/procedure.contract.js';
import { trackDossier, ZTracking } from './use-cases/track-dossier.js';
import { attachFile, listFiles } from './use-cases/attach-file.js';
import { dossierForms, renderDossierForm } from './use-cases/render-form.js';
import { renderTrackingBook } from './use-cases/tracking-book.js';
import { renderDossierDeclaration } from './use-cases/render-dossier-declaration.js';
import { getDossierDetail } from './dossier.repo.js';
import { canRead } from './dossier.policy.js';
import { dossierErrors } from './dossier.errors.js';

const ZId = z.object({ id: z.string().uuid() });
/** What a dossier's action answers: its view, or with `Prefer: return=minimal` (RFC 7240) nothing (204). */
const PREFER_NOTE = 'Trả về hồ sơ sau thao tác; với tiêu đề `Prefer: return=minimal` (RFC 7240) trả 204 không kèm nội dung.';
/** The answer to `Prefer: return=minimal`: no body (the console reloads the dossier it shows). */
const ZMinimal = z.null().describe('Đã thực hiện; không kèm hồ sơ (Prefer: return=minimal)');
const ZQueueItem = z.object({
  id: z.string().uuid(),
  code: z.string().nullable(),
  /** The code on the national portal (MaHoSo) of a dossier submitted there; null when it is ours. */
  nationalCode: z.string().nullable(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.string(),
  channel: z.string(),
  stepName: z.string().nullable(),
  /** Sent back to the current step: the reason and who sent it (the queue highlights it). */
  sentBack: z.object({ note: z.string().nullable(), by: z.string() }).nullable(),
  submittedAt: z.date(),
  dueAt: z.date().nullable(),
  finishClass: z.string().nullable(),
  /** on_track | due_soon | overdue for open dossiers (national working calendar), else null. */
  deadlineState: z.string().nullable(),
  /** The result waits for the desk: ready, or the dossier at the desk's own return step ("Trả kết quả" in the row). */
  awaitingReturn: z.boolean(),
});

export const dossierRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/dossiers',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['dossiers'],
        summary: 'Tiếp nhận hồ sơ tại bộ phận một cửa (tiếp nhận / yêu cầu bổ sung / từ chối)',
        description: 'Trả về hồ sơ đã tiếp nhận; với tiêu đề `Prefer: return=minimal` (RFC 7240) chỉ trả phiếu tiếp nhận (mã hồ sơ, ngày hẹn trả) và tiêu đề `Location`.',
        body: ZIntakeInput,
        response: { 201: z.union([ZIntakeReceipt, ZDossier]), 400: ZErrorBody, 403: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Idempotent by its key: a retry after a lost connection (a failover) finds the dossier if the first try committed.
      const receipt = await retryOnConnectionLoss(() => receiveDossier(ctx, actor, request.body));
      reply.status(201).header('location', `/api/dossiers/${receipt.id}`);
      // The console asks for the receipt only (what the desk shows and prints after intake): the dossier's whole view
      // would be read back and built for nothing (issue 12).
      if (prefersMinimal(request.headers.prefer)) return sendMinimal(reply, receipt);
      return reply.send(await retryOnConnectionLoss(() => readDossier(ctx, actor, receipt.id)));
    },
  );

  app.get(
    '/dossiers/receivable-procedures',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['dossiers'],
        summary: 'Thủ tục bộ phận một cửa được tiếp nhận (thủ tục đã công bố của tỉnh, tìm không dấu)',
        querystring: z.object({
          receivingUnitId: z.string().uuid(),
          q: z.string().trim().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: ZCatalogPage, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => {
      const { receivingUnitId, ...query } = request.query;
      return receivableProcedures(ctx, actorOf(request), receivingUnitId, query);
    },
  );

  app.get(
    '/dossiers/:id',
    { config: { access: 'perm:dossiers.read' }, schema: { tags: ['dossiers'], summary: 'Chi tiết hồ sơ, các bước, lịch sử', params: ZId, response: { 200: ZDossier, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      const dossier = await readDossier(ctx, actor, request.params.id);
      await recordDossierAccess(ctx.db, { dossierIds: [dossier.id], at: ctx.clock.now(), actor, purpose: 'open' });
      return dossier;
    },
  );

  app.get(
    '/dossiers/:id/apology-days',
    {
      config: { access: 'perm:dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary: 'Ngày giờ làm việc được chọn làm ngày hẹn mới trong văn bản xin lỗi (từ hôm nay, theo lịch của đơn vị giải quyết)',
        params: ZId,
        response: {
          200: z.array(z.object({ date: z.string(), sessions: z.array(z.object({ start: z.string(), end: z.string() })) })).describe('Ngày làm việc (YYYY-MM-DD, giờ Việt Nam) và các buổi (HH:MM)'),
          403: ZErrorBody,
          404: ZErrorBody,
        },
      },
    },
    async (request) => appointmentDaysOf(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/dossiers/:id/assignees',
    {
      config: { access: 'perm:dossiers.process' },
      schema: {
        tags: ['dossiers'],
        summary: 'Cán bộ có thể được phân công xử lý bước hiện tại',
        params: ZId,
        response: { 200: z.array(z.object({ userId: z.string().uuid(), fullName: z.string(), username: z.string() })), 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => listAssignees(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/dossiers/:id/forward-candidates',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['dossiers'],
        summary: 'Bước tiếp theo và cán bộ có thể nhận hồ sơ khi chuyển (hoặc để hàng chờ của đơn vị)',
        params: ZId,
        response: {
          200: z.object({ stepName: z.string(), unitName: z.string(), officers: z.array(z.object({ userId: z.string().uuid(), fullName: z.string(), username: z.string() })) }),
          403: ZErrorBody,
          404: ZErrorBody,
          409: ZErrorBody,
        },
      },
    },
    async (request) => forwardCandidates(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/dossiers/:id/undo-forward',
    {
      config: { access: 'staff' },
      schema: { tags: ['dossiers'], summary: 'Hoàn tác chuyển bước (khi người nhận chưa mở, chưa xử lý; trong thời hạn)', description: PREFER_NOTE, params: ZId, response: { 200: ZDossier, 204: ZMinimal, 404: ZErrorBody, 409: ZErrorBody } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await undoForward(ctx, actor, request.params.id);
      if (prefersMinimal(request.headers.prefer)) return sendMinimal(reply);
      return readDossier(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/dossiers/:id/actions',
    {
      config: { access: 'staff' },
      schema: { tags: ['dossiers'], summary: 'Thao tác xử lý hồ sơ (chuyển, trả lại, bổ sung, xin lỗi, phê duyệt, trả kết quả…)', description: PREFER_NOTE, params: ZId, body: ZActionInput, response: { 200: ZDossier, 204: ZMinimal, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { action, note } = request.body;
      // Accepting or refusing an online submission is its own use case (numbering and the clock start there).
      if (action === 'accept' || action === 'reject_intake') await decideOnlineDossier(ctx, actor, request.params.id, { action, note });
      else await actOnDossier(ctx, actor, request.params.id, request.body);
      if (prefersMinimal(request.headers.prefer)) return sendMinimal(reply);
      return readDossier(ctx, actor, request.params.id);
    },
  );

  app.get(
    '/dossiers',
    {
      config: { access: 'perm:dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary: 'Hàng đợi công việc và tra cứu hồ sơ (mã, tên không dấu, CCCD, điện thoại)',
        querystring: z.object({
          queue: z.enum(queues).default('unit'),
          q: z.string().trim().max(100).optional(),
          procedureId: z.string().uuid().optional(),
          status: z.enum(dossierStatuses).optional(),
          channel: z.enum(['desk', 'online', 'postal']).optional(),
          from: ZDay.optional(),
          to: ZDay.optional(),
          before: z.string().regex(/^[A-Za-z0-9_-]{1,1000}$/).optional(),
          /** One of the officer's own units only (counts per unit); the whole scope when absent. */
          unitId: z.string().uuid().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: {
          200: z.object({
            items: z.array(ZQueueItem),
            next: z.string().nullable(),
            counts: z.object({ mine: z.number(), unit: z.number(), online: z.number(), due_soon: z.number(), overdue: z.number(), needs_apology: z.number(), supplement: z.number(), result_ready: z.number() }),
            boundedCounts: z.array(z.enum(['mine', 'unit', 'online', 'due_soon', 'overdue', 'needs_apology', 'supplement', 'result_ready'])),
            countBound: z.number().int(),
          }),
          400: ZErrorBody,
          403: ZErrorBody,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const answer = await listWorkQueue(ctx, actor, request.query);
      // Finding dossiers by a person's number is a look at their personal data: each dossier found records it.
      if (isPersonalNumberSearch(request.query.q)) {
        await recordDossierAccess(ctx.db, { dossierIds: answer.items.map((r) => r.id), at: ctx.clock.now(), actor, purpose: 'search' });
      }
      return answer;
    },
  );

  const ZFile = z.object({
    sha256: z.string(), documentName: z.string(), kind: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), addedAt: z.date(),
    /** A result's number (số, ký hiệu; MaGiayToKetQua): entered by the officer, or given at the approval. */
    documentNumber: z.string().nullable(),
    /** DuocSoHoa: an electronic copy. */
    digitised: z.boolean(),
    /** DuocLayTuKhoDMQG: taken from the citizen's store on the national portal instead of uploaded. */
    fromNationalStore: z.boolean(),
  });
  app.post(
    '/dossiers/:id/files',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['dossiers'],
        summary: 'Đính kèm bản quét (PDF/JPEG/PNG, multipart: file, documentName, kind=component|result, documentNumber: số, ký hiệu của kết quả)',
        consumes: ['multipart/form-data'],
        params: ZId,
        response: { 201: z.array(ZFile), 403: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody },
      },
    },
    async (request, reply) => {
      const { content, fileName, field } = await readUpload(request);
      const kind = field('kind') === 'result' ? 'result' : 'component';
      const documentName = (field('documentName') ?? fileName).trim().slice(0, 1000) || fileName;
      const documentNumber = field('documentNumber')?.trim().slice(0, 100) || null;
      await attachFile(ctx, actorOf(request), request.params.id, { content, fileName, documentName, kind, documentNumber });
      return reply.status(201).send(await listFiles(ctx, request.params.id));
    },
  );
  app.get(
    '/dossiers/:id/files',
    { config: { access: 'perm:dossiers.read' }, schema: { tags: ['dossiers'], summary: 'Bản quét của hồ sơ', params: ZId, response: { 200: z.array(ZFile), 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => {
      const d = await getDossierDetail(ctx.db, request.params.id);
      if (!d) throw dossierErrors.notFound();
      if (!canRead(actorOf(request), d)) throw dossierErrors.notFound();
      return listFiles(ctx, request.params.id);
    },
  );
  app.get(
    '/dossiers/:id/files/:sha256',
    { config: { access: 'perm:dossiers.read' }, schema: { tags: ['dossiers'], summary: 'Tải bản quét', params: ZId.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }) } },
    async (request, reply) => {
      const d = await getDossierDetail(ctx.db, request.params.id);
      if (!d) throw dossierErrors.notFound();
      if (!canRead(actorOf(request), d)) throw dossierErrors.notFound();
      const file = (await listFiles(ctx, request.params.id)).find((f) => f.sha256 === request.params.sha256);
      if (!file) throw dossierErrors.notFound();
      await recordDossierAccess(ctx.db, { dossierIds: [d.id], at: ctx.clock.now(), actor: actorOf(request), purpose: 'file', detail: file.documentName });
      reply.header('content-type', file.mediaType);
      reply.header('content-disposition', attachment(file.fileName));
      return reply.send(ctx.files.open(file.sha256));
    },
  );

  app.get(
    '/dossiers/:id/forms/:form',
    {
      config: { access: 'perm:dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary: 'In mẫu: giấy tiếp nhận và hẹn trả (01), yêu cầu bổ sung (02), từ chối (03), xin lỗi hẹn lại (04), dừng (05/2025), phiếu kiểm soát',
        params: ZId.extend({ form: z.enum(dossierForms) }),
      },
    },
    async (request, reply) => {
      const pdf = await renderDossierForm(ctx, actorOf(request), request.params.id, request.params.form);
      await recordDossierAccess(ctx.db, { dossierIds: [request.params.id], at: ctx.clock.now(), actor: actorOf(request), purpose: 'form', detail: request.params.form });
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `inline; filename="${request.params.form}.pdf"`);
      return reply.send(pdf);
    },
  );

  app.get(
    '/dossiers/:id/declaration',
    {
      config: { access: 'perm:dossiers.read' },
      schema: { tags: ['dossiers'], summary: 'In tờ khai của hồ sơ: thông tin người nộp và nội dung tờ khai điện tử theo thứ tự của mẫu', params: ZId },
    },
    async (request, reply) => {
      const pdf = await renderDossierDeclaration(ctx, actorOf(request), request.params.id);
      await recordDossierAccess(ctx.db, { dossierIds: [request.params.id], at: ctx.clock.now(), actor: actorOf(request), purpose: 'form', detail: 'declaration' });
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', 'inline; filename="to-khai.pdf"');
      return reply.send(pdf);
    },
  );

  app.get(
    '/tracking-book',
    {
      config: { access: 'perm:dossiers.read' },
      schema: {
        tags: ['dossiers'],
        summary: 'Sổ theo dõi hồ sơ của đơn vị tiếp nhận trong một kỳ (PDF hoặc Excel)',
        querystring: z.object({
          unitId: z.string().uuid(),
          from: ZDay,
          to: ZDay,
          format: z.enum(['pdf', 'xlsx']).default('pdf'),
        }),
      },
    },
    async (request, reply) => {
      const { body, mediaType } = await renderTrackingBook(ctx, actorOf(request), request.query);
      reply.header('content-type', mediaType);
      reply.header('content-disposition', `attachment; filename="so-theo-doi-ho-so.${request.query.format}"`);
      return reply.send(body);
    },
  );

  // Public tracking (tra cứu hồ sơ): code plus the applicant's phone or the last 4 digits of the CCCD, rate-limited.
  app.get(
    '/tracking',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tracking'],
        summary: 'Tra cứu tình trạng hồ sơ (mã hồ sơ + số điện thoại hoặc 4 số cuối CCCD)',
        querystring: z.object({ code: z.string().trim().min(10).max(300), secret: z.string().trim().min(4).max(20) }),
        response: { 200: ZTracking, 404: ZErrorBody, 429: ZErrorBody },
      },
    },
    async (request) => {
      return trackDossier({ ...ctx, log: request.log }, request.query.code, request.query.secret, { ip: request.ip });
    },
  );
};

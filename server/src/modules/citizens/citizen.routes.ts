import { attachment, readUpload } from '../../platform/http.js';
import { retryOnConnectionLoss } from '../../platform/database-hosts.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { citizenOf } from '../identity/auth.plugin.js';
import { ZDraftData, ZMyDossier, ZMyDossierItem, ZOnlineSubmitInput, ZStoreDocument, ZSubmissionStart, ZSupplementAnswer } from './citizen.contract.js';
import { CITIZEN_MAX_BYTES, deleteStoredDocument, listDocuments, openStoredDocument, uploadToStore } from './use-cases/document-store.js';
import { answerSupplement, listMyDossiers, openMyDossierFile, readMyDossier } from './use-cases/my-dossiers.js';
import { renderCitizenDeclaration } from './use-cases/citizen-declaration.js';
import { saveSubmissionDraft, startSubmission, submitAsCitizen } from './use-cases/online-dossiers.js';

const ZId = z.object({ id: z.string().uuid() });
const ZProcedureParam = z.object({ procedureId: z.string().uuid() });
const ZDeclarationFormat = z.object({ format: z.enum(['pdf', 'docx']).default('pdf') });


/** The citizen's own space: document store, online submission with drafts, my dossiers, supplementation, results. */
export const citizenRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/citizen/documents',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Kho dữ liệu của công dân: giấy tờ đã số hóa và kết quả đã nhận', response: { 200: z.array(ZStoreDocument) } } },
    async (request) => listDocuments(ctx, citizenOf(request).citizenId),
  );
  app.post(
    '/citizen/documents',
    {
      config: { access: 'citizen' },
      schema: { tags: ['citizens'], summary: 'Thêm giấy tờ vào kho (multipart: file, name; PDF/JPEG/PNG, tối đa 10 MB)', consumes: ['multipart/form-data'], response: { 201: z.array(ZStoreDocument), 400: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody } },
    },
    async (request, reply) => {
      const citizen = citizenOf(request);
      const { content, fileName, field } = await readUpload(request, { maxBytes: CITIZEN_MAX_BYTES });
      const name = (field('name') ?? fileName).trim().slice(0, 1000) || fileName;
      await uploadToStore(ctx, citizen.citizenId, { content, fileName, name });
      return reply.status(201).send(await listDocuments(ctx, citizen.citizenId));
    },
  );
  app.delete(
    '/citizen/documents/:id',
    {
      config: { access: 'citizen' },
      schema: { tags: ['citizens'], summary: 'Xóa giấy tờ khỏi kho của mình (hồ sơ đã nộp kèm giấy tờ này vẫn giữ bản của hồ sơ)', params: ZId, response: { 200: z.array(ZStoreDocument), 404: ZErrorBody } },
    },
    async (request) => deleteStoredDocument(ctx, citizenOf(request).citizenId, request.params.id),
  );
  app.get(
    '/citizen/documents/:id/file',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Tải giấy tờ trong kho của mình', params: ZId } },
    async (request, reply) => {
      const { row, stream } = await openStoredDocument(ctx, citizenOf(request).citizenId, request.params.id);
      reply.header('content-type', row.mediaType);
      reply.header('content-disposition', attachment(row.fileName));
      return reply.send(stream);
    },
  );

  app.get(
    '/citizen/submissions/:procedureId',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Bắt đầu nộp trực tuyến: tờ khai điền sẵn (hoặc bản nháp), giấy tờ, phí', params: ZProcedureParam, response: { 200: ZSubmissionStart, 422: ZErrorBody } } },
    async (request) => startSubmission(ctx, citizenOf(request).citizenId, request.params.procedureId),
  );
  app.put(
    '/citizen/submissions/:procedureId/draft',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Lưu nháp hồ sơ trực tuyến', params: ZProcedureParam, body: ZDraftData, response: { 200: z.object({ savedAt: z.date() }) } } },
    async (request) => ({ savedAt: await saveSubmissionDraft(ctx, citizenOf(request).citizenId, request.params.procedureId, request.body) }),
  );

  app.get(
    '/citizen/submissions/:procedureId/declaration',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Tờ khai (PDF/DOCX) lập từ nội dung đã khai trực tuyến trong bản nháp', params: ZProcedureParam, querystring: ZDeclarationFormat } },
    async (request, reply) => {
      const f = await renderCitizenDeclaration(ctx, citizenOf(request).citizenId, { procedureId: request.params.procedureId }, request.query.format);
      reply.header('content-type', f.mediaType);
      reply.header('content-disposition', attachment(f.fileName));
      return reply.send(f.body);
    },
  );
  app.get(
    '/citizen/dossiers/:id/declaration',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Tờ khai (PDF/DOCX) của hồ sơ của mình, lập từ nội dung đã khai trực tuyến', params: ZId, querystring: ZDeclarationFormat } },
    async (request, reply) => {
      const f = await renderCitizenDeclaration(ctx, citizenOf(request).citizenId, { dossierId: request.params.id }, request.query.format);
      reply.header('content-type', f.mediaType);
      reply.header('content-disposition', attachment(f.fileName));
      return reply.send(f.body);
    },
  );

  app.post(
    '/citizen/dossiers',
    {
      config: { access: 'citizen' },
      schema: { tags: ['citizens'], summary: 'Nộp hồ sơ trực tuyến (chờ bộ phận một cửa tiếp nhận)', body: ZOnlineSubmitInput, response: { 201: ZMyDossier, 400: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody } },
    },
    async (request, reply) => {
      const citizen = citizenOf(request);
      // Idempotent by the citizen's key, so safe to run again when the connection died (a failover).
      const id = await retryOnConnectionLoss(() => submitAsCitizen(ctx, citizen, request.body));
      return reply.status(201).send(await readMyDossier(ctx, citizen.citizenId, id));
    },
  );
  app.get(
    '/citizen/dossiers',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Hồ sơ của tôi', response: { 200: z.array(ZMyDossierItem) } } },
    async (request) => listMyDossiers(ctx, citizenOf(request).citizenId),
  );
  app.get(
    '/citizen/dossiers/:id',
    { config: { access: 'citizen' }, schema: { tags: ['citizens'], summary: 'Hồ sơ của tôi: trạng thái, quá trình, yêu cầu của cơ quan, thông báo', params: ZId, response: { 200: ZMyDossier, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => readMyDossier(ctx, citizenOf(request).citizenId, request.params.id),
  );
  app.post(
    '/citizen/dossiers/:id/supplement',
    {
      config: { access: 'citizen' },
      schema: { tags: ['citizens'], summary: 'Bổ sung hồ sơ trực tuyến theo yêu cầu', params: ZId, body: ZSupplementAnswer, response: { 200: ZMyDossier, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody } },
    },
    async (request) => {
      const citizen = citizenOf(request);
      await answerSupplement(ctx, citizen, request.params.id, request.body);
      return readMyDossier(ctx, citizen.citizenId, request.params.id);
    },
  );
  app.get(
    '/citizen/dossiers/:id/files/:sha256',
    {
      config: { access: 'citizen' },
      schema: { tags: ['citizens'], summary: 'Tải tệp của hồ sơ của mình, kể cả kết quả trả trực tuyến', params: ZId.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }) },
    },
    async (request, reply) => {
      const f = await openMyDossierFile(ctx, citizenOf(request), request.params.id, request.params.sha256);
      reply.header('content-type', f.mediaType);
      reply.header('content-disposition', attachment(f.fileName));
      return reply.send(f.stream);
    },
  );
};

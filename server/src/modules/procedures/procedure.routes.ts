import { attachment, readUpload } from '../../platform/http.js';
import { readContext } from '../../platform/read-replicas.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { fileErrors } from '../../platform/storage.js';
import { actorOf } from '../identity/auth.plugin.js';
import { can } from '../identity/permissions.policy.js';
import {
  ZAbolishInput,
  ZCatalogPage,
  ZCatalogQuery,
  ZCreateProcedureInput,
  ZImportInput,
  ZImportResult,
  ZProcedureContent,
  ZProcedureDetail,
  ZProcedureExport,
  ZPublishInput,
  ZStaffCatalogQuery,
  ZVersion,
} from './procedure.contract.js';
import { catalogFacets, isTemplateFile } from './procedure.repo.js';
import { writeCatalogWorkbook } from './catalog-workbook.js';
import { renderBlankDeclaration } from '../dossiers/use-cases/render-declaration.js';
import { exportProcedures, exportProceduresXlsx, importProcedures, importProceduresXlsx } from './use-cases/exchange-procedures.js';
import { abolishProcedure, createProcedure, discardRevision, publishProcedure, startRevision, updateDraft } from './use-cases/manage-procedure.js';
import { getProcedureDetail, getVersionForStaff, searchPublicCatalog, searchStaffCatalog } from './use-cases/read-catalog.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZId = z.object({ id: z.string().uuid() });
const ZSha = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const ZStoredFile = z.object({ sha256: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() });

/** The unit to export; absent = the officer's own scope (exportProcedures). */
const ZExportQuery = z.object({ ownerUnitId: z.string().uuid().optional() });

export const procedureRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // --- Public catalogue (niêm yết công khai) ---
  app.get(
    '/catalog/procedures',
    { config: { access: 'public' }, schema: { tags: ['catalog'], summary: 'Tra cứu thủ tục hành chính (không dấu cũng tìm được)', querystring: ZCatalogQuery, response: { 200: ZCatalogPage } } },
    async (request) => searchPublicCatalog(await readContext(ctx, request), request.query),
  );
  app.get(
    '/catalog/facets',
    { config: { access: 'public' }, schema: { tags: ['catalog'], summary: 'Danh sách lĩnh vực, cơ quan, tỉnh công bố để lọc', response: { 200: z.object({ fields: z.array(z.string()), agencies: z.array(z.string()), owners: z.array(z.object({ id: z.string().uuid(), name: z.string() })) }) } } },
    async (request) => catalogFacets((await readContext(ctx, request)).db, ['published']),
  );
  app.get(
    '/catalog/procedures/:id',
    { config: { access: 'public' }, schema: { tags: ['catalog'], summary: 'Chi tiết thủ tục', params: ZId, response: { 200: ZProcedureDetail, 404: ZErrorBody } } },
    // A replica may serve it; an officer who just edited the procedure reads the primary until the replica has the edit.
    async (request) => getProcedureDetail(await readContext(ctx, request), request.session, request.params.id),
  );
  app.get(
    '/catalog/procedures/:id/declaration',
    {
      config: { access: 'public' },
      schema: { tags: ['catalog'], summary: 'Mẫu tờ khai để trống (PDF/DOCX) lập từ biểu mẫu điện tử của thủ tục', params: ZId, querystring: z.object({ format: z.enum(['pdf', 'docx']).default('pdf') }) },
    },
    async (request, reply) => {
      const f = await renderBlankDeclaration(ctx, request.params.id, request.query.format);
      reply.header('content-type', f.mediaType);
      reply.header('content-disposition', attachment(f.fileName));
      reply.header('cache-control', 'public, max-age=3600');
      return reply.send(f.body);
    },
  );
  app.get(
    '/catalog/files/:sha256',
    { config: { access: 'public' }, schema: { tags: ['catalog'], summary: 'Tải mẫu đơn, tờ khai của thủ tục', params: ZSha } },
    async (request, reply) => {
      const { sha256 } = request.params;
      const staff = request.session !== null && can(request.session, 'catalog.read');
      const visible = await isTemplateFile(ctx.db, sha256, staff ? ['draft', 'published', 'abolished'] : ['published', 'abolished']);
      const meta = visible ? await ctx.files.stat(ctx.db, sha256) : null;
      if (!meta) throw fileErrors.notFound();
      reply.header('content-type', meta.mediaType);
      reply.header('content-disposition', attachment(meta.fileName));
      reply.header('cache-control', 'public, max-age=86400, immutable');
      return reply.send(ctx.files.open(sha256));
    },
  );

  // --- Staff catalogue management ---
  app.get(
    '/procedures',
    { config: { access: 'perm:catalog.read' }, schema: { tags: ['procedures'], summary: 'Danh mục thủ tục (kể cả dự thảo) trong phạm vi', querystring: ZStaffCatalogQuery, response: { 200: ZCatalogPage } } },
    async (request) => searchStaffCatalog(ctx, actorOf(request), request.query),
  );
  app.post(
    '/procedures',
    { config: { access: 'perm:procedures.manage' }, schema: { tags: ['procedures'], summary: 'Thêm thủ tục (dự thảo)', body: ZCreateProcedureInput, response: { 201: ZProcedureDetail, 403: ZErrorBody, 409: ZErrorBody } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createProcedure(ctx, actor, request.body);
      return reply.status(201).send(await getProcedureDetail(ctx, actor, id));
    },
  );
  app.get(
    '/procedures/:id',
    { config: { access: 'perm:catalog.read' }, schema: { tags: ['procedures'], summary: 'Chi tiết thủ tục cho cán bộ', params: ZId, response: { 200: ZProcedureDetail, 404: ZErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      const detail = await getProcedureDetail(ctx, actor, request.params.id);
      return detail;
    },
  );
  app.get(
    '/procedures/:id/versions/:versionId',
    {
      config: { access: 'perm:catalog.read' },
      schema: { tags: ['procedures'], summary: 'Nội dung một phiên bản', params: ZId.extend({ versionId: z.string().uuid() }), response: { 200: ZVersion, 404: ZErrorBody } },
    },
    async (request) => getVersionForStaff(ctx, actorOf(request), request.params.id, request.params.versionId),
  );
  app.put(
    '/procedures/:id/draft',
    { config: { access: 'perm:procedures.manage' }, schema: { tags: ['procedures'], summary: 'Sửa bản dự thảo', params: ZId, body: ZProcedureContent, response: { 200: ZProcedureDetail, 409: ZErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      await updateDraft(ctx, actor, request.params.id, request.body);
      return getProcedureDetail(ctx, actor, request.params.id);
    },
  );
  app.delete(
    '/procedures/:id/draft',
    { config: { access: 'perm:procedures.manage' }, schema: { tags: ['procedures'], summary: 'Bỏ bản sửa đổi chưa công bố (hoàn tác việc tạo bản sửa đổi)', params: ZId, response: { 200: ZProcedureDetail, 409: ZErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      await discardRevision(ctx, actor, request.params.id);
      return getProcedureDetail(ctx, actor, request.params.id);
    },
  );
  app.post(
    '/procedures/:id/revisions',
    { config: { access: 'perm:procedures.manage' }, schema: { tags: ['procedures'], summary: 'Tạo bản sửa đổi từ phiên bản đang áp dụng', params: ZId, response: { 201: ZProcedureDetail, 409: ZErrorBody } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await startRevision(ctx, actor, request.params.id);
      return reply.status(201).send(await getProcedureDetail(ctx, actor, request.params.id));
    },
  );
  app.post(
    '/procedures/:id/publish',
    {
      config: { access: 'perm:procedures.manage' },
      schema: { tags: ['procedures'], summary: 'Công bố (niêm yết) theo quyết định công bố', params: ZId, body: ZPublishInput, response: { 200: ZProcedureDetail, 409: ZErrorBody, 422: ZErrorBody } },
    },
    async (request) => {
      const actor = actorOf(request);
      await publishProcedure(ctx, actor, request.params.id, request.body);
      return getProcedureDetail(ctx, actor, request.params.id);
    },
  );
  app.post(
    '/procedures/:id/abolish',
    { config: { access: 'perm:procedures.manage' }, schema: { tags: ['procedures'], summary: 'Bãi bỏ thủ tục', params: ZId, body: ZAbolishInput, response: { 200: ZProcedureDetail, 409: ZErrorBody } } },
    async (request) => {
      const actor = actorOf(request);
      await abolishProcedure(ctx, actor, request.params.id, request.body);
      return getProcedureDetail(ctx, actor, request.params.id);
    },
  );
  app.get(
    '/procedures/export',
    {
      config: { access: 'perm:catalog.read' },
      schema: { tags: ['procedures'], summary: 'Xuất danh mục thủ tục (JSON); không nêu đơn vị thì xuất của đơn vị mình', querystring: ZExportQuery, response: { 200: ZProcedureExport, 422: ZErrorBody } },
    },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="thu-tuc.json"');
      return exportProcedures(await readContext(ctx, request), actorOf(request), request.query.ownerUnitId);
    },
  );
  app.get(
    '/procedures/export/xlsx',
    {
      config: { access: 'perm:catalog.read' },
      schema: { tags: ['procedures'], summary: 'Xuất danh mục thủ tục (Excel, cùng khuôn với tệp mẫu nhập); không nêu đơn vị thì xuất của đơn vị mình', querystring: ZExportQuery },
    },
    async (request, reply) => {
      const body = await exportProceduresXlsx(await readContext(ctx, request), actorOf(request), request.query.ownerUnitId);
      reply.header('content-type', XLSX);
      reply.header('content-disposition', attachment(`danh-muc-thu-tuc-${ctx.clock.now().toISOString().slice(0, 10)}.xlsx`));
      return reply.send(body);
    },
  );
  app.get(
    '/procedures/import/template',
    { config: { access: 'perm:procedures.manage' }, schema: { tags: ['procedures'], summary: 'Tệp mẫu Excel để nhập danh mục thủ tục (tên cột tiếng Việt, danh sách chọn)' } },
    async (_request, reply) => {
      reply.header('content-type', XLSX);
      reply.header('content-disposition', attachment('mau-nhap-thu-tuc.xlsx'));
      return reply.send(await writeCatalogWorkbook([]));
    },
  );
  app.post(
    '/procedures/import/xlsx',
    {
      config: { access: 'perm:procedures.manage' },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['procedures'],
        summary: 'Nhập danh mục thủ tục từ tệp Excel (multipart, trường "file") thành bản dự thảo; có lỗi ở dòng nào thì không nhập gì',
        consumes: ['multipart/form-data'],
        querystring: z.object({ ownerUnitId: z.string().uuid() }),
        response: { 200: ZImportResult, 400: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (request) => {
      const { content } = await readUpload(request, { maxBytes: 20 * 1024 * 1024 });
      return importProceduresXlsx(ctx, actorOf(request), request.query.ownerUnitId, content);
    },
  );
  app.post(
    '/procedures/import',
    {
      config: { access: 'perm:procedures.manage' },
      bodyLimit: 20 * 1024 * 1024,
      schema: { tags: ['procedures'], summary: 'Nhập danh mục thủ tục (JSON) thành bản dự thảo', body: ZImportInput, response: { 200: ZImportResult, 400: ZErrorBody } },
    },
    async (request) => importProcedures(ctx, actorOf(request), request.body),
  );
  app.post(
    '/files',
    { config: { access: 'perm:procedures.manage' }, schema: { tags: ['procedures'], summary: 'Tải lên mẫu đơn, tờ khai (multipart, trường "file")', consumes: ['multipart/form-data'], response: { 201: ZStoredFile, 415: ZErrorBody } } },
    async (request, reply) => {
      const { content, fileName } = await readUpload(request);
      const stored = await ctx.files.put(ctx.db, content, fileName);
      return reply.status(201).send(stored);
    },
  );
};

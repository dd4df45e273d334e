import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { readContext } from '../../platform/read-replicas.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { can, scopePaths } from '../identity/permissions.policy.js';
import { renderFormPdf } from '../forms/forms.pdf.js';
import { renderTableXlsx } from '../forms/forms.xlsx.js';
import { ZDailyData, ZDailyListItem, ZDailyRunInput, ZDailyRunResult, ZPeriodQuery, ZPeriodReport, ZRanking, ZRankingQuery, ZReportQuery, ZStepTimes, ZSummary, ZTargetInput, ZTrend, ZTrendQuery } from './reports.contract.js';
import { buildForm06 } from './reports-form.rules.js';
import { reportErrors } from './reports.errors.js';
import { getDaily, listDaily } from './reports.repo.js';
import { getPeriodReport } from './use-cases/get-period-report.js';
import { getStepTimes } from './use-cases/get-step-times.js';
import { getSummary } from './use-cases/get-summary.js';
import { getTrend } from './use-cases/get-trend.js';
import { dailyFileName, produceDailyReports, renderDaily } from './use-cases/produce-daily-reports.js';
import { scopedUnit } from './use-cases/report-scope.js';
import { getRanking, setTarget } from './use-cases/targets.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const ZFileFormat = z.enum(['xlsx', 'pdf']).default('xlsx');
const ZIdParam = z.object({ id: z.string().uuid() });

// Reports and dashboards tolerate a little staleness: they read from a replica when one is set (read-replicas.ts).
export const reportRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/reports/summary',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['reports'], summary: 'Tổng hợp của một đơn vị và từng đơn vị trực thuộc (bảng điều khiển), các chỉ số QĐ 766', querystring: ZReportQuery, response: { 200: ZSummary, ...errors } } },
    async (request) => getSummary(await readContext(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/reports/trend',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['reports'], summary: 'Diễn biến theo ngày hoặc tháng', querystring: ZTrendQuery, response: { 200: ZTrend, ...errors } } },
    async (request) => getTrend(await readContext(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/reports/step-times',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['reports'], summary: 'Thời gian xử lý từng bước theo đơn vị và cán bộ (giờ làm việc, từ sổ sự kiện hồ sơ)', querystring: ZReportQuery, response: { 200: ZStepTimes, ...errors } } },
    async (request) => getStepTimes(await readContext(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/reports/period',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['reports'], summary: 'Báo cáo kỳ theo Biểu số 06/VPCP/KSTT, theo đơn vị hoặc thủ tục', querystring: ZPeriodQuery, response: { 200: ZPeriodReport, ...errors } } },
    async (request) => getPeriodReport(await readContext(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/reports/period/file',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['reports'], summary: 'Biểu số 06/VPCP/KSTT dạng Excel hoặc PDF', querystring: ZPeriodQuery.extend({ format: ZFileFormat }) } },
    async (request, reply) => {
      const report = await getPeriodReport(await readContext(ctx, request), actorOf(request), request.query);
      const model = buildForm06(report, report.unitName);
      const body = request.query.format === 'xlsx' ? await renderTableXlsx(model, 'Biểu 06', ['Nhóm 5 - PAKN']) : await renderFormPdf(model);
      reply.header('content-type', request.query.format === 'xlsx' ? XLSX : 'application/pdf');
      reply.header('content-disposition', `attachment; filename="bieu-06-${report.from}-${report.to}.${request.query.format}"`);
      return reply.send(body);
    },
  );

  app.get(
    '/reports/daily',
    {
      config: { access: 'perm:reports.read' },
      schema: { tags: ['reports'], summary: 'Các báo cáo nhanh hằng ngày đã lập trong phạm vi', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(60) }), response: { 200: z.array(ZDailyListItem) } },
    },
    async (request) => listDaily((await readContext(ctx, request)).db, scopePaths(actorOf(request), 'reports.read'), request.query.limit),
  );

  app.post(
    '/reports/daily/run',
    {
      config: { access: 'perm:reports.manage' },
      schema: {
        tags: ['reports'],
        summary: 'Lập ngay báo cáo nhanh hôm nay: cho một đơn vị trong phạm vi (unitId), hoặc cho các đơn vị được giao (gửi e-mail nếu chưa gửi)',
        body: ZDailyRunInput.nullish(),
        response: { 200: ZDailyRunResult, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const unitId = request.body?.unitId;
      if (unitId) {
        await scopedUnit(ctx.db, actor, unitId, 'reports.manage');
        return produceDailyReports(ctx, [unitId]);
      }
      const unitIds = [...new Set(actor.grants.filter((g) => scopePaths(actor, 'reports.manage').includes(g.unitPath)).map((g) => g.unitId))];
      return produceDailyReports(ctx, unitIds);
    },
  );

  // A daily report, once made, never changes: any replica that has it may serve it (else the primary does).
  const readDaily = async (request: FastifyRequest, actor: ReturnType<typeof actorOf>, id: string) => {
    const row = await getDaily((await readContext(ctx, request)).db, id);
    if (!row) throw reportErrors.notFound();
    // Another unit's report answers as a wrong id would: a 403 would confirm that it exists.
    if (!can(actor, 'reports.read', row.unitPath)) throw reportErrors.notFound();
    return ZDailyData.parse(row.data);
  };

  app.get(
    '/reports/daily/:id',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['reports'], summary: 'Số liệu một báo cáo nhanh đã lập', params: ZIdParam, response: { 200: ZDailyData, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => readDaily(request, actorOf(request), request.params.id),
  );

  app.get(
    '/reports/daily/:id/file',
    {
      config: { access: 'perm:reports.read' },
      schema: { tags: ['reports'], summary: 'Một báo cáo nhanh dạng Excel hoặc PDF', params: ZIdParam, querystring: z.object({ format: ZFileFormat }) },
    },
    async (request, reply) => {
      const data = await readDaily(request, actorOf(request), request.params.id);
      const files = await renderDaily(data);
      reply.header('content-type', request.query.format === 'xlsx' ? XLSX : 'application/pdf');
      reply.header('content-disposition', `attachment; filename="${dailyFileName(data.day, request.query.format)}"`);
      return reply.send(request.query.format === 'xlsx' ? files.xlsx : files.pdf);
    },
  );

  app.get(
    '/reports/ranking',
    { config: { access: 'perm:reports.read' }, schema: { tags: ['reports'], summary: 'Tiến độ so với chỉ tiêu năm và xếp hạng thi đua các đơn vị trực thuộc', querystring: ZRankingQuery, response: { 200: ZRanking, ...errors } } },
    async (request) => getRanking(await readContext(ctx, request), actorOf(request), request.query),
  );

  app.put(
    '/reports/targets',
    { config: { access: 'perm:reports.manage' }, schema: { tags: ['reports'], summary: 'Giao chỉ tiêu năm cho một đơn vị', body: ZTargetInput, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await setTarget(ctx, actorOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { unitErrors } from '../org-units/unit.errors.js';
import { getUnit } from '../org-units/unit.repo.js';
import { ZAdjustment, ZCreateAdjustmentInput, ZDueInput, ZDueResult, ZSetWorkingHoursInput, ZWorkingHoursView, ZYearView } from './calendar.contract.js';
import { listAdjustments } from './calendar.repo.js';
import { computeDue, countingStart } from './deadline.rules.js';
import { loadCalendar } from './use-cases/load-calendar.js';
import { addAdjustment, removeAdjustment } from './use-cases/manage-adjustments.js';
import { getWorkingHours, removeWorkingHours, setWorkingHours } from './use-cases/working-hours.js';
import { dateOfDayNumber, dayNumberOf, formatVn, isoWeekday, vnDateOf } from './vn-time.js';

/** "09:00 ngày 25/02/2026" in Vietnam time. */
function humanVn(instant: Date): string {
  const s = formatVn(instant);
  return `${s.slice(11, 16)} ngày ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
}

const ZYear = z.object({ year: z.coerce.number().int().min(1900).max(2199) });
const ZUnitQuery = z.object({ unitId: z.string().uuid().optional() });

export const calendarRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const unitPath = async (unitId: string | undefined) => {
    if (!unitId) return null;
    const unit = await getUnit(ctx.db, unitId);
    if (!unit) throw unitErrors.notFound();
    return unit.path;
  };

  // Working days are public: citizens read the appointment date against them.
  app.get(
    '/calendar/years/:year',
    {
      config: { access: 'public' },
      schema: { tags: ['calendar'], summary: 'Lịch làm việc của một năm (ngày nghỉ, ngày làm bù, điều chỉnh)', params: ZYear, querystring: ZUnitQuery, response: { 200: ZYearView, 404: ZErrorBody } },
    },
    async (request) => {
      const { year } = request.params;
      const path = await unitPath(request.query.unitId);
      const calendar = await loadCalendar(ctx.db, path, { from: year, to: year });
      const adjustments = await listAdjustments(ctx.db, { from: `${year}-01-01`, to: `${year}-12-31`, unitPath: path });
      let workingDays = 0;
      const makeUpDays: { date: string; name: string }[] = [];
      for (let d = dayNumberOf(`${year}-01-01`); d <= dayNumberOf(`${year}-12-31`); d++) {
        const info = calendar.dayInfo(dateOfDayNumber(d));
        if (!info.isWorkingDay) continue;
        workingDays++;
        if (isoWeekday(d) >= 6) makeUpDays.push({ date: info.date, name: info.reasonVi ?? 'Ngày làm bù' });
      }
      return {
        year,
        unitId: request.query.unitId ?? null,
        weeklySessions: Object.fromEntries(Object.entries(calendar.config.weeklySessions).map(([k, v]) => [k, [...v]])),
        daysOff: calendar.daysOff(year),
        makeUpDays,
        adjustments,
        workingDays,
      };
    },
  );

  app.post(
    '/calendar/adjustments',
    {
      config: { access: 'perm:calendar.manage' },
      schema: { tags: ['calendar'], summary: 'Thêm điều chỉnh lịch (nghỉ hoán đổi, làm bù, buổi tiếp nhận ngoài giờ)', body: ZCreateAdjustmentInput, response: { 201: ZAdjustment, 403: ZErrorBody, 409: ZErrorBody } },
    },
    async (request, reply) => {
      const id = await addAdjustment(ctx, actorOf(request), request.body);
      const path = await unitPath(request.body.unitId ?? undefined);
      const rows = await listAdjustments(ctx.db, { from: request.body.day, to: request.body.day, unitPath: path });
      return reply.status(201).send(rows.find((r) => r.id === id)!);
    },
  );

  app.delete(
    '/calendar/adjustments/:id',
    {
      config: { access: 'perm:calendar.manage' },
      schema: { tags: ['calendar'], summary: 'Xóa điều chỉnh lịch', params: z.object({ id: z.string().uuid() }), response: { 204: z.null(), 403: ZErrorBody, 404: ZErrorBody } },
    },
    async (request, reply) => {
      await removeAdjustment(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/calendar/due',
    {
      config: { access: 'staff' },
      schema: { tags: ['calendar'], summary: 'Tính hạn giải quyết theo ngày làm việc', body: ZDueInput, response: { 200: ZDueResult, 404: ZErrorBody } },
    },
    async (request) => {
      const receivedAt = new Date(request.body.receivedAt);
      const year = Number(vnDateOf(receivedAt).slice(0, 4));
      const calendar = await loadCalendar(ctx.db, await unitPath(request.body.unitId), { from: year, to: year + 2 });
      const options = { paperCutoff: request.body.paper };
      const from = countingStart(receivedAt, calendar, options);
      const due = computeDue(receivedAt, { unit: request.body.unit, amount: request.body.amount }, calendar, options);
      return {
        countingFrom: from.toISOString(),
        dueAt: due.toISOString(),
        dueAtText: humanVn(due),
        workingMinutes: calendar.workingMinutesBetween(from, due),
      };
    },
  );

  // Office hours are public like the working days: a citizen reads the appointment against them.
  app.get(
    '/calendar/working-hours',
    {
      config: { access: 'public' },
      schema: { tags: ['calendar'], summary: 'Giờ làm việc của tỉnh chứa đơn vị (theo ngày áp dụng)', querystring: z.object({ unitId: z.string().uuid() }), response: { 200: ZWorkingHoursView, 404: ZErrorBody } },
    },
    async (request) => getWorkingHours(ctx, request.query.unitId),
  );

  app.put(
    '/calendar/working-hours',
    {
      config: { access: 'perm:calendar.manage' },
      schema: { tags: ['calendar'], summary: 'Đặt giờ làm việc của tỉnh từ một ngày', body: ZSetWorkingHoursInput, response: { 200: ZWorkingHoursView, 403: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody } },
    },
    async (request) => {
      await setWorkingHours(ctx, actorOf(request), request.body);
      return getWorkingHours(ctx, request.body.unitId);
    },
  );

  app.delete(
    '/calendar/working-hours/:id',
    {
      config: { access: 'perm:calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Xóa giờ làm việc đặt nhầm (chỉ khi chưa áp dụng cho ngày nào, hồ sơ nào)',
        params: z.object({ id: z.string().uuid() }),
        response: { 204: z.null(), 403: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (request, reply) => {
      await removeWorkingHours(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

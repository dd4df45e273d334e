import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { vnDateOf } from '../working-calendar/vn-time.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { DomainError } from '../../platform/errors.js';
import { dossierCodeFormatOn, ruleSetOn } from './rule-set.rules.js';

const ZFormSpec = z.object({ number: z.string(), titleVi: z.string(), paper: z.enum(['A4', 'A5']) });

export const ruleSetRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/rule-sets/in-force',
    {
      config: { access: 'public' },
      schema: {
        tags: ['rule-sets'],
        summary: 'Bộ quy định một cửa áp dụng vào một ngày',
        querystring: z.object({ on: ZDay.optional() }),
        response: {
          200: z.object({
            id: z.string(),
            titleVi: z.string(),
            decree: z.string(),
            circular: z.string(),
            validFrom: z.string(),
            validTo: z.string().nullable(),
            forms: z.record(z.string(), ZFormSpec),
            paperCutoff: z.string(),
            apologyLeadWorkingDays: z.number(),
            maxReappointments: z.number(),
            intakeAnywhereInProvince: z.boolean(),
            dossierCodeFormat: z.string(),
          }),
          404: ZErrorBody,
        },
      },
    },
    async (request) => {
      const on = request.query.on ?? vnDateOf(ctx.clock.now());
      const rs = ruleSetOn(on);
      if (!rs) throw new DomainError('RULESET.NONE', 'not_found', 'Không có bộ quy định một cửa nào áp dụng vào ngày này.', 'No rule-set in force.');
      return { ...rs, dossierCodeFormat: dossierCodeFormatOn(on) };
    },
  );
};

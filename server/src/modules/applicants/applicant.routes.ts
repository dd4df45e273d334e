import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZApplicantLookupQuery, ZKnownApplicant } from './applicant.contract.js';
import { lookupApplicant } from './use-cases/lookup-applicant.js';

export const applicantRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // POST, not GET: a CCCD is personal data and stays out of URLs and access logs.
  app.post(
    '/applicants/lookup',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['dossiers'],
        summary: 'Tìm người nộp đã biết theo số CCCD (hồ sơ trước, tài khoản công dân đã xác minh) trong tỉnh của cán bộ',
        body: ZApplicantLookupQuery,
        response: { 200: ZKnownApplicant, 400: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (request) => lookupApplicant(ctx, actorOf(request), request.body.idNumber),
  );
};

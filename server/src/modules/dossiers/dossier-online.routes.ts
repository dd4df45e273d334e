import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDay } from '../working-calendar/calendar-day.contract.js';
import { retryOnConnectionLoss } from '../../platform/database-hosts.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { attachment } from '../../platform/http.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZApplicantInput, ZDossier } from './dossier.contract.js';
import { readDossier } from './use-cases/read-dossier.js';
import { renderDeclaration } from './use-cases/render-declaration.js';
import { submitOnline } from './use-cases/submit-online.js';

/** An officer submits an online dossier on a citizen's behalf (nộp hộ, free of charge, recorded as assisted). */
const ZAssistedInput = z.object({
  idempotencyKey: z.string().trim().min(8).max(100),
  procedureId: z.string().uuid(),
  resolvingUnitId: z.string().uuid(),
  applicant: ZApplicantInput.extend({ kind: z.literal('citizen').default('citizen') }),
  eform: z.record(z.string(), z.unknown()).default({}),
  documents: z.array(z.string().trim().min(1).max(1000)).max(100).default([]),
  resultDelivery: z.enum(['desk', 'post', 'online']).default('desk'),
});

const ZDeclarationInput = z.object({
  applicant: z.object({
    fullName: z.string().trim().min(2).max(200),
    idNumber: z.string().trim().regex(/^\d{12}$/),
    birthDate: ZDay.nullable().default(null),
    gender: z.enum(['male', 'female']).nullable().default(null),
    address: z.string().trim().max(500).nullable().default(null),
    phone: z.string().trim().max(20).nullable().default(null),
    email: z.string().trim().max(200).nullable().default(null),
  }),
  eform: z.record(z.string(), z.unknown()).default({}),
  format: z.enum(['docx', 'pdf']).default('pdf'),
});

export const dossierOnlineRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/dossiers/assisted',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['dossiers'],
        summary: 'Cán bộ nộp hồ sơ trực tuyến thay công dân (miễn phí, ghi nhận là nộp hộ)',
        body: ZAssistedInput,
        response: { 201: ZDossier, 400: ZErrorBody, 403: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Only a proven CCCD (VNeID, or the card checked at a desk) links the dossier to a portal account: a number typed
      // at registration is a claim anyone could make.
      const { rows } = await ctx.db.query<{ id: string }>(`SELECT id FROM citizen_account WHERE id_number = $1 AND id_verified_at IS NOT NULL`, [request.body.applicant.idNumber]);
      const { documents, ...rest } = request.body;
      // Idempotent by its key, so safe to run again when the connection died (a failover).
      const id = await retryOnConnectionLoss(() => submitOnline(ctx, { kind: 'officer', actor, citizenId: rows[0]?.id ?? null }, { ...rest, files: [], documentNames: documents }));
      return reply.status(201).send(await retryOnConnectionLoss(() => readDossier(ctx, actor, id)));
    },
  );

  app.post(
    '/procedures/:id/declaration',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['dossiers'],
        summary: 'Tờ khai điền sẵn từ dữ liệu căn cước để công dân ký (DOCX hoặc PDF) — Công dân không viết',
        params: z.object({ id: z.string().uuid() }),
        body: ZDeclarationInput,
      },
    },
    async (request, reply) => {
      const f = await renderDeclaration(ctx, actorOf(request), request.params.id, request.body);
      reply.header('content-type', f.mediaType);
      reply.header('content-disposition', attachment(f.fileName));
      return reply.send(f.body);
    },
  );
};

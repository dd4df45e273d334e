import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyInstance as PlainFastify } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf, citizenOf } from '../identity/auth.plugin.js';
import { populationRegistryFor, simulatorPopulationRegistry, tokenMatches, type PopulationRegistry } from './population.adapter.js';
import { ZCitizenLookupInput, ZConsent, ZDeskConsentInput, ZDeskLookupInput, ZLookupView, ZPerson } from './population.contract.js';
import { listMyLookups, listUnitLookups, lookUpAtDesk, lookUpForCitizen, recordDeskConsent } from './use-cases/look-up.js';

const overrides = new WeakMap<AppContext, PopulationRegistry>();
/** Replaces the registry of `ctx` (tests: an outage). */
export function setPopulationRegistry(ctx: AppContext, registry: PopulationRegistry): void {
  overrides.set(ctx, registry);
}
const registryOf = (ctx: AppContext) => overrides.get(ctx) ?? populationRegistryFor(ctx);

export const populationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const deps = () => ({ ...ctx, registry: registryOf(ctx) });
  app.post(
    '/population/consents',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['population-data'],
        summary: 'Ghi nhận công dân đồng ý cho khai thác dữ liệu dân cư tại bộ phận một cửa (ND 13/2023 Điều 11)',
        body: ZDeskConsentInput,
        response: { 201: ZConsent, 400: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await recordDeskConsent(deps(), actorOf(request), request.body)),
  );
  app.post(
    '/population/lookups',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['population-data'],
        summary: 'Lấy từ CSDL quốc gia về dân cư (họ tên, ngày sinh, giới tính, nơi thường trú) cho người nộp tại quầy, khi đã có sự đồng ý',
        body: ZDeskLookupInput,
        response: { 200: ZPerson, 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request) => lookUpAtDesk(deps(), actorOf(request), request.body),
  );
  app.get(
    '/population/lookups',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['population-data'],
        summary: 'Nhật ký tra cứu CSDL dân cư của đơn vị: ai, khi nào, số CCCD nào, mục đích',
        querystring: z.object({
          unitId: z.string().uuid(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          idNumber: z.string().regex(/^\d{12}$/).optional(),
          /** Keyset: only look-ups before this instant (the `at` of the last row of the previous page). */
          before: z.coerce.date().optional(),
        }),
        response: { 200: z.object({ items: z.array(ZLookupView) }), 403: ZErrorBody },
      },
    },
    async (request) => ({ items: await listUnitLookups(ctx, actorOf(request), request.query) }),
  );
  app.post(
    '/citizen/population/lookup',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['population-data'],
        summary: 'Công dân đồng ý và lấy thông tin của mình từ CSDL quốc gia về dân cư để điền tờ khai',
        body: ZCitizenLookupInput,
        response: { 200: ZPerson, 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request) => lookUpForCitizen(deps(), citizenOf(request).citizenId, request.body),
  );
  app.get(
    '/citizen/population/lookups',
    {
      config: { access: 'citizen' },
      schema: { tags: ['population-data'], summary: 'Ai đã tra cứu dữ liệu dân cư của tôi, khi nào, để làm gì', response: { 200: z.object({ items: z.array(ZLookupView) }) } },
    },
    async (request) => ({ items: await listMyLookups(ctx, citizenOf(request).citizenId, 100) }),
  );
};

/** The simulator of the platform's look-up (POPULATION_SIMULATOR, demo and tests only), behind the configured token. */
export async function populationSimulatorRoutes(app: PlainFastify, { ctx }: { ctx: AppContext }): Promise<void> {
  const sim = simulatorPopulationRegistry(ctx.db);
  app.get('/sim/dan-cu/citizens/:idNumber', { schema: { hide: true } }, async (request, reply) => {
    if (!tokenMatches(request.headers.authorization?.replace(/^Bearer /, ''), ctx.config.populationApiToken)) return reply.status(401).send({ error: 'unauthorised' });
    const { idNumber } = request.params as { idNumber: string };
    if (!/^\d{12}$/.test(idNumber) || !request.headers['x-purpose']) return reply.status(400).send({ error: 'invalid' });
    const person = await sim.lookup({ idNumber, purpose: String(request.headers['x-purpose']), requester: String(request.headers['x-requester'] ?? '') });
    return person ? person : reply.status(404).send({ error: 'not_found' });
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { simulatorCitizenStore, tokenMatches } from './citizen-store.adapter.js';
import { ZSimPut } from './citizen-store.contract.js';

/**
 * The local simulator of the national store (CITIZEN_STORE_SIMULATOR, demo and tests only; never mounted in production
 * mode or beside a configured store): the HTTP protocol httpCitizenStore speaks, over the simulator's table, behind
 * the configured bearer token. The server itself uses the simulator directly (citizenStoreFor); these routes let the
 * HTTP adapter be tested against it and let a second instance of the demo act as the national store.
 */
export async function citizenStoreSimulatorRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const sim = simulatorCitizenStore(ctx.db, ctx.clock);
  const authorised = (request: FastifyRequest) => tokenMatches(request.headers.authorization?.replace(/^Bearer /, ''), ctx.config.citizenStoreToken);
  const refuse = { error: 'unauthorised', message: 'Thiếu hoặc sai mã truy cập Kho dữ liệu.' };
  const ZHolder = z.object({ idNumber: z.string().regex(/^\d{12}$/) });

  app.post('/sim/kho/documents', { schema: { hide: true }, bodyLimit: 32 * 1024 * 1024 }, async (request, reply) => {
    if (!authorised(request)) return reply.status(401).send(refuse);
    const body = ZSimPut.safeParse(request.body);
    if (!body.success) return reply.status(400).send({ error: 'invalid', message: 'Dữ liệu không hợp lệ.' });
    const { content, ...doc } = body.data;
    return reply.status(201).send(await sim.put({ ...doc, content: Buffer.from(content, 'base64') }));
  });
  app.get('/sim/kho/holders/:idNumber/documents', { schema: { hide: true } }, async (request, reply) => {
    if (!authorised(request)) return reply.status(401).send(refuse);
    const p = ZHolder.safeParse(request.params);
    if (!p.success) return reply.status(400).send({ error: 'invalid', message: 'Số CCCD không hợp lệ.' });
    return { items: await sim.list(p.data.idNumber) };
  });
  app.get('/sim/kho/holders/:idNumber/documents/:storeId', { schema: { hide: true } }, async (request, reply) => {
    if (!authorised(request)) return reply.status(401).send(refuse);
    const p = ZHolder.extend({ storeId: z.string().max(100) }).safeParse(request.params);
    if (!p.success) return reply.status(400).send({ error: 'invalid', message: 'Tham số không hợp lệ.' });
    const doc = await sim.get(p.data.idNumber, p.data.storeId);
    if (!doc) return reply.status(404).send({ error: 'not_found', message: 'Không có tài liệu này.' });
    return { ...doc.meta, content: doc.content.toString('base64') };
  });
}

import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { isConnectionLoss, READ_RETRIES, readRetryPause } from './database-hosts.js';
import { installErrorHandler, installReadRetry } from './http.js';

/** An error as node-postgres raises it when the server died under a query (SQLSTATE 57P01) or pgbouncer lost its server. */
const lost = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const bouncerLost = () => Object.assign(new Error('server conn crashed?'), { code: '08P01' });

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A server with the read retry and routes whose handler fails `failures` times with `error` before answering. */
async function serverWith(failures: number, error: () => Error = lost) {
  const calls = { get: 0, optOut: 0, post: 0, replyStyle: 0, other: 0 };
  app = Fastify();
  installErrorHandler(app);
  installReadRetry(app);
  app.get('/read', async () => {
    if (calls.get++ < failures) throw error();
    return { ok: true, calls: calls.get };
  });
  app.get('/callback', { config: { readRetry: false } }, async () => {
    calls.optOut++;
    throw error();
  });
  app.post('/write', async () => {
    calls.post++;
    throw error();
  });
  app.get('/reply-style', async (_request, reply) => {
    if (calls.replyStyle++ < failures) throw error();
    return reply.header('x-style', 'send').send({ ok: true });
  });
  app.get('/bug', async () => {
    calls.other++;
    throw Object.assign(new Error('duplicate key'), { code: '23505' });
  });
  await app.ready();
  return { app, calls };
}

describe('read retry across a database failover', () => {
  it('the pauses grow from 250 ms to at most 2 s, five retries in all (pure)', () => {
    expect(READ_RETRIES).toBe(6);
    expect([1, 2, 3, 4, 5].map(readRetryPause)).toEqual([250, 500, 1000, 2000, 2000]);
  });

  it("pgbouncer's own texts for a lost server count as connection loss; ordinary errors do not", () => {
    for (const message of [
      'server conn crashed?',
      'server login has been failing, try again later (server_login_retry)',
      'pgbouncer cannot connect to server',
      'query_wait_timeout',
      'no more connections allowed (max_client_conn)',
    ]) expect(isConnectionLoss(new Error(message)), message).toBe(true);
    expect(isConnectionLoss(new Error('permission denied for table dossier'))).toBe(false);
    expect(isConnectionLoss(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
  });

  it('a GET whose connection died is run again and answers 200', async () => {
    const { app, calls } = await serverWith(2);
    const res = await app.inject({ method: 'GET', url: '/read' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, calls: 3 });
    expect(calls.get).toBe(3);
  });

  it('a handler that answers with reply.send is retried the same way', async () => {
    const { app, calls } = await serverWith(1, bouncerLost);
    const res = await app.inject({ method: 'GET', url: '/reply-style' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-style']).toBe('send');
    expect(calls.replyStyle).toBe(2);
  });

  it('a database that stays unreachable: 503 COMMON.DATABASE_UNAVAILABLE with Retry-After, after five retries', async () => {
    const { app, calls } = await serverWith(100);
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: '/read' });
    expect(performance.now() - started).toBeGreaterThanOrEqual([1, 2, 3, 4, 5].map(readRetryPause).reduce((a, b) => a + b) - 50);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ code: 'COMMON.DATABASE_UNAVAILABLE' });
    expect(res.json().message).toMatch(/thử lại/);
    expect(calls.get).toBe(READ_RETRIES);
  }, 15_000);

  it('writes and opted-out GETs run once: 503, never a second run', async () => {
    const { app, calls } = await serverWith(100);
    expect((await app.inject({ method: 'POST', url: '/write' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/callback' })).statusCode).toBe(503);
    expect(calls).toMatchObject({ post: 1, optOut: 1 });
  });

  it('an error that is not a connection loss is not retried and keeps its own answer', async () => {
    const { app, calls } = await serverWith(0);
    const res = await app.inject({ method: 'GET', url: '/bug' });
    expect(res.statusCode).toBe(409);
    expect(calls.other).toBe(1);
  });
});

import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityErrors } from '../modules/identity/identity.errors.js';
import { portalErrors } from '../modules/info-portal/portal.errors.js';
import { DomainError, commonErrors } from './errors.js';
import { DEFAULT_RETRY_AFTER_S, installErrorHandler } from './http.js';

/**
 * The class of "a 429 without Retry-After": whatever raises it (a module's error, the framework's own limit, an error
 * someone adds later without a wait), the answer says when to come back.
 */
const app = Fastify();
const thrown: Record<string, () => Error> = {
  'sign-in budget': () => identityErrors.tooManyAttempts(42),
  'common budget': () => commonErrors.rateLimited(7),
  'article ratings': () => portalErrors.ratingTooFast(1800),
  'comments': () => portalErrors.commentTooFast(600),
  'a 429 with no wait': () => new DomainError('X.NEW_LIMIT', 'rate_limited', 'Thử lại sau.', 'Later.'),
  'the framework limit': () => Object.assign(new Error('Rate limit exceeded'), { statusCode: 429, code: 'FST_ERR_RATE_LIMIT_EXCEEDED' }),
};
const slug = (name: string) => name.replace(/[^a-z]+/g, '-');
beforeAll(async () => {
  installErrorHandler(app);
  for (const [name, make] of Object.entries(thrown)) {
    app.get(`/${slug(name)}`, async () => {
      throw make();
    });
  }
  await app.ready();
});
afterAll(() => app.close());

describe('every 429 carries Retry-After', () => {
  it.each([
    ['sign-in budget', '42'],
    ['common budget', '7'],
    ['article ratings', '1800'],
    ['comments', '600'],
    ['a 429 with no wait', String(DEFAULT_RETRY_AFTER_S)],
    ['the framework limit', String(DEFAULT_RETRY_AFTER_S)],
  ])('%s → Retry-After %s', async (name, expected) => {
    const r = await app.inject({ method: 'GET', url: `/${slug(name)}` });
    expect(r.statusCode).toBe(429);
    expect(r.headers['retry-after']).toBe(expected);
  });
});

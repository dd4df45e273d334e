import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, commonErrors, errorBody, fromPgError } from './errors.js';

/**
 * Who may call a route, declared on every route (`config.access`) and published in OpenAPI:
 * 'public' (anyone), 'staff' (any signed-in officer), 'citizen' (a citizen signed in to the portal, a separate identity
 * with its own cookie) or a permission name checked against the officer's roles.
 */
export type RouteAccess = 'public' | 'staff' | 'citizen' | `perm:${string}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Every 4xx is `{ code, message }` in Vietnamese; 5xx text is hidden; input errors never become 5xx. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const domain = toDomainError(err);
    if (domain) {
      if (domain.status >= 500) request.log.warn({ err }, domain.code);
      // A refusal that ends (rate limits, growing delays) says when to come back (RFC 9110 §10.2.3).
      const retryAfter = domain.details?.retryAfterSeconds;
      if (domain.status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
      return reply.status(domain.status).send(errorBody(domain));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'COMMON.INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau.', messageEn: 'Internal error.' });
  });
  app.setNotFoundHandler((request, reply) => {
    const err = commonErrors.notFound(`Route ${request.method} ${request.url.split('?')[0]}`);
    return reply.status(404).send(errorBody(err));
  });
}

function toDomainError(err: FastifyError | Error): DomainError | null {
  if (err instanceof DomainError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return commonErrors.validation({
      issues: err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' })),
    });
  }
  if (isResponseSerializationError(err)) return null;
  const pgErr = fromPgError(err);
  if (pgErr) return pgErr;
  const fe = err as FastifyError;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return new DomainError('COMMON.TOO_LARGE', 'too_large', 'Dữ liệu gửi lên vượt quá dung lượng cho phép.', 'Payload too large.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new DomainError('COMMON.UNSUPPORTED_MEDIA', 'unsupported', 'Định dạng dữ liệu không được hỗ trợ.', 'Unsupported media type.');
      case 'FST_ERR_RATE_LIMIT_EXCEEDED':
        return commonErrors.rateLimited();
      default:
        return commonErrors.validation({ reason: fe.message });
    }
  }
  return null;
}

/** One uploaded file (multipart field "file") with the form's other fields, for every upload route. */
export async function readUpload(request: FastifyRequest): Promise<{ content: Buffer; fileName: string; field: (n: string) => string | undefined }> {
  if (!request.isMultipart()) throw commonErrors.validation({ reason: 'multipart/form-data required' });
  const part = await request.file();
  if (!part) throw commonErrors.validation({ reason: 'field "file" missing' });
  const content = await part.toBuffer();
  const field = (name: string) => {
    const f = part.fields[name];
    return f && !Array.isArray(f) && f.type === 'field' ? String(f.value) : undefined;
  };
  return { content, fileName: part.filename, field };
}

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
/**
 * The page a browser gets for an unknown address outside /api (the portal, which shows a Vietnamese "page not found"),
 * set once the web build is known; JSON stays the answer under /api and for clients that do not ask for HTML.
 */
const htmlNotFound = new WeakMap<object, string>();
export function setHtmlNotFound(app: FastifyInstance, html: string): void {
  htmlNotFound.set(app, html);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const domain = toDomainError(err);
    if (domain) {
      if (domain.status >= 500) request.log.warn({ err }, domain.code);
      return reply.status(domain.status).send(errorBody(domain));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'COMMON.INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau.', messageEn: 'Internal error.' });
  });
  app.setNotFoundHandler((request, reply) => {
    const html = htmlNotFound.get(app);
    const pathname = request.url.split('?')[0]!;
    if (html && request.method === 'GET' && !/^\/(api|docs|assets)(\/|$)/.test(pathname) && /text\/html/.test(request.headers.accept ?? '')) {
      return reply.status(404).type('text/html; charset=utf-8').send(html);
    }
    const err = commonErrors.notFound(`Route ${request.method} ${pathname}`);
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

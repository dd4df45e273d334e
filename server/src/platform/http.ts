import type { AddressInfo } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isConnectionLoss, retryRead } from './database-hosts.js';
import { DomainError, commonErrors, errorBody, fromPgError, inputErrors, internalErrorBody } from './errors.js';

/**
 * Who may call a route, declared on every route (`config.access`) and published in OpenAPI:
 * 'public' (anyone), 'staff' (any signed-in officer), 'citizen' (a citizen signed in to the portal, a separate identity
 * with its own cookie) or a permission name checked against the officer's roles.
 */
export type RouteAccess = 'public' | 'staff' | 'citizen' | `perm:${string}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * false for a GET that changes something and must not run twice (an identity provider's or a payment gateway's
     * callback): it is not run again when the database connection died under it (installReadRetry).
     */
    readRetry?: boolean;
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

/**
 * Fastify's router answers some errors itself, before any route or error handler (a path parameter over maxParamLength,
 * a malformed percent-encoding), in its own English shape: passed as Fastify's `frameworkErrors` option (app.ts), they
 * get ours — a code and a Vietnamese message — like every other error.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const domain = toDomainError(err) ?? frameworkRefusal(err);
  void sendDomainError(reply, domain);
}

/** When no wait is known (a framework limit), the client is asked to come back in a minute rather than told nothing. */
export const DEFAULT_RETRY_AFTER_S = 60;

/**
 * Sends a domain error. Every 429 and 503 says when to come back (RFC 9110 §10.2.3 Retry-After; RFC 6585 §4 asks a 429
 * to say it): the error's own `retryAfterSeconds`, else DEFAULT_RETRY_AFTER_S.
 */
export function sendDomainError(reply: FastifyReply, domain: DomainError): FastifyReply {
  setRetryAfter(reply, domain);
  return reply.status(domain.status).send(errorBody(domain));
}

/** The Retry-After of a 429 or 503 (see sendDomainError), for handlers that answer in their own format (Open311). */
export function setRetryAfter(reply: FastifyReply, domain: DomainError): void {
  if (domain.status !== 429 && domain.status !== 503) return;
  const retryAfter = domain.details?.retryAfterSeconds;
  reply.header('retry-after', String(typeof retryAfter === 'number' ? Math.max(1, Math.ceil(retryAfter)) : DEFAULT_RETRY_AFTER_S));
}

export function installErrorHandler(app: FastifyInstance): void {
  // PostgreSQL cannot store U+0000 in text: such input is refused at the edge, before anything is read or written.
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.body) || hasNul(request.query) || hasNul(request.params)) throw inputErrors.nul();
  });
  app.setErrorHandler((err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const domain = toDomainError(err);
    if (domain) {
      if (domain.status >= 500) request.log.warn({ err }, domain.code);
      // A refusal that ends (rate limits, growing delays) says when to come back.
      return sendDomainError(reply, domain);
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(internalErrorBody());
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

/** The domain error an error stands for (input, database, framework), or null for a real fault; for plugins with their own error format. */
export function toDomainError(err: FastifyError | Error): DomainError | null {
  if (err instanceof DomainError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return commonErrors.validation(
      // Vietnamese by default, English beside it when the rule has it (platform/validation.ts).
      err.validation.map((v) => {
        const en = (v.params as { messageEn?: unknown } | undefined)?.messageEn;
        return { path: v.instancePath || '/', message: v.message ?? 'Dữ liệu không hợp lệ.', messageEn: typeof en === 'string' ? en : undefined };
      }),
    );
  }
  if (isResponseSerializationError(err)) return null;
  const pgErr = fromPgError(err);
  if (pgErr) return pgErr;
  // The database stayed unreachable through the retries (a failover longer than they wait, pgbouncer with no server):
  // a 503 that says when to come back, not a 500 that looks like a fault of the request.
  if (isConnectionLoss(err)) return databaseUnavailable();
  const fe = err as FastifyError;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return new DomainError('COMMON.TOO_LARGE', 'too_large', 'Dữ liệu gửi lên vượt quá dung lượng cho phép.', 'Payload too large.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new DomainError('COMMON.UNSUPPORTED_MEDIA', 'unsupported', 'Định dạng dữ liệu không được hỗ trợ.', 'Unsupported media type.');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      case 'FST_PARTS_LIMIT':
      case 'FST_FILES_LIMIT':
      case 'FST_FIELDS_LIMIT':
        return inputErrors.badMultipart();
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return inputErrors.badJson();
      case 'FST_ERR_RATE_LIMIT_EXCEEDED':
        return commonErrors.rateLimited(DEFAULT_RETRY_AFTER_S);
      case 'FST_ERR_MAX_PARAM_LENGTH':
        return inputErrors.paramTooLong();
      case 'FST_ERR_BAD_URL':
        return inputErrors.badUrl();
      default:
        return frameworkRefusal(fe);
    }
  }
  return null;
}

/** A 4xx of Fastify or a plugin with no code of ours: its own (English) words go in messageEn. */
function frameworkRefusal(err: Error): DomainError {
  return commonErrors.validation([{ path: '/', message: 'Dữ liệu gửi lên không hợp lệ.', messageEn: err.message }]);
}

export function databaseUnavailable(): DomainError {
  return new DomainError(
    'COMMON.DATABASE_UNAVAILABLE',
    'unavailable',
    'Hệ thống đang chuyển sang máy chủ cơ sở dữ liệu dự phòng, vui lòng thử lại sau ít giây. Nếu vừa gửi một thao tác, hãy tải lại trang để xem thao tác đã được ghi nhận chưa trước khi gửi lại.',
    'The database is unreachable (failover in progress); try again in a few seconds.',
    { retryAfterSeconds: DATABASE_RETRY_AFTER_S },
  );
}
const DATABASE_RETRY_AFTER_S = 5;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/**
 * Runs a GET or HEAD again when it failed because the database connection died (a failover: the pools search for the
 * new primary on the next run), up to five times with a growing pause, so that reading during a failover is a delay,
 * not an error. A route opts out with `config: { readRetry: false }`; a reply already (partly) sent is never re-run.
 * Writes are not retried here: only where idempotency keys make it safe (intakes, retryOnConnectionLoss).
 * Must be installed before the routes are registered (an onRoute hook).
 */
export function installReadRetry(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.every((m) => m === 'GET' || m === 'HEAD') || route.config?.readRetry === false) return;
    const handler = route.handler;
    route.handler = function retried(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const result: unknown = handler.call(this, request, reply);
      // A synchronous handler (a plugin's that answers through reply.send and returns nothing, e.g. the OpenAPI
      // document or a static file) never met the database, and keeps its synchronous contract: wrapped in a promise, its
      // `undefined` made Fastify send a second, empty answer while the first one was still being compressed.
      if (!isThenable(result)) return result;
      return result.then(undefined, (err: unknown) => {
        if (!isConnectionLoss(err) || reply.sent) throw err;
        // The failure just seen counts as the first run, so the pauses and the number of runs are retryRead's own.
        let seen: unknown = err;
        return retryRead(async () => {
          if (seen !== undefined) {
            const first = seen;
            seen = undefined;
            throw first;
          }
          return handler.call(this, request, reply);
        }, () => !reply.sent);
      });
    };
  });
}

/** True when a string, an object key or any nested value contains U+0000. */
export function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000') || hasNul(v, depth + 1)) return true;
  }
  return false;
}

/**
 * One uploaded file (multipart field "file") with the form's other fields, for every upload route. `maxBytes` is
 * enforced while the file streams in (busboy stops reading past it), not after it has been held in memory; a broken or
 * truncated form is a 400, a NUL in a name or field a 400, never a 5xx.
 */
export async function readUpload(
  request: FastifyRequest,
  options: { maxBytes?: number } = {},
): Promise<{ content: Buffer; fileName: string; field: (n: string) => string | undefined }> {
  if (!request.isMultipart()) {
    throw commonErrors.validation([{ path: '/', message: 'Tệp cần được gửi dạng biểu mẫu tải tệp (multipart/form-data).', messageEn: 'A multipart/form-data body is required.' }]);
  }
  try {
    const part = await request.file(options.maxBytes ? { limits: { fileSize: options.maxBytes } } : undefined);
    if (!part) throw commonErrors.validation([{ path: '/file', message: 'Chưa chọn tệp để tải lên.', messageEn: 'No file was sent (multipart field "file").' }]);
    const content = await part.toBuffer();
    const field = (name: string) => {
      const f = part.fields[name];
      return f && !Array.isArray(f) && f.type === 'field' ? String(f.value) : undefined;
    };
    const names = Object.values(part.fields).flatMap((f) => (Array.isArray(f) ? f : [f])).map((f) => (f && f.type === 'field' ? String(f.value) : ''));
    if (hasNul(part.filename) || names.some((v) => hasNul(v))) throw inputErrors.nul();
    return { content, fileName: part.filename, field };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const fe = err as FastifyError;
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) throw err;
    // busboy's "Unexpected end of form", "Malformed part header" and the like carry no status.
    throw inputErrors.badMultipart();
  }
}

/** `Content-Disposition` for a file the server hands out: always a download, never rendered in the app's origin. */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii || 'tep'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** This server's own listening address (for calls to itself), never taken from a request's Host header. */
export function listeningOrigin(app: FastifyInstance): string | null {
  const address = app.server.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') return null;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Whether the client asked for no representation of what it changed (RFC 7240 `Prefer: return=minimal`): the console
 * sends it where it reloads the page anyway, so the server does not build an answer nobody reads (a dossier's whole view
 * costs about as much server CPU as the step transition itself, issue 12). Preference names are case-insensitive and
 * only the first `return` counts (RFC 7240 §2); without the header the answer is the representation, as before.
 */
export function prefersMinimal(prefer: string | string[] | undefined): boolean {
  for (const preference of (Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '')).split(',')) {
    const [name = '', value = ''] = (preference.split(';')[0] ?? '').split('=').map((s) => s.trim());
    if (name.toLowerCase() === 'return') return value.replace(/^"(.*)"$/, '$1') === 'minimal';
  }
  return false;
}

/**
 * The answer to a change made with `Prefer: return=minimal`, saying the preference was applied: 204 without a body, or
 * the minimal body given (an intake's receipt) with the status already set.
 */
export function sendMinimal(reply: FastifyReply, body?: unknown): FastifyReply {
  reply.header('preference-applied', 'return=minimal');
  return body === undefined ? reply.status(204).send(null) : reply.send(body);
}

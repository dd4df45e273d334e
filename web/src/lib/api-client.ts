import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema.js';
import { getLang } from './i18n.js';

/** The body of every 4xx answer of the API (server/src/platform/error-schema.ts). */
export type ApiErrorBody = { code: string; message: string; messageEn: string; details?: Record<string, unknown> };

/** An API failure; `message` is the server's Vietnamese message (or English when the console is in English). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(getLang() === 'en' ? messageEn : messageVi);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from sign-in or /auth/me); every non-GET request echoes it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

/** Fired when a signed-in request comes back 401 (session expired or signed out elsewhere). */
export const SESSION_LOST_EVENT = 'motcua:session-lost';

const sessionMiddleware: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && csrfToken !== null && !new URL(request.url).pathname.startsWith('/api/auth/')) {
      window.dispatchEvent(new Event(SESSION_LOST_EVENT));
    }
    return response;
  },
};

/** Typed from the server's OpenAPI document (npm run api:types), never by hand. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrfMiddleware, sessionMiddleware);

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Turns an openapi-fetch result into its data, or throws an ApiError carrying the server's message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.', 'Cannot reach the server.');
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  if (isErrorBody(error)) throw new ApiError(response.status, error.code, error.message, error.messageEn ?? error.message, error.details);
  throw new ApiError(response.status, 'HTTP', `Lỗi máy chủ (${response.status}).`, `Server error (${response.status}).`);
}

/** The user-facing text of any error, with the validation issues the server listed. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const issues = err.details?.issues;
    if (Array.isArray(issues) && issues.length > 0) {
      const list = issues
        .slice(0, 5)
        // Each issue comes in both languages (server/src/platform/validation.ts): the console's language picks.
        .map((i: { path?: string; message?: string; messageEn?: string }) => `${i.path ?? ''} ${(getLang() === 'en' ? i.messageEn : undefined) ?? i.message ?? ''}`.trim())
        .join('; ');
      return `${err.message} (${list})`;
    }
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

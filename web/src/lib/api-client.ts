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

type Issue = { path?: string; message?: string; messageEn?: string };

/** The problems of refused input the server listed (`details.issues`), each in the console's language. */
function issuesOf(err: ApiError): { path: string; text: string }[] {
  const issues = err.details?.issues;
  if (!Array.isArray(issues)) return [];
  // Each issue comes in both languages (server/src/platform/errors.ts): the console's language picks.
  return (issues as Issue[]).map((i) => ({ path: i.path ?? '', text: (getLang() === 'en' ? i.messageEn : undefined) ?? i.message ?? '' }));
}

/**
 * The user-facing text of any error. For refused input the server's message already says the first problem and its
 * field ("Số điện thoại: …"); the next ones follow it, so an officer fixes everything in one go.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const rest = issuesOf(err).slice(1, 5);
    return rest.length > 0 ? `${err.message} ${rest.map((i) => `${i.path}: ${i.text}`).join('; ')}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * A refusal's problems as antd `form.setFields` entries, for a form whose field names mirror the request body: the
 * issue at "/applicant/phone" is said under the field ['applicant', 'phone']. Names the form lacks are ignored by antd.
 * `rename` gives the form's name of a request path where they differ ({ '/sender/phone': 'phone' }).
 */
export function issueFields(err: unknown, rename: Readonly<Record<string, string>> = {}): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const byPath = new Map<string, string[]>();
  for (const i of issuesOf(err)) if (i.path.length > 1) byPath.set(i.path, [...(byPath.get(i.path) ?? []), i.text]);
  return [...byPath].map(([path, errors]) => ({
    name: rename[path] !== undefined ? [rename[path]] : path.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    errors,
  }));
}

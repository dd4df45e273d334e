import createClient from 'openapi-fetch';
import type { paths } from '../../../web/src/lib/api-schema.js';

/** The public API, typed from the server's OpenAPI document (the console generates the types: npm run api:types). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** An API failure with the server's Vietnamese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** What the server found wrong in each field of the request (COMMON.VALIDATION): `path` like "/from". */
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.');
  }
  if (result.response.ok) return result.data as T;
  const body = result.error as { message?: unknown; details?: { issues?: unknown } } | undefined;
  const issues = Array.isArray(body?.details?.issues)
    ? (body.details.issues as unknown[]).flatMap((i) => {
        const it = i as { path?: unknown; message?: unknown };
        return typeof it.path === 'string' && typeof it.message === 'string' ? [{ path: it.path, message: it.message }] : [];
      })
    : [];
  throw new ApiError(result.response.status, typeof body?.message === 'string' ? body.message : `Lỗi máy chủ (${result.response.status}).`, issues);
}

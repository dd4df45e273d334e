import { ApiError, api, setCsrfToken, unwrap } from '../../../lib/api-client.js';
import type { Me } from './sign-in.js';

/** GET /api/auth/me — the current officer, or null when not signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    const me = await unwrap(api.GET('/api/auth/me'));
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

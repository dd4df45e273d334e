import { api, setCsrfToken, unwrap } from '../../../lib/api-client.js';

/** POST /api/auth/logout — ends the session on the server. */
export async function signOut(): Promise<void> {
  await unwrap(api.POST('/api/auth/logout'));
  setCsrfToken(null);
}

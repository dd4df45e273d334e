import type { paths } from '../../../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../../../lib/api-client.js';

export type RateableDossier = paths['/api/satisfaction/public/dossier']['post']['responses'][200]['content']['application/json'];
export type RatingBody = paths['/api/satisfaction/kiosk/ratings']['post']['requestBody']['content']['application/json'];
export type Scores = RatingBody['scores'];
export type Score = Scores['i1'];
type Me = paths['/api/auth/login']['post']['responses'][200]['content']['application/json'];

const KIOSK_HEADER = 'x-kiosk-token';

export function getRateable(code: string, secret: string): Promise<RateableDossier> {
  return unwrap(api.POST('/api/satisfaction/public/dossier', { body: { code, secret } }));
}

export function ratePortal(code: string, secret: string, rating: Omit<RatingBody, 'code'>) {
  return unwrap(api.POST('/api/satisfaction/public/ratings', { body: { code, secret, ...rating } }));
}

export function kioskMe(token: string) {
  return unwrap(api.GET('/api/satisfaction/kiosk/me', { headers: { [KIOSK_HEADER]: token } }));
}

export function kioskDossier(token: string, code: string): Promise<RateableDossier> {
  return unwrap(api.GET('/api/satisfaction/kiosk/dossier', { params: { query: { code } }, headers: { [KIOSK_HEADER]: token } }));
}

export function rateKiosk(token: string, body: RatingBody) {
  return unwrap(api.POST('/api/satisfaction/kiosk/ratings', { body, headers: { [KIOSK_HEADER]: token } }));
}

/**
 * Pairing a tablet: a desk officer signs in once on it, the kiosk is created for the unit where they receive dossiers,
 * then the officer's session is closed; the tablet keeps only the kiosk token.
 */
export async function pairKiosk(username: string, password: string, name: string): Promise<string> {
  const me: Me = await unwrap(api.POST('/api/auth/login', { body: { username, password } }));
  try {
    const grant = me.grants.find((g) => g.role === 'desk_officer');
    if (!grant) throw new Error('Tài khoản này không phải cán bộ Bộ phận Một cửa.');
    const kiosk = await unwrap(api.POST('/api/satisfaction/kiosks', { body: { unitId: grant.unitId, name }, headers: { 'x-csrf-token': me.csrfToken } }));
    return kiosk.token;
  } finally {
    await api.POST('/api/auth/logout', { headers: { 'x-csrf-token': me.csrfToken } }).catch(() => undefined);
  }
}

/** The signed-in citizen's own dossier: rateable, already rated (GET /api/citizen/dossiers/:id/rating). */
export function getOwnRateable(dossierId: string): Promise<RateableDossier> {
  return unwrap(api.GET('/api/citizen/dossiers/{id}/rating', { params: { path: { id: dossierId } } }));
}

/** The signed-in citizen rates their own dossier; `headers` carries the session's CSRF token. */
export function rateOwn(dossierId: string, rating: Omit<RatingBody, 'code'>, headers: Record<string, string>) {
  return unwrap(api.POST('/api/citizen/dossiers/{id}/rating', { params: { path: { id: dossierId } }, body: rating, headers }));
}

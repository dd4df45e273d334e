import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

/** The information portal's console API (server/src/modules/info-portal/portal.routes.ts), one function per call. */
export type SiteInput = BodyOf<'/api/info-portal/sites/{unitId}', 'put'>;
export type Member = ResponseOf<'/api/info-portal/sites/{unitId}/members', 'get'>[number];
export type Article = ResponseOf<'/api/info-portal/articles/{id}', 'get'>;
export type ArticleListItem = ResponseOf<'/api/info-portal/sites/{unitId}/articles', 'get'>[number];
export type ArticleInput = BodyOf<'/api/info-portal/sites/{unitId}/articles', 'post'>;
export type Outage = ResponseOf<'/api/info-portal/sites/{unitId}/outages', 'get'>[number];
export type Media = ResponseOf<'/api/info-portal/sites/{unitId}/media', 'post'>;
export type ArticleAction = 'submit' | 'approve' | 'reject' | 'unpublish';

const unit = (unitId: string) => ({ params: { path: { unitId } } });
const byId = (id: string) => ({ params: { path: { id } } });

export const listMySites = () => unwrap(api.GET('/api/info-portal/sites'));
export const getSite = (unitId: string) => unwrap(api.GET('/api/info-portal/sites/{unitId}', unit(unitId)));
export const saveSite = (unitId: string, body: SiteInput) => unwrap(api.PUT('/api/info-portal/sites/{unitId}', { ...unit(unitId), body }));
export const listMembers = (unitId: string) => unwrap(api.GET('/api/info-portal/sites/{unitId}/members', unit(unitId)));
export const addMember = (unitId: string, username: string, role: 'editor' | 'reviewer') =>
  unwrap(api.POST('/api/info-portal/sites/{unitId}/members', { ...unit(unitId), body: { username, role } }));
export const removeMember = (unitId: string, userId: string, role: 'editor' | 'reviewer') =>
  unwrap(api.DELETE('/api/info-portal/sites/{unitId}/members/{userId}/{role}', { params: { path: { unitId, userId, role } } }));
export const listCategories = (unitId: string) => unwrap(api.GET('/api/info-portal/sites/{unitId}/categories', unit(unitId)));
export const listArticles = (unitId: string) => unwrap(api.GET('/api/info-portal/sites/{unitId}/articles', unit(unitId)));
export const createArticle = (unitId: string, body: ArticleInput) => unwrap(api.POST('/api/info-portal/sites/{unitId}/articles', { ...unit(unitId), body }));
export const getArticle = (id: string) => unwrap(api.GET('/api/info-portal/articles/{id}', byId(id)));
export const updateArticle = (id: string, body: ArticleInput & { expectedVersion: number }) => unwrap(api.PUT('/api/info-portal/articles/{id}', { ...byId(id), body }));
export const actOnArticle = (id: string, action: ArticleAction, note?: string) =>
  unwrap(api.POST('/api/info-portal/articles/{id}/actions', { ...byId(id), body: { action, ...(note ? { note } : {}) } }));
export const listVersions = (id: string) => unwrap(api.GET('/api/info-portal/articles/{id}/versions', byId(id)));
export const listComments = (unitId: string) => unwrap(api.GET('/api/info-portal/sites/{unitId}/comments', { params: { path: { unitId }, query: { status: 'pending' } } }));
export const moderateComment = (id: string, decision: 'approved' | 'rejected') => unwrap(api.POST('/api/info-portal/comments/{id}/moderation', { ...byId(id), body: { decision } }));
export const listOutages = (unitId: string) => unwrap(api.GET('/api/info-portal/sites/{unitId}/outages', unit(unitId)));
export const announceOutage = (unitId: string, body: { startsAt: string; endsAt: string; reason: string }) =>
  unwrap(api.POST('/api/info-portal/sites/{unitId}/outages', { ...unit(unitId), body }));
export const cancelOutage = (id: string) => unwrap(api.DELETE('/api/info-portal/outages/{id}', byId(id)));

/** POST /api/info-portal/sites/:unitId/media (multipart "file"): an image is resized on the server. */
export function uploadMedia(unitId: string, file: File): Promise<Media> {
  const form = new FormData();
  form.append('file', file);
  return unwrap(api.POST('/api/info-portal/sites/{unitId}/media', { ...unit(unitId), body: form as never, bodySerializer: (b: unknown) => b as FormData }));
}

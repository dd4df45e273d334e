import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, QueryOf, ResponseOf } from '../../../lib/api-types.js';

export type QueueRow = ResponseOf<'/api/feedback', 'get'>['items'][number];
export type QueueQuery = QueryOf<'/api/feedback', 'get'>;
export type Item = ResponseOf<'/api/feedback/{id}', 'get'>;
export type RecordInput = BodyOf<'/api/feedback/record', 'post'>;
export type ClassifyInput = BodyOf<'/api/feedback/{id}/classify', 'post'>;
export type Similar = ResponseOf<'/api/feedback/similar', 'post'>['items'][number];

/** GET /api/feedback — the items held in the officer's units, soonest deadline first. */
export const listQueue = (query: QueueQuery) => unwrap(api.GET('/api/feedback', { params: { query } }));
/** An attachment of an item, served to officers in scope like a dossier's files (a plain link: the session cookie is the proof). */
export const feedbackFileUrl = (id: string, sha256: string) => `/api/feedback/${encodeURIComponent(id)}/files/${sha256}`;
export const getItem = (id: string) => unwrap(api.GET('/api/feedback/{id}', { params: { path: { id } } }));
export const recordFeedback = (body: RecordInput) => unwrap(api.POST('/api/feedback/record', { body }));
export const similarTo = (unitId: string, text: string) => unwrap(api.POST('/api/feedback/similar', { body: { unitId, text, procedureId: null } }));
export const classify = (id: string, body: ClassifyInput) => unwrap(api.POST('/api/feedback/{id}/classify', { params: { path: { id } }, body }));

type TextStep = '/api/feedback/{id}/request-info' | '/api/feedback/{id}/draft' | '/api/feedback/{id}/return';
type PlainStep = '/api/feedback/{id}/approve' | '/api/feedback/{id}/publish' | '/api/feedback/{id}/resume';
export const textStep = (path: TextStep, id: string, text: string) => unwrap(api.POST(path, { params: { path: { id } }, body: { text } }));
export const plainStep = (path: PlainStep, id: string) => unwrap(api.POST(path, { params: { path: { id } }, body: {} }));

/** POST /api/feedback/attachments (multipart field "file"): the scanned letter or a photo, checked by content; referred to by its sha256. */
export function uploadAttachment(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(api.POST('/api/feedback/attachments', { body: form as never, bodySerializer: (body: unknown) => body as FormData }));
}

export type Open311Client = ResponseOf<'/api/feedback/open311-clients', 'get'>['items'][number];
/** The Open311 clients of the units the administrator manages; issue a key (shown once); revoke one. */
export const listOpen311Clients = () => unwrap(api.GET('/api/feedback/open311-clients'));
export const createOpen311Client = (body: BodyOf<'/api/feedback/open311-clients', 'post'>) => unwrap(api.POST('/api/feedback/open311-clients', { body }));
export const revokeOpen311Client = (id: string) => unwrap(api.POST('/api/feedback/open311-clients/{id}/revoke', { params: { path: { id } } }));

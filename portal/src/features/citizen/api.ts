import type { paths } from '../../../../web/src/lib/api-schema.js';
import { api, ApiError, unwrap } from '../../lib/api-client.js';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

export type CitizenMe = Json<'/api/citizen/me', 'get'>;
export type Profile = Json<'/api/citizen/me', 'patch'>;
export type StoreDocument = Json<'/api/citizen/documents', 'get'>[number];
export type SubmissionStart = Json<'/api/citizen/submissions/{procedureId}', 'get'>;
export type Draft = SubmissionStart['draft'];
export type MyDossierItem = Json<'/api/citizen/dossiers', 'get'>[number];
export type MyDossier = Json<'/api/citizen/dossiers/{id}', 'get'>;
export type DossierView = Json<'/api/citizen/dossiers/{id}/views', 'get'>[number];
export type ChannelSettings = Json<'/api/citizen/notification-preferences', 'get'>;
export type PortalNotices = Json<'/api/citizen/notices', 'get'>;

/** The citizen session's CSRF token, echoed on every state-changing request (kept in memory only). */
let csrf = '';
/**
 * GET /api/citizen/me while it is on its way: the header and the procedure page's version choice ask at the same moment
 * when a page opens, and share one request (issue 12: no answer fetched twice on the first load). Forgotten once
 * answered, and whenever a request may change the session or the profile (every state-changing call sends `headers()`;
 * signing in, registering and recovering set the token), so no caller gets an answer older than its own change.
 */
let pendingMe: Promise<CitizenMe | null> | null = null;
const headers = () => {
  pendingMe = null;
  return { 'x-csrf-token': csrf };
};
/** For blocks other capabilities add under the citizen's dossier (rating): the session's CSRF header. */
export const csrfHeaders = (): Record<string, string> => headers();

export function getMe(): Promise<CitizenMe | null> {
  if (pendingMe) return pendingMe;
  const asked: Promise<CitizenMe | null> = unwrap(api.GET('/api/citizen/me')).then(
    (me) => {
      csrf = me.csrfToken;
      if (pendingMe === asked) pendingMe = null;
      return me;
    },
    (err: unknown) => {
      if (pendingMe === asked) pendingMe = null;
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    },
  );
  pendingMe = asked;
  return asked;
}

export const getAuthOptions = () => unwrap(api.GET('/api/citizen/auth/options'));
export const getNationalSsoOptions = () => unwrap(api.GET('/api/national-sso/options'));

export async function signIn(identifier: string, password: string): Promise<CitizenMe> {
  const me = await unwrap(api.POST('/api/citizen/auth/login', { body: { identifier, password } }));
  pendingMe = null;
  csrf = me.csrfToken;
  return me;
}

/** Registration, step 1: nothing is created yet; a code goes to the phone or e-mail (the answer is the same for a taken one). */
export const register = (body: paths['/api/citizen/auth/register']['post']['requestBody']['content']['application/json']) => unwrap(api.POST('/api/citizen/auth/register', { body }));
export type CodeSent = Awaited<ReturnType<typeof register>>;

/** Registration, step 2: the code creates the account and signs in. */
export async function confirmRegistration(identifier: string, code: string): Promise<CitizenMe> {
  const me = await unwrap(api.POST('/api/citizen/auth/register/confirm', { body: { identifier, code } }));
  pendingMe = null;
  csrf = me.csrfToken;
  return me;
}

/** "Quên mật khẩu": a code to the phone or e-mail the citizen signs in with, then a new password with it. */
export const askRecoveryCode = (identifier: string) => unwrap(api.POST('/api/citizen/auth/recovery', { body: { identifier } }));
export async function recoverPassword(identifier: string, code: string, password: string): Promise<CitizenMe> {
  const me = await unwrap(api.POST('/api/citizen/auth/recovery/confirm', { body: { identifier, code, password } }));
  pendingMe = null;
  csrf = me.csrfToken;
  return me;
}

export const signOut = () => unwrap(api.POST('/api/citizen/auth/logout', { headers: headers() }));
export const updateProfile = (body: paths['/api/citizen/me']['patch']['requestBody']['content']['application/json']) => unwrap(api.PATCH('/api/citizen/me', { body, headers: headers() }));
/** A new phone or e-mail: a code goes to it, and the code sets it (the profile's PATCH cannot change them). */
export const askContactCode = (kind: 'phone' | 'email', value: string) => unwrap(api.POST('/api/citizen/me/contact', { body: { kind, value }, headers: headers() }));
export const confirmContact = (kind: 'phone' | 'email', value: string, code: string) =>
  unwrap(api.POST('/api/citizen/me/contact/confirm', { body: { kind, value, code }, headers: headers() }));
/** The signed-in citizen's own feedback (phản ánh, kiến nghị): their account is the proof. */
export type MyFeedback = Json<'/api/feedback/citizen/mine', 'get'>['items'][number];
export const sendMyFeedback = (body: paths['/api/feedback/citizen']['post']['requestBody']['content']['application/json']) =>
  unwrap(api.POST('/api/feedback/citizen', { body, headers: headers() }));
export const myFeedback = () => unwrap(api.GET('/api/feedback/citizen/mine'));
export const myFeedbackItem = (id: string) => unwrap(api.GET('/api/feedback/citizen/{id}', { params: { path: { id } } }));
export const rateMyFeedback = (id: string, satisfied: boolean, comment: string | null) =>
  unwrap(api.POST('/api/feedback/citizen/{id}/rate', { params: { path: { id } }, body: { satisfied, comment }, headers: headers() }));
export const reopenMyFeedback = (id: string, text: string) => unwrap(api.POST('/api/feedback/citizen/{id}/reopen', { params: { path: { id } }, body: { text }, headers: headers() }));
/** The routing letter (PDF) of the citizen's own complaint or denunciation: a plain link, their session is the proof. */
export const myFeedbackLetterUrl = (id: string) => `/api/feedback/citizen/${id}/letter.pdf`;
export const supplyMyFeedback = (id: string, text: string) => unwrap(api.POST('/api/feedback/citizen/{id}/supply', { params: { path: { id } }, body: { text }, headers: headers() }));
export const listStore = () => unwrap(api.GET('/api/citizen/documents'));
/** Takes a document out of the store; a dossier already submitted with it keeps its own copy. Returns the store. */
export const deleteFromStore = (id: string) => unwrap(api.DELETE('/api/citizen/documents/{id}', { params: { path: { id } }, headers: headers() }));
export const startSubmission = (procedureId: string) => unwrap(api.GET('/api/citizen/submissions/{procedureId}', { params: { path: { procedureId } } }));
export const saveDraft = (procedureId: string, body: Draft) =>
  unwrap(api.PUT('/api/citizen/submissions/{procedureId}/draft', { params: { path: { procedureId } }, body, headers: headers() }));
export const submitDossier = (body: paths['/api/citizen/dossiers']['post']['requestBody']['content']['application/json']) =>
  unwrap(api.POST('/api/citizen/dossiers', { body, headers: headers() }));
export const listMyDossiers = () => unwrap(api.GET('/api/citizen/dossiers'));
export const getMyDossier = (id: string) => unwrap(api.GET('/api/citizen/dossiers/{id}', { params: { path: { id } } }));
/** Who looked at the personal data in the citizen's dossier, and when (ND 13/2023). */
export const getDossierViews = (id: string) => unwrap(api.GET('/api/citizen/dossiers/{id}/views', { params: { path: { id } } }));
/** The fee of the citizen's own dossier and whether it is paid; and starting to pay it (also before acceptance). */
export const getMyFee = (id: string) => unwrap(api.GET('/api/citizen/dossiers/{id}/fee', { params: { path: { id } } }));
export const payMyDossier = (id: string, method: 'vnpay' | 'vietqr' | 'paygov') =>
  unwrap(api.POST('/api/citizen/dossiers/{id}/payments', { params: { path: { id } }, body: { method }, headers: headers() }));
export type StartedPayment = Awaited<ReturnType<typeof payMyDossier>>;

/** Asks for the result by post (QĐ 45/2016), until it is handed out. */
export const chooseResultByPost = (id: string, address: string, phone: string | null) =>
  unwrap(api.POST('/api/citizen/dossiers/{id}/result-by-post', { params: { path: { id } }, body: { address, phone }, headers: headers() }));
export const answerSupplement = (id: string, documents: { name: string; sha256: string }[], note: string | null) =>
  unwrap(api.POST('/api/citizen/dossiers/{id}/supplement', { params: { path: { id } }, body: { documents, note }, headers: headers() }));

/** Adds a file to the store (multipart); returns the store with it. */
export async function uploadToStore(file: File, name: string): Promise<StoreDocument[]> {
  const form = new FormData();
  form.append('name', name);
  form.append('file', file);
  const res = await fetch('/api/citizen/documents', { method: 'POST', body: form, headers: headers(), credentials: 'same-origin' });
  const body = (await res.json()) as StoreDocument[] | { message?: string };
  if (!res.ok) throw new ApiError(res.status, !Array.isArray(body) && body.message ? body.message : `Lỗi máy chủ (${res.status}).`);
  return body as StoreDocument[];
}

export const storeFileUrl = (id: string) => `/api/citizen/documents/${id}/file`;
export const dossierFileUrl = (id: string, sha256: string) => `/api/citizen/dossiers/${id}/files/${sha256}`;
export const oidcStartUrl = (returnTo: string) => `/api/citizen/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`;
/** Single sign-on with the account of the national public-service portal (Cổng DVCQG). */
export const nationalSsoStartUrl = (returnTo: string) => `/api/national-sso/start?target=citizen&returnTo=${encodeURIComponent(returnTo)}`;

/** The declaration written from the online answers (the saved draft before submitting, or a submitted dossier). */
export const declarationUrl = (procedureId: string, format: 'pdf' | 'docx') => `/api/citizen/submissions/${procedureId}/declaration?format=${format}`;
export const dossierDeclarationUrl = (dossierId: string, format: 'pdf' | 'docx') => `/api/citizen/dossiers/${dossierId}/declaration?format=${format}`;

/** The citizen's store on the national portal (Kho, ND 45/2020 Điều 16) and taking one of its documents into a dossier. */
export const listNationalStore = () => unwrap(api.GET('/api/citizen/national-store'));
export type NationalStoreItem = Json<'/api/citizen/national-store', 'get'>['items'][number];
/** The "Kho dữ liệu" page's one list: the local store and the national store's documents, each once. */
export const listKho = () => unwrap(api.GET('/api/citizen/kho'));
export type KhoView = Json<'/api/citizen/kho', 'get'>;
export type KhoItem = KhoView['items'][number];
export const takeFromNationalStore = (storeId: string) =>
  unwrap(api.POST('/api/citizen/national-store/{storeId}/take', { params: { path: { storeId } }, headers: headers() }));

/** "Lấy từ CSDL quốc gia về dân cư": the citizen consents in this request; the look-up is logged. */
/** The e-form's look-up, for the procedure being submitted and the unit chosen to resolve it (both logged). */
export const lookUpPopulation = (purpose: string, place: { procedureId: string; unitId: string }) =>
  unwrap(api.POST('/api/citizen/population/lookup', { body: { purpose, consent: true, ...place }, headers: headers() }));

export const getChannelSettings = () => unwrap(api.GET('/api/citizen/notification-preferences'));
export const saveChannelSettings = (body: { email: boolean; sms: boolean; zalo: boolean }) =>
  unwrap(api.PUT('/api/citizen/notification-preferences', { body, headers: headers() }));
export const getNotices = () => unwrap(api.GET('/api/citizen/notices'));
export const markNoticesRead = () => unwrap(api.POST('/api/citizen/notices/read', { headers: headers() }));

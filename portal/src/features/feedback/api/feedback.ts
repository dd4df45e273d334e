import { api, unwrap } from '../../../lib/api-client.js';
import type { paths } from '../../../../../web/src/lib/api-schema.js';

export type SendInput = paths['/api/feedback/public']['post']['requestBody']['content']['application/json'];
export type SenderView = Awaited<ReturnType<typeof track>>;
export type RegisterPage = Awaited<ReturnType<typeof searchRegister>>;
export type Receipt = Awaited<ReturnType<typeof sendFeedback>>;

export const getOptions = () => unwrap(api.GET('/api/feedback/public/options'));
export const getUnits = () => unwrap(api.GET('/api/feedback/public/units'));
export const findSimilar = (unitId: string, text: string) => unwrap(api.POST('/api/feedback/public/similar', { body: { unitId, text, procedureId: null } }));
export const sendFeedback = (body: SendInput) => unwrap(api.POST('/api/feedback/public', { body }));
export const track = (code: string, phone: string) => unwrap(api.POST('/api/feedback/public/track', { body: { code, phone } }));
export const rate = (code: string, phone: string, satisfied: boolean, comment: string | null) => unwrap(api.POST('/api/feedback/public/rate', { body: { code, phone, satisfied, comment } }));
export const reopen = (code: string, phone: string, text: string) => unwrap(api.POST('/api/feedback/public/reopen', { body: { code, phone, text } }));
export const supply = (code: string, phone: string, text: string) => unwrap(api.POST('/api/feedback/public/supply', { body: { code, phone, text } }));
export const searchRegister = (query: { q?: string; code?: string; kind?: 'feedback' | 'question'; unitId?: string; procedureId?: string; from?: string; to?: string; after?: string }) =>
  unwrap(api.GET('/api/feedback/public/register', { params: { query: { ...query, limit: 20 } } }));

/** Uploads one attachment; the server checks its content (PDF, JPEG, PNG, Office documents). */
export async function uploadAttachment(file: File): Promise<{ sha256: string; fileName: string }> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch('/api/feedback/public/attachments', { method: 'POST', body: form, credentials: 'same-origin' });
  const body = (await res.json()) as { sha256?: string; fileName?: string; message?: string };
  if (!res.ok || !body.sha256) throw new Error(body.message ?? `Lỗi máy chủ (${res.status}).`);
  return { sha256: body.sha256, fileName: body.fileName ?? file.name };
}

/** The letter saying where a complaint or denunciation goes (PDF), proven by number + phone; saved as a file. */
export async function downloadLetter(code: string, phone: string): Promise<void> {
  const res = await fetch('/api/feedback/public/letter.pdf', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, phone }), credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `Lỗi máy chủ (${res.status}).`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `huong-dan-${code}.pdf`;
  a.click();
  URL.revokeObjectURL(url);
}

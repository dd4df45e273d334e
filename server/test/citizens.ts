import type { FastifyInstance } from 'fastify';
import { otpInbox, type Session } from './app.js';

/**
 * Registers a citizen with a password — the form, then the code sent to their phone or e-mail — and returns their
 * portal session (cookie mc_citizen + CSRF), usable with injectAs. The CCCD stays unverified.
 */
export async function registerCitizen(
  app: FastifyInstance,
  p: { identifier: string; idNumber: string; fullName: string; birthDate: string; gender?: 'male' | 'female'; password?: string },
): Promise<Session & { id: string }> {
  const asked = await app.inject({ method: 'POST', url: '/api/citizen/auth/register', payload: { password: CITIZEN_PASSWORD, gender: null, ...p } });
  if (asked.statusCode !== 202) throw new Error(`register ${p.identifier} failed: ${asked.statusCode} ${asked.body}`);
  const code = otpInbox(app).lastCode(p.identifier);
  const res = await app.inject({ method: 'POST', url: '/api/citizen/auth/register/confirm', payload: { identifier: p.identifier, code } });
  if (res.statusCode !== 201) throw new Error(`register ${p.identifier} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'mc_citizen')!;
  const body = res.json() as { id: string; csrfToken: string };
  return { cookie: `mc_citizen=${cookie.value}`, csrf: body.csrfToken, id: body.id };
}

/** Gives a signed-in citizen a new phone or e-mail the way the portal does: a code to the new value, then the code back. */
export async function changeContact(app: FastifyInstance, s: Session, kind: 'phone' | 'email', value: string): Promise<void> {
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  const asked = await app.inject({ method: 'POST', url: '/api/citizen/me/contact', headers, payload: { kind, value } });
  if (asked.statusCode !== 202) throw new Error(`contact ${value}: ${asked.statusCode} ${asked.body}`);
  const code = otpInbox(app).lastCode(value);
  const res = await app.inject({ method: 'POST', url: '/api/citizen/me/contact/confirm', headers, payload: { kind, value, code } });
  if (res.statusCode !== 200) throw new Error(`contact ${value}: ${res.statusCode} ${res.body}`);
}

export const CITIZEN_PASSWORD = 'Mat-khau-cong-dan-1';

/** A multipart body with one file and text fields, as a browser sends it. */
export function multipart(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----motcua-test';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  return {
    payload: Buffer.concat([
      ...parts,
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
      file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A minimal valid PDF (the server sniffs the content); `title` makes the bytes distinct. */
export const pdf = (title: string) =>
  Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');

/** One entry of a ZIP file (local headers), enough to read a DOCX part. */
export function unzipEntry(zip: Buffer, name: string, inflate: (b: Buffer) => Buffer): string {
  let i = 0;
  while (i < zip.length - 30 && zip.readUInt32LE(i) === 0x04034b50) {
    const method = zip.readUInt16LE(i + 8);
    const size = zip.readUInt32LE(i + 18);
    const nameLen = zip.readUInt16LE(i + 26);
    const extra = zip.readUInt16LE(i + 28);
    const entry = zip.subarray(i + 30, i + 30 + nameLen).toString();
    const start = i + 30 + nameLen + extra;
    if (entry === name) return (method === 8 ? inflate(zip.subarray(start, start + size)) : zip.subarray(start, start + size)).toString('utf8');
    i = start + size;
  }
  throw new Error(`${name} not in zip`);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type TestApp } from './app.js';
import { operationsOf, sample, urlOf, type Operation } from './openapi-sampler.js';
import { buildSecurityFixtures, type Persona } from './security-fixtures.js';
import { APPLICANT } from './dossier-fixtures.js';

/**
 * The authorisation matrix: every operation of the published OpenAPI document × every kind of caller, with real ids
 * of unit A and citizen A. The expected answer comes from the operation's x-access and the caller's scope:
 * - without the identity x-access asks for (no session, a citizen on a staff route, an officer on a citizen route): 401;
 * - an officer without the permission anywhere: 403;
 * - an outsider (another citizen, an officer of another unit, an administrator of another province) on an operation
 *   that names unit A's or citizen A's data: anything but 2xx; on one that names nothing of theirs (lists, own data),
 *   a 2xx that does not contain any of their ids or personal data;
 * - public operations: never personal data of the fixtures (without the tracking secret);
 * - no 5xx for anyone.
 * New routes are covered as soon as they are published; nothing here lists them.
 */
let t: TestApp;
let f: Awaited<ReturnType<typeof buildSecurityFixtures>>;
let ops: Operation[];

beforeAll(async () => {
  // With the application's database rights only, as in production: every route must work without DDL or superuser.
  t = await buildTestApp({ clock: { now: () => new Date('2026-11-25T02:00:00Z') }, asAppRole: true });
  f = await buildSecurityFixtures(t);
  ops = operationsOf(t.app);
}, 120_000);
afterAll(() => t?.close());

type Verdict = { ok: true } | { ok: false; why: string };

function requestFor(op: Operation) {
  const url = urlOf(op, f.bindings);
  const body = op.bodyType === 'application/json' && op.body ? sample(op.body, '', f.bindings, op.path) : undefined;
  return { url, body };
}

/**
 * True when the request names data of unit A or citizen A: a path parameter bound to one of their records, or such an
 * id in the body. Unit ids count only where a permission is held per unit (perm:…): units themselves are public, and
 * a citizen or any officer may name one (to submit there, to compute a due date with its calendar).
 */
function touchesFixtures(op: Operation, url: string, body: unknown): boolean {
  const records = [f.ids.dossier, f.ids.online, f.ids.doc, f.ids.userA, f.ids.adjustmentId, f.ids.kioskId, f.ids.dailyId, f.ids.paymentId, f.ids.fileSha, f.ids.docSha, f.ids.code, f.ids.reference];
  const units = op.access.startsWith('perm:') ? [f.tree.communeA.id, f.tree.deskA.id, f.tree.officeA.id] : [];
  const text = `${url} ${JSON.stringify(body ?? null)}`;
  return [...records, ...units].some((id) => text.includes(encodeURIComponent(id)) || text.includes(id));
}

function judge(op: Operation, p: Persona, status: number, text: string, touches: boolean): Verdict {
  if (status >= 500) return { ok: false, why: `${status} (lỗi máy chủ)` };
  const access = op.access;
  const twoHundred = status >= 200 && status < 300;
  const personal = [APPLICANT.idNumber, APPLICANT.address, APPLICANT.phone, 'HO-SO-RIENG-TU'];
  if (access === 'public') {
    const leak = personal.find((m) => text.includes(m));
    return twoHundred && leak ? { ok: false, why: `public answer carries personal data (${leak})` } : { ok: true };
  }
  if (access === 'citizen') {
    if (p.kind !== 'citizen') return status === 401 ? { ok: true } : { ok: false, why: `expected 401, got ${status}` };
  } else if (p.kind !== 'staff') {
    return status === 401 ? { ok: true } : { ok: false, why: `expected 401, got ${status}` };
  } else if (access.startsWith('perm:') && !p.permissions.includes(access.slice(5))) {
    return status === 403 ? { ok: true } : { ok: false, why: `expected 403 (no ${access.slice(5)}), got ${status}` };
  }
  // Simulators of outside operators (demo only, never mounted in production) stand for no unit.
  if (p.insider || !twoHundred || op.path.includes('-sim/')) return { ok: true };
  if (touches) return { ok: false, why: `outsider got ${status} on unit A's data` };
  const leak = f.markers.find((m) => text.includes(m));
  return leak ? { ok: false, why: `outsider's ${status} answer contains unit A's data (${leak.slice(0, 24)})` } : { ok: true };
}

describe('authorisation matrix from the OpenAPI document', () => {
  it('every operation × every kind of caller gets the answer its x-access and scope allow', async () => {
    expect(ops.length).toBeGreaterThan(100);
    const undeclared = ops.filter((o) => !/^(public|staff|citizen|perm:[a-z.]+)$/.test(o.access)).map((o) => `${o.method} ${o.path}`);
    expect(undeclared).toEqual([]);
    // Outsiders first, while unit A's data is as the fixtures made it; insiders last (their requests may change it).
    // The administrator of unit A goes last (a sampled PATCH /users may end another persona's session), and each
    // persona signs out last of all.
    const insiders = f.personas.filter((p) => p.insider);
    const order = [...f.personas.filter((p) => !p.insider), ...insiders.filter((p) => !p.permissions.includes('users.manage')), ...insiders.filter((p) => p.permissions.includes('users.manage'))];
    const sorted = [...ops.filter((o) => !o.path.endsWith('/logout')), ...ops.filter((o) => o.path.endsWith('/logout'))];
    const failures: string[] = [];
    const counts = { requests: 0, refused401: 0, refused403: 0, otherRefusals: 0, allowed2xx: 0 };
    for (const p of order) {
      for (const op of sorted) {
        const { url, body } = requestFor(op);
        const res = await injectAs(t.app, p.session, { method: op.method as 'GET', url, ...(body !== undefined ? { payload: body as object } : {}) });
        counts.requests++;
        if (res.statusCode === 401) counts.refused401++;
        else if (res.statusCode === 403) counts.refused403++;
        else if (res.statusCode >= 200 && res.statusCode < 300) counts.allowed2xx++;
        else counts.otherRefusals++;
        const v = judge(op, p, res.statusCode, res.body, touchesFixtures(op, url, body));
        if (!v.ok) failures.push(`${p.name} · ${op.method} ${op.path} → ${v.why}`);
      }
    }
    process.stdout.write(
      `[ma trận phân quyền / authorisation matrix] ${ops.length} thao tác × ${f.personas.length} vai = ${counts.requests} yêu cầu; ` +
        `401: ${counts.refused401}, 403: ${counts.refused403}, từ chối khác/other 4xx: ${counts.otherRefusals}, 2xx được phép/allowed: ${counts.allowed2xx}; sai/failures: ${failures.length}\n`,
    );
    expect(failures).toEqual([]);
  }, 180_000);
});

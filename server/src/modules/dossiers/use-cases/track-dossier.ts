import { countSecurityEvent } from '../../../platform/security-events.js';
import { addressKey } from '../../../platform/client-address.js';
import { z } from 'zod';
import type { AppConfig } from '../../../platform/config.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/database.js';
import { countFailure, guardedAttempt, secondsUntil, type GuardPolicy, type RateLimit } from '../../../platform/rate-limit.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { dossierErrors } from '../dossier.errors.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { overdueNow, statusLabels, type DossierStatus } from '../dossier.rules.js';
import { citizenTimelineOf, citizenTimelineSql, type TimelineFacts } from '../dossier.repo.js';
import { parseTrackingInput, submissionReference, type TrackingKey } from '../tracking-code.rules.js';

/**
 * The SQL condition finding a dossier from what the citizen typed or scanned (tracking-code.rules.ts): the code on its
 * letters and digits only — ours, or the one the national portal gave a dossier submitted there (MaHoSo: the citizen
 * holds that one, QĐ 31/2021 Điều 30) — or the submission reference; each uses an index (migrations 20261203150000,
 * 20261208020000).
 */
function lookupWhere(kind: TrackingKey['kind'], p: string): string {
  return kind === 'reference'
    ? `left(d.id::text, 11) = ${p}`
    : `d.id IN (SELECT x.id FROM dossier x WHERE regexp_replace(x.code, '[^0-9A-Z]', '', 'g') = ${p} AND x.code IS NOT NULL
                UNION SELECT n.dossier_id FROM national_dossier n WHERE regexp_replace(upper(n.ma_ho_so), '[^0-9A-Z]', '', 'g') = ${p})`;
}

/**
 * The look-up's candidates (`guardedAttempt`): the dossiers the typed code or reference finds, whether the secret is
 * right for each, and what the caller reads of the one proved. Built once per kind of key and reading (issue 12).
 */
function candidatesSql(kind: TrackingKey['kind'], readSql: string, first: number): string {
  const byRead = candidateTexts[kind];
  let built = byRead.get(readSql);
  if (built?.first !== first) {
    const matches = trackingSecretCheck('', first + 1).matches(`d.applicant->>'idNumber'`, `d.applicant->>'phone'`);
    built = {
      first,
      sql: `SELECT x.ok, json_build_object('id', d.id, 'code', d.code, 'paths', array[d.receiving_path, d.resolving_path],
                                           'read', CASE WHEN x.ok THEN ${readSql} END) AS row
              FROM (SELECT d.id, ${matches} AS ok FROM dossier d WHERE ${lookupWhere(kind, `$${first}`)} LIMIT 5) x
              JOIN dossier d ON d.id = x.id`,
    };
    byRead.set(readSql, built);
  }
  return built.sql;
}
const candidateTexts: Record<TrackingKey['kind'], Map<string, { first: number; sql: string }>> = { reference: new Map(), code: new Map() };

export const ZTracking = z.object({
  code: z.string(),
  procedureName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  /** Past its appointment and still being handled, by the server's clock (dossier.rules.ts overdueNow). */
  overdue: z.boolean(),
  returnedAt: z.date().nullable(),
  /** The unit that handles the dossier: the page gives its contacts. */
  handlingUnitId: z.string().uuid(),
  /** Each change in plain Vietnamese: what, where, by whom (`text` adds the time), ND 224/2026 Điều 15 k1g. */
  timeline: z.array(z.object({ at: z.date(), label: z.string(), text: z.string() })),
  /** The result shipment by the public postal service, if any (postal/ module). */
  shipment: z.object({ trackingCode: z.string().nullable(), status: z.string(), dueAt: z.date().nullable(), deliveredAt: z.date().nullable() }).nullable(),
});

/**
 * The tracking secret check shared by every public use of a dossier (status look-up, paying its fee, rating it, a
 * pickup request): the applicant's phone — normalised the project's one way (applicants/phone.rules.ts), compared on its
 * significant digits by the SQL function phone_significant_vn — or the last 4 digits of their CCCD / tax code (a whole
 * CMND, CCCD or tax code typed instead is read for its last 4: many type the whole number). Judged in SQL, in the
 * statement that holds the guard (`guardedAttempt`): `matches(idNumber, phone)` is an SQL boolean over the two
 * expressions, with `params` numbered from `first`. `readable` is false for what is neither: no dossier can match it,
 * so it is refused as mistyped before any look-up (`dossierErrors.trackingSecretFormat`), not counted as a guess
 * against the dossier's code — a citizen typing their number the wrong way would lock their own dossier.
 */
export function trackingSecretCheck(secret: string, first: number): { matches: (idNumber: string, phone: string) => string; params: [string | null, string | null]; readable: boolean } {
  const s = secret.trim();
  const digits = s.replace(/[\s.-]/g, '');
  const typedPhone = digits.length >= 9 ? normalizePhoneVn(s) : null;
  const phone = typedPhone?.ok ? typedPhone.e164.slice('+84'.length) : null;
  const last4 = /^\d{4}$/.test(digits) ? digits : phone === null && /^(\d{9}|\d{10}|\d{12}|\d{13})$/.test(digits) ? digits.slice(-4) : null;
  return {
    matches: (idNumber, phone) => `coalesce(right(${idNumber}, 4) = $${first} OR phone_significant_vn(${phone}) = $${first + 1}, false)`,
    params: [last4, phone],
    readable: last4 !== null || phone !== null,
  };
}

/**
 * The client's per-minute budget of failed look-ups, one for every public look-up (dossier, pickup, fee, rating): the
 * guesses it stops are failures, and citizens sharing one public address (a mobile network's NAT, an office, a service
 * agent following many dossiers) are not refused for look-ups that succeed (`guardedAttempt`).
 */
export function publicLookupLimit(config: Pick<AppConfig, 'trackingPerMinute'>, ip: string): RateLimit {
  return { key: `public-tracking:${addressKey(ip)}`, max: config.trackingPerMinute, windowSeconds: 60 };
}

/** How wrong secrets slow down one dossier code: a handful free, then 1 min doubling on each failure, capped at a day. */
export function trackingGuardPolicy(freeFailures: number): GuardPolicy {
  return { free: freeFailures, baseSeconds: 60, maxSeconds: 24 * 3600, forgetSeconds: 30 * 24 * 3600 };
}

export type TrackingDeps = {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'trackingPerMinute' | 'trackingSecretFailures'>;
  /** Where an alert goes when a code starts being refused (the request's logger). */
  log?: { warn(fields: Record<string, unknown>, msg: string): void };
};

/**
 * The dossier a citizen proves to be theirs with its code and their tracking secret; the same refusal for a wrong code
 * and a wrong secret, so codes cannot be enumerated. Used by tracking, payments and satisfaction for the public channel.
 *
 * The secret may be only 4 digits, so guessing is stopped on two keys, both counted in PostgreSQL (every instance
 * shares them): the client address has one per-minute budget of failures for all public look-ups (tracking, fee, rating), and the
 * dossier code itself takes a handful of wrong secrets, then refuses every attempt — right or wrong — for a delay that
 * doubles with each further failure (up to a day), whatever address the guesses come from. A code that starts being
 * refused is audited and logged as an alert. The owner is never locked out of their own dossier: signed in on the
 * portal they see it without any secret.
 */
export async function authoriseTracking<T = null>(
  deps: TrackingDeps,
  code: string,
  secret: string,
  client: { ip: string },
  /** An SQL expression over the dossier `d`, read with the look-up (one round trip less for the caller) and given back for the dossier proved. */
  read?: { sql: string },
): Promise<{ dossierId: string; code: string; read: T | null }> {
  const now = deps.clock.now();
  const limit = publicLookupLimit(deps.config, client.ip);
  // A secret no dossier can have: said at once, before any look-up, and not counted (trackingSecretCheck).
  if (!trackingSecretCheck(secret, 1).readable) throw dossierErrors.trackingSecretFormat();
  const key = parseTrackingInput(code);
  if (!key) {
    // Nothing to look for: a failure, counted against the address's budget.
    const budget = await countFailure(deps.db, limit, now);
    if (!budget.allowed) throw dossierErrors.trackingRateLimited(budget.retryAfterSeconds);
    throw dossierErrors.notFound();
  }
  const typed = code.trim().toUpperCase();
  // The rate limit, the look-up, the secret and the guard in one statement (issue 12). The guard's key is the code as
  // the lookup reads it, so "H20.71-…", "h2071…" and a QR link share one count.
  const outcome = await guardedAttempt<{ id: string; code: string | null; paths: string[]; read: T | null }>(deps.db, {
    limit,
    key: `tracking:${key.kind === 'reference' ? key.idPrefix : key.compact}`,
    now,
    policy: trackingGuardPolicy(deps.config.trackingSecretFailures),
    candidates: (first) => ({
      sql: candidatesSql(key.kind, read?.sql ?? 'NULL', first),
      params: [key.kind === 'reference' ? key.idPrefix : key.compact, ...trackingSecretCheck(secret, first + 1).params],
    }),
  });
  switch (outcome.kind) {
    case 'rate_limited':
      throw dossierErrors.trackingRateLimited(outcome.retryAfterSeconds);
    case 'ok':
      return { dossierId: outcome.row.id, code: outcome.row.code ?? submissionReference(outcome.row.id), read: outcome.row.read };
    case 'blocked':
      throw dossierErrors.trackingCodeBlocked(secondsUntil(outcome.until, now));
    case 'wrong':
      if (outcome.held) {
        const rows = outcome.rows;
        // After the statement that held the code (its own, so the guard's lock is not kept for it).
        await recordAudit(deps.db, {
          at: now,
          actorId: null,
          actorName: null,
          action: 'tracking.code_blocked',
          entity: 'dossier',
          // A code that matches no dossier concerns no unit: the entry is then readable by every province, so it does not
          // repeat what was typed (which may be another unit's code); the log line keeps it for the operator.
          entityId: rows[0]?.id ?? 'unknown',
          after: { ...(rows[0] ? { code: typed } : {}), failures: outcome.held.failures, blockedUntil: outcome.held.blockedUntil },
          ip: client.ip,
          // The units of the dossier under attack; a code that matches none concerns no unit.
          unitPaths: rows.flatMap((r) => r.paths),
        });
        countSecurityEvent('tracking_code_held');
        deps.log?.warn({ event: 'tracking.code_blocked', code: typed, failures: outcome.held.failures, blockedUntil: outcome.held.blockedUntil, ip: client.ip }, 'Mã hồ sơ bị thử sai nhiều lần, tạm khóa tra cứu');
      }
      throw dossierErrors.notFound();
  }
}

/** What the tracking page shows of a dossier, read with the look-up that proves it (`authoriseTracking`). */
const trackingReadSql = `json_build_object(
    'handlingUnitId', d.resolving_unit_id,
    'code', coalesce(d.code, (SELECT n.ma_ho_so FROM national_dossier n WHERE n.dossier_id = d.id AND n.origin = 'national')),
    'procedureName', d.procedure_name, 'status', d.status, 'receivedAt', d.received_at, 'dueAt', d.due_at, 'returnedAt', d.returned_at,
    'shipment', (SELECT json_build_object('trackingCode', s.tracking_code, 'status', s.status, 'dueAt', s.due_at, 'deliveredAt', s.delivered_at)
                   FROM postal_shipment s WHERE s.dossier_id = d.id),
    'timeline', ${citizenTimelineSql('d')})`;
type TrackingRead = {
  handlingUnitId: string; code: string | null; procedureName: string; status: DossierStatus; receivedAt: string | null; dueAt: string | null; returnedAt: string | null;
  shipment: { trackingCode: string | null; status: string; dueAt: string | null; deliveredAt: string | null } | null; timeline: TimelineFacts;
};
export const dateOrNull = (v: string | null): Date | null => (v === null ? null : new Date(v));

/**
 * Public look-up by dossier code plus a secret only the applicant knows (their phone, or the last 4 digits of the CCCD).
 * A wrong code and a wrong secret give the same answer, so codes cannot be enumerated; only status and dates are shown.
 * The dossier and its timeline are read in the guarded look-up itself (issue 12: one round trip less).
 */
export async function trackDossier(deps: TrackingDeps, code: string, secret: string, client: { ip: string }) {
  const { dossierId, read: d } = await authoriseTracking<TrackingRead>(deps, code, secret, client, { sql: trackingReadSql });
  if (!d) throw dossierErrors.notFound();
  const dueAt = dateOrNull(d.dueAt);
  return {
    // Before acceptance: the code the national portal gave a dossier submitted there (what its citizen holds), else the
    // submission reference of our portal.
    code: d.code ?? submissionReference(dossierId),
    procedureName: d.procedureName,
    status: d.status,
    statusLabel: statusLabels[d.status],
    receivedAt: dateOrNull(d.receivedAt),
    dueAt,
    overdue: overdueNow({ status: d.status, dueAt }, deps.clock.now()),
    returnedAt: dateOrNull(d.returnedAt),
    handlingUnitId: d.handlingUnitId,
    shipment: d.shipment && { ...d.shipment, dueAt: dateOrNull(d.shipment.dueAt), deliveredAt: dateOrNull(d.shipment.deliveredAt) },
    // What happened, where and by whom; internal marks (scans, overdue flags) and internal notes stay inside.
    timeline: citizenTimelineOf(d.timeline).map((x) => ({ at: x.at, label: x.label, text: x.text })),
  };
}

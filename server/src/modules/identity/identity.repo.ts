import { prepared, statement, type Queryable } from '../../platform/database.js';
import { hitRateLimit, type RateLimitOutcome } from '../../platform/rate-limit.js';
import type { TStaffRole } from '../procedures/procedure.contract.js';
import type { Actor, RoleGrant } from './permissions.policy.js';

export type UserAuthRow = {
  id: string;
  username: string;
  fullName: string;
  passwordHash: string;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
};

export async function findUserForLogin(q: Queryable, username: string): Promise<UserAuthRow | null> {
  const { rows } = await q.query<UserAuthRow>(
    `SELECT id, username, full_name AS "fullName", password_hash AS "passwordHash", active,
            failed_logins AS "failedLogins", locked_until AS "lockedUntil"
       FROM staff_user WHERE username = $1 FOR UPDATE`,
    [username],
  );
  return rows[0] ?? null;
}

/** Every unit an officer belongs to: the home unit and each unit where they hold a role. */
export async function userUnitPaths(q: Queryable, userId: string): Promise<string[]> {
  const { rows } = await q.query<{ path: string }>(
    `SELECT u.path FROM staff_user s JOIN unit u ON u.id = s.home_unit_id WHERE s.id = $1
     UNION SELECT u.path FROM role_assignment r JOIN unit u ON u.id = r.unit_id WHERE r.user_id = $1`,
    [userId],
  );
  return rows.map((r) => r.path);
}

/** Writes the account's consecutive failures and until when it waits (the row is locked by findUserForLogin). */
export async function setLoginFailures(q: Queryable, userId: string, failures: number, lockedUntil: Date | null): Promise<void> {
  await q.query(`UPDATE staff_user SET failed_logins = $2, locked_until = coalesce($3, locked_until) WHERE id = $1`, [userId, failures, lockedUntil]);
}

export async function recordLoginSuccess(q: Queryable, userId: string): Promise<void> {
  await q.query('UPDATE staff_user SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

/** Where a one-time code for an officer goes: the mobile phone, else the e-mail on the account (null: neither). */
export async function staffCodeRecipient(q: Queryable, username: string): Promise<{ userId: string; phone: string | null; email: string | null } | null> {
  const { rows } = await q.query<{ userId: string; phone: string | null; email: string | null }>(
    `SELECT id AS "userId", phone, email FROM staff_user WHERE username = $1 AND active`,
    [username],
  );
  return rows[0] ?? null;
}

/** Counts an attempt for `key` in a fixed window shared by every instance (rate_limit_window); true while within `max`. */
/** One hit on a per-key budget; `retryAfterSeconds` says when a refused caller may come back (the 429's Retry-After). */
export async function throttle(q: Queryable, key: string, max: number, windowSeconds: number, now: Date): Promise<RateLimitOutcome> {
  return hitRateLimit(q, { key, max, windowSeconds }, now);
}

export async function insertSession(
  q: Queryable,
  s: { tokenHash: string; userId: string; csrfToken: string; ttlHours: number; ip: string; userAgent: string | null; now: Date; nationalSsoSubject?: string },
): Promise<void> {
  // A session opened through a national SSO link refers to it: revoking the link deletes the session (ON DELETE CASCADE).
  await q.query(
    `INSERT INTO staff_session (token_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent, national_sso_subject)
     VALUES ($1, $2, $3, $7, $7::timestamptz + make_interval(hours => $4), $5, $6, $8)`,
    [s.tokenHash, s.userId, s.csrfToken, s.ttlHours, s.ip, s.userAgent, s.now, s.nationalSsoSubject ?? null],
  );
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM staff_session WHERE token_hash = $1', [tokenHash]);
}

export async function deleteExpiredSessions(q: Queryable, now: Date): Promise<number> {
  const r = await q.query('DELETE FROM staff_session WHERE expires_at < $1', [now]);
  return r.rowCount ?? 0;
}

export type SessionActor = Actor & { csrfToken: string };

// Every officer's request asks it first: prepared, planned once per connection.
const sessionActorSql = statement(
  `SELECT u.id AS "userId", u.username, u.full_name AS "fullName", s.csrf_token AS "csrfToken",
          (SELECT json_agg(json_build_object('role', r.role, 'unitId', r.unit_id, 'unitPath', un.path))
             FROM role_assignment r JOIN unit un ON un.id = r.unit_id WHERE r.user_id = u.id) AS grants
     FROM staff_session s JOIN staff_user u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
);

/** Resolves a session token hash to the actor with its grants, in one query. */
export async function findSessionActor(q: Queryable, tokenHash: string, now: Date): Promise<SessionActor | null> {
  const { rows } = await q.query<{
    userId: string;
    username: string;
    fullName: string;
    csrfToken: string;
    grants: { role: TStaffRole; unitId: string; unitPath: string }[] | null;
  }>(prepared(sessionActorSql, [tokenHash, now]));
  const r = rows[0];
  if (!r) return null;
  return { userId: r.userId, username: r.username, fullName: r.fullName, csrfToken: r.csrfToken, grants: r.grants ?? [] };
}

/**
 * Active officers holding one of `roles` at a unit on the line of `unitPath` (the unit itself, above it or below it),
 * as actors with all their grants — the candidates a policy then checks exactly.
 */
export async function officersAround(q: Queryable, unitPath: string, roles: readonly TStaffRole[]): Promise<Actor[]> {
  const { rows } = await q.query<Actor>(
    `SELECT u.id AS "userId", u.username, u.full_name AS "fullName",
            (SELECT json_agg(json_build_object('role', r.role, 'unitId', r.unit_id, 'unitPath', un.path))
               FROM role_assignment r JOIN unit un ON un.id = r.unit_id WHERE r.user_id = u.id) AS grants
       FROM staff_user u
      WHERE u.active AND EXISTS (
        SELECT 1 FROM role_assignment r JOIN unit un ON un.id = r.unit_id
         WHERE r.user_id = u.id AND r.role = ANY($2::text[]) AND ($1 LIKE un.path || '%' OR un.path LIKE $1 || '%'))
      ORDER BY u.full_name, u.username`,
    [unitPath, roles],
  );
  return rows;
}

/** An active officer as an actor (with every grant), by user name — for system work done in an officer's name. */
export async function actorByUsername(q: Queryable, username: string): Promise<Actor | null> {
  const { rows } = await q.query<Actor>(
    `SELECT u.id AS "userId", u.username, u.full_name AS "fullName",
            coalesce((SELECT json_agg(json_build_object('role', r.role, 'unitId', r.unit_id, 'unitPath', un.path))
               FROM role_assignment r JOIN unit un ON un.id = r.unit_id WHERE r.user_id = u.id), '[]') AS grants
       FROM staff_user u WHERE u.username = $1 AND u.active`,
    [username],
  );
  return rows[0] ?? null;
}

export async function grantsWithUnits(
  q: Queryable,
  userId: string,
): Promise<{ role: TStaffRole; unitId: string; unitName: string; unitCode: string }[]> {
  const { rows } = await q.query(
    `SELECT r.role, r.unit_id AS "unitId", u.name AS "unitName", u.code AS "unitCode"
       FROM role_assignment r JOIN unit u ON u.id = r.unit_id WHERE r.user_id = $1 ORDER BY u.path, r.role`,
    [userId],
  );
  return rows;
}

export type UserRow = {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  locked: boolean;
  homeUnitId: string;
  homeUnitName: string;
  homeUnitPath: string;
  grants: { role: TStaffRole; unitId: string }[];
  /** The paths of every unit the user belongs to: the home unit and each granted unit (not presented). */
  unitPaths: string[];
};

/** `now` is the placeholder of the clock's time, against which a lock is judged. */
const userSelect = (now: string): string => `
  SELECT s.id, s.username, s.full_name AS "fullName", s.email, s.phone, s.active,
         coalesce(s.locked_until > ${now}::timestamptz, false) AS locked,
         s.home_unit_id AS "homeUnitId", hu.name AS "homeUnitName", hu.path AS "homeUnitPath",
         coalesce((SELECT json_agg(json_build_object('role', r.role, 'unitId', r.unit_id) ORDER BY r.role)
                     FROM role_assignment r WHERE r.user_id = s.id), '[]') AS grants,
         array(SELECT hu.path UNION SELECT gu.path FROM role_assignment r JOIN unit gu ON gu.id = r.unit_id WHERE r.user_id = s.id) AS "unitPaths"
    FROM staff_user s JOIN unit hu ON hu.id = s.home_unit_id`;

export async function getUser(q: Queryable, id: string, now: Date): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`${userSelect('$2')} WHERE s.id = $1`, [id, now]);
  return rows[0] ?? null;
}

/**
 * Lists users whose every unit (home and granted) lies under one of `paths` — the administrator manages nobody who also
 * belongs elsewhere — filtered inside SQL and keyset-paginated by username.
 */
export async function listUsers(
  q: Queryable,
  f: { paths: string[]; unitPath?: string; q?: string; after?: string; limit: number; now: Date },
): Promise<UserRow[]> {
  const { rows } = await q.query<UserRow>(
    `${userSelect('$6')}
      WHERE hu.path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p)
        AND NOT EXISTS (SELECT 1 FROM role_assignment r JOIN unit gu ON gu.id = r.unit_id
                         WHERE r.user_id = s.id AND NOT gu.path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p))
        AND ($2::text IS NULL OR hu.path LIKE $2 || '%')
        AND ($3::text IS NULL OR vn_fold(s.full_name || ' ' || s.username) LIKE '%' || vn_fold($3) || '%')
        AND ($4::text IS NULL OR s.username > $4)
      ORDER BY s.username LIMIT $5`,
    [f.paths, f.unitPath ?? null, f.q ?? null, f.after ?? null, f.limit, f.now],
  );
  return rows;
}

export async function insertUser(
  q: Queryable,
  u: { username: string; fullName: string; email: string | null; phone: string | null; passwordHash: string; homeUnitId: string },
  now: Date,
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO staff_user (username, full_name, email, phone, password_hash, home_unit_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [u.username, u.fullName, u.email, u.phone, u.passwordHash, u.homeUnitId, now],
  );
  return rows[0]!.id;
}

export async function replaceGrants(q: Queryable, userId: string, grants: Omit<RoleGrant, 'unitPath'>[]): Promise<void> {
  await q.query('DELETE FROM role_assignment WHERE user_id = $1', [userId]);
  for (const g of grants) {
    await q.query('INSERT INTO role_assignment (user_id, role, unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      userId,
      g.role,
      g.unitId,
    ]);
  }
}

export async function updateUserFields(
  q: Queryable,
  id: string,
  f: { fullName?: string; email?: string | null; phone?: string | null; active?: boolean; passwordHash?: string; unlock?: boolean },
  now: Date,
): Promise<void> {
  await q.query(
    `UPDATE staff_user SET
       full_name = coalesce($2, full_name),
       email = CASE WHEN $3 THEN $4 ELSE email END,
       phone = CASE WHEN $5 THEN $6 ELSE phone END,
       active = coalesce($7, active),
       password_hash = coalesce($8, password_hash),
       failed_logins = CASE WHEN $9 THEN 0 ELSE failed_logins END,
       locked_until = CASE WHEN $9 THEN NULL ELSE locked_until END,
       updated_at = $10
     WHERE id = $1`,
    [id, f.fullName ?? null, f.email !== undefined, f.email ?? null, f.phone !== undefined, f.phone ?? null, f.active ?? null, f.passwordHash ?? null, f.unlock === true, now],
  );
  if (f.active === false || f.passwordHash) await q.query('DELETE FROM staff_session WHERE user_id = $1', [id]);
}

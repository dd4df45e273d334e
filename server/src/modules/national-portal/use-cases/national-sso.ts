import { randomBytes } from 'node:crypto';
import type * as Oidc from 'openid-client';
import { loadOpenIdClient } from '../../../platform/libraries.js';
import type { AppConfig } from '../../../platform/config.js';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { profileFromClaims } from '../../citizens/citizen.rules.js';
import { verifiedHolderOf } from '../../citizens/citizen-identity.repo.js';
import { openCitizenSession } from '../../citizens/use-cases/citizen-auth.js';
import { hashToken } from '../../identity/auth.plugin.js';
import { insertSession, userUnitPaths } from '../../identity/identity.repo.js';
import { nationalErrors } from '../national-portal.errors.js';
import { scopePaths, type Actor } from '../../identity/permissions.policy.js';

type SsoConfig = Pick<
  AppConfig,
  'mode' | 'publicUrl' | 'nationalPortalSimulator' | 'nationalPortalUrl' | 'nationalSsoIssuer' | 'nationalSsoClientId' | 'nationalSsoClientSecret' | 'nationalSsoCccdClaim'
>;
export type SsoTarget = 'citizen' | 'staff';
export type SsoSettings = { issuer: string; clientId: string; clientSecret: string; redirectUri: string; cccdClaim: string };
type Client = { ip: string; userAgent: string | null };

/** Where the demo's national portal simulator answers OpenID Connect (mounted only where the simulator is). */
export const SIM_SSO_PATH = '/sim/dvcqg/sso';

/**
 * The national portal's single sign-on as configured (NATIONAL_SSO_ISSUER and its client), else in the demo the
 * simulator's own provider; none otherwise (production has no simulator: config.rules.ts).
 */
export function ssoSettings(c: SsoConfig): SsoSettings | null {
  const base = c.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${base}/api/national-sso/callback`;
  if (c.nationalSsoIssuer) return { issuer: c.nationalSsoIssuer, clientId: c.nationalSsoClientId, clientSecret: c.nationalSsoClientSecret, redirectUri, cccdClaim: c.nationalSsoCccdClaim };
  if (c.mode === 'demo' && c.nationalPortalSimulator && !c.nationalPortalUrl && c.nationalSsoClientSecret) {
    return { issuer: `${base}${SIM_SSO_PATH}`, clientId: c.nationalSsoClientId, clientSecret: c.nationalSsoClientSecret, redirectUri, cccdClaim: c.nationalSsoCccdClaim };
  }
  return null;
}

const discovered = new Map<string, Promise<Oidc.Configuration>>();

function configuration(s: SsoSettings): Promise<Oidc.Configuration> {
  const key = `${s.issuer}|${s.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(s.issuer);
    // Plain HTTP only for a provider on this machine (the demo simulator, the tests' provider); a real one is HTTPS.
    const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    found = loadOpenIdClient().then((client) => client.discovery(issuer, s.clientId, { client_secret: s.clientSecret }, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined));
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** The areas a signed-in person may be sent back to: the console for officers, the portal's own areas for citizens. */
const landingAreas: Record<SsoTarget, readonly string[]> = {
  staff: ['/console'],
  citizen: ['/cong-dan', '/thu-tuc', '/phan-anh', '/hoi-dap', '/thanh-toan', '/danh-gia'],
};

/**
 * Where a signed-in person lands: `returnTo` only when it is a path of ours inside one of the target's areas (an
 * allow-list: no other host, no `//`, no `..`, no backslash or encoded slash), else the area's start page. An open
 * redirect after a national sign-in would hand a fresh session's user to any site.
 */
export function safeLanding(target: SsoTarget, p: string | undefined): string {
  const fallback = target === 'staff' ? '/console' : '/cong-dan/ho-so';
  if (!p || p.length > 300 || !/^\/[\w\-/.]*(\?[\w\-.=&%]*)?$/.test(p)) return fallback;
  const path = p.split('?')[0]!;
  if (path.includes('//') || path.split('/').some((seg) => seg === '..' || seg === '.') || /%2f|%5c/i.test(p)) return fallback;
  return landingAreas[target].some((a) => path === a || path.startsWith(`${a}/`)) ? p : fallback;
}

export const failedLanding = (target: SsoTarget) => (target === 'staff' ? '/console?loi=dvcqg' : '/cong-dan/dang-nhap?loi=dvcqg');

/**
 * Starts sign-in at the national portal (authorisation code with PKCE, state and nonce kept in the database so any
 * instance may finish it), for the citizens' portal or the officers' console. Returns the provider's URL.
 */
export async function startNationalSso(deps: { db: Db; clock: Clock; config: SsoConfig }, target: SsoTarget, returnTo: string | undefined): Promise<string> {
  const client = await loadOpenIdClient();
  const s = ssoSettings(deps.config);
  if (!s) throw nationalErrors.ssoNotConfigured();
  const config = await configuration(s).catch(() => {
    throw nationalErrors.portalUnavailable();
  });
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const now = deps.clock.now();
  await deps.db.query(
    `WITH gone AS (DELETE FROM national_sso_login WHERE expires_at < $6)
     INSERT INTO national_sso_login (state, code_verifier, nonce, target, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz + interval '10 minutes')`,
    [state, codeVerifier, nonce, target, safeLanding(target, returnTo), now],
  );
  return client
    .buildAuthorizationUrl(config, { redirect_uri: s.redirectUri, scope: 'openid profile', code_challenge: await client.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256', state, nonce })
    .toString();
}

export type SsoOutcome = { target: 'citizen'; token: string; landing: string } | { target: 'staff'; token: string; landing: string };

/** The citizen account of a national identity: its link, else the holder of the proven CCCD, else a new proven account. */
async function citizenFor(q: Queryable, p: { subject: string; fullName: string; birthDate: string | null; gender: 'male' | 'female' | null; idNumber: string }, now: Date): Promise<string> {
  const { rows: linked } = await q.query<{ id: string }>(`SELECT citizen_id AS id FROM national_sso_link WHERE subject = $1 AND citizen_id IS NOT NULL`, [p.subject]);
  if (linked[0]) return linked[0].id;
  let id = await verifiedHolderOf(q, p.idNumber);
  if (!id) {
    // The national portal signs citizens in through VNeID: the number it gives is proven, as VNeID's own is.
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO citizen_account (oidc_subject, full_name, birth_date, gender, id_number, id_verified_at, id_verified_via, created_at, updated_at)
       VALUES ($1, $2, $3::date, $4, $5, $6, 'oidc', $6, $6) RETURNING id`,
      [`dvcqg:${p.subject}`, p.fullName, p.birthDate, p.gender, p.idNumber, now],
    );
    id = rows[0]!.id;
  }
  await q.query(`INSERT INTO national_sso_link (subject, citizen_id, linked_at) VALUES ($1, $2, $3)`, [p.subject, id, now]);
  return id;
}

/**
 * Finishes the flow: the state must be one we started (used once), the code is exchanged with the PKCE verifier, the ID
 * token's nonce checked. A citizen lands in their account, found by the CCCD the national portal proved (an account
 * that merely typed the same number is never taken over); an officer only through the link an administrator set for
 * their national identity — no link, no session.
 */
export async function finishNationalSso(deps: { db: Db; clock: Clock; config: SsoConfig; sessionTtlHours: number }, query: string, client_: Client): Promise<SsoOutcome> {
  const client = await loadOpenIdClient();
  const s = ssoSettings(deps.config);
  if (!s) throw nationalErrors.ssoNotConfigured();
  const callbackUrl = new URL(s.redirectUri);
  callbackUrl.search = query;
  const state = callbackUrl.searchParams.get('state');
  const { rows } = state
    ? await deps.db.query<{ codeVerifier: string; nonce: string; target: SsoTarget; returnTo: string }>(
        `DELETE FROM national_sso_login WHERE state = $1 AND expires_at > $2 RETURNING code_verifier AS "codeVerifier", nonce, target, return_to AS "returnTo"`,
        [state, deps.clock.now()],
      )
    : { rows: [] };
  const pending = rows[0];
  if (!pending) throw nationalErrors.ssoFailed('citizen', 'unknown or expired state');
  let claims: Record<string, unknown>;
  try {
    const config = await configuration(s);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: state!, expectedNonce: pending.nonce, idTokenExpected: true });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => ({}));
    claims = { ...info, ...idClaims };
  } catch (err) {
    throw nationalErrors.ssoFailed(pending.target, err instanceof Error ? err.message : 'token exchange');
  }
  const subject = typeof claims.sub === 'string' ? claims.sub : null;
  if (!subject) throw nationalErrors.ssoFailed(pending.target, 'no subject');
  const now = deps.clock.now();
  if (pending.target === 'citizen') {
    const profile = profileFromClaims(claims, s.cccdClaim);
    if (!profile?.idNumber) throw nationalErrors.ssoFailed('citizen', 'no proven CCCD in the claims');
    const session = await withTransaction(deps.db, async (tx) => {
      const citizenId = await citizenFor(tx, { ...profile, subject, idNumber: profile.idNumber! }, now);
      return openCitizenSession(tx, citizenId, 'oidc', deps.sessionTtlHours, client_, now);
    });
    return { target: 'citizen', token: session.token, landing: pending.returnTo };
  }
  const token = await withTransaction(deps.db, async (tx) => {
    const { rows: users } = await tx.query<{ id: string; fullName: string; active: boolean }>(
      `SELECT u.id, u.full_name AS "fullName", u.active FROM national_sso_link l JOIN staff_user u ON u.id = l.staff_user_id WHERE l.subject = $1 FOR SHARE OF l`,
      [subject],
    );
    const user = users[0];
    if (!user?.active) return null;
    const t = randomBytes(32).toString('base64url');
    // Recorded with the link it came through: revoking the link ends this session (staff_session.national_sso_subject).
    await insertSession(tx, { tokenHash: hashToken(t), userId: user.id, csrfToken: randomBytes(24).toString('base64url'), ttlHours: deps.sessionTtlHours, ...client_, now, nationalSsoSubject: subject });
    await recordAudit(tx, { actorId: user.id, actorName: user.fullName, action: 'auth.signed_in', entity: 'staff_user', entityId: user.id, after: { via: 'national_sso' }, ip: client_.ip, unitPaths: await userUnitPaths(tx, user.id), at: now });
    return t;
  });
  if (!token) throw nationalErrors.ssoFailed('staff', 'no officer linked to this national identity');
  return { target: 'staff', token, landing: pending.returnTo };
}

/**
 * An administrator links an officer to their identity on the national portal (its `sub`). One identity opens one account
 * and an officer has one link: an officer already linked is refused (revoke first), so a link never changes silently.
 * The caller has checked that the administrator manages every unit of that officer.
 */
export async function linkStaffIdentity(deps: { db: Db; clock: Clock }, actor: { userId: string; fullName: string }, userId: string, subject: string): Promise<{ userId: string; subject: string }> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const { rows: linked } = await tx.query(`SELECT 1 FROM national_sso_link WHERE staff_user_id = $1 FOR UPDATE`, [userId]);
    if (linked.length > 0) throw nationalErrors.ssoAlreadyLinked();
    const { rows } = await tx.query(`INSERT INTO national_sso_link (subject, staff_user_id, linked_at, linked_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING subject`, [subject, userId, now, actor.userId]);
    if (rows.length === 0) {
      // Another administrator linked this officer at the same moment, or the identity opens another account.
      const { rows: mine } = await tx.query(`SELECT 1 FROM national_sso_link WHERE staff_user_id = $1`, [userId]);
      throw mine.length > 0 ? nationalErrors.ssoAlreadyLinked() : nationalErrors.ssoSubjectTaken();
    }
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'national_sso.link', entity: 'staff_user', entityId: userId, before: { subject: null }, after: { subject }, unitPaths: await userUnitPaths(tx, userId), at: now });
    return { userId, subject };
  });
}

/** Revokes an officer's link (audited); false when there was none. */
export async function unlinkStaffIdentity(deps: { db: Db; clock: Clock }, actor: { userId: string; fullName: string }, userId: string): Promise<boolean> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const { rows: before } = await tx.query<{ subject: string }>(`DELETE FROM national_sso_link WHERE staff_user_id = $1 RETURNING subject`, [userId]);
    if (before.length === 0) return false;
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'national_sso.link', entity: 'staff_user', entityId: userId, before: { subject: before[0]!.subject }, after: { subject: null }, unitPaths: await userUnitPaths(tx, userId), at: now });
    return true;
  });
}

export type StaffLinkView = { userId: string; username: string; fullName: string; homeUnitName: string; subject: string; linkedAt: Date; linkedByName: string | null };

/**
 * The officers linked to a national identity that this administrator manages: the home unit and every unit the officer
 * holds a role in lie inside the administrator's `users.manage` scope (filtered in SQL, as the list of users is).
 */
export async function listStaffLinks(deps: { db: Db }, actor: Actor): Promise<StaffLinkView[]> {
  const { rows } = await deps.db.query<StaffLinkView>(
    `SELECT l.staff_user_id AS "userId", s.username, s.full_name AS "fullName", hu.name AS "homeUnitName", l.subject, l.linked_at AS "linkedAt",
            b.full_name AS "linkedByName"
       FROM national_sso_link l JOIN staff_user s ON s.id = l.staff_user_id JOIN unit hu ON hu.id = s.home_unit_id
       LEFT JOIN staff_user b ON b.id = l.linked_by
      WHERE hu.path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p)
        AND NOT EXISTS (SELECT 1 FROM role_assignment r JOIN unit gu ON gu.id = r.unit_id
                         WHERE r.user_id = s.id AND NOT gu.path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p))
      ORDER BY s.full_name, s.username LIMIT 2000`,
    [scopePaths(actor, 'users.manage')],
  );
  return rows;
}

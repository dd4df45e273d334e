import type * as Oidc from 'openid-client';
import { loadOpenIdClient } from '../../../platform/libraries.js';
import type { AppConfig } from '../../../platform/config.js';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { citizenErrors } from '../citizen.errors.js';
import { profileFromClaims } from '../citizen.rules.js';
import { saveOidcLogin, takeOidcLogin } from '../citizen.repo.js';
import { upsertOidcAccount } from '../citizen-identity.repo.js';
import { openCitizenSession, type CitizenAuthSettings, type Client, type NewSession } from './citizen-auth.js';

type OidcConfig = Pick<AppConfig, 'oidcIssuer' | 'oidcClientId' | 'oidcClientSecret' | 'oidcRedirectUri' | 'oidcCccdClaim'>;

export function oidcEnabled(c: OidcConfig): boolean {
  return !!(c.oidcIssuer && c.oidcClientId && c.oidcRedirectUri);
}

/** Discovery is fetched once per issuer and client (several instances each fetch their own). */
const discovered = new Map<string, Promise<Oidc.Configuration>>();

function configuration(c: OidcConfig): Promise<Oidc.Configuration> {
  if (!oidcEnabled(c)) throw citizenErrors.oidcNotConfigured();
  const key = `${c.oidcIssuer}|${c.oidcClientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(c.oidcIssuer!);
    // Plain HTTP only for a provider on this machine (the local test provider); a real issuer is HTTPS.
    const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    found = loadOpenIdClient().then((client) => client.discovery(issuer, c.oidcClientId!, c.oidcClientSecret ? { client_secret: c.oidcClientSecret } : undefined, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined));
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** Only portal paths are accepted as where to return after signing in (no open redirect). */
export function safeReturnPath(p: string | undefined): string {
  return p && /^\/(?!\/)[\w\-/.?=&%]*$/.test(p) ? p : '/cong-dan/ho-so';
}

/**
 * Starts the authorisation-code flow with PKCE (S256), state and nonce — as VNeID and other OpenID Connect identity
 * providers offer it (e-identification under Nghị định 69/2024/NĐ-CP). The state, verifier and nonce are kept in the
 * database, so the callback may reach any instance. Returns the provider's authorisation URL.
 */
export async function startOidcSignIn(deps: { db: Db; clock: Clock; config: OidcConfig }, returnTo: string | undefined): Promise<string> {
  const client = await loadOpenIdClient();
  const config = await configuration(deps.config);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await saveOidcLogin(deps.db, { state, codeVerifier, nonce, returnTo: safeReturnPath(returnTo) }, deps.clock.now());
  return client
    .buildAuthorizationUrl(config, {
      redirect_uri: deps.config.oidcRedirectUri!,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    .toString();
}

/**
 * Finishes the flow: the state must be one this system started (used once), the code is exchanged with the PKCE
 * verifier, the ID token's nonce checked; the claims (and userinfo) become the citizen's profile and a session opens.
 */
export async function finishOidcSignIn(
  deps: { db: Db; clock: Clock; config: OidcConfig; settings: CitizenAuthSettings },
  callbackUrl: URL,
  client_: Client,
): Promise<NewSession & { returnTo: string }> {
  const client = await loadOpenIdClient();
  const config = await configuration(deps.config);
  const state = callbackUrl.searchParams.get('state');
  const pending = state ? await takeOidcLogin(deps.db, state, deps.clock.now()) : null;
  if (!pending) throw citizenErrors.oidcFailed('unknown or expired state');
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: state!, expectedNonce: pending.nonce, idTokenExpected: true });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => ({}));
    claims = { ...info, ...idClaims };
  } catch (err) {
    throw citizenErrors.oidcFailed(err instanceof Error ? err.message : 'token exchange');
  }
  const profile = profileFromClaims(claims, deps.config.oidcCccdClaim);
  if (!profile) throw citizenErrors.oidcFailed('claims without sub or name');
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const citizenId = await upsertOidcAccount(tx, profile, now);
    return { ...(await openCitizenSession(tx, citizenId, 'oidc', deps.settings.sessionTtlHours, client_, now)), returnTo: pending.returnTo };
  });
}

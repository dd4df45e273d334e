import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { loadOidcProvider, simulatedIdentityProvider } from '../../platform/simulators/oidc-identity-provider.js';
import { SIM_SSO_PATH, ssoSettings } from './use-cases/national-sso.js';

/**
 * The national portal simulator's single sign-on (demo and browser journeys only; never in production, where the
 * simulator is refused): a real OpenID Connect provider (oidc-provider) at /sim/dvcqg/sso, with the simulators' own
 * Vietnamese sign-in, consent, error and sign-out pages (platform/simulators). Signing in with a 12-digit CCCD the
 * population simulator knows gives that citizen's name, birth date, sex and CCCD; any other name is an officer's
 * national identity (its `sub`), which opens the console only where an administrator linked it to an account.
 */
export async function nationalSsoSimulator(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const s = ssoSettings(ctx.config);
  if (!s || ctx.config.nationalSsoIssuer) return;
  // Made on first use: the provider (and its development-key warnings) only where someone signs in through it.
  let handler: Promise<((req: IncomingMessage, res: ServerResponse) => void) | null> | null = null;
  const provider = () =>
    (handler ??= (async () => {
      const Provider = await loadOidcProvider();
      if (!Provider) {
        app.log.warn('oidc-provider is not installed: the national portal simulator offers no single sign-on');
        return null;
      }
      return simulatedIdentityProvider(Provider, {
        issuer: s.issuer,
        mountPath: SIM_SSO_PATH,
        brand: 'dvcqg',
        clients: [{ client_id: s.clientId, client_secret: s.clientSecret, redirect_uris: [s.redirectUri], client_name: 'Hệ thống thông tin giải quyết thủ tục hành chính (Một Cửa)' }],
        cookieKeys: [randomBytes(24).toString('base64url')],
        findAccount: async (sub) => {
          if (!/^\d{12}$/.test(sub)) return { sub, name: sub };
          const { rows } = await ctx.db.query<{ name: string; birthdate: string; gender: string }>(
            `SELECT full_name AS name, to_char(birth_date, 'YYYY-MM-DD') AS birthdate, sex AS gender FROM population_sim_person WHERE id_number = $1`,
            [sub],
          );
          return rows[0] ? { sub, cccd: sub, ...rows[0] } : undefined;
        },
      });
    })());
  app.route({
    method: ['GET', 'POST'],
    url: `${SIM_SSO_PATH}/*`,
    schema: { hide: true },
    // Before Fastify reads the body: the provider parses its own forms.
    onRequest: async (request, reply) => {
      const handle = await provider();
      if (!handle) return reply.status(404).send({ error: 'not_found' });
      reply.hijack();
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(SIM_SSO_PATH.length) || '/';
      handle(raw, reply.raw);
    },
    handler: async () => undefined,
  });
}

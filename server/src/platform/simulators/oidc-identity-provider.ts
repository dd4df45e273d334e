import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '../html.js';
import { simText, simulatorLang, simulatorPage, type SimulatorLang } from './simulator-page.js';

/**
 * A real OpenID Connect provider (oidc-provider) speaking Vietnamese to the person: the simulators of the national
 * portal's single sign-on (/sim/dvcqg/sso, demo) and of VNeID (tests) share it. oidc-provider's own development pages
 * (English "Sign-in", "Authorize", "oops! something went wrong") are switched off; the sign-in, consent, error and
 * sign-out pages are ours, from the simulators' message dictionaries (English with `ui_locales=en`).
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export type SimAccountClaims = Record<string, unknown> & { sub: string };
export type SimClient = { client_id: string; client_secret: string; redirect_uris: string[]; client_name?: string };
type Interaction = { uid: string; prompt: { name: string; details: Record<string, unknown> }; params: Record<string, unknown>; session?: { accountId?: string }; grantId?: string };
type Grant = { addOIDCScope(scope: string): void; addOIDCClaims(claims: string[]): void; addResourceScope(indicator: string, scope: string): void; save(): Promise<string> };
/** What a koa context offers the page hooks (the package publishes no types). */
type KoaContext = { type: string; body: string; host: string; oidc?: { params?: Record<string, unknown>; client?: { clientId: string; clientName?: string } } };
type ProviderInstance = {
  callback(): Handler;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: { new (p: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
};
export type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export type SimulatedProviderOptions = {
  issuer: string;
  /** The path the provider is mounted under on its server ('' at the root). */
  mountPath: string;
  brand: 'dvcqg' | 'vneid';
  clients: SimClient[];
  cookieKeys: string[];
  findAccount: (sub: string) => Promise<SimAccountClaims | undefined>;
};

/** The provider package, a development dependency (present for the demo and tests, absent from a production install). */
export async function loadOidcProvider(): Promise<ProviderClass | null> {
  try {
    const specifier = 'oidc-provider';
    return ((await import(specifier)) as { default: ProviderClass }).default;
  } catch {
    return null;
  }
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) break;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(html);
}

/** A provider whose every page a person sees is in Vietnamese; returns the request handler to mount at `mountPath`. */
export function simulatedIdentityProvider(Provider: ProviderClass, o: SimulatedProviderOptions): Handler {
  const brandName = (lang: SimulatorLang) => simText(lang, o.brand === 'dvcqg' ? 'sim.idp.dvcqg' : 'sim.idp.vneid');
  const clientName = (id: unknown) => o.clients.find((c) => c.client_id === id)?.client_name ?? String(id ?? '');
  const page = (lang: SimulatorLang, title: string, body: string) => simulatorPage(lang, { brand: brandName(lang), title, body });
  const errorPage = (lang: SimulatorLang, code: string, description: string, intro: 'sim.error.intro' | 'sim.error.expired' = 'sim.error.intro') =>
    page(lang, simText(lang, 'sim.error.title'), `<p role="alert">${simText(lang, intro)}</p><p>${simText(lang, 'sim.error.code')}: <code>${escapeHtml(code)}</code>${description ? ` — <code>${escapeHtml(description)}</code>` : ''}</p>`);

  const provider = new Provider(o.issuer, {
    clients: o.clients.map((c) => ({ ...c, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' })),
    claims: { openid: ['sub'], profile: ['name', 'birthdate', 'gender', 'cccd'] },
    // The ID token carries the profile claims too (as VNeID's and the national portal's do), not only userinfo.
    conformIdTokenClaims: false,
    cookies: { keys: o.cookieKeys },
    findAccount: async (_ctx: unknown, sub: string) => {
      const claims = await o.findAccount(sub);
      return claims ? { accountId: sub, claims: () => claims } : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${o.mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContext, form: string) => {
          const lang = simulatorLang(ctx.oidc?.params?.ui_locales);
          ctx.type = 'html';
          ctx.body = page(lang, simText(lang, 'sim.logout.title'), `<p>${simText(lang, 'sim.logout.question', { host: ctx.host })}</p>${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${simText(lang, 'sim.logout.yes')}</button>
<button class="secondary" type="submit" form="op.logoutForm">${simText(lang, 'sim.logout.no')}</button>`);
        },
        postLogoutSuccessSource: async (ctx: KoaContext) => {
          const lang = simulatorLang(ctx.oidc?.params?.ui_locales);
          ctx.type = 'html';
          ctx.body = page(lang, simText(lang, 'sim.logout.title'), `<p role="status">${simText(lang, 'sim.logout.done')}</p>`);
        },
      },
    },
    renderError: async (ctx: KoaContext, out: { error?: string; error_description?: string }) => {
      const lang = simulatorLang(ctx.oidc?.params?.ui_locales);
      ctx.type = 'html';
      ctx.body = errorPage(lang, out.error ?? 'server_error', out.error_description ?? '');
    },
  });
  const handle = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, abort: boolean): Promise<void> {
    let details: Interaction;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return send(res, 400, errorPage('vi', 'invalid_request', '', 'sim.error.expired'));
    }
    const lang = simulatorLang(details.params.ui_locales);
    const action = `${o.mountPath}/interaction/${encodeURIComponent(uid)}`;
    if (abort) {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
    }
    if (req.method === 'POST') {
      const body = await formBody(req);
      const login = (body.get('login') ?? '').trim();
      if (details.prompt.name === 'login' && body.get('prompt') === 'login') {
        if (!login) return send(res, 400, loginPage(lang, action, details, simText(lang, 'sim.login.missing')));
        // An account the provider does not know is refused as a real provider refuses it: the browser goes back to the
        // client with error=access_denied (RFC 6749 §4.1.2.1), instead of a session for nobody that crashes the
        // provider later (500 "server_error") when it looks the account up for the ID token.
        if (!(await o.findAccount(login))) {
          return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Unknown account' }, { mergeWithLastSubmission: false });
        }
        return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      }
      if (details.prompt.name === 'consent' && body.get('prompt') === 'consent') {
        const d = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
        const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session!.accountId!, clientId: String(details.params.client_id) });
        if (!grant) return send(res, 400, errorPage(lang, 'invalid_grant', ''));
        if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
        if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
        for (const [indicator, scope] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scope.join(' '));
        return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      }
      return send(res, 400, errorPage(lang, 'invalid_request', ''));
    }
    if (details.prompt.name === 'login') return send(res, 200, loginPage(lang, action, details, null));
    if (details.prompt.name === 'consent') {
      const client = clientName(details.params.client_id);
      return send(res, 200, page(lang, simText(lang, 'sim.consent.title'), `<p>${simText(lang, 'sim.consent.intro', { client })}</p><ul><li>${simText(lang, 'sim.consent.claims')}</li></ul>
<form method="post" action="${action}"><input type="hidden" name="prompt" value="consent"><button class="primary" type="submit" autofocus>${simText(lang, 'sim.consent.allow')}</button></form>
<a class="button secondary" href="${action}/abort">${simText(lang, 'sim.consent.deny')}</a>`));
    }
    return send(res, 501, errorPage(lang, 'not_implemented', details.prompt.name));
  }

  function loginPage(lang: SimulatorLang, action: string, details: Interaction, problem: string | null): string {
    const client = clientName(details.params.client_id);
    return page(lang, simText(lang, 'sim.login.title'), `<p>${simText(lang, 'sim.login.intro', { client })}</p>${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="${action}" autocomplete="off"><input type="hidden" name="prompt" value="login">
<label for="login">${simText(lang, 'sim.login.login')}</label><input id="login" name="login" required autofocus inputmode="text" value="${escapeHtml(String(details.params.login_hint ?? ''))}">
<label for="password">${simText(lang, 'sim.login.password')}</label><input id="password" name="password" type="password" required>
<button class="primary" type="submit">${simText(lang, 'sim.login.submit')}</button></form>
<p>${simText(lang, 'sim.login.hint')}</p>
<a class="button secondary" href="${action}/abort">${simText(lang, 'sim.consent.deny')}</a>`);
  }

  return (req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/abort)?\/?(?:\?.*)?$/.exec(req.url ?? '');
    if (!m) return handle(req, res);
    interaction(req, res, m[1]!, !!m[2]).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorPage('vi', 'server_error', err instanceof Error ? err.message : ''));
      else res.end();
    });
  };
}

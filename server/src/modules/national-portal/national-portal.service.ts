import type { AppContext } from '../../platform/context.js';
import { httpNationalPortal } from './national-portal.client.js';
import type { NationalPortal } from './national-portal.contract.js';
import { simulatorFor } from './national-portal.simulator.js';

const portals = new WeakMap<object, NationalPortal>();

/**
 * The national portal this server talks to: the configured one (NATIONAL_PORTAL_URL), else the local simulator over
 * the same protocol (demo and tests; production refuses it), else none — the sync rows then wait in the outbox.
 */
export function nationalPortalOf(ctx: Pick<AppContext, 'config' | 'clock'>): NationalPortal | null {
  const cached = portals.get(ctx);
  if (cached) return cached;
  const c = ctx.config;
  let portal: NationalPortal | null = null;
  const account = { username: c.nationalPortalUsername, password: c.nationalPortalPassword, agencyCode: c.nationalPortalAgencyCode, pullService: c.nationalPortalPullService, clock: ctx.clock };
  if (c.nationalPortalUrl) portal = httpNationalPortal({ baseUrl: c.nationalPortalUrl.replace(/\/+$/, ''), ...account });
  else if (c.nationalPortalSimulator && c.mode !== 'production') portal = httpNationalPortal({ baseUrl: 'http://dvcqg.simulator', ...account, fetch: simulatorFor(ctx).fetch });
  if (portal) portals.set(ctx, portal);
  return portal;
}

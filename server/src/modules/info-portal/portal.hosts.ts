import type { Queryable } from '../../platform/database.js';
import { siteHosts } from './portal.repo.js';

/**
 * Sites with their own host name (e.g. phuphai.tinhthu.gov.vn, pointed at this server by DNS): the host's root shows the
 * site's home. Every link on the site's pages is an absolute /trang/<slug>/… path, so only "/" needs rewriting; the rest
 * of the portal (/thu-tuc/…, /api, /assets) works unchanged on that host. The table is read at start and refreshed every
 * minute (and at once on the instance that saves a site), so several instances agree within a minute.
 */
let hosts = new Map<string, string>();

export async function refreshSiteHosts(q: Queryable): Promise<void> {
  hosts = await siteHosts(q);
}

/** For Fastify's `rewriteUrl`: "/" on a site's own host → "/trang/<slug>"; anything else is left alone. */
export function rewriteSiteHost(url: string, host: string | undefined): string {
  if (hosts.size === 0 || !host) return url;
  const path = url.split('?')[0];
  if (path !== '/' && path !== '') return url;
  const slug = hosts.get(host.replace(/:\d+$/, '').toLowerCase());
  return slug ? `/trang/${slug}${url.slice(path!.length)}` : url;
}

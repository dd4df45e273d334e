import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { firstDataKey } from '../../../portal/src/lib/first-data.js';
import { renderFirstScreen } from '../../../portal/src/ssr.js';
import { versionsQuery } from '../../../portal/src/features/procedures/components/ProvinceVersion.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROOT_SHELL = /<!--first-screen-->[\s\S]*<!--\/first-screen-->/;

/**
 * JSON inside `<script type="application/json">`: "<", ">" and "&" as \u escapes, so no value (a procedure named
 * `</script><script>…`) can end the element or open a comment; U+2028/2029 likewise. JSON.parse reads them back.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The stylesheet inside the page: the first paint waits for no second request (one round trip, ~0.6 s on slow 4G).
 * Styles inline are allowed by the CSP (style-src 'unsafe-inline'); scripts stay 'self' only.
 */
export function inlineStylesheet(html: string, webDir: string): string {
  return html.replace(/<link rel="stylesheet"[^>]*href="\/assets\/([^"]+\.css)"[^>]*>/g, (link, file: string) => {
    const css = path.join(webDir, 'assets', file);
    return fs.existsSync(css) ? `<style>${fs.readFileSync(css, 'utf8').replace(/<\/style/gi, '<\\/style')}</style>` : link;
  });
}

/** The API answers the first screen of `url` shows, or null when the page is not rendered on the server. */
function firstScreenRequests(url: string): string[] | null {
  const [pathname = '/'] = url.split('?');
  const contacts = firstDataKey('/api/units/contacts');
  // The home page without a search: the catalogue of every province, one card per procedure code (SearchPage apiQuery).
  if (url === '/') return [firstDataKey('/api/catalog/facets'), firstDataKey('/api/catalog/procedures', { distinct: 'code', limit: 20, offset: 0 }), contacts];
  if (pathname === '/') return [contacts];
  const m = /^\/thu-tuc\/([^/]+)\/?$/.exec(pathname);
  if (m && UUID.test(m[1]!)) return [firstDataKey(`/api/catalog/procedures/${m[1]!}`), contacts];
  return null;
}

/**
 * Answers that depend on a first one: a procedure page also shows whether other provinces publish the same procedure
 * (ProvinceVersion.tsx: a visitor the server cannot place is asked for the province above the facts), found by its code.
 */
function followUpRequests(url: string, data: Record<string, unknown>): string[] {
  const m = /^\/thu-tuc\/([^/?]+)\/?(\?|$)/.exec(url);
  const procedure = m && UUID.test(m[1]!) ? (data[firstDataKey(`/api/catalog/procedures/${m[1]!}`)] as { current?: { content?: { code?: unknown } } } | undefined) : undefined;
  const code = procedure?.current?.content?.code;
  return typeof code === 'string' ? [firstDataKey('/api/catalog/procedures', versionsQuery(code))] : [];
}

/** The portal's own pages one segment under /thu-tuc/ (portal/src/app/PortalApp.tsx); any other segment names a procedure. */
const THU_TUC_PAGES = new Set(['tra-cuu-ho-so', 'buu-chinh', 'thong-ke']);

/**
 * 404 for /thu-tuc/<segment> that is neither one of the portal's pages nor a published procedure (a mistyped or withdrawn
 * link): the browser still gets the portal, which says so in Vietnamese, and search engines drop the address.
 */
function firstScreenStatus(url: string, data: Record<string, unknown>): number {
  const m = /^\/thu-tuc\/([^/?]+)\/?(\?|$)/.exec(url);
  if (!m || THU_TUC_PAGES.has(m[1]!)) return 200;
  return UUID.test(m[1]!) && data[firstDataKey(`/api/catalog/procedures/${m[1]!}`)] !== undefined ? 200 : 404;
}

/**
 * The portal's home and procedure pages leave the server with their first screen: the content rendered by the portal's
 * own components (portal/src/ssr.tsx) and the answers it came from in `#first-data`, which the application reads instead
 * of asking again. A phone paints the content after one HTML answer, with no API round trip after the script
 * (issue 12: LCP). Other addresses get the page shell (header and placeholders).
 */
export async function firstScreenHtml(app: FastifyInstance, shell: string, url: string): Promise<{ html: string; status: number }> {
  const keys = firstScreenRequests(url);
  if (!keys) return { html: shell, status: firstScreenStatus(url, {}) };
  const data: Record<string, unknown> = {};
  const fetchAll = (list: string[]) =>
    Promise.all(
      list.map(async (key) => {
        const res = await app.inject({ method: 'GET', url: key });
        if (res.statusCode === 200) data[key] = res.json();
      }),
    );
  await fetchAll(keys);
  await fetchAll(followUpRequests(url, data));
  const content = renderFirstScreen(url, data);
  const html = shell.replace(ROOT_SHELL, () => content).replace('</body>', () => `<script type="application/json" id="first-data">${jsonForScript(data)}</script></body>`);
  return { html, status: firstScreenStatus(url, data) };
}

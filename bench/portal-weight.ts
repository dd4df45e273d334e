/**
 * The portal home page's first-load JavaScript, gzip-compressed: the entry script and every module it preloads, as
 * listed in the built dist/web/portal/index.html (lazily loaded pages such as the citizen area are not part of it).
 * Budget: 150 KB gzip. Run alone with `npx tsx bench/portal-weight.ts` (after `npm run build`); `npm run bench` includes it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const PORTAL_JS_BUDGET_BYTES = 150 * 1024;

export async function portalFirstLoad(webDir = path.resolve('dist/web')): Promise<{ files: { name: string; gzipBytes: number }[]; totalGzipBytes: number }> {
  const html = await fs.readFile(path.join(webDir, 'portal/index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => (m[1] ?? m[2])!);
  const files = await Promise.all(
    [...new Set(refs)].map(async (ref) => ({ name: path.basename(ref), gzipBytes: gzipSync(await fs.readFile(path.join(webDir, ref.replace(/^\//, '')))).length })),
  );
  return { files, totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}

/** The report's lines. */
export async function portalWeightLines(): Promise<string[]> {
  const { files, totalGzipBytes } = await portalFirstLoad();
  const kb = (b: number) => (b / 1024).toFixed(1);
  return [
    '## Portal first load',
    '',
    `Home page JavaScript (entry + preloaded modules, gzip): **${kb(totalGzipBytes)} KB** of the 150 KB budget — ${totalGzipBytes <= PORTAL_JS_BUDGET_BYTES ? 'within' : 'OVER'} budget.`,
    `Files: ${files.map((f) => `${f.name} ${kb(f.gzipBytes)} KB`).join(', ')}. The signed-in citizen pages load on demand.`,
  ];
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const lines = await portalWeightLines();
  process.stdout.write(`${lines.join('\n')}\n`);
  const { totalGzipBytes } = await portalFirstLoad();
  if (totalGzipBytes > PORTAL_JS_BUDGET_BYTES) process.exitCode = 1;
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * The journeys need the built bundles (dist/web). `npm test` builds first; when running `npm run test:e2e` alone on a
 * fresh checkout, build once here (set E2E_REBUILD=true to force a rebuild after changing the web code).
 */
export async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  const built = fs.existsSync(path.join(root, 'dist/web/portal/index.html')) && fs.existsSync(path.join(root, 'dist/web/web/index.html'));
  if (built && process.env.E2E_REBUILD !== 'true') return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

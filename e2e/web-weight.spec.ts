import path from 'node:path';
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUDGETS, firstLoad, firstLoadFiles, readManifest } from '../bench/web-weight.js';

/**
 * The first load of each page, measured on the build (dist/web, made by the e2e global setup when missing): the entry,
 * its static imports and their CSS, gzip. The console must stay under 300 KB gzip (issue 12), the portal under 150 KB.
 */
const webDir = path.resolve(import.meta.dirname, '../dist/web');

describe('first-load budgets of the built pages', () => {
  it.each(['console', 'portal'] as const)('%s: entry + static imports within budget', async (page) => {
    const weight = await firstLoad(page, webDir);
    expect(weight.files.length).toBeGreaterThan(1);
    expect(weight.totalGzipBytes, weight.files.map((f) => `${f.file} ${f.gzipBytes}`).join('\n')).toBeLessThanOrEqual(BUDGETS[page].bytes);
  });

  it('the console loads its screens, charts and editor on demand, not in the first load', async () => {
    const manifest = await readManifest(webDir);
    const first = new Set(firstLoadFiles(manifest, BUDGETS.console.entry));
    for (const screen of ['web/src/features/dossiers/components/QueuePage.tsx', 'web/src/features/reports/components/ReportsPage.tsx', 'web/src/features/info-portal/components/InfoPortalScreen.tsx']) {
      expect(manifest[screen], screen).toBeDefined();
      expect(first.has(manifest[screen]!.file), screen).toBe(false);
    }
  });

  it('every text asset has its .br and .gz beside it, no image has', async () => {
    const assets = await fs.readdir(path.join(webDir, 'assets'));
    const big = await Promise.all(assets.filter((f) => /\.(js|css)$/.test(f)).map(async (f) => ({ f, size: (await fs.stat(path.join(webDir, 'assets', f))).size })));
    for (const { f } of big.filter((x) => x.size >= 4096)) {
      expect(assets, f).toContain(`${f}.br`);
      expect(assets, f).toContain(`${f}.gz`);
    }
    expect(assets.filter((f) => /\.(png|jpe?g|webp|avif|woff2)\.(br|gz)$/.test(f))).toEqual([]);
  });
});

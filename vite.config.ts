import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressDir } from './server/src/platform/compression.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * One Vite build, two pages: the citizen portal (portal/index.html, React only, light) and the staff console
 * (web/index.html, React + antd). The server serves dist/web/portal/index.html at / and /thu-tuc/*,
 * dist/web/web/index.html at /console/*, and dist/web/assets/* as immutable files (server/src/app.ts installWeb).
 */
/** Dev only: the same URL → page mapping as the server, so /console/… and /thu-tuc/… reload to the right page. */
function pageFallback(): Plugin {
  return {
    name: 'mot-cua-page-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const pathname = url.split('?')[0] ?? '/';
        if (pathname === '/console' || pathname.startsWith('/console/')) req.url = '/web/index.html';
        else if (pathname === '/' || pathname.startsWith('/thu-tuc/') || pathname === '/cong-dan' || pathname.startsWith('/cong-dan/')) req.url = '/portal/index.html';
        next();
      });
    },
  };
}

/**
 * Build only: `<file>.br` and `<file>.gz` beside every text file of dist/web, served as they are by @fastify/static
 * (`preCompressed: true`) — the server compresses nothing per request for its assets.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'mot-cua-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: 'web/public',
  plugins: [react(), pageFallback(), precompress()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // dist/web/.vite/manifest.json: each page's entry and the chunks it imports, read by the first-load budget
    // (bench/web-weight.ts, e2e/web-weight.spec.ts).
    manifest: true,
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      input: {
        portal: fileURLToPath(new URL('portal/index.html', import.meta.url)),
        console: fileURLToPath(new URL('web/index.html', import.meta.url)),
      },
      output: {
        // A named vendor chunk for React (shared by both pages, changes less often than the app code). antd has no
        // group of its own: each of its components goes with the screens that use it (a single antd chunk was
        // 370 KB gzip in the console's first load; issue 12).
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|openapi-fetch)[\\/]/, priority: 20 }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});

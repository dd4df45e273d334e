import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  root,
  base: '/',
  publicDir: 'web/public',
  plugins: [react(), pageFallback()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      input: {
        portal: fileURLToPath(new URL('portal/index.html', import.meta.url)),
        console: fileURLToPath(new URL('web/index.html', import.meta.url)),
      },
      output: {
        // Named vendor chunks: React (shared by both pages) and antd (console only) change less often than the app code.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|openapi-fetch)[\\/]/, priority: 20 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@babel[\\/]runtime|classnames|clsx)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Text compression, in two places:
 * - at build time, `precompressDir` writes `<file>.br` and `<file>.gz` beside every text asset of dist/web, which
 *   @fastify/static (`preCompressed: true`, server/src/app.ts) serves to browsers that accept them, with
 *   `Content-Encoding` and `Vary: Accept-Encoding` — no CPU spent per request on files that never change;
 * - at run time, `installCompression` (@fastify/compress) compresses the server's own text answers (JSON, HTML pages)
 *   when they are large.
 * Images (PNG, JPEG, WebP, AVIF), fonts (WOFF2), PDFs and archives are compressed formats already: never touched.
 */

/** Files of a build worth compressing (text). */
const COMPRESSIBLE_FILE = /\.(js|mjs|css|html|svg|json|txt|xml|map|webmanifest)$/i;
/** Answers worth compressing (text). */
const COMPRESSIBLE_TYPE = /^(text\/|image\/svg\+xml|application\/(json|javascript|xml|[\w.-]+\+json|[\w.-]+\+xml)\b)/i;
/**
 * Below this an answer goes as it is: compressed, it would save well under one network packet (a TCP segment carries
 * ~1,460 bytes; brotli takes our JSON to ~45 %), and the server's CPU is not spent on it — a public tracking answer
 * (~1.1 KB) cost 0.06 ms of brotli for ~600 bytes saved. Lighthouse's text-compression audit ignores answers under the
 * same 1,400 bytes (bench/web-vitals.ts counts what it would flag), so every answer it would flag is compressed.
 */
export const COMPRESS_THRESHOLD_BYTES = 1400;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Compresses the server's text answers of at least COMPRESS_THRESHOLD_BYTES (JSON, HTML pages, a built file that has no
 * `.br`/`.gz`) for clients that accept it, with @fastify/compress: brotli at quality 4 (about gzip's speed, smaller
 * output) or gzip level 6, `Vary: Accept-Encoding` on what it compresses. Answers that already carry an encoding (the
 * precompressed assets) and types outside COMPRESSIBLE_TYPE (images, PDFs, archives, octet-stream downloads) are left
 * alone; request bodies are not decompressed (uploads keep their body limit as sent). Register before any route.
 */
export async function installCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE_TYPE,
    // A 256 KB window (BROTLI_PARAM_LGWIN 18, not the default 4 MB): answers are far smaller, and each compressor
    // allocates its window — a 13 KB dossier compresses to the same bytes in 0.12 ms instead of 0.20 ms.
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
    zlibOptions: { level: 6 },
    // Answers up to 64 KB (a dossier with its timeline is ~13 KB) are compressed in one synchronous call: a zlib
    // stream per answer costs more than the compression itself at these sizes (its setup, the thread-pool hand-off and
    // the encoder's window), ~0.9 ms of server CPU per intake answer against ~0.1 ms (bench/dossiers.ts). The library's
    // default on a 2-core machine is 8 KB; 64 KB at brotli quality 4 holds the event loop well under a millisecond.
    syncThreshold: 64 * 1024,
  });
}

export type PrecompressedFile = { file: string; bytes: number; gzipBytes: number | null; brotliBytes: number | null };

/**
 * Writes `<file>.gz` (gzip level 9) and `<file>.br` (brotli quality 11) beside every text file of `dir` (recursively)
 * of at least `minBytes`, keeping each only when it saves at least a tenth; older `.gz`/`.br` files are replaced.
 * Run at the end of `vite build` (vite.config.ts).
 */
export async function precompressDir(dir: string, options: { minBytes?: number } = {}): Promise<PrecompressedFile[]> {
  const minBytes = options.minBytes ?? COMPRESS_THRESHOLD_BYTES;
  const files = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && COMPRESSIBLE_FILE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    // Build metadata (.vite/manifest.json) is read from disk, never served.
    .filter((f) => !path.relative(dir, f).split(path.sep).some((segment) => segment.startsWith('.')));
  const out: PrecompressedFile[] = [];
  for (const file of files) {
    const content = await fs.readFile(file);
    const entry: PrecompressedFile = { file: path.relative(dir, file), bytes: content.length, gzipBytes: null, brotliBytes: null };
    await Promise.all([fs.rm(`${file}.gz`, { force: true }), fs.rm(`${file}.br`, { force: true })]);
    if (content.length >= minBytes) {
      const [gz, br] = await Promise.all([
        gzip(content, { level: 9 }),
        brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
      ]);
      if (gz.length <= content.length * 0.9) {
        await fs.writeFile(`${file}.gz`, gz);
        entry.gzipBytes = gz.length;
      }
      if (br.length <= content.length * 0.9) {
        await fs.writeFile(`${file}.br`, br);
        entry.brotliBytes = br.length;
      }
    }
    out.push(entry);
  }
  return out;
}

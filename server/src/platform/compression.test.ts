import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { freshDatabase } from '../../test/db.js';
import { loadConfig } from './config.js';
import { systemClock } from './clock.js';
import { diskFileStore } from './storage.js';
import { COMPRESS_THRESHOLD_BYTES, installCompression, precompressDir } from './compression.js';

/** A script of realistic text (repetitive like minified code), large enough to be worth compressing. */
const script = Array.from({ length: 400 }, (_, i) => `export function f${i}(a,b){return a.map((x)=>x*${i}+b).filter(Boolean)}`).join(';\n');
/** A PNG-named file of zeros: compressible bytes, yet an image is never compressed (its real format already is). */
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(8000)]);

function decode(res: LightMyRequestResponse): Buffer {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(res.rawPayload);
  if (enc === 'gzip') return gunzipSync(res.rawPayload);
  if (enc === undefined) return res.rawPayload;
  throw new Error(`unexpected encoding ${String(enc)}`);
}

describe('precompressDir', () => {
  it('writes .br and .gz beside text files worth it, never beside images, small files or build metadata', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-precompress-'));
    try {
      await fs.mkdir(path.join(dir, 'assets'));
      await fs.mkdir(path.join(dir, '.vite'));
      await fs.writeFile(path.join(dir, 'assets/app.js'), script);
      await fs.writeFile(path.join(dir, 'assets/tiny.css'), 'a{color:red}');
      await fs.writeFile(path.join(dir, 'assets/photo.png'), png);
      await fs.writeFile(path.join(dir, '.vite/manifest.json'), JSON.stringify({ x: script }));
      // A stale compressed copy of an older build is replaced.
      await fs.writeFile(path.join(dir, 'assets/app.js.gz'), 'stale');

      const report = await precompressDir(dir);

      const files = (await fs.readdir(dir, { recursive: true })).map(String).sort();
      expect(files).toEqual(['.vite', '.vite/manifest.json', 'assets', 'assets/app.js', 'assets/app.js.br', 'assets/app.js.gz', 'assets/photo.png', 'assets/tiny.css']);
      expect(gunzipSync(await fs.readFile(path.join(dir, 'assets/app.js.gz'))).toString()).toBe(script);
      expect(brotliDecompressSync(await fs.readFile(path.join(dir, 'assets/app.js.br'))).toString()).toBe(script);
      const app = report.find((r) => r.file === path.join('assets', 'app.js'))!;
      expect(app.brotliBytes!).toBeLessThan(app.gzipBytes!);
      expect(app.gzipBytes!).toBeLessThan(app.bytes / 4);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('compressed answers (real server, built assets precompressed)', () => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-compression-'));
    const webDir = path.join(dataDir, 'web');
    await fs.mkdir(path.join(webDir, 'assets'), { recursive: true });
    await fs.mkdir(path.join(webDir, 'portal'));
    await fs.mkdir(path.join(webDir, 'web'));
    const page = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng dịch vụ công</title></head><body>${'<p>Tra cứu thủ tục hành chính</p>'.repeat(60)}<script type="module" src="/assets/app.js"></script></body></html>`;
    await fs.writeFile(path.join(webDir, 'portal/index.html'), page);
    await fs.writeFile(path.join(webDir, 'web/index.html'), page);
    await fs.writeFile(path.join(webDir, 'assets/app.js'), script);
    await fs.writeFile(path.join(webDir, 'assets/photo.png'), png);
    await precompressDir(webDir);
    const config = loadConfig({ DATA_DIR: dataDir, JOBS: 'false', SEED_DEMO: 'false' });
    app = await buildApp({ config, db: fresh.db, clock: systemClock, files: diskFileStore(path.join(dataDir, 'files'), systemClock) }, { webDir });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('sends the precompressed asset to a browser that accepts it, the plain file to one that does not; both decode to the file', async () => {
    const plain = await app.inject({ url: '/assets/app.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.toString()).toBe(script);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    for (const [accept, encoding] of [['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip']] as const) {
      const res = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toMatch(/immutable/);
      expect(res.rawPayload.length).toBeLessThan(script.length / 4);
      expect(decode(res).toString()).toBe(script);
      // Exactly the bytes the build wrote: nothing compressed per request.
      expect(res.rawPayload.equals(await fs.readFile(path.join(dataDir, 'web/assets', `app.js.${encoding === 'br' ? 'br' : 'gz'}`)))).toBe(true);
    }
  });

  it('sends images as they are, whatever the browser accepts', async () => {
    const res = await app.inject({ url: '/assets/photo.png', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.equals(png)).toBe(true);
  });

  it('compresses a large JSON answer per Accept-Encoding, with Vary, and the decoded JSON is the plain one', async () => {
    const plain = await app.inject({ url: '/docs/json' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(10_000);
    for (const [accept, encoding] of [['br', 'br'], ['gzip, deflate, br, zstd', 'br'], ['gzip, deflate', 'gzip'], ['br;q=0.5, gzip', 'gzip']] as const) {
      const res = await app.inject({ url: '/docs/json', headers: { 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
      expect(JSON.parse(decode(res).toString())).toEqual(JSON.parse(plain.payload));
    }
  });

  it('compresses the HTML pages and API errors when large; small answers go as they are', async () => {
    const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(decode(page).toString()).toContain('Tra cứu thủ tục hành chính');

    const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary ?? '').not.toMatch(/accept-encoding/i);
    expect(small.json()).toEqual({ status: 'ok' });

    const error = await app.inject({ url: '/api/catalog/procedures/not-a-uuid', headers: { 'accept-encoding': 'br' } });
    expect(error.statusCode).toBeGreaterThanOrEqual(400);
    expect(error.statusCode).toBeLessThan(500);
    expect(JSON.parse(decode(error).toString())).toHaveProperty('code');
  });

  it('compresses from the threshold up: an answer a byte shorter goes as it is, one at the threshold compressed', async () => {
    const bare = Fastify();
    await installCompression(bare);
    // A JSON answer of exactly `n` bytes.
    const padTo = (n: number) => `{"text":"${'a'.repeat(n - 11)}"}`;
    bare.get('/n/:n', async (request, reply) => reply.type('application/json; charset=utf-8').send(padTo(Number((request.params as { n: string }).n))));
    try {
      const below = await bare.inject({ url: `/n/${COMPRESS_THRESHOLD_BYTES - 1}`, headers: { 'accept-encoding': 'br, gzip' } });
      expect([below.headers['content-encoding'], below.rawPayload.length]).toEqual([undefined, COMPRESS_THRESHOLD_BYTES - 1]);
      const at = await bare.inject({ url: `/n/${COMPRESS_THRESHOLD_BYTES}`, headers: { 'accept-encoding': 'br, gzip' } });
      expect(at.headers['content-encoding']).toBe('br');
      expect(decode(at).length).toBe(COMPRESS_THRESHOLD_BYTES);
      expect(at.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES / 10);
    } finally {
      await bare.close();
    }
  });

  it('the home and a procedure page carry their first answers inside (web/first-screen.ts), so nothing is preloaded', async () => {
    // An unknown procedure (an id nobody published, a segment that is no id) is a 404 carrying the portal's page.
    for (const [url, status] of [['/', 200], ['/thu-tuc/0b9f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70', 404], ['/thu-tuc/tra-cuu-ho-so', 200], ['/thu-tuc/buu-chinh?thu-tuc=x', 200], ['/?q=khai%20sinh', 200], ['/thu-tuc/%3Cscript%3E', 404]] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.payload, url).not.toContain('rel="preload"');
    }
    expect((await app.inject({ url: '/' })).payload).toContain('<script type="application/json" id="first-data">');
  });
});

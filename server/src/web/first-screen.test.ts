import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { freshDatabase } from '../../test/db.js';
import { buildProcedureContent, buildStaff, buildUnit } from '../../test/factories.js';
import { injectAs, login } from '../../test/app.js';
import { loadConfig } from '../platform/config.js';
import { systemClock } from '../platform/clock.js';
import { diskFileStore } from '../platform/storage.js';
import type { Db } from '../platform/database.js';
import { jsonForScript } from './first-screen.js';

/** The portal page as the build writes it: a stylesheet link, the shell between the first-screen markers, the script. */
const SHELL = `<!doctype html><html lang="vi"><head><title>Cổng</title><script type="module" crossorigin src="/assets/portal-x.js"></script><link rel="stylesheet" crossorigin href="/assets/portal-x.css"></head>
<body><div id="root"><!--first-screen--><main class="skeleton">Đang tải…</main><!--/first-screen--></div></body></html>`;
const EVIL = '</script><script>alert(1)</script>';

let app: FastifyInstance;
let drop: () => Promise<void>;
let dataDir: string;
let procedureId: string;
let db: Db;

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  db = fresh.db;
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-first-screen-'));
  const webDir = path.join(dataDir, 'web');
  await fs.mkdir(path.join(webDir, 'portal'), { recursive: true });
  await fs.mkdir(path.join(webDir, 'assets'));
  await fs.writeFile(path.join(webDir, 'portal/index.html'), SHELL);
  await fs.writeFile(path.join(webDir, 'assets/portal-x.css'), '.hero{color:red}');
  const ctx = { config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false', SEED_DEMO: 'false' }), db: fresh.db, clock: systemClock, files: diskFileStore(path.join(dataDir, 'files'), systemClock) };
  app = await buildApp(ctx, { webDir });
  await app.ready();
  const province = await buildUnit(fresh.db, { kind: 'province', name: 'Tỉnh Thử' });
  await buildStaff(fresh.db, 'quantri', [{ role: 'admin', unit: province }]);
  const admin = await login(app, 'quantri');
  const created = await injectAs(app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: province.id, content: buildProcedureContent({ name: EVIL }) } });
  expect(created.statusCode, created.body).toBe(201);
  procedureId = created.json().id;
  const published = await injectAs(app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  expect(published.statusCode, published.body).toBe(200);
});
afterAll(async () => {
  await app.close();
  await drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The JSON the page carries, read as the browser's application reads it. */
function firstData(html: string): Record<string, unknown> {
  const m = /<script type="application\/json" id="first-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m, 'no #first-data').not.toBeNull();
  return JSON.parse(m![1]!) as Record<string, unknown>;
}

describe('the portal\'s first screen, rendered by the server', () => {
  it('a procedure page carries the procedure rendered and as data; a name made of </script> stays text in both', async () => {
    const res = await app.inject({ url: `/thu-tuc/${procedureId}` });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    // Exactly the page's own script and the data element: the name opened no script of its own.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
    const data = firstData(html) as Record<string, { current: { content: { name: string } } }>;
    expect(data[`/api/catalog/procedures/${procedureId}`]!.current.content.name).toBe(EVIL);
    // The content is in the HTML (escaped text), the shell's placeholder is gone, the stylesheet is inline.
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('class="skeleton"');
    expect(html).toContain('<style>.hero{color:red}</style>');
    expect(html).not.toContain('portal-x.css');
    // Scripts stay 'self' only.
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
  });

  it('the home page carries the catalogue the application asks first, and the cards are in the HTML', async () => {
    const html = (await app.inject({ url: '/' })).body;
    const data = firstData(html);
    expect(Object.keys(data).sort()).toEqual(['/api/catalog/facets', '/api/catalog/procedures?distinct=code&limit=20&offset=0', '/api/units/contacts']);
    expect((data['/api/catalog/procedures?distinct=code&limit=20&offset=0'] as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([procedureId]);
    expect(html).toContain('class="card-title"');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
  });

  it('another address, an unknown procedure or a search gets the shell without data', async () => {
    for (const url of ['/thu-tuc/tra-cuu-ho-so', '/thu-tuc/00000000-0000-4000-8000-000000000000', '/?q=ket+hon']) {
      const html = (await app.inject({ url })).body;
      const data = /id="first-data">([\s\S]*?)<\/script>/.exec(html);
      if (data) expect(Object.keys(JSON.parse(data[1]!) as object).filter((k) => k.startsWith('/api/catalog/procedures')), url).toEqual([]);
    }
  });

  it('an unknown procedure is a 404 carrying the portal (a Vietnamese page); the portal\'s own pages under /thu-tuc/ are 200', async () => {
    for (const [url, status] of [[`/thu-tuc/${procedureId}`, 200], ['/thu-tuc/00000000-0000-4000-8000-000000000000', 404], ['/thu-tuc/1.001193', 404], ['/thu-tuc/thong-ke', 200], ['/thu-tuc/tra-cuu-ho-so?ma=NOP-1', 200]] as const) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(status);
      expect(res.body, url).toContain('<html lang="vi"');
    }
  });

  // Last: it adds a second province's version, which the home page's one-card-per-code list would then show instead.
  it('a procedure several provinces publish carries their versions, and the page asks a visitor it cannot place for the province in the HTML', async () => {
    const before = await app.inject({ url: `/thu-tuc/${procedureId}` });
    const code = (firstData(before.body)[`/api/catalog/procedures/${procedureId}`] as { current: { content: { code: string } } }).current.content.code;
    const versionsKey = `/api/catalog/procedures?code=${encodeURIComponent(code)}&limit=100`;
    // One province: the versions answer lists only this one, and the page offers to submit (no choice).
    expect((firstData(before.body)[versionsKey] as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([procedureId]);
    expect(before.body).not.toContain('data-testid="province-choice"');

    const other = await buildUnit(db, { kind: 'province', name: 'Tỉnh Khác' });
    await buildStaff(db, 'quantri2', [{ role: 'admin', unit: other }]);
    const admin = await login(app, 'quantri2');
    const created = await injectAs(app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: other.id, content: buildProcedureContent({ name: 'Thủ tục của tỉnh khác', code }) } });
    expect(created.statusCode, created.body).toBe(201);
    const otherId = created.json().id as string;
    const published = await injectAs(app, admin, { method: 'POST', url: `/api/procedures/${otherId}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(published.statusCode, published.body).toBe(200);

    const res = await app.inject({ url: `/thu-tuc/${procedureId}` });
    const data = firstData(res.body);
    expect(Object.keys(data).sort()).toEqual([`/api/catalog/procedures/${procedureId}`, versionsKey, '/api/units/contacts'].sort());
    expect((data[versionsKey] as { items: { id: string }[] }).items.map((i) => i.id).sort()).toEqual([procedureId, otherId].sort());
    // The choice the browser's application shows after it starts is already in the HTML: nothing moves when it does.
    expect(res.body).toContain('data-testid="province-choice"');
    expect(res.body).toContain('Tỉnh Khác');
    expect(res.body).not.toContain('class="submit-online"');
  });

  it('escapes what could end the script element or open a comment', () => {
    const text = jsonForScript({ a: '</script><!-- & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!-- & \u2028' });
  });
});

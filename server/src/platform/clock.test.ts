import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import type { Db } from './database.js';

/**
 * Every time the application writes comes from the injected clock (platform/clock.ts). A moved clock in a test, a
 * replayed import or a server whose database runs on another host's time would otherwise see two different "nows":
 * the daily report once found its own e-mail "not yet due" because the outbox was stamped with the database's hour.
 */
const serverSrc = path.resolve(import.meta.dirname, '..');

/**
 * Reading the machine's time is the clock's job alone. Not domain data: a log line's own timestamp, the hour a
 * migration was applied to this database, and the in-process window of the public rate limiter.
 */
const allowed = new Set(['platform/clock.ts', 'platform/log.ts', 'platform/migrations.ts', 'platform/rate-limit.ts']);

const forbidden: { name: string; re: RegExp }[] = [
  { name: 'SQL now()', re: /(?<![\w.])now\(\)/i },
  { name: 'SQL CURRENT_TIMESTAMP / CURRENT_DATE / LOCALTIMESTAMP', re: /\b(current_timestamp|current_date|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp)\b/i },
  { name: 'new Date() without an argument', re: /new Date\(\s*\)/ },
  { name: 'Date.now()', re: /\bDate\.now\(\)/ },
];

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('the clock', () => {
  it('is the only source of the current time in the server code', async () => {
    const offences: string[] = [];
    for (const file of await sourceFiles(serverSrc)) {
      const rel = path.relative(serverSrc, file).split(path.sep).join('/');
      if (allowed.has(rel)) continue;
      const lines = (await fs.readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        for (const f of forbidden) if (f.re.test(line.replace(/clock\.now\(\)|\.now\(\): Date|now\(\): Date/g, ''))) offences.push(`${rel}:${i + 1} ${f.name}: ${line.trim()}`);
      });
    }
    expect(offences).toEqual([]);
  });

  describe('in the schema', () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await freshDatabase());
    });
    afterAll(() => drop());

    it('no column defaults to the database time (an INSERT that forgets a time fails instead)', async () => {
      const { rows } = await db.query<{ col: string }>(
        `SELECT table_name || '.' || column_name AS col FROM information_schema.columns
          WHERE table_schema = 'public' AND column_default ~* '(now\\(\\)|current_timestamp|clock_timestamp|localtimestamp)'
            AND table_name <> 'schema_migration'
          ORDER BY 1`,
      );
      expect(rows.map((r) => r.col)).toEqual([]);
    });

    it('no function or trigger of ours reads the database time', async () => {
      const { rows } = await db.query<{ name: string }>(
        `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public' AND p.prosrc ~* '(\\mnow\\(\\)|current_timestamp|clock_timestamp|localtimestamp|current_date)'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
          ORDER BY 1`,
      );
      expect(rows.map((r) => r.name)).toEqual([]);
    });
  });
});

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../..');
/** The one file that may write a dossier's state (dossier.ledger.ts). */
const LEDGER = path.join('modules', 'dossiers', 'dossier.ledger.ts');
/** Statements that change a dossier's row, steps or log. */
const writes = [/\bUPDATE\s+dossier(_step)?\b(?!_)/i, /\bINSERT\s+INTO\s+dossier(_step|_action)?\s*\(/i, /\bDELETE\s+FROM\s+dossier(_step|_action)?\b(?!_)/i, /\bTRUNCATE\s+(TABLE\s+)?dossier(_step|_action)?\b(?!_)/i];

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sources(p)));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('the ledger is the one writer of dossier state', () => {
  it('no file outside dossier.ledger.ts updates dossier or dossier_step, or inserts into the action log', async () => {
    const offenders: string[] = [];
    for (const file of await sources(SRC)) {
      const rel = path.relative(SRC, file);
      if (rel === LEDGER) continue;
      const text = await readFile(file, 'utf8');
      for (const w of writes) {
        for (const m of text.matchAll(new RegExp(w.source, 'gi'))) offenders.push(`${rel}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the checker sees a write when there is one', () => {
    // Guard against a pattern that can never match (the test above would then pass for nothing).
    for (const sql of ['UPDATE dossier SET status = $2', 'update dossier_step set due_at = $1', 'INSERT INTO dossier_action (dossier_id)', 'INSERT INTO dossier (code)']) {
      expect(writes.some((w) => w.test(sql)), sql).toBe(true);
    }
    for (const sql of ['UPDATE dossier_code_counter SET', 'INSERT INTO dossier_file (dossier_id)', 'SELECT * FROM dossier d']) {
      expect(writes.some((w) => w.test(sql)), sql).toBe(false);
    }
  });
});

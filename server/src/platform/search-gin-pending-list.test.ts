import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import type { Db } from './database.js';

/**
 * Search GIN indexes are built without a pending list (fastupdate = off): with one, every search reads the whole
 * unmerged list — up to 4 MB — whatever it looks for (figures in migration 20261211200002). A new search GIN must say so.
 */
let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
});
afterAll(() => drop());

/** GIN indexes that are not searches: a few rows read by an exact key. */
const NOT_SEARCHES = ['webhook_subscription_active_idx'];

describe('search GIN indexes', () => {
  it('keep no pending list', async () => {
    const { rows } = await db.query<{ name: string; options: string[] | null }>(
      `SELECT c.relname AS name, c.reloptions AS options
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
        WHERE a.amname = 'gin' AND c.relnamespace = 'public'::regnamespace ORDER BY 1`,
    );
    const searches = rows.filter((r) => !NOT_SEARCHES.includes(r.name));
    expect(searches.map((r) => r.name)).toEqual(expect.arrayContaining(['feedback_public_words_idx', 'feedback_search_trgm_idx', 'portal_article_search_idx', 'procedure_search_trgm_idx']));
    expect(searches.filter((r) => !(r.options ?? []).includes('fastupdate=off')).map((r) => r.name)).toEqual([]);
  });
});

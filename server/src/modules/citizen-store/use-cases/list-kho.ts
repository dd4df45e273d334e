import type { Db } from '../../../platform/database.js';
import { DomainError } from '../../../platform/errors.js';
import { listStore } from '../../citizens/citizen.repo.js';
import type { CitizenStore } from '../citizen-store.adapter.js';
import { mergeKho, type KhoItem } from '../kho.rules.js';
import { listNationalStore, type NationalStoreItem } from './take-from-store.js';

export type KhoView = {
  items: KhoItem[];
  /** Whether the national store could be read: `unverified` (no proven CCCD opens it), `unavailable` (not reachable). */
  nationalStore: 'available' | 'unverified' | 'unavailable';
};

/**
 * The citizen's "Kho dữ liệu" as one list (ND 45/2020 Điều 16): what they keep on our portal and what the national
 * store holds for their proven CCCD — the results pushed there by the outbox (citizen-store.jobs.ts) among them. The
 * local store is always listed; the national one only when it opens, and the view says why not otherwise.
 */
export async function listKho(deps: { db: Db; store: CitizenStore }, citizenId: string): Promise<KhoView> {
  const local = await listStore(deps.db, citizenId);
  let national: NationalStoreItem[] = [];
  let nationalStore: KhoView['nationalStore'] = 'available';
  try {
    national = await listNationalStore(deps, citizenId);
  } catch (err) {
    // The local store does not wait for the national one: an unproven number or an outage only says so.
    nationalStore = err instanceof DomainError && err.code === 'CITIZEN_STORE.ID_NOT_VERIFIED' ? 'unverified' : 'unavailable';
  }
  // What we pushed there from a result we hold: the same content, listed once.
  const { rows } = await deps.db.query<{ storeId: string; sha256: string }>(
    `SELECT national_store_id AS "storeId", sha256 FROM citizen_store_push WHERE national_store_id = ANY($1::text[])`,
    [national.map((n) => n.storeId)],
  );
  return { items: mergeKho(local, national, new Map(rows.map((r) => [r.storeId, r.sha256]))), nationalStore };
}

import { createHash } from 'node:crypto';
import type { Queryable } from '../../../platform/database.js';

export type ChainBreak = { id: number | null; seq: number; reason: string };
export type ChainReport = { entries: number; headHash: string | null; firstBreak: ChainBreak | null };

const BATCH = 5000;

/**
 * Walks the audit chain in order and recomputes every link: the sequence has no gap, each entry names its predecessor's
 * hash, and its own hash is the SHA-256 of its content (audit_log_payload) — computed here, outside the database, so a
 * row edited by anyone, even a superuser with the triggers off, no longer matches. The chain head must be the last entry
 * (a deleted tail shows there). Anyone able to rewrite every later hash can still forge the chain: keep the printed head
 * hash somewhere else (the daily report, a ticket) to anchor it.
 */
export async function verifyAuditChain(q: Queryable): Promise<ChainReport> {
  let expectedSeq = 1;
  let previous: string | null = null;
  let entries = 0;
  for (;;) {
    const { rows } = await q.query<{ id: number; seq: number; prevHash: string | null; hash: string; payload: string }>(
      `SELECT id, seq, prev_hash AS "prevHash", hash, audit_log_payload(a) AS payload
         FROM audit_log a WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, BATCH],
    );
    for (const r of rows) {
      if (r.seq !== expectedSeq) return broken(entries, previous, { id: null, seq: expectedSeq, reason: `thiếu bản ghi số ${expectedSeq} (missing entry)` });
      if (r.prevHash !== previous) return broken(entries, previous, { id: r.id, seq: r.seq, reason: 'mã băm liền trước không khớp (predecessor hash differs)' });
      const computed = createHash('sha256').update(r.payload, 'utf8').digest('hex');
      if (computed !== r.hash) return broken(entries, previous, { id: r.id, seq: r.seq, reason: 'nội dung đã bị sửa (content does not match its hash)' });
      previous = r.hash;
      expectedSeq++;
      entries++;
    }
    if (rows.length < BATCH) break;
  }
  const { rows: head } = await q.query<{ seq: number; hash: string | null }>('SELECT seq, hash FROM audit_chain_head');
  const h = head[0];
  if (!h || h.seq !== entries || h.hash !== previous) {
    return broken(entries, previous, { id: null, seq: entries + 1, reason: `đầu chuỗi ghi số ${h?.seq ?? '?'} nhưng chỉ còn ${entries} bản ghi (entries removed from the end)` });
  }
  return { entries, headHash: previous, firstBreak: null };
}

function broken(entries: number, headHash: string | null, firstBreak: ChainBreak): ChainReport {
  return { entries, headHash, firstBreak };
}

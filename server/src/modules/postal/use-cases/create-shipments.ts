import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { AppConfig } from '../../../platform/config.js';
import { isMobileVn } from '../../applicants/phone.rules.js';
import { enqueueNotification } from '../../notifications/notification.repo.js';
import { formatVn } from '../../working-calendar/vn-time.js';
import { postalStaffOf } from '../postal.repo.js';
import { postalDueAt } from '../postal.rules.js';
import { postalServiceFor } from '../postal.service.js';

type Deps = { db: Db; clock: Clock; config: AppConfig };
type Candidate = { id: string; code: string; receivingPath: string; applicant: { fullName: string; phone: string | null; email: string | null; address: string | null }; address: string | null; phone: string | null; processingTime: { amount: number; unit: 'working_day' | 'working_hour' | 'same_day' } };

/**
 * Creates the shipment of every result that is ready and goes back by post (Quyết định 45/2016/QĐ-TTg Điều 8–9), and
 * tells the area's postal staff and the citizen. Why a scan and not a hook in act-on-dossier.ts: the dossier module stays
 * unaware of the postal service, and a scan also catches dossiers switched to delivery by post after approval. It is
 * safe with many instances (rows taken with SKIP LOCKED) and idempotent (one shipment per dossier, a unique key). It runs
 * every minute (postal.jobs.ts) and when a postal worker opens their deliveries, so the list is never stale.
 * Then the operator gives each new shipment its tracking code (outside the transaction; idempotent on the shipment id).
 */
export async function createDueShipments(deps: Deps, paths: string[] | null = null, limit = 100): Promise<number> {
  const now = deps.clock.now();
  const created = await withTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<Candidate>(
      `SELECT d.id, d.code, d.receiving_path AS "receivingPath", d.applicant, coalesce(a.address, p.pickup_address, d.applicant->>'address') AS address,
              coalesce(a.phone, p.phone, d.applicant->>'phone') AS phone, pr.processing_time AS "processingTime"
         FROM dossier d JOIN procedure pr ON pr.id = d.procedure_id
         LEFT JOIN postal_delivery_address a ON a.dossier_id = d.id LEFT JOIN postal_pickup p ON p.dossier_id = d.id
        WHERE d.status = 'result_ready' AND d.result_delivery = 'post' AND NOT EXISTS (SELECT 1 FROM postal_shipment s WHERE s.dossier_id = d.id)
          AND ($1::text[] IS NULL OR d.receiving_path LIKE ANY (SELECT x || '%' FROM unnest($1::text[]) x))
        ORDER BY d.finished_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      [paths, limit],
    );
    let n = 0;
    for (const d of rows) {
      const dueAt = postalDueAt(now, d.processingTime);
      const address = d.address ?? 'Địa chỉ theo hồ sơ (cần xác nhận với người dân)';
      const ins = await tx.query(
        `INSERT INTO postal_shipment (dossier_id, receiving_path, status, recipient_name, address, phone, due_at, created_at, updated_at)
         VALUES ($1, $2, 'created', $3, $4, $5, $6, $7, $7) ON CONFLICT (dossier_id) DO NOTHING`,
        [d.id, d.receivingPath, d.applicant.fullName, address, d.phone, dueAt, now],
      );
      if (ins.rowCount === 0) continue;
      n++;
      const when = dueAt ? ` Hạn phát: ${formatVn(dueAt).slice(0, 16).replace('T', ' ')} (thủ tục trong ngày).` : '';
      // Điều 8 k3: the agency notifies both the postal worker and the citizen that the result is ready.
      for (const s of await postalStaffOf(tx, d.receivingPath)) {
        const body = `Hồ sơ ${d.code} đã có kết quả, cần nhận tại bộ phận một cửa và phát đến ${d.applicant.fullName}, ${address}.${when}`;
        if (s.email) await enqueueNotification(tx, { channel: 'email', recipient: s.email, subject: `[Một Cửa] Kết quả cần phát: hồ sơ ${d.code}`, body, templateKey: 'postal.shipment-created', dossierId: d.id }, now);
        if (s.phone && isMobileVn(s.phone)) await enqueueNotification(tx, { channel: 'sms', recipient: s.phone, body: `Mot Cua: ho so ${d.code} co ket qua can phat qua buu dien.`, templateKey: 'postal.shipment-created', dossierId: d.id }, now);
      }
      const phone = d.phone ?? d.applicant.phone;
      if (phone && isMobileVn(phone)) {
        await enqueueNotification(tx, { channel: 'sms', recipient: phone, body: `Mot Cua: ket qua ho so ${d.code} se duoc buu dien phat den dia chi cua ong/ba.`, templateKey: 'postal.shipment-created', dossierId: d.id }, now);
      }
    }
    return n;
  });
  await assignTrackingCodes(deps, paths);
  return created;
}

/** Asks the operator for the tracking code of shipments that have none yet (a retry after an outage picks them up). */
async function assignTrackingCodes(deps: Deps, paths: string[] | null): Promise<void> {
  const { rows } = await deps.db.query<{ id: string; recipientName: string; address: string; phone: string | null }>(
    `SELECT id, recipient_name AS "recipientName", address, phone FROM postal_shipment
      WHERE tracking_code IS NULL AND ($1::text[] IS NULL OR receiving_path LIKE ANY (SELECT x || '%' FROM unnest($1::text[]) x)) LIMIT 100`,
    [paths],
  );
  const service = postalServiceFor(deps);
  for (const s of rows) {
    try {
      const { trackingCode } = await service.createOrder({ reference: `shipment:${s.id}`, kind: 'delivery', recipientName: s.recipientName, address: s.address, phone: s.phone });
      await deps.db.query(`UPDATE postal_shipment SET tracking_code = $2, updated_at = $3 WHERE id = $1 AND tracking_code IS NULL`, [s.id, trackingCode, deps.clock.now()]);
    } catch {
      // The operator is unreachable: the next run tries again.
      return;
    }
  }
}

import type { Queryable } from '../../platform/database.js';
import type { TPickup, TShipment } from './postal.contract.js';
import { pickupStatusLabels, shipmentStatusLabels, type PickupStatus, type ShipmentStatus } from './postal.rules.js';

const pickupSql = `SELECT p.id, p.confirmation_code AS "confirmationCode", p.procedure_id AS "procedureId", p.procedure_name AS "procedureName",
    p.receiving_unit_id AS "receivingUnitId", u.name AS "receivingUnitName", p.receiving_path AS "receivingPath", p.applicant,
    p.pickup_address AS address, p.phone, p.preferred_time AS "preferredTime", p.requested_via AS "requestedVia", p.result_delivery AS "resultDelivery",
    p.status, p.due_at AS "dueAt", p.tracking_code AS "trackingCode", p.documents, p.fee_vnd AS "feeVnd", p.fee_receipt_no AS "feeReceiptNo",
    p.postage_vnd AS "postageVnd", p.picked_up_by_name AS "pickedUpByName", p.picked_up_at AS "pickedUpAt", p.citizen_signed_name AS "citizenSignedName",
    p.handed_over_at AS "handedOverAt", p.desk_signed_name AS "deskSignedName", p.postal_signed_name AS "postalSignerName", p.dossier_id AS "dossierId",
    d.code AS "dossierCode", p.cancel_reason AS "cancelReason", p.created_at AS "createdAt"
  FROM postal_pickup p JOIN unit u ON u.id = p.receiving_unit_id LEFT JOIN dossier d ON d.id = p.dossier_id`;

export type PickupRow = Omit<TPickup, 'statusLabel'> & { receivingPath: string };

const withPickupLabel = (r: PickupRow) => ({ ...r, statusLabel: pickupStatusLabels[r.status] });

export async function getPickup(q: Queryable, id: string, lock = false): Promise<(PickupRow & { statusLabel: string }) | null> {
  const { rows } = await q.query<PickupRow>(`${pickupSql} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id]);
  return rows[0] ? withPickupLabel(rows[0]) : null;
}

/** Pickup orders under the given unit paths (the postal area, the desk), newest first, keyset-free small pages. */
export async function listPickups(q: Queryable, p: { paths: string[]; status?: PickupStatus; limit: number }) {
  const { rows } = await q.query<PickupRow>(
    `${pickupSql} WHERE p.receiving_path LIKE ANY (SELECT x || '%' FROM unnest($1::text[]) x) AND ($2::text IS NULL OR p.status = $2)
      ORDER BY (p.status IN ('requested', 'picked_up')) DESC, p.due_at NULLS LAST, p.created_at DESC LIMIT $3`,
    [p.paths, p.status ?? null, p.limit],
  );
  return rows.map(withPickupLabel);
}

export type NewPickup = {
  confirmationCode: string; procedureId: string; procedureName: string; receivingUnitId: string; receivingPath: string;
  applicant: { kind: string; idNumber: string; fullName: string; email: string | null }; address: string; phone: string; preferredTime: string | null;
  requestedVia: 'portal' | 'phone'; requestedBy: string | null; resultDelivery: 'desk' | 'post'; dueAt: Date | null; createdAt: Date;
};

export async function insertPickup(q: Queryable, n: NewPickup): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO postal_pickup (confirmation_code, procedure_id, procedure_name, receiving_unit_id, receiving_path, applicant, pickup_address, phone,
       preferred_time, requested_via, requested_by, result_delivery, status, due_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'requested', $13, $14, $14) RETURNING id`,
    [n.confirmationCode, n.procedureId, n.procedureName, n.receivingUnitId, n.receivingPath, JSON.stringify(n.applicant), n.address, n.phone,
      n.preferredTime, n.requestedVia, n.requestedBy, n.resultDelivery, n.dueAt, n.createdAt],
  );
  return rows[0]!.id;
}

export async function updatePickup(q: Queryable, id: string, set: Record<string, unknown>, now: Date): Promise<void> {
  const cols = Object.keys(set);
  await q.query(`UPDATE postal_pickup SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = $2 WHERE id = $1`, [id, now, ...cols.map((c) => set[c])]);
}

export type ProcedureFacts = { id: string; name: string; status: string; postalIntake: boolean; postalReturn: boolean; processingTime: { amount: number; unit: 'working_day' | 'working_hour' | 'same_day' } };

export async function getProcedureFacts(q: Queryable, id: string): Promise<ProcedureFacts | null> {
  const { rows } = await q.query<ProcedureFacts>(
    `SELECT id, name, status, postal_intake AS "postalIntake", postal_return AS "postalReturn", processing_time AS "processingTime" FROM procedure WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

// --- Shipments -------------------------------------------------------------------------------------------------------

const shipmentSql = `SELECT s.id, s.dossier_id AS "dossierId", d.code AS "dossierCode", d.procedure_name AS "procedureName", s.tracking_code AS "trackingCode",
    s.status, s.recipient_name AS "recipientName", s.address, s.phone, s.due_at AS "dueAt", s.attempts, s.originals, s.handed_over_at AS "handedOverAt",
    s.delivered_at AS "deliveredAt", s.received_by AS "receivedBy", s.fail_reason AS "failReason", s.returned_at AS "returnedAt",
    s.receiving_path AS "receivingPath",
    (SELECT coalesce(json_agg(json_build_object('kind', c.kind, 'amountVnd', c.amount_vnd, 'chargedTo', c.charged_to, 'reason', c.reason, 'createdAt', c.created_at)
            ORDER BY c.created_at), '[]') FROM postal_charge c WHERE c.shipment_id = s.id) AS charges
  FROM postal_shipment s JOIN dossier d ON d.id = s.dossier_id`;

export type ShipmentRow = Omit<TShipment, 'statusLabel'> & { receivingPath: string };
type RawShipment = Omit<ShipmentRow, 'charges'> & { charges: (Omit<TShipment['charges'][number], 'createdAt'> & { createdAt: string })[] };

const shipmentOut = (r: RawShipment) => ({ ...r, charges: r.charges.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })), statusLabel: shipmentStatusLabels[r.status] });

export async function getShipment(q: Queryable, by: { id?: string; trackingCode?: string }, lock = false) {
  const { rows } = await q.query<RawShipment>(`${shipmentSql} WHERE ${by.id ? 's.id = $1' : 's.tracking_code = $1'}${lock ? ' FOR UPDATE OF s' : ''}`, [by.id ?? by.trackingCode]);
  return rows[0] ? shipmentOut(rows[0]) : null;
}

export async function listShipments(q: Queryable, p: { paths: string[]; status?: ShipmentStatus; limit: number }) {
  const { rows } = await q.query<RawShipment>(
    `${shipmentSql} WHERE s.receiving_path LIKE ANY (SELECT x || '%' FROM unnest($1::text[]) x) AND ($2::text IS NULL OR s.status = $2)
      ORDER BY (s.status IN ('created', 'handed_over', 'failed')) DESC, s.due_at NULLS LAST, s.created_at DESC LIMIT $3`,
    [p.paths, p.status ?? null, p.limit],
  );
  return rows.map(shipmentOut);
}

export async function updateShipment(q: Queryable, id: string, set: Record<string, unknown>, now: Date): Promise<void> {
  const cols = Object.keys(set);
  await q.query(`UPDATE postal_shipment SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, updated_at = $2 WHERE id = $1`, [id, now, ...cols.map((c) => set[c])]);
}

export async function insertCharge(
  q: Queryable,
  c: { shipmentId: string | null; pickupId: string | null; kind: 'redelivery' | 'pickup_again' | 'other'; amountVnd: number; chargedTo: string; reason: string; createdBy: string | null; createdByName: string },
  now: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO postal_charge (shipment_id, pickup_id, kind, amount_vnd, charged_to, reason, created_by, created_by_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.shipmentId, c.pickupId, c.kind, c.amountVnd, c.chargedTo, c.reason, c.createdBy, c.createdByName, now],
  );
}

/** Postal staff of the area of a unit path (a grant at that unit or above it), for notifications. */
export async function postalStaffOf(q: Queryable, receivingPath: string): Promise<{ name: string; email: string | null; phone: string | null }[]> {
  const { rows } = await q.query<{ name: string; email: string | null; phone: string | null }>(
    `SELECT DISTINCT s.full_name AS name, s.email, s.phone FROM staff_user s JOIN role_assignment r ON r.user_id = s.id JOIN unit u ON u.id = r.unit_id
      WHERE s.active AND r.role = 'postal' AND $1 LIKE u.path || '%'`,
    [receivingPath],
  );
  return rows;
}

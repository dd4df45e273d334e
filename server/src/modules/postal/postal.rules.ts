import type { TProcessingTime } from '../procedures/procedure.contract.js';
import { instantOfDay, vnDayNumber } from '../working-calendar/vn-time.js';

/**
 * PURE: the life of a pickup order and of a result shipment of the public postal service (Quyết định 45/2016/QĐ-TTg).
 * Pickup (Điều 6–7): requested → picked_up (Phiếu gửi hồ sơ signed, fees collected) → handed_over (Biên bản giao nhận
 * signed at the desk: the dossier exists from that moment), or cancelled before the hand-over.
 * Shipment (Điều 9–10): created (result ready) → handed_over (postal worker took the result and the originals) →
 * delivered (signed by the citizen: closes the dossier) | failed → handed_over again (re-delivery) | returned to the desk.
 */

export const pickupStatuses = ['requested', 'picked_up', 'handed_over', 'cancelled'] as const;
export type PickupStatus = (typeof pickupStatuses)[number];
export const pickupEvents = ['pick_up', 'hand_over', 'cancel'] as const;
export type PickupEvent = (typeof pickupEvents)[number];

const pickupTable = {
  requested: { pick_up: 'picked_up', cancel: 'cancelled' },
  picked_up: { hand_over: 'handed_over', cancel: 'cancelled' },
  handed_over: {},
  cancelled: {},
} as const satisfies Record<PickupStatus, Partial<Record<PickupEvent, PickupStatus>>>;

export const shipmentStatuses = ['created', 'handed_over', 'delivered', 'failed', 'returned'] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];
export const shipmentEvents = ['hand_over', 'deliver', 'fail', 'return_to_desk'] as const;
export type ShipmentEvent = (typeof shipmentEvents)[number];

const shipmentTable = {
  created: { hand_over: 'handed_over' },
  handed_over: { deliver: 'delivered', fail: 'failed' },
  // After a failed attempt: deliver again (hand_over starts a new attempt) or bring the result back to the desk.
  failed: { hand_over: 'handed_over', return_to_desk: 'returned' },
  delivered: {},
  returned: {},
} as const satisfies Record<ShipmentStatus, Partial<Record<ShipmentEvent, ShipmentStatus>>>;

export type Transition<S, E> = { ok: true; to: S } | { ok: false; allowed: E[] };

export function pickupTransition(from: PickupStatus, event: PickupEvent): Transition<PickupStatus, PickupEvent> {
  const row: Partial<Record<PickupEvent, PickupStatus>> = pickupTable[from];
  const to = row[event];
  return to ? { ok: true, to } : { ok: false, allowed: Object.keys(row) as PickupEvent[] };
}

export function shipmentTransition(from: ShipmentStatus, event: ShipmentEvent): Transition<ShipmentStatus, ShipmentEvent> {
  const row: Partial<Record<ShipmentEvent, ShipmentStatus>> = shipmentTable[from];
  const to = row[event];
  return to ? { ok: true, to } : { ok: false, allowed: Object.keys(row) as ShipmentEvent[] };
}

export function isShipmentFinal(s: ShipmentStatus): boolean {
  return Object.keys(shipmentTable[s]).length === 0;
}

/** The operator's callback statuses and the shipment event each one means. */
export const operatorStatuses = ['picked_up', 'delivered', 'failed', 'returned'] as const;
export type OperatorStatus = (typeof operatorStatuses)[number];
export const operatorEventOf = { picked_up: 'hand_over', delivered: 'deliver', failed: 'fail', returned: 'return_to_desk' } as const satisfies Record<OperatorStatus, ShipmentEvent>;

export const pickupStatusLabels = { requested: 'Chờ bưu điện đến lấy', picked_up: 'Bưu điện đã nhận hồ sơ', handed_over: 'Đã giao cho bộ phận một cửa', cancelled: 'Đã hủy' } as const satisfies Record<PickupStatus, string>;
export const shipmentStatusLabels = {
  created: 'Chờ bưu điện nhận kết quả',
  handed_over: 'Bưu điện đang phát',
  delivered: 'Đã phát thành công',
  failed: 'Phát không thành công',
  returned: 'Đã chuyển trả bộ phận một cửa',
} as const satisfies Record<ShipmentStatus, string>;

/** 17:00 Vietnam time: the end of the day by which a same-day pickup or delivery must be done. */
const END_OF_DAY_MS = 17 * 3_600_000;

/**
 * When the postal worker must have fetched (or delivered): for a same-day procedure (thủ tục giải quyết trong ngày) the
 * same day (QĐ 45/2016 Điều 16: "tiếp nhận và chuyển phát trong ngày"), i.e. by 17:00 today, or by 17:00 tomorrow when
 * the request comes after that hour. Other procedures have no legal pickup time: null (the preferred time is shown).
 */
export function postalDueAt(now: Date, processingTime: TProcessingTime): Date | null {
  if (processingTime.unit !== 'same_day') return null;
  const today = vnDayNumber(now);
  const endToday = instantOfDay(today, END_OF_DAY_MS);
  return now.getTime() < endToday.getTime() ? endToday : instantOfDay(today + 1, END_OF_DAY_MS);
}

/** The confirmation code read to the citizen: 8 characters without look-alikes (0/O, 1/I). */
export function confirmationCode(random: Uint8Array): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(random.slice(0, 8), (b) => alphabet[b % alphabet.length]).join('');
}


import { z } from 'zod';
import { ZReceivedDocument } from '../dossiers/dossier.contract.js';
import { operatorStatuses, pickupStatuses, shipmentStatuses } from './postal.rules.js';

/** The citizen (or the desk, on a phone call) asks the postal service to fetch a dossier at home (QĐ 45/2016 Điều 6). */
export const ZPickupRequest = z.object({
  procedureId: z.string().uuid(),
  /** The one-stop desk the dossier goes to. */
  receivingUnitId: z.string().uuid(),
  applicant: z.object({
    kind: z.enum(['citizen', 'organisation']).default('citizen'),
    idNumber: z.string().trim().min(9).max(20),
    fullName: z.string().trim().min(2).max(200),
    email: z.string().trim().email().max(200).nullable().default(null),
  }),
  address: z.string().trim().min(5).max(500),
  phone: z.string().trim().min(9).max(20),
  preferredTime: z.string().trim().max(200).nullable().default(null),
  /** Option 3 of Điều 5: the result comes back by post too. */
  resultDelivery: z.enum(['desk', 'post']).default('post'),
});
export type TPickupRequest = z.infer<typeof ZPickupRequest>;

/** The citizen follows a pickup request: its code plus the phone given or the last 4 digits of the CCCD. */
export const ZPickupTrackInput = z.object({ code: z.string().trim().min(8).max(20), secret: z.string().trim().min(4).max(20) });
export const ZPickupTracking = z.object({
  confirmationCode: z.string(),
  procedureName: z.string(),
  receivingUnitName: z.string(),
  status: z.enum(pickupStatuses),
  statusLabel: z.string(),
  dueAt: z.date().nullable(),
  createdAt: z.date(),
  pickedUpAt: z.date().nullable(),
  handedOverAt: z.date().nullable(),
  trackingCode: z.string().nullable(),
  resultDelivery: z.string(),
  /** Once the desk signed the hand-over: the dossier's code, tracked on the dossier look-up. */
  dossierCode: z.string().nullable(),
  steps: z.array(z.object({ at: z.date(), label: z.string() })),
});

export const ZPickupConfirmation = z.object({ id: z.string().uuid(), confirmationCode: z.string(), status: z.enum(pickupStatuses), dueAt: z.date().nullable() });

/** The postal worker checked the documents with the citizen, both signed the Phiếu gửi, fees were collected (Điều 6). */
export const ZPickUpInput = z.object({
  documents: z.array(ZReceivedDocument).min(1).max(100),
  citizenSignedName: z.string().trim().min(2).max(200),
  feeVnd: z.number().int().min(0).max(1_000_000_000).default(0),
  feeReceiptNo: z.string().trim().min(1).max(50).nullable().default(null),
  postageVnd: z.number().int().min(0).max(10_000_000).default(0),
});
export type TPickUpInput = z.infer<typeof ZPickUpInput>;

/** The desk officer counted the parcel against the Phiếu gửi and signs the Biên bản giao nhận (Điều 7). */
export const ZHandOverInput = z.object({
  /** The competent unit; defaults to the desk's parent unit. */
  resolvingUnitId: z.string().uuid().optional(),
  postalSignerName: z.string().trim().min(2).max(200),
});
export type THandOverInput = z.infer<typeof ZHandOverInput>;

export const ZCancelInput = z.object({ reason: z.string().trim().min(3).max(1000) });

export const ZPickup = z.object({
  id: z.string().uuid(),
  confirmationCode: z.string(),
  procedureId: z.string().uuid(),
  procedureName: z.string(),
  receivingUnitId: z.string().uuid(),
  receivingUnitName: z.string(),
  applicant: z.object({ kind: z.string(), idNumber: z.string(), fullName: z.string(), email: z.string().nullable() }),
  address: z.string(),
  phone: z.string(),
  preferredTime: z.string().nullable(),
  requestedVia: z.string(),
  resultDelivery: z.string(),
  status: z.enum(pickupStatuses),
  statusLabel: z.string(),
  dueAt: z.date().nullable(),
  trackingCode: z.string().nullable(),
  documents: z.array(z.object({ name: z.string(), kind: z.string(), count: z.number() })),
  feeVnd: z.number(),
  feeReceiptNo: z.string().nullable(),
  postageVnd: z.number(),
  pickedUpByName: z.string().nullable(),
  pickedUpAt: z.date().nullable(),
  citizenSignedName: z.string().nullable(),
  handedOverAt: z.date().nullable(),
  deskSignedName: z.string().nullable(),
  postalSignerName: z.string().nullable(),
  dossierId: z.string().uuid().nullable(),
  dossierCode: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.date(),
});
export type TPickup = z.infer<typeof ZPickup>;

export const ZShipment = z.object({
  id: z.string().uuid(),
  dossierId: z.string().uuid(),
  dossierCode: z.string().nullable(),
  procedureName: z.string(),
  trackingCode: z.string().nullable(),
  status: z.enum(shipmentStatuses),
  statusLabel: z.string(),
  recipientName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  dueAt: z.date().nullable(),
  attempts: z.number().int(),
  originals: z.string().nullable(),
  handedOverAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  receivedBy: z.string().nullable(),
  failReason: z.string().nullable(),
  returnedAt: z.date().nullable(),
  charges: z.array(z.object({ kind: z.string(), amountVnd: z.number(), chargedTo: z.string(), reason: z.string(), createdAt: z.date() })),
});
export type TShipment = z.infer<typeof ZShipment>;

const ZCharge = z.object({
  amountVnd: z.number().int().min(0).max(10_000_000),
  /** "Chi phí phát sinh do sai sót thì bên có lỗi chịu" (Điều 11–12). */
  chargedTo: z.enum(['citizen', 'agency', 'postal']),
  reason: z.string().trim().min(3).max(1000),
});

/** What the postal worker records on a shipment: took the result (and originals), delivered, failed, brought back. */
export const ZShipmentEventInput = z.discriminatedUnion('event', [
  z.object({ event: z.literal('hand_over'), originals: z.string().trim().max(1000).nullable().default(null), postageVnd: z.number().int().min(0).max(10_000_000).optional(), charge: ZCharge.optional() }),
  z.object({ event: z.literal('deliver'), receivedBy: z.string().trim().min(2).max(200) }),
  z.object({ event: z.literal('fail'), reason: z.string().trim().min(3).max(1000) }),
  z.object({ event: z.literal('return_to_desk'), reason: z.string().trim().max(1000).nullable().default(null) }),
]);
export type TShipmentEventInput = z.infer<typeof ZShipmentEventInput>;

/** The desk records the citizen's choice of delivery by post (at intake or later, until the result is handed out). */
export const ZResultByPostInput = z.object({ address: z.string().trim().min(5).max(500), phone: z.string().trim().max(20).nullable().default(null) });

/** A status callback of the postal operator (signed; see postal.signature.ts). */
export const ZOperatorCallback = z.object({
  eventId: z.string().trim().min(6).max(100),
  trackingCode: z.string().trim().min(4).max(50),
  status: z.enum(operatorStatuses),
  occurredAt: z.string().datetime({ offset: true }),
  receivedBy: z.string().trim().max(200).optional(),
  reason: z.string().trim().max(1000).optional(),
});

export const ZPostalProcedure = z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), field: z.string(), agency: z.string(), postalIntake: z.boolean(), postalReturn: z.boolean() });

export const ZPostalSummary = z.object({
  unitId: z.string().uuid(),
  from: z.string(),
  to: z.string(),
  received: z.number().int(),
  receivedByPost: z.number().int(),
  returned: z.number().int(),
  returnedByPost: z.number().int(),
  /** Percentages with two decimals, as the seed reports print them (1,868 / 9,257 = 20.17 %). */
  receivedByPostRate: z.number(),
  returnedByPostRate: z.number(),
});

import { z } from 'zod';

export const ZPurpose = z.string().trim().min(3).max(500);
export const ZIdNumber = z.string().trim().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số');

export const ZPerson = z.object({ idNumber: z.string(), fullName: z.string(), birthDate: z.string(), sex: z.enum(['male', 'female']), permanentAddress: z.string() });
export const ZDeskConsentInput = z.object({ idNumber: ZIdNumber, unitId: z.string().uuid(), purpose: ZPurpose });
export const ZConsent = z.object({ id: z.string().uuid(), idNumber: z.string(), purpose: z.string(), expiresAt: z.date() });
export const ZDeskLookupInput = z.object({ idNumber: ZIdNumber, unitId: z.string().uuid() });
/**
 * The citizen confirms the consent in the same request (`consent` must be true), from the e-form of `procedureId` they
 * are submitting to `unitId`: the log says which unit and procedure the look-up was for.
 */
export const ZCitizenLookupInput = z.object({ purpose: ZPurpose, consent: z.literal(true), procedureId: z.string().uuid(), unitId: z.string().uuid() });
export const ZLookupView = z.object({
  at: z.date(),
  idNumber: z.string(),
  purpose: z.string(),
  actorKind: z.string(),
  actorName: z.string(),
  unitName: z.string().nullable(),
  /** The procedure whose e-form was being filled (look-ups from the portal). */
  procedureName: z.string().nullable(),
  outcome: z.string(),
  /** The consent the look-up relied on: given on the portal by the citizen or at a desk, when, valid until. */
  consentVia: z.string(),
  consentGivenAt: z.date(),
  consentExpiresAt: z.date(),
});

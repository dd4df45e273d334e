import { z } from 'zod';

/** What the desk types: a 12-digit CCCD (spaces allowed, as read aloud or printed on the card). */
export const ZApplicantLookupQuery = z.object({
  idNumber: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s+/g, ''))
    // Said in words: a regular expression is no message for an officer (walked: "phải khớp với mẫu /^\d{12}$/").
    .pipe(z.string().regex(/^\d{12}$/, 'Số định danh cá nhân (số CCCD) phải gồm đúng 12 chữ số.')),
});

/** An applicant the province already knows, with where the facts come from (the officer checks them against the card). */
export const ZKnownApplicant = z.object({
  found: z.boolean(),
  applicant: z
    .object({
      idNumber: z.string(),
      fullName: z.string(),
      birthDate: z.string().nullable(),
      gender: z.enum(['male', 'female']).nullable(),
      address: z.string().nullable(),
      addressUnitId: z.string().uuid().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      /** earlier_dossier: the newest dossier of this person in the province; citizen_account: a verified account. */
      sources: z.array(z.enum(['earlier_dossier', 'citizen_account'])),
      lastDossierAt: z.date().nullable(),
    })
    .nullable(),
});
export type TKnownApplicant = z.infer<typeof ZKnownApplicant>;

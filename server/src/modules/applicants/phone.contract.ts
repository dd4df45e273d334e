import { z } from 'zod';
import { normalizeMobileVn, normalizePhoneVn, type PhoneResult } from './phone.rules.js';

/** A phone field checked by `normalize` and kept in its national form; an empty answer is no number. */
function phoneField(normalize: (input: string) => PhoneResult) {
  return z
    .string()
    .trim()
    .max(30)
    .transform((s, ctx) => {
      if (s === '') return null;
      const p = normalize(s);
      if (!p.ok) {
        ctx.addIssue({ code: 'custom', message: p.reasonVi });
        return z.NEVER;
      }
      return p.national;
    });
}

/**
 * A Vietnamese phone number as people write it (`0912 345 678`, `+84 912.345.678`, `(028) 3829 1234`), checked and
 * stored in its national form, so that intake, the profile and public tracking compare the same digits. An empty
 * answer is no number.
 */
export const ZPhoneVn = phoneField(normalizePhoneVn);

/**
 * A Vietnamese mobile number (one that receives SMS: one-time codes, notices), written in any usual way and stored in
 * its national form; a fixed line or an unknown prefix is refused with the rule's reason.
 */
export const ZMobileVn = phoneField(normalizeMobileVn);
